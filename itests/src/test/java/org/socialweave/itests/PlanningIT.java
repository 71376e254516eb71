package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Templates and snippets, posting schedules with the queue, and best times over REST on the demo
 * node, whose channels publish to its own sandbox (X serves its metrics in X's wire format).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlanningIT extends ItestSupport {

  private static final String WS = "/api/v1/workspaces/demo";

  /** The daily post cap per user of the demo's X app (the X connector's postsPerUser24h). */
  private static final int X_POSTS_PER_DAY = 17;

  @Configuration
  public Option[] config() {
    List<Option> options = baseOptions();
    options.add(editConfigurationFilePut("etc/org.socialweave.bootstrap.cfg", "demoData", "true"));
    options.add(
        editConfigurationFilePut(
            "etc/org.socialweave.sandbox.cfg", "port", Integer.toString(freePort())));
    options.add(
        editConfigurationFilePut("etc/org.socialweave.channels.cfg", "publicBaseUrl", url("")));
    // The demo's X app is on an access level with X's Free-tier cap of 17 posts per user a day.
    options.add(
        editConfigurationFilePut(
            "etc/org.socialweave.connector.x.cfg",
            "postsPerUser24h",
            Integer.toString(X_POSTS_PER_DAY)));
    return options.toArray(new Option[0]);
  }

  private Credentials admin;

  @Before
  public void logIn() {
    awaitReady();
    admin = login("admin", ADMIN_PASSWORD);
  }

  private String demoChannel(String network) {
    List<JsonNode> items = new ArrayList<>();
    await(
        "the six demo channels",
        Duration.ofSeconds(90),
        () -> {
          items.clear();
          getSettled(WS + "/channels", admin).json().path("items").forEach(items::add);
          return items.size() == 6;
        });
    return items.stream()
        .filter(c -> c.path("network").asText().equals(network))
        .findFirst()
        .orElseThrow()
        .path("id")
        .asText();
  }

  private static String unique(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }

  private JsonNode createPost(String text, String channelId) {
    Reply created =
        json(
            "POST",
            WS + "/posts",
            admin,
            "{\"text\":\"" + text + "\",\"channelIds\":[\"" + channelId + "\"]}");
    assertEquals(created.toString(), 201, created.status());
    return created.json();
  }

  @Test
  public void aTemplateWithASnippetFillsAPostAndAnUnknownSnippetIsA400() {
    String channel = demoChannel("mastodon");
    String name = unique("sig-");
    Reply snippet =
        json("POST", WS + "/snippets", admin, "{\"name\":\"" + name + "\",\"text\":\"— 品牌团队\"}");
    assertEquals(snippet.toString(), 201, snippet.status());
    assertEquals("1", snippet.header("ETag").replace("\"", ""));

    Reply unknown =
        json(
            "POST",
            WS + "/templates",
            admin,
            "{\"name\":\"Bad\",\"text\":\"Hi {{snippet:" + name + "x}}\"}");
    assertEquals(unknown.toString(), 400, unknown.status());
    assertEquals("text", unknown.json().path("field").asText());
    assertTrue(unknown.body(), unknown.json().path("detail").asText().contains(name + "x"));

    String body =
        "{\"name\":\""
            + unique("Weekly ")
            + "\",\"text\":\"Tip of the week {{snippet:"
            + name
            + "}}\",\"channelIds\":[\""
            + channel
            + "\"],\"tags\":[\"tips\"]}";
    Reply template = json("POST", WS + "/templates", admin, body);
    assertEquals(template.toString(), 201, template.status());
    String path = WS + "/templates/" + template.json().path("id").asText();

    Reply draft = get(path + "/draft", admin);
    assertEquals(draft.toString(), 200, draft.status());
    assertEquals("Tip of the week — 品牌团队", draft.json().path("draft").path("text").asText());
    assertEquals("tips", draft.json().path("tags").get(0).asText());

    Reply post = json("POST", path + "/posts", admin, "{}");
    assertEquals(post.toString(), 201, post.status());
    assertEquals("Tip of the week — 品牌团队", post.json().path("text").asText());
    assertEquals(channel, post.json().path("variants").get(0).path("channelId").asText());

    Reply stale = json("PUT", path, admin, body, "If-Match", "\"7\"");
    assertEquals(stale.toString(), 412, stale.status());
    Reply listed = get(WS + "/templates?limit=200", admin);
    assertEquals(200, listed.status());
    assertTrue(listed.body().contains(template.json().path("id").asText()));
  }

  @Test
  public void theQueueFillsTheChannelsNextFreeSlotInItsZone() {
    String channel = demoChannel("x");
    String schedule = WS + "/channels/" + channel + "/schedule";
    Reply empty = get(schedule, admin);
    assertEquals(empty.toString(), 200, empty.status());
    assertEquals(0, empty.json().path("slots").size());
    // Two slots every day at 09:30 and 21:30 in New York.
    StringBuilder slots = new StringBuilder();
    for (String day :
        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
      for (String time : List.of("09:30", "21:30")) {
        slots.append(slots.length() == 0 ? "" : ",");
        slots.append("{\"day\":\"").append(day).append("\",\"time\":\"").append(time).append("\"}");
      }
    }
    String scheduleBody = "{\"timeZone\":\"America/New_York\",\"slots\":[" + slots + "]}";
    Reply noIfMatch = json("PUT", schedule, admin, scheduleBody);
    assertEquals(noIfMatch.toString(), 428, noIfMatch.status());
    Reply saved = json("PUT", schedule, admin, scheduleBody, "If-Match", empty.header("ETag"));
    assertEquals(saved.toString(), 200, saved.status());
    assertEquals(14, saved.json().path("slots").size());
    Reply badDay =
        json(
            "PUT",
            schedule,
            admin,
            "{\"slots\":[{\"day\":\"FUNDAY\",\"time\":\"09:30\"}]}",
            "If-Match",
            saved.header("ETag"));
    assertEquals(badDay.toString(), 400, badDay.status());

    Set<Instant> times = new HashSet<>();
    List<String> queuedPosts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JsonNode post = createPost(unique("Queued "), channel);
      String postPath = WS + "/posts/" + post.path("id").asText();
      Reply queued = json("POST", postPath + "/queue", admin, "");
      assertEquals(queued.toString(), 200, queued.status());
      JsonNode slot = queued.json().path("slots").get(0);
      assertEquals("America/New_York", slot.path("timeZone").asText());
      LocalTime local = LocalDateTime.parse(slot.path("localTime").asText()).toLocalTime();
      assertTrue(local.toString(), Set.of("09:30", "21:30").contains(local.toString()));
      Instant at = Instant.parse(slot.path("at").asText());
      assertEquals(
          at,
          Instant.parse(
              queued.json().path("post").path("variants").get(0).path("scheduledAt").asText()));
      assertEquals("SCHEDULED", queued.json().path("post").path("status").asText());
      assertTrue("a slot is used once", times.add(at));
      queuedPosts.add(postPath);
    }
    // Out of the dispatcher's way: the slots are in the future and become free again.
    for (String postPath : queuedPosts) {
      assertEquals(200, json("POST", postPath + "/cancel", admin, "").status());
    }
    Reply missing = json("POST", WS + "/posts/missing/queue", admin, "");
    assertEquals(missing.toString(), 404, missing.status());
  }

  @Test
  public void bestTimesComeFromFetchedEngagementOrAreMarkedAsDefaults() {
    String weibo = demoChannel("weibo");
    Reply defaults = get(WS + "/channels/" + weibo + "/best-times?limit=3", admin);
    assertEquals(defaults.toString(), 200, defaults.status());
    assertEquals("NETWORK_DEFAULTS", defaults.json().path("basis").asText());
    assertEquals(3, defaults.json().path("slots").size());
    assertEquals(0, defaults.json().path("slots").get(0).path("samples").asInt());

    String x = demoChannel("x");
    List<Instant> published = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = createPost(unique("Measured "), x).path("id").asText();
      assertEquals(200, json("POST", WS + "/posts/" + id + "/publish", admin, "").status());
      JsonNode[] done = new JsonNode[1];
      await(
          "post " + id + " published",
          Duration.ofSeconds(60),
          () -> {
            done[0] = get(WS + "/posts/" + id, admin).json();
            return "PUBLISHED".equals(done[0].path("status").asText());
          });
      published.add(Instant.parse(done[0].path("variants").get(0).path("publishedAt").asText()));
    }
    Reply fetch = json("POST", WS + "/channels/" + x + "/best-times/fetch", admin, "");
    assertEquals(fetch.toString(), 200, fetch.status());
    assertEquals(fetch.body(), 3, fetch.json().path("fetched").asInt());

    Reply best = get(WS + "/channels/" + x + "/best-times", admin);
    assertEquals(best.toString(), 200, best.status());
    assertEquals(3, best.json().path("measuredPosts").asInt());
    ZoneId zone = ZoneId.of(best.json().path("timeZone").asText());
    Set<String> cells = new HashSet<>();
    for (Instant at : published) {
      ZonedDateTime local = at.atZone(zone);
      cells.add(local.getDayOfWeek() + " " + local.getHour());
    }
    if (cells.size() == 1) {
      // The usual case: three posts within one hour make one cell of three samples.
      assertEquals(best.body(), "HISTORY", best.json().path("basis").asText());
      JsonNode top = best.json().path("slots").get(0);
      assertEquals(
          cells.iterator().next(), top.path("day").asText() + " " + top.path("hour").asInt());
      assertEquals(3, top.path("samples").asInt());
      assertTrue(top.path("medianEngagementRate").isNumber());
    } else {
      // The posts straddled an hour: no cell has the minimum sample yet.
      assertEquals(best.body(), "NETWORK_DEFAULTS", best.json().path("basis").asText());
    }
  }

  @Test
  public void theQuotaForecastWarnsForTheDayOverXsDailyCapUntilAPostOfItIsCancelledOrMoved() {
    String x = demoChannel("x");
    // Far enough ahead that no other test's posts share a 24-hour window with these.
    Instant busyDay = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(30));
    Instant burst = busyDay.plus(Duration.ofHours(10));
    Instant quietDay = busyDay.plus(Duration.ofDays(3));
    List<String> busy = new ArrayList<>();
    for (int i = 0; i <= X_POSTS_PER_DAY; i++) {
      busy.add(scheduledPost(x, burst.plus(Duration.ofMinutes(i))));
    }
    List<String> quiet = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      quiet.add(scheduledPost(x, quietDay.plus(Duration.ofHours(9 + i))));
    }
    String range = "?from=" + busyDay + "&to=" + quietDay.plus(Duration.ofDays(1));

    // One warning: the 24 hours from the burst's first post, 18 posts where X allows 17.
    JsonNode warning = onlyWarning(forecast(range));
    assertEquals(x, warning.path("channelId").asText());
    assertEquals("x", warning.path("network").asText());
    assertEquals("posts-per-user-24h", warning.path("limit").asText());
    assertEquals(burst, Instant.parse(warning.path("from").asText()));
    assertEquals(burst.plus(Duration.ofHours(24)), Instant.parse(warning.path("to").asText()));
    assertEquals(X_POSTS_PER_DAY + 1, warning.path("scheduled").asInt());
    assertEquals(X_POSTS_PER_DAY, warning.path("allowed").asInt());
    // A range that starts in the middle of the burst still counts the posts before it, as X will.
    JsonNode straddling =
        onlyWarning(forecast("?from=" + burst.plus(Duration.ofMinutes(10)) + "&to=" + quietDay));
    assertEquals(X_POSTS_PER_DAY + 1, straddling.path("scheduled").asInt());
    assertEquals(burst, Instant.parse(straddling.path("from").asText()));

    // Cancelled, one post of the busy day brings it to the cap: no warning.
    String cancelled = busy.get(busy.size() - 1);
    assertEquals(200, json("POST", WS + "/posts/" + cancelled + "/cancel", admin, "").status());
    assertEquals(0, forecast(range).size());
    // Scheduled again on the busy day, it warns again; moved to the quiet day, that day has 3
    // posts.
    scheduleAt(cancelled, burst.plus(Duration.ofHours(2)));
    assertEquals(X_POSTS_PER_DAY + 1, onlyWarning(forecast(range)).path("scheduled").asInt());
    scheduleAt(cancelled, quietDay.plus(Duration.ofHours(12)));
    assertEquals(0, forecast(range).size());

    // Bad ranges are 400 problems naming the field.
    assertProblem(WS + "/posts/quota-forecast?from=" + quietDay + "&to=" + busyDay, "to");
    assertProblem(WS + "/posts/quota-forecast?from=tomorrow&to=" + quietDay, "from");
    assertProblem(WS + "/posts/quota-forecast?from=" + busyDay, "to");
    assertProblem(
        WS + "/posts/quota-forecast?from=" + busyDay + "&to=" + busyDay.plus(Duration.ofDays(400)),
        "to");

    busy.addAll(quiet);
    for (String post : busy) {
      assertEquals(200, json("POST", WS + "/posts/" + post + "/cancel", admin, "").status());
    }
  }

  private String scheduledPost(String channel, Instant at) {
    String id = createPost(unique("Launch countdown "), channel).path("id").asText();
    scheduleAt(id, at);
    return id;
  }

  private void scheduleAt(String postId, Instant at) {
    Reply scheduled =
        json(
            "POST",
            WS + "/posts/" + postId + "/schedule",
            admin,
            "{\"scheduledAt\":\"" + at + "\"}");
    assertEquals(scheduled.toString(), 200, scheduled.status());
  }

  private JsonNode forecast(String query) {
    Reply forecast = get(WS + "/posts/quota-forecast" + query, admin);
    assertEquals(forecast.toString(), 200, forecast.status());
    return forecast.json().path("items");
  }

  private static JsonNode onlyWarning(JsonNode items) {
    assertEquals(items.toString(), 1, items.size());
    return items.get(0);
  }

  private void assertProblem(String path, String field) {
    Reply bad = get(path, admin);
    assertEquals(bad.toString(), 400, bad.status());
    assertTrue(bad.toString(), bad.header("Content-Type").startsWith("application/problem+json"));
    assertEquals(bad.toString(), field, bad.json().path("field").asText());
    assertFalse(bad.toString(), bad.json().path("detail").asText().isBlank());
  }
}
