package org.socialweave.api;

import java.util.Optional;

/** Creates and finds workspaces and manages who belongs to them. */
public interface WorkspaceService {

  Workspace create(String slug, String name, String timeZone);

  Optional<Workspace> find(String idOrSlug);

  Page<Workspace> list(PageRequest page);

  /** Workspaces the user is a member of (all of them for a system admin). */
  Page<Workspace> listFor(String userId, PageRequest page);

  /**
   * Renames a workspace or changes its time zone.
   *
   * @param expectedVersion the version the caller saw; a mismatch is a conflict
   */
  Workspace update(String id, String name, String timeZone, long expectedVersion);

  Membership grant(String workspaceId, String userId, org.socialweave.api.security.Role role);

  void revoke(String workspaceId, String userId);

  Page<Membership> members(String workspaceId, PageRequest page);

  /** The user's role in each workspace they belong to, keyed by workspace id. */
  java.util.Map<String, org.socialweave.api.security.Role> rolesOf(String userId);
}
