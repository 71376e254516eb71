package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
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
 * Short links on the real node: made over REST, followed at /s/{code} over real HTTP, counted as
 * human or bot clicks by the batched writer.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LinksIT extends ItestSupport {

  @Configuration
  public Option[] config() {
    List<Option> options = baseOptions();
    options.add(
        editConfigurationFilePut("etc/org.socialweave.links.cfg", "publicBaseUrl", url("")));
    options.add(
        editConfigurationFilePut("etc/org.socialweave.links.cfg", "flushIntervalMillis", "50"));
    return options.toArray(new Option[0]);
  }

  private Credentials admin;
  private String workspaceId;

  @Before
  public void setUp() {
    awaitReady();
    admin = login("admin", ADMIN_PASSWORD);
    String slug = "links" + Long.toString(System.nanoTime(), 36);
    Reply ws =
        json(
            "POST",
            "/api/v1/workspaces",
            admin,
            "{\"slug\":\"" + slug + "\",\"name\":\"Links\",\"timeZone\":\"Asia/Shanghai\"}");
    assertEquals(ws.toString(), 201, ws.status());
    workspaceId = ws.json().path("id").asText();
    // The links resource may join the whiteboard after the core ones awaitReady waits for.
    await("the links resource", Duration.ofSeconds(60), () -> get(links(), admin).status() == 200);
  }

  private String links() {
    return "/api/v1/workspaces/" + workspaceId + "/links";
  }

  @Test
  public void aLinkMadeOverRestRedirectsAndCountsHumanAndBotClicks() {
    String body =
        "{\"target\":\"https://shop.example/p/42?color=red#specs\","
            + "\"utm\":{\"source\":\"weibo\",\"medium\":\"social\",\"campaign\":\"spring sale\"},"
            + "\"attribution\":{\"campaignId\":\"camp-1\",\"postId\":\"post-1\",\"channelId\":\"ch-1\"}}";
    Reply created = json("POST", links(), admin, body);
    assertEquals(created.toString(), 201, created.status());
    JsonNode link = created.json();
    String target =
        "https://shop.example/p/42?color=red&utm_source=weibo&utm_medium=social"
            + "&utm_campaign=spring%20sale#specs";
    assertEquals(target, link.path("target").asText());
    assertEquals(
        "the same request gives the same link",
        link.path("code").asText(),
        json("POST", links(), admin, body).json().path("code").asText());

    URI shortUrl = URI.create(link.path("shortUrl").asText());
    assertEquals(url("/s/" + link.path("code").asText()), shortUrl.toString());
    Reply human =
        send("GET", shortUrl.getPath(), Credentials.NONE, null, null, "User-Agent", BROWSER);
    assertEquals(human.toString(), 302, human.status());
    assertEquals(target, human.header("Location"));
    assertTrue(human.header("Cache-Control"), human.header("Cache-Control").contains("no-store"));
    Reply preview =
        send(
            "GET",
            shortUrl.getPath(),
            Credentials.NONE,
            null,
            null,
            "User-Agent",
            "Twitterbot/1.0");
    assertEquals(302, preview.status());
    Reply head =
        send("HEAD", shortUrl.getPath(), Credentials.NONE, null, null, "User-Agent", BROWSER);
    assertEquals(302, head.status());

    String detail = links() + "/" + link.path("id").asText();
    await(
        "one human and two bot clicks",
        Duration.ofSeconds(20),
        () -> {
          JsonNode clicks = get(detail, admin).json().path("clicks");
          return clicks.path("human").asLong() == 1 && clicks.path("bot").asLong() == 2;
        });
    JsonNode stats = get(links() + "/clicks?postId=post-1", admin).json();
    assertEquals(stats.toString(), 1, stats.path("byChannel").path("ch-1").path("human").asLong());
    assertEquals(stats.toString(), 2, stats.path("byCampaign").path("camp-1").path("bot").asLong());
    JsonNode list = get(links(), admin).json();
    assertEquals(list.toString(), 1, list.path("items").size());
  }

  @Test
  public void unknownCodesGetANotFoundPageAndBadLinksAClearProblem() {
    Reply unknown =
        send("GET", "/s/NoSuchCod", Credentials.NONE, null, null, "User-Agent", BROWSER);
    assertEquals(404, unknown.status());
    assertTrue(
        unknown.header("Content-Type"), unknown.header("Content-Type").startsWith("text/html"));
    assertTrue(unknown.body(), unknown.body().contains("Link not found"));

    Reply ftp = json("POST", links(), admin, "{\"target\":\"ftp://files.example/x\"}");
    assertEquals(ftp.toString(), 400, ftp.status());
    assertTrue(ftp.toString(), ftp.body().contains("http or https"));
    assertEquals(404, get(links() + "/missing", admin).status());
  }
}
