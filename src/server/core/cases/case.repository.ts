import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../deps.ts';
import type { Engine } from '../../platform/db/database.ts';
import type { CaseTable } from '../../platform/db/schema.ts';
import { grantsWith, type Actor } from '../../../shared/actor.ts';
import type { Permission } from '../../../shared/permissions.ts';
import type { CaseSnapshot } from './case-module.ts';

export function toSnapshot(row: CaseTable): CaseSnapshot {
  return {
    id: row.id, kind: row.kind, state: row.state, trackingCode: row.trackingCode, title: row.title, jurisdictionId: row.jurisdictionId,
    handlingUnitId: row.handlingUnitId, assigneeId: row.assigneeId, priority: row.priority, lng: row.lng, lat: row.lat,
    locationText: row.locationText, requesterPersonId: row.requesterPersonId, requesterUserId: row.requesterUserId, dueAt: row.dueAt,
    version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt, closedAt: row.closedAt, data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

/**
 * The second access check, as SQL: staff see cases located in a subtree where they hold the
 * permission, or handled by a unit they are granted on (a department); residents see their own.
 * Callers answer "not found" when this filter leaves nothing.
 */
export function whereVisible<QB extends SelectQueryBuilder<any, any, any>>(query: QB, actor: Actor, permission: Permission = 'case.read', engine?: Engine): QB {
  if (actor.kind === 'system') return query;
  if (actor.kind === 'resident') {
    const personId = actor.personId;
    return query.where((eb) => eb.or([eb('case.requesterUserId', '=', actor.userId), ...(personId ? [eb('case.requesterPersonId', '=', personId)] : [])])) as QB;
  }
  const grants = grantsWith(actor, permission);
  if (grants.length === 0) return query.where(sql<boolean>`1 = 0`) as QB;
  return query.where((eb) => eb.or([
    ...grants.map((g) => engine ? subtreeRange(engine, g.jurisdictionPath) : eb('case.jurisdictionPath', 'like', `${g.jurisdictionPath}%`)),
    eb('case.handlingUnitId', 'in', grants.map((g) => g.jurisdictionId)),
  ])) as QB;
}

/**
 * `case.jurisdiction_path` starts with `path`, written as a byte-wise range so both engines seek an index
 * (SQLite's LIKE is case-insensitive and cannot use a BINARY index; PostgreSQL's LIKE needs a "C" index).
 * The upper bound is the path with its last character incremented ('/' → '0'). On PostgreSQL the
 * comparison is made in the "C" collation, like `case_open_scope_idx`, so it agrees with `startsWith`.
 */
export function subtreeRange(engine: Engine, path: string) {
  if (path === '') return sql<boolean>`1 = 1`;
  const end = path.slice(0, -1) + String.fromCodePoint(path.codePointAt(path.length - 1)! + 1);
  const column = sql.ref('case.jurisdictionPath');
  return engine === 'postgres'
    ? sql<boolean>`(${column} collate "C" >= ${path} and ${column} collate "C" < ${end})`
    : sql<boolean>`(${column} >= ${path} and ${column} < ${end})`;
}

export function findVisibleCase(db: Db, tenantId: string, actor: Actor, id: string, forUpdate: boolean) {
  let query = whereVisible(db.selectFrom('case').selectAll('case').where('case.tenantId', '=', tenantId).where('case.id', '=', id), actor);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function nextEventSeq(db: Db, caseId: string): Promise<number> {
  const row = await db.selectFrom('caseEvent').select((eb) => eb.fn.max('seq').as('last')).where('caseId', '=', caseId).executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export function caseEvents(db: Db, tenantId: string, caseId: string, publicOnly: boolean) {
  return db.selectFrom('caseEvent').select(['seq', 'type', 'actorId', 'actorLabel', 'visibility', 'data', 'at'])
    .where('tenantId', '=', tenantId).where('caseId', '=', caseId)
    .$if(publicOnly, (qb) => qb.where('visibility', '=', 'public')).orderBy('seq').execute();
}
