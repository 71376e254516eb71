package org.socialweave.content.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A row of {@code sw_publication}: one outcome of a publish job (published or failed) with the
 * revision it sent and the audit entry that records it.
 */
@Entity
@Table(name = "sw_publication")
public class PublicationEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "post_id")
  public String postId;

  public int revision;

  @Column(name = "variant_id")
  public String variantId;

  @Column(name = "channel_id")
  public String channelId;

  public String network;

  @Column(name = "job_id")
  public String jobId;

  /** {@code published} or {@code failed}. */
  public String outcome;

  @Column(name = "platform_post_id")
  public String platformPostId;

  public String url;

  @Column(name = "failure_kind")
  public String failureKind;

  @Column(name = "failure_message")
  public String failureMessage;

  public Instant at;

  /** SHA-256 over the outcome's facts, as its audit entry's target carries it. */
  public String digest;

  @Column(name = "audit_seq")
  public long auditSequence;

  @Column(name = "audit_hash")
  public String auditHash;
}
