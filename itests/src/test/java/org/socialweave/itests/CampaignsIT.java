package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Campaigns, the CSV import and the calendar export over REST on the demo node: a post names a
 * campaign, a GBK file is previewed and imported, and the calendar comes back as CSV and iCalendar.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CampaignsIT extends ItestSupport {

  @Configuration
  public Option[] config() {
    List<Option> options = baseOptions();
    options.add(editConfigurationFilePut("etc/org.socialweave.bootstrap.cfg", "demoData", "true"));
    // The demo workspace's channels are connected to the node's own sandbox, as in PublishingIT.
    options.add(
        editConfigurationFilePut(
            "etc/org.socialweave.sandbox.cfg", "port", Integer.toString(freePort())));
    options.add(
        editConfigurationFilePut("etc/org.socialweave.channels.cfg", "publicBaseUrl", url("")));
    return options.toArray(new Option[0]);
  }

  private Credentials admin;

  @Before
  public void logIn() {
    awaitReady();
    admin = login("admin", ADMIN_PASSWORD);
  }

  private List<JsonNode> demoChannels() {
    List<JsonNode> items = new ArrayList<>();
    await(
        "the demo channels",
        Duration.ofSeconds(90),
        () -> {
          items.clear();
          getSettled("/api/v1/workspaces/demo/channels", admin)
              .json()
              .path("items")
              .forEach(items::add);
          return items.size() >= 2;
        });
    return items;
  }

  private JsonNode createCampaign(String name) {
    Reply created =
        json(
            "POST",
            "/api/v1/workspaces/demo/campaigns",
            admin,
            "{\"name\":\""
                + name
                + "\",\"objective\":\"Winter launch\",\"kpi\":\"ENGAGEMENT_RATE\","
                + "\"targetValue\":4.5,\"deadline\":\"2030-01-31\",\"tags\":[\"winter\"]}");
    assertEquals(created.toString(), 201, created.status());
    return created.json();
  }

  @Test
  public void aCampaignIsKeptWithItsGoalAndCannotBeDeletedWhilePostsNameIt() {
    String channel = demoChannels().get(0).path("id").asText();
    JsonNode campaign = createCampaign("Winter " + Long.toString(System.nanoTime(), 36));
    String id = campaign.path("id").asText();
    String path = "/api/v1/workspaces/demo/campaigns/" + id;
    Reply read = get(path, admin);
    assertEquals(200, read.status());
    assertEquals("ENGAGEMENT_RATE", read.json().path("kpi").asText());
    assertEquals("PLANNED", read.json().path("status").asText());
    String etag = read.header("ETag");

    Reply unknown =
        json(
            "POST",
            "/api/v1/workspaces/demo/posts",
            admin,
            "{\"text\":\"x\",\"campaignId\":\"01NOSUCHCAMPAIGN\",\"channelIds\":[\""
                + channel
                + "\"]}");
    assertEquals(unknown.toString(), 400, unknown.status());
    assertEquals("campaignId", unknown.json().path("field").asText());
    Reply post =
        json(
            "POST",
            "/api/v1/workspaces/demo/posts",
            admin,
            "{\"text\":\"In the campaign\",\"campaignId\":\""
                + id
                + "\",\"channelIds\":[\""
                + channel
                + "\"]}");
    assertEquals(post.toString(), 201, post.status());

    Reply refused = send("DELETE", path, admin, null, null);
    assertEquals(refused.toString(), 409, refused.status());
    assertTrue(refused.header("Content-Type").startsWith("application/problem+json"));

    String active =
        "{\"name\":\"Renamed "
            + Long.toString(System.nanoTime(), 36)
            + "\",\"objective\":\"More reach\",\"kpi\":\"REACH\",\"targetValue\":100000,"
            + "\"deadline\":\"2030-03-01\",\"status\":\"ACTIVE\"}";
    Reply updated = json("PUT", path, admin, active, "If-Match", etag);
    assertEquals(updated.toString(), 200, updated.status());
    assertEquals("ACTIVE", updated.json().path("status").asText());
    Reply stale = json("PUT", path, admin, active, "If-Match", etag);
    assertEquals(stale.toString(), 412, stale.status());
  }

  @Test
  public void aGbkFileIsPreviewedThenImportedAndTheCalendarExported() {
    JsonNode channel = demoChannels().get(0);
    String name = "Import " + Long.toString(System.nanoTime(), 36);
    createCampaign(name);
    String at =
        LocalDateTime.ofInstant(Instant.now(), ZoneId.of("Asia/Shanghai"))
            .plusDays(2)
            .truncatedTo(ChronoUnit.HOURS)
            .toString();
    String csv =
        "text,channels,localTime,timeZone,campaign\r\n"
            + "冬季新品上市，欢迎选购 "
            + Long.toString(System.nanoTime(), 36)
            + ","
            + channel.path("displayName").asText()
            + ","
            + at
            + ",Asia/Shanghai,"
            + name
            + "\r\n";
    byte[] gbk = csv.getBytes(Charset.forName("GBK"));
    String imports = "/api/v1/workspaces/demo/posts/imports";

    Reply preview = send("POST", imports + "?dryRun=true", admin, "text/csv", gbk);
    assertEquals(preview.toString(), 200, preview.status());
    assertEquals("GB18030", preview.json().path("charset").asText());
    assertEquals(preview.body(), 0, preview.json().path("errors").size());

    byte[] bad = "text,channels\r\nhello,no-such-channel\r\n".getBytes(StandardCharsets.UTF_8);
    Reply badPreview = send("POST", imports, admin, "text/csv", bad);
    JsonNode error = badPreview.json().path("errors").get(0);
    assertEquals(2, error.path("row").asInt());
    assertEquals("channels", error.path("column").asText());
    Reply refused = send("POST", imports + "?dryRun=false", admin, "text/csv", bad);
    assertEquals(refused.toString(), 422, refused.status());
    Reply json = json("POST", imports + "?dryRun=false", admin, "{}");
    assertEquals(json.toString(), 415, json.status());

    Reply imported = send("POST", imports + "?dryRun=false", admin, "text/csv", gbk);
    assertEquals(imported.toString(), 200, imported.status());
    String postId = imported.json().path("postIds").get(0).asText();
    JsonNode post = get("/api/v1/workspaces/demo/posts/" + postId, admin).json();
    assertEquals("SCHEDULED", post.path("status").asText());

    String range = "?from=" + Instant.now() + "&to=" + Instant.now().plus(Duration.ofDays(3));
    Reply ics = get("/api/v1/workspaces/demo/posts/export.ics" + range, admin);
    assertEquals(ics.toString(), 200, ics.status());
    assertTrue(ics.header("Content-Type").startsWith("text/calendar"));
    assertTrue(ics.body().replace("\r\n ", "").contains("UID:" + postId + "@socialweave\r\n"));
    Reply exported = get("/api/v1/workspaces/demo/posts/export.csv" + range, admin);
    assertEquals(exported.toString(), 200, exported.status());
    assertTrue(exported.header("Content-Type").startsWith("text/csv"));
    assertTrue(exported.body().contains(postId));
    Reply noRange = get("/api/v1/workspaces/demo/posts/export.csv", admin);
    assertEquals(noRange.toString(), 400, noRange.status());
  }
}
