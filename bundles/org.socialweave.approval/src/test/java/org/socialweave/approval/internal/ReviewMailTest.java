package org.socialweave.approval.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalStage.Rule;
import org.socialweave.core.internal.vault.SecretVaultImpl;
import org.socialweave.notify.internal.testing.TestSmtpServer;

/**
 * Review links e-mailed to the external reviewer, and their SLA reminders, through the real e-mail
 * notifier to a real SMTP server in this JVM.
 */
public class ReviewMailTest extends ApprovalTestBase {

  private static final byte[] VAULT_KEY = new SecureRandom().generateSeed(32);
  private static final Pattern LINK = Pattern.compile("https://review\\.example/r/(\\S+)");

  private SmtpInbox smtp;
  private ReviewLinks links;
  private ApprovalRequest request;

  @Before
  public void openRequest() {
    smtp = new SmtpInbox();
    StandInPosts posts = new StandInPosts();
    posts.put(ws.id(), "mail1", 1, Map.of("weibo-1", "春季上新 spring drop"));
    links =
        new ReviewLinks(
            approvals,
            new SecretVaultImpl(db(), VAULT_KEY, clock),
            audit,
            posts,
            new ReviewMail(smtp, "https://review.example/r/{token}"));
    twoStages(Rule.ANY);
    request = approvals.open(ws.id(), "mail1", 1, editor.id());
  }

  @After
  public void stopSmtp() {
    smtp.close();
  }

  private SlaReminders reminders() {
    return new SlaReminders(
        approvals,
        smtp,
        links,
        new StageInvitations(approvals, links),
        Duration.ofHours(2),
        "https://sw.example",
        clock);
  }

  /** The token in the link of an e-mail's body. */
  private static String token(TestSmtpServer.Received mail) {
    Matcher m = LINK.matcher(mail.body());
    assertTrue(mail.body(), m.find());
    return m.group(1);
  }

  @Test
  public void theReviewerGetsTheSignedLinkByEmailAndItOpensTheRevision() throws Exception {
    ReviewLink link =
        links.issue(
            ws.id(), request.id(), "li@client.example", "Li Na 李娜", 24, approver.id(), "ap");
    assertNotNull("the answer says it was e-mailed", link.emailedAt());
    List<TestSmtpServer.Received> mails = smtp.to("li@client.example");
    assertEquals(1, mails.size());
    TestSmtpServer.Received mail = mails.get(0);
    assertTrue(mail.message().getSubject(), mail.message().getSubject().contains("Brand 品牌"));
    assertTrue(mail.body(), mail.body().contains("Li Na 李娜"));
    assertEquals("the link as issued", link.token(), token(mail));
    ReviewLinks.Grant grant = links.open(token(mail));
    assertEquals("mail1", grant.post().id());
    assertEquals(
        link.emailedAt(),
        links
            .list(ws.id(), request.id(), org.socialweave.api.PageRequest.first(10))
            .items()
            .get(0)
            .emailedAt());
  }

  @Test
  public void aLinkThatCouldNotBeEmailedIsStillIssued() {
    smtp.close();
    ReviewLink link =
        links.issue(ws.id(), request.id(), "li@client.example", "Li Na", 24, approver.id(), "ap");
    assertNull(link.emailedAt());
    assertNotNull(links.open(link.token()));
  }

  @Test
  public void externalReviewersAreRemindedByEmailBeforeTheSlaAndWhenOverdue() throws Exception {
    ReviewLink li =
        links.issue(ws.id(), request.id(), "li@client.example", "Li Na", 72, approver.id(), "ap");
    ReviewLink wang =
        links.issue(ws.id(), request.id(), "wang@client.example", "Wang", 72, approver.id(), "ap");
    links.revoke(ws.id(), request.id(), wang.id(), "ap");
    SlaReminders node = reminders();
    clock.advance(Duration.ofHours(23));
    node.runOnce();
    reminders().runOnce();
    List<TestSmtpServer.Received> toLi = smtp.to("li@client.example");
    assertEquals("the link, then one reminder across two nodes", 2, toLi.size());
    assertTrue(
        toLi.get(1).message().getSubject(),
        toLi.get(1).message().getSubject().contains("Review due soon"));
    assertTrue(toLi.get(1).body(), toLi.get(1).body().contains(request.stageDueAt().toString()));
    assertEquals("the reminder carries the reviewer's own link", li.token(), token(toLi.get(1)));
    assertEquals("a revoked link is not reminded", 1, smtp.to("wang@client.example").size());
    assertEquals("the members are reminded too", 1, smtp.memberReminders.size());

    clock.advance(Duration.ofHours(2));
    node.runOnce();
    assertEquals(3, smtp.to("li@client.example").size());
    assertTrue(
        smtp.to("li@client.example").get(2).message().getSubject().contains("Review overdue"));
  }
}
