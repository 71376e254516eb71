package org.socialweave.api.approval;

import java.util.Optional;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;

/**
 * The approval workflow. The post service opens a request when an editor submits a post and asks
 * {@link #publishable} before it schedules anything.
 */
public interface ApprovalService {

  /** The workspace's policy; a workspace that never set one has approval turned off. */
  ApprovalPolicy policy(String workspaceId);

  /**
   * The policy that governs a post of {@code campaignId}: the campaign's own when it has one, else
   * the workspace's.
   *
   * @param campaignId the post's campaign, or {@code null}
   */
  default ApprovalPolicy policy(String workspaceId, String campaignId) {
    return policy(workspaceId);
  }

  /**
   * Replaces the policy.
   *
   * @throws org.socialweave.api.error.ValidationException for an enabled policy without stages, a
   *     stage without a name, role or SLA
   * @throws org.socialweave.api.error.PreconditionFailedException for a stale version
   */
  ApprovalPolicy setPolicy(String workspaceId, ApprovalPolicy policy, long expectedVersion);

  /**
   * Opens a request for one revision of a post; earlier open requests of the post are superseded.
   *
   * @throws org.socialweave.api.error.ConflictException when approval is turned off
   */
  ApprovalRequest open(String workspaceId, String postId, int revision, String submitterUserId);

  /**
   * Opens a request under the policy of the post's campaign ({@link #policy(String, String)}).
   *
   * @param campaignId the post's campaign, or {@code null}
   */
  default ApprovalRequest open(
      String workspaceId, String postId, String campaignId, int revision, String submitterUserId) {
    return open(workspaceId, postId, revision, submitterUserId);
  }

  /**
   * Records a verdict on the request's current stage.
   *
   * @throws org.socialweave.api.error.ConflictException when the request is closed, or the user
   *     submitted the post (nobody approves their own post), or decided this stage already
   * @throws org.socialweave.api.error.SocialWeaveException 403 when the user may not decide this
   *     stage
   */
  ApprovalRequest decide(
      String workspaceId, String requestId, String userId, ApprovalDecision decision);

  ApprovalRequest get(String workspaceId, String requestId);

  /** The newest request of a post, if it was ever submitted. */
  Optional<ApprovalRequest> latest(String workspaceId, String postId);

  /** Requests of the workspace, oldest first; {@code status} and {@code postId} may be null. */
  Page<ApprovalRequest> list(
      String workspaceId, ApprovalRequest.Status status, String postId, PageRequest page);

  /**
   * The pending requests waiting for this user's verdict, oldest first: the user may decide their
   * current stage (named in it, of its role, a workspace admin or a node admin), did not submit the
   * post and has not decided that stage yet.
   */
  Page<ApprovalRequest> awaiting(String workspaceId, String userId, PageRequest page);

  /**
   * Whether that revision may be scheduled: approval is off, or the last stage approved exactly
   * that revision.
   */
  boolean publishable(String workspaceId, String postId, int revision);

  /** {@link #publishable(String, String, int)} under the policy of the post's campaign. */
  default boolean publishable(String workspaceId, String postId, String campaignId, int revision) {
    return publishable(workspaceId, postId, revision);
  }

  /**
   * Whether a recorded decision is still what was decided: its stored fields give the digest it was
   * recorded with. The digest's place in the audit chain is the caller's to check ({@link
   * ApprovalDecision#auditSequence()}).
   *
   * @param requestId the request the decision belongs to
   */
  boolean intact(String workspaceId, String requestId, ApprovalDecision decision);
}
