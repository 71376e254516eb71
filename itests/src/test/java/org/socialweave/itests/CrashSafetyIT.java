package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.sandbox.Fault;

/**
 * Kills the node with SIGKILL while hundreds of posts are being published to the sandbox, starts it
 * again on the same PostgreSQL, and proves with the sandbox's own record (it runs in this JVM, so
 * it survives the kill) that every post went out exactly once. Some requests are answered late
 * after the sandbox stored them, so the kill catches posts that the network has and the node never
 * heard back about: they must be reconciled, not sent again.
 *
 * <p>Not a Pax Exam test: the node is the built distribution, unpacked and started as its own
 * process, since a container cannot be killed by the test running inside it.
 */
public class CrashSafetyIT extends NodeProcessSupport {

  static final int ACCOUNTS = 4;
  static final int POSTS_PER_ACCOUNT = 75;
  static final String SCHEMA = "crash_safety";

  private KarafNode node;

  @Before
  public void setUp() throws Exception {
    KarafNode.resetSchema(SCHEMA);
    node = KarafNode.unpack("crash-safety");
    node.configure(
        SCHEMA, HTTP_PORT, "leaseSeconds = 15", "backoffBaseSeconds = 1", "backoffCapSeconds = 2");
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
  }

  /** Waits until the newly started node answers on every core resource. */
  private void awaitNode() {
    forgetReadiness();
    awaitReady();
  }
}
