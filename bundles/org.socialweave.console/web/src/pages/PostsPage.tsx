import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { all, api, type Channel, type Page, type Post, type PostStatus } from '../api';
import { useI18n } from '../i18n';
import { PageTitle, ProblemAlert, useLoad } from '../common';
import { useWorkspace } from '../workspace';
import { StatusTag, VariantStatusList } from './PostStatus';

const STATUSES: PostStatus[] = ['DRAFT', 'SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'PARTIALLY_PUBLISHED', 'FAILED', 'CANCELLED'];

/** Every post with its status per channel; a failed channel is retried from here in one click. */
export default function PostsPage() {
  const { t, formatTime } = useI18n();
  const { workspace, base } = useWorkspace();
  const [status, setStatus] = useState<PostStatus>();
  const [extra, setExtra] = useState<Post[]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const [replaced, setReplaced] = useState<Record<string, Post>>({});
  const channels = useLoad(() => all<Channel>(`${base}/channels`), [base]);
  const posts = useLoad(async () => {
    const page = await api.get<Page<Post>>(`${base}/posts?limit=50${status ? `&status=${status}` : ''}`);
    setExtra([]);
    setCursor(page.nextCursor);
    return page.items;
  }, [base, status]);
  const name = (channelId: string, network: string) => channels.data?.find((c) => c.id === channelId)?.displayName ?? network;
  const rows = [...(posts.data ?? []), ...extra].map((p) => replaced[p.id] ?? p);

  return (
    <>
      <PageTitle
        extra={
          <>
            <Select allowClear aria-label={t('common.status')} placeholder={t('common.status')} style={{ width: 170 }} value={status} onChange={setStatus} options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
            <Link to={`/w/${workspace.slug}/compose`}>
              <Button type="primary" icon={<PlusOutlined />}>{t('posts.new')}</Button>
            </Link>
          </>
        }
      >
        {`${t('posts.title')} · ${workspace.name}`}
      </PageTitle>
      {posts.error ? <ProblemAlert error={posts.error} onRetry={posts.reload} /> : null}
      <Table<Post>
        rowKey="id"
        loading={posts.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('posts.empty') }}
        expandable={{ expandedRowRender: (p) => <VariantStatusList post={p} base={base} channelName={(v) => name(v.channelId, v.network)} onChange={(next) => setReplaced((r) => ({ ...r, [next.id]: next }))} /> }}
        columns={[
          { title: t('posts.text'), dataIndex: 'text', ellipsis: true, render: (text: string, p) => <Link to={`/w/${workspace.slug}/compose/${p.id}`}>{text || '—'}</Link> },
          { title: t('common.status'), dataIndex: 'status', width: 130, render: (s: PostStatus) => <StatusTag status={s} /> },
          { title: t('posts.channels'), key: 'channels', width: 220, responsive: ['md'], render: (_, p) => <Typography.Text type="secondary">{p.variants.map((v) => name(v.channelId, v.network)).join(', ')}</Typography.Text> },
          { title: t('posts.scheduledAt'), dataIndex: 'scheduledAt', width: 180, render: (at: string | undefined, p) => (at ? formatTime(at, p.timeZone) : t('posts.notScheduled')) },
        ]}
      />
      {cursor ? (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button
            onClick={async () => {
              const page = await api.get<Page<Post>>(`${base}/posts?limit=50&cursor=${encodeURIComponent(cursor)}${status ? `&status=${status}` : ''}`);
              setExtra((e) => [...e, ...page.items]);
              setCursor(page.nextCursor);
            }}
          >
            {t('common.loadMore')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
