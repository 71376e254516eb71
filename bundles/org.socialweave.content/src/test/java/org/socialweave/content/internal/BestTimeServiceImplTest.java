package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.content.BestTimeSlot;
import org.socialweave.api.content.BestTimes;
import org.socialweave.api.content.EngagementFetch;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;

/**
 * Best times on a real database: the engagement of published posts is fetched through the
 * connectors (bounded, stopping at a rate limit), tabled by weekday and hour in the channel's zone,
 * and answered with its evidence, or as the network's defaults when there is too little.
 */
public class BestTimeServiceImplTest extends ContentTestBase {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private MeasuredNetworks measured;
  private BestTimeServiceImpl bestTimes;
  private int platformIds;

  private static BestTimeServiceImpl.Config config(int batch, int minSamples) {
    return config(0, batch, minSamples);
  }

  private static BestTimeServiceImpl.Config config(int intervalMinutes, int batch, int minSamples) {
    return new BestTimeServiceImpl.Config() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return BestTimeServiceImpl.Config.class;
      }

      @Override
      public int fetchIntervalMinutes() {
        return intervalMinutes;
      }

      @Override
      public String nodeId() {
        return "";
      }

      @Override
      public int fetchBatch() {
        return batch;
      }

      @Override
      public int refreshHours() {
        return 6;
      }

      @Override
      public int fetchMaxAgeDays() {
        return 30;
      }

      @Override
      public int historyDays() {
        return 180;
      }

      @Override
      public int minSamples() {
        return minSamples;
      }
    };
  }

  @Before
  public void wireBestTimes() {
    measured = new MeasuredNetworks();
    PostingScheduleServiceImpl schedules =
        new PostingScheduleServiceImpl(
            unit, channels, measured, id -> Optional.of(ws), audit, clock);
    schedules.posts = posts;
    bestTimes = wire(config(100, 3), schedules);
  }

  private BestTimeServiceImpl wire(
      BestTimeServiceImpl.Config config, PostingScheduleServiceImpl schedules) {
    return wire(config, schedules, "node-a");
  }

  private BestTimeServiceImpl wire(
      BestTimeServiceImpl.Config config, PostingScheduleServiceImpl schedules, String node) {
    BestTimeServiceImpl service =
        new BestTimeServiceImpl(
            unit, channels, measured, id -> Optional.of(ws), clock, config, node);
    service.schedules = schedules;
    return service;
  }

  /** A post published on the channel at a Shanghai wall-clock time, with its metrics set. */
  private void published(String channelId, String localTime, long impressions, long likes) {
    Instant at = LocalDateTime.parse(localTime).atZone(SHANGHAI).toInstant();
    clock.set(at);
    Post post =
        posts.publishNow(
            ws.id(),
            posts
                .create(
                    ws.id(),
                    new PostDraft(
                        null, "at " + localTime, null, null, List.of(channelId), null, Map.of()),
                    "e")
                .id(),
            "e");
    String jobId = unit.read(em -> PostServiceImpl.jobs(em, List.of(post.id()))).get(0).id;
    outbox.claim(jobId, "n", at, Duration.ofMinutes(1)).orElseThrow();
    String platformId = channelId + "-" + platformIds++;
    outbox.published(jobId, platformId, URI.create("https://example.com/" + platformId), at);
    measured.metrics.put(platformId, new long[] {impressions, likes, 0, 0});
  }

  @Test
  public void theBestCellsComeFromTheChannelsOwnPostsWithTheirEvidence() {
    // Tuesday 10:00-10:59 in Shanghai: rates 5%, 7%, 6%.
    published(x, "2026-11-03T10:05", 1000, 50);
    published(x, "2026-11-10T10:40", 1000, 70);
    published(x, "2026-11-17T10:59", 1000, 60);
    // Wednesday 20:00: 10%, 20%, 30%.
    published(x, "2026-11-04T20:00", 100, 10);
    published(x, "2026-11-11T20:30", 100, 20);
    published(x, "2026-11-18T20:15", 100, 30);
    // Friday 09:00: two posts only, very good ones, below the minimum sample.
    published(x, "2026-11-06T09:00", 10, 9);
    published(x, "2026-11-13T09:00", 10, 9);
    clock.set(Instant.parse("2026-11-20T00:00:00Z"));

    EngagementFetch fetch = bestTimes.fetchEngagement(ws.id(), x);
    assertEquals(new EngagementFetch(8, 0, 0), fetch);
    BestTimes best = bestTimes.bestTimes(ws.id(), x, 5);
    assertEquals(BestTimes.Basis.HISTORY, best.basis());
    assertEquals("Asia/Shanghai", best.timeZone());
    assertEquals(8, best.measuredPosts());
    assertEquals(
        List.of(
            new BestTimeSlot(DayOfWeek.WEDNESDAY, 20, 3, 0.2),
            new BestTimeSlot(DayOfWeek.TUESDAY, 10, 3, 0.06)),
        best.slots());

    assertEquals(
        "nothing is read again before the refresh time",
        new EngagementFetch(0, 0, 0),
        bestTimes.fetchEngagement(ws.id(), x));
    clock.advance(Duration.ofHours(7));
    assertEquals(8, bestTimes.fetchEngagement(ws.id(), x).fetched());
  }

  @Test
  public void withoutImpressionsTheRateIsPerFollowerAndTheCellsAreInTheScheduleZone() {
    PostingScheduleServiceImpl schedules =
        new PostingScheduleServiceImpl(
            unit, channels, measured, id -> Optional.of(ws), audit, clock);
    schedules.put(ws.id(), weibo, "Europe/London", List.of(), 0, "a");
    bestTimes = wire(config(100, 2), schedules);
    measured.weiboFollowers = 1024;
    published(weibo, "2026-11-03T20:00", -1, 256);
    published(weibo, "2026-11-10T20:00", -1, 768);
    clock.set(Instant.parse("2026-11-20T00:00:00Z"));
    bestTimes.fetchEngagement(ws.id(), weibo);
    BestTimes best = bestTimes.bestTimes(ws.id(), weibo, 3);
    assertEquals(BestTimes.Basis.HISTORY, best.basis());
    // 20:00 in Shanghai is 12:00 in London in November.
    assertEquals(List.of(new BestTimeSlot(DayOfWeek.TUESDAY, 12, 2, 0.5)), best.slots());
  }

  @Test
  public void tooLittleHistoryAnswersTheNetworksDefaultsMarkedAsSuch() {
    published(x, "2026-11-03T10:05", 1000, 50);
    clock.set(Instant.parse("2026-11-20T00:00:00Z"));
    bestTimes.fetchEngagement(ws.id(), x);
    BestTimes best = bestTimes.bestTimes(ws.id(), x, 4);
    assertEquals(BestTimes.Basis.NETWORK_DEFAULTS, best.basis());
    assertEquals(1, best.measuredPosts());
    assertEquals(4, best.slots().size());
    for (BestTimeSlot slot : best.slots()) {
      assertEquals(0, slot.samples());
      assertNull(slot.medianEngagementRate());
    }
    assertTrue(best.note(), best.note().contains("not evidence"));
    assertThrows(ValidationException.class, () -> bestTimes.bestTimes(ws.id(), x, 0));
    assertThrows(NotFoundException.class, () -> bestTimes.bestTimes(ws.id(), "nochannel", 5));
  }

  @Test
  public void aFetchIsBoundedAndStopsAskingANetworkAtItsRateLimit() {
    for (int i = 0; i < 5; i++) {
      published(x, "2026-11-0" + (i + 2) + "T10:00", 100, i);
    }
    clock.set(Instant.parse("2026-11-20T00:00:00Z"));
    BestTimeServiceImpl bounded = wire(config(4, 3), bestTimes.schedules);
    measured.readsBeforeRateLimit.set(2);
    assertEquals(new EngagementFetch(2, 0, 2), bounded.fetchEngagement(ws.id(), x));
    assertEquals("the network was asked once more, then left alone", 2, measured.reads.get());
    measured.readsBeforeRateLimit.set(-1);
    assertEquals(new EngagementFetch(3, 0, 0), bounded.fetchEngagement(ws.id(), x));
  }

  @Test
  public void postsOfNetworksWithoutMetricsDoNotTakeTheBatchFromThoseWithMetrics() {
    String bluesky = channels.add(ws.id(), unique("bs"), "bluesky").id();
    published(x, "2026-11-02T10:00", 100, 1);
    published(x, "2026-11-03T10:00", 100, 2);
    for (int i = 0; i < 3; i++) {
      published(bluesky, "2026-11-1" + i + "T10:00", 100, 3);
    }
    clock.set(Instant.parse("2026-11-20T00:00:00Z"));
    EngagementFetcher fetcher = new EngagementFetcher(unit, channels, measured, clock);
    var bounds = new EngagementFetcher.Bounds(2, Duration.ofHours(6), Duration.ofDays(30));
    assertEquals(
        "the two X posts, though the three newer ones are on a network read without metrics",
        new EngagementFetch(2, 0, 0),
        fetcher.run(null, bounds));
    assertEquals(2, measured.reads.get());
    assertEquals(new EngagementFetch(0, 0, 0), fetcher.run(bluesky, bounds));
  }

  // ---- one fetch per period in a cluster

  private String leaseOwner() {
    return (String)
        testDb.value(
            "SELECT owner FROM sw_content_lease WHERE name = ?", PeriodLease.ENGAGEMENT_FETCH);
  }

  /** Frees the lease row the tests of the class share, as a lease run out long ago. */
  private void leaseRunOut() {
    testDb.update(
        "UPDATE sw_content_lease SET owner = NULL, lease_until = ? WHERE name = ?",
        Timestamp.from(Instant.parse("2000-01-01T00:00:00Z")),
        PeriodLease.ENGAGEMENT_FETCH);
  }

  @Test
  public void twoNodesOnOneDatabaseFetchOncePerPeriodAndTheOtherTakesOverWhenTheLeaseRunsOut() {
    published(x, "2026-11-03T10:05", 1000, 50);
    published(x, "2026-11-04T10:05", 1000, 60);
    clock.set(Instant.parse("2026-11-20T00:00:00Z"));
    leaseRunOut();
    // An hourly period; a post is read again after refreshHours (6).
    BestTimeServiceImpl.Config hourly = config(60, 100, 3);
    BestTimeServiceImpl a = wire(hourly, bestTimes.schedules, "node-a");
    BestTimeServiceImpl b = wire(hourly, bestTimes.schedules, "node-b");

    // Posts of the class's other tests are in the schema too (their reads fail here): count ours.
    assertEquals(2, a.fetchIfDue().orElseThrow().fetched());
    assertEquals("node-a", leaseOwner());
    assertEquals("node-b asks in node-a's period", Optional.empty(), b.fetchIfDue());
    clock.advance(Duration.ofMinutes(59));
    assertEquals(Optional.empty(), b.fetchIfDue());
    assertEquals("node-a's own next ask is early too", Optional.empty(), a.fetchIfDue());

    // node-a stops asking (it died); once its lease runs out node-b takes the next period.
    clock.advance(Duration.ofMinutes(1));
    assertEquals("read an hour ago", 0, b.fetchIfDue().orElseThrow().fetched());
    assertEquals("node-b", leaseOwner());
    assertEquals(Optional.empty(), a.fetchIfDue());
    clock.advance(Duration.ofHours(6));
    assertEquals(2, b.fetchIfDue().orElseThrow().fetched());
    assertEquals("node-b", leaseOwner());
  }

  @Test
  public void nodesAskingAtTheSameMomentRunOneFetch() throws Exception {
    clock.set(Instant.parse("2026-11-20T00:00:00Z"));
    leaseRunOut();
    BestTimeServiceImpl.Config hourly = config(60, 100, 3);
    List<BestTimeServiceImpl> nodes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      nodes.add(wire(hourly, bestTimes.schedules, "node-" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> asked = new ArrayList<>();
      for (BestTimeServiceImpl node : nodes) {
        asked.add(
            pool.submit(
                () -> {
                  start.await();
                  return node.fetchIfDue().isPresent();
                }));
      }
      start.countDown();
      int ran = 0;
      for (Future<Boolean> f : asked) {
        ran += f.get() ? 1 : 0;
      }
      assertEquals(1, ran);
    } finally {
      pool.shutdownNow();
    }
  }
}
