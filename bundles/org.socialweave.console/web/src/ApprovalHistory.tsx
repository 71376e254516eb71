// What the approval queue and the compose screen show of a post's approval: its status and verdicts.
import { Empty, Tag, Timeline, Typography } from 'antd';
import { useI18n } from './i18n';
import type { ApprovalDecision, ApprovalRequest, RequestStatus, Verdict } from './approval';
import type { Post } from './api';

/** The words a decision's span covers, while the post is still at the revision it was about. */
export const quoteIn =
  (post?: Post) =>
  (d: ApprovalDecision, r: ApprovalRequest): string | undefined => {
    if (!post || post.revision !== r.revision || d.spanStart == null || d.spanEnd == null) return undefined;
    const text = d.channelId ? post.variants.find((v) => v.channelId === d.channelId)?.text : post.text;
    return text?.slice(d.spanStart, d.spanEnd);
  };

const STATUS_COLOR: Record<RequestStatus, string> = {
  PENDING: 'processing',
  APPROVED: 'green',
  REJECTED: 'red',
  CHANGES_REQUESTED: 'orange',
  SUPERSEDED: 'default',
};

const VERDICT_COLOR: Record<Verdict, string> = { APPROVE: 'green', REJECT: 'red', REQUEST_CHANGES: 'orange' };

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="approval-status" data-status={status}>
      {t(`approval.status.${status}`)}
    </Tag>
  );
}

/**
 * Every verdict on a post, newest request first, each comment with the text span it is about
 * (quoted when the text of that revision is at hand).
 */
export function DecisionHistory({ requests, quote, channelName }: { requests: ApprovalRequest[]; quote: (d: ApprovalDecision, r: ApprovalRequest) => string | undefined; channelName: (channelId: string) => string }) {
  const { t, formatTime } = useI18n();
  if (requests.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('approval.noHistory')} />;
  const items = [...requests].reverse().flatMap((r) => [
    ...[...r.decisions].reverse().map((d) => {
      const quoted = quote(d, r);
      return {
        key: `${r.id}-${d.stage}-${d.userId}`,
        color: VERDICT_COLOR[d.verdict],
        children: (
          <div data-testid="decision" data-verdict={d.verdict}>
            <Tag color={VERDICT_COLOR[d.verdict]}>{t(`approval.verdict.${d.verdict}`)}</Tag>
            <strong>{d.username}</strong>{' '}
            <Typography.Text type="secondary">
              {formatTime(d.decidedAt)} · {t('approval.revision', { revision: r.revision })}
            </Typography.Text>
            {d.spanStart !== null && d.spanStart !== undefined ? (
              <div>
                <Typography.Text type="secondary">
                  {d.channelId ? channelName(d.channelId) : t('posts.master')} [{d.spanStart}–{d.spanEnd}]
                </Typography.Text>{' '}
                {quoted ? <mark className="sw-anchor" data-testid="decision-quote">{quoted}</mark> : null}
              </div>
            ) : null}
            {d.comment ? <div style={{ whiteSpace: 'pre-wrap' }}>{d.comment}</div> : null}
          </div>
        ),
      };
    }),
    {
      key: `${r.id}-submitted`,
      color: 'gray',
      children: (
        <div>
          <RequestStatusTag status={r.status} />
          <Typography.Text type="secondary">
            {t('approval.submittedAt', { time: formatTime(r.submittedAt), revision: r.revision })}
          </Typography.Text>
        </div>
      ),
    },
  ]);
  return <Timeline items={items} data-testid="decision-history" />;
}
