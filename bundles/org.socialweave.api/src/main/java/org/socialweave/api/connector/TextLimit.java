package org.socialweave.api.connector;

/**
 * How long a post's text may be on a network, and how that length is counted.
 *
 * @param maxLength the largest allowed length, in the unit of {@code counting}; at least 1
 * @param counting the counting rule; never {@code null}
 * @param maxUtf8Bytes an additional limit in UTF-8 bytes, or {@code 0} when the network has none;
 *     required by {@link TextCounting#GRAPHEMES_AND_UTF8_BYTES}
 * @param urlLength how much every URL counts regardless of its real length (X and Mastodon: 23), or
 *     {@code 0} when URLs count as written
 */
public record TextLimit(int maxLength, TextCounting counting, int maxUtf8Bytes, int urlLength) {

  public TextLimit {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
    }
    if (counting == null) {
      throw new IllegalArgumentException("counting is required");
    }
    if (maxUtf8Bytes < 0) {
      throw new IllegalArgumentException("maxUtf8Bytes must not be negative, was " + maxUtf8Bytes);
    }
    if (urlLength < 0) {
      throw new IllegalArgumentException("urlLength must not be negative, was " + urlLength);
    }
    if (counting == TextCounting.GRAPHEMES_AND_UTF8_BYTES && maxUtf8Bytes == 0) {
      throw new IllegalArgumentException(counting + " needs a byte limit");
    }
  }

  /** A limit without a byte limit, where URLs count as written. */
  public static TextLimit of(int maxLength, TextCounting counting) {
    return new TextLimit(maxLength, counting, 0, 0);
  }

  /** A limit in graphemes and UTF-8 bytes at once, as Bluesky's (300, 3000). */
  public static TextLimit graphemesAndBytes(int maxGraphemes, int maxUtf8Bytes) {
    return new TextLimit(maxGraphemes, TextCounting.GRAPHEMES_AND_UTF8_BYTES, maxUtf8Bytes, 0);
  }

  /** Whether the network also limits the text's size in UTF-8 bytes. */
  public boolean hasByteLimit() {
    return maxUtf8Bytes > 0;
  }
}
