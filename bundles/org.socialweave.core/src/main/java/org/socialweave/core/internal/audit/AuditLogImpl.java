package org.socialweave.core.internal.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * truncating any entry breaks {@link #verify()}.
 */
@Component
public class AuditLogImpl implements AuditLog {

  private static final int VERIFY_BATCH = 500;

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
    Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return db.inTransaction(
        em -> {
          AuditHeadEntity head =
              em.find(AuditHeadEntity.class, AuditHeadEntity.ID, LockModeType.PESSIMISTIC_WRITE);
          AuditEntryEntity entry = new AuditEntryEntity();
          entry.seq = head.lastSeq + 1;
          entry.at = at;
          entry.actor = clip(event.actor(), 120);
          entry.workspaceId = event.workspaceId();
          entry.action = clip(event.action(), 200);
          entry.target = clip(event.target(), 500);
          entry.sourceAddress = clip(event.sourceAddress(), 64);
          entry.outcome = clip(event.outcome(), 64);
          entry.previousHash = head.lastHash;
          entry.hash = hashOf(entry);
          em.persist(entry);
          head.lastSeq = entry.seq;
          head.lastHash = entry.hash;
          return entry.toRecord();
        });
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
