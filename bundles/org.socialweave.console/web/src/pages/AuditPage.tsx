import { useState } from 'react';
import { Alert, Button, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api, type AuditEntry, type Verification } from '../api';
import { useI18n } from '../i18n';
import { LoadMore, PageTitle, ProblemAlert, usePagedList } from '../common';
import { useSession } from '../session';
import { useWorkspace } from '../workspace';

function WorkspaceAudit() {
  const { base, workspace } = useWorkspace();
  return <AuditView path={`${base}/audit`} heading={workspace.name} />;
}

/** The workspace's audit entries, or every entry for a system administrator (`global`). */
export default function AuditPage({ global }: { global?: boolean }) {
  return global ? <AuditView path="/audit" /> : <WorkspaceAudit />;
}

function AuditView({ path, heading }: { path: string; heading?: string }) {
  const { t, formatTime } = useI18n();
  const { info } = useSession();
  const [verification, setVerification] = useState<Verification | unknown>();
  const [verifying, setVerifying] = useState(false);
  const list = usePagedList<AuditEntry>(path, 50);
  const first = list.first;

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await api.get<Verification>('/audit/verification'));
    } catch (e) {
      setVerification(e);
    } finally {
      setVerifying(false);
    }
  };

  const v = verification as Verification | undefined;
  return (
    <>
      <PageTitle
        extra={
          info?.systemAdmin ? (
            <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={verify} data-testid="audit-verify">
              {t('audit.verify')}
            </Button>
          ) : null
        }
      >
        {`${t('audit.title')} · ${heading ?? t('audit.all')}`}
      </PageTitle>
      {verification instanceof Error ? <ProblemAlert error={verification} /> : null}
      {v && 'intact' in v ? (
        <Alert
          type={v.intact ? 'success' : 'error'}
          showIcon
          role="status"
          data-testid="audit-verification"
          message={v.intact ? t('audit.intact', { count: v.entriesChecked }) : t('audit.broken', { sequence: v.firstBrokenSequence ?? '?', reason: v.reason ?? '' })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {first.error ? <ProblemAlert error={first.error} onRetry={first.reload} /> : null}
      <Table<AuditEntry>
        rowKey="sequence"
        loading={first.loading}
        dataSource={list.items}
        pagination={false}
        size="small"
        scroll={{ x: 900 }}
        columns={[
          { title: '#', dataIndex: 'sequence', width: 70 },
          { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => formatTime(at) },
          { title: t('audit.actor'), dataIndex: ['event', 'actor'], width: 140 },
          { title: t('audit.action'), dataIndex: ['event', 'action'], render: (a: string) => <Typography.Text code>{a}</Typography.Text> },
          { title: t('audit.target'), dataIndex: ['event', 'target'], ellipsis: true, responsive: ['lg'] },
          { title: t('audit.outcome'), dataIndex: ['event', 'outcome'], width: 110, render: (o: string) => <Tag color={o === 'success' ? 'green' : 'red'}>{o}</Tag> },
        ]}
      />
      <LoadMore list={list} />
    </>
  );
}
