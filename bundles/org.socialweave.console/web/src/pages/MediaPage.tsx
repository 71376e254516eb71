import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Popconfirm, Progress, Row, Segmented, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { AppstoreOutlined, CheckCircleOutlined, DeleteOutlined, InboxOutlined, UnorderedListOutlined, WarningOutlined } from '@ant-design/icons';
import { all, api, type Channel, type Network, type Page } from '../api';
import { useI18n } from '../i18n';
import { LoadMore, PageTitle, ProblemAlert, useAction, useLoad, usePagedList, useProblemText } from '../common';
import { useWorkspace } from '../workspace';
import { Thumbnail } from '../MediaThumbnail';
import { formatBytes, formatDimensions, formatDuration, formatType, mediaPath, uploadMedia, type MediaAsset, type MediaProblem } from '../media';

const PAGE_SIZE = 48;

interface UploadState {
  uid: string;
  name: string;
  percent: number;
  state: 'uploading' | 'done' | 'duplicate' | 'refused';
  detail?: string;
}

/** One tag per network: accepted, or what it would refuse (the media bundle's per-network checks). */
function NetworkChecks({ base, asset, networks }: { base: string; asset: MediaAsset; networks: Network[] }) {
  const { t, pick } = useI18n();
  const checks = useLoad(
    () =>
      Promise.all(
        networks.map(async (n) => ({
          network: n,
          problems: (await api.get<Page<MediaProblem>>(`${mediaPath(base, asset.id)}/problems?network=${encodeURIComponent(n.descriptor.id)}`)).items,
        })),
      ),
    [base, asset.id, networks],
  );
  if (checks.error) return <Typography.Text type="danger">{t('media.checksFailed')}</Typography.Text>;
  if (!checks.data) return <Typography.Text type="secondary">{t('media.checking')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap role="list" aria-label={t('media.suitability')}>
      {checks.data.map(({ network, problems }) => {
        const name = pick(network.descriptor.nameZh, network.descriptor.nameEn);
        const label = problems.length === 0 ? t('media.networkOk', { network: name }) : t('media.networkProblems', { network: name, details: problems.map((p) => p.detail).join('; ') });
        return (
          <Tooltip key={network.descriptor.id} title={problems.length ? problems.map((p) => <div key={p.rule}>{p.detail}</div>) : undefined}>
            <Tag
              role="listitem"
              tabIndex={0}
              aria-label={label}
              data-testid={`check-${network.descriptor.id}`}
              data-ok={problems.length === 0}
              color={problems.length === 0 ? 'success' : 'warning'}
              icon={problems.length === 0 ? <CheckCircleOutlined /> : <WarningOutlined />}
            >
              {name}
            </Tag>
          </Tooltip>
        );
      })}
    </Space>
  );
}

export default function MediaPage() {
  const { t, formatTime } = useI18n();
  const { workspace, base } = useWorkspace();
  const act = useAction();
  const problemText = useProblemText();
  const [view, setView] = useState<'grid' | 'list'>('grid');
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [duplicates, setDuplicates] = useState<Set<string>>(new Set());
  const list = usePagedList<MediaAsset>(mediaPath(base), PAGE_SIZE, (a) => a.id);
  const { first, items: assets, setItems: setAssets } = list;
  const channels = useLoad(() => all<Channel>(`${base}/channels`), [base]);
  const networks = useLoad(() => all<Network>('/networks'), []);
  // The networks the workspace publishes to; every network when it has no channel yet.
  const checked = useMemo(() => {
    const used = new Set((channels.data ?? []).map((c) => c.network));
    const list = networks.data ?? [];
    return used.size ? list.filter((n) => used.has(n.descriptor.id)) : list;
  }, [channels.data, networks.data]);

  const patch = (uid: string, change: Partial<UploadState>) => setUploads((list) => list.map((u) => (u.uid === uid ? { ...u, ...change } : u)));

  const upload = async (file: File & { uid: string }) => {
    setUploads((list) => [{ uid: file.uid, name: file.name, percent: 0, state: 'uploading' as const }, ...list].slice(0, 8));
    try {
      const { asset, duplicate } = await uploadMedia(base, file, (fraction) => patch(file.uid, { percent: Math.round(fraction * 100) }));
      patch(file.uid, { percent: 100, state: duplicate ? 'duplicate' : 'done' });
      if (duplicate) setDuplicates((d) => new Set(d).add(asset.id));
      setAssets((a) => [asset, ...a.filter((x) => x.id !== asset.id)]);
    } catch (e) {
      patch(file.uid, { state: 'refused', detail: problemText(e) });
    }
  };

  const remove = (asset: MediaAsset) =>
    act(() => api.del(mediaPath(base, asset.id)), t('media.deleted', { name: asset.fileName })).then(() => setAssets((a) => a.filter((x) => x.id !== asset.id)));

  const facts = (asset: MediaAsset) => [formatType(asset.mimeType), formatDimensions(asset), formatDuration(asset.duration), formatBytes(asset.sizeBytes)].filter(Boolean).join(' · ');

  const deleteButton = (asset: MediaAsset, withText: boolean) => (
    <Popconfirm key="delete" title={t('media.deleteConfirm', { name: asset.fileName })} okText={t('common.yes')} cancelText={t('common.no')} onConfirm={() => remove(asset)}>
      <Button size="small" danger type="text" icon={<DeleteOutlined />} aria-label={t('media.delete', { name: asset.fileName })} data-testid="media-delete">
        {withText ? t('common.delete') : null}
      </Button>
    </Popconfirm>
  );

  const duplicateTag = (asset: MediaAsset) =>
    duplicates.has(asset.id) ? (
      <Tag color="blue" data-testid="media-duplicate">
        {t('media.duplicateTag')}
      </Tag>
    ) : null;

  return (
    <>
      <PageTitle
        extra={
          <Segmented
            aria-label={t('media.view')}
            value={view}
            onChange={(v) => setView(v as 'grid' | 'list')}
            options={[
              { value: 'grid', icon: <AppstoreOutlined />, label: t('media.grid') },
              { value: 'list', icon: <UnorderedListOutlined />, label: t('media.list') },
            ]}
          />
        }
      >
        {`${t('media.title')} · ${workspace.name}`}
      </PageTitle>
      <div style={{ marginBottom: 16 }}>
        <Upload.Dragger
          multiple
          showUploadList={false}
          customRequest={({ file }) => upload(file as File & { uid: string })}
          aria-label={t('media.drop')}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('media.drop')}</p>
          <p className="ant-upload-hint">{t('media.dropHint')}</p>
        </Upload.Dragger>
      </div>
      {uploads.length ? (
        <div role="status" aria-live="polite" style={{ margin: '12px 0 16px' }} data-testid="media-uploads">
          {uploads.map((u) =>
            u.state === 'refused' ? (
              <Alert
                key={u.uid}
                type="error"
                showIcon
                closable
                onClose={() => setUploads((list) => list.filter((x) => x.uid !== u.uid))}
                data-testid="upload-problem"
                message={t('media.refused', { name: u.name })}
                description={u.detail}
                style={{ marginBottom: 8 }}
              />
            ) : (
              <div key={u.uid} style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
                <Typography.Text ellipsis style={{ width: 260 }}>
                  {u.state === 'duplicate' ? t('media.duplicate', { name: u.name }) : u.state === 'done' ? t('media.uploaded', { name: u.name }) : t('media.uploading', { name: u.name })}
                </Typography.Text>
                <Progress percent={u.percent} size="small" status={u.state === 'uploading' ? 'active' : 'success'} aria-label={t('media.uploading', { name: u.name })} style={{ flex: 1, margin: 0 }} />
              </div>
            ),
          )}
        </div>
      ) : null}
      {first.error ? <ProblemAlert error={first.error} onRetry={first.reload} /> : null}
      {!first.loading && assets.length === 0 && !first.error ? <Empty description={t('media.empty')} /> : null}
      {view === 'grid' ? (
        <Row gutter={[16, 16]} role="list" aria-label={t('media.title')}>
          {assets.map((asset) => (
            <Col key={asset.id} xs={24} sm={12} md={8} xl={6} xxl={4} role="listitem">
              <Card size="small" cover={<Thumbnail base={base} asset={asset} size={150} />} data-testid="media-card" actions={[deleteButton(asset, true)]}>
                <Typography.Text strong ellipsis title={asset.fileName} style={{ display: 'block' }}>
                  {asset.fileName}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="media-facts">
                  {facts(asset)}
                </Typography.Text>
                <div style={{ marginTop: 8 }}>{duplicateTag(asset)}</div>
                <div style={{ marginTop: 8 }}>
                  <NetworkChecks base={base} asset={asset} networks={checked} />
                </div>
              </Card>
            </Col>
          ))}
        </Row>
      ) : (
        <Table<MediaAsset>
          rowKey="id"
          dataSource={assets}
          loading={first.loading}
          pagination={false}
          size="small"
          scroll={{ x: 900 }}
          columns={[
            { title: t('media.preview'), key: 'thumb', width: 90, render: (_, a) => <Thumbnail base={base} asset={a} size={56} /> },
            { title: t('media.file'), dataIndex: 'fileName', ellipsis: true, render: (name: string, a) => <Space direction="vertical" size={0}>{name}{duplicateTag(a)}</Space> },
            { title: t('media.type'), dataIndex: 'mimeType', width: 80, render: formatType },
            { title: t('media.dimensions'), key: 'dim', width: 120, render: (_, a) => formatDimensions(a) ?? '—' },
            { title: t('media.duration'), key: 'dur', width: 90, render: (_, a) => formatDuration(a.duration) ?? '—' },
            { title: t('media.size'), dataIndex: 'sizeBytes', width: 90, render: formatBytes },
            { title: t('media.added'), dataIndex: 'createdAt', width: 160, responsive: ['lg'], render: (at: string) => formatTime(at) },
            { title: t('media.suitability'), key: 'checks', render: (_, a) => <NetworkChecks base={base} asset={a} networks={checked} /> },
            { title: t('common.actions'), key: 'actions', width: 80, render: (_, a) => deleteButton(a, false) },
          ]}
        />
      )}
      <LoadMore list={list} />
    </>
  );
}
