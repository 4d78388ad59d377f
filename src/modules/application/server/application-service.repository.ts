// The service catalogue as stored (application_service) and as shown: the six disclosures, the handling and
// joint units by name, whether a material offers a template. Administrators edit it at the district level.
import { DomainError, notFound, validationError, type FieldIssue } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { auditedBy, canAt, requirePermission, type Actor } from '../../../shared/actor.ts';
import type { JurisdictionDirectory } from '../../../shared/jurisdiction-directory.ts';
import { inTransaction, type Db, type Deps } from '../../../server/deps.ts';
import { loadDirectory } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import type { Level, Material, ServiceCreate, ServiceUpdate, ServiceView } from '../shared/application.schemas.ts';
import type { ApplicationServiceTable, ApplicationTables } from './application.tables.ts';

export function applicationDb(db: Db) {
  return db.withTables<ApplicationTables>();
}

export interface StoredService extends Omit<ServiceView, 'handlingUnitName' | 'handlingUnitNameEn' | 'jointUnitNames' | 'jointUnitNamesEn'> {
  id: string;
  sortOrder: number;
}

export function fromRow(row: ApplicationServiceTable): StoredService {
  return {
    id: row.id, code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, content: row.content,
    procedure: JSON.parse(row.procedure) as string[], fees: row.fees, legalBasis: JSON.parse(row.legalBasis) as string[],
    materials: (JSON.parse(row.materials) as Material[]).map((m) => ({ ...m, hasTemplate: Boolean(m.templateText) })),
    statutoryDays: row.statutoryDays, promisedDays: row.promisedDays, level: row.level as Level, unitKind: row.unitKind, handlingUnitId: row.handlingUnitId,
    jointUnitIds: JSON.parse(row.jointUnitIds) as string[], online: Boolean(row.online), counterNote: row.counterNote, deemedApproval: Boolean(row.deemedApproval),
    active: Boolean(row.active), sortOrder: row.sortOrder,
  };
}

export function presentService(service: StoredService, directory: JurisdictionDirectory): ServiceView {
  const { id: _, sortOrder: __, ...rest } = service;
  return {
    ...rest,
    handlingUnitName: directory.get(service.handlingUnitId)?.nameZh ?? null,
    handlingUnitNameEn: directory.get(service.handlingUnitId)?.nameEn ?? null,
    jointUnitNames: service.jointUnitIds.map((id) => directory.get(id)?.nameZh ?? id),
    jointUnitNamesEn: service.jointUnitIds.map((id) => directory.get(id)?.nameEn ?? id),
  };
}

export async function findService(db: Db, tenantId: string, code: string): Promise<StoredService | undefined> {
  const row = await applicationDb(db).selectFrom('applicationService').selectAll().where('tenantId', '=', tenantId).where('code', '=', code.toUpperCase()).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function listServices(db: Db, tenantId: string, options: { activeOnly: boolean }): Promise<StoredService[]> {
  const rows = await applicationDb(db).selectFrom('applicationService').selectAll().where('tenantId', '=', tenantId)
    .$if(options.activeOnly, (qb) => qb.where('active', '=', 1)).orderBy('sortOrder').orderBy('code').execute();
  return rows.map(fromRow);
}

/** Search in names, content and materials; every term of the query must match somewhere. */
export function matchesQuery(service: StoredService, q: string | undefined): boolean {
  if (!q) return true;
  const haystack = [service.code, service.nameZh, service.nameEn, service.content, ...service.materials.map((m) => m.name)].join(' ').toLowerCase();
  return q.toLowerCase().split(/\s+/).filter(Boolean).every((term) => haystack.includes(term));
}

async function requireDistrictAdmin(deps: Deps, actor: Actor) {
  requirePermission(actor, 'settings.manage');
  const root = (await loadDirectory(deps.db, deps.tenantId)).root();
  if (!root || !canAt(actor, 'settings.manage', root.path)) throw new DomainError('forbidden', 'The service catalogue belongs to the district', { permission: 'settings.manage' });
}

/** Checks what a schema cannot: units that exist, promised ≤ statutory, material codes unique. */
function checkService(directory: JurisdictionDirectory, s: Omit<StoredService, 'id' | 'sortOrder'>) {
  const issues: FieldIssue[] = [];
  if (s.promisedDays > s.statutoryDays) issues.push({ field: 'body.promisedDays', message: 'The promised period cannot be longer than the statutory one' });
  if (s.handlingUnitId) {
    const unit = directory.get(s.handlingUnitId);
    if (!unit || unit.kind === 'grid') issues.push({ field: 'body.handlingUnitId', message: 'Name a unit of the district' });
  }
  if (s.level === 'district' && !s.handlingUnitId) issues.push({ field: 'body.handlingUnitId', message: 'A district service names its handling department' });
  s.jointUnitIds.forEach((id, i) => {
    const unit = directory.get(id);
    if (!unit || unit.kind === 'grid') issues.push({ field: `body.jointUnitIds.${i}`, message: 'Name a unit of the district' });
    else if (id === s.handlingUnitId) issues.push({ field: `body.jointUnitIds.${i}`, message: 'The lead unit is not also a joint unit' });
  });
  if (new Set(s.jointUnitIds).size !== s.jointUnitIds.length) issues.push({ field: 'body.jointUnitIds', message: 'A unit is listed twice' });
  const codes = s.materials.map((m) => m.code);
  codes.forEach((code, i) => {
    if (codes.indexOf(code) !== i) issues.push({ field: `body.materials.${i}.code`, message: `${code} is listed twice` });
  });
  if (!s.online && !s.counterNote) issues.push({ field: 'body.counterNote', message: 'Say where to apply when the service is counter-only' });
  if (issues.length) throw validationError(issues);
}

function toRow(s: Omit<StoredService, 'id' | 'sortOrder'>) {
  return {
    nameZh: s.nameZh, nameEn: s.nameEn, content: s.content, procedure: JSON.stringify(s.procedure), fees: s.fees, legalBasis: JSON.stringify(s.legalBasis),
    materials: JSON.stringify(s.materials.map(({ hasTemplate: _, ...m }: Material & { hasTemplate?: boolean }) => ({ ...m, copies: m.copies ?? 1, note: m.note ?? null, templateText: m.templateText ?? null }))),
    statutoryDays: s.statutoryDays, promisedDays: s.promisedDays, level: s.level, unitKind: s.unitKind, handlingUnitId: s.handlingUnitId,
    jointUnitIds: JSON.stringify(s.jointUnitIds), online: s.online ? 1 : 0, counterNote: s.counterNote, deemedApproval: s.deemedApproval ? 1 : 0, active: s.active ? 1 : 0,
  };
}

export async function createService(deps: Deps, actor: Actor, input: ServiceCreate, requestId: string): Promise<ServiceView> {
  await requireDistrictAdmin(deps, actor);
  const directory = await loadDirectory(deps.db, deps.tenantId);
  if (await findService(deps.db, deps.tenantId, input.code)) throw new DomainError('conflict', `The code ${input.code} is already used`, { field: 'body.code' });
  const service = { ...input, materials: input.materials.map((m) => ({ ...m, hasTemplate: Boolean(m.templateText) })) };
  checkService(directory, service);
  const now = deps.clock.now().toISOString();
  const count = (await listServices(deps.db, deps.tenantId, { activeOnly: false })).length;
  await inTransaction(deps, async (trx, audit) => {
    await applicationDb(trx).insertInto('applicationService').values({ id: newId(), tenantId: deps.tenantId, code: input.code, sortOrder: count, updatedAt: now, ...toRow(service) }).execute();
    audit({ ...auditedBy(actor), action: 'application.service_create', objectType: 'application_service', objectId: input.code, requestId, detail: { ...input } });
  });
  return presentService((await findService(deps.db, deps.tenantId, input.code))!, directory);
}

export async function updateService(deps: Deps, actor: Actor, code: string, input: ServiceUpdate, requestId: string): Promise<ServiceView> {
  await requireDistrictAdmin(deps, actor);
  const current = await findService(deps.db, deps.tenantId, code);
  if (!current) throw notFound('Service');
  const directory = await loadDirectory(deps.db, deps.tenantId);
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ServiceUpdate;
  const next = { ...current, ...defined, materials: (defined.materials ?? current.materials).map((m) => ({ ...m, hasTemplate: Boolean(m.templateText) })) };
  checkService(directory, next);
  const now = deps.clock.now().toISOString();
  await inTransaction(deps, async (trx, audit) => {
    await applicationDb(trx).updateTable('applicationService').set({ ...toRow(next), updatedAt: now }).where('id', '=', current.id).execute();
    // Existing applications keep the service as it was when they came in (their own copy of the period and materials).
    audit({ ...auditedBy(actor), action: 'application.service_update', objectType: 'application_service', objectId: current.code, requestId, detail: { ...defined } });
  });
  return presentService((await findService(deps.db, deps.tenantId, current.code))!, directory);
}
