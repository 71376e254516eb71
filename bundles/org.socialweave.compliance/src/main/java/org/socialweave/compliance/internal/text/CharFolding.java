package org.socialweave.compliance.internal.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one character becomes before matching, computed once for the whole Basic Multilingual Plane
 * so that folding a text is a table look-up per character:
 *
 * <ol>
 *   <li>NFKC, so full-width {@code ＮＯ．１} becomes {@code NO.1} and compatibility forms their base;
 *   <li>case folding ({@code NO} and {@code no} match alike);
 *   <li>Traditional to Simplified Chinese (ICU's {@code Traditional-Simplified} transliterator, one
 *       character at a time: {@code 國} becomes {@code 国});
 *   <li>separators dropped: white space, punctuation, symbols and emoji, zero-width and bidi
 *       controls, combining marks and variation selectors, so {@code 最.好} and {@code 根 治} read as
 *       {@code 最好} and {@code 根治}. {@code % # @ + &} stay: they change a claim's meaning ({@code
 *       100%}, {@code #1}).
 * </ol>
 */
public final class CharFolding {

  /** Marks a character that is dropped. */
  static final char SKIP = '\uFFFF';

  /** Marks a character whose folding is longer than one character (see {@link #MULTI}). */
  static final char MULTI_MARK = '\uFFFE';

  private static final char[] SINGLE = new char[0x10000];
  private static final String[] MULTI = new String[0x10000];

  static {
    Map<Character, String> simplified = simplifiedHan();
    for (int c = 0; c < 0x10000; c++) {
      // Separators are dropped after NFKC, so a full-width ＃ is kept like # and a full-width ．
      // dropped like a dot.
      if (Character.isSurrogate((char) c)) {
        SINGLE[c] = SKIP;
        continue;
      }
      String folded = fold(String.valueOf((char) c), simplified);
      if (folded.isEmpty()) {
        SINGLE[c] = SKIP;
      } else if (folded.length() == 1) {
        SINGLE[c] = folded.charAt(0);
      } else {
        SINGLE[c] = MULTI_MARK;
        MULTI[c] = folded;
      }
    }
  }

  private CharFolding() {}

  /**
   * Every BMP Han character's simplified form, by one transliterator call over all of them (one per
   * line, so the results stay aligned): a call per character would take a second at start.
   */
  private static Map<Character, String> simplifiedHan() {
    StringBuilder all = new StringBuilder();
    List<Character> han = new ArrayList<>();
    for (int c = 0; c < 0x10000; c++) {
      if (!Character.isSurrogate((char) c) && isHan(c)) {
        han.add((char) c);
        all.append((char) c).append('\n');
      }
    }
    Transliterator toSimplified = Transliterator.getInstance("Traditional-Simplified");
    String[] lines = toSimplified.transliterate(all.toString()).split("\n", -1);
    Map<Character, String> out = new HashMap<>();
    for (int i = 0; i < han.size(); i++) {
      String one =
          lines.length == han.size() + 1
              ? lines[i]
              : toSimplified.transliterate(String.valueOf(han.get(i)));
      if (!one.equals(String.valueOf(han.get(i)))) {
        out.put(han.get(i), one);
      }
    }
    return out;
  }

  private static String fold(String s, Map<Character, String> simplified) {
    String nfkc = Normalizer.normalize(s, Normalizer.Form.NFKC);
    String lower = UCharacter.foldCase(nfkc, true);
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      i += Character.charCount(cp);
      if (isSeparator(cp)) {
        continue;
      }
      String simple = cp < 0x10000 ? simplified.get((char) cp) : null;
      if (simple != null) {
        out.append(simple);
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /** Whether a code point is dropped before matching. */
  public static boolean isSeparator(int cp) {
    switch (cp) {
      case '%', '#', '@', '+', '&' -> {
        return false;
      }
      default -> {
        // fall through to the general categories
      }
    }
    switch (Character.getType(cp)) {
      case Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.CONTROL,
          Character.FORMAT,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL,
          Character.UNASSIGNED,
          Character.PRIVATE_USE,
          Character.SURROGATE -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** Whether a code point is white space (a separator that may separate two Latin words). */
  static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  static boolean isHan(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  /** A folded BMP character: itself, {@link #SKIP} or {@link #MULTI_MARK}. */
  static char single(char c) {
    return SINGLE[c];
  }

  /** The folding of a character marked {@link #MULTI_MARK}. */
  static String multi(char c) {
    return MULTI[c];
  }

  /** Folds a supplementary code point (CJK extension B and later, emoji). */
  static String supplementary(int cp) {
    return fold(new String(Character.toChars(cp)), Map.of());
  }
}
