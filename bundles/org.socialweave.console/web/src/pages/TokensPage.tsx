import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { all, api, seg, type ApiToken, type Role } from '../api';
import { useI18n } from '../i18n';
import { panelWithoutTabStop } from '../PanelFocus';
import { Loadable, PageTitle, ProblemAlert, useAction, useLoad } from '../common';
import { useWorkspace } from '../workspace';
import { useRoleOptions } from './MembersPage';

export default function TokensPage() {
  const { t, formatTime } = useI18n();
  const { workspace, base } = useWorkspace();
  const act = useAction();
  const roleOptions = useRoleOptions();
  const tokens = useLoad(() => all<ApiToken>(`${base}/tokens`), [base]);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm();

  return (
    <>
      <PageTitle extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('tokens.new')}</Button>}>
        {`${t('tokens.title')} · ${workspace.name}`}
      </PageTitle>
      {secret ? (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setSecret(undefined)}
          message={t('tokens.secretTitle')}
          description={
            <>
              <Typography.Paragraph>{t('tokens.secretText')}</Typography.Paragraph>
              <Typography.Text code copyable data-testid="token-secret">{secret}</Typography.Text>
            </>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Loadable state={tokens}>
        {(items) => (
          <Table<ApiToken>
            rowKey="id"
            dataSource={items}
            pagination={false}
            scroll={{ x: 720 }}
            columns={[
              { title: t('common.name'), dataIndex: 'name' },
              { title: t('common.role'), dataIndex: 'role', render: (r: Role) => t(`roles.${r}`) },
              { title: t('tokens.prefix'), dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
              { title: t('tokens.expires'), dataIndex: 'expiresAt', render: (at?: string) => (at ? formatTime(at) : t('common.never')), responsive: ['md'] },
              { title: t('tokens.lastUsed'), dataIndex: 'lastUsedAt', render: (at?: string) => (at ? formatTime(at) : t('common.never')), responsive: ['lg'] },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, token) =>
                  token.revokedAt ? (
                    <Tag>{t('tokens.revoked')}</Tag>
                  ) : (
                    <Popconfirm title={t('tokens.revokeConfirm', { name: token.name })} okText={t('common.yes')} cancelText={t('common.no')}
                      onConfirm={() => act(() => api.del(`${base}/tokens/${seg(token.id)}`)).then(tokens.reload)}>
                      <Button size="small" danger>{t('tokens.revoke')}</Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </Loadable>
      <Modal open={creating} title={t('tokens.new')} onCancel={() => setCreating(false)} onOk={() => form.submit()} destroyOnClose>
        {error ? <ProblemAlert error={error} /> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ role: 'EDITOR' }}
          onFinish={async (values: { name: string; role: Role; expiresAt?: Dayjs }) => {
            setError(undefined);
            try {
              const issued = await api.post<{ secret: string }>(`${base}/tokens`, {
                name: values.name,
                role: values.role,
                expiresAt: values.expiresAt ? values.expiresAt.toISOString() : undefined,
              });
              setSecret(issued.secret);
              setCreating(false);
              tokens.reload();
            } catch (e) {
              setError(e);
            }
          }}
        >
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('login.required', { field: t('common.name') }) }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label={t('common.role')}>
            <Select options={roleOptions} />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('tokens.expires')}>
            <DatePicker panelRender={panelWithoutTabStop} showTime style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
