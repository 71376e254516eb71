package org.socialweave.content.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** A row of {@code sw_post_compliance_override}: blocking findings accepted for one revision. */
@Entity
@Table(name = "sw_post_compliance_override")
@IdClass(PostRevisionKey.class)
public class OverrideEntity {
  @Id
  @Column(name = "post_id")
  public String postId;

  @Id public int revision;

  public String reason;
  public String author;

  @Column(name = "created_at")
  public Instant createdAt;

  /** The audit entry that records the override; null for overrides older than the link. */
  @Column(name = "audit_seq")
  public Long auditSequence;

  @Column(name = "audit_hash")
  public String auditHash;
}
