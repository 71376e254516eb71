/**
 * Multi-level approval of posts: a workspace's {@link org.socialweave.api.approval.ApprovalPolicy}
 * of stages, and {@link org.socialweave.api.approval.ApprovalRequest}s about exact content
 * revisions.
 */
package org.socialweave.api.approval;
