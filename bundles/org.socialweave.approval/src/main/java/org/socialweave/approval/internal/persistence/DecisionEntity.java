package org.socialweave.approval.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code sw_approval_decision}. */
@Entity
@Table(name = "sw_approval_decision")
public class DecisionEntity {
  @Id public String id;

  @Column(name = "request_id")
  public String requestId;

  public int stage;

  @Column(name = "user_id")
  public String userId;

  public String username;
  public String verdict;
  public String comment;

  @Column(name = "span_start")
  public Integer spanStart;

  @Column(name = "span_end")
  public Integer spanEnd;

  @Column(name = "channel_id")
  public String channelId;

  /** The address of an external reviewer; {@code userId} is then the review link's id. */
  @Column(name = "external_email")
  public String externalEmail;

  @Column(name = "decided_at")
  public Instant decidedAt;

  /** SHA-256 over {@link org.socialweave.approval.internal.DecisionDigest}'s facts of this row. */
  public String digest;

  /** The audit entry whose target carries {@link #digest}. */
  @Column(name = "audit_seq")
  public Long auditSequence;

  @Column(name = "audit_hash")
  public String auditHash;
}
