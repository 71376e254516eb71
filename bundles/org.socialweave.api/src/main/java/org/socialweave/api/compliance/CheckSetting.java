package org.socialweave.api.compliance;

import java.util.List;
import java.util.Map;

/**
 * How one check runs in one workspace. A workspace that never set anything gets every check
 * enabled, with its own severities and its parameters' defaults.
 *
 * @param checkId the check's {@link ContentCheck#id()}
 * @param categories the check's categories (read only)
 * @param registered whether the check is installed on this node now; a setting of a check that left
 *     is kept for when it comes back
 * @param enabled whether the check runs for this workspace
 * @param severity the severity of the check's findings in this workspace, or {@code null} for the
 *     check's own; {@link Severity#INFO} notes (a quoted regulation, the brand's history) stay
 *     notes
 * @param parameters the values this workspace set, by parameter name; a parameter not named here
 *     has its default
 * @param parameterTypes the parameters the check takes (read only)
 */
public record CheckSetting(
    String checkId,
    List<String> categories,
    boolean registered,
    boolean enabled,
    Severity severity,
    Map<String, String> parameters,
    List<CheckParameter> parameterTypes) {

  public CheckSetting {
    categories = categories == null ? List.of() : List.copyOf(categories);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    parameterTypes = parameterTypes == null ? List.of() : List.copyOf(parameterTypes);
  }
}
