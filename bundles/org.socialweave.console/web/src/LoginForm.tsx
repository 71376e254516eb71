import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useI18n } from './i18n';
import { useSession } from './session';
import { ProblemAlert } from './common';

/** The sign-in form, on the login page and in the dialog that opens when a session ends. */
export function LoginForm({ username, onDone }: { username?: string; onDone?: () => void }) {
  const { t } = useI18n();
  const { login } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(values.username, values.password);
      onDone?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={submit} initialValues={{ username }} requiredMark={false} aria-label={t('login.title')}>
      {error ? <ProblemAlert error={error} /> : null}
      <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus={!username} />
      </Form.Item>
      <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus={!!username} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
