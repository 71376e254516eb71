package org.socialweave.approval.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.socialweave.api.PageRequest;
import org.socialweave.api.approval.ApprovalDecision.Verdict;
import org.socialweave.api.approval.ApprovalEvents;
import org.socialweave.api.approval.ApprovalPolicy;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalRequest.Status;
import org.socialweave.api.approval.ApprovalStage;
import org.socialweave.api.approval.ApprovalStage.ExternalReviewer;
import org.socialweave.api.approval.ApprovalStage.Rule;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.notify.Notification;
import org.socialweave.api.security.Role;
import org.socialweave.core.internal.vault.SecretVaultImpl;

/** A policy stage's external reviewers are sent their links when the stage opens. */
public class StageInvitationsTest extends ApprovalTestBase {

  private static final byte[] VAULT_KEY = new SecureRandom().generateSeed(32);
  private static final ExternalReviewer CLIENT = new ExternalReviewer("Li@Client.example", "李娜");
  private static final ExternalReviewer COUNSEL = new ExternalReviewer("kim@law.example", "Kim");

  /** The events the approval service posted, as EventAdmin would deliver them. */
  private final List<Event> posted = new CopyOnWriteArrayList<>();

  private SlaRemindersTest.Outbox outbox;
  private StandInPosts posts;
  private ReviewLinks links;

  @Before
  public void wire() {
    outbox = new SlaRemindersTest.Outbox();
    posts = new StandInPosts();
    links = linksOnANode();
    approvals.eventAdmin =
        new EventAdmin() {
          @Override
          public void postEvent(Event event) {
            posted.add(event);
          }

          @Override
          public void sendEvent(Event event) {
            posted.add(event);
          }
        };
  }

  private ReviewLinks linksOnANode() {
    return new ReviewLinks(
        approvals,
        new SecretVaultImpl(db(), VAULT_KEY, clock),
        audit,
        posts,
        new ReviewMail(outbox, "https://sw.example/review/{token}"));
  }

  /** Brand (approvers, with the client under ALL), then Legal (the counsel alone). */
  private void policyWithReviewers() {
    policy(
        0,
        new ApprovalStage("Brand 品牌", Role.APPROVER, List.of(), Rule.ALL, 24, List.of(CLIENT)),
        new ApprovalStage("Legal 法务", null, List.of(), Rule.ANY, 96, List.of(COUNSEL)));
  }

  private ApprovalRequest submit(String postId) {
    posts.put(ws.id(), postId, 1, Map.of("weibo-1", "春季上新 spring drop"));
    return approvals.open(ws.id(), postId, 1, editor.id());
  }

  private List<Notification> mailTo(String address) {
    return outbox.emails.stream().filter(n -> n.recipients().contains(address)).toList();
  }

  private List<ReviewLink> linksOf(ApprovalRequest r) {
    return links.list(ws.id(), r.id(), new PageRequest(100, null)).items();
  }

  @Test
  public void openingAStagePostsItsEventAndInvitesItsReviewersOnceAcrossNodes() {
    policyWithReviewers();
    ApprovalRequest r = submit("inv1");
    assertEquals(1, posted.size());
    Event opened = posted.get(0);
    assertEquals(ApprovalEvents.STAGE_OPENED, opened.getTopic());
    assertEquals(r.id(), opened.getProperty(ApprovalEvents.REQUEST_ID));
    assertEquals("0", opened.getProperty(ApprovalEvents.STAGE));
    assertEquals("1", opened.getProperty(ApprovalEvents.REVISION));

    StageInvitations first = new StageInvitations(approvals, links);
    StageInvitations second = new StageInvitations(approvals, linksOnANode());
    first.handleEvent(opened);
    second.handleEvent(opened);
    assertEquals("the sweep finds nothing left", 0, first.sweep());

    List<ReviewLink> sent = linksOf(r);
    assertEquals("one link for the client, none yet for the counsel", 1, sent.size());
    ReviewLink link = sent.get(0);
    assertEquals(0, link.stage());
    assertEquals("Li@Client.example", link.email());
    assertEquals(ReviewLinks.POLICY_ISSUER, link.createdBy());
    assertEquals(
        "valid for the default 72 h, longer than the stage's 24 h SLA",
        clock.instant().plus(Duration.ofHours(ReviewLinks.DEFAULT_HOURS)),
        link.expiresAt());
    assertEquals(1, mailTo("Li@Client.example").size());
    assertTrue(link.emailedAt() != null);

    assertEquals("submitting the same revision again opens nothing", r.id(), submit("inv1").id());
    assertEquals(1, posted.size());
  }

  @Test
  public void underAllTheClientMustApproveAndTheNextStageInvitesItsOwnReviewer() {
    policyWithReviewers();
    ApprovalRequest r = submit("inv2");
    // Both approvers agree before the client's link is out: the stage waits for the client.
    approvals.decide(ws.id(), r.id(), approver.id(), verdict(Verdict.APPROVE, null));
    approvals.decide(ws.id(), r.id(), secondApprover.id(), verdict(Verdict.APPROVE, null));
    assertEquals(
        "both approvers agreed, but the client has not", 0, approvals.get(ws.id(), r.id()).stage());
    assertEquals("no stage opened", 1, posted.size());
    StageInvitations invitations = new StageInvitations(approvals, links);
    assertEquals(1, invitations.sweep());

    ReviewLink client = linksOf(r).get(0);
    assertEquals("a listed link does not show its token", null, client.token());
    ReviewLinks.Grant grant = links.open(tokenOf(client));
    links.decide(grant, verdict(Verdict.APPROVE, null), "203.0.113.9");
    ApprovalRequest atLegal = approvals.get(ws.id(), r.id());
    assertEquals("the client's approval completed the brand stage", 1, atLegal.stage());
    assertEquals(2, posted.size());
    assertEquals("1", posted.get(1).getProperty(ApprovalEvents.STAGE));

    invitations.handleEvent(posted.get(1));
    ReviewLink counsel = linksOf(r).stream().filter(l -> l.stage() == 1).findFirst().orElseThrow();
    assertEquals("kim@law.example", counsel.email());
    assertEquals(
        "valid for the stage's 96 h SLA",
        clock.instant().plus(Duration.ofHours(96)),
        counsel.expiresAt());
    links.decide(links.open(tokenOf(counsel)), verdict(Verdict.APPROVE, null), null);
    assertEquals(Status.APPROVED, approvals.get(ws.id(), r.id()).status());
  }

  @Test
  public void aStageThatMovedOnBeforeItsInvitationGetsNoLink() {
    policy(
        0, new ApprovalStage("Brand 品牌", Role.APPROVER, List.of(), Rule.ANY, 24, List.of(CLIENT)));
    ApprovalRequest r = submit("inv3");
    approvals.decide(ws.id(), r.id(), approver.id(), verdict(Verdict.APPROVE, null));
    StageInvitations invitations = new StageInvitations(approvals, links);
    assertEquals(0, invitations.invite(r.id()));
    assertEquals(0, invitations.sweep());
    assertEquals(List.of(), linksOf(r));
    assertEquals(List.of(), mailTo("Li@Client.example"));
  }

  @Test
  public void reviewersAreCheckedWhenThePolicyIsSet() {
    assertEquals(
        "stages[0].reviewers[1].email",
        refused(List.of(CLIENT, new ExternalReviewer("li@client.EXAMPLE", "Li again"))));
    assertEquals(
        "stages[0].reviewers[0].email",
        refused(List.of(new ExternalReviewer("not an address", "X"))));
    assertEquals(
        "stages[0].reviewers[0].name", refused(List.of(new ExternalReviewer("a@b.example", " "))));
    assertEquals("stages[0].reviewers", refused(Collections.nCopies(21, CLIENT)));

    ApprovalPolicy onlyClient =
        policy(
            0,
            new ApprovalStage(
                "Client",
                null,
                null,
                null,
                24,
                List.of(new ExternalReviewer(" li@client.example ", " 李娜 "))));
    assertEquals(
        "a stage may be decided by its external reviewers alone",
        List.of(new ExternalReviewer("li@client.example", "李娜")),
        onlyClient.stages().get(0).reviewers());
  }

  private String refused(List<ExternalReviewer> reviewers) {
    return assertThrows(
            ValidationException.class,
            () ->
                policy(
                    0,
                    new ApprovalStage("Brand", Role.APPROVER, List.of(), Rule.ANY, 24, reviewers)))
        .field();
  }

  /** The token of a link as its e-mail carried it. */
  private String tokenOf(ReviewLink link) {
    return mailTo(link.email()).stream()
        .map(n -> n.link().toString())
        .filter(u -> u.contains(link.id() + "."))
        .map(u -> URLDecoder.decode(u.substring(u.lastIndexOf('/') + 1), StandardCharsets.UTF_8))
        .findFirst()
        .orElseThrow();
  }
}
