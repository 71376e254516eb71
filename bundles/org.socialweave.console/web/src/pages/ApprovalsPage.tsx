import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Badge, Button, Card, Col, Empty, Input, List, Row, Space, Tabs, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined } from '@ant-design/icons';
import { all, api, seg, type Channel, type Page, type Post } from '../api';
import { useI18n } from '../i18n';
import { PageTitle, ProblemAlert, useLoad, useProblemText } from '../common';
import { useWorkspace } from '../workspace';
import { useSession } from '../session';
import { APPROVALS_CHANGED, canOverride, type ApprovalRequest, type Verdict } from '../approval';
import { DecisionHistory, quoteIn, RequestStatusTag } from '../ApprovalHistory';
import { selectedSpan, workspaceChecker, type CheckReport } from '../compliance';
import { FindingList, HighlightedText } from '../Highlighted';

interface Item {
  request: ApprovalRequest;
  post?: Post;
}

type View = 'mine' | 'pending' | 'history';

interface Anchor {
  channelId: string;
  start: number;
  end: number;
  quote: string;
}

/** One channel's text under review: its findings marked, and a selection that anchors a comment. */
function VariantReview({ channelId, title, text, report, anchor, onAnchor }: { channelId: string; title: string; text: string; report?: CheckReport; anchor?: Anchor; onAnchor: (a?: Anchor) => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const pick = () => {
    if (!ref.current) return;
    const span = selectedSpan(ref.current, window.getSelection());
    if (span) onAnchor({ channelId, ...span, quote: text.slice(span.start, span.end) });
  };
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid={`review-${channelId}`} extra={report ? <Space size={4}>{report.blockCount ? <Tag color="red">{report.blockCount}</Tag> : null}{report.warnCount ? <Tag color="orange">{report.warnCount}</Tag> : null}</Space> : null}>
      <HighlightedText text={text} findings={report?.findings ?? []} textRef={ref} onMouseUp={pick} testId="review-text" />
      {anchor?.channelId === channelId ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
          {t('approval.anchoredTo')} <mark className="sw-anchor">{anchor.quote}</mark>
        </Typography.Text>
      ) : null}
      <div style={{ marginTop: 8 }}>{report ? <FindingList findings={report.findings} /> : <Typography.Text type="secondary">{t('compliance.checking')}</Typography.Text>}</div>
    </Card>
  );
}

/** The queue of posts waiting for the user's verdict, every pending one for admins, and the history. */
export default function ApprovalsPage() {
  const { t, formatTime } = useI18n();
  const { workspace, base, role } = useWorkspace();
  const { info } = useSession();
  const { message } = AntApp.useApp();
  const problemText = useProblemText();
  const admin = canOverride(info, role);
  const [view, setView] = useState<View>('mine');
  const [selectedId, setSelectedId] = useState<string>();
  const [anchor, setAnchor] = useState<Anchor>();
  const [comment, setComment] = useState('');
  const [deciding, setDeciding] = useState<Verdict>();
  const [error, setError] = useState<unknown>();
  const [reports, setReports] = useState<Record<string, CheckReport>>({});
  const channels = useLoad(() => all<Channel>(`${base}/channels`), [base]);
  const channelName = useCallback((id: string) => channels.data?.find((c) => c.id === id)?.displayName ?? id, [channels.data]);

  const items = useLoad(async () => {
    const path = view === 'mine' ? `${base}/approvals?awaiting=me&limit=100` : view === 'pending' ? `${base}/approvals?status=PENDING&limit=100` : `${base}/approvals?limit=100`;
    const page = await api.get<Page<ApprovalRequest>>(path);
    const requests = view === 'history' ? [...page.items].reverse() : page.items;
    const posts = await Promise.all(requests.map((r) => api.get<Post>(`${base}/posts/${seg(r.postId)}`).catch(() => undefined)));
    return requests.map((request, i) => ({ request, post: posts[i] }));
  }, [base, view]);

  const selected: Item | undefined = items.data?.find((i) => i.request.id === selectedId) ?? items.data?.[0];
  const history = useLoad(
    () => (selected ? all<ApprovalRequest>(`${base}/approvals?postId=${encodeURIComponent(selected.request.postId)}`) : Promise.resolve([] as ApprovalRequest[])),
    [base, selected?.request.postId, selected?.request.status, selected?.request.decisions.length],
  );

  // The content checks on each channel's text, as the network will get it.
  useEffect(() => {
    const post = selected?.post;
    setReports({});
    if (!post) return;
    const controller = new AbortController();
    const check = workspaceChecker(base);
    post.variants.forEach((v) =>
      check({ text: v.text, title: post.title || undefined, network: v.network }, controller.signal)
        .then((report) => setReports((r) => ({ ...r, [v.channelId]: report })))
        .catch(() => undefined),
    );
    return () => controller.abort();
  }, [base, selected?.post]);

  useEffect(() => {
    setAnchor(undefined);
    setComment('');
    setError(undefined);
  }, [selected?.request.id]);

  const decide = async (verdict: Verdict) => {
    if (!selected) return;
    setDeciding(verdict);
    setError(undefined);
    try {
      await api.post<ApprovalRequest>(`${base}/approvals/${seg(selected.request.id)}/decisions`, {
        verdict,
        comment: comment.trim() || undefined,
        spanStart: anchor?.start,
        spanEnd: anchor?.end,
        channelId: anchor?.channelId,
      });
      message.success(t(`approval.decided.${verdict}`));
      window.dispatchEvent(new Event(APPROVALS_CHANGED));
      setSelectedId(undefined);
      items.reload();
      history.reload();
    } catch (e) {
      setError(e);
      message.error({ content: problemText(e), duration: 8 });
    } finally {
      setDeciding(undefined);
    }
  };


  const open = selected?.request.status === 'PENDING';
  const tabs = useMemo(
    () => [
      { key: 'mine', label: t('approval.mine') },
      ...(admin ? [{ key: 'pending', label: t('approval.allPending') }] : []),
      { key: 'history', label: t('approval.history') },
    ],
    [admin, t],
  );

  return (
    <>
      <PageTitle extra={<Button onClick={items.reload}>{t('common.refresh')}</Button>}>{`${t('approval.title')} · ${workspace.name}`}</PageTitle>
      <Tabs activeKey={view} onChange={(k) => { setView(k as View); setSelectedId(undefined); }} items={tabs} />
      {items.error ? <ProblemAlert error={items.error} onRetry={items.reload} /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <List
            bordered
            loading={items.loading}
            dataSource={items.data ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(view === 'mine' ? 'approval.emptyMine' : 'approval.empty')} /> }}
            renderItem={(item) => (
              <List.Item
                data-testid="approval-item"
                onClick={() => setSelectedId(item.request.id)}
                style={{ cursor: 'pointer', background: item.request.id === selected?.request.id ? '#e6f4ff' : undefined }}
              >
                <List.Item.Meta
                  title={<Typography.Text ellipsis>{item.post?.text || item.request.postId}</Typography.Text>}
                  description={
                    <Space wrap size={4}>
                      <RequestStatusTag status={item.request.status} />
                      {item.request.stageName ? <Tag>{item.request.stageName}</Tag> : null}
                      {item.request.stageDueAt ? (
                        <Badge status={new Date(item.request.stageDueAt) < new Date() ? 'error' : 'default'} text={t('approval.due', { time: formatTime(item.request.stageDueAt) })} />
                      ) : null}
                      {item.post ? <Typography.Text type="secondary">{t('approval.by', { name: item.post.createdBy })}</Typography.Text> : null}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} lg={15}>
          {selected ? (
            <Card
              data-testid="approval-detail"
              title={
                <Space wrap>
                  <RequestStatusTag status={selected.request.status} />
                  {selected.request.stageName ? <span>{t('approval.stage', { stage: selected.request.stageName })}</span> : null}
                  <Typography.Text type="secondary">{t('approval.revision', { revision: selected.request.revision })}</Typography.Text>
                </Space>
              }
            >
              {selected.post ? (
                <>
                  {selected.post.revision !== selected.request.revision ? <Alert type="warning" showIcon message={t('approval.newerRevision')} style={{ marginBottom: 12 }} /> : null}
                  {selected.post.variants.map((v) => (
                    <VariantReview
                      key={v.channelId}
                      channelId={v.channelId}
                      title={`${channelName(v.channelId)} · ${v.network}`}
                      text={v.text}
                      report={reports[v.channelId]}
                      anchor={anchor}
                      onAnchor={setAnchor}
                    />
                  ))}
                </>
              ) : (
                <Alert type="info" message={selected.request.postId} />
              )}
              {open ? (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text type="secondary">{anchor ? t('approval.commentOnSpan') : t('approval.selectHint')}</Typography.Text>
                  {anchor ? (
                    <Space>
                      <mark className="sw-anchor" data-testid="anchor-quote">{anchor.quote}</mark>
                      <Typography.Text type="secondary">
                        {channelName(anchor.channelId)} [{anchor.start}–{anchor.end}]
                      </Typography.Text>
                      <Button size="small" onClick={() => setAnchor(undefined)}>{t('approval.clearAnchor')}</Button>
                    </Space>
                  ) : null}
                  <Input.TextArea
                    aria-label={t('approval.comment')}
                    placeholder={t('approval.comment')}
                    data-testid="decision-comment"
                    value={comment}
                    autoSize={{ minRows: 2, maxRows: 8 }}
                    onChange={(e) => setComment(e.target.value)}
                  />
                  {error ? <ProblemAlert error={error} /> : null}
                  <Space wrap>
                    <Button type="primary" icon={<CheckOutlined />} loading={deciding === 'APPROVE'} data-testid="approve" onClick={() => decide('APPROVE')}>
                      {t('approval.approve')}
                    </Button>
                    <Button icon={<EditOutlined />} loading={deciding === 'REQUEST_CHANGES'} disabled={!comment.trim()} data-testid="request-changes" onClick={() => decide('REQUEST_CHANGES')}>
                      {t('approval.requestChanges')}
                    </Button>
                    <Button danger icon={<CloseOutlined />} loading={deciding === 'REJECT'} disabled={!comment.trim()} data-testid="reject" onClick={() => decide('REJECT')}>
                      {t('approval.reject')}
                    </Button>
                  </Space>
                </Space>
              ) : null}
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('approval.historyOfPost')}
              </Typography.Title>
              {history.error ? <ProblemAlert error={history.error} onRetry={history.reload} /> : <DecisionHistory requests={history.data ?? []} quote={quoteIn(selected.post)} channelName={channelName} />}
            </Card>
          ) : (
            <Card>
              <Empty description={t('approval.pickOne')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
