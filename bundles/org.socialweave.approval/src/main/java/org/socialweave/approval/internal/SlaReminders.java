package org.socialweave.approval.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.Membership;
import org.socialweave.api.approval.ApprovalRequest.Status;
import org.socialweave.api.approval.ApprovalStage;
import org.socialweave.api.notify.Notification;
import org.socialweave.api.notify.NotificationException;
import org.socialweave.api.notify.NotificationService;
import org.socialweave.approval.internal.persistence.DecisionEntity;
import org.socialweave.approval.internal.persistence.ReminderEntity;
import org.socialweave.approval.internal.persistence.RequestEntity;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Reminds the approvers of a stage whose SLA runs out within the lead time, and once more when it
 * is overdue. Each reminder is claimed by inserting its row ({@code request, stage, threshold} is
 * the primary key) before it is sent, so however many nodes poll and however often they restart,
 * one reminder goes out per threshold; a reminder that no channel could deliver gives its claim
 * back and is tried again at the next poll. Each poll first sweeps up the external reviewers of
 * opened stages that were not invited yet ({@link StageInvitations}).
 */
// Immediate: nothing references the reminders, and a delayed component would never start polling.
@Component(service = SlaReminders.class, configurationPid = ApprovalConfig.PID, immediate = true)
@Designate(ocd = ApprovalConfig.class)
public class SlaReminders {

  private static final Logger LOG = LoggerFactory.getLogger(SlaReminders.class);
  static final String DUE_SOON = "due-soon";
  static final String OVERDUE = "overdue";

  private final ApprovalServiceImpl approvals;
  private final NotificationService notifications;
  private final ReviewLinks links;
  private final StageInvitations invitations;
  private final Duration lead;
  private final String consoleUrl;
  private final Clock clock;
  private ScheduledExecutorService poller;

  @Activate
  public SlaReminders(
      @Reference ApprovalServiceImpl approvals,
      @Reference NotificationService notifications,
      @Reference ReviewLinks links,
      @Reference StageInvitations invitations,
      ApprovalConfig config) {
    this(
        approvals,
        notifications,
        links,
        invitations,
        Duration.ofMinutes(Math.max(1, config.reminderLeadMinutes())),
        config.consoleUrl(),
        approvals.clock());
    long every = Math.max(5, config.reminderPollSeconds());
    poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "socialweave-sla"));
    poller.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.SECONDS);
  }

  SlaReminders(
      ApprovalServiceImpl approvals,
      NotificationService notifications,
      ReviewLinks links,
      StageInvitations invitations,
      Duration lead,
      String consoleUrl,
      Clock clock) {
    this.approvals = approvals;
    this.notifications = notifications;
    this.links = links;
    this.invitations = invitations;
    this.lead = lead;
    this.consoleUrl = consoleUrl.replaceAll("/+$", "");
    this.clock = clock;
  }

  @Deactivate
  void stop() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }

  private void runSafely() {
    try {
      invitations.sweep();
    } catch (RuntimeException e) {
      LOG.warn("Invitation sweep failed: {}", e.toString());
    }
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.warn("SLA reminder run failed: {}", e.toString());
    }
  }

  /**
   * One pass over the pending stages that are due within the lead time.
   *
   * @return the reminders sent
   */
  int runOnce() {
    Instant now = clock.instant();
    List<RequestEntity> due =
        db().read(
                em ->
                    em.createQuery(
                            "SELECT r FROM RequestEntity r WHERE r.status = :pending"
                                + " AND r.stageDueAt <= :horizon ORDER BY r.stageDueAt",
                            RequestEntity.class)
                        .setParameter("pending", Status.PENDING.name())
                        .setParameter("horizon", now.plus(lead))
                        .setMaxResults(500)
                        .getResultList());
    int sent = 0;
    for (RequestEntity r : due) {
      String threshold = now.isBefore(r.stageDueAt) ? DUE_SOON : OVERDUE;
      if (claim(r, threshold, now) && remind(r, threshold)) {
        sent++;
      }
    }
    return sent;
  }

  private boolean claim(RequestEntity r, String threshold, Instant now) {
    try {
      db().inTransaction(
              em -> {
                ReminderEntity row = new ReminderEntity();
                row.requestId = r.id;
                row.stage = r.stage;
                row.threshold = threshold;
                row.sentAt = now;
                em.persist(row);
                return null;
              });
      return true;
    } catch (org.socialweave.api.error.ConflictException alreadyClaimed) {
      return false;
    }
  }

  private boolean remind(RequestEntity r, String threshold) {
    List<ApprovalStage> stages = ApprovalServiceImpl.read(r.stages);
    ApprovalStage stage = stages.get(r.stage);
    List<String> recipients = undecided(r, stage);
    try {
      int delivered =
          recipients.isEmpty()
              ? 0
              : notifications.notifyUsers(
                  r.workspaceId, recipients, locale -> message(r, stage, threshold, locale));
      // External reviewers of the stage, each by e-mail with their own link.
      try {
        delivered += links.remind(r, OVERDUE.equals(threshold));
      } catch (NotificationException e) {
        if (delivered == 0) {
          throw e;
        }
        // The members were reminded: trying again would remind them twice.
        LOG.warn(
            "Reminder for approval request {} missed its external reviewers: {}",
            r.id,
            e.getMessage());
      }
      record(r, threshold, delivered);
      return true;
    } catch (RuntimeException e) {
      LOG.warn(
          "Reminder for approval request {} stage {} not delivered, tried again later: {}",
          r.id,
          r.stage,
          e.toString());
      release(r, threshold);
      return false;
    }
  }

  /** Who may still decide the stage: named people or the role's members, without the submitter. */
  private List<String> undecided(RequestEntity r, ApprovalStage stage) {
    Set<String> decided =
        db().read(
                em ->
                    em.createQuery(
                            "SELECT d FROM DecisionEntity d WHERE d.requestId = :r"
                                + " AND d.stage = :s",
                            DecisionEntity.class)
                        .setParameter("r", r.id)
                        .setParameter("s", r.stage)
                        .getResultStream()
                        .map(d -> d.userId)
                        .collect(Collectors.toSet()));
    List<String> people =
        stage.userIds().isEmpty()
            ? approvals.people().members(r.workspaceId).stream()
                .filter(m -> m.role() == stage.role())
                .map(Membership::userId)
                .toList()
            : stage.userIds();
    List<String> out = new ArrayList<>();
    for (String id : people) {
      if (!id.equals(r.submittedBy) && !decided.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  Notification message(RequestEntity r, ApprovalStage stage, String threshold, Locale locale) {
    boolean zh = "zh".equals(locale.getLanguage());
    boolean overdue = OVERDUE.equals(threshold);
    String due = r.stageDueAt.toString();
    String subject =
        zh
            ? (overdue ? "审批已超时：" : "审批即将超时：") + stage.name()
            : (overdue ? "Approval overdue: " : "Approval due soon: ") + stage.name();
    String text =
        zh
            ? "帖子 "
                + r.postId
                + "（版本 "
                + r.revision
                + "）在审批环节“"
                + stage.name()
                + "”等待您的决定，截止时间 "
                + due
                + (overdue ? "，已经超时。" : "。")
            : "Post "
                + r.postId
                + " (revision "
                + r.revision
                + ") awaits your decision at the stage \""
                + stage.name()
                + "\", due "
                + due
                + (overdue ? "; it is overdue." : ".");
    return new Notification(
        r.workspaceId,
        List.of(),
        subject,
        text,
        URI.create(consoleUrl + "/workspaces/" + r.workspaceId + "/approvals/" + r.id),
        locale);
  }

  private void record(RequestEntity r, String threshold, int delivered) {
    db().inTransaction(
            em -> {
              ReminderEntity row = em.find(ReminderEntity.class, key(r, threshold));
              row.recipients = delivered;
              return null;
            });
  }

  private void release(RequestEntity r, String threshold) {
    db().inTransaction(
            em -> {
              ReminderEntity row = em.find(ReminderEntity.class, key(r, threshold));
              if (row != null) {
                em.remove(row);
              }
              return null;
            });
  }

  private static ReminderEntity.Key key(RequestEntity r, String threshold) {
    ReminderEntity.Key key = new ReminderEntity.Key();
    key.requestId = r.id;
    key.stage = r.stage;
    key.threshold = threshold;
    return key;
  }

  private UnitOfWork db() {
    return approvals.unit();
  }
}
