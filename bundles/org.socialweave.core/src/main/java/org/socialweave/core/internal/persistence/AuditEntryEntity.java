package org.socialweave.core.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditEvent;

@Entity
@Table(name = "sw_audit_entry")
public class AuditEntryEntity {
  @Id public long seq;
  public Instant at;
  public String actor;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String action;
  public String target;

  @Column(name = "source_address")
  public String sourceAddress;

  public String outcome;

  @Column(name = "previous_hash")
  public String previousHash;

  public String hash;

  public AuditEvent event() {
    return new AuditEvent(actor, workspaceId, action, target, sourceAddress, outcome);
  }

  public AuditEntry toRecord() {
    return new AuditEntry(seq, at, event(), previousHash, hash);
  }
}
