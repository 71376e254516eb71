package org.socialweave.api.links;

/**
 * Clicks split by who made them: {@code human} clicks are the ones to report; {@code bot} clicks
 * are crawlers, link-preview fetchers, prefetches and {@code HEAD} requests.
 */
public record ClickCounts(long human, long bot) {

  public static final ClickCounts ZERO = new ClickCounts(0, 0);

  public long total() {
    return human + bot;
  }

  public ClickCounts plus(ClickCounts other) {
    return new ClickCounts(human + other.human, bot + other.bot);
  }
}
