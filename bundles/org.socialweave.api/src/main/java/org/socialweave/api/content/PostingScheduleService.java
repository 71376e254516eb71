package org.socialweave.api.content;

import java.util.List;

/**
 * Posting schedules per channel and the queue that fills them: "add to queue" puts each channel of
 * a post into that channel's next free slot (free: no post of the channel is scheduled in it, and
 * the network's publishing quota still has room that day).
 */
public interface PostingScheduleService {

  /**
   * @throws org.socialweave.api.error.NotFoundException when the channel is not in the workspace
   */
  PostingSchedule get(String workspaceId, String channelId);

  /**
   * Replaces the channel's slots.
   *
   * @param timeZone an IANA zone, or {@code null} for the workspace's
   * @param expectedVersion the version read, 0 for a channel without a schedule yet
   */
  PostingSchedule put(
      String workspaceId,
      String channelId,
      String timeZone,
      List<PostingSlot> slots,
      long expectedVersion,
      String actor);

  /**
   * Schedules every channel of the post that is not published yet at its next free slot.
   *
   * @throws org.socialweave.api.error.ValidationException when a channel has no schedule, or no
   *     free slot in the search horizon
   */
  QueueResult queue(String workspaceId, String postId, String actor);
}
