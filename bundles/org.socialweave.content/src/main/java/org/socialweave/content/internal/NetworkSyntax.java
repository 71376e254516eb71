package org.socialweave.content.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a network writes hashtags and mentions, and how many a post may carry: what {@code
 * NetworkDescriptor} does not say. One row per network, each with its source ({@code
 * shared/platform-apis.md} and the connectors); a network without a row (a plug-in) gets {@code
 * #tag} and {@code @handle} without limits.
 *
 * @param hashtags whether tags are written as {@code #tag}; where not, they are left out with a
 *     warning
 * @param whyNoHashtags why a network takes no hashtags, for the warning
 * @param maxHashtags the most hashtags in one post, or 0 when the network sets none
 * @param handle what a handle to mention looks like, or {@code null} when the network has no
 *     mentions
 * @param maxMentions the most mentions in one post, or 0 when the network sets none
 * @param card where the connector puts a post's link card ({@code PublishRequest.link}): in the
 *     text, where it counts towards the limit, or beside it
 */
record NetworkSyntax(
    boolean hashtags,
    String whyNoHashtags,
    int maxHashtags,
    Pattern handle,
    int maxMentions,
    Card card) {

  /** Where a network's connector puts the link card. */
  enum Card {
    /** Appended to the text after a blank line, unless the text has it already. */
    IN_TEXT,
    /** A card of its own without media; in the text, as {@link #IN_TEXT}, with media. */
    BESIDE_UNLESS_MEDIA,
    /** A field of its own, never in the text. */
    BESIDE
  }

  /** A hashtag as the posts' texts carry it: Unicode letters, marks, digits and {@code _}. */
  static final Pattern HASHTAG =
      Pattern.compile("(?<![\\p{L}\\p{N}_&/#])#([\\p{L}\\p{M}\\p{N}_]+)");

  /** A mention in a text: {@code @} and a handle, possibly {@code @user@instance}. */
  static final Pattern MENTION =
      Pattern.compile("(?<![\\p{L}\\p{N}_.@])@([\\p{L}\\p{N}_][\\p{L}\\p{N}_.\\-]*(@[\\w.\\-]+)?)");

  /** A tag: what every network links (Bluesky's facet takes at most 64 graphemes). */
  static final Pattern TAG = Pattern.compile("[\\p{L}\\p{M}\\p{N}_]{1,64}");

  private static final NetworkSyntax DEFAULT =
      new NetworkSyntax(
          true,
          null,
          0,
          Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_.\\-]{0,99}"),
          0,
          Card.IN_TEXT);

  private static final Map<String, NetworkSyntax> ROWS =
      Map.of(
          // X usernames: 1-15 letters, digits and _ (no documented hashtag or mention cap).
          "x",
          new NetworkSyntax(true, null, 0, Pattern.compile("[A-Za-z0-9_]{1,15}"), 0, Card.IN_TEXT),
          // Mastodon: @user on the same server, @user@other.server elsewhere.
          "mastodon",
          new NetworkSyntax(
              true,
              null,
              0,
              Pattern.compile("[A-Za-z0-9_]{1,30}(@[A-Za-z0-9\\-]+(\\.[A-Za-z0-9\\-]+)+)?"),
              0,
              Card.IN_TEXT),
          // Bluesky handles are domain names (alice.bsky.social); tags and mentions become facets.
          "bluesky",
          new NetworkSyntax(
              true,
              null,
              0,
              Pattern.compile(
                  "[A-Za-z0-9]([A-Za-z0-9\\-]{0,62})(\\.[A-Za-z0-9][A-Za-z0-9\\-]{0,62})+"),
              0,
              // An app.bsky.embed.external card, unless images take the embed.
              Card.BESIDE_UNLESS_MEDIA),
          // Telegram usernames: 5-32 characters, letters, digits and _, starting with a letter.
          "telegram",
          new NetworkSyntax(
              true, null, 0, Pattern.compile("[A-Za-z][A-Za-z0-9_]{4,31}"), 0, Card.IN_TEXT),
          // Instagram captions: at most 30 hashtags and 20 mentions (platform-apis.md, Instagram).
          "instagram",
          new NetworkSyntax(
              true, null, 30, Pattern.compile("[A-Za-z0-9._]{1,30}"), 20, Card.IN_TEXT),
          // Weibo writes topics as #话题#, but statuses/share, the only write open to ordinary
          // apps, refuses any text with one (platform-apis.md, Weibo; the connector's
          // TOPIC_NOT_ALLOWED). Nicknames: 2-30 characters.
          "weibo",
          new NetworkSyntax(
              false,
              "Weibo's statuses/share refuses texts with a #话题# topic",
              0,
              Pattern.compile("[\\p{L}\\p{N}_\\-]{2,30}"),
              0,
              Card.IN_TEXT),
          // WeChat Official Account articles have neither hashtags nor mentions; the link is the
          // article's 阅读原文 (content_source_url).
          "wechat",
          new NetworkSyntax(false, "WeChat articles have no hashtags", 0, null, 0, Card.BESIDE));

  static NetworkSyntax of(String network) {
    return ROWS.getOrDefault(network, DEFAULT);
  }

  boolean mentions() {
    return handle != null;
  }

  /** Whether the connector writes the link card into the text, where it counts to the limit. */
  boolean cardInText(boolean withMedia) {
    return card == Card.IN_TEXT || (card == Card.BESIDE_UNLESS_MEDIA && withMedia);
  }

  /** More hashtags or mentions in {@code text} than the network takes, for people; or empty. */
  List<String> countProblems(String text, String networkName) {
    List<String> problems = new ArrayList<>();
    long hashtags = HASHTAG.matcher(text).results().count();
    if (maxHashtags > 0 && hashtags > maxHashtags) {
      problems.add(
          "The text has "
              + hashtags
              + " hashtags; "
              + networkName
              + " takes at most "
              + maxHashtags
              + ".");
    }
    long mentioned = MENTION.matcher(text).results().count();
    if (maxMentions > 0 && mentioned > maxMentions) {
      problems.add(
          "The text mentions "
              + mentioned
              + " accounts; "
              + networkName
              + " takes at most "
              + maxMentions
              + ".");
    }
    return problems;
  }
}
