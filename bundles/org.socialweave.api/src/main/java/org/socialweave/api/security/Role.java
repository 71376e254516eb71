package org.socialweave.api.security;

import static org.socialweave.api.security.Permission.*;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A member's role in a workspace, from the least to the most powerful. */
public enum Role {
  VIEWER(EnumSet.of(WORKSPACE_READ, CONTENT_READ, ANALYTICS_READ)),
  ANALYST(EnumSet.of(WORKSPACE_READ, CONTENT_READ, ANALYTICS_READ, ANALYTICS_EXPORT)),
  EDITOR(EnumSet.of(WORKSPACE_READ, CONTENT_READ, ANALYTICS_READ, CONTENT_EDIT)),
  APPROVER(EnumSet.of(WORKSPACE_READ, CONTENT_READ, ANALYTICS_READ, CONTENT_APPROVE)),
  MANAGER(
      EnumSet.of(
          WORKSPACE_READ,
          CONTENT_READ,
          ANALYTICS_READ,
          ANALYTICS_EXPORT,
          CONTENT_EDIT,
          CONTENT_APPROVE,
          COMPLIANCE_OVERRIDE,
          PUBLISH,
          CHANNEL_MANAGE,
          MEMBER_READ,
          TOKEN_READ,
          AUDIT_READ)),
  ADMIN(EnumSet.complementOf(EnumSet.of(PUBLIC, AUTHENTICATED, SYSTEM_ADMIN)));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = permissions;
  }

  public boolean grants(Permission permission) {
    return permissions.contains(permission);
  }

  public Set<Permission> permissions() {
    return EnumSet.copyOf(permissions);
  }

  /** Parses a role name case-insensitively, as typed in the console or sent in JSON. */
  public static Role parse(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }
}
