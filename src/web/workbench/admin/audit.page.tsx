// /workbench/audit: the audit trail, filtered and paged, and a check of its hash chain.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { AuditEntry, AuditVerdict, Page } from '../../api/shell.types.ts';
import { useLoad } from '../../api/use-load.ts';
import { ErrorAlert } from '../../shell/errors.tsx';
import { endOfShanghaiDay, formatDateTime, startOfShanghaiDay } from '../../shell/format.ts';
import { useI18n } from '../../shell/i18n.tsx';
import { isoDate, type DateValue } from '../date-value.ts';
import { PageHeader } from '../page-header.tsx';

const RESULTS = ['ok', 'denied', 'failed'] as const;
type Result = (typeof RESULTS)[number];

function isResult(value: string): value is Result {
  return (RESULTS as readonly string[]).includes(value);
}

interface FilterValues {
  actor?: string;
  action?: string;
  objectType?: string;
  result?: Result;
  from?: DateValue | null;
  to?: DateValue | null;
}

type Query = Record<string, string>;

function toQuery(values: FilterValues): Query {
  const query: Query = {};
  for (const key of ['actor', 'action', 'objectType', 'result'] as const) {
    const value = values[key]?.trim();
    if (value) query[key] = value;
  }
  if (values.from) query.from = startOfShanghaiDay(isoDate(values.from));
  if (values.to) query.to = endOfShanghaiDay(isoDate(values.to));
  return query;
}

function ChainCheck() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function verify() {
    setBusy(true);
    setError(null);
    setVerdict(null);
    try {
      setVerdict(await api.get<AuditVerdict>('/api/audit/verify'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="ms-block">
      <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={verify}>{t('audit.verify')}</Button>
      <div aria-live="polite" className="ms-block-top">
        {verdict?.ok && <Alert type="success" showIcon title={t('audit.verify.ok', { rows: verdict.rows })} />}
        {verdict && !verdict.ok && (
          <Alert type="error" showIcon title={t('audit.verify.bad', { seq: verdict.firstBadSeq ?? '?' })} description={verdict.reason} />
        )}
        <ErrorAlert error={error} />
      </div>
    </div>
  );
}

export function AuditPage() {
  const { t } = useI18n();
  const [query, setQuery] = useState<Query>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const list = useLoad(() => api.get<Page<AuditEntry>>('/api/audit', { ...query, ...paging }), [query, paging]);

  return (
    <>
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      <ChainCheck />
      <Card>
        <Form<FilterValues> name="auditFilter" layout="inline" className="ms-filter" onFinish={(values) => {
          setQuery(toQuery(values));
          setPaging((p) => ({ ...p, page: 1 }));
        }}>
          <Form.Item label={t('audit.field.actor')} name="actor"><Input allowClear maxLength={100} /></Form.Item>
          <Form.Item label={t('audit.field.action')} name="action"><Input allowClear maxLength={100} placeholder="auth.login" /></Form.Item>
          <Form.Item label={t('audit.field.objectType')} name="objectType"><Input allowClear maxLength={100} placeholder="user" /></Form.Item>
          <Form.Item label={t('audit.field.result')} name="result">
            <Select allowClear className="ms-result-select" options={RESULTS.map((r) => ({ value: r, label: t(`audit.result.${r}`) }))} />
          </Form.Item>
          <Form.Item label={t('audit.field.from')} name="from"><DatePicker /></Form.Item>
          <Form.Item label={t('audit.field.to')} name="to"><DatePicker /></Form.Item>
          <Button type="primary" htmlType="submit">{t('common.search')}</Button>
        </Form>
        <ErrorAlert error={list.error} />
        <Table<AuditEntry>
          rowKey="seq"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            { key: 'seq', title: t('audit.field.seq'), dataIndex: 'seq' },
            { key: 'at', title: t('audit.field.at'), render: (_, e) => formatDateTime(e.at, true) },
            { key: 'actor', title: t('audit.field.actor'), dataIndex: 'actorLabel' },
            { key: 'action', title: t('audit.field.action'), render: (_, e) => <code>{e.action}</code> },
            { key: 'object', title: t('audit.field.object'), render: (_, e) => <span className="ms-mono">{e.objectType}{e.objectId ? ` ${e.objectId}` : ''}</span> },
            { key: 'result', title: t('audit.field.result'), render: (_, e) => <Tag className={e.result === 'ok' ? 'ms-tag-ok' : 'ms-tag-danger'}>{isResult(e.result) ? t(`audit.result.${e.result}`) : e.result}</Tag> },
            { key: 'requestId', title: t('audit.field.requestId'), render: (_, e) => <span className="ms-mono">{e.requestId ?? '—'}</span> },
            {
              key: 'detail', title: t('audit.field.detail'),
              render: (_, e) => (
                <details>
                  <summary>{t('audit.detail.show')}</summary>
                  <pre className="ms-json" tabIndex={0}>{JSON.stringify(e.detail, null, 2)}</pre>
                </details>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
