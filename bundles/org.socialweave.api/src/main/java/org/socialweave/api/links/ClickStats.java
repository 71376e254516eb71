package org.socialweave.api.links;

import java.util.Map;

/**
 * Click counts of a {@link ClickQuery}: the total and the same clicks grouped by link, post,
 * channel and campaign (links without a post, channel or campaign are in the total only).
 */
public record ClickStats(
    ClickCounts total,
    Map<String, ClickCounts> byLink,
    Map<String, ClickCounts> byPost,
    Map<String, ClickCounts> byChannel,
    Map<String, ClickCounts> byCampaign) {

  public ClickStats {
    byLink = Map.copyOf(byLink);
    byPost = Map.copyOf(byPost);
    byChannel = Map.copyOf(byChannel);
    byCampaign = Map.copyOf(byCampaign);
  }
}
