// Live character counts by each network's rules (the TextLimit of its descriptor in
// GET /api/v1/networks), so the editor sees a count while typing. The server's count on the saved
// variant (PostVariant.length) stays the authority; this mirrors connector.support's TextCounter.
import type { TextLimit } from './api';

const URL_PATTERN = /https?:\/\/[^\s]+/g;
const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

export function graphemes(text: string): number {
  if (!segmenter) return Array.from(text).length;
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Replaces every URL by `length` placeholder characters (how X and Mastodon count links). */
function withUrlsAs(text: string, length: number): string {
  return text.replace(URL_PATTERN, 'x'.repeat(length));
}

/** twitter-text v3: code points in the light ranges weigh 1, everything else 2, an emoji 2. */
function xWeighted(text: string): number {
  let weight = 0;
  for (const unit of segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text)) {
    const cp = unit.codePointAt(0)!;
    const light = cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037);
    weight += light && unit.length === 1 ? 1 : 2;
  }
  return weight;
}

/** Weibo: CJK and full-width count 1, Latin-1 and half-width forms ½, rounded up. */
function weibo(text: string): number {
  let halves = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    halves += c <= 0xff || (c >= 0xff61 && c <= 0xffdc) || (c >= 0xffe8 && c <= 0xffee) ? 1 : 2;
  }
  return Math.ceil(halves / 2);
}

export function countText(text: string, limit: TextLimit): number {
  switch (limit.counting) {
    case 'UTF16_CODE_UNITS':
      return text.length;
    case 'CODE_POINTS':
      return Array.from(text).length;
    case 'GRAPHEMES':
      return graphemes(limit.urlLength ? withUrlsAs(text, limit.urlLength) : text);
    case 'GRAPHEMES_AND_UTF8_BYTES':
      return graphemes(text);
    case 'X_WEIGHTED':
      return xWeighted(withUrlsAs(text, limit.urlLength || 23));
    case 'WEIBO_CJK_FULL_LATIN_HALF':
      return weibo(text);
    default:
      return text.length;
  }
}

/** How far over the limit the text is (0 when it fits), the byte limit included. */
export function overBy(text: string, limit: TextLimit): number {
  const over = countText(text, limit) - limit.maxLength;
  const bytesOver = limit.maxUtf8Bytes ? utf8Bytes(text) - limit.maxUtf8Bytes : 0;
  return Math.max(0, over, bytesOver > 0 ? 1 : 0);
}
