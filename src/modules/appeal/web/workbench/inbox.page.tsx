// /workbench/appeals: the unit's inbox. Queues (to dispatch, to sign for, handling, due soon, overdue,
// returned, supervised, answered, closed) with counts, filters and Chinese full-text search, yellow and red
// warnings, bulk dispatch, and a keyboard for all of it (j/k, Enter, x, /, 1–9, r, n, ?).
import { PhoneOutlined, QuestionCircleOutlined, ReloadOutlined, SearchOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Checkbox, Empty, Input, Pagination, Select, Skeleton, Space, Tabs } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useLoad } from '../../../../web/api/use-load.ts';
import { useUser } from '../../../../web/shell/auth.tsx';
import { ErrorAlert, errorLine } from '../../../../web/shell/errors.tsx';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { JurisdictionTreeSelect } from '../../../../web/workbench/jurisdiction-tree-select.tsx';
import { useJurisdictionScope } from '../../../../web/workbench/jurisdiction-scope.tsx';
import { subtreesOf } from '../../../../web/workbench/jurisdiction-tree.ts';
import { PageHeader } from '../../../../web/workbench/page-header.tsx';
import { useJurisdictions } from '../../../../web/workbench/use-jurisdictions.ts';
import { appealApi, QUEUES, type BulkResult, type InboxItem, type Queue } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import { groupCategories } from '../components/category-picker.tsx';
import { ShortcutHelp, useShortcutHelp, useShortcuts, type Shortcut } from '../components/shortcuts.tsx';
import { duration } from '../components/sla.tsx';
import { ChannelLabel, EscalatedTag, StateTag, SupervisedTag, WarningTag } from '../components/tags.tsx';
import { isAutomatic } from '../components/timeline.tsx';
import '../appeal.css';

const PAGE_SIZE = 20;
const COUNTED: Queue[] = ['to_dispatch', 'to_sign', 'handling', 'due_soon', 'overdue', 'returned', 'supervised'];

export function InboxPage() {
  const { t, nameOf } = useAppealI18n();
  const { message } = App.useApp();
  const user = useUser();
  const navigate = useNavigate();
  const canDispatch = user.permissions.includes('case.dispatch');
  const canIntake = user.permissions.includes('case.act');
  const queues = QUEUES.filter((q) => q !== 'to_dispatch' || canDispatch);

  const [params, setParams] = useSearchParams();
  const queue = (QUEUES as readonly string[]).includes(params.get('queue') ?? '') ? (params.get('queue') as Queue) : canDispatch ? 'to_dispatch' : 'to_sign';
  const q = params.get('q') ?? '';
  const unitId = params.get('unit') ?? undefined;
  const categoryCode = params.get('category') ?? undefined;
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
  const list = useLoad(() => appealApi.inbox({ queue, q: q || undefined, unitId, categoryCode, page, pageSize: PAGE_SIZE }), [queue, q, unitId, categoryCode, page, round]);
  const counts = useLoad(async () => {
    const totals = await Promise.all(COUNTED.filter((c) => queues.includes(c)).map(async (c) => [c, (await appealApi.inbox({ queue: c, unitId, categoryCode, pageSize: 1 })).total] as const));
    return new Map<Queue, number>(totals);
  }, [unitId, categoryCode, round]);
  const categories = useLoad(() => appealApi.categories(), []);
  const tree = useJurisdictions();
  const scope = useJurisdictionScope();
  const myUnits = useMemo(() => subtreesOf(tree.roots, new Set(user.grants.map((g) => g.jurisdictionId))), [tree.roots, user.grants]);

  // Workaround: inbox rows carry how often an appeal was escalated, not whether the deadline engine did it.
  // For the escalated rows on this page, the case's timeline tells (see the report in the module's docs).
  const escalatedIds = (list.data?.items ?? []).filter((i) => i.escalations > 0).map((i) => i.id);
  const autoEscalated = useLoad(async () => {
    const details = await Promise.all(escalatedIds.map((id) => appealApi.detail(id).catch(() => null)));
    return new Set(details.flatMap((d) => {
      const last = d?.timeline.filter((e) => e.type === 'escalated').at(-1);
      return d && last && isAutomatic(last) ? [d.case.id] : [];
    }));
  }, [escalatedIds.join(',')]);

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [search, setSearch] = useState(q);
  const searchRef = useRef<HTMLInputElement>(null);
  const rowsRef = useRef<HTMLTableSectionElement>(null);
  const help = useShortcutHelp();
  useEffect(() => setSearch(q), [q]);
  useEffect(() => {
    setSelected(new Set());
    setCursor(0);
  }, [queue, q, unitId, categoryCode, page]);

  const items = list.data?.items ?? [];
  const refresh = () => setRound((r) => r + 1);
  const focusRow = (index: number) => {
    const bounded = Math.max(0, Math.min(items.length - 1, index));
    setCursor(bounded);
    rowsRef.current?.querySelectorAll<HTMLAnchorElement>('a.ap-row-link')[bounded]?.focus();
  };
  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  const shortcuts: Shortcut[] = [
    { keys: 'J', label: t('appeal.inbox.key.next'), run: () => focusRow(cursor + 1) },
    { keys: 'K', label: t('appeal.inbox.key.previous'), run: () => focusRow(cursor - 1) },
    { keys: 'O', label: t('appeal.inbox.key.open'), run: () => items[cursor] && navigate(`/workbench/appeals/${items[cursor].id}`) },
    { keys: 'X', label: t('appeal.inbox.key.select'), run: () => items[cursor] && toggle(items[cursor].id) },
    { keys: '/', label: t('appeal.inbox.key.search'), run: () => searchRef.current?.focus() },
    { keys: 'R', label: t('appeal.inbox.key.refresh'), run: refresh },
    ...(canIntake ? [{ keys: 'N', label: t('appeal.inbox.key.new'), run: () => navigate('/workbench/appeals/new') }] : []),
    ...queues.slice(0, 9).map((qq, i) => ({ keys: String(i + 1), label: t('appeal.inbox.key.queue', { queue: t(`appeal.queue.${qq}`) }), run: () => update({ queue: qq }) })),
    { keys: '?', label: t('appeal.shortcuts.show'), run: help.show },
  ];
  useShortcuts(shortcuts);

  const categoryOptions = useMemo(() => groupCategories(categories.data ?? []).map(({ group, items: leaves }) => ({
    label: nameOf(group), title: nameOf(group), options: leaves.map((c) => ({ value: c.code, label: nameOf(c) })),
  })), [categories.data, nameOf]);
  const categoryName = (code: string) => {
    const c = categories.data?.find((x) => x.code === code);
    return c ? nameOf(c) : code;
  };
  const unitName = (id: string | null) => {
    const u = id ? tree.byId.get(id) : undefined;
    return u ? nameOf(u) : '—';
  };

  const allOnPage = items.length > 0 && items.every((i) => selected.has(i.id));

  return (
    <>
      <PageHeader
        title={t('appeal.inbox.title')}
        intro={t('appeal.inbox.intro')}
        extra={(
          <Space wrap>
            {canIntake && <Link to="/workbench/appeals/new"><Button type="primary" icon={<PhoneOutlined aria-hidden />}>{t('appeal.nav.intake')} <kbd className="ap-kbd ap-kbd-light">N</kbd></Button></Link>}
            <Button icon={<QuestionCircleOutlined aria-hidden />} onClick={help.show} aria-keyshortcuts="?">{t('appeal.shortcuts.button')}</Button>
          </Space>
        )}
      />

      <Tabs
        className="ap-queues"
        activeKey={queue}
        onChange={(key) => update({ queue: key })}
        items={queues.map((qq, i) => ({
          key: qq,
          label: (
            <span className="ap-queue-label">
              {t(`appeal.queue.${qq}`)}
              {counts.data?.has(qq) && <Badge count={counts.data.get(qq)} showZero={false} overflowCount={999}
                className={qq === 'overdue' ? 'ap-badge-red' : qq === 'due_soon' ? 'ap-badge-yellow' : 'ap-badge'} />}
              {i < 9 && <span className="ms-visually-hidden">{t('appeal.inbox.queueKey', { n: i + 1 })}</span>}
            </span>
          ),
        }))}
      />

      <div className="ap-filters" role="search" aria-label={t('appeal.inbox.filters')}>
        <Input.Search
          ref={(el) => { searchRef.current = el?.input ?? null; }}
          className="ap-filter-search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          placeholder={t('appeal.inbox.search')}
          aria-label={t('appeal.inbox.search')}
          enterButton={<Button icon={<SearchOutlined aria-hidden />} aria-label={t('common.search')} />}
          allowClear
        />
        <JurisdictionTreeSelect
          roots={myUnits}
          className="ap-filter-unit"
          value={unitId}
          onChange={(v) => update({ unit: v ?? undefined })}
          allowClear
          placeholder={t('appeal.inbox.unit')}
          aria-label={t('appeal.inbox.unit')}
        />
        <Select
          className="ap-filter-category"
          value={categoryCode}
          onChange={(v: string | undefined) => update({ category: v })}
          options={categoryOptions}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('appeal.inbox.category')}
          aria-label={t('appeal.inbox.category')}
        />
        {scope.current && (
          <Checkbox className="ap-filter-mine" checked={unitId === scope.current} onChange={(e) => update({ unit: e.target.checked ? scope.current! : undefined })}>
            {t('appeal.inbox.mine')}
          </Checkbox>
        )}
        <Button icon={<ReloadOutlined aria-hidden />} onClick={refresh} aria-keyshortcuts="R">{t('appeal.inbox.refresh')}</Button>
      </div>

      {canDispatch && <BulkDispatch selected={[...selected]} roots={tree.roots} onDone={(results) => {
        const failed = results.filter((r) => !r.ok);
        if (failed.length === 0) message.success(t('appeal.bulk.done', { n: results.length }));
        else message.warning(t('appeal.bulk.partly', { ok: results.length - failed.length, failed: failed.length }));
        setSelected(new Set());
        refresh();
      }} />}

      <ErrorAlert error={list.error} />
      {!list.data ? <Skeleton active /> : items.length === 0 ? <Empty description={t('appeal.inbox.empty')} /> : (
        <div className="ap-table-wrap">
          <table className="ap-inbox">
            <caption className="ms-visually-hidden">{t('appeal.inbox.caption', { queue: t(`appeal.queue.${queue}`), total: list.data.total })}</caption>
            <thead>
              <tr>
                {canDispatch && (
                  <th scope="col" className="ap-col-check">
                    <Checkbox checked={allOnPage} indeterminate={!allOnPage && items.some((i) => selected.has(i.id))}
                      onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.id)) : new Set())} aria-label={t('appeal.inbox.selectAll')} />
                  </th>
                )}
                <th scope="col">{t('appeal.field.appeal')}</th>
                <th scope="col">{t('appeal.field.category')}</th>
                <th scope="col">{t('appeal.field.handlingUnit')}</th>
                <th scope="col">{t('appeal.field.state')}</th>
                <th scope="col">{t('appeal.field.due')}</th>
                <th scope="col">{t('appeal.field.channel')}</th>
              </tr>
            </thead>
            <tbody ref={rowsRef}>
              {items.map((item, index) => (
                <InboxRow key={item.id} item={item} active={index === cursor} selectable={canDispatch} selected={selected.has(item.id)}
                  onToggle={() => toggle(item.id)} onFocus={() => setCursor(index)} categoryName={categoryName(item.categoryCode)} unitName={unitName(item.handlingUnitId)}
                  autoEscalated={autoEscalated.data?.has(item.id)} />
              ))}
            </tbody>
          </table>
          <div className="ap-table-foot">
            <span>{t('common.total', { total: list.data.total })}</span>
            <Pagination current={page} pageSize={PAGE_SIZE} total={list.data.total} showSizeChanger={false} onChange={(p) => update({ page: String(p) })} />
          </div>
        </div>
      )}
      <ShortcutHelp shortcuts={shortcuts} open={help.open} onClose={help.hide} />
    </>
  );
}

function InboxRow({ item, active, selectable, selected, onToggle, onFocus, categoryName, unitName, autoEscalated }: {
  item: InboxItem; active: boolean; selectable: boolean; selected: boolean; onToggle: () => void; onFocus: () => void;
  categoryName: string; unitName: string; autoEscalated: boolean | undefined;
}) {
  const { t } = useAppealI18n();
  const left = item.dueAt ? new Date(item.dueAt).getTime() - Date.now() : null;
  const classes = ['ap-row', item.warning ? `ap-row-${item.warning}` : '', active ? 'ap-row-active' : '', selected ? 'ap-row-selected' : ''].filter(Boolean).join(' ');
  return (
    <tr className={classes} data-warning={item.warning ?? undefined}>
      {selectable && (
        <td className="ap-col-check">
          <Checkbox checked={selected} onChange={onToggle} aria-label={t('appeal.inbox.select', { code: item.trackingCode })} />
        </td>
      )}
      <td>
        <Link to={`/workbench/appeals/${item.id}`} className="ap-row-link" onFocus={onFocus}>
          <span className="ap-row-title">{item.title}</span>
        </Link>
        <div className="ap-row-sub">
          <span className="ms-mono">{item.trackingCode}</span>
          <WarningTag warning={item.warning} />
          <EscalatedTag count={item.escalations} auto={autoEscalated} />
          <SupervisedTag on={item.supervised} />
          {item.returns > 0 && <span className="ap-muted">{t('appeal.inbox.returns', { n: item.returns })}</span>}
          {item.priority === 'urgent' && <span className="ap-urgent">{t('appeal.priority.urgent')}</span>}
        </div>
      </td>
      <td>{categoryName}</td>
      <td>{unitName}</td>
      <td><StateTag state={item.state} /></td>
      <td className="ap-col-due">
        {item.dueAt ? (
          <>
            <div>{formatDateTime(item.dueAt)}</div>
            {left !== null && item.stateCategory === 'open' && (
              <div className={left <= 0 ? 'ap-due-over' : 'ap-muted'}>{left > 0 ? t('appeal.sla.left', { time: duration(t, left) }) : t('appeal.sla.over', { time: duration(t, left) })}</div>
            )}
          </>
        ) : '—'}
      </td>
      <td><ChannelLabel channel={item.channel} /></td>
    </tr>
  );
}

function BulkDispatch({ selected, roots, onDone }: { selected: string[]; roots: ReturnType<typeof useJurisdictions>['roots']; onDone: (results: BulkResult[]) => void }) {
  const { t } = useAppealI18n();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();
  if (selected.length === 0) return null;

  async function dispatch() {
    if (!unitId) {
      message.error(t('appeal.action.unitRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone((await appealApi.bulkDispatch(selected, unitId)).results);
    } catch (e) {
      setError(e);
      message.error(errorLine(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Alert
      className="ap-bulk"
      type="info"
      title={(
        <div className="ap-bulk-bar">
          <strong>{t('appeal.bulk.selected', { n: selected.length })}</strong>
          <JurisdictionTreeSelect roots={roots} value={unitId} onChange={setUnitId} className="ap-filter-unit" placeholder={t('appeal.action.unit')} aria-label={t('appeal.action.unit')} />
          <Button type="primary" icon={<SendOutlined aria-hidden />} loading={busy} onClick={() => void dispatch()}>{t('appeal.bulk.dispatch')}</Button>
        </div>
      )}
      description={error ? errorLine(t, error) : undefined}
    />
  );
}
