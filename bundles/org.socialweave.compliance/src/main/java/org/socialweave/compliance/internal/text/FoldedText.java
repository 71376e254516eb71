package org.socialweave.compliance.internal.text;

/**
 * A text folded for matching (see {@link CharFolding}) with, for every folded character, the span
 * of the original text it came from, so a match in the folded text maps back to the exact original
 * span. Built in one pass, linear in the text; lone surrogates are dropped like separators.
 *
 * <p>White space between two ASCII letters or digits is kept as one space, so {@code the best}
 * stays two words and {@code no 1} stays apart from {@code no1}; white space anywhere else (between
 * Chinese characters, or after punctuation as in {@code No. 1}) is dropped with the other
 * separators.
 */
public final class FoldedText {

  private final String original;
  private final char[] chars;
  private final int[] from;
  private final int[] to;
  private final int length;

  private FoldedText(String original, char[] chars, int[] from, int[] to, int length) {
    this.original = original;
    this.chars = chars;
    this.from = from;
    this.to = to;
    this.length = length;
  }

  /** Folds {@code text}. */
  public static FoldedText of(String text) {
    int n = text.length();
    Builder b = new Builder(n + 8);
    boolean spaceInRun = false;
    boolean punctuationInRun = false;
    int runStart = -1;
    for (int i = 0; i < n; ) {
      char c = text.charAt(i);
      int cp;
      int width;
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        cp = Character.toCodePoint(c, text.charAt(i + 1));
        width = 2;
      } else {
        cp = c;
        width = 1;
      }
      String folded = null;
      char single = width == 1 ? CharFolding.single(c) : CharFolding.MULTI_MARK;
      if (single == CharFolding.MULTI_MARK) {
        folded = width == 1 ? CharFolding.multi(c) : CharFolding.supplementary(cp);
        if (folded.isEmpty()) {
          single = CharFolding.SKIP;
        }
      }
      if (single == CharFolding.SKIP) {
        if (runStart < 0) {
          runStart = i;
        }
        if (CharFolding.isSpace(cp)) {
          spaceInRun = true;
        } else if (Character.getType(cp) != Character.FORMAT) {
          punctuationInRun = true;
        }
        i += width;
        continue;
      }
      char first = folded == null ? single : folded.charAt(0);
      if (spaceInRun && !punctuationInRun && b.lastIsAsciiAlnum() && isAsciiAlnum(first)) {
        b.add(' ', runStart, i);
      }
      spaceInRun = false;
      punctuationInRun = false;
      runStart = -1;
      if (folded == null) {
        b.add(single, i, i + width);
      } else {
        for (int k = 0; k < folded.length(); k++) {
          b.add(folded.charAt(k), i, i + width);
        }
      }
      i += width;
    }
    return new FoldedText(text, b.chars, b.from, b.to, b.length);
  }

  /** Folds a word of a list or a rule the same way as texts; may be empty. */
  public static String foldWord(String word) {
    FoldedText t = of(word);
    return new String(t.chars, 0, t.length);
  }

  static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  }

  public String original() {
    return original;
  }

  public int length() {
    return length;
  }

  public char charAt(int index) {
    return chars[index];
  }

  /** The folded text as a string (a copy), for patterns written in folded form. */
  public String folded() {
    return new String(chars, 0, length);
  }

  /** The folded characters; index only below {@link #length()}. */
  char[] chars() {
    return chars;
  }

  /** The original start (inclusive) of the folded character at {@code index}. */
  public int originalStart(int index) {
    return from[index];
  }

  /** The original end (exclusive) of the folded character at {@code index}. */
  public int originalEnd(int index) {
    return to[index];
  }

  /**
   * Whether the folded range {@code [start, end)} starts and ends at a word boundary of the
   * original text: a range that begins (ends) with a Latin letter or digit must not have one right
   * before (after) it, so {@code ass} does not match inside {@code class}.
   */
  public boolean atWordBoundaries(int start, int end) {
    if (isWordChar(chars[start])) {
      int before = from[start];
      if (before > 0 && isWordChar(original.codePointBefore(before))) {
        return false;
      }
    }
    if (isWordChar(chars[end - 1])) {
      int after = to[end - 1];
      if (after < original.length() && isWordChar(original.codePointAt(after))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWordChar(int cp) {
    return Character.isDigit(cp)
        || (Character.isLetter(cp)
            && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN);
  }

  private static final class Builder {
    char[] chars;
    int[] from;
    int[] to;
    int length;

    Builder(int capacity) {
      chars = new char[capacity];
      from = new int[capacity];
      to = new int[capacity];
    }

    boolean lastIsAsciiAlnum() {
      return length > 0 && isAsciiAlnum(chars[length - 1]);
    }

    void add(char c, int start, int end) {
      if (length == chars.length) {
        int capacity = chars.length * 2;
        chars = java.util.Arrays.copyOf(chars, capacity);
        from = java.util.Arrays.copyOf(from, capacity);
        to = java.util.Arrays.copyOf(to, capacity);
      }
      chars[length] = c;
      from[length] = start;
      to[length] = end;
      length++;
    }
  }
}
