package org.socialweave.api.approval;

/**
 * Asked before a verdict that approves is recorded: runs the content checks again on the exact
 * revision under review (the content bundle implements it), so a word added to a list after the
 * post was submitted stops the approval.
 */
public interface ApprovalGate {

  /**
   * Runs the checks on the revision and stores the run with it (stage {@code approval}).
   *
   * @param actor who approves, as the check run records it
   * @throws org.socialweave.api.error.ConflictException when the post is no longer at that revision
   * @throws org.socialweave.api.error.SocialWeaveException 409 {@code approval-blocked} when a
   *     blocking finding is not covered by an override of the revision; the detail names them
   */
  void beforeApproval(String workspaceId, String postId, int revision, String actor);
}
