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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.sandbox.BlueskyRecord;
import org.socialweave.sandbox.Fault;

/**
 * Two nodes of the distribution on one PostgreSQL schema: the engagement behind best times is read
 * from the network once per fetch period, not once per node, and both nodes suggest the same times;
 * they publish the same outbox: each job is claimed by one of them (both take part), every post
 * reaches the sandbox exactly once, and when one node dies mid-run the other takes over its jobs
 * after their lease and reconciles them.
 */
public class MultiNodeIT extends NodeProcessSupport {

  static final String SCHEMA = "multi_node";
  static final int ACCOUNTS = 4;
  static final int POSTS = 240;

  /** Published Bluesky posts whose engagement the nodes fetch. */
  static final int MEASURED = 3;

  /** The best-time fetch runs once a minute (its shortest period) and reads every post each run. */
  static final Duration FETCH_PERIOD = Duration.ofMinutes(1);

  static final String BLUESKY_HANDLE = "multi.bsky.social";
  static final String BLUESKY_APP_PASSWORD = "mult-inod-esan-dbox";

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
    for (KarafNode node : List.of(first, second)) {
      node.writeConfig(
          "org.socialweave.connector.bluesky", "serviceUrl = " + sandbox.bluesky().serviceUrl());
    }
    first.writeConfig("org.socialweave.content.besttimes", bestTimeSettings("node-a"));
    second.writeConfig("org.socialweave.content.besttimes", bestTimeSettings("node-b"));
  }

  private static String[] bestTimeSettings(String nodeId) {
    return new String[] {
      "nodeId = " + nodeId,
      "fetchIntervalMinutes = " + FETCH_PERIOD.toMinutes(),
      // Every run reads every post again, so a second node fetching too would show at once.
      "refreshHours = 0",
      "minSamples = 1"
    };
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
  public void twoNodesFetchEngagementOncePerPeriodShareTheOutboxAndOneFinishesTheJobsOfTheOther()
      throws Exception {
    first.start();
    forgetReadiness();
    awaitReady();
    // The second node starts on the schema the first one migrated, with its vault key.
    second.shareVaultKeyOf(first);
    second.start();
    await("the second node's health", Duration.ofSeconds(180), this::secondNodeIsUp);

    Credentials admin = login("admin", ADMIN_PASSWORD);
    List<String> channels = workspaceWithChannels(admin, "multi", ACCOUNTS);
    engagementIsFetchedOncePerPeriodAndBothNodesSuggestTheSameTimes(admin);
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

  /**
   * Both nodes ask for the fetch lease every minute; the sandbox's record of {@code getPosts} calls
   * shows each post read once per period, by whichever node holds the lease.
   */
  private void engagementIsFetchedOncePerPeriodAndBothNodesSuggestTheSameTimes(Credentials admin) {
    String did = sandbox.bluesky().addAccount(BLUESKY_HANDLE, null, BLUESKY_APP_PASSWORD);
    // Bluesky reports no impressions: the rate is per follower.
    sandbox.bluesky().setFollowers(did, 1000);
    Reply connected =
        json(
            "POST",
            "/api/v1/workspaces/multi/channels",
            admin,
            "{\"network\":\"bluesky\",\"fields\":{\"identifier\":\""
                + BLUESKY_HANDLE
                + "\",\"appPassword\":\""
                + BLUESKY_APP_PASSWORD
                + "\"}}");
    assertEquals(connected.toString(), 201, connected.status());
    String channel = connected.json().path("id").asText();
    for (String postId : drafts(admin, "multi", List.of(channel), MEASURED).keySet()) {
      Reply published =
          json("POST", "/api/v1/workspaces/multi/posts/" + postId + "/publish", admin, "");
      assertEquals(published.toString(), 200, published.status());
    }
    await(
        "the measured posts on Bluesky",
        Duration.ofSeconds(60),
        () -> sandbox.bluesky().records(did).size() == MEASURED);
    List<String> uris = sandbox.bluesky().records(did).stream().map(BlueskyRecord::uri).toList();
    for (int i = 0; i < MEASURED; i++) {
      sandbox.bluesky().setCounts(uris.get(i), 10L * (i + 1), i, 0);
    }

    // When each read of each post was seen; two periods of reads, whichever node made them.
    Map<String, List<Instant>> reads = new HashMap<>();
    uris.forEach(uri -> reads.put(uri, new ArrayList<>()));
    await(
        "two fetch periods of reads of every post",
        FETCH_PERIOD.multipliedBy(3),
        () -> {
          Instant now = Instant.now();
          Map<String, Long> counts = getPostsCallsPerUri();
          reads.forEach(
              (uri, seen) -> {
                while (seen.size() < counts.getOrDefault(uri, 0L)) {
                  seen.add(now);
                }
              });
          return reads.values().stream().allMatch(seen -> seen.size() >= 2);
        });
    // A second node fetching in the same period would read each post again within seconds.
    Duration leastGap = FETCH_PERIOD.minusSeconds(10);
    reads.forEach(
        (uri, seen) -> {
          for (int i = 1; i < seen.size(); i++) {
            Duration gap = Duration.between(seen.get(i - 1), seen.get(i));
            assertTrue(
                uri + " read again after " + gap + ", within one fetch period: " + seen,
                gap.compareTo(leastGap) >= 0);
          }
        });

    String bestTimes = "/api/v1/workspaces/multi/channels/" + channel + "/best-times?limit=3";
    Reply onFirst = get(bestTimes, admin);
    Reply onSecond = sendTo(secondPort, "GET", bestTimes, admin, null, null);
    assertEquals(onFirst.toString(), 200, onFirst.status());
    assertEquals(onSecond.toString(), 200, onSecond.status());
    assertEquals("HISTORY", onFirst.json().path("basis").asText());
    assertEquals(MEASURED, onFirst.json().path("measuredPosts").asInt());
    assertEquals("both nodes suggest the same times", onFirst.json(), onSecond.json());
  }

  /** The sandbox's own count of {@code app.bsky.feed.getPosts} calls, per post asked for. */
  private Map<String, Long> getPostsCallsPerUri() {
    return sandbox.bluesky().calls().stream()
        .filter(call -> call.nsid().equals("app.bsky.feed.getPosts") && call.status() == 200)
        .flatMap(call -> call.params().getOrDefault("uris", List.of()).stream())
        .collect(Collectors.groupingBy(uri -> uri, Collectors.counting()));
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
            + " WHERE lease_owner IS NOT NULL AND network = 'mastodon'",
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
        "SELECT COUNT(*) FROM "
            + SCHEMA
            + ".sw_publish_job WHERE status = 'PUBLISHED' AND network = 'mastodon'",
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
