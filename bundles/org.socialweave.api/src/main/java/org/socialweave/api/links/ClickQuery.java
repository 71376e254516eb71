package org.socialweave.api.links;

import java.time.Instant;

/**
 * Which clicks to count; every criterion may be {@code null}. {@code from} and {@code to} compare
 * with the click's hour (clicks are stored by hour only), {@code from} inclusive, {@code to}
 * exclusive.
 */
public record ClickQuery(
    String linkId, String campaignId, String postId, String channelId, Instant from, Instant to) {

  public static final ClickQuery ALL = new ClickQuery(null, null, null, null, null, null);

  public static ClickQuery ofLink(String linkId) {
    return new ClickQuery(linkId, null, null, null, null, null);
  }
}
