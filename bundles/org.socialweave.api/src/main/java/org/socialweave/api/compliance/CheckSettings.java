package org.socialweave.api.compliance;

import java.time.Instant;
import java.util.List;

/**
 * A workspace's check settings, one per registered check (plus those of checks that left).
 *
 * @param version the ETag; 0 for a workspace that never changed its settings
 * @param updatedAt when they were last changed, or {@code null} for never
 */
public record CheckSettings(
    String workspaceId, List<CheckSetting> checks, long version, Instant updatedAt) {

  public CheckSettings {
    checks = List.copyOf(checks);
  }

  /**
   * One check's settings as a caller writes them.
   *
   * @param enabled {@code null} keeps the check enabled
   * @param severity {@code null} for the check's own severities
   * @param parameters values by parameter name; {@code null} or a missing name for the default
   */
  public record Change(
      String checkId,
      Boolean enabled,
      Severity severity,
      java.util.Map<String, String> parameters) {}
}
