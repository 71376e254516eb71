package org.socialweave.content.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/**
 * A row of {@code sw_publish_job}, the outbox; see {@link
 * org.socialweave.api.publish.PublishOutbox}.
 */
@Entity
@Table(name = "sw_publish_job")
public class PublishJobEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "post_id")
  public String postId;

  @Column(name = "variant_id")
  public String variantId;

  @Column(name = "channel_id")
  public String channelId;

  public String network;

  /** A {@link org.socialweave.api.content.DeliveryStatus} name. */
  public String status;

  @Column(name = "due_at")
  public Instant dueAt;

  public int attempts;

  @Column(name = "idempotency_key")
  public String idempotencyKey;

  @Column(name = "in_doubt")
  public boolean inDoubt;

  @Column(name = "first_sent_at")
  public Instant firstSentAt;

  @Column(name = "sent_text")
  public String sentText;

  /** The post's revision that {@link #sentText} was written from; null for older jobs. */
  @Column(name = "sent_revision")
  public Integer sentRevision;

  @Column(name = "network_job_id")
  public String networkJobId;

  @Column(name = "lease_owner")
  public String leaseOwner;

  @Column(name = "lease_until")
  public Instant leaseUntil;

  @Column(name = "platform_post_id")
  public String platformPostId;

  public String url;

  @Column(name = "published_at")
  public Instant publishedAt;

  @Column(name = "failure_kind")
  public String failureKind;

  @Column(name = "failure_code")
  public String failureCode;

  @Column(name = "failure_message")
  public String failureMessage;

  @Column(name = "failure_action")
  public String failureAction;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
