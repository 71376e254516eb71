import { describe, expect, it } from 'vitest';
import { en, zh, format, preferredLanguage } from './messages';

describe('messages', () => {
  it('has a Chinese text for every English key and no extra ones', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(zh)) {
      expect(text, key).not.toBe('');
    }
  });

  it('keeps the same placeholders in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(names(zh[key]), key).toEqual(names(en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{name} is connected', { name: '@demo' })).toBe('@demo is connected');
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });

  it('takes the browser language, Chinese for any Chinese variant, English otherwise', () => {
    expect(preferredLanguage(['zh-TW', 'en'])).toBe('zh');
    expect(preferredLanguage(['en-US', 'zh-CN'])).toBe('en');
    expect(preferredLanguage(['de-DE', 'fr'])).toBe('en');
    expect(preferredLanguage(['de-DE', 'zh-Hans-CN'])).toBe('zh');
  });
});
