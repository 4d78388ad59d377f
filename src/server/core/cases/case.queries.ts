import type { Deps } from '../../deps.ts';
import { requireSignedIn, type Actor } from '../../../shared/actor.ts';
import { whereVisible } from './case.repository.ts';

export interface CaseListQuery {
  kind?: string | undefined;
  category?: 'open' | 'closed' | undefined;
  state?: string | undefined;
  unitId?: string | undefined;
  dueBefore?: string | undefined;
  q?: string | undefined;
  sort: 'due' | 'newest';
  page: number;
  pageSize: number;
}

export async function listCases(deps: Deps, actor: Actor, query: CaseListQuery) {
  requireSignedIn(actor);
  const base = whereVisible(deps.db.selectFrom('case').where('case.tenantId', '=', deps.tenantId), actor, 'case.read', deps.engine)
    .$if(Boolean(query.kind), (qb) => qb.where('case.kind', '=', query.kind!))
    .$if(Boolean(query.category), (qb) => qb.where('case.stateCategory', '=', query.category!))
    .$if(Boolean(query.state), (qb) => qb.where('case.state', '=', query.state!))
    .$if(Boolean(query.unitId), (qb) => qb.where('case.handlingUnitId', '=', query.unitId!))
    .$if(Boolean(query.dueBefore), (qb) => qb.where('case.dueAt', '<=', new Date(query.dueBefore!).toISOString()))
    .$if(Boolean(query.q), (qb) => qb.where((eb) => eb.or([eb('case.title', 'like', `%${query.q!.replace(/[%_]/g, '')}%`), eb('case.trackingCode', '=', query.q!.toUpperCase())])));
  const ordered = query.sort === 'due'
    ? base.orderBy('case.dueAt', (ob) => ob.asc().nullsLast()).orderBy('case.id')
    : base.orderBy('case.createdAt', 'desc').orderBy('case.id');
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ordered.select(['case.id', 'case.kind', 'case.state', 'case.stateCategory', 'case.trackingCode', 'case.title', 'case.jurisdictionId', 'case.handlingUnitId',
      'case.priority', 'case.dueAt', 'case.createdAt', 'case.updatedAt', 'case.version'])
      .limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
  ]);
  return { total: Number(total), page: query.page, pageSize: query.pageSize, items: rows };
}
