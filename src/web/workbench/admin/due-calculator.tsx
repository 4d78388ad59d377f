// When is something due? A period counted from a date on the jurisdiction's calendar
// (the start day is not counted; GET /api/calendar/due).
import { Alert, Button, DatePicker, Form, InputNumber, Radio } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert, shownOnForm } from '../../shell/errors.tsx';
import { formatDateTime } from '../../shell/format.ts';
import { useI18n } from '../../shell/i18n.tsx';
import { isoDate, type DateValue } from '../date-value.ts';

interface Values {
  from: DateValue;
  amount: number;
  unit: 'working_day' | 'calendar_day';
}

export function DueCalculator({ jurisdictionId }: { jurisdictionId: string }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const [due, setDue] = useState<{ dueDate: string; dueAt: string } | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function compute(values: Values) {
    setError(null);
    setDue(null);
    try {
      setDue(await api.get('/api/calendar/due', { jurisdictionId, from: isoDate(values.from), amount: values.amount, unit: values.unit }));
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    }
  }

  const weekday = (date: string) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

  return (
    <Form form={form} name="dueCalculator" layout="vertical" onFinish={compute} initialValues={{ amount: 15, unit: 'working_day' }}>
      <Form.Item label={t('calendar.due.from')} name="from" rules={[{ required: true, message: t('form.required') }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item label={t('calendar.due.amount')} name="amount" rules={[{ required: true, message: t('form.required') }]}>
        <InputNumber min={0} max={3650} precision={0} />
      </Form.Item>
      <Form.Item label={t('calendar.due.unit')} name="unit">
        <Radio.Group options={(['working_day', 'calendar_day'] as const).map((u) => ({ value: u, label: t(`calendar.unit.${u}`) }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit">{t('calendar.due.submit')}</Button>
      <div aria-live="polite" className="ms-due-result">
        {due && (
          <Alert type="success" showIcon
            title={t('calendar.due.result', { date: due.dueDate, weekday: weekday(due.dueDate) })}
            description={t('calendar.due.resultAt', { at: formatDateTime(due.dueAt) })} />
        )}
        <ErrorAlert error={error} />
      </div>
    </Form>
  );
}
