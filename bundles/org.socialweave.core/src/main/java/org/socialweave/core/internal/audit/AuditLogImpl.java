package org.socialweave.core.internal.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.persistence.LockModeType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.core.internal.Secrets;
import org.socialweave.core.internal.persistence.AuditEntryEntity;
import org.socialweave.core.internal.persistence.AuditHeadEntity;
import org.socialweave.core.internal.persistence.Database;

/**
 * Appends audit entries to a SHA-256 hash chain: each entry's hash covers its fields and the
 * previous hash, and a locked head row serialises appends across nodes. Editing, deleting or
 * truncating any entry breaks {@link #verify()}. Concurrent appends on one node are committed
 * together (group commit); {@link #record} returns once its entry is committed.
 */
@Component
public class AuditLogImpl implements AuditLog {

  private static final int VERIFY_BATCH = 500;
  private static final int MAX_BATCH = 200;

  private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
  private final Lock writer = new ReentrantLock();

  private final Database db;
  private final Clock clock;

  @Activate
  public AuditLogImpl(@Reference Database db) {
    this(db, Clock.systemUTC());
  }

  public AuditLogImpl(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public AuditEntry record(AuditEvent event) {
    // Microseconds: what both H2 and PostgreSQL store, so the hash survives a round trip.
    Pending mine = new Pending(event, clock.instant().truncatedTo(ChronoUnit.MICROS));
    waiting.add(mine);
    // Group commit: whoever holds the writer lock appends everything queued so far in one
    // transaction, so concurrent callers wait for one head-row lock per batch instead of one each.
    while (!mine.settled()) {
      writer.lock();
      try {
        if (!mine.settled()) {
          appendWaiting();
        }
      } finally {
        writer.unlock();
      }
    }
    return mine.entry();
  }

  private void appendWaiting() {
    List<Pending> batch = new ArrayList<>();
    for (Pending next; batch.size() < MAX_BATCH && (next = waiting.poll()) != null; ) {
      batch.add(next);
    }
    try {
      append(batch);
    } catch (RuntimeException batchFailed) {
      if (batch.size() == 1) {
        batch.get(0).fail(batchFailed);
        return;
      }
      // One bad event must not cost the others their entry: append them one by one.
      for (Pending alone : batch) {
        try {
          append(List.of(alone));
        } catch (RuntimeException failed) {
          alone.fail(failed);
        }
      }
    }
  }

  private void append(List<Pending> batch) {
    List<AuditEntry> written =
        db.inTransaction(
            em -> {
              AuditHeadEntity head =
                  em.find(
                      AuditHeadEntity.class, AuditHeadEntity.ID, LockModeType.PESSIMISTIC_WRITE);
              List<AuditEntry> entries = new ArrayList<>(batch.size());
              for (Pending pending : batch) {
                AuditEntryEntity entry = entryOf(pending, head.lastSeq + 1, head.lastHash);
                em.persist(entry);
                head.lastSeq = entry.seq;
                head.lastHash = entry.hash;
                entries.add(entry.toRecord());
              }
              return entries;
            });
    // Only after the commit: a rolled-back batch leaves its callers waiting for another try.
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).complete(written.get(i));
    }
  }

  private static AuditEntryEntity entryOf(Pending pending, long seq, String previousHash) {
    AuditEvent event = pending.event();
    AuditEntryEntity entry = new AuditEntryEntity();
    entry.seq = seq;
    entry.at = pending.at();
    entry.actor = clip(event.actor(), 120);
    entry.workspaceId = event.workspaceId();
    entry.action = clip(event.action(), 200);
    entry.target = clip(event.target(), 500);
    entry.sourceAddress = clip(event.sourceAddress(), 64);
    entry.outcome = clip(event.outcome(), 64);
    entry.previousHash = previousHash;
    entry.hash = hashOf(entry);
    return entry;
  }

  /** An event waiting for its batch; settled once written or refused. */
  private static final class Pending {
    private final AuditEvent event;
    private final Instant at;
    private volatile AuditEntry entry;
    private volatile RuntimeException failure;

    Pending(AuditEvent event, Instant at) {
      this.event = event;
      this.at = at;
    }

    AuditEvent event() {
      return event;
    }

    Instant at() {
      return at;
    }

    boolean settled() {
      return entry != null || failure != null;
    }

    void complete(AuditEntry written) {
      entry = written;
    }

    void fail(RuntimeException e) {
      failure = e;
    }

    AuditEntry entry() {
      if (failure != null) {
        throw failure;
      }
      return entry;
    }
  }

  @Override
  public List<AuditEntry> tail(String workspaceId, int count) {
    int limit = Math.max(1, Math.min(count, 1000));
    List<AuditEntry> newestFirst =
        db.read(
            em -> {
              var query =
                  workspaceId == null
                      ? em.createQuery(
                          "SELECT a FROM AuditEntryEntity a ORDER BY a.seq DESC",
                          AuditEntryEntity.class)
                      : em.createQuery(
                              "SELECT a FROM AuditEntryEntity a WHERE a.workspaceId = :ws"
                                  + " ORDER BY a.seq DESC",
                              AuditEntryEntity.class)
                          .setParameter("ws", workspaceId);
              return query
                  .setMaxResults(limit)
                  .getResultStream()
                  .map(AuditEntryEntity::toRecord)
                  .toList();
            });
    List<AuditEntry> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  @Override
  public Optional<AuditEntry> entry(long sequence) {
    return db.read(em -> Optional.ofNullable(em.find(AuditEntryEntity.class, sequence)))
        .map(AuditEntryEntity::toRecord);
  }

  @Override
  public Verification verify() {
    return db.read(
        em -> {
          AuditHeadEntity head = em.find(AuditHeadEntity.class, AuditHeadEntity.ID);
          String previous = AuditChain.GENESIS;
          long expectedSeq = 1;
          long checked = 0;
          while (true) {
            List<AuditEntryEntity> batch =
                em.createQuery(
                        "SELECT a FROM AuditEntryEntity a WHERE a.seq >= :from ORDER BY a.seq",
                        AuditEntryEntity.class)
                    .setParameter("from", expectedSeq)
                    .setMaxResults(VERIFY_BATCH)
                    .getResultList();
            for (AuditEntryEntity entry : batch) {
              if (entry.seq != expectedSeq) {
                return broken(checked, expectedSeq, "entry " + expectedSeq + " is missing");
              }
              if (!entry.previousHash.equals(previous)) {
                return broken(checked, entry.seq, "link to the previous entry is broken");
              }
              if (!hashOf(entry).equals(entry.hash)) {
                return broken(checked, entry.seq, "content does not match its hash");
              }
              previous = entry.hash;
              expectedSeq++;
              checked++;
            }
            if (batch.size() < VERIFY_BATCH) {
              break;
            }
            em.clear();
          }
          if (head.lastSeq != checked || !head.lastHash.equals(previous)) {
            return broken(checked, checked + 1, "entries after " + checked + " were removed");
          }
          return new Verification(true, checked, null, "chain intact");
        });
  }

  private static Verification broken(long checked, long sequence, String reason) {
    return new Verification(false, checked, sequence, reason);
  }

  private static String hashOf(AuditEntryEntity e) {
    return Secrets.sha256Hex(
        AuditChain.canonical(
            e.seq,
            e.at,
            e.actor,
            e.workspaceId,
            e.action,
            e.target,
            e.sourceAddress,
            e.outcome,
            e.previousHash));
  }

  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
