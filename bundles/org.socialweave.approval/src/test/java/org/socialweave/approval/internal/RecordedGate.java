package org.socialweave.approval.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.socialweave.api.approval.ApprovalGate;
import org.socialweave.api.error.SocialWeaveException;

/**
 * The approval gate as the approval bundle sees it (the content bundle's real one runs the checks
 * and has its own tests there): it keeps each call, and refuses the posts a test names the way the
 * real one refuses a blocking finding.
 */
final class RecordedGate implements ApprovalGate {

  record Call(String workspaceId, String postId, int revision, String actor) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  final Set<String> blockedPosts = ConcurrentHashMap.newKeySet();

  @Override
  public void beforeApproval(String workspaceId, String postId, int revision, String actor) {
    calls.add(new Call(workspaceId, postId, revision, actor));
    if (blockedPosts.contains(postId)) {
      throw new SocialWeaveException(
          409,
          "approval-blocked",
          "Approval refused by the content checks",
          "revision " + revision + " has blocking findings that no override accepted");
    }
  }
}
