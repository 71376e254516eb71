package org.socialweave.publish.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;

/** Keeps what the publisher audits, in order, so a test can read it back. */
final class RecordedAudit implements AuditLog {

  final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());

  @Override
  public AuditEntry record(AuditEvent event) {
    events.add(event);
    return null;
  }

  @Override
  public List<AuditEntry> tail(String workspaceId, int count) {
    return List.of();
  }

  @Override
  public Verification verify() {
    return new Verification(true, 0, null, null);
  }
}
