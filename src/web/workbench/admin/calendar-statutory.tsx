// The years the working-day calendar has statutory holidays for, and (for the district) entering a year's
// official arrangement when the holiday data does not have it yet: one line per day, checked here line by
// line before it is sent (statutory-arrangement.ts); what the server still finds wrong goes on its line.
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Table, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { api, ApiError, formNamePath } from '../../api/client.ts';
import type { StatutoryYear } from '../../api/shell.types.ts';
import { ErrorAlert } from '../../shell/errors.tsx';
import { formatDateTime, shanghaiToday } from '../../shell/format.ts';
import { useI18n, type Translate } from '../../shell/i18n.tsx';
import { useStatutoryYears } from '../statutory-years.tsx';
import { MAX_DAY_NAME, parseArrangement, type LineProblem } from './statutory-arrangement.ts';

function problemText(t: Translate, p: LineProblem, year: number): string {
  const problem = t(p.problem, { year, max: MAX_DAY_NAME });
  return p.line === null ? problem : t('statutory.line', { line: p.line, problem });
}

function YearList({ years }: { years: StatutoryYear[] }) {
  const { t } = useI18n();
  return (
    <Table<StatutoryYear>
      rowKey="year"
      size="small"
      dataSource={[...years].reverse()}
      pagination={{ pageSize: 6, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { key: 'year', title: t('calendar.field.year'), dataIndex: 'year' },
        {
          key: 'source', title: t('statutory.field.origin'),
          render: (_, y) => <Tag className={y.source === 'district' ? 'ms-tag-ok' : undefined}>{t(`statutory.source.${y.source}`)}</Tag>,
        },
        { key: 'note', title: t('statutory.field.note'), render: (_, y) => y.note ?? '—' },
        { key: 'updatedAt', title: t('statutory.field.updatedAt'), render: (_, y) => formatDateTime(y.updatedAt) },
      ]}
    />
  );
}

interface Values {
  year: number;
  source: string;
  text: string;
}

function EnterYearForm({ years, suggested, onSaved }: { years: StatutoryYear[]; suggested: number; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const year = Form.useWatch('year', form);
  const existing = years.find((y) => y.year === year);

  async function save(values: Values) {
    setError(null);
    const { days, lines, problems } = parseArrangement(values.text, values.year);
    if (problems.length > 0) {
      form.setFields([{ name: 'text', errors: problems.map((p) => problemText(t, p, values.year)) }]);
      return;
    }
    setBusy(true);
    try {
      const saved = await api.put<{ year: number; holidays: number; workdays: number }>(`/api/calendar/statutory/${values.year}`, { source: values.source.trim(), days });
      message.success(t('statutory.saved', { year: saved.year, holidays: saved.holidays, workdays: saved.workdays }));
      form.resetFields();
      onSaved();
    } catch (e) {
      if (!showOnLines(e, lines)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  /** Puts the server's issues on the source field and on the lines of the text; false when some fit nowhere. */
  function showOnLines(e: unknown, lines: number[]): boolean {
    if (!(e instanceof ApiError) || e.issues.length === 0) return false;
    const onText: string[] = [];
    const onSource: string[] = [];
    let placed = true;
    for (const issue of e.issues) {
      const [field, index] = formNamePath(issue.field);
      if (field === 'source') onSource.push(issue.message);
      else if (field === 'days' && typeof index === 'number' && lines[index]) onText.push(t('statutory.line', { line: lines[index], problem: issue.message }));
      else if (field === 'days' && index === undefined) onText.push(issue.message);
      else placed = false;
    }
    form.setFields([{ name: 'text', errors: onText }, { name: 'source', errors: onSource }]);
    return placed;
  }

  return (
    <Form form={form} name="statutoryYear" layout="vertical" onFinish={save} disabled={busy} initialValues={{ year: suggested }}>
      <ErrorAlert error={error} />
      <Form.Item label={t('calendar.field.year')} name="year" rules={[{ required: true, message: t('form.required') }]}
        extra={existing && t(`statutory.replaces.${existing.source}`, { year: existing.year })}>
        <InputNumber min={2000} max={2100} precision={0} className="ms-year-select" />
      </Form.Item>
      <Form.Item label={t('statutory.field.source')} name="source" extra={t('statutory.field.source.help', { year: year ?? suggested })}
        rules={[{ required: true, whitespace: true, message: t('form.required') }, { min: 2, message: t('statutory.field.source.short') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('statutory.field.days')} name="text" extra={t('statutory.field.days.help')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input.TextArea rows={8} spellCheck={false} className="ms-mono" placeholder={t('statutory.field.days.placeholder', { year: year ?? suggested })} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>{t('statutory.submit')}</Button>
    </Form>
  );
}

/** The section of the calendar page; `canEnter`: the user manages the district's calendar. */
export function StatutorySection({ canEnter, onSaved }: { canEnter: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const statutory = useStatutoryYears();
  const { hash } = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  const data = statutory.data;
  const ready = Boolean(data);

  // The workbench's warning links here: bring the section into view and put the reader at its heading
  // (once it is drawn, not again after each reload).
  useEffect(() => {
    if (hash === '#statutory' && ready) {
      heading.current?.scrollIntoView({ block: 'start' });
      heading.current?.focus();
    }
  }, [hash, ready]);

  const thisYear = Number(shanghaiToday().slice(0, 4));
  const covered = new Set(data?.years.map((y) => y.year));
  const suggested = data?.nextYearMissing ? data.nextYear : Math.max(thisYear, ...covered) + 1;

  return (
    <Card id="statutory" className="ms-block-top" loading={statutory.loading && !data}
      title={<h2 className="ms-card-title" ref={heading} tabIndex={-1}>{t('statutory.title')}</h2>}>
      <p className="ms-card-intro">{t('statutory.intro')}</p>
      <ErrorAlert error={statutory.error} />
      {data && (
        <Row gutter={[24, 16]}>
          <Col xs={24} xl={canEnter ? 12 : 24}>
            <h3 className="ms-section-title">{t('statutory.years')}</h3>
            <YearList years={data.years} />
          </Col>
          {canEnter && (
            <Col xs={24} xl={12}>
              <h3 className="ms-section-title">{t('statutory.enter')}</h3>
              <EnterYearForm key={suggested} years={data.years} suggested={suggested} onSaved={() => { statutory.reload(); onSaved(); }} />
            </Col>
          )}
        </Row>
      )}
    </Card>
  );
}
