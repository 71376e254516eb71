import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import interactionPlugin from '@fullcalendar/interaction';
import zhLocale from '@fullcalendar/core/locales/zh-cn';
import type { DatesSetArg, EventDropArg, EventInput } from '@fullcalendar/core';
import { App as AntApp, Card } from 'antd';
import { all, api, seg, type Channel, type Post, type PostStatus } from '../api';
import { useI18n } from '../i18n';
import { PageTitle, ProblemAlert, useLoad, useProblemText } from '../common';
import { useWorkspace } from '../workspace';
import { loadQuotaForecast, QuotaWarnings } from '../QuotaWarnings';

const STATUS_COLORS: Record<PostStatus, string> = {
  DRAFT: '#8c8c8c',
  SCHEDULED: '#1668dc',
  PUBLISHING: '#13c2c2',
  PUBLISHED: '#389e0d',
  PARTIALLY_PUBLISHED: '#d48806',
  FAILED: '#cf1322',
  CANCELLED: '#bfbfbf',
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
  events: number;
}

/** Posts by their planned time; dragging a scheduled post reschedules it. */
export default function CalendarPage() {
  const { t, language } = useI18n();
  const { workspace, base } = useWorkspace();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const problemText = useProblemText();
  const [range, setRange] = useState<{ from: string; to: string }>();
  const renderStarted = useRef(0);
  const channels = useLoad(() => all<Channel>(`${base}/channels`), [base]);
  const posts = useLoad(
    () => (range ? all<Post>(`${base}/posts?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`, 50) : Promise.resolve([] as Post[])),
    [base, range?.from, range?.to],
  );

  const forecast = useLoad(() => (range ? loadQuotaForecast(base, range) : Promise.resolve([])), [base, range?.from, range?.to]);
  const channelNames = useMemo(() => new Map((channels.data ?? []).map((c) => [c.id, c.displayName])), [channels.data]);

  const events = useMemo<EventInput[]>(() => {
    renderStarted.current = performance.now();
    return (posts.data ?? [])
      .filter((p) => p.scheduledAt)
      .map<EventInput>((p) => ({
        id: p.id,
        title: `${p.text.slice(0, 40)} · ${p.variants.map((v) => channelNames.get(v.channelId) ?? v.network).join(', ')}`,
        start: p.scheduledAt,
        color: STATUS_COLORS[p.status],
        editable: p.status === 'SCHEDULED',
        extendedProps: { status: p.status, urls: p.variants.filter((v) => v.url).map((v) => ({ network: v.network, url: v.url! })) },
      }))
      .concat((forecast.data ?? []).map<EventInput>((w) => ({ id: `quota-${w.channelId ?? w.network}-${w.from}`, start: w.from, end: w.to, display: 'background', color: '#faad14' })));
  }, [posts.data, channelNames, forecast.data]);

  const datesSet = useCallback((arg: DatesSetArg) => setRange({ from: arg.start.toISOString(), to: arg.end.toISOString() }), []);

  const drop = async (arg: EventDropArg) => {
    try {
      await api.post<Post>(`${base}/posts/${seg(arg.event.id)}/schedule`, { scheduledAt: arg.event.start!.toISOString(), timeZone: workspace.timeZone });
      message.success(t('posts.rescheduled', { time: arg.event.start!.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB') }));
    } catch (e) {
      arg.revert();
      message.error({ content: problemText(e), duration: 8 });
    }
  };

  return (
    <>
      <PageTitle>{`${t('calendar.title')} · ${workspace.name}`}</PageTitle>
      {posts.error ? <ProblemAlert error={posts.error} onRetry={posts.reload} /> : null}
      <QuotaWarnings warnings={forecast.data ?? []} channelNames={channelNames} />
      <Card>
        <FullCalendar
          plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin]}
          initialView="dayGridMonth"
          locale={language === 'zh' ? zhLocale : 'en-gb'}
          timeZone="local"
          headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,timeGridDay' }}
          buttonText={{ today: t('calendar.today'), month: t('calendar.month'), week: t('calendar.week'), day: t('calendar.day') }}
          events={events}
          datesSet={datesSet}
          eventDrop={drop}
          eventClick={(arg) => {
            // A published link opens the network's page, the rest of the event the post; quota bands open nothing.
            if (arg.event.display === 'background') return;
            if ((arg.jsEvent.target as HTMLElement).closest('a[data-testid=calendar-url]')) return;
            navigate(`/w/${workspace.slug}/compose/${arg.event.id}`);
          }}
          eventDidMount={(arg) => {
            const urls = (arg.event.extendedProps.urls ?? []) as PublishedLink[];
            if (urls.length) addLinks(arg.el, urls, (network) => t('calendar.link', { network }));
          }}
          dayMaxEvents={4}
          height="auto"
          eventsSet={(set) => {
            const started = renderStarted.current;
            if (!started) return;
            // Until the frame after FullCalendar set the events: the month as the user sees it.
            requestAnimationFrame(() => {
              const figure: RenderFigure = { ms: performance.now() - started, events: set.length };
              const w = window as unknown as { __swCalendarRenderMs?: number; __swCalendarRender?: RenderFigure };
              w.__swCalendarRenderMs = figure.ms;
              w.__swCalendarRender = figure;
            });
          }}
        />
      </Card>
    </>
  );
}
