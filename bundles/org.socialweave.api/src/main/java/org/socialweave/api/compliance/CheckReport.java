package org.socialweave.api.compliance;

import java.util.List;

/**
 * The result of running every enabled check on one subject.
 *
 * @param findings sorted by position (title first, then text; by start, then end, then severity)
 * @param blocked whether any finding is {@link Severity#BLOCK}
 * @param blockCount the number of {@link Severity#BLOCK} findings
 * @param warnCount the number of {@link Severity#WARN} findings
 * @param infoCount the number of {@link Severity#INFO} findings
 * @param checks the ids of the checks that ran
 * @param failedChecks the ids of checks that threw; their findings are missing, so the report
 *     counts as blocked
 * @param elapsedMicros how long the run took
 */
public record CheckReport(
    List<Finding> findings,
    boolean blocked,
    int blockCount,
    int warnCount,
    int infoCount,
    List<String> checks,
    List<String> failedChecks,
    long elapsedMicros) {

  public CheckReport {
    findings = List.copyOf(findings);
    checks = List.copyOf(checks);
    failedChecks = List.copyOf(failedChecks);
  }
}
