// Staff sign-in: username and password. Wrong password and a locked account are told apart.
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { SessionUser } from '../api/shell.types.ts';
import { useAuth } from '../shell/auth.tsx';
import { ErrorAlert, shownOnForm } from '../shell/errors.tsx';
import { formatDateTime } from '../shell/format.ts';
import { useI18n } from '../shell/i18n.tsx';

interface Values {
  username: string;
  password: string;
}

export function StaffLoginForm({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const { t } = useI18n();
  const { loginStaff } = useAuth();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await loginStaff(values.username.trim(), values.password));
    } catch (e) {
      form.setFieldValue('password', '');
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={busy}>
      {error !== null && <LoginError error={error} />}
      <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('login.username.required') }]}>
        <Input autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.password.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
    </Form>
  );
}

function LoginError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.code === 'account_locked') {
    const until = typeof error.details.lockedUntil === 'string' ? formatDateTime(error.details.lockedUntil) : null;
    return <Alert className="ms-form-alert" type="error" showIcon role="alert" title={until ? t('login.error.lockedUntil', { until }) : t('login.error.locked')} />;
  }
  if (error instanceof ApiError && error.status === 401) {
    return <Alert className="ms-form-alert" type="error" showIcon role="alert" title={t('login.error.wrongPassword')} />;
  }
  if (error instanceof ApiError && error.status === 429) {
    return <Alert className="ms-form-alert" type="error" showIcon role="alert" title={t('login.error.tooMany')} />;
  }
  return <ErrorAlert error={error} />;
}
