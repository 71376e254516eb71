package org.socialweave.core.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import org.socialweave.api.ApiToken;
import org.socialweave.api.security.Role;

@Entity
@Table(name = "sw_api_token")
public class ApiTokenEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "user_id")
  public String userId;

  public String name;
  public String role;
  public String prefix;

  @Column(name = "secret_hash")
  public String secretHash;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  @Column(name = "last_used_at")
  public Instant lastUsedAt;

  public ApiToken toRecord() {
    return new ApiToken(
        id,
        workspaceId,
        userId,
        name,
        Role.valueOf(role),
        prefix,
        createdAt,
        expiresAt,
        revokedAt,
        lastUsedAt);
  }
}
