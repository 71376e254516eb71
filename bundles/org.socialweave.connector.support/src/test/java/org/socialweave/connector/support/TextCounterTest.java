package org.socialweave.connector.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.socialweave.api.connector.TextCounting;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.connector.support.TextCounter.Measure;
import org.socialweave.connector.support.internal.Graphemes;

public class TextCounterTest {

  private static final String FAMILY =
      "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // 👨‍👩‍👧
  private static final String FLAG_CN = "\uD83C\uDDE8\uD83C\uDDF3"; // 🇨🇳
  private static final String FLAG_US = "\uD83C\uDDFA\uD83C\uDDF8"; // 🇺🇸
  private static final String THUMBS_MEDIUM = "\uD83D\uDC4D\uD83C\uDFFD"; // 👍🏽
  private static final String TECHNOLOGIST =
      "\uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB"; // 👩🏽‍💻
  private static final String ENGLAND =
      "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F";
  private static final String KEYCAP_ONE = "1\uFE0F\u20E3";
  private static final String E_ACUTE_DECOMPOSED = "e\u0301";

  @Test
  public void graphemesKeepEmojiSequencesWhole() {
    assertEquals(1, TextCounter.graphemes(FAMILY));
    assertEquals(2, TextCounter.graphemes(FLAG_CN + FLAG_US));
    assertEquals(1, TextCounter.graphemes(THUMBS_MEDIUM));
    assertEquals(1, TextCounter.graphemes(TECHNOLOGIST));
    assertEquals(1, TextCounter.graphemes(ENGLAND));
    assertEquals(1, TextCounter.graphemes(KEYCAP_ONE));
    assertEquals(1, TextCounter.graphemes(E_ACUTE_DECOMPOSED));
    assertEquals(4, TextCounter.graphemes("中文微博"));
    assertEquals(0, TextCounter.graphemes(""));
  }

  @Test
  public void oddRegionalIndicatorLeftAlone() {
    // three regional indicators: one flag and one lone indicator
    assertEquals(2, TextCounter.graphemes(FLAG_CN + "\uD83C\uDDFA"));
    // GB4: a combining mark after a line feed starts its own cluster
    assertEquals(2, TextCounter.graphemes("\n\u0301"));
  }

  @Test
  public void graphemesAgreeWithTheJdkRegexClusterMatcher() {
    // java.util.regex \X implements UAX #29 extended grapheme clusters including emoji rules
    String[] samples = {
      FAMILY + " hi " + FLAG_CN + FLAG_US + THUMBS_MEDIUM,
      TECHNOLOGIST + E_ACUTE_DECOMPOSED + "한국어" + ENGLAND + KEYCAP_ONE,
      "ก่ข้" + "\u2764\uFE0F" + "a\u0308\u0301b",
      "\uD83D\uDC4B\uD83C\uDFFB\u200D\u2642\uFE0F" + "x" + FAMILY + FAMILY,
      "\r\n" + "plain ascii"
    };
    // Not compared: Indic conjuncts such as क्ष, which BreakIterator keeps whole (as Unicode 15.1
    // GB9c does) while the JDK 17 regex engine, on older rules, splits them.
    for (String s : samples) {
      Matcher m = Pattern.compile("\\X").matcher(s);
      int n = 0;
      while (m.find()) {
        n++;
      }
      assertEquals(s, n, TextCounter.graphemes(s));
    }
  }

  @Test
  public void xLatinCountsOneCjkCountsTwo() {
    assertEquals(5, TextCounter.xWeightedLength("hello"));
    assertEquals(8, TextCounter.xWeightedLength("中文微博"));
    assertEquals(280, TextCounter.xWeightedLength("a".repeat(280)));
    assertTrue(TextCounter.fitsX("a".repeat(280)));
    assertFalse(TextCounter.fitsX("a".repeat(281)));
    assertTrue(TextCounter.fitsX("中".repeat(140)));
    assertFalse(TextCounter.fitsX("中".repeat(141)));
  }

  @Test
  public void xRangeBoundaries() {
    assertEquals(1, TextCounter.xWeightedLength("\u10FF"));
    assertEquals(2, TextCounter.xWeightedLength("\u1100")); // Hangul Jamo, outside ranges
    assertEquals(1, TextCounter.xWeightedLength("\u2014")); // em dash, in U+2010..U+201F
    assertEquals(1, TextCounter.xWeightedLength("\u2032")); // prime
    assertEquals(2, TextCounter.xWeightedLength("\u2038"));
    assertEquals(2, TextCounter.xWeightedLength("\u3001")); // ideographic comma
  }

  @Test
  public void xEveryEmojiSequenceCountsTwo() {
    assertEquals(2, TextCounter.xWeightedLength(FAMILY));
    assertEquals(4, TextCounter.xWeightedLength(FLAG_CN + FLAG_US));
    assertEquals(2, TextCounter.xWeightedLength(THUMBS_MEDIUM));
    assertEquals(2, TextCounter.xWeightedLength(TECHNOLOGIST));
    assertEquals(2, TextCounter.xWeightedLength(ENGLAND));
    assertEquals(2, TextCounter.xWeightedLength(KEYCAP_ONE));
    assertEquals(2, TextCounter.xWeightedLength("\u00A9\uFE0F")); // ©️ as emoji
    assertEquals(1, TextCounter.xWeightedLength("\u00A9")); // © as text
  }

  @Test
  public void xNormalizesToNfc() {
    assertEquals(1, TextCounter.xWeightedLength(E_ACUTE_DECOMPOSED));
    assertEquals(1, TextCounter.xWeightedLength("\u00E9"));
  }

  @Test
  public void xEveryUrlCounts23() {
    String longUrl = "https://example.com/" + "p".repeat(100);
    assertEquals(23, TextCounter.xWeightedLength(longUrl));
    assertEquals(23, TextCounter.xWeightedLength("http://t.co"));
    assertEquals(6 + 23 + 1, TextCounter.xWeightedLength("visit " + longUrl + "."));
    assertEquals(23 + 1 + 23, TextCounter.xWeightedLength("example.com www.weibo.cn/abc"));
    assertEquals(6 + 23, TextCounter.xWeightedLength("看这个https://x.com/a"));
    assertEquals(10, TextCounter.xWeightedLength("user@mail.")); // not a URL
  }

  @Test
  public void blueskyGraphemesAndBytes() {
    assertEquals(1, TextCounter.graphemes(FAMILY));
    assertEquals(18, TextCounter.utf8Bytes(FAMILY));
    assertEquals(12, TextCounter.utf8Bytes("中文微博"));
    assertTrue(TextCounter.fitsBluesky("a".repeat(300)));
    assertFalse(TextCounter.fitsBluesky("a".repeat(301)));
    // 300 family emoji are 300 graphemes but 5400 bytes
    assertFalse(TextCounter.fitsBluesky(FAMILY.repeat(300)));
    assertTrue(TextCounter.fitsBluesky(FAMILY.repeat(166)));
    assertFalse(TextCounter.fitsBluesky(FAMILY.repeat(167)));
  }

  @Test
  public void weiboCountsHalfForLatin() {
    assertEquals(4, TextCounter.weiboLength("中文微博"));
    assertEquals(3, TextCounter.weiboLength("abcdef"));
    assertEquals(4, TextCounter.weiboLength("abcdefg")); // 3.5 rounds up
    assertEquals(3, TextCounter.weiboLength("微博ab"));
    assertEquals(1, TextCounter.weiboLength("，")); // full-width comma
    assertEquals(1, TextCounter.weiboLength("ｱｲ")); // half-width katakana: 0.5 each
    assertEquals(2, TextCounter.weiboLength("\uD83D\uDE00")); // astral emoji: two UTF-16 units
    assertTrue(TextCounter.fitsWeibo("中".repeat(140)));
    assertFalse(TextCounter.fitsWeibo("中".repeat(141)));
    assertTrue(TextCounter.fitsWeibo("a".repeat(280)));
    assertFalse(TextCounter.fitsWeibo("a".repeat(281)));
  }

  @Test
  public void mastodonGraphemesWithSchemeUrlsAt23() {
    String url = "https://joinmastodon.org/" + "x".repeat(60);
    assertEquals(5 + 1 + 23, Measure.MASTODON.count("hello " + url));
    assertEquals(1 + 1 + 11, Measure.MASTODON.count(FAMILY + " example.com")); // no scheme: text
    String text = "ab " + url + " more";
    // "ab " = 3, the URL = 23: a limit of 26 keeps the whole URL, 25 cuts before it
    assertEquals(3 + url.length(), TextCounter.truncationPoint(text, Measure.MASTODON, 26));
    assertEquals(3, TextCounter.truncationPoint(text, Measure.MASTODON, 25));
  }

  @Test
  public void codePointsAndUtf16() {
    assertEquals(5, TextCounter.codePoints(FAMILY));
    assertEquals(8, TextCounter.utf16Units(FAMILY));
    assertEquals(2, TextCounter.codePoints(E_ACUTE_DECOMPOSED));
    assertEquals(4, Measure.UTF16_UNITS.count(FLAG_CN));
    assertEquals(2, Measure.CODE_POINTS.count(FLAG_CN));
  }

  @Test
  public void truncationNeverSplitsAGrapheme() {
    String text = "ab" + FAMILY + "cd";
    // 3 graphemes fit: "ab" + family
    assertEquals(2 + FAMILY.length(), TextCounter.truncationPoint(text, Measure.GRAPHEMES, 3));
    // 4 code points would end inside the family: cut before it
    assertEquals(2, TextCounter.truncationPoint(text, Measure.CODE_POINTS, 4));
    assertEquals(2, TextCounter.truncationPoint(text, Measure.UTF16_UNITS, 9));
    assertEquals(2 + FAMILY.length(), TextCounter.truncationPoint(text, Measure.UTF16_UNITS, 10));
    assertEquals(text.length(), TextCounter.truncationPoint(text, Measure.GRAPHEMES, 100));
    assertEquals(0, TextCounter.truncationPoint(text, Measure.GRAPHEMES, 0));
    String accent = "caf" + E_ACUTE_DECOMPOSED + "s";
    assertEquals(3, TextCounter.truncationPoint(accent, Measure.CODE_POINTS, 4));
  }

  @Test
  public void truncationForXKeepsUrlsWholeAndRespectsWeights() {
    String text = "中文" + " https://example.com/abc" + " tail";
    // 中文 = 4, space = 1, URL = 23: 28 fits exactly, 27 cuts before the URL
    assertEquals(3 + 23, TextCounter.truncationPoint(text, Measure.X_WEIGHTED, 28));
    assertEquals(3, TextCounter.truncationPoint(text, Measure.X_WEIGHTED, 27));
    assertEquals(1, TextCounter.truncationPoint("中文", Measure.X_WEIGHTED, 3));
    String many = "中".repeat(200);
    int cut = TextCounter.truncationPoint(many, Measure.X_WEIGHTED, 280);
    assertEquals(140, cut);
    assertTrue(TextCounter.fitsX(many.substring(0, cut)));
  }

  @Test
  public void truncatedPrefixMeasuresWithinTheLimit() {
    String text = ("微博 hello " + FAMILY + THUMBS_MEDIUM + " https://t.co/x ").repeat(40);
    for (Measure m : Measure.values()) {
      for (int limit : new int[] {0, 1, 7, 50, 139, 140, 280, 300}) {
        int cut = TextCounter.truncationPoint(text, m, limit);
        String prefix = text.substring(0, cut);
        assertTrue(m + "@" + limit, m.count(prefix) <= limit);
        if (cut < text.length() && m != Measure.X_WEIGHTED && m != Measure.MASTODON) {
          // one more grapheme would not fit (for X a URL is one unit: checked elsewhere)
          int next = text.length();
          for (int b : Graphemes.boundaries(text)) {
            if (b > cut) {
              next = b;
              break;
            }
          }
          assertTrue(m + "@" + limit, m.count(text.substring(0, next)) > limit);
        }
      }
    }
  }

  @Test
  public void blueskyTruncationTakesTheTighterLimit() {
    String fits = "a".repeat(300);
    assertEquals(300, TextCounter.blueskyTruncationPoint(fits + "b"));
    String heavy = FAMILY.repeat(200); // 200 graphemes, 3600 bytes
    int cut = TextCounter.blueskyTruncationPoint(heavy);
    assertEquals(166 * FAMILY.length(), cut);
    assertTrue(TextCounter.fitsBluesky(heavy.substring(0, cut)));
  }

  @Test(expected = IllegalArgumentException.class)
  public void negativeLimitRefused() {
    TextCounter.truncationPoint("abc", Measure.GRAPHEMES, -1);
  }

  @Test
  public void aNetworksTextLimitCountsInItsOwnUnit() {
    TextLimit x = new TextLimit(280, TextCounting.X_WEIGHTED, 0, 23);
    assertEquals(4, TextCounter.length("你好", x));
    assertEquals(23 + 1, TextCounter.length("https://example.com/a/very/long/path ", x));
    TextLimit weibo = TextLimit.of(140, TextCounting.WEIBO_CJK_FULL_LATIN_HALF);
    assertEquals(2, TextCounter.length("中ab", weibo));
    assertTrue(TextCounter.fits("中".repeat(140), weibo));
    assertFalse(TextCounter.fits("中".repeat(140) + "a", weibo));
    TextLimit mastodon = new TextLimit(500, TextCounting.GRAPHEMES, 0, 23);
    assertEquals(23, TextCounter.length("https://example.com/" + "x".repeat(100), mastodon));
    TextLimit telegram = TextLimit.of(4096, TextCounting.UTF16_CODE_UNITS);
    assertEquals(2, TextCounter.length("\uD83D\uDE00", telegram));
    assertEquals(1, TextCounter.length("\uD83D\uDE00", TextLimit.of(10, TextCounting.CODE_POINTS)));
  }

  @Test
  public void aByteLimitHoldsBesideTheGraphemeLimit() {
    TextLimit bluesky = TextLimit.graphemesAndBytes(300, 3000);
    String heavy = FAMILY.repeat(200);
    assertEquals(200, TextCounter.length(heavy, bluesky));
    assertFalse(TextCounter.fits(heavy, bluesky));
    assertTrue(TextCounter.fits(FAMILY.repeat(166), bluesky));
    assertEquals(166 * FAMILY.length(), TextCounter.truncationPoint(heavy, bluesky));
    TextLimit weibo = TextLimit.of(3, TextCounting.WEIBO_CJK_FULL_LATIN_HALF);
    assertEquals(4, TextCounter.truncationPoint("中文ab中", weibo));
  }
}
