package org.socialweave.links.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.links.internal.ClickStore.JournalMark;

/**
 * Records clicks without slowing the redirect and without losing one: the request thread writes the
 * click into the {@link ClickJournal} (memory, no system call, no wake-up of another thread); one
 * writer thread looks at the journal every few milliseconds, collects clicks for at most {@code
 * flushIntervalMillis} after the first or until it has {@code batchSize}, and adds them to the
 * counters in one transaction that also records how far the journal is stored.
 *
 * <p>What survives: everything the kernel has. A SIGKILL, a crash or a stop loses no answered
 * click: the next start stores what the journal holds beyond the database's mark, once. While the
 * database is down the writer retries with backoff and the journal holds up to {@code journalSlots}
 * clicks; beyond that new clicks are dropped and counted, the redirect goes on.
 */
@Component(service = ClickRecorder.class, configurationPid = "org.socialweave.links")
public class ClickRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(ClickRecorder.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** How long a stop keeps retrying a failing database; what is left stays in the journal. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  /** How often the writer looks at the journal: the request threads never wake it. */
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final ClickStore store;
  private final ClickJournal journal;
  private final int batchSize;
  private final long flushNanos;
  private final Thread writer;
  private final AtomicInteger recording = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();
  private final AtomicLong written = new AtomicLong();
  private volatile boolean closed;

  /**
   * Needs the link service only for its schema migrations, which the journal's mark reads at start.
   */
  @Activate
  public ClickRecorder(
      @Reference(target = LinkServiceImpl.DATASOURCE_FILTER) DataSource dataSource,
      @Reference LinkServiceImpl migrated,
      BundleContext context,
      LinksConfig config)
      throws IOException, SQLException {
    this(
        new ClickStore(dataSource),
        journalFile(config.clickJournal(), context.getProperty("karaf.data")),
        config.journalSlots(),
        config.batchSize(),
        Duration.ofMillis(config.flushIntervalMillis()));
  }

  /**
   * Opens the journal and starts the writer, which first stores what an earlier run left in it. A
   * journal made with another number of slots is emptied into the database and made anew.
   */
  ClickRecorder(ClickStore store, Path file, int slots, int batchSize, Duration flushInterval)
      throws IOException, SQLException {
    this.store = store;
    this.batchSize = Math.max(1, batchSize);
    this.flushNanos = Math.max(1, flushInterval.toNanos());
    ClickJournal opened = ClickJournal.open(file, slots);
    ClickJournal.Recovered recovered;
    try {
      if (opened.slots() != slots) {
        opened = emptiedAndRemade(opened, slots);
      }
      recovered = opened.recover(store.storedThrough(opened.id()));
    } catch (IOException | SQLException | RuntimeException e) {
      opened.close();
      throw e;
    }
    this.journal = opened;
    if (!recovered.entries().isEmpty()) {
      LOG.info(
          "{} clicks of an earlier run found in {}, storing them",
          recovered.entries().size(),
          file);
    }
    ClickJournal.Recovered left = recovered;
    this.writer = new Thread(() -> writeUntilStopped(left), "socialweave-link-clicks");
    writer.setDaemon(true);
    writer.start();
  }

  static Path journalFile(String configured, String karafData) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured.strip());
    }
    if (karafData == null) {
      throw new IllegalStateException("clickJournal is not set and karaf.data is unknown");
    }
    return Path.of(karafData, "socialweave", "links", "clicks.journal");
  }

  /** Journals the click of an answered redirect; never blocks. After {@link #close}, stores it. */
  void record(Click click) {
    recording.incrementAndGet();
    try {
      if (closed) {
        storeNow(click);
      } else if (!journal.append(click)) {
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

  /** Clicks lost because the journal was full. */
  long dropped() {
    return dropped.sum();
  }

  /**
   * Stores every journaled click, then stops the writer. If the database keeps failing, the clicks
   * stay in the journal for the next start.
   */
  @Deactivate
  public void close() {
    closed = true;
    LockSupport.unpark(writer);
    try {
      writer.join(STOP_GRACE.plusSeconds(10).toMillis());
      journal.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warn("closing {} failed: {}", journal.file(), e.toString());
    }
    LOG.info("click recorder stopped: {} stored, {} dropped", written.get(), dropped.sum());
  }

  private void writeUntilStopped(ClickJournal.Recovered recovered) {
    for (List<ClickJournal.Entry> part : batches(recovered.entries())) {
      if (!storeWithRetries(clicksOf(part), part.get(part.size() - 1).seq())) {
        return;
      }
    }
    long cursor = recovered.through() + 1;
    List<Click> batch = new ArrayList<>(batchSize);
    long firstSeen = 0;
    while (true) {
      while (batch.size() < batchSize && cursor <= journal.lastClaimed()) {
        Click click = journal.read(cursor);
        if (click == null) {
          break; // its request is writing it right now
        }
        batch.add(click);
        cursor++;
      }
      long now = System.nanoTime();
      if (!batch.isEmpty() && firstSeen == 0) {
        firstSeen = now;
      }
      boolean stopping = closed && recording.get() == 0;
      if (batch.size() >= batchSize
          || (!batch.isEmpty() && (now - firstSeen >= flushNanos || stopping))) {
        if (!storeWithRetries(batch, cursor - 1)) {
          return;
        }
        batch.clear();
        firstSeen = 0;
      } else if (stopping && cursor > journal.lastClaimed()) {
        return;
      } else {
        LockSupport.parkNanos(TICK_NANOS);
      }
    }
  }

  private List<List<ClickJournal.Entry>> batches(List<ClickJournal.Entry> entries) {
    List<List<ClickJournal.Entry>> batches = new ArrayList<>();
    for (int from = 0; from < entries.size(); from += batchSize) {
      batches.add(entries.subList(from, Math.min(entries.size(), from + batchSize)));
    }
    return batches;
  }

  private static List<Click> clicksOf(List<ClickJournal.Entry> entries) {
    List<Click> clicks = new ArrayList<>(entries.size());
    for (ClickJournal.Entry entry : entries) {
      clicks.add(entry.click());
    }
    return clicks;
  }

  /**
   * Stores {@code batch}, the journal's clicks up to {@code through}, and frees their slots. False
   * when the stop's grace ran out with the database still failing.
   */
  private boolean storeWithRetries(List<Click> batch, long through) {
    JournalMark mark = new JournalMark(journal.id(), through);
    long backoff = 50;
    long giveUpAt = Long.MAX_VALUE;
    while (true) {
      try {
        store.insert(mark, batch);
        written.addAndGet(batch.size());
        journal.freeThrough(through);
        return true;
      } catch (SQLException | RuntimeException e) {
        LOG.warn(
            "storing {} clicks failed, retrying in {} ms: {}", batch.size(), backoff, e.toString());
      }
      if (closed && giveUpAt == Long.MAX_VALUE) {
        giveUpAt = System.nanoTime() + STOP_GRACE.toNanos();
      }
      if (System.nanoTime() > giveUpAt) {
        LOG.error(
            "the database kept failing during the stop; {} keeps the clicks after number {}"
                + " for the next start",
            journal.file(),
            through - batch.size());
        return false;
      }
      // Wakes early when the component stops, so that a stop is not held up by the backoff.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
      backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
    }
  }

  /** A straggler after the stop: the journal is closed, so it goes to the database directly. */
  private void storeNow(Click click) {
    try {
      store.insert(null, List.of(click));
      written.incrementAndGet();
    } catch (SQLException e) {
      dropped.increment();
      LOG.warn("a click after the stop could not be stored: {}", e.toString());
    }
  }

  /**
   * Stores what {@code old} holds and replaces it by a new journal of {@code slots} slots: a
   * journal's geometry is fixed when its file is made.
   */
  private ClickJournal emptiedAndRemade(ClickJournal old, int slots)
      throws IOException, SQLException {
    for (List<ClickJournal.Entry> part :
        batches(old.recover(store.storedThrough(old.id())).entries())) {
      store.insert(new JournalMark(old.id(), part.get(part.size() - 1).seq()), clicksOf(part));
    }
    LOG.info("{}: {} slots instead of {}", old.file(), slots, old.slots());
    old.close();
    Files.delete(old.file());
    return ClickJournal.open(old.file(), slots);
  }
}
