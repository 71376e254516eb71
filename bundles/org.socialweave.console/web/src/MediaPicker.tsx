// The compose screen's media: the assets a post (or one channel) carries, chosen from the
// workspace's media library or uploaded from the picker, with the network's rules and what the
// media bundle finds unsuitable for it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Empty, Modal, Progress, Row, Space, Tag, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, CloseOutlined, PictureOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { api, type Network, type Page } from './api';
import { LoadMore, ProblemAlert, useLoad, usePagedList, useProblemText } from './common';
import { mediaCountProblem, mediaTypes } from './compose';
import { useI18n } from './i18n';
import { formatBytes, formatType, mediaPath, uploadMedia, type MediaAsset, type MediaProblem } from './media';
import { Thumbnail } from './MediaThumbnail';

/** Known assets by id; `false` for an id the library no longer has. */
export type AssetCache = Record<string, MediaAsset | false>;

/** The assets of `ids` (loaded once each), and `remember` for those the screen got otherwise. */
export function useMediaAssets(base: string, ids: string[]) {
  const [assets, setAssets] = useState<AssetCache>({});
  const asked = useRef(new Set<string>());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    for (const id of key ? key.split(',') : []) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      api
        .get<MediaAsset>(mediaPath(base, id))
        .then((asset) => setAssets((a) => ({ ...a, [id]: asset })))
        .catch(() => setAssets((a) => ({ ...a, [id]: false })));
    }
  }, [base, key]);
  const remember = useCallback((asset: MediaAsset) => {
    asked.current.add(asset.id);
    setAssets((a) => ({ ...a, [asset.id]: asset }));
  }, []);
  return { assets, remember };
}

/** What the network takes, in one line. */
export function MediaRulesText({ network }: { network: Network }) {
  const { t, pick } = useI18n();
  const rules = network.descriptor.media;
  const name = pick(network.descriptor.nameZh, network.descriptor.nameEn);
  if (!rules) return null;
  if (rules.maxImages === 0 && rules.maxVideos === 0) return <Typography.Text type="secondary">{t('compose.rulesNone', { network: name })}</Typography.Text>;
  const types = mediaTypes(rules);
  const parts = [
    rules.maxImages ? t('compose.rulesImages', { max: rules.maxImages, size: formatBytes(rules.maxImageBytes) }) : null,
    rules.maxVideos ? t('compose.rulesVideos', { max: rules.maxVideos, size: formatBytes(rules.maxVideoBytes) }) : null,
    rules.maxImages && rules.maxVideos && !rules.imagesWithVideo ? t('compose.rulesNoMix') : null,
  ].filter(Boolean);
  return (
    <Typography.Text type="secondary" data-testid={`media-rules-${network.descriptor.id}`}>
      {t('compose.rules', { network: name })}: {parts.join('; ')} · {types.join(', ')}
    </Typography.Text>
  );
}

/** Whether the media bundle finds the asset suitable for the network, with its reasons. */
function Suitability({ base, asset, network }: { base: string; asset: MediaAsset; network: Network }) {
  const { t, pick } = useI18n();
  const id = network.descriptor.id;
  const checks = useLoad(() => api.get<Page<MediaProblem>>(`${mediaPath(base, asset.id)}/problems?network=${encodeURIComponent(id)}`), [base, asset.id, id]);
  const name = pick(network.descriptor.nameZh, network.descriptor.nameEn);
  if (!checks.data) return null;
  const problems = checks.data.items;
  return problems.length === 0 ? (
    <Tag color="success" icon={<CheckCircleOutlined />} data-testid="media-fits">
      {t('compose.fits', { network: name })}
    </Tag>
  ) : (
    <Typography.Text type="warning" data-testid="media-unfit" style={{ fontSize: 12 }}>
      <WarningOutlined /> {t('compose.doesNotFit', { network: name, details: problems.map((p) => p.detail).join('; ') })}
    </Typography.Text>
  );
}

interface FieldProps {
  base: string;
  ids: string[];
  onChange: (ids: string[]) => void;
  assets: AssetCache;
  remember: (asset: MediaAsset) => void;
  /** What the media are for, in the picker's title ("Master copy", "Weibo · brand"). */
  target: string;
  /** The network the media go to: its rules and per-asset checks are shown. */
  network?: Network;
  disabled?: boolean;
  /** The server's refusal of these media on the last save. */
  problem?: unknown;
  testId: string;
}

/** The chosen media in order, each removable or movable by keyboard, and the library picker. */
export function MediaField({ base, ids, onChange, assets, remember, target, network, disabled, problem, testId }: FieldProps) {
  const { t } = useI18n();
  const [picking, setPicking] = useState(false);
  const known = ids.map((id) => assets[id]).filter((a): a is MediaAsset => !!a);
  const count = network?.descriptor.media && known.length === ids.length ? mediaCountProblem(known, network.descriptor.media) : null;
  const nameOf = (id: string) => (assets[id] ? (assets[id] as MediaAsset).fileName : id);
  const move = (index: number) => onChange(ids.map((id, i) => (i === index - 1 ? ids[index] : i === index ? ids[index - 1] : id)));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={testId}>
      {network ? <MediaRulesText network={network} /> : null}
      {ids.length === 0 ? <Typography.Text type="secondary">{t('compose.noMedia')}</Typography.Text> : null}
      <div role="list" aria-label={`${t('compose.media')} · ${target}`} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {ids.map((id, index) => {
          const asset = assets[id];
          return (
            <Card key={id} size="small" role="listitem" style={{ width: 180 }} data-testid="chosen-media" data-asset={id} styles={{ body: { padding: 8 } }}>
              {asset ? <Thumbnail base={base} asset={asset} size={90} /> : null}
              <Typography.Text ellipsis title={nameOf(id)} style={{ display: 'block', fontSize: 12 }}>
                {nameOf(id)}
              </Typography.Text>
              {asset === false ? <Tag color="error">{t('compose.missing')}</Tag> : null}
              {asset && network ? <Suitability base={base} asset={asset} network={network} /> : null}
              {disabled ? null : (
                <Space size={0}>
                  {index > 0 ? <Button size="small" type="text" icon={<ArrowLeftOutlined />} aria-label={t('compose.moveUp', { name: nameOf(id) })} onClick={() => move(index)} /> : null}
                  <Button size="small" type="text" danger icon={<CloseOutlined />} aria-label={t('compose.remove', { name: nameOf(id) })} data-testid="remove-media" onClick={() => onChange(ids.filter((x) => x !== id))} />
                </Space>
              )}
            </Card>
          );
        })}
      </div>
      {count ? <Alert type="warning" showIcon message={t(count.key, count.values)} data-testid="media-count-problem" /> : null}
      {problem ? (
        <div data-testid="media-problem">
          <ProblemAlert error={problem} />
        </div>
      ) : null}
      {disabled ? null : (
        <Button icon={<PictureOutlined />} onClick={() => setPicking(true)} data-testid="choose-media">
          {t('compose.choose')}
        </Button>
      )}
      <Modal
        open={picking}
        title={t('compose.chooseFor', { target })}
        onCancel={() => setPicking(false)}
        footer={
          <Button type="primary" onClick={() => setPicking(false)} data-testid="choose-done">
            {t('common.done')}
          </Button>
        }
        width={880}
        destroyOnClose
      >
        <Library base={base} chosen={ids} onChange={onChange} remember={remember} network={network} />
      </Modal>
    </Space>
  );
}

interface UploadState {
  name: string;
  percent: number;
  problem?: unknown;
}

/** The workspace's library a page at a time, each asset a checkbox; an upload joins the choice. */
function Library({ base, chosen, onChange, remember, network }: { base: string; chosen: string[]; onChange: (ids: string[]) => void; remember: (asset: MediaAsset) => void; network?: Network }) {
  const { t } = useI18n();
  const problemText = useProblemText();
  const list = usePagedList<MediaAsset>(mediaPath(base), 24, (a) => a.id);
  const [upload, setUpload] = useState<UploadState>();
  // The choice as of the latest change: an upload finishing after a click must not undo it.
  const latest = useRef(chosen);
  latest.current = chosen;
  const toggle = (asset: MediaAsset, on: boolean) => {
    remember(asset);
    onChange(on ? [...latest.current.filter((id) => id !== asset.id), asset.id] : latest.current.filter((id) => id !== asset.id));
  };
  const send = async (file: File) => {
    setUpload({ name: file.name, percent: 0 });
    try {
      const { asset } = await uploadMedia(base, file, (f) => setUpload({ name: file.name, percent: Math.round(f * 100) }));
      list.setItems((items) => [asset, ...items.filter((a) => a.id !== asset.id)]);
      toggle(asset, true);
      setUpload(undefined);
    } catch (e) {
      setUpload({ name: file.name, percent: 0, problem: e });
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Upload showUploadList={false} customRequest={({ file }) => send(file as File)} accept="image/*,video/*">
          <Button icon={<UploadOutlined />} data-testid="picker-upload">
            {t('compose.upload')}
          </Button>
        </Upload>
        {network ? <MediaRulesText network={network} /> : null}
      </Space>
      {upload && !upload.problem ? <Progress percent={upload.percent} size="small" status="active" aria-label={t('media.uploading', { name: upload.name })} data-testid="picker-progress" /> : null}
      {upload?.problem ? (
        <Alert type="error" showIcon role="alert" closable onClose={() => setUpload(undefined)} data-testid="picker-upload-problem" message={t('media.refused', { name: upload.name })} description={problemText(upload.problem)} />
      ) : null}
      {list.first.error ? <ProblemAlert error={list.first.error} onRetry={list.first.reload} /> : null}
      {!list.first.loading && list.items.length === 0 && !list.first.error ? <Empty description={t('media.empty')} /> : null}
      <Row gutter={[12, 12]} role="list" aria-label={t('media.title')}>
        {list.items.map((asset) => (
          <Col key={asset.id} xs={12} sm={8} md={6} role="listitem">
            <Card size="small" cover={<Thumbnail base={base} asset={asset} size={100} />} data-testid="picker-asset" styles={{ body: { padding: 8 } }}>
              <Checkbox checked={chosen.includes(asset.id)} onChange={(e) => toggle(asset, e.target.checked)} data-testid="picker-check">
                <Typography.Text ellipsis style={{ maxWidth: 130, fontSize: 12 }} title={asset.fileName}>
                  {asset.fileName}
                </Typography.Text>
              </Checkbox>
              <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                {formatType(asset.mimeType)} · {formatBytes(asset.sizeBytes)}
              </div>
              {network ? <Suitability base={base} asset={asset} network={network} /> : null}
            </Card>
          </Col>
        ))}
      </Row>
      <LoadMore list={list} />
    </Space>
  );
}
