package org.socialweave.api.content;

import java.util.List;

/**
 * The best publishing times of a channel, best first.
 *
 * @param basis {@code HISTORY} when the slots come from the channel's own published posts; {@code
 *     NETWORK_DEFAULTS} when there is too little history and the slots are the network's general
 *     advice, not evidence
 * @param timeZone the zone the weekdays and hours are in
 * @param measuredPosts published posts of the channel with an engagement rate in the window
 * @param minSamples the posts a cell needs before it counts as evidence
 */
public record BestTimes(
    String channelId,
    String network,
    String timeZone,
    Basis basis,
    int measuredPosts,
    int minSamples,
    List<BestTimeSlot> slots,
    String note) {

  /** Where the suggestions come from. */
  public enum Basis {
    HISTORY,
    NETWORK_DEFAULTS
  }

  public BestTimes {
    slots = slots == null ? List.of() : List.copyOf(slots);
  }
}
