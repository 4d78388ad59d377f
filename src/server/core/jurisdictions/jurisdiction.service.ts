import { forgetReferenceData } from '../../platform/cache/reference-data.ts';
import { DomainError, notFound, validationError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { auditedBy, canAt, requirePermission, type Actor } from '../../../shared/actor.ts';
import { inTransaction, nowIso, type Deps } from '../../deps.ts';
import type { JurisdictionKind } from '../../platform/db/schema.ts';
import { countDependents, findJurisdiction, listJurisdictions, summarise } from './jurisdiction.repository.ts';
import type { JurisdictionCreate, JurisdictionUpdate } from './jurisdiction.schemas.ts';

/** Which kinds may sit under which: the administrative ladder of DOMAIN.md §1. */
const ALLOWED_PARENTS: Record<Exclude<JurisdictionKind, 'district'>, JurisdictionKind[]> = {
  street: ['district'],
  community: ['street'],
  grid: ['community'],
  department: ['district', 'street'],
};

export async function jurisdictionTree(deps: Deps, actor: Actor) {
  requirePermission(actor, 'jurisdiction.read');
  const rows = await listJurisdictions(deps.db, deps.tenantId);
  return rows.map(summarise);
}

/** What residents need to say where something is: the district, streets and communities, with outlines. */
export async function publicPlaces(deps: Deps) {
  const rows = await listJurisdictions(deps.db, deps.tenantId);
  return rows.filter((r) => r.kind === 'district' || r.kind === 'street' || r.kind === 'community')
    .map((r) => ({ ...summarise(r), polygon: r.polygon ? (JSON.parse(r.polygon) as [number, number][]) : null }));
}

export async function jurisdictionDetail(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'jurisdiction.read');
  const row = await findJurisdiction(deps.db, deps.tenantId, id);
  if (!row) throw notFound('Jurisdiction');
  return {
    ...summarise(row),
    path: row.path,
    polygon: row.polygon ? (JSON.parse(row.polygon) as [number, number][]) : null,
    abilities: { update: canAt(actor, 'jurisdiction.manage', row.path), addChild: canAt(actor, 'jurisdiction.manage', row.path) },
  };
}

async function requireUniqueCode(deps: Deps, code: string, exceptId?: string) {
  const clash = await deps.db.selectFrom('jurisdiction').select('id').where('tenantId', '=', deps.tenantId).where('code', '=', code).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw new DomainError('conflict', `The code ${code} is already used`, { field: 'body.code' });
}

export async function createJurisdiction(deps: Deps, actor: Actor, input: JurisdictionCreate, requestId: string) {
  requirePermission(actor, 'jurisdiction.manage');
  const parent = await findJurisdiction(deps.db, deps.tenantId, input.parentId);
  if (!parent || !canAt(actor, 'jurisdiction.manage', parent.path)) throw notFound('Parent jurisdiction');
  if (!ALLOWED_PARENTS[input.kind].includes(parent.kind)) {
    throw validationError([{ field: 'body.kind', message: `A ${input.kind} cannot sit under a ${parent.kind}` }]);
  }
  await requireUniqueCode(deps, input.code);
  const id = newId();
  const now = nowIso(deps);
  return inTransaction(deps, async (trx, audit) => {
    await trx.insertInto('jurisdiction').values({
      id, tenantId: deps.tenantId, parentId: parent.id, path: `${parent.path}${id}/`, kind: input.kind, code: input.code,
      nameZh: input.nameZh, nameEn: input.nameEn, centroidLng: input.centroid?.[0] ?? null, centroidLat: input.centroid?.[1] ?? null,
      polygon: input.polygon ? JSON.stringify(input.polygon) : null, sortOrder: input.sortOrder ?? 0, createdAt: now, updatedAt: now,
    }).execute();
    audit({ ...auditedBy(actor), action: 'jurisdiction.create', objectType: 'jurisdiction', objectId: id, requestId, detail: { code: input.code, kind: input.kind, parentId: parent.id } });
    return id;
  }).finally(() => forgetReferenceData(deps.tenantId)).then((createdId) => jurisdictionDetail(deps, actor, createdId));
}

export async function updateJurisdiction(deps: Deps, actor: Actor, id: string, input: JurisdictionUpdate, requestId: string) {
  requirePermission(actor, 'jurisdiction.manage');
  const row = await findJurisdiction(deps.db, deps.tenantId, id);
  if (!row || !canAt(actor, 'jurisdiction.manage', row.path)) throw notFound('Jurisdiction');
  if (input.code) await requireUniqueCode(deps, input.code, id);
  await inTransaction(deps, async (trx, audit) => {
    await trx.updateTable('jurisdiction').set({
      ...(input.code !== undefined && { code: input.code }),
      ...(input.nameZh !== undefined && { nameZh: input.nameZh }),
      ...(input.nameEn !== undefined && { nameEn: input.nameEn }),
      ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
      ...(input.centroid !== undefined && { centroidLng: input.centroid?.[0] ?? null, centroidLat: input.centroid?.[1] ?? null }),
      ...(input.polygon !== undefined && { polygon: input.polygon ? JSON.stringify(input.polygon) : null }),
      updatedAt: nowIso(deps),
    }).where('id', '=', id).where('tenantId', '=', deps.tenantId).execute();
    audit({ ...auditedBy(actor), action: 'jurisdiction.update', objectType: 'jurisdiction', objectId: id, requestId, detail: { fields: Object.keys(input) } });
  }).finally(() => forgetReferenceData(deps.tenantId));
  return jurisdictionDetail(deps, actor, id);
}

export async function deleteJurisdiction(deps: Deps, actor: Actor, id: string, requestId: string) {
  requirePermission(actor, 'jurisdiction.manage');
  const row = await findJurisdiction(deps.db, deps.tenantId, id);
  if (!row || !canAt(actor, 'jurisdiction.manage', row.path)) throw notFound('Jurisdiction');
  if (row.parentId === null) throw new DomainError('conflict', 'The district root cannot be deleted');
  const dependents = await countDependents(deps.db, deps.tenantId, id);
  if (dependents.children + dependents.grants + dependents.cases + dependents.residents > 0) {
    throw new DomainError('conflict', 'This jurisdiction still has sub-units, staff grants, cases or registered residents', dependents);
  }
  await inTransaction(deps, async (trx, audit) => {
    await trx.deleteFrom('calendarOverride').where('jurisdictionId', '=', id).execute();
    await trx.deleteFrom('setting').where('jurisdictionId', '=', id).execute();
    await trx.deleteFrom('jurisdiction').where('id', '=', id).where('tenantId', '=', deps.tenantId).execute();
    audit({ ...auditedBy(actor), action: 'jurisdiction.delete', objectType: 'jurisdiction', objectId: id, requestId, detail: { code: row.code } });
  }).finally(() => forgetReferenceData(deps.tenantId));
}
