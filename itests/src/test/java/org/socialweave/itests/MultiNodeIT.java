package org.socialweave.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.sandbox.Fault;

/**
 * Two nodes of the distribution on one PostgreSQL schema publish the same outbox: each job is
 * claimed by one of them (both take part), every post reaches the sandbox exactly once, and when
 * one node dies mid-run the other takes over its jobs after their lease and reconciles them.
 */
public class MultiNodeIT extends NodeProcessSupport {

  static final String SCHEMA = "multi_node";
  static final int ACCOUNTS = 4;
  static final int POSTS = 240;

  private final int secondPort = freePort();
  private KarafNode first;
  private KarafNode second;
  private ScheduledExecutorService sampler;

  @Before
  public void setUp() throws Exception {
    KarafNode.resetSchema(SCHEMA);
    first = KarafNode.unpack("multi-node-a");
    second = KarafNode.unpack("multi-node-b");
    first.configure(SCHEMA, HTTP_PORT, settings("node-a"));
    second.configure(SCHEMA, secondPort, settings("node-b"));
  }

  private static String[] settings(String nodeId) {
    return new String[] {
      "nodeId = " + nodeId, "leaseSeconds = 15", "backoffBaseSeconds = 1", "backoffCapSeconds = 2"
    };
  }

  @After
  public void tearDown() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
    first.kill();
    second.kill();
  }

  @Test
  public void twoNodesShareTheOutboxAndTheSurvivorFinishesTheJobsOfOneThatDied() throws Exception {
    first.start();
    forgetReadiness();
    awaitReady();
    // The second node starts on the schema the first one migrated, with its vault key.
    second.shareVaultKeyOf(first);
    second.start();
    await("the second node's health", Duration.ofSeconds(180), this::secondNodeIsUp);

    Credentials admin = login("admin", ADMIN_PASSWORD);
    List<String> channels = workspaceWithChannels(admin, "multi", ACCOUNTS);
    Map<String, String> textOfPost = drafts(admin, "multi", channels, POSTS);
    // Slow answers keep jobs leased long enough to see who holds them, and leave some in flight
    // when the first node dies.
    for (String token : tokens) {
      sandbox.mastodon().inject(token, Fault.delay(Duration.ofMillis(200)), POSTS / ACCOUNTS);
    }
    Set<String> leaseOwners = ConcurrentHashMap.newKeySet();
    sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleWithFixedDelay(
        () -> leaseOwners.addAll(leaseOwnersNow()), 0, 50, TimeUnit.MILLISECONDS);

    for (String postId : textOfPost.keySet()) {
      Reply published =
          json("POST", "/api/v1/workspaces/multi/posts/" + postId + "/publish", admin, "");
      assertEquals(published.toString(), 200, published.status());
    }
    await("half published", Duration.ofSeconds(90), () -> statuses().size() >= POSTS / 2);
    first.kill();
    int atKill = statuses().size();
    assertTrue("the kill came mid-run: " + atKill, atKill < POSTS);

    // The jobs the first node held come back to the second after their 15 s lease.
    await(
        "every job published by the survivor",
        Duration.ofSeconds(180),
        () -> publishedJobs() == POSTS);
    sampler.shutdownNow();

    assertEachPublishedExactlyOnce(textOfPost);
    assertTrue("both nodes claimed jobs: " + leaseOwners, leaseOwners.contains("node-a"));
    assertTrue("both nodes claimed jobs: " + leaseOwners, leaseOwners.contains("node-b"));
  }

  private boolean secondNodeIsUp() {
    try {
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + secondPort + "/api/v1/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return health.statusCode() == 200;
    } catch (Exception notYet) {
      return false;
    }
  }

  private Set<String> leaseOwnersNow() {
    return query(
        "SELECT DISTINCT lease_owner FROM "
            + SCHEMA
            + ".sw_publish_job"
            + " WHERE lease_owner IS NOT NULL",
        rs -> {
          Set<String> owners = new HashSet<>();
          while (rs.next()) {
            owners.add(rs.getString(1));
          }
          return owners;
        });
  }

  private long publishedJobs() {
    return query(
        "SELECT COUNT(*) FROM " + SCHEMA + ".sw_publish_job WHERE status = 'PUBLISHED'",
        rs -> rs.next() ? rs.getLong(1) : 0L);
  }

  private interface Rows<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private static <T> T query(String sql, Rows<T> rows) {
    try (Connection c = KarafNode.postgres();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rows.read(rs);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
