package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.ws.rs.core.StreamingOutput;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.approval.ApprovalDecision;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.compliance.CheckRun;
import org.socialweave.api.content.Failure;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.content.Schedule;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.publish.PublishJob;
import org.socialweave.content.internal.rest.TrailResource;
import org.socialweave.core.persistence.Digests;

/**
 * The compliance trail on a real database (H2, and PostgreSQL in the postgres profile): check runs
 * at submit, schedule and dispatch with their revision, the checks again at dispatch, overrides in
 * the audit chain, and the export.
 */
public class ComplianceTrailTest extends ContentTestBase {

  private static final Duration LEASE = Duration.ofMinutes(2);

  private DispatchCompliance gate;
  private ComplianceTrail trail;

  @Before
  public void wireTrail() {
    gate = new DispatchCompliance(posts, checks, checkRuns, networks);
    trail = new ComplianceTrail(posts, checkRuns, approvals, audit);
  }

  private Post post(String text) {
    return posts.create(
        ws.id(), new PostDraft(null, text, null, null, List.of(x), null, Map.of()), "e");
  }

  private Post scheduled(String text) {
    Post post = post(text);
    return posts.schedule(ws.id(), post.id(), new Schedule(clock.instant(), null, null), "e");
  }

  private PublishJob claim(String postId) {
    String jobId =
        outbox.due(clock.instant(), 1000).stream()
            .filter(
                id ->
                    testDb
                        .value("SELECT post_id FROM sw_publish_job WHERE id = ?", id)
                        .equals(postId))
            .findFirst()
            .orElseThrow();
    return outbox.claim(jobId, "node-a", clock.instant(), LEASE).orElseThrow();
  }

  @Test
  public void submitAndScheduleStoreACheckRunPerVariantWithTheRevision() {
    approvals.enabled = true;
    Post post =
        posts.create(
            ws.id(),
            new PostDraft(null, "新品咖啡", null, null, List.of(x, weibo), null, Map.of()),
            "e");
    posts.submit(ws.id(), post.id(), "editor1");
    approvals.approve(post.id(), 1);
    posts.schedule(ws.id(), post.id(), new Schedule(clock.instant(), null, null), "scheduler");
    List<CheckRun> runs = checkRuns.ofRevision(ws.id(), post.id(), 1);
    assertEquals(4, runs.size());
    assertEquals(
        List.of(CheckRun.SUBMIT, CheckRun.SUBMIT, CheckRun.SCHEDULE, CheckRun.SCHEDULE),
        runs.stream().map(CheckRun::stage).toList());
    assertEquals("editor1", runs.get(0).actor());
    assertEquals(List.of(1, 1, 1, 1), runs.stream().map(CheckRun::revision).toList());
    assertEquals(2, runs.stream().map(CheckRun::variantId).distinct().count());
    assertEquals(runs, posts.checkRuns(ws.slug(), post.id(), "1"));
    assertThrows(NotFoundException.class, () -> posts.checkRuns(ws.id(), post.id(), "2"));
    assertThrows(NotFoundException.class, () -> posts.checkRuns(ws.id(), post.id(), "missing"));
    assertThrows(NotFoundException.class, () -> posts.checkRuns(ws.id(), "missing", "1"));
  }

  @Test
  public void aWordBlockedAfterSchedulingFailsTheJobAtDispatchWithTheReasonAndWhatToDo() {
    Post post = scheduled("新品咖啡上市");
    PublishJob job = claim(post.id());
    assertEquals(Optional.empty(), gate.refuse(job));
    checks.block("咖啡");
    Failure refused = gate.refuse(job).orElseThrow();
    assertEquals(DispatchCompliance.KIND, refused.kind());
    assertTrue(refused.message(), refused.message().startsWith("compliance: "));
    assertTrue(refused.message(), refused.message().contains("\u201c咖啡\u201d"));
    assertTrue(refused.action(), refused.action().contains("edit the post, or override"));
    List<CheckRun> dispatched =
        checkRuns.ofRevision(ws.id(), post.id(), 1).stream()
            .filter(r -> r.stage().equals(CheckRun.DISPATCH))
            .toList();
    assertEquals(2, dispatched.size());
    assertTrue(dispatched.get(1).blocked());
    assertEquals(DispatchCompliance.ACTOR, dispatched.get(1).actor());
  }

  @Test
  public void aSponsoredPostIsCheckedAsSponsoredAtScheduleAndAtDispatch() {
    Post post =
        posts.create(
            ws.id(),
            new PostDraft(
                null,
                "新品试用 trying the new beans",
                null,
                null,
                List.of(x),
                null,
                Map.of(),
                List.of(),
                Map.of(),
                List.of(),
                Map.of(),
                null,
                true),
            "e");
    assertTrue(post.sponsored());
    posts.schedule(ws.id(), post.id(), new Schedule(clock.instant(), null, null), "e");
    assertTrue("at scheduling", checks.checked.get(checks.checked.size() - 1).sponsored());
    assertEquals(Optional.empty(), gate.refuse(claim(post.id())));
    assertTrue("at dispatch", checks.checked.get(checks.checked.size() - 1).sponsored());
    assertTrue(
        "the revision keeps the flag",
        testDb
            .value("SELECT content FROM sw_post_revision WHERE post_id = ?", post.id())
            .toString()
            .contains("\"sponsored\":true"));
  }

  @Test
  public void anOverrideCoversTheFindingsItAcceptedButNotAWordBlockedAfterIt() {
    Post post = post("全网" + BlockedTerm.TERM + "的咖啡");
    assertThrows(
        RuntimeException.class,
        () -> posts.schedule(ws.id(), post.id(), new Schedule(clock.instant(), null, null), "e"));
    clock.advance(Duration.ofSeconds(1));
    posts.overrideCompliance(ws.id(), post.id(), "Quoted from the award citation", "lawyer");
    AuditEntry entry = audit.tail(ws.id(), 1).get(0);
    assertEquals("compliance.override", entry.event().action());
    assertEquals(
        PostServiceImpl.overrideTarget(post.id(), 1, "Quoted from the award citation"),
        entry.event().target());
    clock.advance(Duration.ofSeconds(1));
    posts.schedule(ws.id(), post.id(), new Schedule(clock.instant(), null, null), "e");
    PublishJob job = claim(post.id());
    assertEquals("the override covers the finding", Optional.empty(), gate.refuse(job));
    checks.block("咖啡");
    Failure refused = gate.refuse(job).orElseThrow();
    assertTrue(refused.message(), refused.message().contains("\u201c咖啡\u201d"));
    assertFalse(refused.message(), refused.message().contains(BlockedTerm.TERM));
  }

  @Test
  public void theTrailOfAPostHasItsChecksOverrideApprovalAndPublicationWithTheirRevision()
      throws IOException {
    approvals.enabled = true;
    Post post = post("全网" + BlockedTerm.TERM);
    posts.overrideCompliance(ws.id(), post.id(), "=HYPERLINK(legal approved)", "lawyer");
    posts.submit(ws.id(), post.id(), "editor1");
    ApprovalDecision decision = approvals.decide(audit, "approver1");
    posts.schedule(ws.id(), post.id(), new Schedule(clock.instant(), null, null), "e");
    PublishJob job = claim(post.id());
    assertEquals(Optional.empty(), gate.refuse(job));
    outbox.published(job.id(), "99", URI.create("https://x.com/brand/status/99"), clock.instant());
    approvals.enabled = false;
    Post other = scheduled("another post");

    List<TrailEntry> entries = new ArrayList<>();
    trail.write(trail.scope(ws.slug(), post.id(), null, null, null), entries::add);
    assertEquals(
        List.of("check", "check", "check", "override", "approval", "approval", "publication"),
        entries.stream().map(TrailEntry::kind).toList());
    assertTrue(entries.stream().allMatch(e -> e.postId().equals(post.id())));
    assertTrue(entries.stream().allMatch(e -> Integer.valueOf(1).equals(e.revision())));
    TrailEntry override = entries.get(3);
    assertEquals(Digests.sha256("=HYPERLINK(legal approved)"), override.digest());
    assertTrue(override.auditSequence() != null && override.auditHash() != null);
    TrailEntry approved = entries.get(5);
    assertEquals("APPROVE", approved.outcome());
    assertEquals(decision.digest(), approved.digest());
    assertEquals(decision.auditSequence(), approved.auditSequence());
    TrailEntry publication = entries.get(6);
    assertEquals("published", publication.outcome());
    assertEquals("https://x.com/brand/status/99", publication.detail());
    AuditEntry published = audit.entry(publication.auditSequence()).orElseThrow();
    assertEquals("publication.published", published.event().action());
    assertEquals(publication.auditHash(), published.hash());
    assertTrue(
        published.event().target(),
        published
            .event()
            .target()
            .matches(
                "post/"
                    + post.id()
                    + "/revision/1/variant/"
                    + job.variantId()
                    + "/publication/\\w+#sha256="
                    + publication.digest()));

    List<TrailEntry> all = new ArrayList<>();
    trail.write(
        trail.scope(ws.id(), null, null, Instant.EPOCH, clock.instant().plusSeconds(1)), all::add);
    assertTrue(all.stream().anyMatch(e -> e.postId().equals(other.id())));

    ComplianceTrail.Scope scope = trail.scope(ws.id(), post.id(), null, null, null);
    String csv = body(out -> trail.csv(scope, out));
    String[] lines = csv.split("\r\n");
    assertEquals(String.join(",", TrailEntry.COLUMNS), lines[0]);
    assertEquals(8, lines.length);
    assertTrue("a formula is defused", csv.contains(",'=HYPERLINK(legal approved),"));
    String json = body(out -> trail.json(scope, out));
    assertTrue(json, json.startsWith("{\"items\":[{\"at\":"));
    assertEquals(7, json.split("\"kind\":").length - 1);

    ComplianceTrail.Verification verified =
        trail.verify(trail.scope(ws.id(), post.id(), null, null, null));
    assertTrue(verified.chain().intact());
    assertEquals(3, verified.checkRuns());
    assertEquals(3, verified.intactRuns());
    assertEquals(1, verified.decisions());
    assertEquals(1, verified.intactDecisions());
    assertEquals(1, verified.publications());
    assertEquals(1, verified.intactPublications());
    assertTrue(verified.intact());

    approvals.tampered.add(decision.id());
    testDb.update("UPDATE sw_publication SET url = ? WHERE post_id = ?", "https://evil", post.id());
    ComplianceTrail.Verification broken =
        trail.verify(trail.scope(ws.id(), post.id(), null, null, null));
    assertFalse(broken.intact());
    assertEquals(List.of(decision.id()), broken.brokenDecisions());
    assertEquals(1, broken.brokenPublications().size());
    assertEquals("the chain itself is untouched", true, broken.chain().intact());
  }

  @Test
  public void aFailedPublicationIsInTheTrailWithItsRevisionAndReason() {
    Post post = scheduled("新品咖啡");
    PublishJob job = claim(post.id());
    outbox.failed(job.id(), new Failure("NETWORK", "500", "server error", "retry"));
    List<TrailEntry> entries = new ArrayList<>();
    trail.write(trail.scope(ws.id(), post.id(), null, null, null), entries::add);
    TrailEntry failed =
        entries.stream().filter(e -> e.kind().equals("publication")).findFirst().orElseThrow();
    assertEquals("failed", failed.outcome());
    assertEquals(Integer.valueOf(1), failed.revision());
    assertEquals("NETWORK: server error", failed.detail());
    assertEquals(
        "failure:NETWORK", audit.entry(failed.auditSequence()).orElseThrow().event().outcome());
    ComplianceTrail.Verification verified =
        trail.verify(trail.scope(ws.id(), post.id(), null, null, null));
    assertEquals(1, verified.intactPublications());
    assertTrue(verified.intact());
  }

  @Test
  public void aTrailNeedsAScopeThatExists() {
    ValidationException e =
        assertThrows(ValidationException.class, () -> trail.scope(ws.id(), null, null, null, null));
    assertEquals("postId", e.field());
    Instant now = clock.instant();
    assertThrows(ValidationException.class, () -> trail.scope(ws.id(), null, null, now, now));
    assertThrows(NotFoundException.class, () -> trail.scope(ws.id(), "missing", null, null, null));
    assertThrows(NotFoundException.class, () -> trail.scope(ws.id(), null, "missing", null, null));
    assertThrows(NotFoundException.class, () -> trail.scope("missing", "p", null, null, null));
    TrailResource resource = new TrailResource(trail);
    assertThrows(
        ValidationException.class, () -> resource.export(ws.id(), "p", null, null, null, "xml"));
  }

  private static String body(StreamingOutput entity) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entity.write(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
