package org.socialweave.publish.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.compliance.PublishGate;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.publish.PublishAttachments;
import org.socialweave.api.publish.PublishOutbox;
import org.socialweave.connector.support.Backoff;

/**
 * This node's dispatcher: polls the outbox for due jobs, claims each with a lease and runs it on a
 * bounded pool. Any number of nodes may run one against the same database; the claim decides which
 * node runs a job, and a node that dies leaves its jobs to the others when the lease runs out.
 *
 * <p>Why polling the outbox and not one Quartz trigger per post: the outbox row already is the
 * durable schedule, written in the post command's transaction; a trigger per post would be a second
 * copy of the same state in Quartz's tables, kept in step outside that transaction. The claim (an
 * optimistic update of the row) is the cluster coordination, and the lease is the crash recovery,
 * so nothing else is needed to run on several nodes.
 */
@Component(
    service = Dispatcher.class,
    immediate = true,
    configurationPid = "org.socialweave.publish")
@Designate(ocd = DispatcherConfig.class)
public class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final PublishOutbox outbox;
  private final JobRunner runner;
  private final String node;
  private final Duration lease;
  private final Clock clock;
  private final int workers;
  private final Semaphore free;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService poller;
  private final ExecutorService pool;

  /** The last poll left due jobs behind for want of a worker, or found as many as it asked for. */
  private final AtomicBoolean backlog = new AtomicBoolean();

  /** An extra poll is queued on the poller; finishing jobs queue at most one at a time. */
  private final AtomicBoolean extraPollQueued = new AtomicBoolean();

  /** Free workers that make a finishing job ask for more at once instead of at the next tick. */
  private final int refillAt;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile EventAdmin eventAdmin;

  /** The content checks at dispatch; the content bundle brings it with the outbox. */
  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  volatile PublishGate publishGate;

  @Activate
  public Dispatcher(
      @Reference PublishOutbox outbox,
      @Reference PublishAttachments attachments,
      @Reference ChannelService channels,
      @Reference Connectors connectors,
      DispatcherConfig config) {
    this.outbox = outbox;
    this.clock = Clock.systemUTC();
    this.node = config.nodeId().isBlank() ? defaultNodeId() : config.nodeId().strip();
    this.lease = Duration.ofSeconds(Math.max(10, config.leaseSeconds()));
    this.workers = Math.max(1, config.workers());
    this.free = new Semaphore(workers);
    this.refillAt = Math.max(1, workers / 4);
    Backoff backoff =
        new Backoff(
            Duration.ofSeconds(Math.max(1, config.backoffBaseSeconds())),
            Duration.ofSeconds(Math.max(config.backoffBaseSeconds(), config.backoffCapSeconds())),
            new SecureRandom());
    this.runner =
        new JobRunner(
            outbox,
            attachments,
            channels,
            connectors,
            () -> eventAdmin,
            () -> publishGate,
            new JobRunner.Policy(
                Math.max(1, config.maxAttempts()),
                backoff,
                Duration.ofSeconds(Math.max(1, config.pendingCheckSeconds()))),
            clock);
    this.poller = Executors.newSingleThreadScheduledExecutor(threads("socialweave-dispatch-poll"));
    this.pool = Executors.newFixedThreadPool(workers, threads("socialweave-publish"));
    long poll = Math.max(10, config.pollMillis());
    poller.scheduleWithFixedDelay(this::poll, 0, poll, TimeUnit.MILLISECONDS);
    LOG.info("Publishing dispatcher {} started: {} workers, lease {}", node, workers, lease);
  }

  @Deactivate
  void stop() throws InterruptedException {
    poller.shutdownNow();
    pool.shutdown();
    // Jobs still running when this returns are claimed again after their lease, in doubt.
    if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
  }

  /** Jobs this node is running now. */
  int running() {
    return running.size();
  }

  String node() {
    return node;
  }

  private void poll() {
    try {
      int slots = free.availablePermits();
      if (slots == 0) {
        return;
      }
      int limit = slots + running.size();
      List<String> due = outbox.due(clock.instant(), limit);
      boolean leftOver = due.size() >= limit;
      for (String jobId : due) {
        if (running.contains(jobId)) {
          continue;
        }
        if (!free.tryAcquire()) {
          leftOver = true;
          continue;
        }
        running.add(jobId);
        try {
          pool.execute(() -> claimAndRun(jobId));
        } catch (RejectedExecutionException stopping) {
          running.remove(jobId);
          free.release();
          return;
        }
      }
      backlog.set(leftOver);
    } catch (RuntimeException e) {
      // The database may be restarting; the next poll tries again.
      LOG.warn("Polling the publishing outbox failed: {}", e.toString());
    }
  }

  private void claimAndRun(String jobId) {
    try {
      Instant now = clock.instant();
      outbox.claim(jobId, node, now, lease).ifPresent(runner::run);
    } catch (RuntimeException e) {
      LOG.warn("Publish job {} could not be run: {}", jobId, e.toString());
    } finally {
      running.remove(jobId);
      free.release();
      refillIfBacklogged();
    }
  }

  /**
   * Without this a burst of due jobs is worked off at most {@code workers} per poll interval (128/s
   * with 32 workers polling every 250 ms) however fast each job is.
   */
  private void refillIfBacklogged() {
    if (backlog.get()
        && free.availablePermits() >= refillAt
        && extraPollQueued.compareAndSet(false, true)) {
      try {
        poller.execute(
            () -> {
              extraPollQueued.set(false);
              poll();
            });
      } catch (RejectedExecutionException stopping) {
        extraPollQueued.set(false);
      }
    }
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static String defaultNodeId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "node";
    }
    return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
  }
}
