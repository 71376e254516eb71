package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.socialweave.sandbox.Fault;
import org.socialweave.sandbox.Sandbox;

/**
 * Publishing end to end on the demo node: posts composed over REST for several networks go out
 * through the real connectors to the sandbox, on time and exactly once, with their URLs; failures
 * injected by the sandbox are retried, reconciled or shown with what to do, and retried by one
 * call.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PublishingIT extends ItestSupport {

  static final int SANDBOX_PORT = Integer.getInteger("socialweave.itest.sandboxPort", freePort());

  @Configuration
  public Option[] config() {
    List<Option> options = baseOptions();
    options.add(editConfigurationFilePut("etc/org.socialweave.bootstrap.cfg", "demoData", "true"));
    options.add(
        editConfigurationFilePut(
            "etc/org.socialweave.sandbox.cfg", "port", Integer.toString(SANDBOX_PORT)));
    options.add(
        editConfigurationFilePut("etc/org.socialweave.channels.cfg", "publicBaseUrl", url("")));
    // Short retry delays, so a retried post goes out within the test.
    options.add(
        editConfigurationFilePut("etc/org.socialweave.publish.cfg", "backoffBaseSeconds", "1"));
    options.add(
        editConfigurationFilePut("etc/org.socialweave.publish.cfg", "backoffCapSeconds", "2"));
    options.add(
        CoreOptions.systemProperty("socialweave.itest.sandboxPort")
            .value(Integer.toString(SANDBOX_PORT)));
    return options.toArray(new Option[0]);
  }

  /** A sandbox of the test's own, whose faults the test controls; one per container. */
  private static Sandbox faulty;

  private static URI instance;

  private Credentials admin;

  @Before
  public void logIn() throws Exception {
    awaitReady();
    admin = login("admin", ADMIN_PASSWORD);
    // The demo channels connect while the node settles (each connector re-configured rebuilds the
    // JAX-RS application): once all six are there, the API is stable.
    demoChannels();
    if (faulty == null) {
      faulty = Sandbox.start(0);
      instance = faulty.mastodon().addInstance("faulty.social");
    }
  }

  @AfterClass
  public static void stopSandbox() {
    if (faulty != null) {
      faulty.close();
      faulty = null;
    }
  }

  private List<JsonNode> demoChannels() {
    List<JsonNode> items = new ArrayList<>();
    await(
        "the six demo channels",
        Duration.ofSeconds(90),
        () -> {
          items.clear();
          getSettled("/api/v1/workspaces/demo/channels", admin)
              .json()
              .path("items")
              .forEach(items::add);
          return items.size() == 6;
        });
    return items;
  }

  private String demoChannel(String network) {
    return demoChannels().stream()
        .filter(c -> c.path("network").asText().equals(network))
        .findFirst()
        .orElseThrow()
        .path("id")
        .asText();
  }

  /** A Mastodon channel of a new workspace on the test's own sandbox. */
  private String[] faultyChannel() {
    String slug = "pub" + System.nanoTime();
    Reply ws =
        json("POST", "/api/v1/workspaces", admin, "{\"slug\":\"" + slug + "\",\"name\":\"Pub\"}");
    assertEquals(ws.toString(), 201, ws.status());
    String token = "tok-" + System.nanoTime();
    faulty.mastodon().addAccount("faulty.social", token, "brand" + System.nanoTime());
    return new String[] {slug, mastodonChannel(admin, slug, instance, token), token};
  }

  private JsonNode createPost(String workspace, String text, String... channelIds) {
    StringBuilder ids = new StringBuilder();
    for (String id : channelIds) {
      ids.append(ids.length() == 0 ? "" : ",").append('"').append(id).append('"');
    }
    Reply created =
        json(
            "POST",
            "/api/v1/workspaces/" + workspace + "/posts",
            admin,
            "{\"text\":" + quote(text) + ",\"channelIds\":[" + ids + "]}");
    assertEquals(created.toString(), 201, created.status());
    return created.json();
  }

  private JsonNode awaitStatus(String workspace, String postId, String status) {
    JsonNode[] last = new JsonNode[1];
    try {
      await(
          "post " + postId + " " + status,
          Duration.ofSeconds(60),
          () -> {
            last[0] = get("/api/v1/workspaces/" + workspace + "/posts/" + postId, admin).json();
            return last[0].path("status").asText().equals(status);
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + last[0], e);
    }
    return last[0];
  }

  /**
   * A tag that makes a text unique without a long run of digits, which the privacy check would
   * rightly take for a card or phone number.
   */
  private static String unique() {
    return Long.toString(System.nanoTime(), 36);
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  public void aPostForThreeNetworksIsPublishedOnceEachWithItsUrlOnTheCalendar() {
    String telegram = demoChannel("telegram");
    String mastodon = demoChannel("mastodon");
    String bluesky = demoChannel("bluesky");
    JsonNode post =
        createPost("demo", "Winter launch ❄️ 冬季新品 " + unique(), telegram, mastodon, bluesky);
    assertEquals("DRAFT", post.path("status").asText());
    Reply published =
        json(
            "POST",
            "/api/v1/workspaces/demo/posts/" + post.path("id").asText() + "/publish",
            admin,
            "");
    assertEquals(published.toString(), 200, published.status());
    JsonNode done = awaitStatus("demo", post.path("id").asText(), "PUBLISHED");
    for (JsonNode v : done.path("variants")) {
      assertEquals(v.toString(), "PUBLISHED", v.path("status").asText());
      assertTrue(v.toString(), v.path("url").asText().startsWith("http"));
      assertEquals(v.toString(), 1, v.path("attempts").asInt());
    }
    Instant at = Instant.parse(done.path("scheduledAt").asText());
    Reply calendar =
        get(
            "/api/v1/workspaces/demo/posts?from="
                + at.minusSeconds(3600)
                + "&to="
                + at.plusSeconds(3600)
                + "&status=PUBLISHED",
            admin);
    assertEquals(calendar.toString(), 200, calendar.status());
    assertTrue(calendar.body(), calendar.body().contains(post.path("id").asText()));
    assertTrue(
        calendar.body(),
        calendar.body().contains(done.path("variants").get(0).path("url").asText()));
  }

  @Test
  public void aSponsoredPostWithoutAnAdLabelIsRefusedUntilItCarriesOne() {
    String mastodon = demoChannel("mastodon");
    String text = "Our new beans, try them " + unique();
    Reply created =
        json(
            "POST",
            "/api/v1/workspaces/demo/posts",
            admin,
            "{\"text\":"
                + quote(text)
                + ",\"sponsored\":true,\"channelIds\":["
                + quote(mastodon)
                + "]}");
    assertEquals(created.toString(), 201, created.status());
    assertTrue(created.toString(), created.json().path("sponsored").asBoolean());
    String path = "/api/v1/workspaces/demo/posts/" + created.json().path("id").asText();
    Reply refused = json("POST", path + "/publish", admin, "");
    assertEquals(refused.toString(), 422, refused.status());
    assertTrue(refused.toString(), refused.body().contains("disclosure.ad-label"));

    Reply labelled =
        json(
            "PUT",
            path,
            admin,
            "{\"text\":"
                + quote("#ad " + text)
                + ",\"sponsored\":true,\"channelIds\":["
                + quote(mastodon)
                + "]}",
            "If-Match",
            "\"" + created.json().path("version").asLong() + "\"");
    assertEquals(labelled.toString(), 200, labelled.status());
    Reply published = json("POST", path + "/publish", admin, "");
    assertEquals(published.toString(), 200, published.status());
    awaitStatus("demo", created.json().path("id").asText(), "PUBLISHED");
  }

  @Test
  public void aScheduledPostGoesOutOnTime() {
    String mastodon = demoChannel("mastodon");
    JsonNode post = createPost("demo", "On time " + unique(), mastodon);
    Instant due = Instant.now().plusSeconds(3);
    Reply scheduled =
        json(
            "POST",
            "/api/v1/workspaces/demo/posts/" + post.path("id").asText() + "/schedule",
            admin,
            "{\"scheduledAt\":\"" + due + "\",\"timeZone\":\"Asia/Shanghai\"}");
    assertEquals(scheduled.toString(), 200, scheduled.status());
    assertEquals("SCHEDULED", scheduled.json().path("status").asText());
    assertEquals("Asia/Shanghai", scheduled.json().path("timeZone").asText());
    JsonNode done = awaitStatus("demo", post.path("id").asText(), "PUBLISHED");
    Instant publishedAt = Instant.parse(done.path("variants").get(0).path("publishedAt").asText());
    assertTrue("not early: " + publishedAt, !publishedAt.isBefore(due.minusSeconds(1)));
    assertTrue("late: " + publishedAt + " for " + due, publishedAt.isBefore(due.plusSeconds(5)));
  }

  @Test
  public void badSchedulesArePreciseProblemsAndChangeNothing() {
    String mastodon = demoChannel("mastodon");
    JsonNode post = createPost("demo", "Never in the past", mastodon);
    String path = "/api/v1/workspaces/demo/posts/" + post.path("id").asText();
    Reply past =
        json("POST", path + "/schedule", admin, "{\"scheduledAt\":\"2020-01-01T00:00:00Z\"}");
    assertEquals(past.toString(), 400, past.status());
    assertEquals("scheduledAt", past.json().path("field").asText());
    Reply zone =
        json(
            "POST",
            path + "/schedule",
            admin,
            "{\"localTime\":\"2030-01-01T09:00\",\"timeZone\":\"Mars/Base\"}");
    assertEquals(zone.toString(), 400, zone.status());
    assertEquals("timeZone", zone.json().path("field").asText());
    Reply notFailed =
        json(
            "POST",
            path + "/variants/" + post.path("variants").get(0).path("id").asText() + "/retry",
            admin,
            "");
    assertEquals(notFailed.toString(), 409, notFailed.status());
    Reply stale =
        json(
            "PUT",
            path,
            admin,
            "{\"text\":\"x\",\"channelIds\":[\"" + mastodon + "\"]}",
            "If-Match",
            "\"999\"");
    assertEquals(stale.toString(), 412, stale.status());
    assertEquals("DRAFT", get(path, admin).json().path("status").asText());
  }

  @Test
  public void aLostAnswerAndAServerErrorStillPublishExactlyOnce() {
    String[] ch = faultyChannel();
    faulty.mastodon().inject(ch[2], Fault.acceptThenDrop(), 1);
    faulty.mastodon().inject(ch[2], Fault.serverError(503), 1);
    JsonNode post = createPost(ch[0], "Exactly once " + unique(), ch[1]);
    json(
        "POST",
        "/api/v1/workspaces/" + ch[0] + "/posts/" + post.path("id").asText() + "/publish",
        admin,
        "");
    JsonNode done = awaitStatus(ch[0], post.path("id").asText(), "PUBLISHED");
    assertEquals(1, faulty.mastodon().statuses(ch[2]).size());
    assertTrue(done.toString(), done.path("variants").get(0).path("attempts").asInt() >= 2);
  }

  @Test
  public void anEditWhileThePostIsBeingSentIsRefusedAndChangesNothing() {
    String[] ch = faultyChannel();
    // The network takes its time to answer: the post stays in flight meanwhile.
    faulty.mastodon().inject(ch[2], Fault.delay(Duration.ofSeconds(4)), 1);
    String text = "Slow network " + unique();
    JsonNode post = createPost(ch[0], text, ch[1]);
    String path = "/api/v1/workspaces/" + ch[0] + "/posts/" + post.path("id").asText();
    assertEquals(200, json("POST", path + "/publish", admin, "").status());
    JsonNode sending = awaitStatus(ch[0], post.path("id").asText(), "PUBLISHING");
    Reply edit =
        json(
            "PUT",
            path,
            admin,
            "{\"text\":\"edited\",\"channelIds\":[" + quote(ch[1]) + "]}",
            "If-Match",
            "\"" + sending.path("version").asLong() + "\"");
    assertEquals(edit.toString(), 409, edit.status());
    assertTrue(edit.toString(), edit.header("Content-Type").startsWith("application/problem+json"));
    JsonNode done = awaitStatus(ch[0], post.path("id").asText(), "PUBLISHED");
    assertEquals("the text as it was sent", text, done.path("text").asText());
    assertEquals(1, faulty.mastodon().statuses(ch[2]).size());
  }

  @Test
  public void aRefusedPostShowsTheReasonAndIsRetriedInOneCall() {
    String[] ch = faultyChannel();
    faulty.mastodon().inject(ch[2], Fault.error(422, "Validation failed: Text contains spam"), 1);
    JsonNode post = createPost(ch[0], "Refused once " + unique(), ch[1]);
    String path = "/api/v1/workspaces/" + ch[0] + "/posts/" + post.path("id").asText();
    json("POST", path + "/publish", admin, "");
    JsonNode failed = awaitStatus(ch[0], post.path("id").asText(), "FAILED");
    JsonNode variant = failed.path("variants").get(0);
    assertEquals(variant.toString(), "FAILED", variant.path("status").asText());
    assertTrue(variant.toString(), variant.path("failure").path("message").asText().length() > 0);
    assertTrue(variant.toString(), variant.path("failure").path("action").asText().length() > 0);
    assertEquals(0, faulty.mastodon().statuses(ch[2]).size());
    Reply retried =
        json("POST", path + "/variants/" + variant.path("id").asText() + "/retry", admin, "");
    assertEquals(retried.toString(), 200, retried.status());
    awaitStatus(ch[0], post.path("id").asText(), "PUBLISHED");
    assertEquals(1, faulty.mastodon().statuses(ch[2]).size());
  }

  @Test
  public void underApprovalAPostGoesOutOnlyAfterAnotherPersonApprovedItsRevision() {
    String[] ch = faultyChannel();
    String base = "/api/v1/workspaces/" + ch[0];
    String username = "approver" + System.nanoTime();
    Reply user =
        json(
            "POST",
            "/api/v1/users",
            admin,
            "{\"username\":\"" + username + "\",\"password\":\"a-long-password-1\"}");
    assertEquals(user.toString(), 201, user.status());
    String userId = user.json().path("id").asText();
    Reply granted = json("PUT", base + "/members/" + userId, admin, "{\"role\":\"APPROVER\"}");
    assertEquals(granted.toString(), 200, granted.status());
    String etag = get(base + "/approval-policy", admin).header("ETag");
    Reply policy =
        json(
            "PUT",
            base + "/approval-policy",
            admin,
            "{\"enabled\":true,\"stages\":[{\"name\":\"品牌审核\",\"role\":\"APPROVER\",\"rule\":\"ANY\",\"slaHours\":24}]}",
            "If-Match",
            etag);
    assertEquals(policy.toString(), 200, policy.status());

    JsonNode post = createPost(ch[0], "Approved first " + unique(), ch[1]);
    String path = base + "/posts/" + post.path("id").asText();
    Reply early = json("POST", path + "/publish", admin, "");
    assertEquals(early.toString(), 409, early.status());
    Reply submitted = json("POST", path + "/submit", admin, "");
    assertEquals(submitted.toString(), 201, submitted.status());
    String requestId = submitted.json().path("id").asText();
    Reply own =
        json(
            "POST",
            base + "/approvals/" + requestId + "/decisions",
            admin,
            "{\"verdict\":\"APPROVE\"}");
    assertEquals("the submitter cannot approve: " + own, 409, own.status());
    Credentials reviewer = login(username, "a-long-password-1");
    Reply queue = get(base + "/approvals?status=PENDING", reviewer);
    assertTrue(queue.body(), queue.body().contains(requestId));
    Reply approved =
        json(
            "POST",
            base + "/approvals/" + requestId + "/decisions",
            reviewer,
            "{\"verdict\":\"APPROVE\",\"comment\":\"好\"}");
    assertEquals(approved.toString(), 200, approved.status());
    assertEquals("APPROVED", approved.json().path("status").asText());
    Reply publish = json("POST", path + "/publish", admin, "");
    assertEquals(publish.toString(), 200, publish.status());
    awaitStatus(ch[0], post.path("id").asText(), "PUBLISHED");
    assertEquals(1, faulty.mastodon().statuses(ch[2]).size());
  }

  @Test
  public void theWatchdogReportsThePublishingQueueInHealth() {
    Reply health = get("/api/v1/health", Credentials.NONE);
    assertEquals(health.toString(), 200, health.status());
    assertTrue(health.body(), health.body().contains("publishing"));
  }
}
