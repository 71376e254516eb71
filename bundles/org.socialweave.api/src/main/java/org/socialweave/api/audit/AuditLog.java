package org.socialweave.api.audit;

import java.util.List;

/** The append-only, hash-chained record of every state change. */
public interface AuditLog {

  AuditEntry record(AuditEvent event);

  /** The newest entries, oldest first; {@code workspaceId} null means all workspaces. */
  List<AuditEntry> tail(String workspaceId, int count);

  /** Recomputes the whole chain and reports the first entry that does not match. */
  Verification verify();

  record Verification(
      boolean intact, long entriesChecked, Long firstBrokenSequence, String reason) {}
}
