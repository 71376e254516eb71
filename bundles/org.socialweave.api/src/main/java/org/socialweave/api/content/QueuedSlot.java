package org.socialweave.api.content;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Where the queue put one channel of a post.
 *
 * @param at the slot's instant
 * @param localTime the slot's wall-clock time in {@code timeZone}
 * @param skipped the earlier slots that were passed over and why (taken, over a daily quota)
 */
public record QueuedSlot(
    String channelId, Instant at, LocalDateTime localTime, String timeZone, List<String> skipped) {

  public QueuedSlot {
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }
}
