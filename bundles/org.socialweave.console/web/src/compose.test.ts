import { describe, expect, it } from 'vitest';
import { ApiError, type Channel, type MediaRules, type Post } from './api';
import { bodyOf, draftOf, EMPTY_DRAFT, keptDraft, mediaCountProblem, mediaOf, mediaProblemChannel, mediaTypes, parseHandle, parseTag, renderVariant, replaceLinks } from './compose';

/** The master copy for the network, without a limit (the cut is variantText.test.ts's). */
const rendered = (master: string, tags: string[], mentions: string[], network: string, shortLinks?: Record<string, string>) => renderVariant({ master, tags, mentions, network, shortLinks });
import { countText } from './textCount';

const post = {
  id: 'p1',
  text: 'Winter launch https://example.com/sale',
  title: undefined,
  link: undefined,
  status: 'DRAFT',
  revision: 2,
  createdBy: 'u',
  createdAt: '',
  updatedAt: '',
  version: 3,
  media: ['a1', 'a2'],
  tags: ['冬季新品', 'sale'],
  utmCampaign: 'winter-2026',
  sponsored: true,
  variants: [
    { id: 'v1', channelId: 'tg', network: 'telegram', text: 'x', customText: false, length: 1, maxLength: 4096, warnings: [], status: 'DRAFT', attempts: 0, media: ['a1', 'a2'], customMedia: false, mentions: ['socialweave_demo'] },
    { id: 'v2', channelId: 'wb', network: 'weibo', text: '微博', customText: true, length: 2, maxLength: 2000, warnings: [], status: 'DRAFT', attempts: 0, media: ['a1'], customMedia: true, mentions: [] },
  ],
} as unknown as Post;

describe('the draft', () => {
  it('round-trips a saved post with its media, tags, mentions, UTM campaign and sponsored flag', () => {
    const draft = draftOf(post);
    expect(draft.media).toEqual(['a1', 'a2']);
    expect(draft.variantMedia).toEqual({ wb: ['a1'] });
    expect(draft.tags).toEqual(['冬季新品', 'sale']);
    expect(draft.variantMentions).toEqual({ tg: ['socialweave_demo'] });
    expect(draft.variantTexts).toEqual({ wb: '微博' });
    const body = bodyOf(draft, 'Asia/Shanghai');
    expect(body).toMatchObject({ media: ['a1', 'a2'], variantMedia: { wb: ['a1'] }, tags: ['冬季新品', 'sale'], variantMentions: { tg: ['socialweave_demo'] }, utmCampaign: 'winter-2026', sponsored: true, channelIds: ['tg', 'wb'] });
    expect(bodyOf(draftOf({ ...post, sponsored: undefined } as unknown as Post), 'UTC').sponsored).toBe(false);
  });

  it('leaves out what belongs to channels no longer chosen, empty mentions and a blank campaign', () => {
    const draft = { ...draftOf(post), channelIds: ['tg'], variantMentions: { tg: [], wb: ['x'] }, utmCampaign: '  ' };
    const body = bodyOf(draft, 'UTC');
    expect(body.variantMedia).toEqual({});
    expect(body.variantTexts).toEqual({});
    expect(body.variantMentions).toEqual({});
    expect(body.utmCampaign).toBeUndefined();
  });

  it('keeps an own empty media list (it drops the master media there) and falls back to the master', () => {
    const draft = { ...EMPTY_DRAFT, media: ['a1'], variantMedia: { wb: [] as string[] }, channelIds: ['tg', 'wb'] };
    expect(mediaOf(draft, 'wb')).toEqual([]);
    expect(mediaOf(draft, 'tg')).toEqual(['a1']);
    expect(bodyOf(draft, 'UTC').variantMedia).toEqual({ wb: [] });
  });

  it('reads a draft an older console kept (text only) or a broken one', () => {
    expect(keptDraft(JSON.stringify({ text: 'hi', channelIds: ['tg'] }))).toEqual({ ...EMPTY_DRAFT, text: 'hi', channelIds: ['tg'] });
    expect(keptDraft('{not json')).toBeNull();
    expect(keptDraft(null)).toBeNull();
  });
});

describe('hashtags and mentions', () => {
  it('takes a tag with or without its sign and refuses what the API refuses', () => {
    expect(parseTag(' #冬季新品 ', [])).toEqual({ value: '冬季新品' });
    expect(parseTag('new year', [])).toEqual({ error: 'compose.tagInvalid' });
    expect(parseTag('2026', [])).toEqual({ error: 'compose.tagDigits' });
    expect(parseTag('Sale', ['sale'])).toEqual({ error: 'compose.tagTwice' });
    expect(parseTag('a'.repeat(65), [])).toEqual({ error: 'compose.tagInvalid' });
    expect(parseTag('one', Array.from({ length: 30 }, (_, i) => `t${i}`))).toEqual({ error: 'compose.tagsTooMany' });
  });

  it("checks a handle by the network's rules", () => {
    expect(parseHandle('@socialweave_demo', 'telegram', [])).toEqual({ value: 'socialweave_demo' });
    expect(parseHandle('abc', 'telegram', [])).toEqual({ error: 'compose.handleInvalid' });
    expect(parseHandle('brand@mastodon.social', 'mastodon', [])).toEqual({ value: 'brand@mastodon.social' });
    expect(parseHandle('alice.bsky.social', 'bluesky', [])).toEqual({ value: 'alice.bsky.social' });
    expect(parseHandle('alice', 'bluesky', [])).toEqual({ error: 'compose.handleInvalid' });
    expect(parseHandle('新浪用户', 'weibo', [])).toEqual({ value: '新浪用户' });
    expect(parseHandle('anyone', 'wechat', [])).toEqual({ error: 'compose.noMentions' });
    expect(parseHandle('Alice', 'x', ['alice'])).toEqual({ error: 'compose.handleTwice' });
  });

  it('writes mentions then tags after the text, once each, as the server does', () => {
    const r = rendered('冬季新品上市 #sale', ['sale', '冬季新品'], ['socialweave_demo'], 'telegram');
    expect(r.text).toBe('冬季新品上市 #sale\n\n@socialweave_demo #冬季新品');
    expect(r.tagsLeftOut).toBe(false);
    expect(rendered('', ['sale'], [], 'x').text).toBe('#sale');
    expect(rendered('plain', [], [], 'x').text).toBe('plain');
  });

  it('leaves tags out on Weibo and WeChat, and mentions where the network has none', () => {
    const weibo = rendered('冬季新品', ['sale'], ['品牌号'], 'weibo');
    expect(weibo.text).toBe('冬季新品\n\n@品牌号');
    expect(weibo.tagsLeftOut).toBe(true);
    const wechat = rendered('图文', ['sale'], ['someone'], 'wechat');
    expect(wechat.text).toBe('图文');
    expect(wechat.tagsLeftOut).toBe(true);
  });

  it("flags more hashtags than Instagram takes", () => {
    const tags = Array.from({ length: 31 }, (_, i) => `tag${i}`);
    expect(rendered('x', tags, [], 'instagram').tooManyHashtags).toBe(true);
    expect(rendered('x', tags.slice(0, 30), [], 'instagram').tooManyHashtags).toBe(false);
    expect(rendered('x', tags, [], 'x').tooManyHashtags).toBe(false);
  });

  it("counts the rendered text by the network's counting", () => {
    const r = rendered('新品', ['sale'], [], 'weibo');
    expect(countText(r.text, { maxLength: 2000, counting: 'WEIBO_CJK_FULL_LATIN_HALF' })).toBe(2);
    const t = rendered('新品', ['sale'], [], 'telegram');
    expect(countText(t.text, { maxLength: 4096, counting: 'UTF16_CODE_UNITS' })).toBe('新品\n\n#sale'.length);
  });
});

describe('links', () => {
  it('puts the short links in place of the links, keeping trailing punctuation and CJK after a link', () => {
    const short = { 'https://example.com/sale': 'https://sw.example/s/abc' };
    expect(replaceLinks('See https://example.com/sale.', short)).toBe('See https://sw.example/s/abc.');
    expect(replaceLinks('链接https://example.com/sale。欢迎', short)).toBe('链接https://sw.example/s/abc。欢迎');
    expect(replaceLinks('https://example.com/other', short)).toBe('https://example.com/other');
    expect(rendered('Go https://example.com/sale', ['sale'], [], 'x', short).text).toBe('Go https://sw.example/s/abc\n\n#sale');
  });
});

describe('media', () => {
  const weibo: MediaRules = { maxImages: 1, maxVideos: 0, allowedMimeTypes: ['image/jpeg', 'image/png', 'image/gif'], maxImageBytes: 5 << 20, maxVideoBytes: 0, textWithVideo: false, imagesWithVideo: false };
  const image = { mimeType: 'image/png' };
  const video = { mimeType: 'video/mp4' };

  it("checks the post's count and mix against the network's rules", () => {
    expect(mediaCountProblem([image], weibo)).toBeNull();
    expect(mediaCountProblem([image, image], weibo)).toEqual({ key: 'compose.tooManyImages', values: { count: 2, max: 1 } });
    expect(mediaCountProblem([video], weibo)).toEqual({ key: 'compose.noVideos' });
    const x = { ...weibo, maxImages: 4, maxVideos: 1, maxVideoBytes: 1 << 29 };
    expect(mediaCountProblem([image, video], x)).toEqual({ key: 'compose.noMix' });
    expect(mediaCountProblem([image, video], { ...x, imagesWithVideo: true })).toBeNull();
  });

  it('names the allowed types as people do', () => {
    expect(mediaTypes(weibo)).toEqual(['GIF', 'JPEG', 'PNG']);
    expect(mediaTypes({ ...weibo, allowedMimeTypes: ['video/quicktime', 'image/*'] })).toEqual(['image', 'MOV']);
  });

  it("finds the tab of a refused save's media problem", () => {
    const channels = [{ id: 'tg', displayName: '@socialweave_demo' }, { id: 'wb', displayName: '品牌微博' }] as Channel[];
    const refused = (field: string, detail: string) => new ApiError(400, { detail, field });
    expect(mediaProblemChannel(refused('variantMedia.wb', 'x'), channels)).toBe('wb');
    expect(mediaProblemChannel(refused('variants.tg.media', 'x'), channels)).toBe('tg');
    expect(mediaProblemChannel(refused('media', 'channel 品牌微博 (Weibo): 2 images breaks the count rule: at most 1'), channels)).toBe('wb');
    expect(mediaProblemChannel(refused('variants.tg.text', 'x'), channels)).toBeUndefined();
    expect(mediaProblemChannel(new ApiError(412, { detail: 'changed', field: 'media' }), channels)).toBeUndefined();
  });
});
