// Staff accounts and their role grants. An administrator manages only accounts and grants
// inside the jurisdictions where they hold user.manage.
import { DomainError, notFound, validationError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { inTransaction, nowIso, type Deps } from '../../deps.ts';
import { auditedBy, canAt, grantsWith, requirePermission, type Actor } from '../../../shared/actor.ts';
import { hashPassword } from './auth.service.ts';
import type { GrantInput, UserCreate, UserUpdate } from './user.schemas.ts';

async function grantsOf(deps: Deps, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, Array<{ id: string; role: string; jurisdictionId: string; jurisdictionNameZh: string; jurisdictionNameEn: string }>>();
  const rows = await deps.db.selectFrom('roleGrant').innerJoin('jurisdiction', 'jurisdiction.id', 'roleGrant.jurisdictionId')
    .select(['roleGrant.id', 'roleGrant.userId', 'roleGrant.role', 'roleGrant.jurisdictionId', 'jurisdiction.nameZh as jurisdictionNameZh', 'jurisdiction.nameEn as jurisdictionNameEn'])
    .where('roleGrant.userId', 'in', userIds).orderBy('roleGrant.createdAt').execute();
  const byUser = new Map<string, typeof rows>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  return new Map([...byUser].map(([k, v]) => [k, v.map(({ userId: _, ...g }) => g)]));
}

/** Staff visible to the actor: those holding a grant inside a subtree where the actor may read users. */
export async function listStaff(deps: Deps, actor: Actor, query: { q?: string | undefined; jurisdictionId?: string | undefined; page: number; pageSize: number }) {
  requirePermission(actor, 'user.read');
  const paths = grantsWith(actor, 'user.read').map((g) => g.jurisdictionPath);
  let base = deps.db.selectFrom('appUser').where('appUser.tenantId', '=', deps.tenantId).where('appUser.kind', '=', 'staff')
    .where((eb) => eb.exists(eb.selectFrom('roleGrant').innerJoin('jurisdiction', 'jurisdiction.id', 'roleGrant.jurisdictionId')
      .select('roleGrant.id').whereRef('roleGrant.userId', '=', 'appUser.id')
      .where((inner) => inner.or(paths.map((p) => inner('jurisdiction.path', 'like', `${p}%`))))
      .$if(Boolean(query.jurisdictionId), (qb) => qb.where('roleGrant.jurisdictionId', '=', query.jurisdictionId!))));
  if (query.q) {
    const like = `%${query.q.replace(/[%_]/g, '')}%`;
    base = base.where((eb) => eb.or([eb('appUser.username', 'like', like), eb('appUser.displayName', 'like', like)]));
  }
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.select(['appUser.id', 'appUser.username', 'appUser.displayName', 'appUser.active', 'appUser.lockedUntil', 'appUser.createdAt'])
      .orderBy('appUser.username').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
  ]);
  const grants = await grantsOf(deps, rows.map((r) => r.id));
  const now = nowIso(deps);
  return {
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => ({ ...r, active: Boolean(r.active), locked: Boolean(r.lockedUntil && r.lockedUntil > now), grants: grants.get(r.id) ?? [] })),
  };
}

async function checkGrantTargets(deps: Deps, actor: Actor, grants: GrantInput[], fieldPrefix: string) {
  if (grants.length === 0) return;
  const ids = [...new Set(grants.map((g) => g.jurisdictionId))];
  const rows = await deps.db.selectFrom('jurisdiction').select(['id', 'path']).where('tenantId', '=', deps.tenantId).where('id', 'in', ids).execute();
  const pathById = new Map(rows.map((r) => [r.id, r.path]));
  const issues = grants.flatMap((g, i) => {
    const path = pathById.get(g.jurisdictionId);
    return path && canAt(actor, 'user.manage', path) ? [] : [{ field: `${fieldPrefix}.${i}.jurisdictionId`, message: 'No such jurisdiction within your reach' }];
  });
  if (issues.length) throw validationError(issues);
}

export async function staffDetail(deps: Deps, actor: Actor, id: string) {
  const page = await deps.db.selectFrom('appUser').select(['id', 'username', 'displayName', 'active', 'lockedUntil', 'createdAt'])
    .where('tenantId', '=', deps.tenantId).where('kind', '=', 'staff').where('id', '=', id).executeTakeFirst();
  if (!page) throw notFound('User');
  const grants = (await grantsOf(deps, [id])).get(id) ?? [];
  const visible = await deps.db.selectFrom('roleGrant').innerJoin('jurisdiction', 'jurisdiction.id', 'roleGrant.jurisdictionId')
    .select('jurisdiction.path').where('roleGrant.userId', '=', id).execute();
  if (!visible.some((v) => canAt(actor, 'user.read', v.path))) throw notFound('User');
  return {
    ...page, active: Boolean(page.active), locked: Boolean(page.lockedUntil && page.lockedUntil > nowIso(deps)), grants,
    abilities: { update: visible.some((v) => canAt(actor, 'user.manage', v.path)) },
  };
}

export async function createStaff(deps: Deps, actor: Actor, input: UserCreate, requestId: string) {
  requirePermission(actor, 'user.manage');
  if (input.grants.length === 0) throw validationError([{ field: 'body.grants', message: 'Give the account at least one role' }]);
  await checkGrantTargets(deps, actor, input.grants, 'body.grants');
  const taken = await deps.db.selectFrom('appUser').select('id').where('tenantId', '=', deps.tenantId).where('username', '=', input.username).executeTakeFirst();
  if (taken) throw new DomainError('conflict', `The username ${input.username} is taken`, { field: 'body.username' });
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  const now = nowIso(deps);
  await inTransaction(deps, async (trx, audit) => {
    await trx.insertInto('appUser').values({
      id, tenantId: deps.tenantId, kind: 'staff', username: input.username, displayName: input.displayName, passwordHash, personId: null,
      contactIndex: null, locale: 'zh-CN', active: 1, failedLogins: 0, lockedUntil: null, synthetic: 0, createdAt: now, updatedAt: now,
    }).execute();
    await trx.insertInto('roleGrant').values(input.grants.map((g) => ({ id: newId(), tenantId: deps.tenantId, userId: id, role: g.role, jurisdictionId: g.jurisdictionId, createdAt: now }))).execute();
    audit({ ...auditedBy(actor), action: 'user.create', objectType: 'user', objectId: id, requestId, detail: { username: input.username, grants: input.grants } });
  });
  return staffDetail(deps, actor, id);
}

export async function updateStaff(deps: Deps, actor: Actor, id: string, input: UserUpdate, requestId: string) {
  requirePermission(actor, 'user.manage');
  const current = await staffDetail(deps, actor, id);
  if (!current.abilities.update) throw notFound('User');
  if (input.active === false && actor.kind === 'staff' && actor.userId === id) {
    throw validationError([{ field: 'body.active', message: 'You cannot deactivate your own account' }]);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  await inTransaction(deps, async (trx, audit) => {
    await trx.updateTable('appUser').set({
      ...(input.displayName !== undefined && { displayName: input.displayName }),
      ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
      ...(passwordHash && { passwordHash }),
      ...(input.unlock && { lockedUntil: null, failedLogins: 0 }),
      updatedAt: nowIso(deps),
    }).where('id', '=', id).execute();
    if (input.active === false || passwordHash) await trx.deleteFrom('session').where('userId', '=', id).execute();
    audit({ ...auditedBy(actor), action: 'user.update', objectType: 'user', objectId: id, requestId, detail: { fields: Object.keys(input) } });
  });
  return staffDetail(deps, actor, id);
}

export async function addGrant(deps: Deps, actor: Actor, userId: string, grant: GrantInput, requestId: string) {
  requirePermission(actor, 'user.manage');
  await staffDetail(deps, actor, userId);
  await checkGrantTargets(deps, actor, [grant], 'body');
  const exists = await deps.db.selectFrom('roleGrant').select('id').where('userId', '=', userId).where('role', '=', grant.role).where('jurisdictionId', '=', grant.jurisdictionId).executeTakeFirst();
  if (exists) throw new DomainError('conflict', 'The account already has this role here');
  await inTransaction(deps, async (trx, audit) => {
    const grantId = newId();
    await trx.insertInto('roleGrant').values({ id: grantId, tenantId: deps.tenantId, userId, role: grant.role, jurisdictionId: grant.jurisdictionId, createdAt: nowIso(deps) }).execute();
    audit({ ...auditedBy(actor), action: 'user.grant', objectType: 'user', objectId: userId, requestId, detail: { ...grant, grantId } });
  });
  return staffDetail(deps, actor, userId);
}

export async function removeGrant(deps: Deps, actor: Actor, userId: string, grantId: string, requestId: string) {
  requirePermission(actor, 'user.manage');
  const grant = await deps.db.selectFrom('roleGrant').innerJoin('jurisdiction', 'jurisdiction.id', 'roleGrant.jurisdictionId')
    .select(['roleGrant.id', 'roleGrant.role', 'jurisdiction.path', 'roleGrant.jurisdictionId'])
    .where('roleGrant.id', '=', grantId).where('roleGrant.userId', '=', userId).where('roleGrant.tenantId', '=', deps.tenantId).executeTakeFirst();
  if (!grant || !canAt(actor, 'user.manage', grant.path)) throw notFound('Role grant');
  const remaining = await deps.db.selectFrom('roleGrant').select('id').where('userId', '=', userId).where('id', '!=', grantId).limit(1).execute();
  if (remaining.length === 0) throw new DomainError('conflict', 'This is the account\'s last role; deactivate the account instead');
  await inTransaction(deps, async (trx, audit) => {
    await trx.deleteFrom('roleGrant').where('id', '=', grantId).execute();
    audit({ ...auditedBy(actor), action: 'user.revoke', objectType: 'user', objectId: userId, requestId, detail: { role: grant.role, jurisdictionId: grant.jurisdictionId } });
  });
  return staffDetail(deps, actor, userId);
}
