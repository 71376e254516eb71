package org.socialweave.content.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.CheckRun;
import org.socialweave.api.compliance.CheckRuns;
import org.socialweave.core.persistence.Digests;

/**
 * Check runs kept in memory, as the posts see the store. The store itself (its table, the digest
 * and the audit link) is the compliance bundle's, tested there on H2 and PostgreSQL.
 */
final class RecordedRuns implements CheckRuns {

  final List<CheckRun> runs = new CopyOnWriteArrayList<>();
  private final Clock clock;
  private final AuditLog audit;

  /** Each run gets a real entry in {@code audit}, linked as the compliance bundle links it. */
  RecordedRuns(Clock clock, AuditLog audit) {
    this.clock = clock;
    this.audit = audit;
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
    String id = "run" + runs.size();
    String digest = Digests.sha256(id + postId + revision + report.findings());
    AuditEntry entry =
        audit.record(
            new AuditEvent(
                actor,
                workspaceId,
                "compliance.check." + stage,
                "post/" + postId + "/revision/" + revision + "/checks/" + id + "#sha256=" + digest,
                null,
                report.blocked() ? "blocked" : "success"));
    CheckRun run =
        new CheckRun(
            id,
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
            digest,
            entry.sequence(),
            entry.hash());
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
