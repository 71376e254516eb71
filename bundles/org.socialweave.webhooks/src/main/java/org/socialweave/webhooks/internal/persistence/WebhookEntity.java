package org.socialweave.webhooks.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code sw_webhook}: one subscription of a workspace. */
@Entity
@Table(name = "sw_webhook")
public class WebhookEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String url;

  /** Comma-separated {@link org.socialweave.webhooks.internal.EventType} names. */
  @Column(name = "event_types")
  public String eventTypes;

  public boolean active;

  public String description;

  @Column(name = "secret_name")
  public String secretName;

  @Column(name = "disabled_reason")
  public String disabledReason;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
