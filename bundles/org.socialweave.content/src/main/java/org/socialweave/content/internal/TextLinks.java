package org.socialweave.content.internal;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code http(s)} links of a post's text, which become tracked short links. A link ends at
 * white space, quotes, angle brackets or a CJK or full-width character (Chinese texts run on after
 * a link without a space); trailing sentence punctuation is not part of it.
 */
final class TextLinks {

  private static final Pattern LINK =
      Pattern.compile("(?i)https?://[^\\s<>\"\\u3000-\\u303F\\u3400-\\u9FFF\\uFF00-\\uFFEF]+");

  private static final String TRAILING = ".,;:!?'\")]}…";

  private TextLinks() {}

  /** The distinct links of {@code text}, in order of appearance. */
  static Set<String> find(String text) {
    Set<String> links = new LinkedHashSet<>();
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      String link = trimmed(m.group());
      if (link.matches("(?i)https?://[^/?#]*[\\p{L}\\p{N}].*")) {
        links.add(link);
      }
    }
    return links;
  }

  /** {@code text} with every link that {@code replacements} names replaced. */
  static String replace(String text, Map<String, String> replacements) {
    if (replacements.isEmpty()) {
      return text;
    }
    Matcher m = LINK.matcher(text);
    StringBuilder out = new StringBuilder();
    int copied = 0;
    while (m.find()) {
      String link = trimmed(m.group());
      String replacement = replacements.get(link);
      if (replacement != null) {
        out.append(text, copied, m.start()).append(replacement);
        copied = m.start() + link.length();
      }
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static String trimmed(String link) {
    int end = link.length();
    while (end > 0 && TRAILING.indexOf(link.charAt(end - 1)) >= 0) {
      end--;
    }
    return link.substring(0, end);
  }
}
