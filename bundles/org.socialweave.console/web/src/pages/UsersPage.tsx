import { useState } from 'react';
import { Button, Checkbox, Form, Input, Modal, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { all, api, seg, type User } from '../api';
import { useI18n } from '../i18n';
import { Loadable, PageTitle, ProblemAlert, useAction, useLoad } from '../common';

export default function UsersPage() {
  const { t, formatTime } = useI18n();
  const act = useAction();
  const users = useLoad(() => all<User>('/users'), []);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm();

  return (
    <>
      <PageTitle extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('users.new')}</Button>}>{t('users.title')}</PageTitle>
      <Loadable state={users}>
        {(items) => (
          <Table<User>
            rowKey="id"
            dataSource={items}
            pagination={false}
            scroll={{ x: 720 }}
            columns={[
              { title: t('login.username'), dataIndex: 'username', render: (name: string, u) => <>{name} {u.systemAdmin ? <Tag color="blue">{t('users.systemAdmin')}</Tag> : null}</> },
              { title: t('users.displayName'), dataIndex: 'displayName' },
              { title: t('users.email'), dataIndex: 'email', responsive: ['md'] },
              { title: t('common.created'), dataIndex: 'createdAt', render: (at: string) => formatTime(at), responsive: ['lg'] },
              {
                title: t('common.status'),
                key: 'enabled',
                render: (_, u) => (
                  <Switch
                    checked={!u.disabled}
                    checkedChildren={t('users.enabled')}
                    unCheckedChildren={t('users.disabled')}
                    aria-label={`${u.disabled ? t('users.enable') : t('users.disable')} ${u.username}`}
                    onChange={(enabled) => act(() => api.put(`/users/${seg(u.id)}/disabled`, { enabled })).then(users.reload)}
                  />
                ),
              },
            ]}
          />
        )}
      </Loadable>
      <Modal open={creating} title={t('users.new')} onCancel={() => setCreating(false)} onOk={() => form.submit()} destroyOnClose>
        {error ? <ProblemAlert error={error} /> : null}
        <Form
          form={form}
          layout="vertical"
          onFinish={async (values: Record<string, unknown>) => {
            setError(undefined);
            try {
              await api.post('/users', values);
              setCreating(false);
              users.reload();
            } catch (e) {
              setError(e);
            }
          }}
        >
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label={t('users.email')}>
            <Input type="email" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="systemAdmin" valuePropName="checked">
            <Checkbox>{t('users.systemAdmin')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
