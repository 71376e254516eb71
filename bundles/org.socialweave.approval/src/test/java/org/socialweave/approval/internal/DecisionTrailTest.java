package org.socialweave.approval.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.approval.ApprovalDecision;
import org.socialweave.api.approval.ApprovalDecision.Verdict;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalRequest.Status;
import org.socialweave.api.approval.ApprovalStage.Rule;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.error.SocialWeaveException;

/**
 * Each decision in the hash-chained audit log, linked to the revision it was about by a digest, and
 * the checks again before every approval (real database, real audit log).
 */
public class DecisionTrailTest extends ApprovalTestBase {

  @Before
  public void policy() {
    twoStages(Rule.ANY);
  }

  @Test
  public void aDecisionHasItsOwnAuditEntryWhoseTargetCarriesItsDigest() {
    ApprovalRequest r = approvals.open(ws.id(), "trail1", 3, editor.id());
    ApprovalRequest after =
        approvals.decide(ws.id(), r.id(), approver.id(), verdict(Verdict.APPROVE, "ok 好"));
    ApprovalDecision d = after.decisions().get(0);
    AuditEntry entry = audit.entry(d.auditSequence()).orElseThrow();
    assertEquals(d.auditHash(), entry.hash());
    assertEquals(approver.username(), entry.event().actor());
    assertEquals("approval.decision.approve", entry.event().action());
    assertEquals(
        "post/trail1/revision/3/approvals/"
            + r.id()
            + "/decisions/"
            + d.id()
            + "#sha256="
            + d.digest(),
        entry.event().target());
    assertEquals(64, d.digest().length());
    assertTrue(approvals.intact(ws.slug(), r.id(), d));
    assertTrue(audit.verify().intact());

    ApprovalRequest rejected =
        approvals.decide(ws.id(), r.id(), legal.id(), verdict(Verdict.REQUEST_CHANGES, "fix 价格"));
    ApprovalDecision second = rejected.decisions().get(1);
    assertEquals(
        "approval.decision.request_changes",
        audit.entry(second.auditSequence()).orElseThrow().event().action());
    assertTrue(approvals.intact(ws.id(), r.id(), second));
  }

  @Test
  public void aDecisionChangedInTheDatabaseNoLongerMatchesItsDigest() {
    ApprovalRequest r = approvals.open(ws.id(), "trail2", 1, editor.id());
    ApprovalDecision d =
        approvals
            .decide(ws.id(), r.id(), approver.id(), verdict(Verdict.APPROVE, "fine"))
            .decisions()
            .get(0);
    testDb.update("UPDATE sw_approval_decision SET comment = ? WHERE id = ?", "edited", d.id());
    assertFalse(approvals.intact(ws.id(), r.id(), d));
    assertFalse("another request's id does not verify it", approvals.intact(ws.id(), "other", d));
  }

  @Test
  public void anApprovalRunsTheChecksOnTheRequestsRevisionAndABlockedOneRecordsNothing() {
    ApprovalRequest r = approvals.open(ws.id(), "trail3", 4, editor.id());
    gate.blockedPosts.add("trail3");
    SocialWeaveException refused =
        assertThrows(
            SocialWeaveException.class,
            () -> approvals.decide(ws.id(), r.id(), approver.id(), verdict(Verdict.APPROVE, null)));
    assertEquals(409, refused.status());
    assertEquals("approval-blocked", refused.type());
    assertEquals(
        List.of(new RecordedGate.Call(ws.id(), "trail3", 4, approver.username())), gate.calls);
    ApprovalRequest still = approvals.get(ws.id(), r.id());
    assertEquals(Status.PENDING, still.status());
    assertEquals(List.of(), still.decisions());

    gate.blockedPosts.clear();
    approvals.decide(ws.id(), r.id(), approver.id(), verdict(Verdict.APPROVE, null));
    assertEquals(1, approvals.get(ws.id(), r.id()).stage());
    assertEquals(2, gate.calls.size());
  }

  @Test
  public void onlyAnApprovalThatMayBeRecordedRunsTheChecks() {
    ApprovalRequest r = approvals.open(ws.id(), "trail4", 1, editor.id());
    assertThrows(
        "the submitter",
        SocialWeaveException.class,
        () -> approvals.decide(ws.id(), r.id(), editor.id(), verdict(Verdict.APPROVE, null)));
    assertThrows(
        "not of the stage's role",
        SocialWeaveException.class,
        () -> approvals.decide(ws.id(), r.id(), legal.id(), verdict(Verdict.APPROVE, null)));
    approvals.decide(ws.id(), r.id(), approver.id(), verdict(Verdict.REJECT, "no"));
    assertEquals("a rejection needs no checks", List.of(), gate.calls);
  }

  @Test
  public void withoutTheChecksNothingIsApproved() {
    ApprovalRequest r = approvals.open(ws.id(), "trail5", 1, editor.id());
    approvals.gate = null;
    SocialWeaveException e =
        assertThrows(
            SocialWeaveException.class,
            () -> approvals.decide(ws.id(), r.id(), approver.id(), verdict(Verdict.APPROVE, null)));
    assertEquals(503, e.status());
    assertEquals(List.of(), approvals.get(ws.id(), r.id()).decisions());
  }
}
