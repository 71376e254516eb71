import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { all, api, isOAuth, seg, type Channel, type Network } from '../api';
import { useI18n } from '../i18n';
import { Loadable, PageTitle, ProblemAlert, useAction, useLoad } from '../common';
import { useWorkspace } from '../workspace';

const HEALTH_COLOR = { HEALTHY: 'green', EXPIRING: 'orange', NEEDS_RECONNECT: 'red' } as const;

export function HealthTag({ channel }: { channel: Channel }) {
  const { t, formatTime } = useI18n();
  const health = channel.health;
  const label = t(`channels.health.${health.state}`);
  const expiry = health.expiresInDays != null && health.state !== 'NEEDS_RECONNECT' ? ` · ${t('channels.expiresIn', { days: health.expiresInDays })}` : '';
  return (
    <Tooltip title={[health.detail, health.checkedAt ? t('channels.checked', { time: formatTime(health.checkedAt) }) : null].filter(Boolean).join(' — ')}>
      <Tag color={HEALTH_COLOR[health.state]} data-testid={`health-${channel.network}`} tabIndex={0}>
        {label}
        {expiry}
      </Tag>
    </Tooltip>
  );
}

/** Connect a new channel, or reconnect `channel`: typed fields, or the network's OAuth page. */
function ConnectDialog({ networks, channel, onClose, onConnected }: { networks: Network[]; channel?: Channel; onClose: () => void; onConnected: (c: Channel) => void }) {
  const { t, pick } = useI18n();
  const { base } = useWorkspace();
  const location = useLocation();
  const [networkId, setNetworkId] = useState<string | undefined>(channel?.network);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const network = networks.find((n) => n.descriptor.id === networkId);
  const networkName = network ? pick(network.descriptor.nameZh, network.descriptor.nameEn) : '';

  const submit = async (fields: Record<string, string>) => {
    if (!network) return;
    setBusy(true);
    setError(undefined);
    try {
      if (isOAuth(network)) {
        // The real redirect: the network's consent page, then its callback sends the browser back here.
        const started = await api.post<{ authorizationUrl: string }>(`${base}/channels/authorizations`, {
          network: network.descriptor.id,
          channelId: channel?.id,
          returnTo: location.pathname,
        });
        window.location.assign(started.authorizationUrl);
        return;
      }
      const connected = channel
        ? await api.post<Channel>(`${base}/channels/${seg(channel.id)}/reconnect`, { fields })
        : await api.post<Channel>(`${base}/channels`, { network: network.descriptor.id, fields });
      onConnected(connected);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={channel ? `${t('channels.reconnect')} · ${channel.displayName}` : t('channels.connect')}
      onCancel={onClose}
      okText={network && isOAuth(network) ? t('channels.oauthGo', { network: networkName }) : channel ? t('channels.reconnect') : t('channels.connect')}
      okButtonProps={{ disabled: !network, loading: busy, 'data-testid': 'connect-submit' } as object}
      onOk={() => form.submit()}
      destroyOnClose
    >
      {error ? <ProblemAlert error={error} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item label={t('channels.network')} required>
          <Select
            aria-label={t('channels.chooseNetwork')}
            data-testid="network-select"
            placeholder={t('channels.chooseNetwork')}
            value={networkId}
            disabled={!!channel}
            onChange={(value) => {
              setNetworkId(value);
              setError(undefined);
              form.resetFields();
            }}
            options={networks.map((n) => ({ value: n.descriptor.id, label: pick(n.descriptor.nameZh, n.descriptor.nameEn) }))}
          />
        </Form.Item>
        {network && isOAuth(network) ? <Alert type="info" showIcon message={t('channels.oauthHint', { network: networkName })} /> : null}
        {network && !isOAuth(network) ? (
          <>
            {network.connectFlow.fields.map((field) => (
              <Form.Item
                key={field.name}
                name={field.name}
                label={pick(field.labelZh, field.labelEn)}
                rules={[{ required: true, message: t('login.required', { field: pick(field.labelZh, field.labelEn) }) }]}
              >
                {field.secret ? <Input.Password autoComplete="off" data-testid={`field-${field.name}`} /> : <Input autoComplete="off" data-testid={`field-${field.name}`} />}
              </Form.Item>
            ))}
            <Typography.Text type="secondary">{t('channels.fieldsHint')}</Typography.Text>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

export default function ChannelsPage() {
  const { t, pick, formatTime } = useI18n();
  const { workspace, base } = useWorkspace();
  const act = useAction();
  const location = useLocation();
  const navigate = useNavigate();
  const channels = useLoad(() => all<Channel>(`${base}/channels`), [base]);
  const networks = useLoad(() => all<Network>('/networks'), []);
  const [dialog, setDialog] = useState<{ channel?: Channel } | null>(null);
  const [busy, setBusy] = useState<string>();
  const [oauthOutcome, setOauthOutcome] = useState<{ error?: string; connected?: boolean }>();

  // Back from an OAuth consent: ?channel=<id> or ?connectError=<reason>.
  useEffect(() => {
    const query = new URLSearchParams(location.search);
    if (query.has('channel') || query.has('connectError')) {
      setOauthOutcome(query.has('channel') ? { connected: true } : { error: query.get('connectError') ?? '' });
      navigate(location.pathname, { replace: true });
    }
  }, [location, navigate]);

  const networkName = (id: string) => {
    const n = networks.data?.find((x) => x.descriptor.id === id);
    return n ? pick(n.descriptor.nameZh, n.descriptor.nameEn) : id;
  };

  const run = async (channel: Channel, what: 'test' | 'refresh', success: string) => {
    setBusy(`${what}-${channel.id}`);
    await act(() => api.post(`${base}/channels/${seg(channel.id)}/${what}`), success);
    setBusy(undefined);
    channels.reload();
  };

  return (
    <>
      <PageTitle
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={channels.reload} aria-label={t('common.refresh')} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})} disabled={!networks.data} data-testid="connect-channel">
              {t('channels.connect')}
            </Button>
          </>
        }
      >
        {`${t('channels.title')} · ${workspace.name}`}
      </PageTitle>
      {oauthOutcome?.connected ? <Alert type="success" showIcon closable message={t('channels.connected', { name: '' }).trim()} style={{ marginBottom: 16 }} /> : null}
      {oauthOutcome?.error ? <Alert type="error" showIcon closable role="alert" data-testid="problem" message={t('channels.connectError', { detail: oauthOutcome.error })} style={{ marginBottom: 16 }} /> : null}
      {networks.error ? <ProblemAlert error={networks.error} onRetry={networks.reload} /> : null}
      <Loadable state={channels}>
        {(items) => (
          <Table<Channel>
            rowKey="id"
            dataSource={items}
            loading={channels.loading}
            pagination={false}
            scroll={{ x: 760 }}
            locale={{ emptyText: t('channels.empty') }}
            columns={[
              { title: t('channels.network'), dataIndex: 'network', render: (id: string) => <strong>{networkName(id)}</strong>, width: 120 },
              { title: t('channels.account'), dataIndex: 'displayName', render: (name: string, c) => <span title={c.accountId}>{name}</span> },
              { title: t('channels.health'), key: 'health', render: (_, c) => <HealthTag channel={c} />, width: 200 },
              { title: t('common.created'), dataIndex: 'connectedAt', render: (at: string) => formatTime(at, workspace.timeZone), width: 170, responsive: ['lg'] },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 330,
                render: (_, c) => (
                  <Space size={4} wrap>
                    <Button size="small" loading={busy === `test-${c.id}`} onClick={() => run(c, 'test', t('channels.tested', { name: c.displayName }))} data-testid={`test-${c.network}`}>
                      {t('channels.test')}
                    </Button>
                    <Button size="small" loading={busy === `refresh-${c.id}`} onClick={() => run(c, 'refresh', t('channels.refreshed', { name: c.displayName }))}>
                      {t('channels.refresh')}
                    </Button>
                    <Button size="small" onClick={() => setDialog({ channel: c })}>
                      {t('channels.reconnect')}
                    </Button>
                    <Popconfirm
                      title={t('channels.disconnectConfirm', { name: c.displayName })}
                      okText={t('common.yes')}
                      cancelText={t('common.no')}
                      onConfirm={async () => {
                        await act(() => api.del(`${base}/channels/${seg(c.id)}`), t('channels.disconnected', { name: c.displayName }));
                        channels.reload();
                      }}
                    >
                      <Button size="small" danger>
                        {t('channels.disconnect')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Loadable>
      {dialog && networks.data ? (
        <ConnectDialog
          networks={networks.data}
          channel={dialog.channel}
          onClose={() => setDialog(null)}
          onConnected={(c) => {
            setDialog(null);
            act(async () => c, t('channels.connected', { name: c.displayName }));
            channels.reload();
          }}
        />
      ) : null}
    </>
  );
}
