// The compose screen's pure logic: the draft kept in the browser and sent to the post REST, and the
// live preview of what each network gets. The preview mirrors the content bundle's VariantText and
// NetworkSyntax (links replaced by their short links, the channel's mentions and the post's
// hashtags in the network's syntax after the text, the link card where the connector writes it into
// the text, and the master copy cut to the network's limit); the saved variant's text stays the authority.
import { ApiError, type Channel, type MediaRules, type Post, type PostBody, type TextLimit } from './api';
import { countText, fits, truncationPoints } from './textCount';
import type { MessageKey } from './messages';
import type { MediaAsset } from './media';

export interface Draft {
  text: string;
  title: string;
  link: string;
  channelIds: string[];
  variantTexts: Record<string, string>;
  /** The master copy's media asset ids, in display order. */
  media: string[];
  /** A channel's own media in place of the master's ([] drops them there), by channel id. */
  variantMedia: Record<string, string[]>;
  /** Hashtags without their sign, written in each network's syntax. */
  tags: string[];
  /** Handles without the @, by channel id. */
  variantMentions: Record<string, string[]>;
  utmCampaign: string;
  /** A paid or KOL/KOC post, which must carry an advertising label (广告, #ad). */
  sponsored: boolean;
}

export const EMPTY_DRAFT: Draft = { text: '', title: '', link: '', channelIds: [], variantTexts: {}, media: [], variantMedia: {}, tags: [], variantMentions: {}, utmCampaign: '', sponsored: false };

/** A draft kept in the browser (possibly by an older console without media or tags), or null. */
export function keptDraft(json: string | null): Draft | null {
  if (!json) return null;
  try {
    const kept = JSON.parse(json);
    return kept && typeof kept === 'object' ? { ...EMPTY_DRAFT, ...kept } : null;
  } catch {
    return null;
  }
}

export function draftOf(post: Post): Draft {
  const variantTexts: Record<string, string> = {};
  const variantMedia: Record<string, string[]> = {};
  const variantMentions: Record<string, string[]> = {};
  for (const v of post.variants) {
    if (v.customText) variantTexts[v.channelId] = v.text;
    if (v.customMedia) variantMedia[v.channelId] = v.media ?? [];
    if (v.mentions?.length) variantMentions[v.channelId] = v.mentions;
  }
  return {
    text: post.text ?? '',
    title: post.title ?? '',
    link: post.link ?? '',
    channelIds: post.variants.map((v) => v.channelId),
    variantTexts,
    media: post.media ?? [],
    variantMedia,
    tags: post.tags ?? [],
    variantMentions,
    utmCampaign: post.utmCampaign ?? '',
    sponsored: !!post.sponsored,
  };
}

/** The PUT/POST body: what belongs to channels no longer targeted is left out (the API refuses it). */
export function bodyOf(draft: Draft, timeZone: string): PostBody {
  const only = <T>(byChannel: Record<string, T>) => {
    const out: Record<string, T> = {};
    for (const id of draft.channelIds) if (byChannel[id] !== undefined) out[id] = byChannel[id];
    return out;
  };
  const mentions = only(draft.variantMentions);
  Object.keys(mentions).forEach((id) => mentions[id].length || delete mentions[id]);
  return {
    text: draft.text,
    title: draft.title || undefined,
    link: draft.link || undefined,
    channelIds: draft.channelIds,
    timeZone,
    variantTexts: only(draft.variantTexts),
    media: draft.media,
    variantMedia: only(draft.variantMedia),
    tags: draft.tags,
    variantMentions: mentions,
    utmCampaign: draft.utmCampaign.trim() || undefined,
    sponsored: draft.sponsored,
  };
}

/** The media a channel gets: its own, or the master copy's. */
export const mediaOf = (draft: Draft, channelId: string) => draft.variantMedia[channelId] ?? draft.media;

// ---------------------------------------------------------------- hashtags and mentions

export interface Syntax {
  /** Whether tags are written as #tag; where not, they are left out. */
  hashtags: boolean;
  /** What a handle looks like, or null when the network has no mentions. */
  handle: RegExp | null;
  maxHashtags: number;
  maxMentions: number;
  /** Where the connector puts the post's link card: in the text (where it counts), beside it unless there are media, beside it. */
  card: 'IN_TEXT' | 'BESIDE_UNLESS_MEDIA' | 'BESIDE';
}

const DEFAULT_SYNTAX: Syntax = { hashtags: true, handle: /^[\p{L}\p{N}_][\p{L}\p{N}_.-]{0,99}$/u, maxHashtags: 0, maxMentions: 0, card: 'IN_TEXT' };

// The rows of the content bundle's NetworkSyntax; a network without a row (a plug-in) gets the default.
const SYNTAX: Record<string, Syntax> = {
  x: { ...DEFAULT_SYNTAX, handle: /^[A-Za-z0-9_]{1,15}$/ },
  mastodon: { ...DEFAULT_SYNTAX, handle: /^[A-Za-z0-9_]{1,30}(@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)?$/ },
  bluesky: { ...DEFAULT_SYNTAX, handle: /^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9][A-Za-z0-9-]{0,62})+$/, card: 'BESIDE_UNLESS_MEDIA' },
  telegram: { ...DEFAULT_SYNTAX, handle: /^[A-Za-z][A-Za-z0-9_]{4,31}$/ },
  instagram: { ...DEFAULT_SYNTAX, handle: /^[A-Za-z0-9._]{1,30}$/, maxHashtags: 30, maxMentions: 20 },
  weibo: { ...DEFAULT_SYNTAX, hashtags: false, handle: /^[\p{L}\p{N}_-]{2,30}$/u },
  wechat: { ...DEFAULT_SYNTAX, hashtags: false, handle: null, card: 'BESIDE' },
};

export const syntaxOf = (network: string): Syntax => SYNTAX[network] ?? DEFAULT_SYNTAX;

const TAG = /^[\p{L}\p{M}\p{N}_]{1,64}$/u;
const HASHTAG = /(?<![\p{L}\p{N}_&/#])#([\p{L}\p{M}\p{N}_]+)/gu;
const MENTION = /(?<![\p{L}\p{N}_.@])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*(@[\w.-]+)?)/gu;
export const MAX_TAGS = 30;

/** A tag as typed ("#冬季新品 ") checked as the API checks it: the tag, or why it is refused. */
export function parseTag(input: string, tags: string[]): { value: string } | { error: MessageKey } {
  const tag = input.trim().replace(/^#+/, '').replace(/#$/, '');
  if (!TAG.test(tag)) return { error: 'compose.tagInvalid' };
  if (/^\d+$/.test(tag)) return { error: 'compose.tagDigits' };
  if (tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return { error: 'compose.tagTwice' };
  if (tags.length >= MAX_TAGS) return { error: 'compose.tagsTooMany' };
  return { value: tag };
}

/** A handle as typed ("@alice") checked against the network's handles: the handle, or why not. */
export function parseHandle(input: string, network: string, handles: string[]): { value: string } | { error: MessageKey } {
  const syntax = syntaxOf(network);
  if (!syntax.handle) return { error: 'compose.noMentions' };
  const handle = input.trim().replace(/^@/, '');
  if (!syntax.handle.test(handle)) return { error: 'compose.handleInvalid' };
  if (handles.some((h) => h.toLowerCase() === handle.toLowerCase())) return { error: 'compose.handleTwice' };
  return { value: handle };
}

// ---------------------------------------------------------------- links

// The content bundle's TextLinks: a link ends at white space, quotes, angle brackets or a CJK or
// full-width character; trailing sentence punctuation is not part of it.
const LINK = /https?:\/\/[^\s<>"\u3000-\u303F\u3400-\u9FFF\uFF00-\uFFEF]+/gi;
const TRAILING = '.,;:!?\'")]}…';

function trimmed(link: string): string {
  let end = link.length;
  while (end > 0 && TRAILING.includes(link[end - 1])) end--;
  return link.slice(0, end);
}

/** The text with each link that `shortLinks` names replaced by its tracked short link. */
export function replaceLinks(text: string, shortLinks: Record<string, string>): string {
  if (Object.keys(shortLinks).length === 0) return text;
  return text.replace(LINK, (match) => {
    const link = trimmed(match);
    const short = shortLinks[link];
    return short ? short + match.slice(link.length) : match;
  });
}

// ---------------------------------------------------------------- the live preview

/** What a channel's variant is made of: the post's master copy and tags, the channel's own text and mentions. */
export interface VariantInput {
  master: string;
  /** The channel's own text, or undefined where it takes the master copy. */
  custom?: string;
  tags: string[];
  mentions: string[];
  network: string;
  /** The network's limit (its descriptor's text); without it nothing is measured or cut. */
  limit?: TextLimit;
  /** The saved variant's short links, by long link. */
  shortLinks?: Record<string, string>;
  /** The post's link card. */
  link?: string;
  withMedia?: boolean;
}

export interface Rendered {
  text: string;
  /** The text's length by the network's counting (0 without a limit). */
  length: number;
  /** Whether the text is within the limit: a channel's own text over it cannot be scheduled. */
  fits: boolean;
  /** The master copy was cut to the network's limit, as the server cuts it (with its warning). */
  cut: boolean;
  /** The link card is part of the text, as the network's connector sends it. */
  cardInText: boolean;
  /** The post has tags the network takes none of: they are left out. */
  tagsLeftOut: boolean;
  hashtags: number;
  mentions: number;
  /** More hashtags or mentions than the network takes (they block scheduling). */
  tooManyHashtags: boolean;
  tooManyMentions: boolean;
}

export const ELLIPSIS = '…';

// Java's String.strip: Character.isWhitespace, which takes no no-break spaces (JavaScript's trim does).
const JAVA_SPACE = '[\\t\\n\\u000B\\f\\r\\u001C-\\u0020\\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000]';
const stripTrailing = (text: string) => text.replace(new RegExp(`${JAVA_SPACE}+$`), '');
const strip = (text: string) => stripTrailing(text).replace(new RegExp(`^${JAVA_SPACE}+`), '');

/**
 * VariantText.cut: the longest prefix of `master` that fits the limit with an ellipsis and `suffix`
 * (the mentions, tags and card, kept whole) appended, never inside a character; the suffix alone
 * when no prefix fits. The server counts the prefix's budget down from the limit until the
 * candidate fits; a larger budget never gives a shorter candidate, so here it is a bisection,
 * started next to where the ellipsis and the suffix leave room.
 */
function cut(master: string, suffix: string, limit: TextLimit): string {
  const pointAt = truncationPoints(master, limit);
  const candidate = (budget: number) => stripTrailing(master.slice(0, pointAt(budget))) + ELLIPSIS + suffix;
  const fitsAt = (budget: number) => fits(candidate(budget), limit);
  let high = limit.maxLength - 1;
  let low = Math.max(0, high - countText(ELLIPSIS + suffix, limit) - 2);
  if (low > 0 && !fitsAt(low)) low = 0;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (fitsAt(mid)) low = mid;
    else high = mid - 1;
  }
  return low > 0 ? candidate(low) : strip(suffix);
}

/**
 * What the network gets, as the content bundle's VariantText.of makes it: short links in, then the
 * mentions and tags the text lacks (once each), then the link card where the connector writes it
 * into the text; the master copy cut to the limit where it is over.
 */
export function renderVariant(input: VariantInput): Rendered {
  const { tags, mentions, network, limit, shortLinks = {}, link, withMedia = false } = input;
  const syntax = syntaxOf(network);
  const master = replaceLinks(input.master, shortLinks);
  const custom = input.custom === undefined ? undefined : replaceLinks(input.custom, shortLinks);
  const base = custom ?? master;
  const present = new Set([...base.matchAll(MENTION), ...base.matchAll(HASHTAG)].map((m) => m[0].toLowerCase()));
  const tokens: string[] = [];
  const addOnce = (token: string) => {
    if (present.has(token.toLowerCase())) return;
    present.add(token.toLowerCase());
    tokens.push(token);
  };
  if (syntax.handle) mentions.forEach((h) => addOnce(`@${h}`));
  if (syntax.hashtags) tags.forEach((t) => addOnce(`#${t}`));
  const blank = strip(base) === '';
  let suffix = tokens.length ? `${blank ? '' : '\n\n'}${tokens.join(' ')}` : '';
  const card = link ? (shortLinks[link] ?? link) : undefined;
  const cardInText = !!card && (syntax.card === 'IN_TEXT' || (syntax.card === 'BESIDE_UNLESS_MEDIA' && withMedia));
  // The connectors append the card after a blank line too; with it in the text they do not again.
  if (card && cardInText && !base.includes(card)) suffix += `${blank && !suffix ? '' : '\n\n'}${card}`;
  let text = base + suffix;
  const over = !!limit && !fits(text, limit);
  const isCut = over && custom === undefined;
  if (isCut) text = cut(master, suffix, limit);
  const hashtags = [...text.matchAll(HASHTAG)].length;
  const mentioned = [...text.matchAll(MENTION)].length;
  return {
    text,
    length: limit ? countText(text, limit) : 0,
    // A cut text fits unless the mentions, tags and card alone do not.
    fits: !over || (isCut && fits(text, limit)),
    cut: isCut,
    cardInText,
    tagsLeftOut: !syntax.hashtags && tags.length > 0,
    hashtags,
    mentions: mentioned,
    tooManyHashtags: syntax.maxHashtags > 0 && hashtags > syntax.maxHashtags,
    tooManyMentions: syntax.maxMentions > 0 && mentioned > syntax.maxMentions,
  };
}

// ---------------------------------------------------------------- media

/** The post's count and mix rules of the network (each asset's own checks are the server's). */
export function mediaCountProblem(assets: Pick<MediaAsset, 'mimeType'>[], rules: MediaRules): { key: MessageKey; values?: Record<string, number> } | null {
  const videos = assets.filter((a) => a.mimeType.startsWith('video/')).length;
  const images = assets.length - videos;
  if (images > rules.maxImages) return rules.maxImages === 0 ? { key: 'compose.noImages' } : { key: 'compose.tooManyImages', values: { count: images, max: rules.maxImages } };
  if (videos > rules.maxVideos) return rules.maxVideos === 0 ? { key: 'compose.noVideos' } : { key: 'compose.tooManyVideos', values: { count: videos, max: rules.maxVideos } };
  if (images > 0 && videos > 0 && !rules.imagesWithVideo) return { key: 'compose.noMix' };
  return null;
}

/** "JPEG, PNG, GIF" from the rules' MIME types (wildcards as "all images"). */
export function mediaTypes(rules: MediaRules): string[] {
  return [...rules.allowedMimeTypes].sort().map((type) => {
    const [kind, sub] = type.split('/');
    if (sub === '*') return kind;
    return (sub === 'quicktime' ? 'MOV' : sub.replace(/^x-/, '')).toUpperCase();
  });
}

/**
 * Which tab a refused save's media problem belongs to: the channel its field names
 * (variantMedia.<id>, variants.<id>.media), or for the master's media the channel the detail
 * names; undefined when the problem is not about media.
 */
export function mediaProblemChannel(error: unknown, channels: Channel[]): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.field) return undefined;
  const own = /^variantMedia\.([^.]+)$/.exec(error.field) ?? /^variants\.([^.]+)\.media$/.exec(error.field);
  if (own) return own[1];
  if (error.field !== 'media') return undefined;
  return channels.find((c) => error.detail.includes(`channel ${c.displayName} (`))?.id;
}
