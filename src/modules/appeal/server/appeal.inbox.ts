// The staff inbox: one query over the kernel's case table and the appeal projection, scoped by
// the actor's reach, with queues computed from stored due dates and Chinese full-text search.
import { sql } from 'kysely';
import type { Actor } from '../../../shared/actor.ts';
import { requirePermission } from '../../../shared/actor.ts';
import type { Deps } from '../../../server/deps.ts';
import { whereVisible } from '../../../server/core/cases/case.repository.ts';
import { fullTextMatchesRow } from '../../../server/platform/search/full-text.ts';
import { segment } from '../../../server/platform/search/segmenter.ts';
import { APPEAL_SEARCH_INDEX } from './appeal.migrations.ts';
import { appealDb } from './appeal.intake.ts';

export const QUEUES = ['all_open', 'to_dispatch', 'to_sign', 'handling', 'due_soon', 'overdue', 'returned', 'supervised', 'replied', 'closed'] as const;
export type Queue = (typeof QUEUES)[number];

export interface InboxQuery {
  queue: Queue;
  unitId?: string | undefined;
  categoryCode?: string | undefined;
  q?: string | undefined;
  /** only appeals my own units must act on (not those merely located in my area) */
  mine?: boolean | undefined;
  page: number;
  pageSize: number;
}

/** "Due soon" is the last day before a deadline: the yellow warning. */
export const DUE_SOON_MS = 24 * 3_600_000;

export async function appealInbox(deps: Deps, actor: Actor, query: InboxQuery) {
  requirePermission(actor, 'case.read');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const soon = new Date(now.getTime() + DUE_SOON_MS).toISOString();
  let base = whereVisible(appealDb(deps.db).selectFrom('case').innerJoin('appealRecord', 'appealRecord.caseId', 'case.id')
    .where('case.tenantId', '=', deps.tenantId).where('case.kind', '=', 'appeal'), actor, 'case.read', deps.engine);
  switch (query.queue) {
    case 'all_open': base = base.where('case.stateCategory', '=', 'open'); break;
    case 'to_dispatch': base = base.where('case.state', 'in', ['registered', 'returned']); break;
    case 'to_sign': base = base.where('case.state', '=', 'dispatched'); break;
    case 'handling': base = base.where('case.state', '=', 'handling'); break;
    case 'due_soon': base = base.where('case.stateCategory', '=', 'open').where('case.dueAt', '>', nowIso).where('case.dueAt', '<=', soon); break;
    case 'overdue': base = base.where('case.stateCategory', '=', 'open').where('case.state', 'not in', ['replied', 'followed_up']).where('case.dueAt', '<=', nowIso); break;
    case 'returned': base = base.where('case.state', '=', 'returned'); break;
    case 'supervised': base = base.where('case.stateCategory', '=', 'open').where('appealRecord.supervised', '=', 1); break;
    case 'replied': base = base.where('case.state', 'in', ['replied', 'followed_up']); break;
    case 'closed': base = base.where('case.stateCategory', '=', 'closed'); break;
  }
  if (query.unitId) base = base.where('case.handlingUnitId', '=', query.unitId);
  if (query.mine && actor.kind === 'staff') base = base.where('case.handlingUnitId', 'in', actor.grants.map((g) => g.jurisdictionId));
  if (query.categoryCode) base = base.where('appealRecord.categoryCode', '=', query.categoryCode);
  if (query.q && segment(query.q).length > 0) {
    const q = query.q;
    base = base.where((eb) => eb.or([
      eb('case.trackingCode', '=', q.trim().toUpperCase()),
      fullTextMatchesRow(deps.engine, APPEAL_SEARCH_INDEX, deps.tenantId, sql.ref('case.id'), q),
    ]));
  }
  const ordered = query.queue === 'closed' ? base.orderBy('case.updatedAt', 'desc') : base.orderBy('case.dueAt', (ob) => ob.asc().nullsLast());
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ordered.orderBy('case.id').select([
      'case.id', 'case.trackingCode', 'case.title', 'case.state', 'case.stateCategory', 'case.priority', 'case.dueAt', 'case.createdAt', 'case.handlingUnitId',
      'case.jurisdictionId', 'appealRecord.categoryCode', 'appealRecord.slaClass', 'appealRecord.channel', 'appealRecord.returns', 'appealRecord.escalations', 'appealRecord.lastEscalationReason', 'appealRecord.lastEscalationAutomatic', 'appealRecord.supervised',
    ]).limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
  ]);
  return {
    total: Number(total), page: query.page, pageSize: query.pageSize,
    // The server's time, so countdowns agree with the deadline engine.
    now: nowIso,
    items: rows.map((r) => ({
      ...r,
      supervised: Boolean(r.supervised),
      lastEscalationAutomatic: Boolean(r.lastEscalationAutomatic),
      // red: overdue; yellow: due within a day (only while the unit still owes an answer)
      warning: r.stateCategory !== 'open' || !r.dueAt || r.state === 'replied' || r.state === 'followed_up' ? null : r.dueAt <= nowIso ? 'red' : r.dueAt <= soon ? 'yellow' : null,
    })),
  };
}
