import { describe, expect, it } from 'vitest';
import type { PostStatus } from './api';
import { dayIn, groupByDay, LOCAL_ZONE } from './calendarDays';

const post = (id: string, scheduledAt: string | null, status: PostStatus = 'SCHEDULED') => ({ id, scheduledAt, status });

describe('dayIn', () => {
  it('gives the day of an instant in the calendar zone, not in UTC', () => {
    expect(dayIn('2026-12-31T17:30:00Z', 'Asia/Shanghai')).toBe('2027-01-01');
    expect(dayIn('2026-12-31T17:30:00Z', 'Europe/Berlin')).toBe('2026-12-31');
    expect(dayIn('2027-01-01T02:00:00Z', 'America/New_York')).toBe('2026-12-31');
  });

  it('gives the same day in the browser zone as Intl does for that zone', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: LOCAL_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
    for (const iso of ['2026-12-31T17:30:00Z', '2027-01-01T00:00:00Z', '2027-03-28T01:30:00Z', '2027-10-31T23:59:59Z']) {
      const parts = Object.fromEntries(intl.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
      expect(dayIn(iso, LOCAL_ZONE), iso).toBe(`${parts.year}-${parts.month}-${parts.day}`);
    }
  });
});

describe('groupByDay', () => {
  it('shows the first posts of each day by time and summarises the rest by status', () => {
    const posts = [
      post('late', '2026-12-09T12:00:00Z', 'FAILED'),
      post('first', '2026-12-09T01:00:00Z'),
      post('third', '2026-12-09T03:00:00.500Z'),
      post('second', '2026-12-09T03:00:00Z'),
      post('later', '2026-12-09T11:00:00Z', 'FAILED'),
      post('last', '2026-12-09T13:00:00Z', 'PUBLISHED'),
    ];
    const [day, ...others] = groupByDay(posts, 'Asia/Shanghai', 3);
    expect(others).toEqual([]);
    expect(day.day).toBe('2026-12-09');
    expect(day.shown.map((p) => p.id)).toEqual(['first', 'second', 'third']);
    expect(day.hidden).toBe(3);
    expect(day.hiddenByStatus).toEqual({ FAILED: 2, PUBLISHED: 1 });
  });

  it('keeps days in order, with nothing hidden on a quiet day, and leaves unplanned posts out', () => {
    const days = groupByDay([post('b', '2026-12-10T08:00:00Z'), post('draft', null, 'DRAFT'), post('a', '2026-12-02T08:00:00Z')], 'UTC');
    expect(days.map((d) => [d.day, d.shown.map((p) => p.id), d.hidden])).toEqual([
      ['2026-12-02', ['a'], 0],
      ['2026-12-10', ['b'], 0],
    ]);
    expect(days[0].hiddenByStatus).toEqual({});
  });

  it('puts a post on the day of the calendar zone: 01:30 in Shanghai is the evening before in UTC', () => {
    const posts = [post('night', '2026-12-09T17:30:00Z'), post('evening', '2026-12-09T12:00:00Z')];
    expect(groupByDay(posts, 'Asia/Shanghai').map((d) => [d.day, d.shown.map((p) => p.id)])).toEqual([
      ['2026-12-09', ['evening']],
      ['2026-12-10', ['night']],
    ]);
    expect(groupByDay(posts, 'UTC').map((d) => [d.day, d.shown.map((p) => p.id)])).toEqual([['2026-12-09', ['evening', 'night']]]);
  });

  it('draws a month of 1,000 posts as at most a few events a day', () => {
    const posts = Array.from({ length: 1000 }, (_, i) =>
      post(`p${i}`, `2027-01-${String(1 + (i % 31)).padStart(2, '0')}T${String(8 + (i % 12)).padStart(2, '0')}:00:00+08:00`, i % 50 === 0 ? 'FAILED' : 'SCHEDULED'),
    );
    const days = groupByDay(posts, 'Asia/Shanghai');
    expect(days).toHaveLength(31);
    expect(days.every((d) => d.shown.length === 3)).toBe(true);
    expect(days.reduce((n, d) => n + d.shown.length + d.hidden, 0)).toBe(1000);
    const failedHidden = days.reduce((n, d) => n + (d.hiddenByStatus.FAILED ?? 0), 0);
    const failedShown = days.reduce((n, d) => n + d.shown.filter((p) => p.status === 'FAILED').length, 0);
    expect(failedHidden + failedShown).toBe(20);
  });
});
