// Editing a unit (PATCH) and adding a unit under it (POST).
import { App, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { JurisdictionDetail, JurisdictionKind, LngLat } from '../../api/shell.types.ts';
import { ErrorAlert, shownOnForm } from '../../shell/errors.tsx';
import { useI18n } from '../../shell/i18n.tsx';
import { CHILD_KINDS } from '../jurisdiction-tree.ts';

interface UnitValues {
  code: string;
  nameZh: string;
  nameEn: string;
  sortOrder?: number | null;
  lng?: number | null;
  lat?: number | null;
}

function centroidOf(values: UnitValues): LngLat | null {
  return typeof values.lng === 'number' && typeof values.lat === 'number' ? [values.lng, values.lat] : null;
}

function UnitFields() {
  const { t } = useI18n();
  const required = { required: true, whitespace: true, message: t('form.required') };
  return (
    <>
      <Form.Item label={t('jurisdiction.field.nameZh')} name="nameZh" rules={[required]}><Input lang="zh-CN" maxLength={100} /></Form.Item>
      <Form.Item label={t('jurisdiction.field.nameEn')} name="nameEn" rules={[required]}><Input lang="en" maxLength={200} /></Form.Item>
      <Form.Item label={t('jurisdiction.field.code')} name="code" rules={[required]} extra={t('jurisdiction.field.code.help')}><Input maxLength={64} /></Form.Item>
      <Form.Item label={t('jurisdiction.field.sortOrder')} name="sortOrder"><InputNumber min={0} max={100000} precision={0} /></Form.Item>
      <Space wrap>
        <Form.Item label={t('jurisdiction.field.lng')} name="lng"><InputNumber min={-180} max={180} step={0.0001} /></Form.Item>
        <Form.Item label={t('jurisdiction.field.lat')} name="lat"><InputNumber min={-90} max={90} step={0.0001} /></Form.Item>
      </Space>
    </>
  );
}

export function JurisdictionEditForm({ unit, onSaved }: { unit: JurisdictionDetail; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(values: UnitValues) {
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/api/jurisdictions/${unit.id}`, {
        code: values.code.trim(), nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim(),
        centroid: centroidOf(values), ...(typeof values.sortOrder === 'number' && { sortOrder: values.sortOrder }),
      });
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} name="jurisdictionEdit" layout="vertical" onFinish={save} disabled={busy}
      initialValues={{ code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn, sortOrder: unit.sortOrder, lng: unit.centroid?.[0], lat: unit.centroid?.[1] }}>
      <ErrorAlert error={error} />
      <UnitFields />
      <Button type="primary" htmlType="submit" loading={busy}>{t('common.save')}</Button>
    </Form>
  );
}

export function JurisdictionAddForm({ parent, onAdded }: { parent: JurisdictionDetail; onAdded: (id: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitValues & { kind: JurisdictionKind }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const kinds = CHILD_KINDS[parent.kind];

  async function add(values: UnitValues & { kind: JurisdictionKind }) {
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<JurisdictionDetail>('/api/jurisdictions', {
        parentId: parent.id, kind: values.kind, code: values.code.trim(), nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim(),
        centroid: centroidOf(values), ...(typeof values.sortOrder === 'number' && { sortOrder: values.sortOrder }),
      });
      message.success(t('jurisdiction.added'));
      form.resetFields();
      onAdded(created.id);
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} name="jurisdictionAdd" layout="vertical" onFinish={add} disabled={busy} initialValues={{ kind: kinds[0] }}>
      <ErrorAlert error={error} />
      <Form.Item label={t('jurisdiction.field.kind')} name="kind" rules={[{ required: true, message: t('form.required') }]}>
        <Select options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
      </Form.Item>
      <UnitFields />
      <Button type="primary" htmlType="submit" loading={busy}>{t('jurisdiction.add')}</Button>
    </Form>
  );
}
