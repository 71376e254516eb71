package org.socialweave.channels.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code sw_channel}; see {@link org.socialweave.api.channel.Channel}. */
@Entity
@Table(name = "sw_channel")
public class ChannelEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String network;

  @Column(name = "account_id")
  public String accountId;

  @Column(name = "display_name")
  public String displayName;

  /** The connector's settings as a JSON object. */
  public String settings;

  @Column(name = "health_state")
  public String healthState;

  @Column(name = "health_detail")
  public String healthDetail;

  /** When the authorization ends without a reconnect. */
  @Column(name = "expires_at")
  public Instant expiresAt;

  /** When the access token ends; the refresher's due date. */
  @Column(name = "access_expires_at")
  public Instant accessExpiresAt;

  /** Whether the connector can refresh these credentials by itself. */
  public boolean refreshable;

  /** A node is refreshing the credentials until then; see the channel service. */
  @Column(name = "refresh_lease_until")
  public Instant refreshLeaseUntil;

  @Column(name = "checked_at")
  public Instant checkedAt;

  @Column(name = "connected_at")
  public Instant connectedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
