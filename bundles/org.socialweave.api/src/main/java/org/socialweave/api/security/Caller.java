package org.socialweave.api.security;

import java.security.Principal;
import java.util.Map;

/**
 * Who is making a request and what they hold: a user's memberships, or the single workspace role of
 * an API token.
 *
 * <p>It is the principal of the REST API's security context, so a plug-in's resource reads it with
 * {@code (Caller) securityContext.getUserPrincipal()}.
 *
 * @param tokenId the API token used, or {@code null} for a password or session login
 */
public record Caller(
    String userId,
    String username,
    boolean systemAdmin,
    Map<String, Role> rolesByWorkspace,
    String tokenId)
    implements Principal {

  public Caller {
    rolesByWorkspace = Map.copyOf(rolesByWorkspace);
  }

  /** The username, as {@link Principal} names it. */
  @Override
  public String getName() {
    return username;
  }

  /** Decides a permission; {@code workspaceId} matters only for workspace-scoped permissions. */
  public boolean can(Permission permission, String workspaceId) {
    return switch (permission.scope()) {
      case NONE -> true;
      case SYSTEM -> systemAdmin && tokenId == null;
      case WORKSPACE -> {
        if (systemAdmin && tokenId == null) {
          yield true;
        }
        Role role = workspaceId == null ? null : rolesByWorkspace.get(workspaceId);
        yield role != null && role.grants(permission);
      }
    };
  }
}
