package org.socialweave.approval.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code sw_approval_review_link}. */
@Entity
@Table(name = "sw_approval_review_link")
public class ReviewLinkEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "request_id")
  public String requestId;

  @Column(name = "post_id")
  public String postId;

  public int revision;
  public int stage;
  public String email;
  public String name;

  @Column(name = "key_name")
  public String keyName;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  @Column(name = "decided_at")
  public Instant decidedAt;

  /**
   * The lower-case address of the policy's reviewer the link was sent to when its stage opened;
   * {@code null} for a link a person issued.
   */
  @Column(name = "invited_for")
  public String invitedFor;

  /** When the link was e-mailed to the reviewer, or {@code null}. */
  @Column(name = "emailed_at")
  public Instant emailedAt;
}
