package org.socialweave.channels.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** An OAuth connect in flight, keyed by the SHA-256 of its {@code state}. */
@Entity
@Table(name = "sw_channel_authorization")
public class AuthorizationEntity {
  @Id
  @Column(name = "state_hash")
  public String stateHash;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String network;

  @Column(name = "user_id")
  public String userId;

  /** The channel to reconnect, or {@code null} for a new one. */
  @Column(name = "channel_id")
  public String channelId;

  @Column(name = "return_to")
  public String returnTo;

  @Column(name = "redirect_uri")
  public String redirectUri;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;
}
