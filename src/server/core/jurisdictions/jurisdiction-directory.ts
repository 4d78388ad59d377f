// Loads the jurisdiction tree for pure rules: a few hundred rows, kept as reference data (reloaded when older
// than a few seconds, forgotten when this process edits the tree).
import type { Db, Deps } from '../../deps.ts';
import { JurisdictionDirectory } from '../../../shared/jurisdiction-directory.ts';
import { canAt, requirePermission, type Actor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { cachedReferenceData } from '../../platform/cache/reference-data.ts';

export { JurisdictionDirectory, type DirectoryEntry } from '../../../shared/jurisdiction-directory.ts';

export function loadDirectory(db: Db, tenantId: string, fresh = false): Promise<JurisdictionDirectory> {
  return cachedReferenceData(tenantId, 'directory', () => readDirectory(db, tenantId), fresh);
}

async function readDirectory(db: Db, tenantId: string): Promise<JurisdictionDirectory> {
  const rows = await db.selectFrom('jurisdiction').select(['id', 'parentId', 'kind', 'code', 'path', 'nameZh', 'nameEn', 'centroidLng', 'centroidLat', 'polygon'])
    .where('tenantId', '=', tenantId).execute();
  return new JurisdictionDirectory(rows.map((r) => ({
    id: r.id, parentId: r.parentId, kind: r.kind, code: r.code, path: r.path, nameZh: r.nameZh, nameEn: r.nameEn,
    centroid: r.centroidLng != null && r.centroidLat != null ? [r.centroidLng, r.centroidLat] : null,
    polygon: r.polygon ? (JSON.parse(r.polygon) as [number, number][]) : null,
  })));
}

/** The route check for what belongs to the whole district: `permission` held at its root (403 otherwise, saying `why`). */
export async function requireAtDistrict(deps: Deps, actor: Actor, permission: Permission, why: string): Promise<void> {
  requirePermission(actor, permission);
  const root = (await loadDirectory(deps.db, deps.tenantId)).root();
  if (!root || !canAt(actor, permission, root.path)) throw new DomainError('forbidden', why, { permission });
}
