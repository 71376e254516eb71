package org.socialweave.approval.internal;

import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.approval.ApprovalEvents;
import org.socialweave.api.approval.ApprovalRequest.Status;
import org.socialweave.api.approval.ApprovalStage.ExternalReviewer;
import org.socialweave.api.error.ConflictException;
import org.socialweave.approval.internal.persistence.ReminderEntity;
import org.socialweave.approval.internal.persistence.RequestEntity;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Sends each external reviewer a policy stage names their signed review link when the stage opens:
 * at once on {@link ApprovalEvents#STAGE_OPENED}, and from the reminders' sweep for a stage whose
 * event no node handled (no EventAdmin, a crash right after the commit). A reviewer's link is
 * unique per request and stage, so nodes that both handle a stage invite once; a stage whose
 * reviewers were all invited is marked with a reminder row (threshold {@value #INVITED}) so the
 * sweep passes over it.
 */
@Component(
    service = {StageInvitations.class, EventHandler.class},
    property = EventConstants.EVENT_TOPIC + "=" + ApprovalEvents.STAGE_OPENED)
public class StageInvitations implements EventHandler {

  private static final Logger LOG = LoggerFactory.getLogger(StageInvitations.class);
  static final String INVITED = "invited";
  private static final int SWEEP_BATCH = 200;

  private final ApprovalServiceImpl approvals;
  private final ReviewLinks links;

  @Activate
  public StageInvitations(@Reference ApprovalServiceImpl approvals, @Reference ReviewLinks links) {
    this.approvals = approvals;
    this.links = links;
  }

  @Override
  public void handleEvent(Event event) {
    Object requestId = event.getProperty(ApprovalEvents.REQUEST_ID);
    try {
      invite(String.valueOf(requestId));
    } catch (RuntimeException e) {
      LOG.warn("Reviewers of approval request {} not invited yet: {}", requestId, e.toString());
    }
  }

  /**
   * Invites the reviewers of the request's current stage who have no link yet.
   *
   * @return the links sent
   */
  int invite(String requestId) {
    RequestEntity r = db().read(em -> em.find(RequestEntity.class, requestId));
    if (r == null || !Status.PENDING.name().equals(r.status)) {
      return 0;
    }
    int stage = r.stage;
    int sent = 0;
    for (ExternalReviewer reviewer : ApprovalServiceImpl.read(r.stages).get(stage).reviewers()) {
      if (!db().read(em -> links.invited(em, r, stage, reviewer))
          && links.invite(r, stage, reviewer).isPresent()) {
        sent++;
      }
    }
    markInvited(r, stage, sent);
    return sent;
  }

  /**
   * Invites the reviewers of open stages not marked as invited.
   *
   * @return the links sent
   */
  int sweep() {
    List<String> unmarked =
        db().read(
                em ->
                    em.createQuery(
                            "SELECT r.id FROM RequestEntity r WHERE r.status = :pending"
                                + " AND NOT EXISTS (SELECT m FROM ReminderEntity m"
                                + " WHERE m.requestId = r.id AND m.stage = r.stage"
                                + " AND m.threshold = :invited) ORDER BY r.id",
                            String.class)
                        .setParameter("pending", Status.PENDING.name())
                        .setParameter("invited", INVITED)
                        .setMaxResults(SWEEP_BATCH)
                        .getResultList());
    int sent = 0;
    for (String id : unmarked) {
      sent += invite(id);
    }
    return sent;
  }

  private void markInvited(RequestEntity r, int stage, int sent) {
    try {
      db().inTransaction(
              em -> {
                ReminderEntity mark = new ReminderEntity();
                mark.requestId = r.id;
                mark.stage = stage;
                mark.threshold = INVITED;
                mark.sentAt = approvals.clock().instant();
                mark.recipients = sent;
                em.persist(mark);
                return null;
              });
    } catch (ConflictException markedByAnotherNode) {
      // the stage is marked: nothing left to do
    }
  }

  private UnitOfWork db() {
    return approvals.unit();
  }
}
