package org.socialweave.api.compliance;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The circumstances of one check run, shared by every check of the run. Not thread-safe: one run
 * calls its checks one after the other.
 */
public final class CheckContext {

  private final String workspaceId;
  private final Map<String, Object> shared = new HashMap<>();

  /**
   * @param workspaceId the workspace whose word lists and settings apply, or {@code null} for a
   *     bare text check without workspace data
   */
  public CheckContext(String workspaceId) {
    this.workspaceId = workspaceId;
  }

  /** The workspace's id, or {@code null} for a bare text check. */
  public String workspaceId() {
    return workspaceId;
  }

  /**
   * A value derived from the subject once per run and shared by the checks (a normalised text, for
   * example), computed by {@code compute} the first time {@code key} is asked for.
   */
  public <T> T shared(String key, Class<T> type, Function<String, T> compute) {
    return type.cast(shared.computeIfAbsent(key, compute));
  }
}
