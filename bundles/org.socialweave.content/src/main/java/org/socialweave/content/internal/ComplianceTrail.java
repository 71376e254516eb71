package org.socialweave.content.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.persistence.TypedQuery;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.approval.ApprovalDecision;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalService;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.compliance.CheckRun;
import org.socialweave.api.compliance.CheckRuns;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.error.ValidationException;
import org.socialweave.content.internal.persistence.OverrideEntity;
import org.socialweave.content.internal.persistence.PublicationEntity;
import org.socialweave.content.internal.persistence.PublishJobEntity;
import org.socialweave.core.persistence.Digests;

/**
 * The compliance trail of a post, a campaign or a time range: every stored check run, override,
 * approval step and publication with the revision it was about, written line by line to a sink so
 * an export of any size streams. Check runs, overrides, approval decisions and publication outcomes
 * carry their audit entry (sequence, hash) and the digest that entry's target holds, so a reader
 * can verify them against the chain; {@link #verify} does.
 */
@Component(service = ComplianceTrail.class)
public class ComplianceTrail {

  /** The scope of an export; {@code postIds == null} means every post of the workspace. */
  public record Scope(String workspaceId, List<String> postIds, Instant from, Instant to) {

    boolean inTime(Instant at) {
      return at != null && (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }
  }

  /**
   * What {@link #verify} found: the chain, and for each kind of linked record how many there are,
   * how many still match their digest and their audit entry (the entry at the sequence has the
   * hash, and its target carries the digest), and the first {@value #MAX_NAMED} ids that do not.
   *
   * @param unlinked decisions and publications recorded before the trail linked them, which have no
   *     entry to check
   * @param intact the chain is intact and every linked record matches
   */
  public record Verification(
      AuditLog.Verification chain,
      long checkRuns,
      long intactRuns,
      List<String> brokenRuns,
      long decisions,
      long intactDecisions,
      List<String> brokenDecisions,
      long publications,
      long intactPublications,
      List<String> brokenPublications,
      long unlinked,
      boolean intact) {}

  /** Counts one kind of linked record while verifying. */
  private static final class Tally {
    long total;
    long intact;
    final List<String> broken = new ArrayList<>();

    void add(String id, boolean matches) {
      total++;
      if (matches) {
        intact++;
      } else if (broken.size() < MAX_NAMED) {
        broken.add(id);
      }
    }

    boolean clean() {
      return total == intact;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One entry after the other into the open array, flushed by the stream's buffer, not per entry.
   */
  private static final ObjectWriter ENTRY =
      JSON.writerFor(TrailEntry.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

  /** The most broken runs {@link #verify} names. */
  static final int MAX_NAMED = 100;

  private final PostServiceImpl posts;
  private final CheckRuns runs;
  private final ApprovalService approvals;
  private final AuditLog audit;

  @Activate
  public ComplianceTrail(
      @Reference PostServiceImpl posts,
      @Reference CheckRuns runs,
      @Reference ApprovalService approvals,
      @Reference AuditLog audit) {
    this.posts = posts;
    this.runs = runs;
    this.approvals = approvals;
    this.audit = audit;
  }

  /**
   * The scope of a request: one of {@code postId}, {@code campaignId} or a time range is required.
   *
   * @throws org.socialweave.api.error.NotFoundException for a missing workspace, post or campaign
   */
  public Scope scope(String workspace, String postId, String campaignId, Instant from, Instant to) {
    String ws = posts.workspaceId(workspace);
    if (postId == null && campaignId == null && from == null && to == null) {
      throw new ValidationException(
          "postId", "name a post (postId), a campaign (campaignId) or a time range (from, to)");
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new ValidationException("to", "to must be after from");
    }
    List<String> ids = null;
    if (postId != null) {
      posts.get(ws, postId);
      ids = List.of(postId);
    }
    if (campaignId != null) {
      posts.campaigns.get(ws, campaignId);
      List<String> ofCampaign =
          posts
              .unit()
              .read(
                  em ->
                      em.createQuery(
                              "SELECT p.id FROM PostEntity p WHERE p.workspaceId = :ws"
                                  + " AND p.campaignId = :campaign",
                              String.class)
                          .setParameter("ws", ws)
                          .setParameter("campaign", campaignId)
                          .getResultList());
      ids = ids == null ? ofCampaign : ids.stream().filter(ofCampaign::contains).toList();
    }
    return new Scope(ws, ids, from, to);
  }

  /**
   * Writes the trail: check runs, then overrides, approval steps and publications, each by time.
   */
  public void write(Scope scope, Consumer<TrailEntry> sink) {
    // The revision a publication went out with is that of the last dispatch check of its variant.
    Map<String, CheckRun> lastDispatch = new HashMap<>();
    runs.forEach(
        scope.workspaceId(),
        scope.postIds(),
        scope.from(),
        scope.to(),
        run -> {
          if (CheckRun.DISPATCH.equals(run.stage())) {
            lastDispatch.put(run.variantId(), run);
          }
          sink.accept(check(run));
        });
    overrides(scope).forEach(sink);
    approvalSteps(scope).forEach(sink);
    publications(scope, lastDispatch).forEach(sink);
  }

  /**
   * Verifies the audit chain, and that every check run, approval decision and publication outcome
   * of the scope still matches its digest and the audit entry it names.
   */
  public Verification verify(Scope scope) {
    Tally checks = new Tally();
    runs.forEach(
        scope.workspaceId(),
        scope.postIds(),
        scope.from(),
        scope.to(),
        run ->
            checks.add(
                run.id(),
                runs.intact(run) && linked(run.auditSequence(), run.auditHash(), run.digest())));
    Tally decisions = new Tally();
    long[] unlinked = new long[1];
    forEachRequest(
        scope,
        r -> {
          for (ApprovalDecision d : r.decisions()) {
            if (!scope.inTime(d.decidedAt())) {
              continue;
            }
            if (d.digest() == null) {
              unlinked[0]++;
              continue;
            }
            decisions.add(
                d.id(),
                approvals.intact(scope.workspaceId(), r.id(), d)
                    && linked(d.auditSequence(), d.auditHash(), d.digest()));
          }
        });
    Tally published = new Tally();
    for (PublicationEntity p : publicationRows(scope)) {
      published.add(
          p.id,
          PublicationTrail.digest(p).equals(p.digest)
              && linked(p.auditSequence, p.auditHash, p.digest));
    }
    AuditLog.Verification chain = audit.verify();
    return new Verification(
        chain,
        checks.total,
        checks.intact,
        checks.broken,
        decisions.total,
        decisions.intact,
        decisions.broken,
        published.total,
        published.intact,
        published.broken,
        unlinked[0],
        chain.intact() && checks.clean() && decisions.clean() && published.clean());
  }

  /** Whether the chain's entry at {@code sequence} has that hash and its target that digest. */
  private boolean linked(Long sequence, String hash, String digest) {
    if (sequence == null || hash == null || digest == null) {
      return false;
    }
    return audit
        .entry(sequence)
        .filter(e -> e.hash().equals(hash))
        .map(e -> e.event().target())
        .filter(target -> target != null && target.endsWith("#sha256=" + digest))
        .isPresent();
  }

  private static TrailEntry check(CheckRun run) {
    String findings =
        run.findings().stream().map(ComplianceTrail::describe).collect(Collectors.joining("; "));
    String detail =
        "checks "
            + String.join(",", run.checks())
            + (run.failedChecks().isEmpty() ? "" : "; failed " + run.failedChecks())
            + "; word lists "
            + run.wordLists()
            + (findings.isEmpty() ? "; no findings" : "; " + findings);
    return new TrailEntry(
        run.ranAt().toString(),
        "check",
        run.postId(),
        run.revision(),
        run.variantId(),
        run.network(),
        run.stage(),
        run.actor(),
        run.blocked() ? "blocked" : "success",
        detail,
        run.digest(),
        run.auditSequence(),
        run.auditHash());
  }

  private static String describe(Finding f) {
    return f.severity()
        + " "
        + f.ruleId()
        + " ["
        + f.start()
        + ","
        + f.end()
        + (f.inTitle() ? " title" : "")
        + "] \u201c"
        + f.matched()
        + "\u201d";
  }

  /**
   * The rows of a query over the scope's workspace ({@code :ws}), narrowed to its posts ({@code
   * postFilter} with {@code :posts}) when it names them.
   */
  private <T> List<T> query(
      Scope scope, String select, String postFilter, String order, Class<T> type) {
    if (scope.postIds() != null && scope.postIds().isEmpty()) {
      return List.of();
    }
    return posts
        .unit()
        .read(
            em -> {
              TypedQuery<T> q =
                  em.createQuery(select + (scope.postIds() == null ? "" : postFilter) + order, type)
                      .setParameter("ws", scope.workspaceId());
              if (scope.postIds() != null) {
                q.setParameter("posts", scope.postIds());
              }
              return q.getResultList();
            });
  }

  private List<TrailEntry> overrides(Scope scope) {
    List<OverrideEntity> found =
        query(
            scope,
            "SELECT o FROM OverrideEntity o, PostEntity p WHERE o.postId = p.id"
                + " AND p.workspaceId = :ws",
            " AND p.id IN :posts",
            " ORDER BY o.createdAt",
            OverrideEntity.class);
    List<TrailEntry> out = new ArrayList<>();
    for (OverrideEntity o : found) {
      if (scope.inTime(o.createdAt)) {
        out.add(
            new TrailEntry(
                o.createdAt.toString(),
                "override",
                o.postId,
                o.revision,
                null,
                null,
                null,
                o.author,
                "success",
                o.reason,
                Digests.sha256(o.reason),
                o.auditSequence,
                o.auditHash));
      }
    }
    return out;
  }

  /** Every approval request of the scope's posts. */
  private void forEachRequest(Scope scope, Consumer<ApprovalRequest> sink) {
    // A null post id lists the approval requests of every post.
    List<String> postIds =
        scope.postIds() == null ? Collections.singletonList(null) : scope.postIds();
    for (String postId : postIds) {
      PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
      while (page != null) {
        Page<ApprovalRequest> batch = approvals.list(scope.workspaceId(), null, postId, page);
        batch.items().forEach(sink);
        page =
            batch.nextCursor() == null
                ? null
                : PageRequest.of(PageRequest.MAX_LIMIT, batch.nextCursor());
      }
    }
  }

  private List<TrailEntry> approvalSteps(Scope scope) {
    List<TrailEntry> out = new ArrayList<>();
    forEachRequest(
        scope,
        r -> {
          if (scope.inTime(r.submittedAt())) {
            out.add(
                new TrailEntry(
                    r.submittedAt().toString(),
                    "approval",
                    r.postId(),
                    r.revision(),
                    null,
                    null,
                    "submitted",
                    r.submittedBy(),
                    r.status().name(),
                    "request " + r.id(),
                    null,
                    null,
                    null));
          }
          for (ApprovalDecision d : r.decisions()) {
            if (scope.inTime(d.decidedAt())) {
              out.add(
                  new TrailEntry(
                      d.decidedAt().toString(),
                      "approval",
                      r.postId(),
                      r.revision(),
                      null,
                      null,
                      "stage " + d.stage(),
                      d.username() != null ? d.username() : d.userId(),
                      d.verdict().name(),
                      d.comment(),
                      d.digest(),
                      d.auditSequence(),
                      d.auditHash()));
            }
          }
        });
    out.sort(Comparator.comparing((TrailEntry e) -> Instant.parse(e.at())));
    return out;
  }

  private List<PublicationEntity> publicationRows(Scope scope) {
    return query(
            scope,
            "SELECT p FROM PublicationEntity p WHERE p.workspaceId = :ws",
            " AND p.postId IN :posts",
            " ORDER BY p.at, p.id",
            PublicationEntity.class)
        .stream()
        .filter(p -> scope.inTime(p.at))
        .toList();
  }

  /**
   * Each publication outcome with the revision it sent; then jobs published before outcomes were
   * kept, with the revision of their variant's last dispatch check.
   */
  private List<TrailEntry> publications(Scope scope, Map<String, CheckRun> lastDispatch) {
    List<TrailEntry> out = new ArrayList<>();
    Set<String> recorded = new HashSet<>();
    for (PublicationEntity p : publicationRows(scope)) {
      recorded.add(p.jobId);
      out.add(
          new TrailEntry(
              p.at.toString(),
              "publication",
              p.postId,
              p.revision,
              p.variantId,
              p.network,
              p.platformPostId,
              PublishOutboxImpl.ACTOR,
              p.outcome,
              PublicationTrail.PUBLISHED.equals(p.outcome)
                  ? p.url
                  : p.failureKind + ": " + p.failureMessage,
              p.digest,
              p.auditSequence,
              p.auditHash));
    }
    List<PublishJobEntity> jobs =
        query(
            scope,
            "SELECT j FROM PublishJobEntity j WHERE j.workspaceId = :ws"
                + " AND j.publishedAt IS NOT NULL",
            " AND j.postId IN :posts",
            " ORDER BY j.publishedAt",
            PublishJobEntity.class);
    for (PublishJobEntity j : jobs) {
      if (!scope.inTime(j.publishedAt) || recorded.contains(j.id)) {
        continue;
      }
      CheckRun cleared = lastDispatch.get(j.variantId);
      out.add(
          new TrailEntry(
              j.publishedAt.toString(),
              "publication",
              j.postId,
              cleared == null ? null : cleared.revision(),
              j.variantId,
              j.network,
              j.platformPostId,
              PublishOutboxImpl.ACTOR,
              j.status,
              j.url + (cleared == null ? "" : " (cleared by dispatch check " + cleared.id() + ")"),
              cleared == null ? null : cleared.digest(),
              cleared == null ? null : cleared.auditSequence(),
              cleared == null ? null : cleared.auditHash()));
    }
    out.sort(Comparator.comparing((TrailEntry e) -> Instant.parse(e.at())));
    return out;
  }

  /** Writes the trail as CSV (RFC 4180, UTF-8, a header line), line by line. */
  public void csv(Scope scope, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CSVPrinter printer =
        new CSVPrinter(
            writer,
            CSVFormat.RFC4180
                .builder()
                .setHeader(TrailEntry.COLUMNS.toArray(String[]::new))
                .build());
    try {
      write(
          scope,
          e -> {
            try {
              printer.printRecord(
                  e.at(),
                  e.kind(),
                  e.postId(),
                  e.revision(),
                  e.variantId(),
                  e.network(),
                  e.stage(),
                  CalendarExport.inert(e.actor()),
                  e.outcome(),
                  CalendarExport.inert(e.detail()),
                  e.digest(),
                  e.auditSequence(),
                  e.auditHash());
            } catch (IOException ex) {
              throw new UncheckedIOException(ex);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    printer.flush();
  }

  /** Writes the trail as {@code {"items": [...]}}, entry by entry. */
  public void json(Scope scope, OutputStream out) throws IOException {
    JsonGenerator json = JSON.getFactory().createGenerator(out);
    json.writeStartObject();
    json.writeArrayFieldStart("items");
    try {
      write(
          scope,
          e -> {
            try {
              ENTRY.writeValue(json, e);
            } catch (IOException ex) {
              throw new UncheckedIOException(ex);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.flush();
  }
}
