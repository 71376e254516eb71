import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, Popconfirm, Row, Select, Space, Switch, Tabs, Typography } from 'antd';
import { SendOutlined, ClockCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { all, api, ApiError, seg, type Channel, type Network, type Post, type PostBody } from '../api';
import { useI18n } from '../i18n';
import { PageTitle, ProblemAlert, useAction, useLoad } from '../common';
import { useWorkspace } from '../workspace';
import { countText, overBy } from '../textCount';
import { StatusTag, VariantStatusList } from './PostStatus';

interface Draft {
  text: string;
  title: string;
  link: string;
  channelIds: string[];
  variantTexts: Record<string, string>;
}

const EMPTY: Draft = { text: '', title: '', link: '', channelIds: [], variantTexts: {} };
const AUTOSAVE_MS = 1200;

function draftOf(post: Post): Draft {
  const variantTexts: Record<string, string> = {};
  post.variants.filter((v) => v.customText).forEach((v) => (variantTexts[v.channelId] = v.text));
  return { text: post.text ?? '', title: post.title ?? '', link: post.link ?? '', channelIds: post.variants.map((v) => v.channelId), variantTexts };
}

function bodyOf(draft: Draft, timeZone: string): PostBody {
  const variantTexts: Record<string, string> = {};
  for (const id of draft.channelIds) if (draft.variantTexts[id] !== undefined) variantTexts[id] = draft.variantTexts[id];
  return { text: draft.text, title: draft.title || undefined, link: draft.link || undefined, channelIds: draft.channelIds, timeZone, variantTexts };
}

/** A count that turns red over the network's limit, announced politely to screen readers. */
function Counter({ text, network }: { text: string; network?: Network }) {
  const { t } = useI18n();
  if (!network) return null;
  const limit = network.descriptor.text;
  const over = overBy(text, limit);
  return (
    <span className={over ? 'sw-over' : undefined} aria-live="polite" data-testid={`count-${network.descriptor.id}`}>
      {t('posts.count', { length: countText(text, limit), max: limit.maxLength })}
    </span>
  );
}

export default function ComposePage() {
  const { t, pick, formatTime } = useI18n();
  const { workspace, base } = useWorkspace();
  const { postId } = useParams();
  const navigate = useNavigate();
  const act = useAction();
  const storageKey = `socialweave.draft.${workspace.slug}.${postId ?? 'new'}`;
  const channels = useLoad(() => all<Channel>(`${base}/channels`), [base]);
  const networks = useLoad(() => all<Network>('/networks'), []);
  const [post, setPost] = useState<Post>();
  const [draft, setDraft] = useState<Draft>(() => {
    const kept = localStorage.getItem(storageKey);
    return kept ? { ...EMPTY, ...JSON.parse(kept) } : EMPTY;
  });
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [conflict, setConflict] = useState(false);
  const [when, setWhen] = useState<Dayjs | null>(null);
  const [zone, setZone] = useState(workspace.timeZone);
  const saving$ = useRef(false);

  const loadPost = useCallback(async () => {
    if (!postId) return;
    const loaded = await api.get<Post>(`${base}/posts/${seg(postId)}`);
    setPost(loaded);
    setZone(loaded.timeZone || workspace.timeZone);
    if (!localStorage.getItem(storageKey)) setDraft(draftOf(loaded));
    return loaded;
  }, [postId, base, storageKey, workspace.timeZone]);

  useEffect(() => {
    loadPost().catch(setError);
  }, [loadPost]);

  const networkOf = useCallback((id?: string) => networks.data?.find((n) => n.descriptor.id === id), [networks.data]);
  const channelById = useMemo(() => new Map((channels.data ?? []).map((c) => [c.id, c])), [channels.data]);
  const channelLabel = (c: Channel) => `${pick(networkOf(c.network)?.descriptor.nameZh ?? c.network, networkOf(c.network)?.descriptor.nameEn ?? c.network)} · ${c.displayName}`;

  const edit = (change: Partial<Draft>) => {
    setDraft((d) => {
      const next = { ...d, ...change };
      // Kept in the browser too: a reload, a crash or an expired session never loses the text.
      localStorage.setItem(storageKey, JSON.stringify(next));
      return next;
    });
    setDirty(true);
  };

  const save = useCallback(async () => {
    if (saving$.current || conflict) return;
    if (!draft.text.trim() || draft.channelIds.length === 0) return;
    if (post && post.status !== 'DRAFT') return;
    saving$.current = true;
    setSaving(true);
    setError(undefined);
    try {
      const body = bodyOf(draft, zone);
      const saved = post
        ? await api.put<Post>(`${base}/posts/${seg(post.id)}`, body, { headers: { 'If-Match': `"${post.version}"` } })
        : await api.post<Post>(`${base}/posts`, body);
      setPost(saved);
      setDirty(false);
      setSavedAt(new Date().toISOString());
      localStorage.removeItem(storageKey);
      if (!post) navigate(`/w/${workspace.slug}/compose/${saved.id}`, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setConflict(true);
      else setError(e);
    } finally {
      saving$.current = false;
      setSaving(false);
    }
  }, [draft, post, zone, base, storageKey, navigate, workspace.slug, conflict]);

  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(save, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, draft, save]);

  const command = async (what: 'publish' | 'schedule' | 'cancel') => {
    if (!post) return;
    if (dirty) await save();
    const body = what === 'schedule' && when ? { localTime: when.format('YYYY-MM-DDTHH:mm'), timeZone: zone } : undefined;
    const next = await act(() => api.post<Post>(`${base}/posts/${seg(post.id)}/${what}`, body));
    if (next) setPost(next);
  };

  const selected = draft.channelIds.map((id) => channelById.get(id)).filter((c): c is Channel => !!c);
  const editable = !post || post.status === 'DRAFT';

  const tabs = [
    {
      key: 'master',
      label: t('posts.master'),
      children: (
        <Form layout="vertical">
          <Form.Item label={t('posts.text')} htmlFor="post-text">
            <Input.TextArea id="post-text" data-testid="post-text" value={draft.text} disabled={!editable} autoSize={{ minRows: 6, maxRows: 16 }} onChange={(e) => edit({ text: e.target.value })} />
          </Form.Item>
          <Space wrap size="large">
            {selected.map((c) => (
              <span key={c.id}>
                {channelLabel(c)}: <Counter text={draft.variantTexts[c.id] ?? draft.text} network={networkOf(c.network)} />
              </span>
            ))}
          </Space>
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col xs={24} md={12}>
              <Form.Item label={t('posts.link')} htmlFor="post-link">
                <Input id="post-link" type="url" value={draft.link} disabled={!editable} onChange={(e) => edit({ link: e.target.value })} placeholder="https://" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('posts.postTitle')} htmlFor="post-title">
                <Input id="post-title" value={draft.title} disabled={!editable} onChange={(e) => edit({ title: e.target.value })} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      ),
    },
    ...selected.map((c) => {
      const network = networkOf(c.network);
      const custom = draft.variantTexts[c.id] !== undefined;
      const text = custom ? draft.variantTexts[c.id] : draft.text;
      const variant = post?.variants.find((v) => v.channelId === c.id);
      const over = network ? overBy(text, network.descriptor.text) : 0;
      return {
        key: c.id,
        label: (
          <span>
            {pick(network?.descriptor.nameZh ?? c.network, network?.descriptor.nameEn ?? c.network)} <Counter text={text} network={network} />
          </span>
        ),
        children: (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space>
              <Switch
                checked={custom}
                disabled={!editable}
                aria-label={t('posts.customText')}
                onChange={(on) => {
                  const variantTexts = { ...draft.variantTexts };
                  if (on) variantTexts[c.id] = draft.text;
                  else delete variantTexts[c.id];
                  edit({ variantTexts });
                }}
              />
              <span>{custom ? t('posts.customText') : t('posts.useMaster')}</span>
            </Space>
            <Input.TextArea
              aria-label={`${t('posts.text')} · ${channelLabel(c)}`}
              value={text}
              disabled={!custom || !editable}
              autoSize={{ minRows: 5, maxRows: 14 }}
              onChange={(e) => edit({ variantTexts: { ...draft.variantTexts, [c.id]: e.target.value } })}
            />
            {over > 0 ? <Alert type="warning" showIcon message={t('posts.tooLong', { network: network ? pick(network.descriptor.nameZh, network.descriptor.nameEn) : c.network, over })} /> : null}
            {variant?.warnings?.map((w) => <Alert key={w} type="warning" showIcon message={w} />)}
            <Card size="small" title={c.displayName} style={{ whiteSpace: 'pre-wrap', background: '#fafafa' }}>
              {variant && !dirty ? variant.text : text}
              {draft.link ? <div><Typography.Link>{draft.link}</Typography.Link></div> : null}
            </Card>
          </Space>
        ),
      };
    }),
  ];

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Typography.Text type="secondary" aria-live="polite" data-testid="save-state">
              {saving ? t('posts.saving') : savedAt ? t('posts.saved', { time: formatTime(savedAt) }) : dirty ? t('posts.unsaved') : ''}
            </Typography.Text>
            {post ? <StatusTag status={post.status} /> : null}
          </Space>
        }
      >
        {post ? t('posts.edit') : t('posts.new')}
      </PageTitle>
      {conflict ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="conflict"
          message={t('posts.conflict')}
          action={
            <Button
              onClick={async () => {
                const theirs = await loadPost();
                if (theirs) {
                  setConflict(false);
                  setDraft(draftOf(theirs));
                  setDirty(false);
                  localStorage.removeItem(storageKey);
                }
              }}
            >
              {t('posts.reloadTheirs')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {error ? <ProblemAlert error={error} /> : null}
      {channels.error ? <ProblemAlert error={channels.error} onRetry={channels.reload} /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card>
            <Tabs items={tabs} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('posts.channels')} size="small" style={{ marginBottom: 16 }}>
            <Checkbox.Group
              aria-label={t('posts.channels')}
              value={draft.channelIds}
              disabled={!editable}
              onChange={(ids) => edit({ channelIds: ids as string[] })}
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={(channels.data ?? []).map((c) => ({ value: c.id, label: channelLabel(c) }))}
            />
          </Card>
          <Card title={t('posts.schedule')} size="small" style={{ marginBottom: 16 }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <DatePicker aria-label={t('posts.pickTime')} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={when} onChange={setWhen} style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
              <Select aria-label={t('posts.zone')} showSearch value={zone} onChange={setZone} style={{ width: '100%' }}
                options={(Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone').map((z) => ({ value: z, label: z })) ?? [{ value: zone, label: zone }]} />
              <Space wrap>
                <Button icon={<ClockCircleOutlined />} disabled={!post || !when || !editable} onClick={() => command('schedule')}>
                  {t('posts.schedule')}
                </Button>
                <Button type="primary" icon={<SendOutlined />} disabled={!post || !editable} onClick={() => command('publish')} data-testid="publish-now">
                  {t('posts.publishNow')}
                </Button>
                {post && post.status === 'SCHEDULED' ? <Button onClick={() => command('cancel')}>{t('posts.cancel')}</Button> : null}
                {post && post.status === 'DRAFT' ? (
                  <Popconfirm title={t('common.confirm')} okText={t('common.yes')} cancelText={t('common.no')}
                    onConfirm={() => act(() => api.del(`${base}/posts/${seg(post.id)}`)).then(() => navigate(`/w/${workspace.slug}/posts`))}>
                    <Button danger>{t('posts.delete')}</Button>
                  </Popconfirm>
                ) : null}
              </Space>
              {post?.scheduledAt ? <Typography.Text>{t('posts.scheduledAt')}: {formatTime(post.scheduledAt, post.timeZone)}</Typography.Text> : null}
            </Space>
          </Card>
          {post && post.status !== 'DRAFT' ? (
            <Card title={t('common.status')} size="small" extra={<Button size="small" onClick={() => loadPost().catch(setError)}>{t('common.refresh')}</Button>}>
              <VariantStatusList post={post} base={base} channelName={(v) => (channelById.get(v.channelId) ? channelLabel(channelById.get(v.channelId)!) : v.network)} onChange={setPost} />
            </Card>
          ) : null}
        </Col>
      </Row>
    </>
  );
}
