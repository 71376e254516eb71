package org.socialweave.api.security;

/**
 * What a caller may do. Every REST method and console command names exactly one permission; roles
 * are sets of them ({@link Role}).
 */
public enum Permission {
  /** Anyone, even without credentials (health probes, login). */
  PUBLIC(Scope.NONE),
  /** Any authenticated caller, whatever its roles (own profile, plug-in list). */
  AUTHENTICATED(Scope.NONE),

  WORKSPACE_READ(Scope.WORKSPACE),
  WORKSPACE_UPDATE(Scope.WORKSPACE),
  MEMBER_READ(Scope.WORKSPACE),
  MEMBER_MANAGE(Scope.WORKSPACE),
  TOKEN_READ(Scope.WORKSPACE),
  TOKEN_MANAGE(Scope.WORKSPACE),
  AUDIT_READ(Scope.WORKSPACE),
  SECRET_MANAGE(Scope.WORKSPACE),
  CONTENT_READ(Scope.WORKSPACE),
  CONTENT_EDIT(Scope.WORKSPACE),
  CONTENT_APPROVE(Scope.WORKSPACE),
  COMPLIANCE_OVERRIDE(Scope.WORKSPACE),
  PUBLISH(Scope.WORKSPACE),
  CHANNEL_MANAGE(Scope.WORKSPACE),
  ANALYTICS_READ(Scope.WORKSPACE),
  ANALYTICS_EXPORT(Scope.WORKSPACE),

  /** Node administration: users, all workspaces, the audit chain, plug-ins. */
  SYSTEM_ADMIN(Scope.SYSTEM);

  /** Where a permission is evaluated. */
  public enum Scope {
    /** Needs no role. */
    NONE,
    /** Needs a role in the workspace named by the request. */
    WORKSPACE,
    /** Needs the system administrator flag. */
    SYSTEM
  }

  private final Scope scope;

  Permission(Scope scope) {
    this.scope = scope;
  }

  public Scope scope() {
    return scope;
  }
}
