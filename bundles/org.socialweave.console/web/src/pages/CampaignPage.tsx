import { useMemo, useState, type KeyboardEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App as AntApp, Badge, Button, Calendar, Card, Col, Descriptions, Empty, List, Row, Segmented, Space, Tag, Typography } from 'antd';
import { CalendarOutlined, DownloadOutlined, EditOutlined, ImportOutlined, LeftOutlined, RightOutlined, UnorderedListOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { all, api, seg, type Channel, type Membership, type Post } from '../api';
import { useI18n } from '../i18n';
import { WithoutPanelTabStop } from '../PanelFocus';
import { Loadable, PageTitle, ProblemAlert, useAction, useLoad } from '../common';
import { useWorkspace } from '../workspace';
import { campaignRange, download, exportPath, warningsFor, type Campaign, type QuotaWarning } from '../campaigns';
import { loadQuotaForecast, QuotaWarnings } from '../QuotaWarnings';
import { StatusTag } from './PostStatus';
import { CampaignDialog, STATUS_COLORS, useGoalText } from './CampaignsPage';
import { CsvImportDialog } from './CsvImport';

/** Days (local, yyyy-mm-dd) that a quota window touches, for marking them on the small calendar. */
function warnedDays(warnings: QuotaWarning[]): Set<string> {
  const days = new Set<string>();
  for (const w of warnings) {
    for (let d = dayjs(w.from).startOf('day'); d.isBefore(dayjs(w.to)); d = d.add(1, 'day')) days.add(d.format('YYYY-MM-DD'));
  }
  return days;
}

function CampaignView({ campaign, onChanged }: { campaign: Campaign; onChanged: () => void }) {
  const { t, formatTime, formatDay } = useI18n();
  const { workspace, base } = useWorkspace();
  const { message } = AntApp.useApp();
  const act = useAction();
  const goal = useGoalText();
  const [view, setView] = useState<'calendar' | 'list'>('calendar');
  const [day, setDay] = useState<Dayjs>();
  const [panel, setPanel] = useState<Dayjs>(() => (campaign.startsOn ? dayjs(campaign.startsOn) : dayjs()));
  const [dialog, setDialog] = useState<'edit' | 'import'>();
  const range = useMemo(() => campaignRange(campaign), [campaign]);
  const channels = useLoad(() => all<Channel>(`${base}/channels`), [base]);
  const members = useLoad(() => all<Membership>(`${base}/members`).catch(() => [] as Membership[]), [base]);
  const posts = useLoad(() => all<Post>(`${base}/posts?campaignId=${seg(campaign.id)}`), [base, campaign.id]);
  const forecast = useLoad(() => loadQuotaForecast(base, range), [base, range.from, range.to]);

  const channelNames = useMemo(() => new Map((channels.data ?? []).map((c) => [c.id, c.displayName])), [channels.data]);
  const warnings = useMemo(() => {
    const networks = new Map((channels.data ?? []).map((c) => [c.id, c.network]));
    const used = new Set([...campaign.channelIds, ...(posts.data ?? []).flatMap((p) => p.variants.map((v) => v.channelId))]);
    return warningsFor(forecast.data ?? [], [...used], networks);
  }, [forecast.data, channels.data, posts.data, campaign.channelIds]);
  const warned = useMemo(() => warnedDays(warnings), [warnings]);
  const byDay = useMemo(() => {
    const map = new Map<string, Post[]>();
    for (const p of posts.data ?? []) {
      if (!p.scheduledAt) continue;
      const key = dayjs(p.scheduledAt).format('YYYY-MM-DD');
      map.set(key, [...(map.get(key) ?? []), p]);
    }
    return map;
  }, [posts.data]);
  const pickDay = (d: Dayjs) => setDay(day && d.isSame(day, 'day') ? undefined : d);
  /** The small calendar's days by keyboard: Enter or Space picks a day, the arrows move a day or a week. */
  const dayKeys = (d: Dayjs) => (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pickDay(d);
      return;
    }
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[e.key];
    if (!step) return;
    e.preventDefault();
    const target = e.currentTarget.closest('table')?.querySelector<HTMLElement>(`[data-date="${d.add(step, 'day').format('YYYY-MM-DD')}"][tabindex="0"]`);
    target?.focus();
  };
  const owner = members.data?.find((m) => m.userId === campaign.ownerId)?.username ?? campaign.ownerId ?? '—';
  const shown = (posts.data ?? []).filter((p) => !day || (p.scheduledAt && dayjs(p.scheduledAt).isSame(day, 'day')));

  const exportFile = (format: 'csv' | 'ics') =>
    act(() => download(exportPath(base, format, range, campaign.id), `${workspace.slug}-${campaign.name}.${format}`));

  return (
    <>
      <Link to={`/w/${workspace.slug}/campaigns`}>
        <LeftOutlined /> {t('campaigns.title')}
      </Link>
      <PageTitle
        extra={
          <>
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="campaign-edit">{t('campaigns.edit')}</Button>
            <Button icon={<ImportOutlined />} onClick={() => setDialog('import')} data-testid="campaign-import">{t('import.title')}</Button>
            <Button icon={<DownloadOutlined />} onClick={() => exportFile('csv')} data-testid="export-csv">{t('campaigns.exportCsv')}</Button>
            <Button icon={<DownloadOutlined />} onClick={() => exportFile('ics')} data-testid="export-ics">{t('campaigns.exportIcs')}</Button>
          </>
        }
      >
        {campaign.name}
      </PageTitle>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="campaign-goal">
          <Descriptions.Item label={t('campaigns.status')}>
            <Tag color={STATUS_COLORS[campaign.status]}>{t(`campaigns.status.${campaign.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.owner')}>{owner}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.goal')}>{goal(campaign)}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.objective')}>{campaign.objective ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.period')}>{`${campaign.startsOn ?? '…'} – ${campaign.deadline ?? '…'}`}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.channels')}>
            {campaign.channelIds.length ? campaign.channelIds.map((id) => <Tag key={id} className="sw-wrap">{channelNames.get(id) ?? id}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.tags')}>{campaign.tags.length ? campaign.tags.map((tag) => <Tag key={tag} color="purple">{tag}</Tag>) : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      {forecast.error ? <ProblemAlert error={forecast.error} onRetry={forecast.reload} /> : null}
      <QuotaWarnings warnings={warnings} channelNames={channelNames} />
      {posts.error ? <ProblemAlert error={posts.error} onRetry={posts.reload} /> : null}
      <Card
        size="small"
        title={t('campaigns.posts', { count: posts.data?.length ?? 0 })}
        extra={
          <Segmented
            aria-label={t('campaigns.postsView')}
            value={view}
            onChange={(v) => setView(v as 'calendar' | 'list')}
            options={[
              { value: 'calendar', icon: <CalendarOutlined />, label: t('campaigns.calendarView') },
              { value: 'list', icon: <UnorderedListOutlined />, label: t('campaigns.listView') },
            ]}
          />
        }
      >
        <Row gutter={16}>
          {view === 'calendar' ? (
            <Col xs={24} md={12} xl={10}>
              <WithoutPanelTabStop>
                <Calendar
                  fullscreen={false}
                  headerRender={({ value, onChange }) => (
                    <Space style={{ padding: 8 }}>
                      <Button size="small" icon={<LeftOutlined />} aria-label={t('campaigns.prevMonth')} onClick={() => onChange(value.subtract(1, 'month'))} />
                      <Typography.Text strong aria-live="polite" style={{ minWidth: 72, display: 'inline-block', textAlign: 'center' }}>{value.format('YYYY-MM')}</Typography.Text>
                      <Button size="small" icon={<RightOutlined />} aria-label={t('campaigns.nextMonth')} onClick={() => onChange(value.add(1, 'month'))} />
                    </Space>
                  )}
                  value={day ?? panel}
                  onChange={setPanel}
                  onSelect={(d, info) => info.source === 'date' && pickDay(d)}
                  fullCellRender={(d, info) => {
                    if (info.type !== 'date') return info.originNode;
                    const key = d.format('YYYY-MM-DD');
                    const count = byDay.get(key)?.length ?? 0;
                    const label = [formatDay(key), count ? t('campaigns.dayPosts', { count }) : '', warned.has(key) ? t('campaigns.dayOverQuota') : ''].filter(Boolean).join(', ');
                    // The shown month's days are tab stops (the other months' days are reached by the month buttons).
                    const inMonth = d.isSame(day ?? panel, 'month');
                    return (
                      <div
                        className={`ant-picker-cell-inner sw-cal-day${warned.has(key) ? ' sw-cal-warned' : ''}`}
                        role="button"
                        tabIndex={inMonth ? 0 : -1}
                        aria-label={label}
                        aria-pressed={!!day && d.isSame(day, 'day')}
                        data-date={key}
                        data-testid={count ? 'campaign-day' : undefined}
                        onKeyDown={dayKeys(d)}
                      >
                        <Badge count={count} size="small" color={warned.has(key) ? '#faad14' : '#1668dc'} offset={[6, -4]}>
                          {d.date()}
                        </Badge>
                      </div>
                    );
                  }}
                />
              </WithoutPanelTabStop>
            </Col>
          ) : null}
          <Col xs={24} md={view === 'calendar' ? 12 : 24} xl={view === 'calendar' ? 14 : 24}>
            {day ? (
              <Space style={{ marginBottom: 8 }}>
                <Typography.Text>{day.format('YYYY-MM-DD')}</Typography.Text>
                <Button size="small" onClick={() => setDay(undefined)}>{t('campaigns.allDays')}</Button>
              </Space>
            ) : null}
            {shown.length === 0 && !posts.loading ? <Empty description={t('campaigns.noPosts')} /> : null}
            <List<Post>
              size="small"
              loading={posts.loading}
              dataSource={shown}
              data-testid="campaign-posts"
              renderItem={(p) => (
                <List.Item key={p.id} extra={<StatusTag status={p.status} />}>
                  <List.Item.Meta
                    title={<Link to={`/w/${workspace.slug}/compose/${p.id}`}>{p.title || p.text.slice(0, 60)}</Link>}
                    description={`${formatTime(p.scheduledAt)} · ${p.variants.map((v) => channelNames.get(v.channelId) ?? v.network).join(', ')}`}
                  />
                </List.Item>
              )}
            />
          </Col>
        </Row>
      </Card>
      {dialog === 'edit' ? (
        <CampaignDialog
          campaign={campaign}
          channels={channels.data ?? []}
          members={members.data ?? []}
          onClose={() => setDialog(undefined)}
          onSaved={() => {
            setDialog(undefined);
            message.success(t('campaigns.saved', { name: campaign.name }));
            onChanged();
          }}
        />
      ) : null}
      {dialog === 'import' ? (
        <CsvImportDialog
          base={base}
          onClose={() => setDialog(undefined)}
          onImported={(count) => {
            setDialog(undefined);
            message.success(t('import.done', { count }));
            posts.reload();
            forecast.reload();
          }}
        />
      ) : null}
    </>
  );
}

export default function CampaignPage() {
  const { campaignId } = useParams();
  const { base } = useWorkspace();
  const campaign = useLoad(() => api.get<Campaign>(`${base}/campaigns/${seg(campaignId!)}`), [base, campaignId]);
  return <Loadable state={campaign}>{(c) => <CampaignView campaign={c} onChanged={campaign.reload} />}</Loadable>;
}
