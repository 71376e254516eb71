package org.socialweave.api.content;

/**
 * Best-time suggestions per channel from the engagement of its published posts by weekday and hour,
 * and the fetch of that engagement from the networks.
 */
public interface BestTimeService {

  /**
   * @param limit how many slots to answer, 1-24
   * @throws org.socialweave.api.error.NotFoundException when the channel is not in the workspace
   */
  BestTimes bestTimes(String workspaceId, String channelId, int limit);

  /**
   * Reads the metrics of the channel's published posts that are due for a (re)read now, bounded and
   * stopping at the network's rate limit.
   */
  EngagementFetch fetchEngagement(String workspaceId, String channelId);
}
