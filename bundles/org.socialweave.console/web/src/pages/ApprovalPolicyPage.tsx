import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Empty, Input, InputNumber, Radio, Segmented, Select, Space, Switch, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { all, api, ApiError, type Membership } from '../api';
import { useI18n } from '../i18n';
import { Loadable, PageTitle, ProblemAlert, useLoad } from '../common';
import { useWorkspace } from '../workspace';
import { useRoleOptions } from './MembersPage';
import type { ApprovalPolicy, ApprovalStage, ExternalReviewer } from '../approval';

const NEW_STAGE: ApprovalStage = { name: '', role: 'APPROVER', userIds: [], rule: 'ANY', slaHours: 24, reviewers: [] };

/** The workspace's approval sequence: stages decided by a role or by named people (and external reviewers), ANY or ALL, with an SLA. */
export default function ApprovalPolicyPage() {
  const { t } = useI18n();
  const { workspace, base } = useWorkspace();
  const { message } = AntApp.useApp();
  const roleOptions = useRoleOptions();
  const policy = useLoad(() => api.get<ApprovalPolicy>(`${base}/approval-policy`), [base]);
  const members = useLoad(() => all<Membership>(`${base}/members`).catch(() => [] as Membership[]), [base]);
  const [enabled, setEnabled] = useState(false);
  const [stages, setStages] = useState<ApprovalStage[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (!policy.data) return;
    setEnabled(policy.data.enabled);
    setStages(policy.data.stages);
  }, [policy.data]);

  const change = (index: number, patch: Partial<ApprovalStage>) => setStages((s) => s.map((stage, i) => (i === index ? { ...stage, ...patch } : stage)));
  const changeReviewer = (index: number, at: number, patch: Partial<ExternalReviewer>) =>
    setStages((s) => s.map((stage, i) => (i === index ? { ...stage, reviewers: stage.reviewers.map((r, j) => (j === at ? { ...r, ...patch } : r)) } : stage)));
  const move = (index: number, by: number) =>
    setStages((s) => {
      const next = [...s];
      const [stage] = next.splice(index, 1);
      next.splice(index + by, 0, stage);
      return next;
    });

  const save = async () => {
    if (!policy.data) return;
    setSaving(true);
    setError(undefined);
    try {
      await api.put<ApprovalPolicy>(`${base}/approval-policy`, { enabled, stages }, { headers: { 'If-Match': `"${policy.data.version}"` } });
      message.success(t('policy.saved'));
      policy.reload();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 412 ? new ApiError(412, { title: e.title, detail: t('policy.stale') }) : e);
    } finally {
      setSaving(false);
    }
  };

  // The server names the offending input, e.g. stages[0].reviewers[1].email: that box is marked.
  const wrongField = error instanceof ApiError ? error.field : undefined;
  const marked = (field: string) => (wrongField === field ? ('error' as const) : undefined);

  const memberOptions = (members.data ?? []).map((m) => ({ value: m.userId, label: `${m.username} (${t(`roles.${m.role}`)})` }));

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" loading={saving} onClick={save} data-testid="save-policy">
            {t('common.save')}
          </Button>
        }
      >
        {`${t('policy.title')} · ${workspace.name}`}
      </PageTitle>
      {error ? <ProblemAlert error={error} /> : null}
      <Loadable state={policy}>
        {() => (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Card size="small">
              <Space>
                <Switch checked={enabled} onChange={setEnabled} data-testid="policy-enabled" aria-label={t('policy.enabled')} />
                <Typography.Text>{enabled ? t('policy.enabled') : t('policy.disabled')}</Typography.Text>
              </Space>
            </Card>
            {stages.length === 0 ? <Empty description={t('policy.noStages')} /> : null}
            {stages.map((stage, i) => {
              const byPeople = stage.userIds.length > 0 || stage.role === null;
              return (
                <Card
                  key={i}
                  size="small"
                  data-testid={`stage-${i}`}
                  title={t('policy.stageN', { n: i + 1 })}
                  extra={
                    <Space>
                      <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('policy.up')} onClick={() => move(i, -1)} />
                      <Button size="small" icon={<ArrowDownOutlined />} disabled={i === stages.length - 1} aria-label={t('policy.down')} onClick={() => move(i, 1)} />
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => setStages((s) => s.filter((_, j) => j !== i))} />
                    </Space>
                  }
                >
                  <Space wrap size="large" align="start">
                    <label>
                      <div>{t('common.name')}</div>
                      <Input value={stage.name} maxLength={100} placeholder={t('policy.namePlaceholder')} data-testid={`stage-name-${i}`} onChange={(e) => change(i, { name: e.target.value })} style={{ width: 200 }} />
                    </label>
                    <div>
                      <div>{t('policy.who')}</div>
                      <Segmented
                        value={byPeople ? 'people' : 'role'}
                        options={[
                          { value: 'role', label: t('policy.byRole') },
                          { value: 'people', label: t('policy.byPeople') },
                        ]}
                        onChange={(v) => change(i, v === 'role' ? { role: stage.role ?? 'APPROVER', userIds: [] } : { role: null, userIds: stage.userIds })}
                      />
                      <div style={{ marginTop: 8 }}>
                        {byPeople ? (
                          <Select mode="multiple" aria-label={t('policy.byPeople')} value={stage.userIds} options={memberOptions} style={{ minWidth: 240 }} onChange={(ids) => change(i, { userIds: ids })} />
                        ) : (
                          <Select aria-label={t('common.role')} value={stage.role ?? undefined} options={roleOptions} style={{ width: 160 }} data-testid={`stage-role-${i}`} onChange={(role) => change(i, { role })} />
                        )}
                      </div>
                    </div>
                    <div>
                      <div>{t('policy.rule')}</div>
                      <Radio.Group value={stage.rule} onChange={(e) => change(i, { rule: e.target.value })}>
                        <Radio value="ANY">{t('policy.any')}</Radio>
                        <Radio value="ALL">{t('policy.all')}</Radio>
                      </Radio.Group>
                    </div>
                    <label>
                      <div>{t('policy.sla')}</div>
                      <InputNumber min={1} max={720} value={stage.slaHours} addonAfter={t('policy.hours')} data-testid={`stage-sla-${i}`} onChange={(v) => change(i, { slaHours: Number(v ?? 1) })} />
                    </label>
                  </Space>
                  <fieldset className="sw-reviewers" data-testid={`stage-reviewers-${i}`}>
                    <legend>{t('policy.reviewers')}</legend>
                    <Typography.Text type="secondary">{t('policy.reviewersHint')}</Typography.Text>
                    {stage.reviewers.map((reviewer, j) => (
                      <Space key={j} wrap style={{ display: 'flex', marginTop: 8 }}>
                        <Input
                          type="email"
                          value={reviewer.email}
                          maxLength={254}
                          aria-label={t('policy.reviewerEmail', { n: j + 1 })}
                          placeholder="li@client.example"
                          status={marked(`stages[${i}].reviewers[${j}].email`)}
                          data-testid={`stage-reviewer-email-${i}-${j}`}
                          onChange={(e) => changeReviewer(i, j, { email: e.target.value })}
                          style={{ width: 240 }}
                        />
                        <Input
                          value={reviewer.name}
                          maxLength={100}
                          aria-label={t('policy.reviewerName', { n: j + 1 })}
                          placeholder={t('policy.reviewerNamePlaceholder')}
                          status={marked(`stages[${i}].reviewers[${j}].name`)}
                          data-testid={`stage-reviewer-name-${i}-${j}`}
                          onChange={(e) => changeReviewer(i, j, { name: e.target.value })}
                          style={{ width: 180 }}
                        />
                        <Button
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('policy.removeReviewer', { n: j + 1 })}
                          onClick={() => change(i, { reviewers: stage.reviewers.filter((_, k) => k !== j) })}
                        />
                      </Space>
                    ))}
                    <div style={{ marginTop: 8 }}>
                      <Button size="small" icon={<PlusOutlined />} data-testid={`add-reviewer-${i}`} onClick={() => change(i, { reviewers: [...stage.reviewers, { email: '', name: '' }] })}>
                        {t('policy.addReviewer')}
                      </Button>
                    </div>
                  </fieldset>
                </Card>
              );
            })}
            <Button icon={<PlusOutlined />} onClick={() => setStages((s) => [...s, { ...NEW_STAGE }])} data-testid="add-stage">
              {t('policy.addStage')}
            </Button>
          </Space>
        )}
      </Loadable>
    </>
  );
}
