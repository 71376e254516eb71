package org.socialweave.api.approval;

import java.time.Instant;
import java.util.List;

/**
 * A post's revision going through the stages.
 *
 * @param revision the exact content revision under review; decisions are about it alone
 * @param stage the index of the stage deciding now (0-based), or the number of stages once approved
 * @param stageName the name of that stage, or {@code null} once closed
 * @param stageDueAt when that stage's SLA runs out, or {@code null} once closed
 */
public record ApprovalRequest(
    String id,
    String workspaceId,
    String postId,
    int revision,
    Status status,
    int stage,
    String stageName,
    Instant stageDueAt,
    List<ApprovalDecision> decisions,
    String submittedBy,
    Instant submittedAt,
    Instant closedAt) {

  /** Where the request stands. */
  public enum Status {
    PENDING,
    APPROVED,
    REJECTED,
    CHANGES_REQUESTED,
    /** A newer revision of the post was submitted. */
    SUPERSEDED
  }

  public ApprovalRequest {
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
  }
}
