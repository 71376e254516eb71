package org.socialweave.links.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.core.persistence.Ids;

/**
 * Records clicks without slowing the redirect: the request thread only puts the click into a
 * bounded in-memory queue; one writer thread collects clicks for at most {@code
 * flushIntervalMillis} after the first or until it has {@code batchSize}, and stores them in one
 * transaction.
 *
 * <p>What survives: a normal stop (bundle stop, {@code bin/stop}, a config change) stores every
 * click of every answered redirect before the component goes away. A SIGKILL or power loss loses
 * the clicks still queued, at most the last {@code flushIntervalMillis} plus one batch's write
 * time. While the database is down the writer retries with backoff and the queue absorbs up to
 * {@code queueCapacity} clicks; beyond that clicks are dropped and counted, the redirect goes on.
 */
@Component(service = ClickRecorder.class, configurationPid = "org.socialweave.links")
public class ClickRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(ClickRecorder.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** How long a stop keeps retrying a failing database before it gives the queue up. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  /** How often an idle or collecting writer looks whether the component is stopping. */
  private static final long WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final ClickStore store;
  private final int batchSize;
  private final long flushNanos;
  private final BlockingQueue<Click> queue;
  private final Thread writer;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final AtomicInteger recording = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();
  private final AtomicLong written = new AtomicLong();
  private volatile boolean closed;

  @Activate
  public ClickRecorder(
      @Reference(target = LinkServiceImpl.DATASOURCE_FILTER) DataSource dataSource,
      LinksConfig config) {
    this(
        new ClickStore(dataSource),
        config.batchSize(),
        Duration.ofMillis(config.flushIntervalMillis()),
        config.queueCapacity());
  }

  ClickRecorder(ClickStore store, int batchSize, Duration flushInterval, int capacity) {
    this.store = store;
    this.batchSize = Math.max(1, batchSize);
    this.flushNanos = Math.max(1, flushInterval.toNanos());
    this.queue = new ArrayBlockingQueue<>(Math.max(this.batchSize, capacity));
    this.writer = new Thread(this::writeUntilStopped, "socialweave-link-clicks");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues one click; never blocks. After {@link #close} the click is stored right away. */
  void record(Click click) {
    recording.incrementAndGet();
    try {
      if (closed) {
        storeNow(List.of(click));
      } else if (!queue.offer(click)) {
        dropped.increment();
      }
    } finally {
      recording.decrementAndGet();
    }
  }

  /** Clicks stored so far by this recorder. */
  long written() {
    return written.get();
  }

  /** Clicks lost because the queue was full. */
  long dropped() {
    return dropped.sum();
  }

  /** Stores every queued click, then stops the writer. */
  @Deactivate
  public void close() {
    closed = true;
    stopping.countDown();
    try {
      writer.join(STOP_GRACE.plusSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!queue.isEmpty()) {
      LOG.error("{} clicks could not be stored before the stop", queue.size());
    }
    LOG.info("click recorder stopped: {} stored, {} dropped", written.get(), dropped.sum());
  }

  private void writeUntilStopped() {
    List<Click> batch = new ArrayList<>(batchSize);
    while (true) {
      try {
        Click first = queue.poll(WAKE_NANOS, TimeUnit.NANOSECONDS);
        if (first == null) {
          // A click counted in "recording" has either seen "closed" or is about to be queued.
          if (closed && recording.get() == 0 && queue.isEmpty()) {
            return;
          }
          continue;
        }
        batch.add(first);
        collect(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!storeWithRetries(batch)) {
        return;
      }
      batch.clear();
    }
  }

  /** Fills the batch until it is full or the flush interval is over; a stop ends the wait. */
  private void collect(List<Click> batch) throws InterruptedException {
    long deadline = System.nanoTime() + flushNanos;
    while (batch.size() < batchSize) {
      queue.drainTo(batch, batchSize - batch.size());
      long left = deadline - System.nanoTime();
      if (batch.size() >= batchSize || left <= 0 || closed) {
        return;
      }
      Click next = queue.poll(Math.min(left, WAKE_NANOS), TimeUnit.NANOSECONDS);
      if (next != null) {
        batch.add(next);
      }
    }
  }

  /** False when the stop's grace ran out with the database still failing. */
  private boolean storeWithRetries(List<Click> batch) {
    String batchId = Ids.next();
    long backoff = 50;
    long giveUpAt = Long.MAX_VALUE;
    while (true) {
      try {
        store.insert(batchId, batch);
        written.addAndGet(batch.size());
        return true;
      } catch (Exception e) {
        LOG.warn(
            "storing {} clicks failed, retrying in {} ms: {}", batch.size(), backoff, e.toString());
      }
      if (closed && giveUpAt == Long.MAX_VALUE) {
        giveUpAt = System.nanoTime() + STOP_GRACE.toNanos();
      }
      if (System.nanoTime() > giveUpAt) {
        LOG.error(
            "{} clicks lost: the database kept failing during the stop",
            batch.size() + queue.size());
        return false;
      }
      try {
        if (closed) {
          TimeUnit.MILLISECONDS.sleep(backoff);
        } else {
          // Wakes early when the component stops, so that a stop is not held up by the backoff.
          stopping.await(backoff, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
    }
  }

  private void storeNow(List<Click> clicks) {
    if (!storeWithRetries(new ArrayList<>(clicks))) {
      dropped.add(clicks.size());
    }
  }
}
