// /workbench/applications: the handling unit's inbox. Queues (to check materials, under review, paused,
// due soon, overdue, joint opinions, decided) with counts and search by tracking code, applicant or
// service; working days left in every row; keyboard: j/k to move, o to open, / to search, 1–7 for queues.
import { FormOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Input, Pagination, Skeleton, Space, Tabs } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useLoad } from '../../../../web/api/use-load.ts';
import { useUser } from '../../../../web/shell/auth.tsx';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { PageHeader } from '../../../../web/workbench/page-header.tsx';
import { useJurisdictions } from '../../../../web/workbench/use-jurisdictions.ts';
import { applicationApi, QUEUES, type InboxItem, type Queue } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';
import { useShortcuts, type Shortcut } from '../components/shortcuts.ts';
import { DeemedTag, StateTag } from '../components/tags.tsx';
import '../application.css';

const PAGE_SIZE = 20;
const COUNTED: Queue[] = ['to_check', 'under_review', 'paused', 'due_soon', 'overdue', 'joint_opinions'];

export function InboxPage() {
  const { t, tk, nameOf } = useApplicationI18n();
  const user = useUser();
  const navigate = useNavigate();
  const canCounter = user.permissions.includes('case.act');
  const [params, setParams] = useSearchParams();
  const queue = (QUEUES as readonly string[]).includes(params.get('queue') ?? '') ? (params.get('queue') as Queue) : 'to_check';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const [round, setRound] = useState(0);
  const list = useLoad(() => applicationApi.list({ queue, q: q || undefined, page, pageSize: PAGE_SIZE }), [queue, q, page, round]);
  const counts = useLoad(async () => new Map<Queue, number>(await Promise.all(COUNTED.map(async (c) => [c, (await applicationApi.list({ queue: c, pageSize: 1 })).total] as const))), [round]);
  const tree = useJurisdictions();
  const [search, setSearch] = useState(q);
  const [cursor, setCursor] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const rowsRef = useRef<HTMLTableSectionElement>(null);
  useEffect(() => setSearch(q), [q]);
  useEffect(() => setCursor(0), [queue, q, page]);

  const items = list.data?.items ?? [];
  const refresh = () => setRound((r) => r + 1);
  const focusRow = (index: number) => {
    const bounded = Math.max(0, Math.min(items.length - 1, index));
    setCursor(bounded);
    rowsRef.current?.querySelectorAll<HTMLAnchorElement>('a.sp-row-link')[bounded]?.focus();
  };
  const shortcuts: Shortcut[] = [
    { keys: 'J', run: () => focusRow(cursor + 1) },
    { keys: 'K', run: () => focusRow(cursor - 1) },
    { keys: 'O', run: () => items[cursor] && navigate(`/workbench/applications/${items[cursor].id}`) },
    { keys: '/', run: () => searchRef.current?.focus() },
    { keys: 'R', run: refresh },
    ...QUEUES.map((qq, i) => ({ keys: String(i + 1), run: () => update({ queue: qq }) })),
  ];
  useShortcuts(shortcuts);
  // The unit's name in the reader's language from the jurisdiction tree, else the Chinese name the inbox gives.
  const unitName = (item: InboxItem) => {
    const u = item.handlingUnitId ? tree.byId.get(item.handlingUnitId) : undefined;
    return u ? nameOf(u) : item.handlingUnitName ?? '—';
  };

  return (
    <>
      <PageHeader title={t('application.inbox.title')} intro={t('application.inbox.intro')}
        extra={canCounter && <Link to="/workbench/applications/counter"><Button type="primary" icon={<FormOutlined aria-hidden />}>{t('application.nav.counter')}</Button></Link>} />
      <Tabs className="sp-queues" activeKey={queue} onChange={(key) => update({ queue: key })}
        items={QUEUES.map((qq, i) => ({
          key: qq,
          label: (
            <span className="sp-queue-label">
              {tk(`application.queue.${qq}`)}
              {counts.data?.has(qq) && <Badge count={counts.data.get(qq)} showZero={false} overflowCount={999} className={qq === 'overdue' ? 'sp-badge-red' : qq === 'due_soon' ? 'sp-badge-yellow' : 'sp-badge'} />}
              <span className="ms-visually-hidden">{t('application.inbox.queueKey', { n: i + 1 })}</span>
            </span>
          ),
        }))} />
      <div className="sp-filters" role="search" aria-label={t('application.inbox.search')}>
        <Input.Search ref={(el) => { searchRef.current = el?.input ?? null; }} className="sp-filter-search" value={search}
          onChange={(e) => setSearch(e.target.value)} onSearch={(v) => update({ q: v.trim() || undefined })}
          placeholder={t('application.inbox.search')} aria-label={t('application.inbox.search')}
          enterButton={<Button icon={<SearchOutlined aria-hidden />} aria-label={t('common.search')} />} allowClear />
        <Space>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={refresh} aria-keyshortcuts="R">{t('application.inbox.refresh')}</Button>
        </Space>
      </div>
      <p className="sp-help">{t('application.inbox.keys')}</p>
      <ErrorAlert error={list.error} />
      {!list.data ? <Skeleton active /> : items.length === 0 ? <Empty description={t('application.inbox.empty')} /> : (
        <div className="sp-table-wrap">
          <table className="sp-inbox">
            <caption className="ms-visually-hidden">{t('application.inbox.caption', { queue: tk(`application.queue.${queue}`), total: list.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('application.field.application')}</th>
                <th scope="col">{t('application.field.applicant')}</th>
                <th scope="col">{t('application.field.unit')}</th>
                <th scope="col">{t('application.field.state')}</th>
                <th scope="col">{t('application.field.due')}</th>
              </tr>
            </thead>
            <tbody ref={rowsRef}>
              {items.map((item, index) => <Row key={item.id} item={item} active={index === cursor} onFocus={() => setCursor(index)} unitName={unitName(item)} />)}
            </tbody>
          </table>
          <div className="sp-table-foot">
            <span>{t('common.total', { total: list.data.total })}</span>
            <Pagination current={page} pageSize={PAGE_SIZE} total={list.data.total} showSizeChanger={false} onChange={(p) => update({ page: String(p) })} />
          </div>
        </div>
      )}
    </>
  );
}

function Row({ item, active, onFocus, unitName }: { item: InboxItem; active: boolean; onFocus: () => void; unitName: string }) {
  const { t } = useApplicationI18n();
  const left = item.workingDaysLeft ?? null;
  const over = item.overdue || (left !== null && left < 0);
  const warning = over ? 'red' : left !== null && left <= 2 ? 'yellow' : null;
  const classes = ['sp-row', warning ? `sp-row-${warning}` : '', active ? 'sp-row-active' : ''].filter(Boolean).join(' ');
  const open = ['submitted', 'materials_incomplete', 'resubmitted', 'under_review', 'paused'].includes(item.state);
  return (
    <tr className={classes} data-warning={warning ?? undefined}>
      <td>
        <Link to={`/workbench/applications/${item.id}`} className="sp-row-link" onFocus={onFocus}>{item.serviceName ?? item.title}</Link>
        <div className="sp-row-sub"><span className="ms-mono">{item.trackingCode}</span><DeemedTag on={Boolean(item.deemedApproval)} /></div>
      </td>
      <td>{item.applicantName ?? '—'}</td>
      <td>{unitName}</td>
      <td><StateTag state={item.state} overdue={over && open} /></td>
      <td className="sp-col-due">
        {item.dueAt ? (
          <>
            <div>{formatDateTime(item.dueAt)}</div>
            {open && left !== null && <div className={over ? 'sp-due-over' : 'sp-muted'}>{over ? t('application.clock.overdue', { n: Math.abs(left) }) : t('application.clock.left', { n: left })}</div>}
          </>
        ) : '—'}
      </td>
    </tr>
  );
}
