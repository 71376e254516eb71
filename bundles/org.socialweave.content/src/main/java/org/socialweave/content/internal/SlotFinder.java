package org.socialweave.content.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.socialweave.api.content.PostingSlot;

/**
 * The next free slot of a weekly posting schedule. Each slot's wall-clock time resolves in the
 * schedule's zone as every planned time does ({@link PlannedTime}): a time a DST change skips moves
 * forward by the gap, an ambiguous one takes the earlier offset; two slots that resolve to the same
 * instant are one.
 */
final class SlotFinder {

  /** How far ahead the queue looks for a free slot. */
  static final Duration HORIZON = Duration.ofDays(56);

  /** A post sits in a slot when it is due within this long of the slot's start. */
  static final Duration SLOT_LENGTH = Duration.ofMinutes(1);

  /** At most this many passed-over slots are named in an answer. */
  static final int MAX_REASONS = 20;

  /** The chosen slot and the earlier slots that were passed over, with why. */
  record Found(Instant at, List<String> skipped) {}

  private SlotFinder() {}

  /** Every slot instant after {@code after} and before {@code after + horizon}, in order. */
  static List<Instant> upcoming(
      List<PostingSlot> slots, String zone, Instant after, Duration horizon) {
    ZoneId zoneId = ZoneId.of(zone);
    Instant end = after.plus(horizon);
    NavigableSet<Instant> out = new TreeSet<>();
    // A day earlier than `after`'s date: a slot late on the previous local day can still be later.
    LocalDate day = after.atZone(zoneId).toLocalDate().minusDays(1);
    LocalDate last = end.atZone(zoneId).toLocalDate().plusDays(1);
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      for (PostingSlot slot : slots) {
        if (slot.day() != day.getDayOfWeek()) {
          continue;
        }
        Instant at = PlannedTime.resolve(day.atTime(slot.time()), zoneId);
        if (at.isAfter(after) && at.isBefore(end)) {
          out.add(at);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * The first slot after {@code after} that no post of the channel sits in and that {@code quota}
   * does not refuse (it answers the name of the limit a post at that time would exceed).
   *
   * @param taken the due times of the channel's scheduled, publishing and published posts
   */
  static Optional<Found> next(
      List<PostingSlot> slots,
      String zone,
      Instant after,
      NavigableSet<Instant> taken,
      Function<Instant, Optional<String>> quota) {
    List<String> skipped = new ArrayList<>();
    int passed = 0;
    for (Instant at : upcoming(slots, zone, after, HORIZON)) {
      Instant occupant = taken.ceiling(at);
      String reason;
      if (occupant != null && occupant.isBefore(at.plus(SLOT_LENGTH))) {
        reason = "taken";
      } else {
        Optional<String> exceeded = quota.apply(at);
        if (exceeded.isEmpty()) {
          if (passed > MAX_REASONS) {
            skipped.add("and " + (passed - MAX_REASONS) + " more");
          }
          return Optional.of(new Found(at, skipped));
        }
        reason = "over the network's quota " + exceeded.get();
      }
      passed++;
      if (passed <= MAX_REASONS) {
        skipped.add(at.atZone(ZoneId.of(zone)).toLocalDateTime() + " " + reason);
      }
    }
    return Optional.empty();
  }
}
