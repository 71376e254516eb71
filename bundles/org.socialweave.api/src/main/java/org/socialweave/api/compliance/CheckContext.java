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
  private final Map<String, Map<String, String>> parameters;

  /**
   * @param workspaceId the workspace whose word lists and settings apply, or {@code null} for a
   *     bare text check without workspace data
   */
  public CheckContext(String workspaceId) {
    this(workspaceId, Map.of());
  }

  /**
   * @param parameters the workspace's check parameters, by check id and then parameter name
   */
  public CheckContext(String workspaceId, Map<String, Map<String, String>> parameters) {
    this.workspaceId = workspaceId;
    this.parameters = Map.copyOf(parameters);
  }

  /**
   * The workspace's value of a check's parameter, or {@code defaultValue} when the workspace set
   * none.
   */
  public String parameter(String checkId, String name, String defaultValue) {
    return parameters.getOrDefault(checkId, Map.of()).getOrDefault(name, defaultValue);
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
