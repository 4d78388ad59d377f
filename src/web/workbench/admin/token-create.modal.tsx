// Creating an API token: name, scopes (only permissions the user holds), optional expiry. The token
// itself is shown once, with a copy button, and never again.
import { Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Permission } from '../../api/shell.types.ts';
import { useUser } from '../../shell/auth.tsx';
import { ErrorAlert, shownOnForm } from '../../shell/errors.tsx';
import { endOfShanghaiDay } from '../../shell/format.ts';
import { useI18n } from '../../shell/i18n.tsx';
import { isoDate, type DateValue } from '../date-value.ts';
import { SecretOnce } from '../secret-once.tsx';

interface Values {
  name: string;
  scopes: Permission[];
  expiresOn?: DateValue | null;
}

export function TokenCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  async function create(values: Values) {
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<{ token: string }>('/api/tokens', {
        name: values.name.trim(), scopes: values.scopes, ...(values.expiresOn && { expiresAt: endOfShanghaiDay(isoDate(values.expiresOn)) }),
      });
      setSecret(created.token);
      form.resetFields();
      onCreated();
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  function close() {
    setSecret(null);
    setError(null);
    onClose();
  }

  return (
    <Modal open={open} title={t('token.create.title')} onCancel={close} destroyOnHidden
      footer={secret
        ? <Button type="primary" onClick={close}>{t('token.done')}</Button>
        : <Space><Button onClick={close}>{t('common.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>{t('token.create.submit')}</Button></Space>}>
      {secret ? (
        <SecretOnce id="newToken" label={t('token.secret')} warning={t('token.once')} secret={secret} />
      ) : (
        <Form form={form} name="tokenCreate" layout="vertical" onFinish={create} disabled={busy}>
          <ErrorAlert error={error} />
          <Form.Item label={t('token.field.name')} name="name" rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={t('token.field.scopes')} name="scopes" extra={t('token.field.scopes.help')} rules={[{ required: true, message: t('form.required') }]}>
            <Select mode="multiple" options={user.permissions.map((p) => ({ value: p, label: t(`permission.${p}`) }))} />
          </Form.Item>
          <Form.Item label={t('token.field.expiresOn')} name="expiresOn" extra={t('token.field.expiresOn.help')}>
            <DatePicker />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
