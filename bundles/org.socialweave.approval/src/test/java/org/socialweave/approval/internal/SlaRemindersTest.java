package org.socialweave.approval.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalStage.Rule;
import org.socialweave.api.notify.Notification;
import org.socialweave.api.notify.NotificationException;
import org.socialweave.api.notify.NotificationService;
import org.socialweave.core.internal.vault.SecretVaultImpl;

/** SLA reminders: once per stage and threshold, whatever the number of nodes and restarts. */
public class SlaRemindersTest extends ApprovalTestBase {

  /** What was handed to the notification router (which has its own tests in the notify bundle). */
  static final class Outbox implements NotificationService {
    record Sent(String workspaceId, List<String> userIds, Notification zh, Notification en) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<Notification> emails = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public Set<String> channels() {
      return Set.of("test");
    }

    @Override
    public void send(String channel, Notification notification) {
      emails.add(notification);
    }

    @Override
    public int notifyUsers(
        String workspaceId, Collection<String> userIds, Function<Locale, Notification> message) {
      if (failing) {
        throw new NotificationException("the mail server is away");
      }
      sent.add(
          new Sent(
              workspaceId,
              new ArrayList<>(userIds),
              message.apply(Locale.CHINESE),
              message.apply(Locale.ENGLISH)));
      return userIds.size();
    }
  }

  private static final byte[] VAULT_KEY = new SecureRandom().generateSeed(32);
  private Outbox outbox;

  @Before
  public void twoNodes() {
    outbox = new Outbox();
    twoStages(Rule.ANY);
  }

  private SlaReminders node() {
    ReviewLinks links =
        new ReviewLinks(
            approvals,
            new SecretVaultImpl(db(), VAULT_KEY, clock),
            audit,
            new StandInPosts(),
            new ReviewMail(outbox, "https://sw.example/review/{token}"));
    return new SlaReminders(
        approvals,
        outbox,
        links,
        new StageInvitations(approvals, links),
        Duration.ofHours(2),
        "https://sw.example/",
        clock);
  }

  @Test
  public void approversAreRemindedOnceBeforeTheSlaAndOnceWhenOverdue() {
    ApprovalRequest r = approvals.open(ws.id(), "sla1", 1, editor.id());
    SlaReminders first = node();
    SlaReminders second = node();
    first.runOnce();
    assertEquals("24 h to go: nothing yet", 0, mine().size());
    clock.advance(Duration.ofHours(23));
    first.runOnce();
    second.runOnce();
    node().runOnce();
    assertEquals("one reminder across three nodes", 1, mine().size());
    Outbox.Sent soon = mine().get(0);
    assertEquals(
        "both approvers of the role, not the submitter",
        Set.of(approver.id(), secondApprover.id()),
        Set.copyOf(soon.userIds()));
    assertTrue(soon.zh().subject().startsWith("审批即将超时"));
    assertTrue(soon.en().text().contains("revision 1"));
    assertEquals(
        "https://sw.example/workspaces/" + ws.id() + "/approvals/" + r.id(),
        soon.en().link().toString());

    clock.advance(Duration.ofHours(2));
    second.runOnce();
    first.runOnce();
    node().runOnce();
    assertEquals(2, mine().size());
    assertTrue(mine().get(1).en().subject().startsWith("Approval overdue"));
  }

  @Test
  public void aReminderThatCouldNotBeDeliveredIsTriedAgain() {
    approvals.open(ws.id(), "sla2", 1, editor.id());
    clock.advance(Duration.ofHours(23));
    outbox.failing = true;
    SlaReminders node = node();
    node.runOnce();
    assertEquals(0, mine().size());
    outbox.failing = false;
    node.runOnce();
    node.runOnce();
    assertEquals(1, mine().size());
  }

  /** The reminders of this test's workspace (the database is shared with other tests). */
  private List<Outbox.Sent> mine() {
    return outbox.sent.stream().filter(s -> s.workspaceId().equals(ws.id())).toList();
  }
}
