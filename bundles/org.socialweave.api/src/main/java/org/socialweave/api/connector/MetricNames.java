package org.socialweave.api.connector;

/**
 * Common metric names, so analytics compares networks without a mapping per connector. A connector
 * uses these where the network's metric means the same, and its own lower-case names ({@code
 * network.metric}, e.g. {@code "wechat.read_user"}) otherwise.
 */
public final class MetricNames {
  /** Times the post was shown. */
  public static final String IMPRESSIONS = "impressions";

  /** Video plays or article reads. */
  public static final String VIEWS = "views";

  public static final String LIKES = "likes";
  public static final String REPOSTS = "reposts";
  public static final String REPLIES = "replies";
  public static final String QUOTES = "quotes";
  public static final String BOOKMARKS = "bookmarks";

  /** Clicks on the post's link. */
  public static final String LINK_CLICKS = "link_clicks";

  /** The account's followers (account-level). */
  public static final String FOLLOWERS = "followers";

  private MetricNames() {}
}
