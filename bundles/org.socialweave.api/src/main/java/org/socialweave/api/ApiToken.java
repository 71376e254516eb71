package org.socialweave.api;

import java.time.Instant;
import org.socialweave.api.security.Role;

/**
 * An integration credential scoped to one workspace and one role. The secret itself is shown once
 * at creation ({@link IssuedToken}) and stored only as a hash.
 */
public record ApiToken(
    String id,
    String workspaceId,
    String userId,
    String name,
    Role role,
    String prefix,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt) {

  public boolean isActive(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}
