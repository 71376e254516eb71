package org.socialweave.connector.bluesky.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialweave.connector.support.TextCounter;

/**
 * Finds the links, mentions and hashtags of a post's text and says where they are in UTF-8 bytes,
 * as {@code app.bsky.richtext.facet#byteSlice} wants ("counting bytes of the UTF-8 encoded text").
 * Bluesky does not detect them itself: without a facet a link is plain text.
 *
 * <p>The rules follow the official client ({@code @atproto/api} {@code rich-text/detection.ts}),
 * with deliberate differences for Chinese text, which rarely puts a space before a link or a
 * mention: a link or mention may follow any character but an ASCII letter or digit (an e-mail
 * address is not a mention), and a link ends at the first character that cannot appear in a URL (a
 * CJK character or full stop ends it). A closing parenthesis ends a link only when unbalanced (the
 * official client keeps it whenever the link has an opening one). Only {@code http(s)://} links are
 * detected (no bare domains, which need a list of top-level domains). Hashtags follow the official
 * rule exactly: at the start or after white space, {@code #} or {@code ＃}, not only digits,
 * trailing punctuation dropped, at most 64 graphemes and 640 bytes. A span inside a link is not a
 * mention or tag.
 */
final class RichText {

  /** What a span is. */
  enum Kind {
    LINK,
    MENTION,
    TAG
  }

  /**
   * One detected span.
   *
   * @param start the UTF-16 index of its first character (the {@code @} or {@code #} included)
   * @param end the UTF-16 index after its last character
   * @param byteStart {@code start} in UTF-8 bytes
   * @param byteEnd {@code end} in UTF-8 bytes
   * @param value the link's URI, the handle without {@code @}, or the tag without {@code #}
   */
  record Span(Kind kind, int start, int end, int byteStart, int byteEnd, String value) {}

  private static final Pattern LINK =
      Pattern.compile("(?<![A-Za-z0-9])https?://[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+");
  private static final Pattern MENTION =
      Pattern.compile("(?<![A-Za-z0-9._%+\\-@])@([a-zA-Z0-9][a-zA-Z0-9.-]*[a-zA-Z0-9])");
  private static final Pattern HANDLE =
      Pattern.compile(
          "([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
  private static final String NOT_IN_TAG =
      "\\s\\p{Z}\\uFEFF\\u00AD\\u2060\\u200A\\u200B\\u200C\\u200D\\u20E2";
  private static final Pattern TAG =
      Pattern.compile(
          "(?:^|(?<=[\\s\\p{Z}\\uFEFF]))[#＃]((?!\\uFE0F)[^"
              + NOT_IN_TAG
              + "]*[^0-9\\p{P}"
              + NOT_IN_TAG
              + "]+[^"
              + NOT_IN_TAG
              + "]*)?");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("\\p{P}+$");

  static final int MAX_TAG_GRAPHEMES = 64;
  static final int MAX_TAG_BYTES = 640;

  private RichText() {}

  /** The spans of {@code text}, by position; spans never overlap. */
  static List<Span> detect(String text) {
    List<Span> spans = new ArrayList<>();
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      String uri = text.substring(start, end);
      boolean trimmed = true;
      while (trimmed) {
        trimmed = false;
        char last = uri.charAt(uri.length() - 1);
        if (".,;:!?'\"".indexOf(last) >= 0) {
          uri = uri.substring(0, uri.length() - 1);
          trimmed = true;
        } else if (last == ')' && count(uri, ')') > count(uri, '(')) {
          uri = uri.substring(0, uri.length() - 1);
          trimmed = true;
        }
      }
      end = start + uri.length();
      int schemeEnd = uri.indexOf("://") + 3;
      if (uri.length() > schemeEnd && uri.charAt(schemeEnd) != '/') {
        spans.add(span(text, Kind.LINK, start, end, uri));
      }
    }
    m = MENTION.matcher(text);
    while (m.find()) {
      String handle = m.group(1);
      if (HANDLE.matcher(handle).matches() && handle.length() <= 253) {
        add(spans, span(text, Kind.MENTION, m.start(), m.end(), handle));
      }
    }
    m = TAG.matcher(text);
    while (m.find()) {
      String tag = m.group(1);
      if (tag == null) {
        continue;
      }
      tag = TRAILING_PUNCTUATION.matcher(tag.strip()).replaceAll("");
      if (tag.isEmpty()
          || TextCounter.graphemes(tag) > MAX_TAG_GRAPHEMES
          || tag.getBytes(StandardCharsets.UTF_8).length > MAX_TAG_BYTES) {
        continue;
      }
      add(spans, span(text, Kind.TAG, m.start(), m.start() + 1 + tag.length(), tag));
    }
    spans.sort(Comparator.comparingInt(Span::start));
    return spans;
  }

  private static long count(String s, char c) {
    return s.chars().filter(ch -> ch == c).count();
  }

  private static void add(List<Span> spans, Span candidate) {
    for (Span s : spans) {
      if (candidate.start() < s.end() && s.start() < candidate.end()) {
        return; // inside a link (or another span): not a facet of its own
      }
    }
    spans.add(candidate);
  }

  private static Span span(String text, Kind kind, int start, int end, String value) {
    return new Span(kind, start, end, utf8Offset(text, start), utf8Offset(text, end), value);
  }

  /** The number of UTF-8 bytes of {@code text} before UTF-16 index {@code index}. */
  static int utf8Offset(String text, int index) {
    return text.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
  }
}
