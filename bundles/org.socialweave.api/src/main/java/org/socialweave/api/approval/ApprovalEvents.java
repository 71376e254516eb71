package org.socialweave.api.approval;

/**
 * The OSGi EventAdmin topics the approval workflow posts, and their property names; every value is
 * a string.
 */
public final class ApprovalEvents {

  /** All approval topics, for an {@code event.topics} filter. */
  public static final String ALL = "org/socialweave/approval/*";

  /**
   * A stage of a pending request opened: the first when the post was submitted, a later one when
   * the previous stage completed. Its deciders can act now.
   */
  public static final String STAGE_OPENED = "org/socialweave/approval/STAGE_OPENED";

  public static final String WORKSPACE_ID = "workspaceId";
  public static final String REQUEST_ID = "requestId";
  public static final String POST_ID = "postId";
  public static final String REVISION = "revision";

  /** The stage's index in the request's sequence, from 0. */
  public static final String STAGE = "stage";

  private ApprovalEvents() {}
}
