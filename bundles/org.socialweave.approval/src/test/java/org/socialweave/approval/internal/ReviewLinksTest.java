package org.socialweave.approval.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.PageRequest;
import org.socialweave.api.approval.ApprovalDecision;
import org.socialweave.api.approval.ApprovalDecision.Verdict;
import org.socialweave.api.approval.ApprovalPolicy;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalRequest.Status;
import org.socialweave.api.approval.ApprovalStage;
import org.socialweave.api.approval.ApprovalStage.Rule;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.core.internal.vault.SecretVaultImpl;

/** External reviewers through signed links, on a real database, vault and audit log. */
public class ReviewLinksTest extends ApprovalTestBase {

  private static final byte[] VAULT_KEY = new SecureRandom().generateSeed(32);

  private StandInPosts posts;
  private ReviewLinks links;
  private ApprovalRequest request;

  @Before
  public void openRequest() {
    posts = new StandInPosts();
    links =
        new ReviewLinks(
            approvals,
            new SecretVaultImpl(db(), VAULT_KEY, clock),
            audit,
            posts,
            new ReviewMail(new SlaRemindersTest.Outbox(), "https://sw.example/review/{token}"));
    posts.put(ws.id(), "post1", 2, Map.of("weibo-1", "最好的咖啡 the best coffee"));
    twoStages(Rule.ANY);
    request = approvals.open(ws.id(), "post1", 2, editor.id());
  }

  private ReviewLink issue(Integer hours) {
    return links.issue(
        ws.slug(), request.id(), "li@client.example", "Li Na 李娜", hours, approver.id(), "approver");
  }

  private static ApprovalDecision verdict(Verdict v, String comment, Integer start, Integer end) {
    return new ApprovalDecision(0, null, null, v, comment, start, end, "weibo-1", null);
  }

  private static int status(Runnable call) {
    return assertThrows(SocialWeaveException.class, call::run).status();
  }

  @Test
  public void anExternalVerdictIsRecordedAsThatReviewerAndAudited() {
    ReviewLink link = issue(null);
    assertEquals(clock.instant().plus(Duration.ofHours(72)), link.expiresAt());
    assertTrue(link.token().startsWith(link.id() + "."));
    ReviewLinks.Grant grant = links.open(link.token());
    assertEquals(2, grant.post().revision());
    assertEquals("最好的咖啡 the best coffee", grant.post().variants().get(0).text());

    ApprovalRequest after =
        links.decide(grant, verdict(Verdict.APPROVE, "fine by the client", 0, 5), "192.0.2.7");
    assertEquals("stage 1 of 2 is complete", 1, after.stage());
    ApprovalDecision d = after.decisions().get(0);
    assertEquals(link.id(), d.userId());
    assertEquals("Li Na 李娜 <li@client.example>", d.username());
    assertEquals(Integer.valueOf(0), d.spanStart());
    AuditEntry entry = audit.entry(d.auditSequence()).orElseThrow();
    assertEquals("external:li@client.example", entry.event().actor());
    assertEquals("approval.decision.approve", entry.event().action());
    assertEquals("192.0.2.7", entry.event().sourceAddress());
    assertEquals(d.auditHash(), entry.hash());
    assertEquals(
        "post/post1/revision/2/approvals/"
            + request.id()
            + "/decisions/"
            + d.id()
            + "#sha256="
            + d.digest(),
        entry.event().target());
    assertTrue(approvals.intact(ws.id(), request.id(), d));
    assertEquals(
        "the checks ran again on revision 2 before the client's approval",
        List.of(new RecordedGate.Call(ws.id(), "post1", 2, "external:li@client.example")),
        gate.calls);
    assertThrows(
        "one verdict per link",
        ConflictException.class,
        () ->
            links.decide(
                links.open(link.token()), verdict(Verdict.APPROVE, null, null, null), null));
  }

  @Test
  public void aRejectionNeedsAComment() {
    ReviewLinks.Grant grant = links.open(issue(24).token());
    assertThrows(
        ValidationException.class,
        () -> links.decide(grant, verdict(Verdict.REJECT, " ", null, null), null));
    ApprovalRequest after =
        links.decide(grant, verdict(Verdict.REQUEST_CHANGES, "drop 最好", 0, 2), null);
    assertEquals(Status.CHANGES_REQUESTED, after.status());
  }

  @Test
  public void tamperedUnknownExpiredRevokedAndStaleLinksGetDistinctProblems() {
    ReviewLink link = issue(1);
    String token = link.token();
    String forged = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
    assertEquals(403, status(() -> links.open(forged)));
    assertEquals(404, status(() -> links.open("missing")));
    assertEquals(404, status(() -> links.open("01ZZZZZZZZZZZZZZZZZZZZZZZZ." + "A".repeat(43))));

    // Another post's link cannot be turned into this one's by swapping the id.
    ReviewLink other = issue(1);
    String swapped = other.id() + token.substring(token.indexOf('.'));
    assertEquals(403, status(() -> links.open(swapped)));

    clock.advance(Duration.ofMinutes(61));
    assertEquals(410, status(() -> links.open(token)));

    clock.set(link.createdAt());
    links.revoke(ws.id(), request.id(), other.id(), "approver");
    assertEquals(410, status(() -> links.open(other.token())));

    posts.put(ws.id(), "post1", 3, Map.of("weibo-1", "edited"));
    assertEquals(409, status(() -> links.open(token)));
    assertEquals(
        List.of(link.id(), other.id()),
        links.list(ws.id(), request.id(), PageRequest.of(10, null)).items().stream()
            .map(ReviewLink::id)
            .toList());
  }

  @Test
  public void aLinkIsForTheCurrentRevisionOfAPendingRequest() {
    posts.put(ws.id(), "post1", 3, Map.of("weibo-1", "edited"));
    assertThrows(ConflictException.class, () -> issue(null));
    assertThrows(
        ValidationException.class,
        () -> links.issue(ws.id(), request.id(), "not-an-address", "X", null, approver.id(), "a"));
    assertThrows(
        ValidationException.class,
        () -> links.issue(ws.id(), request.id(), "a@b.example", "X", 0, approver.id(), "a"));
  }

  @Test
  public void underAllAnOpenLinkIsOneMoreApproverTheStageWaitsFor() {
    approvals.setPolicy(
        ws.id(),
        new ApprovalPolicy(
            null,
            true,
            List.of(
                new ApprovalStage("Client", null, List.of(approver.id()), Rule.ALL, 24, List.of())),
            0),
        approvals.policy(ws.id()).version());
    posts.put(ws.id(), "post9", 1, Map.of("weibo-1", "text"));
    ApprovalRequest r = approvals.open(ws.id(), "post9", 1, editor.id());
    ReviewLink link =
        links.issue(ws.id(), r.id(), "c@client.example", "Client", null, approver.id(), "a");
    r =
        approvals.decide(
            ws.id(),
            r.id(),
            approver.id(),
            new ApprovalDecision(0, null, null, Verdict.APPROVE, null, null, null, null, null));
    assertEquals("the client has not approved yet", Status.PENDING, r.status());
    r = links.decide(links.open(link.token()), verdict(Verdict.APPROVE, null, null, null), null);
    assertEquals(Status.APPROVED, r.status());
    assertNotNull(r.closedAt());
  }
}
