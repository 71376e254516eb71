package org.socialweave.api.approval;

import java.util.List;

/**
 * A workspace's approval sequence. When it is enabled, a post can be scheduled or published only
 * once the last stage approved its current revision; any edit makes a new revision that needs
 * approval again.
 *
 * @param version for {@code ETag}/{@code If-Match}; 0 for a workspace that never set one
 */
public record ApprovalPolicy(
    String workspaceId, boolean enabled, List<ApprovalStage> stages, long version) {

  public ApprovalPolicy {
    stages = stages == null ? List.of() : List.copyOf(stages);
  }
}
