package org.socialweave.api.audit;

import java.util.List;
import java.util.Optional;

/** The append-only, hash-chained record of every state change. */
public interface AuditLog {

  AuditEntry record(AuditEvent event);

  /** The newest entries, oldest first; {@code workspaceId} null means all workspaces. */
  List<AuditEntry> tail(String workspaceId, int count);

  /**
   * The entry at {@code sequence}, so a record that names its entry (sequence and hash) can be
   * checked against the chain: the entry's hash and its target's digest must match the record.
   */
  default Optional<AuditEntry> entry(long sequence) {
    throw new UnsupportedOperationException("this audit log cannot look up an entry");
  }

  /** Recomputes the whole chain and reports the first entry that does not match. */
  Verification verify();

  record Verification(
      boolean intact, long entriesChecked, Long firstBrokenSequence, String reason) {}
}
