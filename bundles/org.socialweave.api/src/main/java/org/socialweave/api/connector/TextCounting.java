package org.socialweave.api.connector;

/**
 * How a network counts the length of a post's text. The unit of {@link TextLimit#maxLength()}
 * depends on the rule; the support bundle implements each rule once for all connectors.
 */
public enum TextCounting {
  /** Java {@code String.length()}: UTF-16 code units (Telegram, 4096 after entity parsing). */
  UTF16_CODE_UNITS,
  /** Unicode code points. */
  CODE_POINTS,
  /**
   * Extended grapheme clusters (Mastodon); URLs count as {@link TextLimit#urlLength()} when that is
   * non-zero.
   */
  GRAPHEMES,
  /**
   * Grapheme clusters up to {@link TextLimit#maxLength()} and, at the same time, UTF-8 bytes up to
   * {@link TextLimit#maxUtf8Bytes()} (Bluesky: 300 graphemes and 3000 bytes).
   */
  GRAPHEMES_AND_UTF8_BYTES,
  /**
   * X's weighted count (twitter-text v3) after NFC normalisation, expressed in Latin characters:
   * most Latin characters weigh 1, CJK and emoji 2, every URL {@link TextLimit#urlLength()} (23).
   * The limit is 280.
   */
  X_WEIGHTED,
  /**
   * Weibo: the limit is in Chinese characters (140); a CJK or full-width character counts 1, two
   * ASCII / half-width characters count 1 (a lone one rounds up).
   */
  WEIBO_CJK_FULL_LATIN_HALF
}
