import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { all, api, seg, type Channel, type Membership } from '../api';
import { useI18n } from '../i18n';
import { panelWithoutTabStop } from '../PanelFocus';
import { Loadable, PageTitle, ProblemAlert, useLoad } from '../common';
import { useWorkspace } from '../workspace';
import { CAMPAIGN_STATUSES, campaignBody, KPIS, type Campaign, type CampaignStatus, type Kpi } from '../campaigns';

export const STATUS_COLORS: Record<CampaignStatus, string> = { PLANNED: 'default', ACTIVE: 'green', PAUSED: 'orange', COMPLETED: 'blue', ARCHIVED: 'default' };

interface FormValues {
  name: string;
  objective?: string;
  kpi?: Kpi;
  targetValue?: number | null;
  startsOn?: Dayjs;
  deadline?: Dayjs;
  ownerId?: string;
  channelIds?: string[];
  tags?: string[];
  status?: CampaignStatus;
}

/** The SMART goal in one line: "Reach 10000 by 2026-12-31". */
export function useGoalText() {
  const { t } = useI18n();
  return (c: Campaign) =>
    c.kpi ? t('campaigns.goalText', { kpi: t(`campaigns.kpi.${c.kpi}`), target: c.targetValue ?? '—', deadline: c.deadline ?? '—' }) : '—';
}

/** Create (no `campaign`) or edit a campaign; PUT carries the version it was read at (If-Match). */
export function CampaignDialog({ campaign, channels, members, onClose, onSaved }: {
  campaign?: Campaign;
  channels: Channel[];
  members: Membership[];
  onClose: () => void;
  onSaved: (c: Campaign) => void;
}) {
  const { t } = useI18n();
  const { base } = useWorkspace();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const required = (field: string) => [{ required: true, message: t('login.required', { field }) }];

  const submit = async (v: FormValues) => {
    setError(undefined);
    setSaving(true);
    const body = campaignBody({ ...v, startsOn: v.startsOn?.format('YYYY-MM-DD'), deadline: v.deadline?.format('YYYY-MM-DD') });
    try {
      const saved = campaign
        ? await api.put<Campaign>(`${base}/campaigns/${seg(campaign.id)}`, body, { headers: { 'If-Match': `"${campaign.version}"` } })
        : await api.post<Campaign>(`${base}/campaigns`, body);
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={campaign ? t('campaigns.edit') : t('campaigns.new')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnClose width={640}>
      {error ? <ProblemAlert error={error} /> : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          campaign
            ? { ...campaign, objective: campaign.objective ?? undefined, kpi: campaign.kpi ?? undefined, ownerId: campaign.ownerId ?? undefined, startsOn: campaign.startsOn ? dayjs(campaign.startsOn) : undefined, deadline: campaign.deadline ? dayjs(campaign.deadline) : undefined }
            : { status: 'PLANNED', channelIds: [], tags: [] }
        }
      >
        <Form.Item name="name" label={t('campaigns.name')} rules={required(t('campaigns.name'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="objective" label={t('campaigns.objective')} extra={t('campaigns.objectiveHint')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="kpi" label={t('campaigns.kpi')}>
              <Select allowClear options={KPIS.map((k) => ({ value: k, label: t(`campaigns.kpi.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="targetValue" label={t('campaigns.target')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="startsOn" label={t('campaigns.startsOn')}>
              <DatePicker panelRender={panelWithoutTabStop} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="deadline" label={t('campaigns.deadline')}>
              <DatePicker panelRender={panelWithoutTabStop} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('campaigns.status')}>
              <Select options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaigns.status.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="ownerId" label={t('campaigns.owner')}>
              <Select allowClear options={members.map((m) => ({ value: m.userId, label: m.username }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="channelIds" label={t('campaigns.channels')}>
          <Select mode="multiple" options={channels.map((c) => ({ value: c.id, label: `${c.displayName} (${c.network})` }))} />
        </Form.Item>
        <Form.Item name="tags" label={t('campaigns.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CampaignsPage() {
  const { t } = useI18n();
  const { workspace, base } = useWorkspace();
  const goal = useGoalText();
  const [status, setStatus] = useState<CampaignStatus>();
  const [editing, setEditing] = useState<Campaign | 'new'>();
  const campaigns = useLoad(() => all<Campaign>(`${base}/campaigns${status ? `?status=${status}` : ''}`), [base, status]);
  const channels = useLoad(() => all<Channel>(`${base}/channels`), [base]);
  const members = useLoad(() => all<Membership>(`${base}/members`).catch(() => [] as Membership[]), [base]);
  const owners = new Map((members.data ?? []).map((m) => [m.userId, m.username]));
  const channelNames = new Map((channels.data ?? []).map((c) => [c.id, c.displayName]));

  return (
    <>
      <PageTitle
        extra={
          <>
            <Select
              aria-label={t('campaigns.filterStatus')}
              allowClear
              placeholder={t('campaigns.allStatuses')}
              value={status}
              onChange={setStatus}
              style={{ minWidth: 160 }}
              options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaigns.status.${s}`) }))}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="campaign-new">
              {t('campaigns.new')}
            </Button>
          </>
        }
      >
        {`${t('campaigns.title')} · ${workspace.name}`}
      </PageTitle>
      <Loadable state={campaigns}>
        {(items) => (
          <Table<Campaign>
            rowKey="id"
            dataSource={items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 800 }}
            locale={{ emptyText: t('campaigns.empty') }}
            columns={[
              { title: t('campaigns.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/w/${workspace.slug}/campaigns/${c.id}`} data-testid="campaign-link">{name}</Link> },
              { title: t('campaigns.status'), dataIndex: 'status', width: 110, render: (s: CampaignStatus) => <Tag color={STATUS_COLORS[s]}>{t(`campaigns.status.${s}`)}</Tag> },
              { title: t('campaigns.owner'), dataIndex: 'ownerId', width: 140, render: (id?: string) => (id ? owners.get(id) ?? id : '—') },
              { title: t('campaigns.goal'), key: 'goal', render: (_, c) => goal(c) },
              { title: t('campaigns.channels'), dataIndex: 'channelIds', responsive: ['lg'], render: (ids: string[]) => ids.map((id) => <Tag key={id}>{channelNames.get(id) ?? id}</Tag>) },
              { title: t('campaigns.tags'), dataIndex: 'tags', responsive: ['xl'], render: (tags: string[]) => tags.map((tag) => <Tag key={tag} color="purple">{tag}</Tag>) },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 90,
                render: (_, c) => <Button size="small" icon={<EditOutlined />} aria-label={t('campaigns.editNamed', { name: c.name })} onClick={() => setEditing(c)} />,
              },
            ]}
          />
        )}
      </Loadable>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t('campaigns.hint')}</Typography.Paragraph>
      {editing ? (
        <CampaignDialog
          campaign={editing === 'new' ? undefined : editing}
          channels={channels.data ?? []}
          members={members.data ?? []}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            campaigns.reload();
          }}
        />
      ) : null}
    </>
  );
}
