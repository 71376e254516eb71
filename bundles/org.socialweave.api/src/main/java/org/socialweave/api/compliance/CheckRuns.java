package org.socialweave.api.compliance;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The stored check runs of post revisions: the post service records one per variant when a post is
 * submitted, scheduled and dispatched.
 */
public interface CheckRuns {

  /** The most runs {@link #ofRevision} returns. */
  int MAX_PER_REVISION = 1000;

  /**
   * Stores the run and links it into the audit chain (action {@code compliance.check.<stage>}).
   *
   * @param workspaceId a workspace id (not a slug)
   */
  CheckRun record(
      String workspaceId,
      String postId,
      int revision,
      String variantId,
      String network,
      String stage,
      CheckReport report,
      String actor);

  /** The runs of one revision (every revision when {@code revision} is null), oldest first. */
  List<CheckRun> ofRevision(String workspaceId, String postId, Integer revision);

  /**
   * Streams the runs of the workspace in {@code [from, to)} (either may be null), oldest first, of
   * the given posts only when {@code postIds} is not null, without holding them all in memory.
   */
  void forEach(
      String workspaceId, List<String> postIds, Instant from, Instant to, Consumer<CheckRun> sink);

  /** Whether the run's stored findings still match the digest its audit entry carries. */
  boolean intact(CheckRun run);
}
