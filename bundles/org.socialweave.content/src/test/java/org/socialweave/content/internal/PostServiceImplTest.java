package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Test;
import org.socialweave.api.PageRequest;
import org.socialweave.api.content.CalendarQuery;
import org.socialweave.api.content.DeliveryStatus;
import org.socialweave.api.content.Failure;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.content.PostStatus;
import org.socialweave.api.content.PostVariant;
import org.socialweave.api.content.Schedule;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.publish.PublishJob;
import org.socialweave.api.publish.PublishOutbox;

/**
 * Posts and the outbox on a real database (H2, and PostgreSQL in the postgres profile): every
 * command validates before it writes, and the outbox gives each due job to exactly one claimant.
 */
public class PostServiceImplTest extends ContentTestBase {

  private static final Duration LEASE = Duration.ofMinutes(2);

  private PostDraft draft(String text, String... channelIds) {
    return new PostDraft(null, text, null, null, List.of(channelIds), null, Map.of());
  }

  private static PostVariant variant(Post post, String channelId) {
    return post.variants().stream().filter(v -> v.channelId().equals(channelId)).findFirst().get();
  }

  // ---- content

  @Test
  public void aDraftHasOneVariantPerChannelMeasuredByEachNetwork() {
    Post post = posts.create(ws.id(), draft("新品上市 launch day", x, weibo), "editor");
    assertEquals(PostStatus.DRAFT, post.status());
    assertEquals("Asia/Shanghai", post.timeZone());
    assertEquals(1, post.revision());
    assertEquals(2, post.variants().size());
    // X weighs CJK 2, Latin 1: 4 * 2 + 11; Weibo counts CJK 1 and two Latin characters 1.
    assertEquals(19, variant(post, x).length());
    assertEquals(280, variant(post, x).maxLength());
    assertEquals(10, variant(post, weibo).length());
    assertEquals(DeliveryStatus.DRAFT, variant(post, x).status());
  }

  @Test
  public void theMasterCopyIsCutToEachNetworksLimitWithAWarning() {
    String master = "长".repeat(200);
    Post post = posts.create(ws.id(), draft(master, x, weibo), "editor");
    PostVariant onX = variant(post, x);
    PostVariant onWeibo = variant(post, weibo);
    assertTrue(onX.text().endsWith(VariantText.ELLIPSIS));
    assertTrue(onX.length() <= 280);
    assertEquals(139, onX.text().length() - 1);
    assertTrue(onWeibo.length() <= 140);
    assertFalse(onX.warnings().isEmpty());
    assertTrue(onX.warnings().get(0).contains("cut to fit X"));
  }

  @Test
  public void aTextWrittenForAChannelOverItsLimitCannotBeScheduled() {
    Post post =
        posts.create(
            ws.id(),
            new PostDraft(
                null, "short", null, null, List.of(x, weibo), null, Map.of(weibo, "微".repeat(141))),
            "editor");
    assertTrue(variant(post, weibo).customText());
    assertEquals(141, variant(post, weibo).length());
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                posts.schedule(
                    ws.id(),
                    post.id(),
                    new Schedule(clock.instant().plusSeconds(3600), null, null),
                    "e"));
    assertEquals("variants." + weibo + ".text", e.field());
    assertEquals("nothing was scheduled", PostStatus.DRAFT, posts.get(ws.id(), post.id()).status());
  }

  @Test
  public void badDraftsAreRefusedNamingTheField() {
    assertField("text", () -> posts.create(ws.id(), draft(" ", x), "e"));
    assertField("channelIds", () -> posts.create(ws.id(), draft("hi"), "e"));
    assertField("channelIds", () -> posts.create(ws.id(), draft("hi", x, x), "e"));
    assertField("channelIds", () -> posts.create(ws.id(), draft("hi", "NOSUCHCHANNEL"), "e"));
    assertField(
        "channelIds", () -> posts.create(ws.id(), draft("hi", "x'; DROP TABLE sw_post;--"), "e"));
    assertField(
        "timeZone",
        () ->
            posts.create(
                ws.id(),
                new PostDraft(null, "hi", null, null, List.of(x), "Mars/Olympus", Map.of()),
                "e"));
    assertField(
        "timeZone",
        () ->
            posts.create(
                ws.id(),
                new PostDraft(null, "hi", null, null, List.of(x), "+08:00", Map.of()),
                "e"));
    assertField(
        "link",
        () ->
            posts.create(
                ws.id(),
                new PostDraft(null, "hi", null, "javascript:alert(1)", List.of(x), null, Map.of()),
                "e"));
    assertField(
        "variantTexts",
        () ->
            posts.create(
                ws.id(),
                new PostDraft(null, "hi", null, null, List.of(x), null, Map.of(weibo, "t")),
                "e"));
    assertEquals(0, posts.list(ws.id(), null, PageRequest.first(10)).items().size());
  }

  private static void assertField(String field, org.junit.function.ThrowingRunnable call) {
    ValidationException e = assertThrows(ValidationException.class, call);
    assertEquals(e.getMessage(), field, e.field());
  }

  @Test
  public void editsMakeRevisionsAndNeedTheCurrentVersion() {
    Post post = posts.create(ws.id(), draft("first", x), "ann");
    Post edited =
        posts.update(ws.id(), post.id(), draft("second", x, weibo), post.version(), "bob");
    assertEquals(2, edited.revision());
    assertEquals(2, edited.variants().size());
    assertThrows(
        PreconditionFailedException.class,
        () -> posts.update(ws.id(), post.id(), draft("third", x), post.version(), "carl"));
    var revisions = posts.revisions(ws.id(), post.id());
    assertEquals(List.of(1, 2), revisions.stream().map(r -> r.revision()).toList());
    assertEquals("first", revisions.get(0).text());
    assertEquals("bob", revisions.get(1).author());
  }

  // ---- scheduling

  @Test
  public void schedulingWritesOneOutboxJobPerVariantDueAtTheTime() {
    Post post = posts.create(ws.id(), draft("scheduled", x, weibo), "e");
    Instant at = clock.instant().plus(Duration.ofHours(2));
    Post scheduled = posts.schedule(ws.id(), post.id(), new Schedule(at, null, null), "e");
    assertEquals(PostStatus.SCHEDULED, scheduled.status());
    assertEquals(at, scheduled.scheduledAt());
    assertTrue(scheduled.variants().stream().allMatch(v -> v.status() == DeliveryStatus.SCHEDULED));
    assertTrue(outbox.due(at.minusSeconds(1), 100).stream().noneMatch(id -> jobOf(post.id(), id)));
    assertEquals(2, outbox.due(at, 1000).stream().filter(id -> jobOf(post.id(), id)).count());
  }

  private boolean jobOf(String postId, String jobId) {
    return postId.equals(testDb.value("SELECT post_id FROM sw_publish_job WHERE id = ?", jobId));
  }

  @Test
  public void aWallClockTimeIsResolvedInItsZoneAndTheZoneIsKept() {
    Post post = posts.create(ws.id(), draft("local", x), "e");
    LocalDateTime nineAm =
        LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)
            .plusDays(2)
            .withHour(9)
            .withMinute(0)
            .withSecond(0)
            .withNano(0);
    Post scheduled =
        posts.schedule(ws.id(), post.id(), new Schedule(null, nineAm, "Europe/Berlin"), "e");
    assertEquals("Europe/Berlin", scheduled.timeZone());
    assertEquals(
        nineAm.atZone(java.time.ZoneId.of("Europe/Berlin")).toInstant(), scheduled.scheduledAt());
  }

  @Test
  public void badSchedulesChangeNothing() {
    Post post = posts.create(ws.id(), draft("x", x), "e");
    Instant at = clock.instant().plus(Duration.ofDays(1));
    posts.schedule(ws.id(), post.id(), new Schedule(at, null, null), "e");
    assertField(
        "scheduledAt",
        () ->
            posts.schedule(
                ws.id(),
                post.id(),
                new Schedule(clock.instant().minusSeconds(60), null, null),
                "e"));
    assertField(
        "timeZone",
        () ->
            posts.schedule(
                ws.id(),
                post.id(),
                new Schedule(null, LocalDateTime.now().plusDays(1), "Nowhere/Land"),
                "e"));
    assertField(
        "timeZone",
        () ->
            posts.schedule(
                ws.id(),
                post.id(),
                new Schedule(null, LocalDateTime.now().plusDays(1), null),
                "e"));
    channels.needsReconnect(x);
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                posts.schedule(
                    ws.id(), post.id(), new Schedule(at.plusSeconds(60), null, null), "e"));
    assertTrue(e.getMessage(), e.getMessage().contains("needs a reconnect"));
    Post unchanged = posts.get(ws.id(), post.id());
    assertEquals(at, unchanged.scheduledAt());
    assertEquals(PostStatus.SCHEDULED, unchanged.status());
  }

  @Test
  public void aDisconnectedChannelIsNamedBeforeAnythingIsScheduled() {
    Post post = posts.create(ws.id(), draft("gone", x, weibo), "e");
    channels.disconnect(ws.id(), weibo);
    ValidationException e =
        assertThrows(ValidationException.class, () -> posts.publishNow(ws.id(), post.id(), "e"));
    assertTrue(e.getMessage(), e.getMessage().contains("disconnected"));
    assertEquals(PostStatus.DRAFT, posts.get(ws.id(), post.id()).status());
  }

  @Test
  public void cancelAndRescheduleMoveEveryUnpublishedVariant() {
    Post post = posts.create(ws.id(), draft("cancel me", x, weibo), "e");
    Instant at = clock.instant().plus(Duration.ofHours(1));
    posts.schedule(ws.id(), post.id(), new Schedule(at, null, null), "e");
    Post cancelled = posts.cancel(ws.id(), post.id(), "e");
    assertEquals(PostStatus.CANCELLED, cancelled.status());
    assertTrue(outbox.due(at, 1000).stream().noneMatch(id -> jobOf(post.id(), id)));
    Post again =
        posts.schedule(ws.id(), post.id(), new Schedule(at.plusSeconds(600), null, null), "e");
    assertEquals(PostStatus.SCHEDULED, again.status());
    assertEquals(at.plusSeconds(600), variant(again, x).scheduledAt());
  }

  // ---- the outbox

  @Test
  public void aClaimedJobIsPublishedAndItsUrlShown() {
    Post post = posts.publishNow(ws.id(), posts.create(ws.id(), draft("now", x), "e").id(), "e");
    String jobId = onlyDueJob(post.id());
    PublishJob job = outbox.claim(jobId, "node-a", clock.instant(), LEASE).orElseThrow();
    assertEquals("now", job.text());
    assertEquals(1, job.attempt());
    assertFalse("a first attempt sends without reconciling", job.inDoubt());
    assertEquals(PostStatus.PUBLISHING, posts.get(ws.id(), post.id()).status());
    assertThrows(
        ConflictException.class,
        () ->
            posts.update(
                ws.id(),
                post.id(),
                draft("changed", x),
                posts.get(ws.id(), post.id()).version(),
                "e"));
    assertThrows(ConflictException.class, () -> posts.cancel(ws.id(), post.id(), "e"));
    outbox.published(jobId, "1234", URI.create("https://x.com/brand/status/1234"), clock.instant());
    Post published = posts.get(ws.id(), post.id());
    assertEquals(PostStatus.PUBLISHED, published.status());
    assertEquals("https://x.com/brand/status/1234", variant(published, x).url().toString());
    assertTrue(outbox.claim(jobId, "node-b", clock.instant(), LEASE).isEmpty());
  }

  private String onlyDueJob(String postId) {
    List<String> ids =
        outbox.due(clock.instant(), 1000).stream().filter(id -> jobOf(postId, id)).toList();
    assertEquals(1, ids.size());
    return ids.get(0);
  }

  @Test
  public void ofManyNodesClaimingTheSameJobExactlyOneWins() throws Exception {
    Post post = posts.publishNow(ws.id(), posts.create(ws.id(), draft("race", x), "e").id(), "e");
    String jobId = onlyDueJob(post.id());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Optional<PublishJob>>> claims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String node = "node-" + i;
        claims.add(() -> outbox.claim(jobId, node, clock.instant(), LEASE));
      }
      int won = 0;
      for (Future<Optional<PublishJob>> f : pool.invokeAll(claims)) {
        won += f.get().isPresent() ? 1 : 0;
      }
      assertEquals(1, won);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  public void aJobOfANodeThatDiedIsClaimedAgainInDoubtWithTheTextItSent() {
    Post post = posts.publishNow(ws.id(), posts.create(ws.id(), draft("crash", x), "e").id(), "e");
    String jobId = onlyDueJob(post.id());
    outbox.claim(jobId, "node-a", clock.instant(), LEASE).orElseThrow();
    assertTrue("the lease holds", outbox.claim(jobId, "node-b", clock.instant(), LEASE).isEmpty());
    assertEquals(
        1,
        outbox.overdue(clock.instant().plus(LEASE).plusSeconds(1), 1000).stream()
            .filter(j -> j.jobId().equals(jobId))
            .count());
    clock.advance(LEASE.plusSeconds(1));
    PublishJob again = outbox.claim(jobId, "node-b", clock.instant(), LEASE).orElseThrow();
    assertTrue(again.inDoubt());
    assertEquals(2, again.attempt());
    assertEquals("crash", again.text());
    assertNotNull(again.firstSentAt());
  }

  @Test
  public void aRetryAfterAFailureThatSentNothingIsNotInDoubtAndAFailedVariantCanBeRetried() {
    Post post =
        posts.publishNow(ws.id(), posts.create(ws.id(), draft("retry", x, weibo), "e").id(), "e");
    List<String> jobs =
        outbox.due(clock.instant(), 1000).stream().filter(id -> jobOf(post.id(), id)).toList();
    PublishJob first = outbox.claim(jobs.get(0), "n", clock.instant(), LEASE).orElseThrow();
    outbox.retryAt(
        first.id(),
        clock.instant().plusSeconds(10),
        false,
        new Failure("TRANSIENT", "503", "busy", "wait"));
    clock.advance(Duration.ofSeconds(10));
    PublishJob second = outbox.claim(first.id(), "n", clock.instant(), LEASE).orElseThrow();
    assertFalse(second.inDoubt());
    outbox.failed(second.id(), new Failure("CONTENT_REJECTED", "186", "too long", "shorten it"));
    PublishJob other = outbox.claim(jobs.get(1), "n", clock.instant(), LEASE).orElseThrow();
    outbox.published(other.id(), "p1", null, clock.instant());
    Post partial = posts.get(ws.id(), post.id());
    assertEquals(PostStatus.PARTIALLY_PUBLISHED, partial.status());
    PostVariant failedVariant =
        partial.variants().stream()
            .filter(v -> v.status() == DeliveryStatus.FAILED)
            .findFirst()
            .orElseThrow();
    assertEquals("CONTENT_REJECTED", failedVariant.failure().kind());
    assertEquals("shorten it", failedVariant.failure().action());
    Post retried = posts.retry(ws.id(), post.id(), failedVariant.id(), "e");
    assertEquals(PostStatus.PUBLISHING, retried.status());
    PostVariant now = variant(retried, failedVariant.channelId());
    assertEquals(DeliveryStatus.SCHEDULED, now.status());
    assertNull(now.failure());
    assertThrows(ConflictException.class, () -> posts.retry(ws.id(), post.id(), now.id(), "e"));
  }

  @Test
  public void theCalendarFiltersByRangeChannelAndStatus() {
    Instant monday = clock.instant().plus(Duration.ofDays(3));
    Post a = posts.create(ws.id(), draft("a", x), "e");
    Post b = posts.create(ws.id(), draft("b", weibo), "e");
    Post c = posts.create(ws.id(), draft("c", x, weibo), "e");
    posts.schedule(ws.id(), a.id(), new Schedule(monday, null, null), "e");
    posts.schedule(ws.id(), b.id(), new Schedule(monday.plus(Duration.ofDays(1)), null, null), "e");
    posts.schedule(
        ws.id(), c.id(), new Schedule(monday.plus(Duration.ofDays(10)), null, null), "e");
    posts.cancel(ws.id(), c.id(), "e");
    CalendarQuery week =
        new CalendarQuery(monday, monday.plus(Duration.ofDays(7)), null, null, null);
    assertEquals(List.of(a.id(), b.id()), ids(week));
    assertEquals(
        List.of(a.id()),
        ids(new CalendarQuery(monday, monday.plus(Duration.ofDays(7)), null, x, null)));
    assertEquals(
        List.of(c.id()), ids(new CalendarQuery(null, null, null, null, PostStatus.CANCELLED)));
    assertThrows(
        ValidationException.class, () -> ids(new CalendarQuery(monday, monday, null, null, null)));
  }

  private List<String> ids(CalendarQuery query) {
    return posts.list(ws.id(), query, PageRequest.first(50)).items().stream()
        .map(Post::id)
        .toList();
  }

  @Test
  public void theQueueStatusCountsJobsAndTheWatchdogFlagsMissedOnes() {
    Post post = posts.publishNow(ws.id(), posts.create(ws.id(), draft("late", x), "e").id(), "e");
    PublishOutbox.QueueStatus queue = outbox.status(clock.instant());
    assertTrue(queue.due() >= 1);
    PublishingWatchdog watchdog = new PublishingWatchdog(outbox, clock);
    clock.advance(PublishOutbox.OVERDUE_AFTER.plusSeconds(1));
    var health = watchdog.check();
    assertTrue(health.detail(), health.up());
    assertEquals(health.detail(), "DEGRADED", health.state());
    assertTrue(health.detail(), health.detail().contains("overdue"));
    outbox.claim(onlyDueJob(post.id()), "n", clock.instant(), LEASE).orElseThrow();
  }

  // ---- approval

  @Test
  public void underApprovalOnlyTheApprovedRevisionCanBeScheduledAndAnEditSendsItBack() {
    approvals.enabled = true;
    Post post = posts.create(ws.id(), draft("needs approval", x), "e");
    Instant at = clock.instant().plus(Duration.ofHours(1));
    ConflictException refused =
        assertThrows(
            ConflictException.class,
            () -> posts.schedule(ws.id(), post.id(), new Schedule(at, null, null), "e"));
    assertTrue(refused.getMessage(), refused.getMessage().contains("not approved"));
    posts.submit(ws.id(), post.id(), "editor-id");
    assertEquals(post.id() + "@1", approvals.lastOpened);
    approvals.approve(post.id(), 1);
    Post scheduled = posts.schedule(ws.id(), post.id(), new Schedule(at, null, null), "e");
    assertEquals(PostStatus.SCHEDULED, scheduled.status());
    Post edited =
        posts.update(
            ws.id(), post.id(), draft("changed after approval", x), scheduled.version(), "e");
    assertEquals(2, edited.revision());
    assertEquals("the edit sent the post back to draft", PostStatus.DRAFT, edited.status());
    assertTrue(outbox.due(at, 1000).stream().noneMatch(id -> jobOf(post.id(), id)));
    assertThrows(ConflictException.class, () -> posts.publishNow(ws.id(), post.id(), "e"));
  }

  @Test
  public void withApprovalOffSubmittingIsRefused() {
    Post post = posts.create(ws.id(), draft("no approval here", x), "e");
    assertThrows(ConflictException.class, () -> posts.submit(ws.id(), post.id(), "u"));
  }

  // ---- content checks

  @Test
  public void aBlockingFindingStopsSchedulingUntilAReasonedOverrideOfThatRevision() {
    Post post = posts.create(ws.id(), draft("全网" + BlockedTerm.TERM + "的咖啡", x, weibo), "e");
    Instant at = clock.instant().plus(Duration.ofHours(1));
    SocialWeaveException blocked =
        assertThrows(
            SocialWeaveException.class,
            () -> posts.schedule(ws.id(), post.id(), new Schedule(at, null, null), "e"));
    assertEquals(422, blocked.status());
    assertTrue(blocked.getMessage(), blocked.getMessage().contains("ad-law.absolute.best"));
    assertEquals(PostStatus.DRAFT, posts.get(ws.id(), post.id()).status());
    assertField("reason", () -> posts.overrideCompliance(ws.id(), post.id(), "ok", "lawyer"));
    posts.overrideCompliance(
        ws.id(), post.id(), "Quoted from the award citation, approved by legal", "lawyer");
    Post scheduled = posts.schedule(ws.id(), post.id(), new Schedule(at, null, null), "e");
    assertEquals(PostStatus.SCHEDULED, scheduled.status());
    Post edited =
        posts.update(
            ws.id(), post.id(), draft("仍然" + BlockedTerm.TERM, x), scheduled.version(), "e");
    assertThrows(
        SocialWeaveException.class,
        () -> posts.schedule(ws.id(), post.id(), new Schedule(at, null, null), "e"));
    assertEquals(2, edited.revision());
    assertEquals("the removed channel's job went with it", 1, edited.variants().size());
    posts.delete(ws.id(), post.id(), "e");
    assertEquals(
        0L,
        testDb.value("SELECT COUNT(*) FROM sw_post WHERE id = ?", post.id()) instanceof Number n
            ? n.longValue()
            : -1L);
  }
}
