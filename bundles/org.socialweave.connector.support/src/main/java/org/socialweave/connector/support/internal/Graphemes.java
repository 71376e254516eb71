package org.socialweave.connector.support.internal;

import java.text.BreakIterator;
import java.util.Arrays;

/**
 * Splits text into user-perceived characters (extended grapheme clusters, UAX #29).
 *
 * <p>Why: networks such as Bluesky and Mastodon limit text in graphemes, and a cut must never split
 * one. {@link BreakIterator#getCharacterInstance()} handles combining marks, Hangul and surrogate
 * pairs, but before JDK 20 it breaks inside emoji sequences (ZWJ families, skin tones, flags, tag
 * sequences). This class starts from the BreakIterator boundaries and removes the boundaries that
 * the UAX #29 emoji rules (GB9 for ZWJ, emoji modifiers, variation selectors and tags; GB11 for ZWJ
 * sequences; GB12/13 for regional-indicator pairs) forbid, so JDK 17 and JDK 20+ agree. It only
 * ever removes boundaries, never adds them.
 */
public final class Graphemes {

  private static final int ZWJ = 0x200D;

  private Graphemes() {}

  /**
   * Grapheme boundaries of {@code text} as UTF-16 indices, starting with 0 and ending with {@code
   * text.length()} (just {@code [0]} for an empty text).
   */
  public static int[] boundaries(String text) {
    if (text.isEmpty()) {
      return new int[] {0};
    }
    BreakIterator it = BreakIterator.getCharacterInstance();
    it.setText(text);
    int[] out = new int[text.length() + 1];
    int n = 0;
    out[n++] = 0;
    int lastKept = 0;
    for (int b = it.next(); b != BreakIterator.DONE; b = it.next()) {
      if (b < text.length() && joins(text, lastKept, b)) {
        continue;
      }
      out[n++] = b;
      lastKept = b;
    }
    return Arrays.copyOf(out, n);
  }

  /** Number of grapheme clusters in {@code text}. */
  public static int count(String text) {
    return boundaries(text).length - 1;
  }

  /** Whether the boundary at {@code b} (inside the cluster starting at {@code start}) must go. */
  private static boolean joins(String s, int start, int b) {
    int prev = s.codePointBefore(b);
    int next = s.codePointAt(b);
    if (isExtendLike(next) && Character.getType(prev) != Character.CONTROL) {
      return true; // GB9: never break before Extend or ZWJ (GB4: but always after a control)
    }
    if (prev == ZWJ && Emoji.isPictographic(next) && pictographicBeforeZwj(s, start, b)) {
      return true; // GB11
    }
    if (Emoji.isRegionalIndicator(prev) && Emoji.isRegionalIndicator(next)) {
      int run = 0;
      for (int i = b; i > 0; ) {
        int cp = s.codePointBefore(i);
        if (!Emoji.isRegionalIndicator(cp)) {
          break;
        }
        run++;
        i -= Character.charCount(cp);
      }
      return run % 2 == 1; // GB12/GB13: pair them up
    }
    return false;
  }

  /** GB11 context: ExtPict Extend* ZWJ immediately before {@code b}, inside the current cluster. */
  private static boolean pictographicBeforeZwj(String s, int start, int b) {
    int i = b - Character.charCount(ZWJ);
    while (i > start) {
      int cp = s.codePointBefore(i);
      if (Emoji.isPictographic(cp)) {
        return true;
      }
      if (!isExtendLike(cp) || cp == ZWJ) {
        return false;
      }
      i -= Character.charCount(cp);
    }
    return false;
  }

  /**
   * Characters that attach to the preceding one (a subset of Grapheme_Cluster_Break=Extend|ZWJ).
   */
  static boolean isExtendLike(int cp) {
    if (cp == ZWJ || Emoji.isModifier(cp) || cp == 0x20E3) {
      return true;
    }
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0020 && cp <= 0xE007F)) {
      return true; // variation selectors, emoji tag characters
    }
    if (cp >= 0xE0100 && cp <= 0xE01EF) {
      return true; // variation selectors supplement
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
  }
}
