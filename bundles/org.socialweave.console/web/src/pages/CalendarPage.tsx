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
        extendedProps: { status: p.status },
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
          eventClick={(arg) => arg.event.display !== 'background' && navigate(`/w/${workspace.slug}/compose/${arg.event.id}`)}
          dayMaxEvents={4}
          height="auto"
          eventsSet={() => {
            if (renderStarted.current) {
              (window as unknown as { __swCalendarRenderMs?: number }).__swCalendarRenderMs = performance.now() - renderStarted.current;
            }
          }}
        />
      </Card>
    </>
  );
}
