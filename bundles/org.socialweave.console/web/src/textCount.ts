// Live character counts by each network's rules (the TextLimit of its descriptor in
// GET /api/v1/networks), so the editor sees a count while typing, and the points where a text is
// cut to a limit. The server's count on the saved variant (PostVariant.length) stays the authority;
// this mirrors connector.support's TextCounter: the text is split into units (grapheme clusters, a
// counted URL as one), each with its cost, and a text is cut only between units.
import type { TextLimit } from './api';

// connector.support's Urls: http(s) URLs, and (for X) bare domains with a common TLD; trailing
// sentence punctuation is not part of a URL.
const TLDS =
  'com|net|org|edu|gov|info|biz|io|co|me|ly|app|dev|ai|xyz|tv|cn|hk|tw|jp|kr|sg|uk|us|de|fr|' +
  'it|es|nl|ru|br|in|au|ca|eu|ch|se|no|fi|pl|be|at|dk|ie|nz|site|online|shop|news|blog';
const URL_PATTERN = new RegExp(
  `(https?://[^\\s<>"]+)|(?<![\\w@.\\-/])(?:www\\.)?(?:[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?\\.)+(?:${TLDS})(?![a-z0-9\\-])(?::\\d{1,5})?(?:/[^\\s<>"]*)?`,
  'gi',
);
const URL_TRAILING = '.,;:!?\'")]}…。，！？';
const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

export function graphemes(text: string): number {
  if (!segmenter) return Array.from(text).length;
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 for each half.
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/** Where the URLs of `text` are, as [start, end) UTF-16 indices; bare domains only `withoutScheme`. */
export function urlSpans(text: string, withoutScheme: boolean): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(URL_PATTERN)) {
    const schemed = m[1] !== undefined;
    if (!schemed && !withoutScheme) continue;
    const start = m.index;
    let end = start + m[0].length;
    while (end > start && URL_TRAILING.includes(text[end - 1])) end--;
    if (schemed && /^https?:\/\/$/i.test(text.slice(start, end))) continue;
    spans.push([start, end]);
  }
  return spans;
}

/** The URLs a limit counts at a fixed length: X's with bare domains, Mastodon's with a scheme. */
function countedUrls(text: string, limit: TextLimit): [number, number][] {
  if (limit.counting === 'X_WEIGHTED') return urlSpans(text, true);
  if (limit.counting === 'GRAPHEMES' && limit.urlLength) return urlSpans(text, false);
  return [];
}

/** twitter-text v3: code points in the light ranges weigh 1, everything else 2, an emoji 2. */
function xWeight(cluster: string): number {
  const cp = cluster.codePointAt(0)!;
  const light = cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037);
  return light && cluster.length === 1 ? 1 : 2;
}

/** Weibo: CJK and full-width count 1, Latin-1 and half-width forms ½ (here in halves). */
function weiboHalves(cluster: string): number {
  let halves = 0;
  for (let i = 0; i < cluster.length; i++) {
    const c = cluster.charCodeAt(i);
    halves += c <= 0xff || (c >= 0xff61 && c <= 0xffdc) || (c >= 0xffe8 && c <= 0xffee) ? 1 : 2;
  }
  return halves;
}

function clusterCost(cluster: string, limit: TextLimit): number {
  switch (limit.counting) {
    case 'UTF16_CODE_UNITS':
      return cluster.length;
    case 'CODE_POINTS':
      return Array.from(cluster).length;
    case 'X_WEIGHTED':
      return xWeight(cluster);
    case 'WEIBO_CJK_FULL_LATIN_HALF':
      return weiboHalves(cluster);
    default:
      return 1;
  }
}

/** A piece of text the network counts as a whole: where it ends (UTF-16), its cost and its UTF-8 bytes. */
interface Unit {
  end: number;
  cost: number;
  bytes: number;
}

/** The text as the network counts it: its grapheme clusters, each counted URL one unit. */
function units(text: string, limit: TextLimit): Unit[] {
  const urls = countedUrls(text, limit);
  // X's URLs count 23 where the descriptor does not say; Mastodon's are counted only when it does.
  const urlCost = limit.urlLength || 23;
  const out: Unit[] = [];
  const clusters = segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
  let u = 0;
  let unitOfUrl = -1; // the URL the last unit is, or -1
  let start = 0;
  for (const cluster of clusters) {
    const end = start + cluster.length;
    const bytes = utf8Bytes(cluster);
    while (u < urls.length && urls[u][1] <= start) u++;
    if (u < urls.length && urls[u][0] <= start) {
      // A cluster of a URL: the whole URL is one unit, up to the cluster boundary that ends it.
      const last = out[out.length - 1];
      if (unitOfUrl === u) {
        last.end = end;
        last.bytes += bytes;
      } else {
        out.push({ end, cost: urlCost, bytes });
        unitOfUrl = u;
      }
    } else {
      out.push({ end, cost: clusterCost(cluster, limit), bytes });
      unitOfUrl = -1;
    }
    start = end;
  }
  return out;
}

/** A sum of costs in the limit's unit: Weibo's halves round up to characters. */
const finish = (cost: number, limit: TextLimit) => (limit.counting === 'WEIBO_CJK_FULL_LATIN_HALF' ? Math.ceil(cost / 2) : cost);
/** A limit in costs: Weibo's characters are two halves. */
const budgetOf = (maxLength: number, limit: TextLimit) => (limit.counting === 'WEIBO_CJK_FULL_LATIN_HALF' ? 2 * maxLength : maxLength);

export function countText(text: string, limit: TextLimit): number {
  let cost = 0;
  for (const unit of units(text, limit)) cost += unit.cost;
  return finish(cost, limit);
}

/** How far over the limit the text is (0 when it fits), the byte limit included. */
export function overBy(text: string, limit: TextLimit): number {
  const over = countText(text, limit) - limit.maxLength;
  const bytesOver = limit.maxUtf8Bytes ? utf8Bytes(text) - limit.maxUtf8Bytes : 0;
  return Math.max(0, over, bytesOver > 0 ? 1 : 0);
}

/** Whether the text is within the network's limit, the byte limit included. */
export const fits = (text: string, limit: TextLimit) => overBy(text, limit) === 0;

/**
 * connector.support's TextCounter.truncationPoint, for one text and many lengths: `at(maxLength)`
 * is the largest UTF-16 index `cut` such that text.slice(0, cut) fits `maxLength` in the limit's
 * unit and the limit's byte limit, never inside a grapheme cluster nor a URL counted as a whole.
 */
export function truncationPoints(text: string, limit: TextLimit): (maxLength: number) => number {
  const all = units(text, limit);
  const costs: number[] = [];
  const bytes: number[] = [];
  let cost = 0;
  let size = 0;
  for (const unit of all) {
    costs.push((cost += unit.cost));
    bytes.push((size += unit.bytes));
  }
  return (maxLength) => {
    const budget = budgetOf(maxLength, limit);
    const byteBudget = limit.maxUtf8Bytes || Infinity;
    // Running sums only grow: the last unit within both budgets, by bisection (-1: none).
    let low = -1;
    let high = all.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (costs[mid] <= budget && bytes[mid] <= byteBudget) low = mid;
      else high = mid - 1;
    }
    return low < 0 ? 0 : all[low].end;
  };
}

/** The cut point of `text` for its network's limit (see truncationPoints). */
export const truncationPoint = (text: string, limit: TextLimit) => truncationPoints(text, limit)(limit.maxLength);
