import { describe, expect, it } from 'vitest';
import { countText, overBy } from './textCount';
import type { TextLimit } from './api';

const limit = (counting: TextLimit['counting'], maxLength: number, extra: Partial<TextLimit> = {}): TextLimit => ({ counting, maxLength, ...extra });

describe('countText', () => {
  it('counts Telegram in UTF-16 units, so an astral emoji is two', () => {
    expect(countText('hi 😀', limit('UTF16_CODE_UNITS', 4096))).toBe(5);
  });

  it('counts a family emoji as one grapheme for Bluesky', () => {
    expect(countText('👨‍👩‍👧 ok', limit('GRAPHEMES_AND_UTF8_BYTES', 300, { maxUtf8Bytes: 3000 }))).toBe(4);
  });

  it('counts every Mastodon link as 23 characters', () => {
    expect(countText('see https://example.com/a/very/long/path/indeed', limit('GRAPHEMES', 500, { urlLength: 23 }))).toBe(4 + 23);
  });

  it('weighs Chinese double and links 23 on X', () => {
    expect(countText('冬季新品', limit('X_WEIGHTED', 280, { urlLength: 23 }))).toBe(8);
    expect(countText('go https://example.com/x', limit('X_WEIGHTED', 280, { urlLength: 23 }))).toBe(3 + 23);
  });

  it('counts two Latin letters as one Weibo character, rounding up', () => {
    expect(countText('冬季abc', limit('WEIBO_CJK_FULL_LATIN_HALF', 140))).toBe(4);
  });
});

describe('overBy', () => {
  it('is zero when the text fits and the excess when it does not', () => {
    expect(overBy('abc', limit('CODE_POINTS', 3))).toBe(0);
    expect(overBy('abcde', limit('CODE_POINTS', 3))).toBe(2);
  });

  it('reports a text over the byte limit even when the graphemes fit', () => {
    expect(overBy('冬'.repeat(10), limit('GRAPHEMES_AND_UTF8_BYTES', 300, { maxUtf8Bytes: 20 }))).toBeGreaterThan(0);
  });
});
