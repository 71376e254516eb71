import type { PostStatus } from './api';

/** What the grouping needs of a post: when it is planned and how it stands. */
export interface PlannedPost {
  scheduledAt?: string | null;
  status: PostStatus;
}

/** One day of a month view: the first posts by time, and what the rest of the day holds. */
export interface CalendarDay<P extends PlannedPost> {
  /** The day in the calendar's time zone, yyyy-mm-dd. */
  day: string;
  /** The first posts of the day by planned time, at most `perDay`. */
  shown: P[];
  /** How many posts of the day are not in `shown`. */
  hidden: number;
  /** The posts not shown, counted by status (only statuses that occur). */
  hiddenByStatus: Partial<Record<PostStatus, number>>;
}

/** The posts the calendar puts in a month cell before it summarises the rest. */
export const POSTS_PER_DAY = 3;

/** The browser's own zone, which the console's calendars show. */
export const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day (yyyy-mm-dd) that an instant falls on in the IANA zone `timeZone`. */
export function dayIn(iso: string, timeZone: string): string {
  if (timeZone === LOCAL_ZONE) {
    // The Date's own getters: Intl's formatToParts costs tens of milliseconds for a month of 1,000 posts.
    const date = new Date(iso);
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }
  let dayFormat = dayFormats.get(timeZone);
  if (!dayFormat) {
    dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, dayFormat);
  }
  const parts = dayFormat.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Groups the planned posts by their day in `timeZone`, in day order: the first `perDay` of each
 * day by planned time (ties keep the given order) and a count by status of the others, so that a
 * month view draws a few events per day whatever the number of posts. Posts without a planned
 * time are left out.
 */
export function groupByDay<P extends PlannedPost>(posts: readonly P[], timeZone: string, perDay: number = POSTS_PER_DAY): CalendarDay<P>[] {
  const byDay = new Map<string, { at: number; post: P }[]>();
  for (const post of posts) {
    if (!post.scheduledAt) continue;
    const day = dayIn(post.scheduledAt, timeZone);
    let list = byDay.get(day);
    if (!list) byDay.set(day, (list = []));
    list.push({ at: Date.parse(post.scheduledAt), post });
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, list]) => {
      const sorted = list.sort((a, b) => a.at - b.at).map((entry) => entry.post);
      const hiddenByStatus: Partial<Record<PostStatus, number>> = {};
      for (const post of sorted.slice(perDay)) hiddenByStatus[post.status] = (hiddenByStatus[post.status] ?? 0) + 1;
      return { day, shown: sorted.slice(0, perDay), hidden: Math.max(0, sorted.length - perDay), hiddenByStatus };
    });
}
