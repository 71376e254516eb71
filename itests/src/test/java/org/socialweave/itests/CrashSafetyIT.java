package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.sandbox.Fault;

/**
 * Kills the node with SIGKILL while hundreds of posts are being published to the sandbox, starts it
 * again on the same PostgreSQL, and proves with the sandbox's own record (it runs in this JVM, so
 * it survives the kill) that every post went out exactly once. Some requests are answered late
 * after the sandbox stored them, so the kill catches posts that the network has and the node never
 * heard back about: they must be reconciled, not sent again. Visitors follow a short link all
 * along: every redirect answered before the kill must be counted after the restart.
 *
 * <p>Not a Pax Exam test: the node is the built distribution, unpacked and started as its own
 * process, since a container cannot be killed by the test running inside it.
 */
public class CrashSafetyIT extends NodeProcessSupport {

  static final int ACCOUNTS = 4;
  static final int POSTS_PER_ACCOUNT = 75;
  static final String SCHEMA = "crash_safety";
  static final int VISITORS = 2;

  private KarafNode node;

  @Before
  public void setUp() throws Exception {
    KarafNode.resetSchema(SCHEMA);
    node = KarafNode.unpack("crash-safety");
    node.configure(
        SCHEMA, HTTP_PORT, "leaseSeconds = 15", "backoffBaseSeconds = 1", "backoffCapSeconds = 2");
    // Clicks wait two seconds before they are stored: the kill finds many answered, none stored.
    node.writeConfig(
        "org.socialweave.links", "publicBaseUrl = " + url(""), "flushIntervalMillis = 2000");
  }

  @After
  public void tearDown() {
    node.kill();
  }

  @Test
  public void everyPostIsPublishedExactlyOnceAcrossAKill() throws Exception {
    node.start();
    awaitNode();
    Credentials admin = login("admin", ADMIN_PASSWORD);
    List<String> channels = workspaceWithChannels(admin, "crash", ACCOUNTS);
    Map<String, String> textOfPost = drafts(admin, "crash", channels, ACCOUNTS * POSTS_PER_ACCOUNT);
    ShortLink link = shortLink(admin);
    Clicks clicks = new Clicks(link);
    await("clicks answered", Duration.ofSeconds(30), () -> clicks.answered() >= 200);
    // Every answer comes late, after the sandbox stored the status: the kill finds the posts in
    // flight stored on the network and unanswered.
    for (String token : tokens) {
      sandbox.mastodon().inject(token, Fault.delay(Duration.ofMillis(300)), POSTS_PER_ACCOUNT);
    }
    for (String postId : textOfPost.keySet()) {
      Reply published =
          json("POST", "/api/v1/workspaces/crash/posts/" + postId + "/publish", admin, "");
      assertEquals(published.toString(), 200, published.status());
    }
    await("a third published", Duration.ofSeconds(60), () -> statuses().size() >= 100);
    node.kill();
    clicks.stop();
    int beforeRestart = statuses().size();
    assertTrue("the kill came mid-run: " + beforeRestart, beforeRestart < textOfPost.size());

    node.start();
    awaitNode();
    Credentials again = login("admin", ADMIN_PASSWORD);
    // Jobs of the dead node wait for their lease (15 s here), then are reconciled.
    await(
        "every post published after the restart",
        Duration.ofSeconds(180),
        () -> published(again, "crash") == textOfPost.size());

    assertEachPublishedExactlyOnce(textOfPost);
    long reconciled = node.logLines(": reconciling");
    assertTrue("the kill left jobs in doubt, which were reconciled: " + reconciled, reconciled > 0);

    // Every answered redirect is counted once; a request cut off by the kill may count or not.
    await(
        "the clicks of the killed node stored",
        Duration.ofSeconds(60),
        () -> humanClicks(again, link) >= clicks.answered());
    long stored = humanClicks(again, link);
    assertTrue(
        stored + " stored, " + clicks.answered() + " answered, " + clicks.sent() + " sent",
        stored >= clicks.answered() && stored <= clicks.sent());
  }

  private record ShortLink(String id, String code) {}

  private ShortLink shortLink(Credentials admin) {
    Reply link =
        json(
            "POST",
            "/api/v1/workspaces/crash/links",
            admin,
            "{\"target\":\"https://shop.example/crash\"}");
    assertEquals(link.toString(), 201, link.status());
    return new ShortLink(link.json().path("id").asText(), link.json().path("code").asText());
  }

  private long humanClicks(Credentials who, ShortLink link) {
    Reply detail = get("/api/v1/workspaces/crash/links/" + link.id(), who);
    return detail.status() == 200 ? detail.json().path("clicks").path("human").asLong() : -1;
  }

  /** Visitors following the short link until the node stops answering. */
  private final class Clicks {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ExecutorService visitors = Executors.newFixedThreadPool(VISITORS);

    Clicks(ShortLink link) {
      HttpRequest click =
          HttpRequest.newBuilder(URI.create(url("/s/" + link.code())))
              .header("User-Agent", BROWSER)
              .timeout(Duration.ofSeconds(10))
              .build();
      for (int i = 0; i < VISITORS; i++) {
        visitors.execute(
            () -> {
              while (!stopped.get()) {
                sent.incrementAndGet();
                try {
                  if (http.send(click, HttpResponse.BodyHandlers.discarding()).statusCode()
                      == 302) {
                    answered.incrementAndGet();
                  }
                } catch (IOException e) {
                  return; // the node is gone
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            });
      }
    }

    long sent() {
      return sent.get();
    }

    long answered() {
      return answered.get();
    }

    void stop() throws InterruptedException {
      stopped.set(true);
      visitors.shutdown();
      assertTrue(visitors.awaitTermination(30, TimeUnit.SECONDS));
    }
  }

  /** Waits until the newly started node answers on every core resource. */
  private void awaitNode() {
    forgetReadiness();
    awaitReady();
  }
}
