package org.socialweave.approval.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code sw_approval_request}. */
@Entity
@Table(name = "sw_approval_request")
public class RequestEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "post_id")
  public String postId;

  @Column(name = "campaign_id")
  public String campaignId;

  public int revision;
  public String status;
  public int stage;

  @Column(name = "stage_due_at")
  public Instant stageDueAt;

  /** The policy's stages when the request was opened, as JSON. */
  public String stages;

  @Column(name = "submitted_by")
  public String submittedBy;

  @Column(name = "submitted_at")
  public Instant submittedAt;

  @Column(name = "closed_at")
  public Instant closedAt;

  @Version public long version;
}
