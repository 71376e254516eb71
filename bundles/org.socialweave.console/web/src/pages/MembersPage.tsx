import { useState } from 'react';
import { Button, Form, Input, Modal, Popconfirm, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { all, api, ROLES, seg, type Membership, type Role, type User } from '../api';
import { useI18n } from '../i18n';
import { Loadable, PageTitle, ProblemAlert, useAction, useLoad } from '../common';
import { useWorkspace } from '../workspace';
import { useSession } from '../session';

export function useRoleOptions() {
  const { t } = useI18n();
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

export default function MembersPage() {
  const { t, formatTime } = useI18n();
  const { workspace, base } = useWorkspace();
  const { info } = useSession();
  const act = useAction();
  const roleOptions = useRoleOptions();
  const members = useLoad(() => all<Membership>(`${base}/members`), [base]);
  // Only a system administrator may list users; others add a member by user id.
  const users = useLoad(() => (info?.systemAdmin ? all<User>('/users') : Promise.resolve([] as User[])), [info?.systemAdmin]);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm();

  const assign = (userId: string, role: Role, name: string) =>
    act(() => api.put(`${base}/members/${seg(userId)}`, { role }), t('members.saved', { name, role: t(`roles.${role}`) })).then(members.reload);

  return (
    <>
      <PageTitle extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('members.add')}</Button>}>
        {`${t('members.title')} · ${workspace.name}`}
      </PageTitle>
      <Loadable state={members}>
        {(items) => (
          <Table<Membership>
            rowKey="userId"
            dataSource={items}
            pagination={false}
            scroll={{ x: 600 }}
            columns={[
              { title: t('members.user'), dataIndex: 'username' },
              {
                title: t('common.role'),
                dataIndex: 'role',
                width: 200,
                render: (role: Role, m) => (
                  <Select aria-label={`${t('common.role')} ${m.username}`} value={role} options={roleOptions} style={{ width: 160 }} onChange={(next) => assign(m.userId, next, m.username)} />
                ),
              },
              { title: t('members.granted'), dataIndex: 'grantedAt', render: (at: string) => formatTime(at), responsive: ['md'] },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 120,
                render: (_, m) => (
                  <Popconfirm title={t('members.removeConfirm', { name: m.username })} okText={t('common.yes')} cancelText={t('common.no')}
                    onConfirm={() => act(() => api.del(`${base}/members/${seg(m.userId)}`)).then(members.reload)}>
                    <Button size="small" danger>{t('members.remove')}</Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        )}
      </Loadable>
      <Modal open={adding} title={t('members.add')} onCancel={() => setAdding(false)} onOk={() => form.submit()} destroyOnClose>
        {error ? <ProblemAlert error={error} /> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ role: 'EDITOR' }}
          onFinish={async (values: { userId: string; role: Role }) => {
            setError(undefined);
            try {
              await api.put(`${base}/members/${seg(values.userId)}`, { role: values.role });
              setAdding(false);
              members.reload();
            } catch (e) {
              setError(e);
            }
          }}
        >
          <Form.Item name="userId" label={t('members.user')} rules={[{ required: true, message: t('login.required', { field: t('members.user') }) }]}>
            {users.data && users.data.length > 0 ? (
              <Select showSearch optionFilterProp="label" options={users.data.map((u) => ({ value: u.id, label: u.displayName ? `${u.username} (${u.displayName})` : u.username }))} />
            ) : (
              <Input placeholder="01H…" />
            )}
          </Form.Item>
          <Form.Item name="role" label={t('common.role')}>
            <Select options={roleOptions} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
