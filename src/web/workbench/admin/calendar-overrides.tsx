// A jurisdiction's own calendar changes: the list (with delete), one more, or many from CSV.
import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Popconfirm, Radio, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { CalendarOverride } from '../../api/shell.types.ts';
import { ErrorAlert, errorLine, shownOnForm } from '../../shell/errors.tsx';
import { useI18n } from '../../shell/i18n.tsx';
import { isoDate, type DateValue } from '../date-value.ts';

export function OverrideList({ overrides, canManage, onChanged }: { overrides: CalendarOverride[]; canManage: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();

  async function remove(o: CalendarOverride) {
    try {
      await api.delete(`/api/calendar/overrides/${o.id}`);
      message.success(t('calendar.override.deleted', { date: o.date }));
      onChanged();
    } catch (e) {
      message.error(errorLine(t, e));
    }
  }

  return (
    <Table<CalendarOverride>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={overrides}
      locale={{ emptyText: t('calendar.override.none') }}
      columns={[
        { key: 'date', title: t('calendar.field.date'), dataIndex: 'date' },
        { key: 'kind', title: t('calendar.field.kind'), render: (_, o) => t(`calendar.kind.${o.kind}`) },
        { key: 'note', title: t('calendar.field.note'), render: (_, o) => o.note ?? '—' },
        ...(canManage ? [{
          key: 'actions', title: t('common.actions'),
          render: (_: unknown, o: CalendarOverride) => (
            <Popconfirm title={t('calendar.override.delete.confirm', { date: o.date })} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => remove(o)}>
              <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('calendar.override.delete', { date: o.date })} />
            </Popconfirm>
          ),
        }] : []),
      ]}
    />
  );
}

interface OverrideValues {
  date: DateValue;
  kind: CalendarOverride['kind'];
  note?: string;
}

export function OverrideForm({ jurisdictionId, onChanged }: { jurisdictionId: string; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<OverrideValues>();
  const [error, setError] = useState<unknown>(null);

  async function save(values: OverrideValues) {
    setError(null);
    try {
      const saved = await api.put<CalendarOverride>('/api/calendar/overrides', {
        jurisdictionId, date: isoDate(values.date), kind: values.kind, ...(values.note?.trim() && { note: values.note.trim() }),
      });
      message.success(t('calendar.override.saved', { date: saved.date }));
      form.resetFields();
      onChanged();
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    }
  }

  return (
    <Form form={form} name="calendarOverride" layout="vertical" onFinish={save} initialValues={{ kind: 'restday' }}>
      <ErrorAlert error={error} />
      <Form.Item label={t('calendar.field.date')} name="date" rules={[{ required: true, message: t('form.required') }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item label={t('calendar.field.kind')} name="kind">
        <Radio.Group options={(['restday', 'workday'] as const).map((k) => ({ value: k, label: t(`calendar.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item label={t('calendar.field.note')} name="note"><Input maxLength={200} /></Form.Item>
      <Button type="primary" htmlType="submit">{t('calendar.override.save')}</Button>
    </Form>
  );
}

export function OverrideImport({ jurisdictionId, onChanged }: { jurisdictionId: string; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ csv: string }>();
  const [error, setError] = useState<unknown>(null);

  async function upload({ csv }: { csv: string }) {
    setError(null);
    try {
      const { imported } = await api.post<{ imported: number }>('/api/calendar/overrides/import', { jurisdictionId, csv });
      message.success(t('calendar.import.done', { n: imported }));
      form.resetFields();
      onChanged();
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    }
  }

  return (
    <Form form={form} name="calendarImport" layout="vertical" onFinish={upload}>
      <ErrorAlert error={error} />
      <Form.Item label={t('calendar.import.csv')} name="csv" extra={t('calendar.import.help')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input.TextArea rows={5} spellCheck={false} placeholder={'2026-12-31,restday,…\n2027-01-04,workday,…'} className="ms-mono" />
      </Form.Item>
      <Button htmlType="submit">{t('calendar.import.submit')}</Button>
    </Form>
  );
}
