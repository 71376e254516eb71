package org.socialweave.approval.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.Test;
import org.socialweave.api.PageRequest;
import org.socialweave.api.User;
import org.socialweave.api.approval.ApprovalDecision;
import org.socialweave.api.approval.ApprovalDecision.Verdict;
import org.socialweave.api.approval.ApprovalPolicy;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalRequest.Status;
import org.socialweave.api.approval.ApprovalStage;
import org.socialweave.api.approval.ApprovalStage.Rule;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Role;

/** The approval workflow: stages, rules, verdicts and revisions. */
public class ApprovalServiceImplTest extends ApprovalTestBase {

  @Test
  public void aWorkspaceWithoutAPolicyPublishesFreely() {
    assertFalse(approvals.policy(ws.id()).enabled());
    assertTrue(approvals.publishable(ws.id(), "post1", 1));
    assertThrows(ConflictException.class, () -> approvals.open(ws.id(), "post1", 1, editor.id()));
  }

  @Test
  public void theLastStageApprovesExactlyTheSubmittedRevision() {
    twoStages(Rule.ANY);
    ApprovalRequest r = approvals.open(ws.id(), "post1", 3, editor.id());
    assertEquals(Status.PENDING, r.status());
    assertEquals("Brand 品牌", r.stageName());
    assertEquals(clock.instant().plus(Duration.ofHours(24)), r.stageDueAt());
    assertFalse(approvals.publishable(ws.id(), "post1", 3));
    r = approvals.decide(ws.id(), r.id(), approver.id(), verdict(Verdict.APPROVE, null));
    assertEquals(1, r.stage());
    assertEquals("Legal 法务", r.stageName());
    SocialWeaveException notNamed =
        assertThrows(
            SocialWeaveException.class,
            () ->
                approvals.decide(
                    ws.id(),
                    "" + approvals.latest(ws.id(), "post1").get().id(),
                    secondApprover.id(),
                    verdict(Verdict.APPROVE, null)));
    assertEquals(403, notNamed.status());
    r = approvals.decide(ws.id(), r.id(), legal.id(), verdict(Verdict.APPROVE, "ok"));
    assertEquals(Status.APPROVED, r.status());
    assertNull(r.stageName());
    assertEquals(2, r.decisions().size());
    assertTrue(approvals.publishable(ws.id(), "post1", 3));
    assertFalse("an edit is a new revision", approvals.publishable(ws.id(), "post1", 4));
  }

  @Test
  public void nobodyApprovesTheirOwnPostNorTwiceNorOutsideTheirRole() {
    twoStages(Rule.ANY);
    ApprovalRequest r = approvals.open(ws.id(), "post2", 1, approver.id());
    assertThrows(
        ConflictException.class,
        () -> approvals.decide(ws.id(), r.id(), approver.id(), verdict(Verdict.APPROVE, null)));
    SocialWeaveException editorRefused =
        assertThrows(
            SocialWeaveException.class,
            () -> approvals.decide(ws.id(), r.id(), editor.id(), verdict(Verdict.APPROVE, null)));
    assertEquals(403, editorRefused.status());
  }

  @Test
  public void allMeansEveryApproverOfTheRole() {
    twoStages(Rule.ALL);
    ApprovalRequest r = approvals.open(ws.id(), "post3", 1, editor.id());
    r = approvals.decide(ws.id(), r.id(), approver.id(), verdict(Verdict.APPROVE, null));
    assertEquals("one of two approvers is not enough", 0, r.stage());
    String id = r.id();
    assertThrows(
        ConflictException.class,
        () -> approvals.decide(ws.id(), id, approver.id(), verdict(Verdict.APPROVE, null)));
    r = approvals.decide(ws.id(), r.id(), secondApprover.id(), verdict(Verdict.APPROVE, null));
    assertEquals(1, r.stage());
  }

  @Test
  public void aRejectionWithACommentOnASpanClosesTheRequest() {
    twoStages(Rule.ANY);
    ApprovalRequest r = approvals.open(ws.id(), "post4", 1, editor.id());
    assertThrows(
        ValidationException.class,
        () -> approvals.decide(ws.id(), r.id(), approver.id(), verdict(Verdict.REJECT, " ")));
    assertThrows(
        ValidationException.class,
        () ->
            approvals.decide(
                ws.id(),
                r.id(),
                approver.id(),
                new ApprovalDecision(
                    0, null, null, Verdict.REQUEST_CHANGES, "x", 5, 2, null, null)));
    ApprovalRequest changed =
        approvals.decide(
            ws.id(),
            r.id(),
            approver.id(),
            new ApprovalDecision(
                0,
                null,
                null,
                Verdict.REQUEST_CHANGES,
                "“最好” is an absolute term",
                3,
                5,
                "ch1",
                null));
    assertEquals(Status.CHANGES_REQUESTED, changed.status());
    ApprovalDecision d = changed.decisions().get(0);
    assertEquals(Integer.valueOf(3), d.spanStart());
    assertEquals("ch1", d.channelId());
    assertThrows(
        ConflictException.class,
        () -> approvals.decide(ws.id(), r.id(), approver.id(), verdict(Verdict.APPROVE, null)));
    ApprovalRequest again = approvals.open(ws.id(), "post4", 2, editor.id());
    assertEquals(Status.PENDING, again.status());
    assertEquals(2, approvals.list(ws.id(), null, "post4", PageRequest.first(10)).items().size());
  }

  @Test
  public void theQueueHoldsWhatWaitsForEachPersonsVerdict() {
    twoStages(Rule.ANY);
    User admin = member(Role.ADMIN);
    ApprovalRequest first = approvals.open(ws.id(), "queue1", 1, editor.id());
    ApprovalRequest second = approvals.open(ws.id(), "queue2", 1, approver.id());
    ApprovalRequest third = approvals.open(ws.id(), "queue3", 1, editor.id());
    assertEquals(
        "an approver's queue has the brand stage's posts, not their own",
        List.of(first.id(), third.id()),
        ids(approvals.awaiting(ws.id(), approver.id(), PageRequest.first(10))));
    assertEquals(
        "a workspace admin decides every stage",
        List.of(first.id(), second.id(), third.id()),
        ids(approvals.awaiting(ws.id(), admin.id(), PageRequest.first(10))));
    assertTrue(approvals.awaiting(ws.id(), editor.id(), PageRequest.first(10)).items().isEmpty());
    assertTrue(
        "legal decides only the second stage",
        approvals.awaiting(ws.id(), legal.id(), PageRequest.first(10)).items().isEmpty());

    approvals.decide(ws.id(), first.id(), approver.id(), verdict(Verdict.APPROVE, null));
    assertEquals(
        List.of(first.id()), ids(approvals.awaiting(ws.id(), legal.id(), PageRequest.first(10))));
    var page = approvals.awaiting(ws.id(), admin.id(), PageRequest.first(1));
    assertEquals(
        "a stage of named people is theirs, not the workspace admins'",
        List.of(second.id()),
        ids(page));
    var rest = approvals.awaiting(ws.id(), admin.id(), PageRequest.of(1, page.nextCursor()));
    assertEquals(List.of(third.id()), ids(rest));
    assertNull(rest.nextCursor());
    approvals.decide(ws.id(), third.id(), secondApprover.id(), verdict(Verdict.REJECT, "no"));
    assertEquals(
        "a closed request leaves every queue",
        List.of(second.id()),
        ids(approvals.awaiting(ws.id(), admin.id(), PageRequest.first(10))));
  }

  private static List<String> ids(org.socialweave.api.Page<ApprovalRequest> page) {
    return page.items().stream().map(ApprovalRequest::id).toList();
  }

  @Test
  public void aNewSubmissionSupersedesTheOpenOne() {
    twoStages(Rule.ANY);
    ApprovalRequest first = approvals.open(ws.id(), "post5", 1, editor.id());
    assertEquals(first.id(), approvals.open(ws.id(), "post5", 1, editor.id()).id());
    approvals.open(ws.id(), "post5", 2, editor.id());
    assertEquals(Status.SUPERSEDED, approvals.get(ws.id(), first.id()).status());
    assertEquals(
        1, approvals.list(ws.id(), Status.PENDING, "post5", PageRequest.first(10)).items().size());
  }

  @Test
  public void badPoliciesAreRefusedAndStaleOnesTooAndRequestsKeepTheirStages() {
    assertThrows(
        ValidationException.class,
        () -> approvals.setPolicy(ws.id(), new ApprovalPolicy(null, true, List.of(), 0), 0));
    assertThrows(
        ValidationException.class,
        () ->
            approvals.setPolicy(
                ws.id(),
                new ApprovalPolicy(
                    null,
                    true,
                    List.of(
                        new ApprovalStage("x", null, List.of("nobody"), Rule.ANY, 1, List.of())),
                    0),
                0));
    assertThrows(
        ValidationException.class,
        () ->
            approvals.setPolicy(
                ws.id(),
                new ApprovalPolicy(
                    null,
                    true,
                    List.of(new ApprovalStage("x", Role.APPROVER, null, Rule.ANY, 0, List.of())),
                    0),
                0));
    ApprovalPolicy set = twoStages(Rule.ANY);
    ApprovalRequest r = approvals.open(ws.id(), "post6", 1, editor.id());
    assertThrows(
        PreconditionFailedException.class,
        () -> approvals.setPolicy(ws.id(), new ApprovalPolicy(null, false, List.of(), 0), 0));
    approvals.setPolicy(
        ws.id(),
        new ApprovalPolicy(
            null,
            true,
            List.of(new ApprovalStage("Only", Role.APPROVER, null, null, 1, List.of())),
            0),
        set.version());
    assertEquals("Brand 品牌", approvals.get(ws.id(), r.id()).stageName());
  }
}
