// Creating a staff account: username, name, first password and one or more role grants.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Staff, StaffRole } from '../../api/shell.types.ts';
import { ErrorAlert, shownOnForm } from '../../shell/errors.tsx';
import { useI18n } from '../../shell/i18n.tsx';
import type { JurisdictionNode } from '../jurisdiction-tree.ts';
import { GrantFields } from './grants.tsx';
import { PasswordFields } from './password-fields.tsx';

interface Values {
  username: string;
  displayName: string;
  password: string;
  grants: Array<{ role: StaffRole; jurisdictionId: string }>;
}

export function UserCreateDrawer({ open, roots, onClose, onCreated }: {
  open: boolean;
  roots: JurisdictionNode[];
  onClose: () => void;
  onCreated: (staff: Staff) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function create(values: Values) {
    setBusy(true);
    setError(null);
    try {
      const staff = await api.post<Staff>('/api/users', {
        username: values.username.trim(), displayName: values.displayName.trim(), password: values.password, grants: values.grants,
      });
      message.success(t('user.created', { username: staff.username }));
      form.resetFields();
      onCreated(staff);
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={<h2 className="ms-drawer-title">{t('user.create.title')}</h2>}
      footer={
        <Space>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{t('user.create.submit')}</Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      }
    >
      <Form form={form} name="userCreate" layout="vertical" onFinish={create} disabled={busy} initialValues={{ grants: [{}] }}>
        <ErrorAlert error={error} />
        <Form.Item label={t('user.field.username')} name="username" extra={t('user.field.username.help')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item label={t('user.field.displayName')} name="displayName" rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <PasswordFields />
        <Form.List name="grants">
          {(fields, { add, remove }, { errors }) => (
            <fieldset className="ms-fieldset">
              <legend>{t('user.field.grants')}</legend>
              {fields.map((field, i) => (
                <div key={field.key} className="ms-grant-row">
                  <GrantFields prefix={[field.name]} roots={roots} />
                  {fields.length > 1 && (
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('user.grant.removeRow', { n: i + 1 })} onClick={() => remove(field.name)} />
                  )}
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>{t('user.grant.addRow')}</Button>
            </fieldset>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
