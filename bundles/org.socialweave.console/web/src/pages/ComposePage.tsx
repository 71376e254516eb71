import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Badge, Button, Card, Checkbox, Col, DatePicker, Form, Input, Modal, Popconfirm, Row, Select, Space, Switch, Tabs, Typography } from 'antd';
import { SendOutlined, ClockCircleOutlined, AuditOutlined, EllipsisOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { all, api, ApiError, seg, type Channel, type Network, type Post } from '../api';
import { useI18n } from '../i18n';
import { en, format } from '../messages';
import { panelWithoutTabStop } from '../PanelFocus';
import { PageTitle, ProblemAlert, useAction, useLoad, useProblemText } from '../common';
import { useWorkspace } from '../workspace';
import { countText, overBy } from '../textCount';
import { StatusTag, VariantStatusList } from './PostStatus';
import { applyRewrite, blocks, LiveChecks, workspaceChecker, type CheckReport, type Finding } from '../compliance';
import { FindingList, HighlightedTextArea } from '../Highlighted';
import { APPROVALS_CHANGED, canOverride, type ApprovalPolicy, type ApprovalRequest } from '../approval';
import { DecisionHistory, quoteIn, RequestStatusTag } from '../ApprovalHistory';
import { useSession } from '../session';
import { bodyOf, draftOf, EMPTY_DRAFT, keptDraft, mediaOf, mediaProblemChannel, parseHandle, parseTag, renderVariant, syntaxOf, type Draft } from '../compose';
import { MediaField, useMediaAssets } from '../MediaPicker';
import { TokenInput } from '../TokenInput';
import { Thumbnail } from '../MediaThumbnail';

const AUTOSAVE_MS = 1200;
const SCREEN_READER_ONLY = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;
const MASTER = 'master';

type Command = 'publish' | 'schedule' | 'cancel' | 'submit';

/** A report's findings count as a badge: red with blocking ones, orange with warnings. */
function FindingsBadge({ report }: { report?: CheckReport }) {
  if (!report || report.findings.length === 0) return null;
  const color = report.blockCount ? '#cf1322' : report.warnCount ? '#d48806' : '#1668dc';
  return <Badge count={report.findings.length} color={color} size="small" data-testid="findings-count" />;
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
  const { workspace, base, role } = useWorkspace();
  const { info } = useSession();
  const { postId } = useParams();
  const navigate = useNavigate();
  const act = useAction();
  const { message } = AntApp.useApp();
  const problemText = useProblemText();
  const storageKey = `socialweave.draft.${workspace.slug}.${postId ?? 'new'}`;
  const channels = useLoad(() => all<Channel>(`${base}/channels`), [base]);
  const networks = useLoad(() => all<Network>('/networks'), []);
  const [post, setPost] = useState<Post>();
  const [draft, setDraft] = useState<Draft>(() => keptDraft(localStorage.getItem(storageKey)) ?? EMPTY_DRAFT);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string>();
  const [error, setError] = useState<unknown>();
  // The 412 (or 409) that stopped the autosave: shown with its detail, and nothing is sent again.
  const [conflict, setConflict] = useState<unknown>();
  const [when, setWhen] = useState<Dayjs | null>(null);
  const [zone, setZone] = useState(workspace.timeZone);
  const saving$ = useRef(false);
  // Edits made while a save is in flight must survive its answer: the answer is of an older draft.
  const edits$ = useRef(0);
  const latest$ = useRef(draft);
  const [reports, setReports] = useState<Record<string, CheckReport>>({});
  const [checkError, setCheckError] = useState<unknown>();
  const [blocked, setBlocked] = useState<{ error: unknown; command: Command }>();
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const policy = useLoad(() => api.get<ApprovalPolicy>(`${base}/approval-policy`), [base]);
  const approvals = useLoad(
    () => (post ? all<ApprovalRequest>(`${base}/approvals?postId=${encodeURIComponent(post.id)}`) : Promise.resolve([] as ApprovalRequest[])),
    [base, post?.id],
  );
  const live = useMemo(
    () =>
      new LiveChecks(
        workspaceChecker(base),
        (key, report) => {
          setCheckError(undefined);
          setReports((r) => ({ ...r, [key]: report }));
        },
        (_key, e) => setCheckError(e),
      ),
    [base],
  );
  useEffect(() => () => live.dispose(), [live]);
  const checkedKeys = useRef<Set<string>>(new Set());

  const loads = useRef(0);
  const loadPost = useCallback(async () => {
    if (!postId) return;
    const mine = ++loads.current;
    const loaded = await api.get<Post>(`${base}/posts/${seg(postId)}`);
    // A reload answered after a newer one would put an older delivery state back on screen.
    if (mine !== loads.current) return loaded;
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
    edits$.current++;
    setDraft((d) => {
      const next = { ...d, ...change };
      latest$.current = next;
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
    const editsAtStart = edits$.current;
    try {
      const body = bodyOf(draft, zone);
      const saved = post
        ? await api.put<Post>(`${base}/posts/${seg(post.id)}`, body, { headers: { 'If-Match': `"${post.version}"` } })
        : await api.post<Post>(`${base}/posts`, body);
      setPost(saved);
      setSavedAt(new Date().toISOString());
      localStorage.removeItem(storageKey);
      if (edits$.current === editsAtStart) {
        setDirty(false);
      } else {
        // Typed while saving: kept under the saved post's key, so loading it keeps these edits, and
        // still dirty, so the autosave sends them next.
        localStorage.setItem(`socialweave.draft.${workspace.slug}.${saved.id}`, JSON.stringify(latest$.current));
      }
      if (!post) navigate(`/w/${workspace.slug}/compose/${saved.id}`, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 412 || e.status === 409)) setConflict(e);
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

  const command = async (what: Command) => {
    if (!post) return;
    if (dirty) await save();
    setBlocked(undefined);
    const body = what === 'schedule' && when ? { localTime: when.format('YYYY-MM-DDTHH:mm'), timeZone: zone } : undefined;
    try {
      if (what === 'submit') {
        await api.post<ApprovalRequest>(`${base}/posts/${seg(post.id)}/submit`);
        approvals.reload();
        window.dispatchEvent(new Event(APPROVALS_CHANGED));
        message.success(t('approval.submitted'));
      } else {
        setPost(await api.post<Post>(`${base}/posts/${seg(post.id)}/${what}`, body));
      }
    } catch (e) {
      // The server's checks blocked it: the detail stays on screen, with the override for those who may.
      if (e instanceof ApiError && e.status === 422) setBlocked({ error: e, command: what });
      else message.error({ content: problemText(e), duration: 8, className: 'sw-problem' });
    }
  };

  const override = async () => {
    if (!post || !blocked) return;
    setOverriding(true);
    try {
      setPost(await api.post<Post>(`${base}/posts/${seg(post.id)}/compliance-override`, { reason: reason.trim() }));
      const again = blocked.command;
      setBlocked(undefined);
      setReason('');
      message.success(t('compliance.overridden'));
      await command(again);
    } catch (e) {
      message.error({ content: problemText(e), duration: 8, className: 'sw-problem' });
    } finally {
      setOverriding(false);
    }
  };


  const selected = draft.channelIds.map((id) => channelById.get(id)).filter((c): c is Channel => !!c);
  const editable = !post || post.status === 'DRAFT';
  const textOf = (channelId: string) => draft.variantTexts[channelId] ?? draft.text;
  const allMedia = [...draft.media, ...Object.values(draft.variantMedia).flat()];
  const { assets, remember } = useMediaAssets(base, allMedia);
  // A refused save's media problem is shown where the media are chosen, in that channel's tab.
  const mediaProblemAt = mediaProblemChannel(error, selected);
  const mediaProblemField = error instanceof ApiError && error.status === 400 && /media/i.test(error.field ?? '') ? error : undefined;
  /** What the channel's network gets, as the server writes it: short links, mentions, tags and card in, the master copy cut to the limit. */
  const renderedFor = (c: Channel) =>
    renderVariant({
      master: draft.text,
      custom: draft.variantTexts[c.id],
      tags: draft.tags,
      mentions: draft.variantMentions[c.id] ?? [],
      network: c.network,
      limit: networkOf(c.network)?.descriptor.text,
      shortLinks: post?.variants.find((v) => v.channelId === c.id)?.shortLinks,
      link: draft.link || undefined,
      withMedia: mediaOf(draft, c.id).length > 0,
    });

  // The master copy (with the title) and each channel's text for its network, as the user types.
  const selectedKey = selected.map((c) => `${c.id}:${c.network}`).join(',');
  useEffect(() => {
    live.schedule(MASTER, { text: draft.text, title: draft.title || undefined, sponsored: draft.sponsored });
    // Each channel is checked on the text its network gets (cut, with short links, mentions and
    // tags), as the server checks the variant; findings outside the editor's text are listed only.
    for (const c of selected) live.schedule(c.id, { text: renderedFor(c).text, network: c.network, sponsored: draft.sponsored });
    const keep = new Set([MASTER, ...selected.map((c) => c.id)]);
    checkedKeys.current.forEach((k) => keep.has(k) || live.drop(k));
    checkedKeys.current = keep;
    setReports((r) => Object.fromEntries(Object.entries(r).filter(([k]) => keep.has(k))));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live, draft.text, draft.title, draft.variantTexts, draft.tags, draft.variantMentions, draft.link, draft.media, draft.variantMedia, draft.sponsored, post, selectedKey]);

  /** Puts a finding's rewrite into the text it was found in (a channel's own text or the master copy). */
  const applyFix = (key: string, finding: Finding) => {
    const own = key !== MASTER && draft.variantTexts[key] !== undefined;
    const fixed = applyRewrite(own ? draft.variantTexts[key] : draft.text, finding);
    if (fixed === null) return;
    if (own) edit({ variantTexts: { ...draft.variantTexts, [key]: fixed } });
    else edit({ text: fixed });
  };
  const findingsOf = (key: string) => (reports[key]?.findings ?? []).filter((f) => !f.inTitle || key === MASTER);
  const anyBlocking = Object.values(reports).some(blocks);
  const latest = approvals.data?.[approvals.data.length - 1];
  const underApproval = !!policy.data?.enabled;

  const tabs = [
    {
      key: 'master',
      label: (
        <span>
          {t('posts.master')} <FindingsBadge report={reports[MASTER]} />
        </span>
      ),
      children: (
        <Form layout="vertical">
          <Form.Item label={t('posts.text')} htmlFor="post-text">
            <HighlightedTextArea id="post-text" data-testid="post-text" value={draft.text} disabled={!editable} minRows={6} findings={findingsOf(MASTER)} onChange={(text) => edit({ text })} />
          </Form.Item>
          <Card size="small" title={t('compliance.title')} extra={<FindingsBadge report={reports[MASTER]} />} style={{ marginBottom: 16 }} data-testid="findings-master">
            <FindingList findings={findingsOf(MASTER)} onApply={editable ? (f) => applyFix(MASTER, f) : undefined} />
          </Card>
          <Space wrap size="large">
            {selected.map((c) => (
              <span key={c.id}>
                {channelLabel(c)}: <Counter text={renderedFor(c).text} network={networkOf(c.network)} />
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
          {/* console-compose: the post's hashtags, tracked links and media */}
          <TokenInput
            id="post-tags"
            label={t('compose.hashtags')}
            hint={t('compose.hashtagsHint')}
            sign="#"
            values={draft.tags}
            onChange={(tags) => edit({ tags })}
            parse={parseTag}
            disabled={!editable}
            testId="post-tags"
          />
          <Form.Item help={t('compose.sponsoredHint')}>
            <Checkbox checked={draft.sponsored} disabled={!editable} data-testid="post-sponsored" onChange={(e) => edit({ sponsored: e.target.checked })}>
              {t('compose.sponsored')}
            </Checkbox>
          </Form.Item>
          <Form.Item label={t('compose.utmCampaign')} htmlFor="post-utm" help={t('compose.utmHint')}>
            <Input id="post-utm" value={draft.utmCampaign} maxLength={100} disabled={!editable} onChange={(e) => edit({ utmCampaign: e.target.value })} />
          </Form.Item>
          <Form.Item label={t('compose.media')}>
            <MediaField
              base={base}
              ids={draft.media}
              onChange={(media) => edit({ media })}
              assets={assets}
              remember={remember}
              target={t('posts.master')}
              disabled={!editable}
              problem={mediaProblemField?.field === 'media' ? mediaProblemField : undefined}
              testId="media-master"
            />
          </Form.Item>
        </Form>
      ),
    },
    ...selected.map((c) => {
      const network = networkOf(c.network);
      const custom = draft.variantTexts[c.id] !== undefined;
      const text = custom ? draft.variantTexts[c.id] : draft.text;
      const variant = post?.variants.find((v) => v.channelId === c.id);
      const rendered = renderedFor(c);
      const over = network ? overBy(rendered.text, network.descriptor.text) : 0;
      const maxLength = network?.descriptor.text.maxLength ?? 0;
      // The saved variant's warning of the same cut, in the server's (English) words: not said twice.
      const serverCutWarning = rendered.cut && network ? format(en['compose.masterCut'], { network: network.descriptor.nameEn, max: maxLength }) : undefined;
      const networkName = network ? pick(network.descriptor.nameZh, network.descriptor.nameEn) : c.network;
      const ownMedia = draft.variantMedia[c.id] !== undefined;
      const mentions = draft.variantMentions[c.id] ?? [];
      const canMention = !!syntaxOf(c.network).handle;
      return {
        key: c.id,
        label: (
          <span>
            {pick(network?.descriptor.nameZh ?? c.network, network?.descriptor.nameEn ?? c.network)} <Counter text={rendered.text} network={network} /> <FindingsBadge report={reports[c.id]} />
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
            <HighlightedTextArea
              aria-label={`${t('posts.text')} · ${channelLabel(c)}`}
              data-testid={`variant-text-${c.network}`}
              value={text}
              disabled={!custom || !editable}
              findings={findingsOf(c.id)}
              onChange={(value) => edit({ variantTexts: { ...draft.variantTexts, [c.id]: value } })}
            />
            <Card size="small" title={t('compliance.titleFor', { network: network ? pick(network.descriptor.nameZh, network.descriptor.nameEn) : c.network })} extra={<FindingsBadge report={reports[c.id]} />} data-testid={`findings-${c.network}`}>
              <FindingList findings={findingsOf(c.id)} onApply={editable ? (f) => applyFix(c.id, f) : undefined} />
            </Card>
            <Card size="small" title={t('compose.media')} data-testid={`media-card-${c.network}`}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space>
                  <Switch
                    checked={ownMedia}
                    disabled={!editable}
                    aria-label={t('compose.mediaOwn')}
                    data-testid={`own-media-${c.network}`}
                    onChange={(on) => {
                      const variantMedia = { ...draft.variantMedia };
                      if (on) variantMedia[c.id] = [...draft.media];
                      else delete variantMedia[c.id];
                      edit({ variantMedia });
                    }}
                  />
                  <span>{ownMedia ? t('compose.mediaOwn') : t('compose.mediaMaster')}</span>
                </Space>
                <MediaField
                  base={base}
                  ids={mediaOf(draft, c.id)}
                  onChange={(ids) => edit({ variantMedia: { ...draft.variantMedia, [c.id]: ids } })}
                  assets={assets}
                  remember={remember}
                  target={channelLabel(c)}
                  network={network}
                  disabled={!editable || !ownMedia}
                  problem={mediaProblemAt === c.id ? mediaProblemField : undefined}
                  testId={`media-${c.network}`}
                />
              </Space>
            </Card>
            <Form layout="vertical">
              <TokenInput
                id={`mentions-${c.id}`}
                label={t('compose.mentions', { network: networkName })}
                hint={canMention ? t('compose.mentionsHint') : t('compose.noMentions')}
                sign="@"
                values={mentions}
                onChange={(handles) => edit({ variantMentions: { ...draft.variantMentions, [c.id]: handles } })}
                parse={(input, handles) => parseHandle(input, c.network, handles)}
                disabled={!editable || !canMention}
                testId={`mentions-${c.network}`}
              />
            </Form>
            {rendered.tagsLeftOut ? <Alert type="info" showIcon data-testid={`tags-left-out-${c.network}`} message={t('compose.tagsLeftOut', { network: networkName })} /> : null}
            {rendered.tooManyHashtags ? <Alert type="warning" showIcon message={t('compose.tooManyHashtags', { network: networkName, count: rendered.hashtags, max: syntaxOf(c.network).maxHashtags })} /> : null}
            {rendered.tooManyMentions ? <Alert type="warning" showIcon message={t('compose.tooManyMentions', { network: networkName, count: rendered.mentions, max: syntaxOf(c.network).maxMentions })} /> : null}
            {over > 0 ? <Alert type="warning" showIcon message={t('posts.tooLong', { network: networkName, over })} /> : null}
            {rendered.cut ? <Alert type="warning" showIcon data-testid={`cut-${c.network}`} message={t('compose.masterCut', { network: networkName, max: maxLength })} /> : null}
            {variant?.warnings?.filter((w) => w !== serverCutWarning).map((w) => <Alert key={w} type="warning" showIcon message={w} />)}
            <Card size="small" title={`${t('compose.preview')} · ${c.displayName}`} style={{ whiteSpace: 'pre-wrap', background: '#fafafa' }} data-testid={`preview-${c.network}`}>
              {variant && !dirty ? variant.text : rendered.text}
              {draft.link && !rendered.cardInText ? <div><Typography.Link>{draft.link}</Typography.Link></div> : null}
              {mediaOf(draft, c.id).length ? (
                <div style={{ display: 'flex', gap: 6, marginTop: 8 }}>
                  {mediaOf(draft, c.id).map((id) => {
                    const asset = assets[id];
                    return asset ? <div key={id} style={{ width: 72 }}><Thumbnail base={base} asset={asset} size={56} /></div> : null;
                  })}
                </div>
              ) : null}
            </Card>
            {variant && Object.keys(variant.shortLinks ?? {}).length ? (
              <Card size="small" title={t('compose.shortLinks')} data-testid={`short-links-${c.network}`}>
                {Object.entries(variant.shortLinks ?? {}).map(([long, short]) => (
                  <div key={long} style={{ wordBreak: 'break-all' }}>
                    <Typography.Text code>{short}</Typography.Text> → <Typography.Text type="secondary">{long}</Typography.Text>
                  </div>
                ))}
              </Card>
            ) : null}
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
          description={problemText(conflict)}
          action={
            <Button
              onClick={async () => {
                const theirs = await loadPost();
                if (theirs) {
                  setConflict(undefined);
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
      {checkError ? <Alert type="warning" showIcon message={t('compliance.unavailable')} description={problemText(checkError)} style={{ marginBottom: 16 }} /> : null}
      {blocked ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="blocked"
          message={t('compliance.blocked')}
          description={problemText(blocked.error)}
          action={
            canOverride(info, role) ? (
              <Button danger onClick={() => setOverriding(true)} data-testid="override">
                {t('compliance.override')}
              </Button>
            ) : undefined
          }
          closable
          onClose={() => setBlocked(undefined)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Modal
        open={overriding && !!blocked}
        title={t('compliance.override')}
        okText={t('compliance.override')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 10, 'data-testid': 'override-submit' } as never}
        cancelText={t('common.cancel')}
        onOk={override}
        onCancel={() => setOverriding(false)}
        destroyOnClose
      >
        <Typography.Paragraph>{t('compliance.overrideHint')}</Typography.Paragraph>
        <Input.TextArea aria-label={t('compliance.reason')} data-testid="override-reason" value={reason} maxLength={2000} showCount autoSize={{ minRows: 3 }} onChange={(e) => setReason(e.target.value)} />
      </Modal>
      {channels.error ? <ProblemAlert error={channels.error} onRetry={channels.reload} /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card>
            <Tabs
              items={tabs}
              // The overflow button names itself for screen readers (antd's has no text).
              more={{ icon: <><EllipsisOutlined /><span style={SCREEN_READER_ONLY}>{t('compose.moreTabs')}</span></> }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('posts.channels')} size="small" style={{ marginBottom: 16 }}>
            <Checkbox.Group
              role="group"
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
              <DatePicker panelRender={panelWithoutTabStop} aria-label={t('posts.pickTime')} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={when} onChange={setWhen} style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
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
          {underApproval ? (
            <Card
              title={
                <span>
                  <AuditOutlined /> {t('approval.title')}
                </span>
              }
              size="small"
              style={{ marginBottom: 16 }}
              data-testid="approval-card"
              extra={latest ? <RequestStatusTag status={latest.status} /> : null}
            >
              <Space direction="vertical" style={{ width: '100%' }}>
                {latest && latest.revision !== post?.revision ? <Typography.Text type="secondary">{t('approval.editedSince')}</Typography.Text> : null}
                {latest?.status === 'PENDING' && latest.stageName ? <Typography.Text>{t('approval.stage', { stage: latest.stageName })}</Typography.Text> : null}
                {anyBlocking ? <Typography.Text type="danger">{t('compliance.fixFirst')}</Typography.Text> : null}
                <Button
                  type="primary"
                  ghost
                  disabled={!post || !editable || (latest?.revision === post?.revision && (latest?.status === 'PENDING' || latest?.status === 'APPROVED'))}
                  onClick={() => command('submit')}
                  data-testid="submit-approval"
                >
                  {t('approval.submit')}
                </Button>
                <DecisionHistory requests={approvals.data ?? []} quote={quoteIn(post)} channelName={(id) => (channelById.get(id) ? channelLabel(channelById.get(id)!) : id)} />
              </Space>
            </Card>
          ) : null}
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
