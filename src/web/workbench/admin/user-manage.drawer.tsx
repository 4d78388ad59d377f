// One staff account: rename, (de)activate, unlock, reset the password, add and remove grants.
import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Form, Input, Popconfirm, Skeleton, Space, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { api } from '../../api/client.ts';
import type { Staff, StaffRole } from '../../api/shell.types.ts';
import { useLoad } from '../../api/use-load.ts';
import { useUser } from '../../shell/auth.tsx';
import { ErrorAlert, errorLine, shownOnForm } from '../../shell/errors.tsx';
import { formatDateTime } from '../../shell/format.ts';
import { useI18n } from '../../shell/i18n.tsx';
import type { JurisdictionNode } from '../jurisdiction-tree.ts';
import { GrantFields, GrantTag, useGrantLabel } from './grants.tsx';
import { PasswordFields } from './password-fields.tsx';
import { StatusTag } from './user-status.tsx';

type StaffDetail = Staff & { abilities: { update: boolean } };

interface Props {
  userId: string | null;
  roots: JurisdictionNode[];
  onClose: () => void;
  /** Something about the account changed: the list should be read again. */
  onChanged: () => void;
}

export function UserManageDrawer({ userId, roots, onClose, onChanged }: Props) {
  const { t } = useI18n();
  const loaded = useLoad(() => (userId ? api.get<StaffDetail>(`/api/users/${userId}`) : Promise.resolve(null)), [userId]);
  const staff = loaded.data && loaded.data.id === userId ? loaded.data : null;

  return (
    <Drawer open={userId !== null} onClose={onClose} size={600} title={<h2 className="ms-drawer-title">{staff ? t('user.manage.title', { username: staff.username }) : t('user.manage.loading')}</h2>}>
      <ErrorAlert error={loaded.error} />
      {!staff ? <Skeleton active /> : (
        <UserManageBody staff={staff} roots={roots} onChanged={() => { loaded.reload(); onChanged(); }} />
      )}
    </Drawer>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="ms-drawer-section">
      <h3 className="ms-section-title">{title}</h3>
      {children}
    </section>
  );
}

/** A form that sends its values with `send`, puts field issues on the form and shows the rest above it. */
function useSubmit<V>(form: FormInstance<V>, send: (values: V) => Promise<unknown>, done: () => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      await send(values);
      done();
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

function UserManageBody({ staff, roots, onChanged }: { staff: StaffDetail; roots: JurisdictionNode[]; onChanged: () => void }) {
  const { t } = useI18n();
  const me = useUser();
  const { message } = App.useApp();
  const grantLabel = useGrantLabel();
  const editable = staff.abilities.update;
  const [nameForm] = Form.useForm<{ displayName: string }>();
  const [passwordForm] = Form.useForm<{ password: string }>();
  const [grantForm] = Form.useForm<{ role: StaffRole; jurisdictionId: string }>();
  const saved = (text: string) => () => {
    message.success(text);
    onChanged();
  };

  const rename = useSubmit(nameForm, (v) => api.patch(`/api/users/${staff.id}`, { displayName: v.displayName.trim() }), saved(t('common.saved')));
  const reset = useSubmit(passwordForm, (v) => api.patch(`/api/users/${staff.id}`, { password: v.password }), () => {
    passwordForm.resetFields();
    saved(t('user.password.reset.done'))();
  });
  const grant = useSubmit(grantForm, (v) => api.post(`/api/users/${staff.id}/grants`, v), () => {
    grantForm.resetFields();
    saved(t('user.grant.added'))();
  });

  async function act(send: () => Promise<unknown>, done: string) {
    try {
      await send();
      saved(done)();
    } catch (e) {
      message.error(errorLine(t, e));
    }
  }

  const facts = (
    <Descriptions column={1} size="small" bordered items={[
      { key: 'username', label: t('user.field.username'), children: staff.username },
      { key: 'status', label: t('user.field.status'), children: <StatusTag staff={staff} /> },
      ...(staff.locked ? [{ key: 'locked', label: t('user.field.lockedUntil'), children: formatDateTime(staff.lockedUntil) }] : []),
      { key: 'created', label: t('user.field.createdAt'), children: formatDateTime(staff.createdAt) },
    ]} />
  );

  if (!editable) {
    return (
      <>
        {facts}
        <Section title={t('user.field.grants')}>
          <Space wrap>{staff.grants.map((g) => <GrantTag key={g.id} grant={g} />)}</Space>
        </Section>
      </>
    );
  }

  return (
    <>
      {facts}
      <Section title={t('user.section.status')}>
        <Space wrap>
          {staff.active ? (
            <Popconfirm title={t('user.deactivate.confirm', { username: staff.username })} okText={t('common.confirm')} cancelText={t('common.cancel')}
              onConfirm={() => act(() => api.patch(`/api/users/${staff.id}`, { active: false }), t('user.deactivate.done'))}>
              <Button danger disabled={staff.id === me.id}>{t('user.deactivate')}</Button>
            </Popconfirm>
          ) : (
            <Button onClick={() => act(() => api.patch(`/api/users/${staff.id}`, { active: true }), t('user.activate.done'))}>{t('user.activate')}</Button>
          )}
          {staff.locked && (
            <Button onClick={() => act(() => api.patch(`/api/users/${staff.id}`, { unlock: true }), t('user.unlock.done'))}>{t('user.unlock')}</Button>
          )}
        </Space>
      </Section>

      <Section title={t('user.section.name')}>
        <Form form={nameForm} name="userRename" layout="inline" onFinish={rename.submit} disabled={rename.busy} initialValues={{ displayName: staff.displayName }}>
          <ErrorAlert error={rename.error} />
          <Form.Item label={t('user.field.displayName')} name="displayName" rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Button htmlType="submit" loading={rename.busy}>{t('common.save')}</Button>
        </Form>
      </Section>

      <Section title={t('user.section.password')}>
        <Form form={passwordForm} name="userPassword" layout="vertical" onFinish={reset.submit} disabled={reset.busy}>
          <ErrorAlert error={reset.error} />
          <PasswordFields />
          <Button htmlType="submit" loading={reset.busy}>{t('user.password.reset')}</Button>
        </Form>
      </Section>

      <Section title={t('user.field.grants')}>
        {staff.grants.length === 0 ? <p>{t('user.grant.none')}</p> : (
          <ul className="ms-list">
            {staff.grants.map((g) => (
              <li key={g.id}>
                <GrantTag grant={g} />
                <Popconfirm title={t('user.grant.remove.confirm')} okText={t('common.confirm')} cancelText={t('common.cancel')}
                  onConfirm={() => act(() => api.delete(`/api/users/${staff.id}/grants/${g.id}`), t('user.grant.removed'))}>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('user.grant.remove', { grant: grantLabel(g) })} />
                </Popconfirm>
              </li>
            ))}
          </ul>
        )}
        <Form form={grantForm} name="userGrant" layout="vertical" onFinish={grant.submit} disabled={grant.busy} className="ms-grant-add">
          <ErrorAlert error={grant.error} />
          <div className="ms-grant-row">
            <GrantFields prefix={[]} roots={roots} />
          </div>
          <Button htmlType="submit" loading={grant.busy}>{t('user.grant.add')}</Button>
        </Form>
      </Section>
    </>
  );
}
