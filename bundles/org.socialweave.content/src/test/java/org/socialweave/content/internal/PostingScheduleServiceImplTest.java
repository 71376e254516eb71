package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.Workspace;
import org.socialweave.api.content.DeliveryStatus;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.content.PostStatus;
import org.socialweave.api.content.PostVariant;
import org.socialweave.api.content.PostingSchedule;
import org.socialweave.api.content.PostingSlot;
import org.socialweave.api.content.QueueResult;
import org.socialweave.api.content.QueuedSlot;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;

/**
 * Posting schedules and the queue on a real database: each channel of a post takes its own next
 * free slot, taken slots and slots over the network's daily quota are skipped, and two posts queued
 * at once never share a slot.
 */
public class PostingScheduleServiceImplTest extends ContentTestBase {

  /** Monday 7 December 2026, 08:00 in Shanghai. */
  private static final Instant MONDAY_8AM = Instant.parse("2026-12-07T00:00:00Z");

  private MeasuredNetworks measured;
  private PostingScheduleServiceImpl schedules;

  @Before
  public void wireSchedules() {
    clock.set(MONDAY_8AM);
    measured = new MeasuredNetworks();
    schedules =
        new PostingScheduleServiceImpl(unit, channels, measured, workspaces(), audit, clock);
    schedules.posts = posts;
  }

  private Function<String, Optional<Workspace>> workspaces() {
    return id -> id.equals(ws.id()) ? Optional.of(ws) : Optional.empty();
  }

  private static List<PostingSlot> weekdays(String... times) {
    List<PostingSlot> slots = new ArrayList<>();
    for (DayOfWeek day : List.of(DayOfWeek.values()).subList(0, 5)) {
      for (String t : times) {
        slots.add(new PostingSlot(day, LocalTime.parse(t)));
      }
    }
    return slots;
  }

  private Post draft(String text, String... channelIds) {
    return posts.create(
        ws.id(), new PostDraft(null, text, null, null, List.of(channelIds), null, Map.of()), "e");
  }

  private static Instant at(Post post, String channelId) {
    return post.variants().stream()
        .filter(v -> v.channelId().equals(channelId))
        .map(PostVariant::scheduledAt)
        .findFirst()
        .orElseThrow();
  }

  @Test
  public void aScheduleIsReadAndReplacedWithItsVersion() {
    PostingSchedule empty = schedules.get(ws.id(), x);
    assertEquals(0, empty.version());
    assertEquals("Asia/Shanghai", empty.timeZone());
    assertTrue(empty.slots().isEmpty());
    PostingSchedule saved =
        schedules.put(ws.id(), x, "Europe/Berlin", weekdays("12:00", "09:30"), 0, "alice");
    assertEquals("Europe/Berlin", saved.timeZone());
    assertEquals(10, saved.slots().size());
    assertEquals(new PostingSlot(DayOfWeek.MONDAY, LocalTime.of(9, 30)), saved.slots().get(0));
    assertEquals(saved, schedules.get(ws.id(), x));
    assertThrows(
        PreconditionFailedException.class,
        () -> schedules.put(ws.id(), x, null, List.of(), 0, "alice"));
    ValidationException zone =
        assertThrows(
            ValidationException.class,
            () -> schedules.put(ws.id(), x, "+08:00", List.of(), saved.version(), "alice"));
    assertEquals("timeZone", zone.field());
    ValidationException twice =
        assertThrows(
            ValidationException.class,
            () ->
                schedules.put(
                    ws.id(),
                    x,
                    null,
                    List.of(
                        new PostingSlot(DayOfWeek.MONDAY, LocalTime.of(9, 0)),
                        new PostingSlot(DayOfWeek.MONDAY, LocalTime.of(9, 0))),
                    saved.version(),
                    "alice"));
    assertEquals("slots[1]", twice.field());
    assertThrows(NotFoundException.class, () -> schedules.get(ws.id(), "nochannel"));
  }

  @Test
  public void eachChannelOfAPostTakesItsOwnNextFreeSlot() {
    schedules.put(ws.id(), x, "Asia/Shanghai", weekdays("09:30", "12:00", "19:00"), 0, "a");
    schedules.put(ws.id(), weibo, "America/New_York", weekdays("09:30"), 0, "a");
    QueueResult first = schedules.queue(ws.id(), draft("first", x, weibo).id(), "a");
    assertEquals(PostStatus.SCHEDULED, first.post().status());
    // Monday 09:30 in Shanghai; Monday 09:30 in New York is 14:30 UTC.
    assertEquals(Instant.parse("2026-12-07T01:30:00Z"), at(first.post(), x));
    assertEquals(Instant.parse("2026-12-07T14:30:00Z"), at(first.post(), weibo));
    assertEquals(Instant.parse("2026-12-07T01:30:00Z"), first.post().scheduledAt());
    QueuedSlot weiboSlot =
        first.slots().stream().filter(s -> s.channelId().equals(weibo)).findFirst().get();
    assertEquals(LocalDateTime.parse("2026-12-07T09:30"), weiboSlot.localTime());
    assertEquals("America/New_York", weiboSlot.timeZone());

    Post second = schedules.queue(ws.id(), draft("second", x).id(), "a").post();
    assertEquals(Instant.parse("2026-12-07T04:00:00Z"), at(second, x));

    // Re-queueing a post moves it without counting its own slot as taken.
    Post again = schedules.queue(ws.id(), second.id(), "a").post();
    assertEquals(Instant.parse("2026-12-07T04:00:00Z"), at(again, x));
    assertTrue(
        audit.tail(ws.id(), 5).stream().anyMatch(e -> e.event().action().equals("post.queue")));
  }

  @Test
  public void aSlotBeyondTheDailyQuotaIsSkipped() {
    // X allows two posts a UTC day here; slots at 09:30, 12:00, 19:00 Shanghai are 01:30, 04:00
    // and 11:00 UTC, all on the same UTC day.
    schedules.put(ws.id(), x, "Asia/Shanghai", weekdays("09:30", "12:00", "19:00"), 0, "a");
    schedules.queue(ws.id(), draft("one", x).id(), "a");
    schedules.queue(ws.id(), draft("two", x).id(), "a");
    QueueResult third = schedules.queue(ws.id(), draft("three", x).id(), "a");
    assertEquals(Instant.parse("2026-12-08T01:30:00Z"), at(third.post(), x));
    assertEquals(
        List.of(
            "2026-12-07T09:30 taken",
            "2026-12-07T12:00 taken",
            "2026-12-07T19:00 over the network's quota posts-per-day"),
        third.slots().get(0).skipped());
  }

  @Test
  public void aChannelWithoutScheduleOrAPublishedPostIsRefusedAndNothingChanges() {
    schedules.put(ws.id(), x, null, weekdays("09:30"), 0, "a");
    Post post = draft("both", x, weibo);
    ValidationException none =
        assertThrows(ValidationException.class, () -> schedules.queue(ws.id(), post.id(), "a"));
    assertEquals("channelIds", none.field());
    assertTrue(none.getMessage(), none.getMessage().contains(weibo));
    assertEquals(PostStatus.DRAFT, posts.get(ws.id(), post.id()).status());

    Post published = posts.publishNow(ws.id(), draft("now", x).id(), "e");
    String jobId = unit.read(em -> PostServiceImpl.jobs(em, List.of(published.id()))).get(0).id;
    outbox.claim(jobId, "n", clock.instant(), Duration.ofMinutes(1)).orElseThrow();
    outbox.published(jobId, "1", URI.create("https://x.com/b/status/1"), clock.instant());
    assertEquals(
        DeliveryStatus.PUBLISHED, posts.get(ws.id(), published.id()).variants().get(0).status());
    assertThrows(ConflictException.class, () -> schedules.queue(ws.id(), published.id(), "a"));
  }

  @Test
  public void postsQueuedAtOnceNeverShareASlot() throws Exception {
    schedules.put(ws.id(), x, "UTC", weekdays("09:00", "10:00", "11:00", "12:00"), 0, "a");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(draft("parallel " + i, x).id());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Instant>> calls = new ArrayList<>();
      for (String id : ids) {
        calls.add(() -> at(schedules.queue(ws.id(), id, "a").post(), x));
      }
      List<Instant> times = new ArrayList<>();
      for (Future<Instant> f : pool.invokeAll(calls)) {
        times.add(f.get());
      }
      assertEquals(times.toString(), 4, times.stream().distinct().count());
      // Two a day on X here: Monday 09:00 and 10:00, then Tuesday's.
      assertNotEquals(times.get(0), times.get(1));
      assertTrue(
          times.toString(),
          times.containsAll(
              List.of(
                  Instant.parse("2026-12-07T09:00:00Z"),
                  Instant.parse("2026-12-07T10:00:00Z"),
                  Instant.parse("2026-12-08T09:00:00Z"),
                  Instant.parse("2026-12-08T10:00:00Z"))));
    } finally {
      pool.shutdownNow();
    }
  }
}
