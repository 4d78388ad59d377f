// Adding or editing a group or a category of the tree. A category has an SLA class (which clocks apply),
// a level (who handles it when no routing rule says otherwise), perhaps a department, and keywords that
// help suggest it from a description; a group only has names. The code and the group cannot change later.
import { App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../../web/api/client.ts';
import type { JurisdictionSummary } from '../../../../web/api/shell.types.ts';
import { ErrorAlert, shownOnForm } from '../../../../web/shell/errors.tsx';
import { useAppealI18n } from '../appeal.i18n.ts';
import { adminApi, LEVELS, SLA_CLASSES, type AdminCategory, type CategoryFields } from './appeal-admin.api.ts';

/** What the drawer is for: a new group (`parent` null), a new category in a group, or an existing one. */
export type CategoryEdit = { mode: 'create'; parent: AdminCategory | null } | { mode: 'edit'; category: AdminCategory };

interface Values extends Omit<CategoryFields, 'departmentCode'> {
  code: string;
  departmentCode?: string | null;
}

const CODE = /^[a-z0-9][a-z0-9-]*$/;

function initialValues(edit: CategoryEdit): Partial<Values> {
  if (edit.mode === 'edit') return edit.category;
  return { active: true, sortOrder: 0, keywords: [], ...(edit.parent && { slaClass: edit.parent.slaClass, level: edit.parent.level }) };
}

export function CategoryDrawer({ edit, departments, onClose, onSaved }: {
  edit: CategoryEdit | null;
  departments: JurisdictionSummary[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, nameOf } = useAppealI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const level = Form.useWatch('level', form);

  const isGroup = edit !== null && (edit.mode === 'create' ? edit.parent === null : edit.category.parentCode === null);
  const group = edit?.mode === 'create' ? edit.parent : null;

  function close() {
    setError(null);
    onClose();
  }

  async function save(values: Values) {
    if (!edit) return;
    setBusy(true);
    setError(null);
    const names = { nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim(), active: values.active, sortOrder: values.sortOrder };
    // A group's form has no class, level, department or keywords.
    const details = isGroup ? null : { slaClass: values.slaClass, level: values.level, departmentCode: values.departmentCode ?? null, keywords: values.keywords.map((k) => k.trim()).filter(Boolean) };
    try {
      if (edit.mode === 'create') {
        // A group is sent without a class or a level: the server needs them for categories only.
        await adminApi.createCategory({ ...names, ...details, code: values.code.trim(), parentCode: group?.code ?? null });
        message.success(t(isGroup ? 'appeal.admin.group.created' : 'appeal.admin.category.created', { name: nameOf(names) }));
      } else {
        await adminApi.updateCategory(edit.category.code, { ...names, ...details });
        message.success(t('appeal.admin.category.saved', { name: nameOf(names) }));
      }
      onSaved();
      close();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict' && e.details.field === 'body.code') form.setFields([{ name: 'code', errors: [t('appeal.admin.field.code.taken')] }]);
      else if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  const required = { required: true, message: t('form.required') };
  const title = !edit ? '' : edit.mode === 'edit' ? t('appeal.admin.category.editTitle', { name: nameOf(edit.category) })
    : group ? t('appeal.admin.category.addTitle', { group: nameOf(group) }) : t('appeal.admin.group.addTitle');

  return (
    <Drawer
      open={edit !== null}
      onClose={close}
      size={560}
      destroyOnHidden
      title={<h2 className="ms-drawer-title">{title}</h2>}
      footer={
        <Space>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{t('common.save')}</Button>
          <Button onClick={close}>{t('common.cancel')}</Button>
        </Space>
      }
    >
      {edit && (
        <Form form={form} name="appealCategory" layout="vertical" onFinish={save} disabled={busy} initialValues={initialValues(edit)}>
          <ErrorAlert error={error} />
          {edit.mode === 'create' && (
            <Form.Item label={t('appeal.admin.field.code')} name="code" extra={t('appeal.admin.field.code.help')}
              rules={[required, { pattern: CODE, message: t('appeal.admin.field.code.pattern') }]}>
              <Input maxLength={64} autoComplete="off" className="ms-mono" />
            </Form.Item>
          )}
          <Form.Item label={t('appeal.admin.field.nameZh')} name="nameZh" rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label={t('appeal.admin.field.nameEn')} name="nameEn" rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          {!isGroup && (
            <>
              <Form.Item label={t('appeal.field.slaClass')} name="slaClass" rules={[required]} extra={t('appeal.admin.field.slaClass.help')}>
                <Select options={SLA_CLASSES.map((c) => ({ value: c, label: t(`appeal.slaClass.${c}`) }))} />
              </Form.Item>
              <Form.Item label={t('appeal.field.level')} name="level" rules={[required]} extra={t('appeal.admin.field.level.help')}>
                <Select options={LEVELS.map((l) => ({ value: l, label: t(`appeal.level.${l}`) }))} />
              </Form.Item>
              <Form.Item label={t('appeal.admin.field.department')} name="departmentCode" extra={t('appeal.admin.field.department.help')}
                rules={[{ required: level === 'department', message: t('appeal.admin.field.department.required') }]}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={departments.map((d) => ({ value: d.code, label: nameOf(d) }))} />
              </Form.Item>
              <Form.Item label={t('appeal.admin.field.keywords')} name="keywords" extra={t('appeal.admin.field.keywords.help')}
                rules={[{ validator: async (_, words: string[] = []) => {
                  if (words.length > 50) throw new Error(t('appeal.admin.field.keywords.many'));
                  if (words.some((w) => w.trim().length > 20)) throw new Error(t('appeal.admin.field.keywords.long'));
                } }]}>
                <Select mode="tags" tokenSeparators={[' ', ',', '，', '、']} />
              </Form.Item>
            </>
          )}
          <Form.Item label={t('appeal.admin.field.sortOrder')} name="sortOrder" extra={t('appeal.admin.field.sortOrder.help')} rules={[required]}>
            <InputNumber min={0} max={100_000} precision={0} />
          </Form.Item>
          <Form.Item label={t('appeal.admin.field.active')} name="active" valuePropName="checked" extra={t('appeal.admin.field.active.help')}>
            <Switch />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}
