package org.socialweave.api.content;

import java.time.Instant;
import java.util.List;

/**
 * A channel's preferred weekly publishing slots, wall-clock times in an IANA zone (the workspace's
 * unless the schedule names its own). A channel without a schedule has no slots and version 0.
 *
 * @param version increases with every change, for {@code ETag}/{@code If-Match}; 0 before the first
 *     save
 */
public record PostingSchedule(
    String channelId,
    String workspaceId,
    String timeZone,
    List<PostingSlot> slots,
    String updatedBy,
    Instant updatedAt,
    long version) {

  public PostingSchedule {
    slots = slots == null ? List.of() : List.copyOf(slots);
  }
}
