package org.socialweave.connector.weibo.internal;

import java.net.URI;

/**
 * Weibo's public status address, {@code https://weibo.com/<uid>/<mid in base62>}.
 *
 * <p>Why: the API answers a status's numeric id ({@code idstr}) but no URL. The web addresses Weibo
 * links to use the base62 form of the id (the {@code mblogid}, e.g. {@code MzVRA2E8G}): the decimal
 * id is cut into groups of seven digits from the right, each group written in base62 with the
 * alphabet {@code 0-9a-zA-Z} and padded to four characters, except the leftmost.
 */
final class WeiboIds {

  private static final String BASE62 =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private WeiboIds() {}

  /** Whether {@code id} looks like a Weibo status, comment or user id: decimal, no sign. */
  static boolean isId(String id) {
    return id != null && id.matches("[1-9]\\d{0,18}");
  }

  /** The base62 form of a status id; {@code id} must satisfy {@link #isId}. */
  static String toBase62(String id) {
    StringBuilder out = new StringBuilder();
    for (int end = id.length(); end > 0; end -= 7) {
      int start = Math.max(0, end - 7);
      StringBuilder group = new StringBuilder();
      long n = Long.parseLong(id.substring(start, end));
      do {
        group.insert(0, BASE62.charAt((int) (n % 62)));
        n /= 62;
      } while (n > 0);
      while (start > 0 && group.length() < 4) {
        group.insert(0, '0');
      }
      out.insert(0, group);
    }
    return out.toString();
  }

  /** The address people open: {@code https://weibo.com/<uid>/<base62 id>}. */
  static URI statusUrl(String uid, String statusId) {
    return URI.create("https://weibo.com/" + uid + "/" + toBase62(statusId));
  }
}
