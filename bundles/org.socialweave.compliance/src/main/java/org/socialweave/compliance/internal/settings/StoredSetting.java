package org.socialweave.compliance.internal.settings;

import java.util.Map;
import org.socialweave.api.compliance.Severity;

/**
 * One check's stored settings in a workspace.
 *
 * @param severity {@code null} for the check's own severities
 * @param parameters the values the workspace set, by parameter name
 */
public record StoredSetting(boolean enabled, Severity severity, Map<String, String> parameters) {

  public static final StoredSetting DEFAULT = new StoredSetting(true, null, Map.of());

  public StoredSetting {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
