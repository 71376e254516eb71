package org.socialweave.content.internal;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.socialweave.api.compliance.CheckRun;
import org.socialweave.api.compliance.CheckRuns;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.compliance.Severity;
import org.socialweave.content.internal.persistence.OverrideEntity;

/**
 * Which blocking findings an override of a revision accepted: those its runs had found when the
 * override was made, so a finding that is new since then (a word added to a list) still stops the
 * post.
 */
final class OverrideCoverage {

  private OverrideCoverage() {}

  /**
   * The accepted findings of one variant ({@link #key}s); none without an override.
   *
   * @param withSubmission also those of the submission's runs: a revision with blocking findings is
   *     only submitted under an override, so what its submission found was accepted
   */
  static Set<String> covered(
      PostServiceImpl posts,
      CheckRuns runs,
      String workspaceId,
      String postId,
      int revision,
      String variantId,
      boolean withSubmission) {
    Optional<OverrideEntity> override = posts.override(postId, revision);
    if (override.isEmpty()) {
      return Set.of();
    }
    Set<String> keys = new HashSet<>();
    for (CheckRun run : runs.ofRevision(workspaceId, postId, revision)) {
      boolean seen =
          !run.ranAt().isAfter(override.get().createdAt)
              || (withSubmission && CheckRun.SUBMIT.equals(run.stage()));
      if (!seen || !variantId.equals(run.variantId())) {
        continue;
      }
      for (Finding f : run.findings()) {
        if (f.severity() == Severity.BLOCK) {
          keys.add(key(f));
        }
      }
    }
    return keys;
  }

  /** What makes two findings the same, wherever the text put them. */
  static String key(Finding f) {
    return f.ruleId() + "\u0000" + f.matched();
  }
}
