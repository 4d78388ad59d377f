import type { Db } from '../../deps.ts';
import type { JurisdictionTable } from '../../platform/db/schema.ts';

export function summarise(row: JurisdictionTable) {
  return {
    id: row.id,
    parentId: row.parentId,
    kind: row.kind,
    code: row.code,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    centroid: row.centroidLng != null && row.centroidLat != null ? ([row.centroidLng, row.centroidLat] as [number, number]) : null,
    sortOrder: row.sortOrder,
  };
}

export function findJurisdiction(db: Db, tenantId: string, id: string) {
  return db.selectFrom('jurisdiction').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function listJurisdictions(db: Db, tenantId: string) {
  return db.selectFrom('jurisdiction').selectAll().where('tenantId', '=', tenantId).orderBy('path').orderBy('sortOrder').execute();
}

export async function countDependents(db: Db, tenantId: string, id: string) {
  const [children, grants, cases, residents] = await Promise.all([
    db.selectFrom('jurisdiction').select((eb) => eb.fn.countAll<number>().as('n')).where('tenantId', '=', tenantId).where('parentId', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('roleGrant').select((eb) => eb.fn.countAll<number>().as('n')).where('tenantId', '=', tenantId).where('jurisdictionId', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('case').select((eb) => eb.fn.countAll<number>().as('n')).where('tenantId', '=', tenantId).where((eb) => eb.or([eb('jurisdictionId', '=', id), eb('handlingUnitId', '=', id)])).executeTakeFirstOrThrow(),
    db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).where('tenantId', '=', tenantId).where('communityId', '=', id).executeTakeFirstOrThrow(),
  ]);
  return { children: Number(children.n), grants: Number(grants.n), cases: Number(cases.n), residents: Number(residents.n) };
}
