package org.socialweave.api;

import java.time.Instant;
import org.socialweave.api.security.Role;

/** A user's role in one workspace. */
public record Membership(
    String workspaceId, String userId, String username, Role role, Instant grantedAt) {}
