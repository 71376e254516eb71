package org.socialweave.api.approval;

import java.util.List;
import org.socialweave.api.security.Role;

/**
 * One stage of a workspace's approval sequence.
 *
 * @param name what people call the stage, e.g. "Legal" or "法务审核"
 * @param role who may decide it when {@code userIds} is empty: members with this role (and the
 *     workspace's admins)
 * @param userIds named people who decide it; when not empty, only they may
 * @param rule whether one approval completes the stage or every eligible person's
 * @param slaHours how long the stage may take before it is overdue; at least 1
 * @param reviewers people without an account (a client, an agency's legal counsel) who are sent a
 *     signed review link by e-mail when the stage opens; under {@link Rule#ALL} each of them must
 *     approve too
 */
public record ApprovalStage(
    String name,
    Role role,
    List<String> userIds,
    Rule rule,
    int slaHours,
    List<ExternalReviewer> reviewers) {

  /** Someone outside the workspace who reviews through an expiring signed link. */
  public record ExternalReviewer(String email, String name) {}

  /** How many of the eligible people must approve. */
  public enum Rule {
    ANY,
    ALL
  }

  public ApprovalStage {
    userIds = userIds == null ? List.of() : List.copyOf(userIds);
    reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
  }
}
