package org.socialweave.content.internal;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.approval.ApprovalDecision;
import org.socialweave.api.approval.ApprovalPolicy;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalService;
import org.socialweave.api.error.ConflictException;
import org.socialweave.core.persistence.Digests;

/**
 * Approval as the posts see it: on or off, and which revisions were approved. The workflow itself
 * is the approval bundle's, tested there.
 */
final class ApprovalSwitch implements ApprovalService {

  volatile boolean enabled;
  final Set<String> approved = ConcurrentHashMap.newKeySet();
  volatile String lastOpened;
  final java.util.List<ApprovalRequest> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.time.Clock clock;

  ApprovalSwitch(java.time.Clock clock) {
    this.clock = clock;
  }

  void approve(String postId, int revision) {
    approved.add(postId + "@" + revision);
  }

  @Override
  public ApprovalPolicy policy(String workspaceId) {
    return new ApprovalPolicy(workspaceId, enabled, java.util.List.of(), 0);
  }

  @Override
  public boolean publishable(String workspaceId, String postId, int revision) {
    return !enabled || approved.contains(postId + "@" + revision);
  }

  @Override
  public ApprovalRequest open(String workspaceId, String postId, int revision, String submitter) {
    if (!enabled) {
      throw new ConflictException("approval is turned off");
    }
    lastOpened = postId + "@" + revision;
    ApprovalRequest request =
        new ApprovalRequest(
            "req" + opened.size(),
            workspaceId,
            postId,
            revision,
            ApprovalRequest.Status.PENDING,
            0,
            "Legal",
            null,
            java.util.List.of(),
            submitter,
            clock.instant(),
            null);
    opened.add(request);
    return request;
  }

  @Override
  public ApprovalPolicy setPolicy(String workspaceId, ApprovalPolicy policy, long expectedVersion) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ApprovalRequest decide(
      String workspaceId, String requestId, String userId, ApprovalDecision decision) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ApprovalRequest get(String workspaceId, String requestId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<ApprovalRequest> latest(String workspaceId, String postId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Page<ApprovalRequest> list(
      String workspaceId, ApprovalRequest.Status status, String postId, PageRequest page) {
    return new Page<>(
        opened.stream()
            .filter(r -> r.workspaceId().equals(workspaceId))
            .filter(r -> postId == null || r.postId().equals(postId))
            .toList(),
        null);
  }

  @Override
  public Page<ApprovalRequest> awaiting(String workspaceId, String userId, PageRequest page) {
    throw new UnsupportedOperationException();
  }

  /** Decisions the approval bundle would no longer find matching their digest. */
  final Set<String> tampered = ConcurrentHashMap.newKeySet();

  /**
   * Records an approving decision on the newest request the way the approval bundle links it: an
   * audit entry whose target carries the decision's digest.
   */
  ApprovalDecision decide(org.socialweave.api.audit.AuditLog audit, String decider) {
    ApprovalRequest r = opened.get(opened.size() - 1);
    String id = "dec" + r.decisions().size() + r.id();
    String digest = Digests.sha256(id + r.postId() + r.revision());
    org.socialweave.api.audit.AuditEntry entry =
        audit.record(
            new org.socialweave.api.audit.AuditEvent(
                decider,
                r.workspaceId(),
                "approval.decision.approve",
                "post/"
                    + r.postId()
                    + "/revision/"
                    + r.revision()
                    + "/decisions/"
                    + id
                    + "#sha256="
                    + digest,
                null,
                "success"));
    ApprovalDecision d =
        new ApprovalDecision(
            0,
            decider,
            decider,
            ApprovalDecision.Verdict.APPROVE,
            null,
            null,
            null,
            null,
            clock.instant(),
            id,
            digest,
            entry.sequence(),
            entry.hash());
    java.util.List<ApprovalDecision> decisions = new java.util.ArrayList<>(r.decisions());
    decisions.add(d);
    opened.set(
        opened.size() - 1,
        new ApprovalRequest(
            r.id(),
            r.workspaceId(),
            r.postId(),
            r.revision(),
            ApprovalRequest.Status.APPROVED,
            1,
            null,
            null,
            decisions,
            r.submittedBy(),
            r.submittedAt(),
            clock.instant()));
    approve(r.postId(), r.revision());
    return d;
  }

  @Override
  public boolean intact(String workspaceId, String requestId, ApprovalDecision decision) {
    return decision.digest() != null && !tampered.contains(decision.id());
  }
}
