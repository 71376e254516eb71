package org.socialweave.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** The single row that points at the newest audit entry; locked while appending. */
@Entity
@Table(name = "sw_audit_head")
public class AuditHeadEntity {
  public static final int ID = 1;

  @Id public int id;

  @Column(name = "last_seq")
  public long lastSeq;

  @Column(name = "last_hash")
  public String lastHash;
}
