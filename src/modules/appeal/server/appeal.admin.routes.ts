// Administrators edit the category tree (names, SLA class, level, department, keywords) and the
// routing rules (category + area → unit). Changes apply to new appeals; every change is audited.
import { z } from 'zod';
import { DomainError, notFound, validationError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { auditedBy, canAt, requirePermission, type Actor } from '../../../shared/actor.ts';
import type { App } from '../../../server/platform/http/app-types.ts';
import { inTransaction, type Deps } from '../../../server/deps.ts';
import { loadDirectory, requireAtDistrict } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import { SLA_CLASSES } from '../shared/appeal.deadlines.ts';
import { LEVELS } from '../shared/appeal.schemas.ts';
import { appealDb } from './appeal.intake.ts';

const code = z.string().trim().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'Use lower-case letters, digits and hyphens');
const categoryFields = {
  nameZh: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(100),
  slaClass: z.enum(SLA_CLASSES),
  level: z.enum(LEVELS),
  departmentCode: z.string().trim().max(64).nullable(),
  keywords: z.array(z.string().trim().min(1).max(20)).max(50),
  active: z.boolean(),
  sortOrder: z.int().min(0).max(100_000),
};
// A group (no parentCode) needs no SLA class nor level: appeals are filed under its categories, which have their own.
const categoryCreate = z.strictObject({
  code, parentCode: code.nullable(), ...categoryFields, slaClass: categoryFields.slaClass.optional(), level: categoryFields.level.optional(),
  departmentCode: categoryFields.departmentCode.default(null), keywords: categoryFields.keywords.default([]), active: categoryFields.active.default(true), sortOrder: categoryFields.sortOrder.default(0),
});
/** What a group's row holds in the columns only categories use (nothing reads them). */
const GROUP_PLACEHOLDERS = { slaClass: 'general', level: 'community' } as const;
const categoryUpdate = z.strictObject(categoryFields).partial();
const ruleCreate = z.strictObject({ categoryCode: code, areaId: z.uuid(), targetUnitId: z.uuid(), note: z.string().trim().max(200).optional() });

function requireDistrictAdmin(deps: Deps, actor: Actor) {
  return requireAtDistrict(deps, actor, 'settings.manage', 'The category tree belongs to the district');
}

async function checkDepartment(deps: Deps, level: string | undefined, departmentCode: string | null | undefined) {
  if (level !== 'department' && !departmentCode) return;
  const directory = await loadDirectory(deps.db, deps.tenantId);
  const department = departmentCode ? directory.byCode(departmentCode) : undefined;
  if (!department || department.kind !== 'department') throw validationError([{ field: 'body.departmentCode', message: 'Name an existing department (its code)' }]);
}

export async function appealAdminRoutes(app: App, deps: Deps) {
  const tags = ['appeal administration'];
  const db = () => appealDb(deps.db);

  app.get('/api/appeals/admin/categories', { schema: { tags, summary: 'The whole category tree, inactive ones included' } }, async (request) => {
    await requireDistrictAdmin(deps, request.actor);
    const rows = await db().selectFrom('appealCategory').selectAll().where('tenantId', '=', deps.tenantId).orderBy('sortOrder').execute();
    return { items: rows.map(({ tenantId: _, ...r }) => ({ ...r, active: Boolean(r.active), keywords: r.keywords.split(/\s+/).filter(Boolean) })) };
  });

  app.post('/api/appeals/admin/categories', { schema: { tags, summary: 'Add a category (or a group, without parentCode)', body: categoryCreate } }, async (request, reply) => {
    await requireDistrictAdmin(deps, request.actor);
    const input = request.body;
    const existing = await db().selectFrom('appealCategory').select(['code', 'parentCode']).where('tenantId', '=', deps.tenantId).execute();
    if (existing.some((c) => c.code === input.code)) throw new DomainError('conflict', `The code ${input.code} is already used`, { field: 'body.code' });
    if (input.parentCode !== null && !existing.some((c) => c.code === input.parentCode && c.parentCode === null)) {
      throw validationError([{ field: 'body.parentCode', message: 'Choose a group (a category without a parent)' }]);
    }
    if (input.parentCode !== null) {
      const missing = [
        ...(input.slaClass === undefined ? [{ field: 'body.slaClass', message: 'A category needs an SLA class' }] : []),
        ...(input.level === undefined ? [{ field: 'body.level', message: 'A category needs a level' }] : []),
      ];
      if (missing.length) throw validationError(missing);
    }
    const slaClass = input.slaClass ?? GROUP_PLACEHOLDERS.slaClass;
    const level = input.level ?? GROUP_PLACEHOLDERS.level;
    await checkDepartment(deps, level, input.departmentCode);
    await inTransaction(deps, async (trx, audit) => {
      await appealDb(trx).insertInto('appealCategory').values({
        id: newId(), tenantId: deps.tenantId, code: input.code, parentCode: input.parentCode, nameZh: input.nameZh, nameEn: input.nameEn, slaClass,
        level, departmentCode: input.departmentCode, keywords: input.keywords.join(' '), active: input.active ? 1 : 0, sortOrder: input.sortOrder,
      }).execute();
      audit({ ...auditedBy(request.actor), action: 'appeal.category_create', objectType: 'appeal_category', objectId: input.code, requestId: request.id, detail: { ...input } });
    });
    reply.status(201);
    return { code: input.code };
  });

  app.patch('/api/appeals/admin/categories/:code', { schema: { tags, summary: 'Edit a category: names, SLA class, level, department, keywords, active', params: z.strictObject({ code }), body: categoryUpdate } }, async (request) => {
    await requireDistrictAdmin(deps, request.actor);
    const current = await db().selectFrom('appealCategory').selectAll().where('tenantId', '=', deps.tenantId).where('code', '=', request.params.code).executeTakeFirst();
    if (!current) throw notFound('Category');
    const input = request.body;
    await checkDepartment(deps, input.level ?? current.level, input.departmentCode === undefined ? current.departmentCode : input.departmentCode);
    await inTransaction(deps, async (trx, audit) => {
      await appealDb(trx).updateTable('appealCategory').set({
        ...(input.nameZh !== undefined && { nameZh: input.nameZh }),
        ...(input.nameEn !== undefined && { nameEn: input.nameEn }),
        ...(input.slaClass !== undefined && { slaClass: input.slaClass }),
        ...(input.level !== undefined && { level: input.level }),
        ...(input.departmentCode !== undefined && { departmentCode: input.departmentCode }),
        ...(input.keywords !== undefined && { keywords: input.keywords.join(' ') }),
        ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
        ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
      }).where('id', '=', current.id).execute();
      audit({ ...auditedBy(request.actor), action: 'appeal.category_update', objectType: 'appeal_category', objectId: current.code, requestId: request.id, detail: { ...input } });
    });
    return { code: current.code };
  });

  app.get('/api/appeals/admin/routing-rules', { schema: { tags, summary: 'Routing rules: a category in an area goes to a unit' } }, async (request) => {
    await requireDistrictAdmin(deps, request.actor);
    const directory = await loadDirectory(deps.db, deps.tenantId);
    const rows = await db().selectFrom('appealRoutingRule').selectAll().where('tenantId', '=', deps.tenantId).orderBy('categoryCode').execute();
    return { items: rows.map(({ tenantId: _, ...r }) => ({ ...r, areaNameZh: directory.get(r.areaId)?.nameZh ?? null, targetNameZh: directory.get(r.targetUnitId)?.nameZh ?? null })) };
  });

  app.post('/api/appeals/admin/routing-rules', { schema: { tags, summary: 'Add a routing rule (the nearest area wins over a wider one)', body: ruleCreate } }, async (request, reply) => {
    await requireDistrictAdmin(deps, request.actor);
    const input = request.body;
    const directory = await loadDirectory(deps.db, deps.tenantId, true);
    const category = await db().selectFrom('appealCategory').select(['parentCode', 'active']).where('tenantId', '=', deps.tenantId).where('code', '=', input.categoryCode).executeTakeFirst();
    const group = category?.parentCode
      ? await db().selectFrom('appealCategory').select('active').where('tenantId', '=', deps.tenantId).where('code', '=', category.parentCode).executeTakeFirst()
      : undefined;
    const issues = [
      ...(!category || category.parentCode === null ? [{ field: 'body.categoryCode', message: 'Choose a category (not a group)' }]
        : !category.active || !group?.active ? [{ field: 'body.categoryCode', message: 'This category is not in use (it or its group is inactive)' }] : []),
      ...(!directory.get(input.areaId) || directory.get(input.areaId)!.kind === 'department' ? [{ field: 'body.areaId', message: 'Choose the district, a street or a community' }] : []),
      ...(!directory.get(input.targetUnitId) || directory.get(input.targetUnitId)!.kind === 'grid' ? [{ field: 'body.targetUnitId', message: 'Choose a community, street, district or department' }] : []),
    ];
    if (issues.length) throw validationError(issues);
    const id = newId();
    await inTransaction(deps, async (trx, audit) => {
      // One rule per category and area: a second would leave which unit gets the appeal to chance.
      const same = await appealDb(trx).selectFrom('appealRoutingRule').select('id').where('tenantId', '=', deps.tenantId)
        .where('categoryCode', '=', input.categoryCode).where('areaId', '=', input.areaId).executeTakeFirst();
      if (same) throw new DomainError('conflict', 'A rule for this category in this area exists already; remove it first', { field: 'body.areaId', ruleId: same.id });
      await appealDb(trx).insertInto('appealRoutingRule').values({ id, tenantId: deps.tenantId, categoryCode: input.categoryCode, areaId: input.areaId, targetUnitId: input.targetUnitId, note: input.note ?? null, createdAt: deps.clock.now().toISOString() }).execute();
      audit({ ...auditedBy(request.actor), action: 'appeal.routing_rule_create', objectType: 'appeal_routing_rule', objectId: id, requestId: request.id, detail: { ...input } });
    });
    reply.status(201);
    return { id };
  });

  app.delete('/api/appeals/admin/routing-rules/:id', { schema: { tags, summary: 'Remove a routing rule', params: z.strictObject({ id: z.uuid() }) } }, async (request, reply) => {
    await requireDistrictAdmin(deps, request.actor);
    await inTransaction(deps, async (trx, audit) => {
      const removed = await appealDb(trx).deleteFrom('appealRoutingRule').where('tenantId', '=', deps.tenantId).where('id', '=', request.params.id).executeTakeFirst();
      if (Number(removed.numDeletedRows) !== 1) throw notFound('Routing rule');
      audit({ ...auditedBy(request.actor), action: 'appeal.routing_rule_delete', objectType: 'appeal_routing_rule', objectId: request.params.id, requestId: request.id });
    });
    return reply.status(204).send();
  });
}
