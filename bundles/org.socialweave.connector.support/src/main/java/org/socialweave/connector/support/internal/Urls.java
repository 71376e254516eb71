package org.socialweave.connector.support.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds URLs the way networks do for length counting, approximately.
 *
 * <p>Why: X (and Mastodon) count every URL as 23 characters whatever its length, so the counter
 * must know where URLs are. This is a deliberately small approximation of twitter-text's extractor:
 * {@code http(s)://} URLs, and bare domains ({@code example.com/path}) whose last label is one of a
 * short list of common TLDs. Trailing sentence punctuation is not part of a URL. twitter-text
 * validates against the full IANA TLD list and a few more rules; texts that differ only there may
 * count differently.
 */
public final class Urls {

  private static final String TLDS =
      "com|net|org|edu|gov|info|biz|io|co|me|ly|app|dev|ai|xyz|tv|cn|hk|tw|jp|kr|sg|uk|us|de|fr|"
          + "it|es|nl|ru|br|in|au|ca|eu|ch|se|no|fi|pl|be|at|dk|ie|nz|site|online|shop|news|blog";

  private static final Pattern URL =
      Pattern.compile(
          "(?i)(https?://[^\\s<>\"]+)"
              + "|(?<![\\w@.\\-/])(?:www\\.)?(?:[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?\\.)+(?:"
              + TLDS
              + ")(?![a-z0-9\\-])(?::\\d{1,5})?(?:/[^\\s<>\"]*)?");

  private static final String TRAILING = ".,;:!?'\")]}…。，！？";

  private Urls() {}

  /** URL spans as {@code [start, end)} pairs of UTF-16 indices, in order. */
  public static List<int[]> find(String text, boolean withoutScheme) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = URL.matcher(text);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      boolean schemed = m.group(1) != null;
      if (!schemed && !withoutScheme) {
        continue;
      }
      while (end > start && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
        end--;
      }
      if (schemed && text.substring(start, end).matches("(?i)https?://")) {
        continue;
      }
      spans.add(new int[] {start, end});
    }
    return spans;
  }
}
