import { Button, List, Space, Tag, Tooltip, Typography } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import { api, seg, type Post, type PostStatus, type PostVariant } from '../api';
import { useI18n } from '../i18n';
import { useAction } from '../common';

export const STATUS_COLOR: Record<PostStatus, string> = {
  DRAFT: 'default',
  SCHEDULED: 'blue',
  PUBLISHING: 'processing',
  PUBLISHED: 'green',
  PARTIALLY_PUBLISHED: 'orange',
  FAILED: 'red',
  CANCELLED: 'default',
};

export function StatusTag({ status }: { status: PostStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>;
}

/** Each channel's delivery of a post, with the network's reason and a one-click retry on failure. */
export function VariantStatusList({ post, base, channelName, onChange }: { post: Post; base: string; channelName: (v: PostVariant) => string; onChange: (p: Post) => void }) {
  const { t, formatTime } = useI18n();
  const act = useAction();
  return (
    <List
      size="small"
      dataSource={post.variants}
      renderItem={(v) => (
        <List.Item
          data-testid={`variant-${v.network}`}
          actions={[
            v.url ? (
              <Typography.Link key="open" href={v.url} target="_blank" rel="noreferrer">
                {t('posts.open')}
              </Typography.Link>
            ) : null,
            v.status === 'FAILED' ? (
              <Button
                key="retry"
                size="small"
                icon={<RedoOutlined />}
                data-testid={`retry-${v.network}`}
                onClick={async () => {
                  const next = await act(() => api.post<Post>(`${base}/posts/${seg(post.id)}/variants/${seg(v.id)}/retry`), t('posts.retried', { network: channelName(v) }));
                  if (next) onChange(next);
                }}
              >
                {t('posts.retry')}
              </Button>
            ) : null,
          ].filter(Boolean)}
        >
          <Space wrap>
            <strong>{channelName(v)}</strong>
            <StatusTag status={v.status} />
            {v.publishedAt ? <Typography.Text type="secondary">{formatTime(v.publishedAt)}</Typography.Text> : null}
            {v.attempts > 1 ? <Typography.Text type="secondary">{t('posts.attempts', { count: v.attempts })}</Typography.Text> : null}
            {v.failure ? (
              <Tooltip title={v.failure.action}>
                <Typography.Text type="danger">{v.failure.message}</Typography.Text>
              </Tooltip>
            ) : null}
          </Space>
        </List.Item>
      )}
    />
  );
}
