package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.Test;
import org.socialweave.api.content.PostingSlot;

/**
 * The next free slot of a weekly schedule, over every IANA zone of the JDK and around their DST
 * changes, checked against an oracle that resolves wall-clock times from the zone rules directly.
 */
public class SlotFinderTest {

  private static final Function<Instant, Optional<String>> NO_QUOTA = at -> Optional.empty();

  private static List<PostingSlot> weekdays(String... times) {
    List<PostingSlot> slots = new ArrayList<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.getValue() <= 5) {
        for (String t : times) {
          slots.add(new PostingSlot(day, LocalTime.parse(t)));
        }
      }
    }
    return slots;
  }

  /** A wall-clock time resolved from the rules: gaps move forward, overlaps take the earlier. */
  private static Instant resolve(LocalDateTime local, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> valid = rules.getValidOffsets(local);
    if (!valid.isEmpty()) {
      return local.toInstant(valid.get(0));
    }
    ZoneOffsetTransition gap = rules.getTransition(local);
    return local.plus(gap.getDuration()).toInstant(gap.getOffsetAfter());
  }

  /** The oracle: every occurrence in the horizon, the first that is free. */
  private static Optional<Instant> expected(
      List<PostingSlot> slots, ZoneId zone, Instant after, NavigableSet<Instant> taken) {
    Instant best = null;
    LocalDate first = after.atZone(zone).toLocalDate().minusDays(2);
    for (int d = 0; d < SlotFinder.HORIZON.toDays() + 4; d++) {
      LocalDate day = first.plusDays(d);
      for (PostingSlot slot : slots) {
        if (slot.day() != day.getDayOfWeek()) {
          continue;
        }
        Instant at = resolve(day.atTime(slot.time()), zone);
        boolean inRange = at.isAfter(after) && at.isBefore(after.plus(SlotFinder.HORIZON));
        Instant occupant = taken.ceiling(at);
        boolean free = occupant == null || !occupant.isBefore(at.plus(SlotFinder.SLOT_LENGTH));
        if (inRange && free && (best == null || at.isBefore(best))) {
          best = at;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  @Test
  public void theNextFreeSlotMatchesTheOracleInEveryZoneAroundItsDstChanges() {
    Random random = new Random(20261207L);
    List<String> zones = new ArrayList<>(new TreeSet<>(ZoneId.getAvailableZoneIds()));
    int checked = 0;
    for (String id : zones) {
      ZoneId zone = ZoneId.of(id);
      for (int trial = 0; trial < 4; trial++) {
        Instant base =
            Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(4 * 365 * 86400));
        ZoneOffsetTransition next = zone.getRules().nextTransition(base);
        // Half the trials start a few days before a DST change, where slots move.
        Instant after =
            next != null && trial % 2 == 0
                ? next.getInstant().minusSeconds(random.nextInt(3 * 86400))
                : base;
        List<PostingSlot> slots = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
          PostingSlot slot =
              new PostingSlot(
                  DayOfWeek.of(1 + random.nextInt(7)),
                  // Early hours, where DST changes happen, more often than not.
                  LocalTime.of(
                      random.nextBoolean() ? random.nextInt(4) : random.nextInt(24),
                      random.nextInt(4) * 15));
          if (!slots.contains(slot)) {
            slots.add(slot);
          }
        }
        List<Instant> upcoming = SlotFinder.upcoming(slots, id, after, SlotFinder.HORIZON);
        NavigableSet<Instant> taken = new TreeSet<>();
        for (Instant at : upcoming) {
          if (random.nextInt(3) == 0) {
            taken.add(at.plusSeconds(random.nextInt(60)));
          }
        }
        Optional<SlotFinder.Found> found = SlotFinder.next(slots, id, after, taken, NO_QUOTA);
        assertEquals(
            id + " " + slots + " after " + after + " taken " + taken,
            expected(slots, zone, after, taken),
            found.map(SlotFinder.Found::at));
        for (int i = 1; i < upcoming.size(); i++) {
          assertTrue(id + ": in order, once", upcoming.get(i - 1).isBefore(upcoming.get(i)));
        }
        for (Instant at : upcoming) {
          LocalDateTime local = LocalDateTime.ofInstant(at, zone);
          boolean onASlot =
              slots.stream()
                  .anyMatch(
                      s ->
                          List.of(local.toLocalDate(), local.toLocalDate().minusDays(1)).stream()
                              .anyMatch(
                                  day ->
                                      day.getDayOfWeek() == s.day()
                                          && resolve(day.atTime(s.time()), zone).equals(at)));
          assertTrue(id + ": " + at + " is one of " + slots, onASlot);
        }
        checked++;
      }
    }
    assertTrue("zones checked: " + checked, checked > 1000);
  }

  @Test
  public void aSlotInASpringForwardGapMovesForwardByTheGap() {
    List<PostingSlot> sunday = List.of(new PostingSlot(DayOfWeek.SUNDAY, LocalTime.of(2, 30)));
    Instant found =
        SlotFinder.next(
                sunday,
                "America/New_York",
                Instant.parse("2026-03-07T12:00:00Z"),
                new TreeSet<>(),
                NO_QUOTA)
            .orElseThrow()
            .at();
    // 02:30 does not exist on 8 March 2026 in New York: it is 03:30 EDT.
    assertEquals(Instant.parse("2026-03-08T07:30:00Z"), found);
  }

  @Test
  public void anAmbiguousSlotAtFallBackIsTakenOnceAtTheEarlierOffset() {
    List<PostingSlot> sunday = List.of(new PostingSlot(DayOfWeek.SUNDAY, LocalTime.of(1, 30)));
    Instant after = Instant.parse("2026-10-31T12:00:00Z");
    List<Instant> upcoming =
        SlotFinder.upcoming(sunday, "America/New_York", after, Duration.ofDays(8));
    assertEquals(
        List.of(Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-08T06:30:00Z")),
        upcoming);
  }

  @Test
  public void takenAndOverQuotaSlotsAreSkippedAndNamed() {
    List<PostingSlot> slots = weekdays("09:30", "12:00", "19:00");
    String zone = "Asia/Shanghai";
    // Monday 7 December 2026, 08:00 in Shanghai.
    Instant after = Instant.parse("2026-12-07T00:00:00Z");
    NavigableSet<Instant> taken = new TreeSet<>(List.of(Instant.parse("2026-12-07T01:30:00Z")));
    Instant noon = Instant.parse("2026-12-07T04:00:00Z");
    SlotFinder.Found found =
        SlotFinder.next(
                slots,
                zone,
                after,
                taken,
                at -> at.equals(noon) ? Optional.of("posts-per-day") : Optional.empty())
            .orElseThrow();
    assertEquals(Instant.parse("2026-12-07T11:00:00Z"), found.at());
    assertEquals(
        List.of(
            "2026-12-07T09:30 taken", "2026-12-07T12:00 over the network's quota posts-per-day"),
        found.skipped());
  }

  @Test
  public void noSlotMeansNothingFound() {
    assertFalse(
        SlotFinder.next(
                List.of(), "UTC", Instant.parse("2026-12-07T00:00:00Z"), new TreeSet<>(), NO_QUOTA)
            .isPresent());
  }
}
