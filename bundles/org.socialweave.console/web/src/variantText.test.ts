// The compose preview cuts an over-long master copy as the server does. The cases are the server's
// tests', copied as data: content's VariantTextTest (the exact texts of the variants that
// PostServiceImplTest and PostEnrichmentTest check, with the limits of its DescribedNetworks and the
// short links of its MintedLinks) and connector.support's TextCounterTest (counting and cut points).
import { describe, expect, it } from 'vitest';
import type { TextLimit } from './api';
import { ELLIPSIS, renderVariant, type VariantInput } from './compose';
import { en, format } from './messages';
import { countText, truncationPoint } from './textCount';

const X: TextLimit = { maxLength: 280, counting: 'X_WEIGHTED', urlLength: 23 };
const WEIBO: TextLimit = { maxLength: 140, counting: 'WEIBO_CJK_FULL_LATIN_HALF' };
const BLUESKY: TextLimit = { maxLength: 300, counting: 'GRAPHEMES_AND_UTF8_BYTES', maxUtf8Bytes: 3000 };
const MASTODON: TextLimit = { maxLength: 500, counting: 'GRAPHEMES', urlLength: 23 };
const NAMES: Record<string, string> = { x: 'X', weibo: 'Weibo', bluesky: 'Bluesky' };

const CARD = 'https://shop.example.com/winter';
const SHORT = 'https://sw.example/s/c00000001';

interface VariantCase {
  source: string;
  input: VariantInput;
  text: string;
  length: number;
  fits: boolean;
  /** The server's warnings about the cut (VariantText.adapt), word for word. */
  warnings: string[];
}

const VARIANT_CASES: VariantCase[] = [
  {
    source: 'VariantTextTest.aMasterCopyThatFitsIsMeasuredByEachNetwork (X)',
    input: { master: '新品上市 launch day', tags: [], mentions: [], network: 'x', limit: X },
    text: '新品上市 launch day', length: 19, fits: true, warnings: [],
  },
  {
    source: 'VariantTextTest.aMasterCopyThatFitsIsMeasuredByEachNetwork (Weibo)',
    input: { master: '新品上市 launch day', tags: [], mentions: [], network: 'weibo', limit: WEIBO },
    text: '新品上市 launch day', length: 10, fits: true, warnings: [],
  },
  {
    // 139 characters weighing 2 and the ellipsis (U+2026, outside twitter-text's light ranges) 2: 280.
    source: 'VariantTextTest.anOverLongMasterCopyIsCutByEachNetworksCounting (X)',
    input: { master: '长'.repeat(200), tags: [], mentions: [], network: 'x', limit: X },
    text: '长'.repeat(139) + ELLIPSIS, length: 280, fits: true,
    warnings: ["The master copy was cut to fit X's limit of 280; write a text for this channel to choose the words yourself."],
  },
  {
    source: 'VariantTextTest.anOverLongMasterCopyIsCutByEachNetworksCounting (Weibo)',
    input: { master: '长'.repeat(200), tags: [], mentions: [], network: 'weibo', limit: WEIBO },
    text: '长'.repeat(139) + ELLIPSIS, length: 140, fits: true,
    warnings: ["The master copy was cut to fit Weibo's limit of 140; write a text for this channel to choose the words yourself."],
  },
  {
    source: 'VariantTextTest.aTextWrittenForTheChannelIsNeverCut',
    input: { master: 'short', custom: '微'.repeat(141), tags: [], mentions: [], network: 'weibo', limit: WEIBO },
    text: '微'.repeat(141), length: 141, fits: false, warnings: [],
  },
  {
    // The card's short link (32 half characters with its blank line) stays whole after the ellipsis: 123 + 1 + 16 = 140.
    source: 'VariantTextTest.theCardsShortLinkStaysWholeAfterTheEllipsis (Weibo)',
    input: { master: '新'.repeat(139), tags: [], mentions: [], network: 'weibo', limit: WEIBO, link: CARD, shortLinks: { [CARD]: SHORT }, withMedia: true },
    text: '新'.repeat(123) + ELLIPSIS + '\n\n' + SHORT, length: 140, fits: true,
    warnings: ["The master copy was cut to fit Weibo's limit of 140; write a text for this channel to choose the words yourself."],
  },
  {
    // With an image Bluesky's embed is the image: the card goes into the text, and counts.
    source: 'VariantTextTest.theCardsShortLinkStaysWholeAfterTheEllipsis (Bluesky)',
    input: { master: '新'.repeat(139), tags: [], mentions: [], network: 'bluesky', limit: BLUESKY, link: CARD, shortLinks: { [CARD]: SHORT }, withMedia: true },
    text: '新'.repeat(139) + '\n\n' + SHORT, length: 139 + 2 + SHORT.length, fits: true, warnings: [],
  },
];

/** The cut warnings the preview shows, in English: the server's words. */
const cutWarnings = (input: VariantInput, cut: boolean) => (cut ? [format(en['compose.masterCut'], { network: NAMES[input.network], max: input.limit!.maxLength })] : []);

describe("the preview's variant text is the server's", () => {
  for (const c of VARIANT_CASES) {
    it(c.source, () => {
      const rendered = renderVariant(c.input);
      expect(rendered.text).toBe(c.text);
      expect(rendered.length).toBe(c.length);
      expect(rendered.fits).toBe(c.fits);
      expect(cutWarnings(c.input, rendered.cut)).toEqual(c.warnings);
    });
  }

  it('cuts nothing without the network\'s limit (the networks not loaded yet)', () => {
    const rendered = renderVariant({ master: '长'.repeat(200), tags: [], mentions: [], network: 'x' });
    expect(rendered.text).toBe('长'.repeat(200));
    expect(rendered.cut).toBe(false);
  });
});

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
const E_ACUTE_DECOMPOSED = 'e\u0301';
const MASTODON_URL = 'https://joinmastodon.org/' + 'x'.repeat(60);
const limit = (counting: TextLimit['counting'], maxLength: number, extra: Partial<TextLimit> = {}): TextLimit => ({ counting, maxLength, ...extra });

/** TextCounterTest's cut points: [text, limit, UTF-16 index]. */
const CUT_POINTS: [string, TextLimit, number][] = [
  // truncationForXKeepsUrlsWholeAndRespectsWeights
  ['中文 https://example.com/abc tail', { ...X, maxLength: 28 }, 3 + 23],
  ['中文 https://example.com/abc tail', { ...X, maxLength: 27 }, 3],
  ['中文', { ...X, maxLength: 3 }, 1],
  ['中'.repeat(200), X, 140],
  // mastodonGraphemesWithSchemeUrlsAt23
  [`ab ${MASTODON_URL} more`, { ...MASTODON, maxLength: 26 }, 3 + MASTODON_URL.length],
  [`ab ${MASTODON_URL} more`, { ...MASTODON, maxLength: 25 }, 3],
  // truncationNeverSplitsAGrapheme
  [`ab${FAMILY}cd`, limit('GRAPHEMES', 3), 2 + FAMILY.length],
  [`ab${FAMILY}cd`, limit('CODE_POINTS', 4), 2],
  [`ab${FAMILY}cd`, limit('UTF16_CODE_UNITS', 9), 2],
  [`ab${FAMILY}cd`, limit('UTF16_CODE_UNITS', 10), 2 + FAMILY.length],
  [`ab${FAMILY}cd`, limit('GRAPHEMES', 100), 2 + FAMILY.length + 2],
  [`caf${E_ACUTE_DECOMPOSED}s`, limit('CODE_POINTS', 4), 3],
  // blueskyTruncationTakesTheTighterLimit, aByteLimitHoldsBesideTheGraphemeLimit
  ['a'.repeat(301), BLUESKY, 300],
  [FAMILY.repeat(200), BLUESKY, 166 * FAMILY.length],
  ['中文ab中', limit('WEIBO_CJK_FULL_LATIN_HALF', 3), 4],
];

/** TextCounterTest's lengths where the URLs decide: [text, limit, length]. */
const LENGTHS: [string, TextLimit, number][] = [
  // xEveryUrlCounts23
  ['https://example.com/' + 'p'.repeat(100), X, 23],
  ['http://t.co', X, 23],
  [`visit https://example.com/${'p'.repeat(100)}.`, X, 6 + 23 + 1],
  ['example.com www.weibo.cn/abc', X, 23 + 1 + 23],
  ['看这个https://x.com/a', X, 6 + 23],
  ['user@mail.', X, 10],
  // mastodonGraphemesWithSchemeUrlsAt23
  [`hello ${MASTODON_URL}`, MASTODON, 5 + 1 + 23],
  [`${FAMILY} example.com`, MASTODON, 1 + 1 + 11],
  // aNetworksTextLimitCountsInItsOwnUnit
  ['https://example.com/a/very/long/path ', X, 23 + 1],
  ['https://example.com/' + 'x'.repeat(100), MASTODON, 23],
];

describe("the networks' counting and cut points are connector.support's TextCounter's", () => {
  for (const [text, at, cut] of CUT_POINTS) {
    it(`cuts ${JSON.stringify(text.slice(0, 24))}… at ${cut} for ${at.counting} ${at.maxLength}`, () => {
      expect(truncationPoint(text, at)).toBe(cut);
    });
  }
  for (const [text, at, length] of LENGTHS) {
    it(`counts ${JSON.stringify(text.slice(0, 32))} as ${length} by ${at.counting}`, () => {
      expect(countText(text, at)).toBe(length);
    });
  }
});
