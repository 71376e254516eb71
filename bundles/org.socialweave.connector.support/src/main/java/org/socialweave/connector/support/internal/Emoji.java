package org.socialweave.connector.support.internal;

/**
 * Approximate emoji classification from code point ranges (JDK 17 has no {@code
 * Character.isEmoji}).
 *
 * <p>Why: X counts every emoji sequence as one unit of weight 2, whatever code points it is made
 * of. The ranges below cover the blocks where Unicode's Extended_Pictographic property lives; they
 * are slightly wider than the property (a few unassigned or non-emoji symbols in those blocks are
 * treated as emoji) and a text-style symbol without U+FE0F (e.g. ☺) is treated as emoji too.
 */
public final class Emoji {

  private Emoji() {}

  /** Regional indicator symbols (flag halves), U+1F1E6..U+1F1FF. */
  public static boolean isRegionalIndicator(int cp) {
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
  }

  /** Fitzpatrick skin-tone modifiers, U+1F3FB..U+1F3FF. */
  public static boolean isModifier(int cp) {
    return cp >= 0x1F3FB && cp <= 0x1F3FF;
  }

  /** Approximation of Extended_Pictographic. */
  public static boolean isPictographic(int cp) {
    if (cp >= 0x1F000 && cp <= 0x1FAFF) {
      return !isRegionalIndicator(cp) && !isModifier(cp);
    }
    if (cp >= 0x1FC00 && cp <= 0x1FFFD) {
      return true;
    }
    if (cp >= 0x2600 && cp <= 0x27BF) {
      return true; // Miscellaneous Symbols, Dingbats
    }
    if (cp >= 0x2300 && cp <= 0x23FF) {
      return true; // Miscellaneous Technical (⌚ ⏰ ...)
    }
    if (cp >= 0x2B00 && cp <= 0x2BFF) {
      return true; // ⬆ ⭐ ⭕ ...
    }
    switch (cp) {
      case 0x00A9: // ©
      case 0x00AE: // ®
      case 0x203C: // ‼
      case 0x2049: // ⁉
      case 0x2122: // ™
      case 0x2139: // ℹ
      case 0x24C2: // Ⓜ
      case 0x2934:
      case 0x2935:
      case 0x3030: // 〰
      case 0x303D: // 〽
      case 0x3297: // ㊗
      case 0x3299: // ㊙
        return true;
      default:
        return (cp >= 0x2194 && cp <= 0x21AA) || (cp >= 0x25AA && cp <= 0x25FE);
    }
  }

  /**
   * Whether the grapheme cluster {@code s[start, end)} is an emoji for counting purposes: it holds
   * a pictographic code point (those below U+2000, © and ®, only with the emoji presentation
   * selector U+FE0F), a regional-indicator flag, or a keycap (U+20E3).
   */
  public static boolean isEmojiCluster(String s, int start, int end) {
    boolean vs16 = s.indexOf('\uFE0F', start) >= 0 && s.indexOf('\uFE0F', start) < end;
    for (int i = start; i < end; ) {
      int cp = s.codePointAt(i);
      if (isRegionalIndicator(cp) || cp == 0x20E3) {
        return true;
      }
      if (isPictographic(cp) && (cp >= 0x2000 || vs16)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }
}
