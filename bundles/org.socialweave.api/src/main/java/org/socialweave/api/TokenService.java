package org.socialweave.api;

import java.time.Instant;
import java.util.Optional;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Role;

/** Issues, checks and revokes API tokens for integrations. */
public interface TokenService {

  IssuedToken issue(String workspaceId, String userId, String name, Role role, Instant expiresAt);

  /** Resolves a bearer secret to its caller, if the token exists and is active. */
  Optional<Caller> authenticate(String secret);

  Page<ApiToken> list(String workspaceId, PageRequest page);

  Optional<ApiToken> find(String tokenId);

  void revoke(String tokenId);
}
