package org.socialweave.api.approval;

import java.util.List;

/**
 * A workspace's approval sequence. When it is enabled, a post can be scheduled or published only
 * once the last stage approved its current revision; any edit makes a new revision that needs
 * approval again.
 *
 * @param version for {@code ETag}/{@code If-Match}; 0 for a workspace that never set one
 * @param campaignId the campaign whose posts this policy governs instead of the workspace's, or
 *     {@code null} for the workspace's own policy
 */
public record ApprovalPolicy(
    String workspaceId,
    boolean enabled,
    List<ApprovalStage> stages,
    long version,
    String campaignId) {

  public ApprovalPolicy {
    stages = stages == null ? List.of() : List.copyOf(stages);
  }

  /** A workspace's own policy. */
  public ApprovalPolicy(
      String workspaceId, boolean enabled, List<ApprovalStage> stages, long version) {
    this(workspaceId, enabled, stages, version, null);
  }
}
