package org.socialweave.api.vault;

import java.util.List;

/**
 * Stores credentials encrypted at rest with a key kept outside the database. Values are handed out
 * as char arrays so callers can wipe them; they never appear in logs or REST output.
 */
public interface SecretVault {

  /** Stores or replaces the secret {@code name} of a workspace. */
  SecretRef put(String workspaceId, String name, char[] value);

  char[] reveal(String workspaceId, String name);

  List<SecretRef> list(String workspaceId);

  void delete(String workspaceId, String name);
}
