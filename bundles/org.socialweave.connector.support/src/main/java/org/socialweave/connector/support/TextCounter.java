package org.socialweave.connector.support;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Objects;
import org.socialweave.api.connector.TextCounting;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.connector.support.internal.Emoji;
import org.socialweave.connector.support.internal.Graphemes;
import org.socialweave.connector.support.internal.Urls;

/**
 * Measures text the way each network does, so a post that is too long is refused before it is sent,
 * and cuts text without splitting a user-perceived character.
 *
 * <p>Why one class: every network counts differently (X weighted characters with URLs at 23,
 * Bluesky graphemes and UTF-8 bytes, Weibo Chinese characters with two Latin letters as one,
 * Telegram UTF-16 units) and each connector would otherwise get one of them slightly wrong.
 *
 * <p>Approximations, all documented where they live: X's URL detection is a small subset of
 * twitter-text's extractor (scheme URLs plus bare domains with common TLDs); X's emoji detection
 * uses code-point ranges rather than twitter-text's generated emoji regex; Weibo's counting follows
 * the web client's convention (Latin-1 and half-width forms count half, everything else one per
 * UTF-16 unit, so an astral emoji counts 2) because Weibo documents only "140 汉字".
 */
public final class TextCounter {

  /** X: {@code maxWeightedTweetLength} of twitter-text config v3. */
  public static final int X_MAX_WEIGHTED_LENGTH = 280;

  /** X: {@code transformedURLLength}, what every URL counts. */
  public static final int X_URL_LENGTH = 23;

  /** Mastodon: what every URL counts ({@code URL_PLACEHOLDER_CHARS}). */
  public static final int MASTODON_URL_LENGTH = 23;

  /** Bluesky {@code app.bsky.feed.post#text}: {@code maxGraphemes}. */
  public static final int BLUESKY_MAX_GRAPHEMES = 300;

  /** Bluesky {@code app.bsky.feed.post#text}: {@code maxLength}, in UTF-8 bytes. */
  public static final int BLUESKY_MAX_UTF8_BYTES = 3000;

  /** Weibo {@code statuses/share}: 140 Chinese characters. */
  public static final int WEIBO_MAX_LENGTH = 140;

  private static final int X_SCALE = 100;
  private static final int X_DEFAULT_WEIGHT = 200;
  private static final int[][] X_RANGES = {
    {0x0000, 0x10FF}, {0x2000, 0x200D}, {0x2010, 0x201F}, {0x2032, 0x2037}
  };
  private static final int X_RANGE_WEIGHT = 100;

  /** A way of measuring text length. */
  public enum Measure {
    /** X weighted length (twitter-text v3: scale 100, default weight 200, URL 23, emoji 2). */
    X_WEIGHTED,
    /** Extended grapheme clusters (Bluesky, Mastodon without its URL rule). */
    GRAPHEMES,
    /**
     * Mastodon: grapheme clusters, every {@code http(s)://} URL counts 23. Mastodon also counts a
     * remote mention {@code @user@host} as {@code @user}; that rule is not applied here (the count
     * errs long).
     */
    MASTODON,
    /** UTF-8 bytes (Bluesky {@code maxLength}, Threads' emoji rule). */
    UTF8_BYTES,
    /** Weibo characters: CJK and full-width 1, Latin-1 and half-width 0.5, rounded up. */
    WEIBO,
    /** Unicode code points. */
    CODE_POINTS,
    /** UTF-16 code units, i.e. Java {@code String.length()} (Telegram). */
    UTF16_UNITS;

    /** The length of {@code text} under this measure. */
    public int count(String text) {
      return TextCounter.count(text, this);
    }
  }

  private TextCounter() {}

  /** The length of {@code text} under {@code measure}. */
  public static int count(String text, Measure measure) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(measure, "measure");
    long sum = 0;
    for (long unit : units(text, measure)) {
      sum += cost(unit);
    }
    return finish(sum, measure);
  }

  /**
   * The length of {@code text} in the unit of a network's {@link TextLimit}: graphemes for {@link
   * TextCounting#GRAPHEMES_AND_UTF8_BYTES}, whose byte limit {@link #fits} checks as well.
   */
  public static int length(String text, TextLimit limit) {
    return count(text, measureOf(limit));
  }

  /** Whether {@code text} is within a network's {@link TextLimit}, byte limit included. */
  public static boolean fits(String text, TextLimit limit) {
    return length(text, limit) <= limit.maxLength()
        && (!limit.hasByteLimit() || utf8Bytes(text) <= limit.maxUtf8Bytes());
  }

  /**
   * The largest UTF-16 index {@code cut} such that {@code text.substring(0, cut)} fits a network's
   * {@link TextLimit}, byte limit included, never inside a grapheme cluster or a counted URL.
   */
  public static int truncationPoint(String text, TextLimit limit) {
    int cut = truncationPoint(text, measureOf(limit), limit.maxLength());
    return limit.hasByteLimit()
        ? Math.min(cut, truncationPoint(text, Measure.UTF8_BYTES, limit.maxUtf8Bytes()))
        : cut;
  }

  private static Measure measureOf(TextLimit limit) {
    return switch (limit.counting()) {
      case UTF16_CODE_UNITS -> Measure.UTF16_UNITS;
      case CODE_POINTS -> Measure.CODE_POINTS;
      case GRAPHEMES -> limit.urlLength() > 0 ? Measure.MASTODON : Measure.GRAPHEMES;
      case GRAPHEMES_AND_UTF8_BYTES -> Measure.GRAPHEMES;
      case X_WEIGHTED -> Measure.X_WEIGHTED;
      case WEIBO_CJK_FULL_LATIN_HALF -> Measure.WEIBO;
    };
  }

  /** X weighted length; a post fits when it is at most {@link #X_MAX_WEIGHTED_LENGTH}. */
  public static int xWeightedLength(String text) {
    return count(text, Measure.X_WEIGHTED);
  }

  /** Number of extended grapheme clusters (user-perceived characters). */
  public static int graphemes(String text) {
    return count(text, Measure.GRAPHEMES);
  }

  /** Number of bytes of {@code text} in UTF-8. */
  public static int utf8Bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Weibo length in Chinese characters, rounded up. */
  public static int weiboLength(String text) {
    return count(text, Measure.WEIBO);
  }

  /** Number of Unicode code points. */
  public static int codePoints(String text) {
    return text.codePointCount(0, text.length());
  }

  /** Number of UTF-16 code units. */
  public static int utf16Units(String text) {
    return text.length();
  }

  /** Whether {@code text} fits an X post. */
  public static boolean fitsX(String text) {
    return xWeightedLength(text) <= X_MAX_WEIGHTED_LENGTH;
  }

  /** Whether {@code text} fits a Bluesky post: both the grapheme and the byte limit must hold. */
  public static boolean fitsBluesky(String text) {
    return graphemes(text) <= BLUESKY_MAX_GRAPHEMES && utf8Bytes(text) <= BLUESKY_MAX_UTF8_BYTES;
  }

  /** Whether {@code text} fits a Weibo post. */
  public static boolean fitsWeibo(String text) {
    return weiboLength(text) <= WEIBO_MAX_LENGTH;
  }

  /**
   * The largest UTF-16 index {@code cut} such that {@code text.substring(0, cut)} measures at most
   * {@code limit}, never inside a grapheme cluster and, for {@link Measure#X_WEIGHTED} and {@link
   * Measure#MASTODON}, never inside a URL. Returns {@code text.length()} when the whole text fits.
   */
  public static int truncationPoint(String text, Measure measure, int limit) {
    Objects.requireNonNull(text, "text");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    long budget = internalLimit(limit, measure);
    long sum = 0;
    int cut = 0;
    for (long unit : units(text, measure)) {
      sum += cost(unit);
      if (sum > budget) {
        return cut;
      }
      cut = end(unit);
    }
    return text.length();
  }

  /** Cut point for Bluesky: the tighter of the grapheme and the byte limit. */
  public static int blueskyTruncationPoint(String text) {
    return Math.min(
        truncationPoint(text, Measure.GRAPHEMES, BLUESKY_MAX_GRAPHEMES),
        truncationPoint(text, Measure.UTF8_BYTES, BLUESKY_MAX_UTF8_BYTES));
  }

  // A unit is packed into a long: end index (high 32 bits) and cost in internal units (low 32).

  private static long unit(int end, long cost) {
    return ((long) end << 32) | cost;
  }

  private static int end(long unit) {
    return (int) (unit >>> 32);
  }

  private static long cost(long unit) {
    return unit & 0xFFFFFFFFL;
  }

  private static long internalLimit(int limit, Measure measure) {
    switch (measure) {
      case X_WEIGHTED:
        return (long) limit * X_SCALE;
      case WEIBO:
        return (long) limit * 2;
      default:
        return limit;
    }
  }

  private static int finish(long sum, Measure measure) {
    switch (measure) {
      case X_WEIGHTED:
        return (int) (sum / X_SCALE);
      case WEIBO:
        return (int) ((sum + 1) / 2);
      default:
        return (int) sum;
    }
  }

  /** The text split into atomic units (grapheme clusters; whole URLs for X) with their costs. */
  private static long[] units(String text, Measure measure) {
    int[] bounds = Graphemes.boundaries(text);
    List<int[]> urls =
        measure == Measure.X_WEIGHTED
            ? Urls.find(text, true)
            : measure == Measure.MASTODON ? Urls.find(text, false) : List.of();
    long urlCost =
        measure == Measure.X_WEIGHTED ? (long) X_URL_LENGTH * X_SCALE : MASTODON_URL_LENGTH;
    long[] out = new long[bounds.length - 1];
    int n = 0;
    int u = 0;
    for (int i = 0; i + 1 < bounds.length; i++) {
      int start = bounds[i];
      int end = bounds[i + 1];
      while (u < urls.size() && urls.get(u)[1] <= start) {
        u++;
      }
      if (u < urls.size() && urls.get(u)[0] <= start) {
        int urlEnd = urls.get(u)[1];
        while (i + 1 < bounds.length - 1 && bounds[i + 1] < urlEnd) {
          i++;
        }
        out[n++] = unit(bounds[i + 1], urlCost);
        continue;
      }
      out[n++] = unit(end, clusterCost(text, start, end, measure));
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  private static long clusterCost(String text, int start, int end, Measure measure) {
    switch (measure) {
      case X_WEIGHTED:
        return xClusterWeight(text, start, end);
      case GRAPHEMES:
      case MASTODON:
        return 1;
      case UTF8_BYTES:
        return utf8Bytes(text.substring(start, end));
      case WEIBO:
        return weiboHalves(text, start, end);
      case CODE_POINTS:
        return text.codePointCount(start, end);
      case UTF16_UNITS:
        return end - start;
      default:
        throw new IllegalArgumentException(measure.name());
    }
  }

  private static long xClusterWeight(String text, int start, int end) {
    if (Emoji.isEmojiCluster(text, start, end)) {
      return X_DEFAULT_WEIGHT;
    }
    String nfc = Normalizer.normalize(text.substring(start, end), Normalizer.Form.NFC);
    long weight = 0;
    for (int i = 0; i < nfc.length(); ) {
      int cp = nfc.codePointAt(i);
      weight += xWeight(cp);
      i += Character.charCount(cp);
    }
    return weight;
  }

  private static int xWeight(int cp) {
    for (int[] range : X_RANGES) {
      if (cp >= range[0] && cp <= range[1]) {
        return X_RANGE_WEIGHT;
      }
    }
    return X_DEFAULT_WEIGHT;
  }

  private static long weiboHalves(String text, int start, int end) {
    long halves = 0;
    for (int i = start; i < end; ) {
      int cp = text.codePointAt(i);
      boolean half = cp <= 0xFF || (cp >= 0xFF61 && cp <= 0xFFDC) || (cp >= 0xFFE8 && cp <= 0xFFEE);
      halves += half ? 1 : 2L * Character.charCount(cp);
      i += Character.charCount(cp);
    }
    return halves;
  }
}
