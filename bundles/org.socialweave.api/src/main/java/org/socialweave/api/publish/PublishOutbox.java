package org.socialweave.api.publish;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.socialweave.api.content.Failure;

/**
 * The durable outbox of publish jobs, one per scheduled variant, written by the post commands in
 * the same transaction as the post's state change. Dispatchers on any number of nodes claim due
 * jobs with a lease: a claim is a conditional update, so exactly one node wins it, and a node that
 * dies holding a lease leaves the job to be claimed again (in doubt) when the lease runs out.
 */
public interface PublishOutbox {

  /**
   * A job due this long ago that has not finished was missed: dispatchers claim due jobs within a
   * second. The watchdog in health and the console flags such jobs.
   */
  Duration OVERDUE_AFTER = Duration.ofSeconds(60);

  /** Ids of jobs due at {@code now} (scheduled and due, or publishing with an expired lease). */
  List<String> due(Instant now, int limit);

  /**
   * Claims a due job for {@code node} until {@code now + lease}, marks it as possibly sent, and
   * counts the attempt. Empty when another node claimed it first or it is no longer due.
   */
  Optional<PublishJob> claim(String jobId, String node, Instant now, Duration lease);

  /**
   * The variant is live. The outbox records the outcome, as it does a failure, in the audit log,
   * linked to the revision that was sent; the publisher writes no entry of its own.
   */
  void published(String jobId, String platformPostId, URI url, Instant publishedAt);

  /** The network accepted an asynchronous publish; look at it again at {@code checkAt}. */
  void pending(String jobId, String networkJobId, Instant checkAt);

  /**
   * Try again at {@code at}. {@code mayHaveSent} keeps the job in doubt, so the next attempt
   * reconciles first.
   */
  void retryAt(String jobId, Instant at, boolean mayHaveSent, Failure reason);

  /** Stop until a person acts. */
  void failed(String jobId, Failure reason);

  /** Jobs that should have started before {@code threshold} and have not finished. */
  List<OverdueJob> overdue(Instant threshold, int limit);

  /** Counts of jobs by delivery status, for health and the console. */
  QueueStatus status(Instant now);

  /**
   * A job that is late.
   *
   * @param dueAt when it should have run
   * @param state the job's delivery status
   */
  record OverdueJob(
      String jobId,
      String workspaceId,
      String postId,
      String channelId,
      Instant dueAt,
      String state) {}

  /**
   * @param scheduled waiting for their time
   * @param due scheduled and due now
   * @param publishing being sent
   * @param failed stopped until a person acts
   * @param oldestDue when the oldest due job was due, or {@code null}
   */
  record QueueStatus(long scheduled, long due, long publishing, long failed, Instant oldestDue) {}
}
