package org.socialweave.content.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.health.HealthIndicator;
import org.socialweave.api.publish.PublishOutbox;
import org.socialweave.api.publish.PublishOutbox.OverdueJob;

/**
 * Flags jobs that should have run and did not: due for longer than {@link
 * PublishOutbox#OVERDUE_AFTER}, or held by a node whose lease ran out. It lives beside the outbox,
 * not in the dispatcher, so it still speaks when no dispatcher runs at all. Shown in {@code
 * /api/v1/health} and {@code socialweave:status}.
 */
@Component(service = {HealthIndicator.class, PublishingWatchdog.class})
public class PublishingWatchdog implements HealthIndicator {

  private final PublishOutbox outbox;
  private final Clock clock;

  @Activate
  public PublishingWatchdog(@Reference PublishOutbox outbox) {
    this(outbox, Clock.systemUTC());
  }

  PublishingWatchdog(PublishOutbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "publishing";
  }

  @Override
  public HealthStatus check() {
    try {
      Instant now = clock.instant();
      List<OverdueJob> missed = outbox.overdue(now.minus(PublishOutbox.OVERDUE_AFTER), 100);
      PublishOutbox.QueueStatus queue = outbox.status(now);
      String counts =
          queue.scheduled()
              + " scheduled, "
              + queue.publishing()
              + " publishing, "
              + queue.failed()
              + " failed";
      if (missed.isEmpty()) {
        return HealthStatus.up(counts);
      }
      OverdueJob oldest = missed.get(0);
      // Degraded, not down: the node still serves, and pulling it would not run the jobs.
      return HealthStatus.degraded(
          (missed.size() >= 100 ? "100 or more" : Integer.toString(missed.size()))
              + " publish jobs overdue, the oldest due at "
              + oldest.dueAt()
              + " (post "
              + oldest.postId()
              + ", channel "
              + oldest.channelId()
              + "); "
              + counts);
    } catch (RuntimeException e) {
      return HealthStatus.down("the publishing outbox cannot be read: " + e.getMessage());
    }
  }
}
