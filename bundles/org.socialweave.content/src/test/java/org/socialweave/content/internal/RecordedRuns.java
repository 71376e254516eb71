package org.socialweave.content.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.CheckRun;
import org.socialweave.api.compliance.CheckRuns;

/**
 * Check runs kept in memory, as the posts see the store. The store itself (its table, the digest
 * and the audit link) is the compliance bundle's, tested there on H2 and PostgreSQL.
 */
final class RecordedRuns implements CheckRuns {

  final List<CheckRun> runs = new CopyOnWriteArrayList<>();
  private final Clock clock;

  RecordedRuns(Clock clock) {
    this.clock = clock;
  }

  @Override
  public CheckRun record(
      String workspaceId,
      String postId,
      int revision,
      String variantId,
      String network,
      String stage,
      CheckReport report,
      String actor) {
    CheckRun run =
        new CheckRun(
            "run" + runs.size(),
            workspaceId,
            postId,
            revision,
            variantId,
            network,
            stage,
            clock.instant(),
            actor,
            report.blocked(),
            report.blockCount(),
            report.warnCount(),
            report.infoCount(),
            report.checks(),
            report.failedChecks(),
            Map.of(),
            report.findings(),
            "digest" + runs.size(),
            runs.size() + 1L,
            "hash" + runs.size());
    runs.add(run);
    return run;
  }

  @Override
  public List<CheckRun> ofRevision(String workspaceId, String postId, Integer revision) {
    return runs.stream()
        .filter(r -> r.workspaceId().equals(workspaceId) && r.postId().equals(postId))
        .filter(r -> revision == null || r.revision() == revision)
        .toList();
  }

  @Override
  public void forEach(
      String workspaceId, List<String> postIds, Instant from, Instant to, Consumer<CheckRun> sink) {
    runs.stream()
        .filter(r -> r.workspaceId().equals(workspaceId))
        .filter(r -> postIds == null || postIds.contains(r.postId()))
        .filter(r -> from == null || !r.ranAt().isBefore(from))
        .filter(r -> to == null || r.ranAt().isBefore(to))
        .forEach(sink);
  }

  @Override
  public boolean intact(CheckRun run) {
    return runs.contains(run);
  }
}
