package org.socialweave.api.compliance;

/** How serious a finding is; ordered from the most to the least serious. */
public enum Severity {
  /** Must not be published as it is (an override needs a role with that right and a reason). */
  BLOCK,
  /** Should be fixed or consciously accepted. */
  WARN,
  /** For the writer's attention only. */
  INFO
}
