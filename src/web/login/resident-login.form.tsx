// Resident sign-in in two steps: a code is sent to the phone or e-mail, then entered here.
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { SessionUser } from '../api/shell.types.ts';
import { useAuth, type CodeSent } from '../shell/auth.tsx';
import { ErrorAlert, shownOnForm } from '../shell/errors.tsx';
import { useI18n } from '../shell/i18n.tsx';

const RESEND_SECONDS = 60;

interface Values {
  contact: string;
  code: string;
}

/** Seconds left before another code may be asked for; counts down once a second. */
function useCountdown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return [left, setLeft];
}

export function ResidentLoginForm({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const { t } = useI18n();
  const { sendResidentCode, verifyResident } = useAuth();
  const [form] = Form.useForm<Values>();
  const [sent, setSent] = useState<CodeSent | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [wait, setWait] = useCountdown();

  async function sendCode() {
    setError(null);
    try {
      const { contact } = await form.validateFields(['contact']);
      setBusy(true);
      setSent(await sendResidentCode(contact.trim()));
      setWait(RESEND_SECONDS);
    } catch (e) {
      if (!(e instanceof ApiError)) return; // the form already marks the empty field
      if (e.status === 429) setWait(RESEND_SECONDS);
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function verify(values: Values) {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await verifyResident(values.contact.trim(), values.code.trim()));
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={verify}>
      {error !== null && <ResidentLoginError error={error} />}
      {sent && error === null && (
        <Alert className="ms-form-alert" type="success" showIcon role="status"
          title={t(sent.channel === 'sms' ? 'login.code.sentSms' : 'login.code.sentEmail', { minutes: Math.round(sent.expiresInSeconds / 60) })} />
      )}
      <Form.Item label={t('login.contact')} name="contact" extra={t('login.contact.help')}
        rules={[{ required: true, whitespace: true, message: t('login.contact.required') }]}>
        <Input autoComplete="username" inputMode="email" />
      </Form.Item>
      <Button block onClick={sendCode} disabled={busy || wait > 0} className="ms-send-code">
        {wait > 0 ? t('login.code.resendIn', { seconds: wait }) : sent ? t('login.code.resend') : t('login.code.send')}
      </Button>
      <Form.Item label={t('login.code')} name="code" rules={[{ required: true, whitespace: true, message: t('login.code.required') }]}>
        <Input autoComplete="one-time-code" inputMode="numeric" maxLength={8} disabled={!sent} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} disabled={!sent}>{t('login.submit')}</Button>
    </Form>
  );
}

function ResidentLoginError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 429) {
    return <Alert className="ms-form-alert" type="warning" showIcon role="alert" title={t('login.error.codeTooSoon')} />;
  }
  if (error instanceof ApiError && error.status === 401) {
    return <Alert className="ms-form-alert" type="error" showIcon role="alert" title={t('login.error.wrongCode')} />;
  }
  return <ErrorAlert error={error} />;
}
