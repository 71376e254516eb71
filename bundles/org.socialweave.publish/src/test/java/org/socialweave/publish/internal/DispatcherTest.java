package org.socialweave.publish.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.connector.ConnectedAccount;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.content.Failure;
import org.socialweave.api.publish.PublishJob;
import org.socialweave.api.publish.PublishOutbox;
import org.socialweave.connector.mastodon.internal.MastodonConnector;
import org.socialweave.sandbox.Sandbox;

/**
 * The dispatcher against an outbox in memory and the sandbox's Mastodon: a burst of due jobs is
 * worked off as fast as the workers go, not a pool's worth per poll interval.
 */
public class DispatcherTest {

  private static final int JOBS = 40;

  private Sandbox sandbox;
  private URI instance;
  private String token;
  private Dispatcher dispatcher;

  @Before
  public void setUp() throws Exception {
    sandbox = Sandbox.start(0);
    instance = sandbox.mastodon().addInstance("burst.example");
    token = "tok-" + System.nanoTime();
    sandbox.mastodon().addAccount("burst.example", token, "brand");
  }

  @After
  public void tearDown() throws InterruptedException {
    if (dispatcher != null) {
      dispatcher.stop();
    }
    sandbox.close();
  }

  @Test
  public void aBurstOfDueJobsIsWorkedOffWithoutWaitingForTheNextPoll() throws InterruptedException {
    PlatformConnector mastodon = new MastodonConnector();
    ConnectedAccount account =
        mastodon.connect(Map.of("instanceUrl", instance.toString(), "accessToken", token));
    MemoryOutbox outbox = new MemoryOutbox(JOBS);
    // One poll a minute: everything after the first poll's four jobs is the refill's doing.
    dispatcher =
        new Dispatcher(
            outbox,
            job -> List.of(),
            new OneChannel("ws1", "ch1", account),
            new JobRunnerTest.SingleConnector(mastodon),
            config(4, 60_000));
    outbox.allPublished.await(30, TimeUnit.SECONDS);
    assertEquals("published before the second poll", JOBS, outbox.published.size());
    assertEquals(JOBS, sandbox.mastodon().statuses(token).size());
    assertTrue(
        "each job claimed once: " + outbox.claims,
        outbox.claims.values().stream().allMatch(n -> n == 1));
  }

  private static DispatcherConfig config(int workers, long pollMillis) {
    return new DispatcherConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return DispatcherConfig.class;
      }

      @Override
      public long pollMillis() {
        return pollMillis;
      }

      @Override
      public int workers() {
        return workers;
      }

      @Override
      public long leaseSeconds() {
        return 120;
      }

      @Override
      public int maxAttempts() {
        return 3;
      }

      @Override
      public long backoffBaseSeconds() {
        return 5;
      }

      @Override
      public long backoffCapSeconds() {
        return 60;
      }

      @Override
      public long pendingCheckSeconds() {
        return 5;
      }

      @Override
      public String nodeId() {
        return "test-node";
      }
    };
  }

  /** Jobs due now, each claimable once; what the runner reports is kept. */
  private static final class MemoryOutbox implements PublishOutbox {
    final Set<String> due = new ConcurrentSkipListSet<>();
    final Set<String> published = ConcurrentHashMap.newKeySet();
    final Map<String, Integer> claims = new ConcurrentHashMap<>();
    final CountDownLatch allPublished;

    MemoryOutbox(int jobs) {
      allPublished = new CountDownLatch(jobs);
      for (int i = 0; i < jobs; i++) {
        due.add(String.format("job-%03d", i));
      }
    }

    @Override
    public List<String> due(Instant now, int limit) {
      return due.stream().limit(limit).toList();
    }

    @Override
    public Optional<PublishJob> claim(String jobId, String node, Instant now, Duration lease) {
      if (!due.remove(jobId)) {
        return Optional.empty();
      }
      claims.merge(jobId, 1, Integer::sum);
      return Optional.of(
          new PublishJob(
              jobId,
              "ws1",
              "post-" + jobId,
              "var-" + jobId,
              "ch1",
              "mastodon",
              "sw-" + jobId,
              "burst " + jobId,
              null,
              null,
              now,
              1,
              false,
              now,
              null));
    }

    @Override
    public void published(String jobId, String platformPostId, URI url, Instant publishedAt) {
      if (published.add(jobId)) {
        allPublished.countDown();
      }
    }

    @Override
    public void pending(String jobId, String networkJobId, Instant checkAt) {
      throw new AssertionError("the sandbox's Mastodon publishes at once: " + jobId);
    }

    @Override
    public void retryAt(String jobId, Instant at, boolean mayHaveSent, Failure reason) {
      throw new AssertionError(jobId + " failed: " + reason);
    }

    @Override
    public void failed(String jobId, Failure reason) {
      throw new AssertionError(jobId + " failed: " + reason);
    }

    @Override
    public List<OverdueJob> overdue(Instant threshold, int limit) {
      return List.of();
    }

    @Override
    public QueueStatus status(Instant now) {
      return new QueueStatus(due.size(), due.size(), 0, 0, null);
    }
  }
}
