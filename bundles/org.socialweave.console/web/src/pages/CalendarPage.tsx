import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import interactionPlugin from '@fullcalendar/interaction';
import type { DatesSetArg, EventClickArg, EventContentArg, EventDropArg, EventApi, EventInput, EventMountArg } from '@fullcalendar/core';
import { App as AntApp, Card } from 'antd';
import { all, api, seg, type Channel, type Post, type PostStatus } from '../api';
import { useI18n } from '../i18n';
import { LOCALES } from '../locales';
import { PageTitle, ProblemAlert, useLoad, useProblemText } from '../common';
import { useWorkspace } from '../workspace';
import { loadQuotaForecast, QuotaWarnings } from '../QuotaWarnings';
import { groupByDay, LOCAL_ZONE, type CalendarDay } from '../calendarDays';

// Dark enough for white text (WCAG AA, 4.5:1) in the week and day views' event blocks.
const STATUS_COLORS: Record<PostStatus, string> = {
  DRAFT: '#434343',
  SCHEDULED: '#1668dc',
  PUBLISHING: '#006d75',
  PUBLISHED: '#237804',
  PARTIALLY_PUBLISHED: '#ad4e00',
  FAILED: '#cf1322',
  CANCELLED: '#737373',
};

interface PublishedLink {
  network: string;
  url: string;
}

/**
 * Adds a link to each network where the event's post went out, before its title (a long title is
 * cut at the cell's edge). Plain DOM in FullCalendar's mount hook: the default rendering stays for
 * every event, which a content component per event would double in a 1,000-post month.
 */
function addLinks(el: HTMLElement, urls: PublishedLink[], label: (network: string) => string) {
  const title = el.querySelector('.fc-event-title');
  for (const u of urls) {
    const a = document.createElement('a');
    a.href = u.url;
    a.target = '_blank';
    a.rel = 'noreferrer';
    a.dataset.testid = 'calendar-url';
    a.title = label(u.network);
    a.textContent = '↗';
    a.style.cssText = 'margin-right:4px;color:inherit;text-decoration:underline';
    if (title?.parentNode) title.parentNode.insertBefore(a, title);
    else el.appendChild(a);
  }
}

/** What the page measured of its last render, read by the e2e run (bench/console). */
interface RenderFigure {
  ms: number;
  /** The events FullCalendar was given: posts shown, day summaries and quota bands. */
  events: number;
  /** The planned posts those events stand for. */
  posts: number;
  view: string;
}

/** What a month cell says of the posts it does not draw. */
type DaySummary = Omit<CalendarDay<Post>, 'shown'>;

const MONTH_VIEW = 'dayGridMonth';
const PLUGINS = [dayGridPlugin, timeGridPlugin, interactionPlugin];
const HEADER = { left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,timeGridDay' };
/** Posts before their day's summary (rank 0, then 1), then FullCalendar's own order. */
const EVENT_ORDER = 'rank,start,-duration,allDay,title';

const summaryOf = (arg: { event: { extendedProps: Record<string, unknown> } }) => arg.event.extendedProps.summary as DaySummary | undefined;

/**
 * Posts by their planned time; dragging a scheduled post reschedules it. The month view draws the
 * first posts of each day and one summary event for the rest (FullCalendar would render and
 * measure every event of the month: seconds for 1,000 posts); the summary opens the day view.
 */
export default function CalendarPage() {
  const { t, language, formatDay } = useI18n();
  const { workspace, base } = useWorkspace();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const problemText = useProblemText();
  const calendar = useRef<FullCalendar>(null);
  const calendarBox = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState<{ from: string; to: string }>();
  const [view, setView] = useState(MONTH_VIEW);
  const renderStarted = useRef(0);
  const renderedPosts = useRef(0);
  const channels = useLoad(() => all<Channel>(`${base}/channels`), [base]);
  const posts = useLoad(
    () => (range ? all<Post>(`${base}/posts?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`, 50) : Promise.resolve([] as Post[])),
    [base, range?.from, range?.to],
  );

  const forecast = useLoad(() => (range ? loadQuotaForecast(base, range) : Promise.resolve([])), [base, range?.from, range?.to]);
  const channelNames = useMemo(() => new Map((channels.data ?? []).map((c) => [c.id, c.displayName])), [channels.data]);
  const monthView = view === MONTH_VIEW;

  // Built again only when the posts, the names, the quota bands, the kind of view or the language change.
  const events = useMemo<EventInput[]>(() => {
    renderStarted.current = performance.now();
    const planned = (posts.data ?? []).filter((p) => p.scheduledAt);
    renderedPosts.current = planned.length;
    const postEvent = (p: Post): EventInput => ({
      id: p.id,
      title: `${p.text.slice(0, 40)} · ${p.variants.map((v) => channelNames.get(v.channelId) ?? v.network).join(', ')}`,
      start: p.scheduledAt!,
      color: STATUS_COLORS[p.status],
      editable: p.status === 'SCHEDULED',
      extendedProps: { rank: 0, status: p.status, urls: p.variants.filter((v) => v.url).map((v) => ({ network: v.network, url: v.url! })) },
    });
    const summaryEvent = ({ day, hidden, hiddenByStatus }: CalendarDay<Post>): EventInput => ({
      id: `day-${day}`,
      start: day,
      allDay: true,
      title: t('calendar.more', { count: hidden }),
      editable: false,
      classNames: ['sw-day-more'],
      backgroundColor: '#f5f5f5',
      borderColor: hiddenByStatus.FAILED ? STATUS_COLORS.FAILED : '#d9d9d9',
      textColor: 'rgba(0, 0, 0, 0.88)',
      extendedProps: { rank: 1, summary: { day, hidden, hiddenByStatus } satisfies DaySummary },
    });
    const postEvents = monthView
      ? // The calendar shows the browser's zone (timeZone="local"), so days are grouped in it too.
        groupByDay(planned, LOCAL_ZONE).flatMap((d) => (d.hidden ? [...d.shown.map(postEvent), summaryEvent(d)] : d.shown.map(postEvent)))
      : planned.map(postEvent);
    return postEvents.concat(
      (forecast.data ?? []).map<EventInput>((w) => ({ id: `quota-${w.channelId ?? w.network}-${w.from}`, start: w.from, end: w.to, display: 'background', color: '#faad14' })),
    );
  }, [posts.data, channelNames, forecast.data, monthView, t]);

  const datesSet = useCallback((arg: DatesSetArg) => {
    setRange({ from: arg.start.toISOString(), to: arg.end.toISOString() });
    setView(arg.view.type);
  }, []);

  const locale = language === 'zh' ? 'zh-CN' : 'en-GB';
  const summaryLabel = useCallback(
    ({ day, hidden, hiddenByStatus }: DaySummary) =>
      t('calendar.moreLabel', {
        date: formatDay(day),
        count: hidden,
        statuses: Object.entries(hiddenByStatus)
          .map(([status, count]) => `${t(`status.${status as PostStatus}`)} ${count}`)
          .join(', '),
      }),
    [t, formatDay],
  );

  const drop = async (arg: EventDropArg) => {
    try {
      await api.post<Post>(`${base}/posts/${seg(arg.event.id)}/schedule`, { scheduledAt: arg.event.start!.toISOString(), timeZone: workspace.timeZone });
      message.success(t('posts.rescheduled', { time: arg.event.start!.toLocaleString(locale) }));
      // The month's day summaries count the posts anew.
      if (monthView) posts.reload();
    } catch (e) {
      arg.revert();
      message.error({ content: problemText(e), duration: 8 });
    }
  };
  // A handler of the same identity: a new one on each render would make FullCalendar render its events again.
  const latestDrop = useRef(drop);
  latestDrop.current = drop;
  const eventDrop = useCallback((arg: EventDropArg) => latestDrop.current(arg), []);

  const eventClick = useCallback(
    (arg: EventClickArg) => {
      // A day's summary opens that day; a published link the network's page, the rest of the event the post; quota bands open nothing.
      if (arg.event.display === 'background') return;
      const summary = summaryOf(arg);
      if (summary) {
        calendar.current?.getApi().changeView('timeGridDay', summary.day);
        // The summary is gone with the month: keep the keyboard's place on the day's title.
        requestAnimationFrame(() => {
          const title = calendarBox.current?.querySelector<HTMLElement>('.fc-toolbar-title');
          if (!title) return;
          title.tabIndex = -1;
          title.focus();
        });
        return;
      }
      if ((arg.jsEvent.target as HTMLElement).closest('a[data-testid=calendar-url]')) return;
      navigate(`/w/${workspace.slug}/compose/${arg.event.id}`);
    },
    [navigate, workspace.slug],
  );

  const eventContent = useCallback(
    (arg: EventContentArg) => {
      const summary = summaryOf(arg);
      if (!summary) return true; // FullCalendar's own rendering
      const text = document.createElement('span');
      text.className = 'sw-day-more-text';
      text.textContent = arg.event.title;
      const failed = summary.hiddenByStatus.FAILED;
      if (failed) {
        const badge = document.createElement('span');
        badge.className = 'sw-day-more-failed';
        badge.textContent = `${t('status.FAILED')} ${failed}`;
        text.append(' ', badge);
      }
      return { domNodes: [text] };
    },
    [t],
  );

  const eventDidMount = useCallback(
    (arg: EventMountArg) => {
      const summary = summaryOf(arg);
      if (summary) {
        const label = summaryLabel(summary);
        arg.el.dataset.testid = 'calendar-more';
        arg.el.dataset.day = summary.day;
        arg.el.setAttribute('role', 'button');
        arg.el.setAttribute('aria-label', label);
        arg.el.title = label;
        return;
      }
      arg.el.dataset.postId = arg.event.id;
      const urls = (arg.event.extendedProps.urls ?? []) as PublishedLink[];
      if (urls.length) addLinks(arg.el, urls, (network) => t('calendar.link', { network }));
    },
    [summaryLabel, t],
  );

  const eventsSet = useCallback((set: EventApi[]) => {
    const started = renderStarted.current;
    if (!started) return;
    // One figure per built list: a drag changes FullCalendar's events too, but is no render of the list.
    renderStarted.current = 0;
    const posts = renderedPosts.current;
    const viewType = calendar.current?.getApi().view.type ?? '';
    // Until the frame after FullCalendar set the events: the month as the user sees it.
    requestAnimationFrame(() => {
      const figure: RenderFigure = { ms: performance.now() - started, events: set.length, posts, view: viewType };
      const w = window as unknown as { __swCalendarRenderMs?: number; __swCalendarRender?: RenderFigure };
      w.__swCalendarRenderMs = figure.ms;
      w.__swCalendarRender = figure;
    });
  }, []);

  const buttonText = useMemo(() => ({ today: t('calendar.today'), month: t('calendar.month'), week: t('calendar.week'), day: t('calendar.day'), prev: t('calendar.prev'), next: t('calendar.next') }), [t]);

  return (
    <>
      <PageTitle>{`${t('calendar.title')} · ${workspace.name}`}</PageTitle>
      {posts.error ? <ProblemAlert error={posts.error} onRetry={posts.reload} /> : null}
      <QuotaWarnings warnings={forecast.data ?? []} channelNames={channelNames} />
      <Card>
        <div ref={calendarBox}>
          <FullCalendar
            ref={calendar}
            plugins={PLUGINS}
            initialView={MONTH_VIEW}
            locale={LOCALES[language].fullCalendar}
            // The same first day as antd's pickers (and the campaign calendar) of this language.
            firstDay={LOCALES[language].firstDay}
            timeZone="local"
            headerToolbar={HEADER}
            buttonText={buttonText}
            // Words, not FullCalendar's arrow icons: those are role="img" spans without a name.
            buttonIcons={false}
            events={events}
            eventOrder={EVENT_ORDER}
            datesSet={datesSet}
            eventDrop={eventDrop}
            eventClick={eventClick}
            eventContent={eventContent}
            eventDidMount={eventDidMount}
            // The month view already draws a few events a day: nothing for FullCalendar to measure and hide.
            dayMaxEvents={false}
            height="auto"
            eventsSet={eventsSet}
          />
        </div>
      </Card>
    </>
  );
}
