package org.socialweave.compliance.internal.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.CheckRun;
import org.socialweave.api.compliance.CheckRuns;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.error.ValidationException;
import org.socialweave.compliance.internal.persistence.CheckRunEntity;
import org.socialweave.compliance.internal.words.WordListStore;
import org.socialweave.core.persistence.Digests;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Check runs in {@code sw_check_run}, each linked into the audit chain: the run's audit entry has
 * the target {@code post/<id>/revision/<n>/checks/<run>#sha256=<digest>}, where the digest covers
 * the stored body (check ids, word list versions, findings).
 */
@Component(service = CheckRuns.class)
public class CheckRunStore implements CheckRuns {

  /**
   * ASCII JSON (every other character as a {@code \\u} escape), so a lone surrogate in a text
   * survives the database's UTF-8 unchanged and the stored text is exactly what was written.
   */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private static final List<String> STAGES =
      List.of(CheckRun.SUBMIT, CheckRun.APPROVAL, CheckRun.SCHEDULE, CheckRun.DISPATCH);

  /** What the body column holds. */
  record Body(
      List<String> checks,
      List<String> failedChecks,
      Map<String, Long> wordLists,
      List<Finding> findings) {}

  private final UnitOfWork db;
  private final AuditLog audit;
  private final Function<String, Map<String, Long>> wordListVersions;
  private final Clock clock;

  @Activate
  public CheckRunStore(
      @Reference(target = "(osgi.jndi.service.name=socialweave)") DataSource dataSource,
      @Reference(target = "(osgi.unit.name=socialweave.compliance)") EntityManagerFactory emf,
      @Reference AuditLog audit,
      @Reference WordListStore words) {
    this(WordListStore.migrated(dataSource, emf), audit, words::versions, Clock.systemUTC());
  }

  public CheckRunStore(
      UnitOfWork db,
      AuditLog audit,
      Function<String, Map<String, Long>> wordListVersions,
      Clock clock) {
    this.db = db;
    this.audit = audit;
    this.wordListVersions = wordListVersions;
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
    if (!STAGES.contains(stage)) {
      throw new ValidationException("stage", "a stage is one of " + STAGES + ", was " + stage);
    }
    String body =
        json(
            new Body(
                report.checks(),
                report.failedChecks(),
                wordListVersions.apply(workspaceId),
                report.findings()));
    CheckRunEntity e = new CheckRunEntity();
    e.id = Ids.next();
    e.workspaceId = workspaceId;
    e.postId = postId;
    e.revision = revision;
    e.variantId = variantId;
    e.network = network;
    e.stage = stage;
    e.ranAt = clock.instant();
    e.actor = actor;
    e.blocked = report.blocked();
    e.blockCount = report.blockCount();
    e.warnCount = report.warnCount();
    e.infoCount = report.infoCount();
    e.body = body;
    e.digest = Digests.sha256(body);
    // The chain entry first: a run without its entry would be unprovable.
    AuditEntry entry =
        audit.record(
            new AuditEvent(
                actor,
                workspaceId,
                "compliance.check." + stage,
                auditTarget(postId, revision, e.id, e.digest),
                null,
                report.blocked() ? "blocked" : "success"));
    e.auditSequence = entry.sequence();
    e.auditHash = entry.hash();
    db.inTransaction(
        em -> {
          em.persist(e);
          return null;
        });
    return toRun(e);
  }

  /** The audit target of a run, which carries the digest of its body. */
  public static String auditTarget(String postId, int revision, String runId, String digest) {
    return "post/" + postId + "/revision/" + revision + "/checks/" + runId + "#sha256=" + digest;
  }

  @Override
  public List<CheckRun> ofRevision(String workspaceId, String postId, Integer revision) {
    return db.read(
        em -> {
          TypedQuery<CheckRunEntity> q =
              em.createQuery(
                      "SELECT r FROM CheckRunEntity r WHERE r.workspaceId = :ws AND r.postId = :post"
                          + (revision == null ? "" : " AND r.revision = :rev")
                          + " ORDER BY r.ranAt, r.id",
                      CheckRunEntity.class)
                  .setParameter("ws", workspaceId)
                  .setParameter("post", postId);
          if (revision != null) {
            q.setParameter("rev", revision);
          }
          return q.setMaxResults(MAX_PER_REVISION).getResultStream().map(this::toRun).toList();
        });
  }

  /** Rows read per query while streaming. */
  private static final int BATCH = 200;

  @Override
  public void forEach(
      String workspaceId, List<String> postIds, Instant from, Instant to, Consumer<CheckRun> sink) {
    if (postIds != null && postIds.isEmpty()) {
      return;
    }
    Instant after = from == null ? Instant.EPOCH : from;
    String afterId = "";
    while (true) {
      Instant lower = after;
      String lowerId = afterId;
      List<CheckRunEntity> batch =
          db.read(
              em -> {
                TypedQuery<CheckRunEntity> q =
                    em.createQuery(
                            "SELECT r FROM CheckRunEntity r WHERE r.workspaceId = :ws"
                                + " AND (r.ranAt > :at OR (r.ranAt = :at AND r.id > :id))"
                                + (to == null ? "" : " AND r.ranAt < :to")
                                + (postIds == null ? "" : " AND r.postId IN :posts")
                                + " ORDER BY r.ranAt, r.id",
                            CheckRunEntity.class)
                        .setParameter("ws", workspaceId)
                        .setParameter("at", lower)
                        .setParameter("id", lowerId);
                if (to != null) {
                  q.setParameter("to", to);
                }
                if (postIds != null) {
                  q.setParameter("posts", postIds);
                }
                return q.setMaxResults(BATCH).getResultList();
              });
      batch.forEach(e -> sink.accept(toRun(e)));
      if (batch.size() < BATCH) {
        return;
      }
      CheckRunEntity last = batch.get(batch.size() - 1);
      after = last.ranAt;
      afterId = last.id;
    }
  }

  @Override
  public boolean intact(CheckRun run) {
    return db.read(
        em -> {
          CheckRunEntity e = em.find(CheckRunEntity.class, run.id());
          return e != null
              && Digests.sha256(e.body).equals(e.digest)
              && e.digest.equals(run.digest());
        });
  }

  private CheckRun toRun(CheckRunEntity e) {
    Body b;
    try {
      b = JSON.readValue(e.body, Body.class);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("check run " + e.id + " is not JSON", ex);
    }
    return new CheckRun(
        e.id,
        e.workspaceId,
        e.postId,
        e.revision,
        e.variantId,
        e.network,
        e.stage,
        e.ranAt,
        e.actor,
        e.blocked,
        e.blockCount,
        e.warnCount,
        e.infoCount,
        b.checks(),
        b.failedChecks(),
        b.wordLists(),
        b.findings(),
        e.digest,
        e.auditSequence,
        e.auditHash);
  }

  private static String json(Body body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a check run is plain JSON", e);
    }
  }
}
