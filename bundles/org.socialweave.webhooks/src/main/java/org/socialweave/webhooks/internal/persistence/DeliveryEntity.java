package org.socialweave.webhooks.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code sw_webhook_delivery}: one event for one subscription, queued and logged. */
@Entity
@Table(name = "sw_webhook_delivery")
public class DeliveryEntity {
  @Id public String id;

  @Column(name = "webhook_id")
  public String webhookId;

  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "event_id")
  public String eventId;

  @Column(name = "event_type")
  public String eventType;

  public String payload;

  /** A {@link org.socialweave.webhooks.internal.DeliveryStatus} name. */
  public String status;

  public int attempts;

  @Column(name = "next_attempt_at")
  public Instant nextAttemptAt;

  @Column(name = "lease_owner")
  public String leaseOwner;

  @Column(name = "lease_until")
  public Instant leaseUntil;

  @Column(name = "last_status_code")
  public Integer lastStatusCode;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "last_attempt_at")
  public Instant lastAttemptAt;

  @Column(name = "delivered_at")
  public Instant deliveredAt;

  @Column(name = "created_at")
  public Instant createdAt;
}
