// Sign-in for staff (password) and residents (one-time code by SMS or e-mail), server-side
// sessions, and scoped API tokens. Tokens and codes are stored only as hashes.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { DomainError, validationError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { isStaffRole, isPermission, type Permission } from '../../../shared/permissions.ts';
import { auditOnly, inTransaction, nowIso, type Deps } from '../../deps.ts';
import { auditedBy, permissionsOf, requirePermission, type Actor, type Grant } from '../../../shared/actor.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.repository.ts';
import { findOrCreatePerson } from './person.service.ts';

export const SESSION_TTL_MS = 12 * 60 * 60_000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_RESEND_MS = 60_000;
export const MAX_CODE_ATTEMPTS = 5;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function hashPassword(password: string) {
  return argonHash(password);
}

function sameText(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function loadStaffGrants(deps: Deps, userId: string): Promise<Grant[]> {
  const rows = await deps.db.selectFrom('roleGrant').innerJoin('jurisdiction', 'jurisdiction.id', 'roleGrant.jurisdictionId')
    .select(['roleGrant.role', 'roleGrant.jurisdictionId', 'jurisdiction.path']).where('roleGrant.userId', '=', userId).execute();
  return rows.filter((r) => isStaffRole(r.role)).map((r) => ({ role: r.role as Grant['role'], jurisdictionId: r.jurisdictionId, jurisdictionPath: r.path }));
}

async function actorForUser(deps: Deps, userId: string, tokenScopes: ReadonlySet<Permission> | null): Promise<Actor | null> {
  const user = await deps.db.selectFrom('appUser').selectAll().where('id', '=', userId).where('tenantId', '=', deps.tenantId).executeTakeFirst();
  if (!user || !user.active) return null;
  if (user.kind === 'resident') return { kind: 'resident', tenantId: deps.tenantId, userId: user.id, label: user.displayName, personId: user.personId };
  return { kind: 'staff', tenantId: deps.tenantId, userId: user.id, label: user.username ?? user.displayName, grants: await loadStaffGrants(deps, user.id), tokenScopes };
}

async function openSession(deps: Deps, userId: string) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = deps.clock.now();
  await deps.db.insertInto('session').values({
    id: sha256(token), tenantId: deps.tenantId, userId, csrfToken, createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(), lastSeenAt: now.toISOString(),
  }).execute();
  return { token, csrfToken, expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString() };
}

export async function loginWithPassword(deps: Deps, username: string, password: string, requestId: string) {
  const now = deps.clock.now();
  const user = await deps.db.selectFrom('appUser').selectAll()
    .where('tenantId', '=', deps.tenantId).where('kind', '=', 'staff').where('username', '=', username).executeTakeFirst();
  const refuse = new DomainError('unauthenticated', 'Wrong username or password');
  if (!user || !user.active || !user.passwordHash) {
    await auditOnly(deps, [{ actorId: null, actorLabel: username.slice(0, 64), action: 'auth.login', objectType: 'user', result: 'failed', requestId, detail: { reason: 'unknown_user' } }]);
    throw refuse;
  }
  if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
    await auditOnly(deps, [{ actorId: user.id, actorLabel: username, action: 'auth.login', objectType: 'user', objectId: user.id, result: 'denied', requestId, detail: { reason: 'locked' } }]);
    throw new DomainError('account_locked', 'Too many failed sign-ins; this account is locked for a while', { lockedUntil: user.lockedUntil });
  }
  if (!(await argonVerify(user.passwordHash, password))) {
    const failedLogins = user.failedLogins + 1;
    const lockedUntil = failedLogins >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
    await inTransaction(deps, async (trx, audit) => {
      await trx.updateTable('appUser').set({ failedLogins: lockedUntil ? 0 : failedLogins, lockedUntil }).where('id', '=', user.id).execute();
      audit({ actorId: user.id, actorLabel: username, action: 'auth.login', objectType: 'user', objectId: user.id, result: 'failed', requestId, detail: { reason: 'wrong_password', locked: Boolean(lockedUntil) } });
    });
    if (lockedUntil) throw new DomainError('account_locked', 'Too many failed sign-ins; this account is locked for a while', { lockedUntil });
    throw refuse;
  }
  const session = await openSession(deps, user.id);
  await inTransaction(deps, async (trx, audit) => {
    await trx.updateTable('appUser').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', user.id).execute();
    audit({ actorId: user.id, actorLabel: username, action: 'auth.login', objectType: 'user', objectId: user.id, requestId });
  });
  return session;
}

export async function actorForSession(deps: Deps, token: string): Promise<{ actor: Actor; csrfToken: string } | null> {
  const session = await deps.db.selectFrom('session').selectAll().where('id', '=', sha256(token)).executeTakeFirst();
  const now = nowIso(deps);
  if (!session || session.expiresAt <= now || session.tenantId !== deps.tenantId) return null;
  const actor = await actorForUser(deps, session.userId, null);
  if (!actor) return null;
  // Sliding expiry, written at most once a minute to keep reads cheap.
  if (Date.parse(now) - Date.parse(session.lastSeenAt) > 60_000) {
    await deps.db.updateTable('session').set({ lastSeenAt: now, expiresAt: new Date(Date.parse(now) + SESSION_TTL_MS).toISOString() }).where('id', '=', session.id).execute();
  }
  return { actor, csrfToken: session.csrfToken };
}

export function csrfMatches(expected: string, given: string | undefined) {
  return given !== undefined && sameText(expected, given);
}

export async function logout(deps: Deps, actor: Actor, token: string, requestId: string) {
  await inTransaction(deps, async (trx, audit) => {
    await trx.deleteFrom('session').where('id', '=', sha256(token)).execute();
    audit({ ...auditedBy(actor), action: 'auth.logout', objectType: 'session', requestId });
  });
}

// ---- residents: one-time codes ----

export type Contact = { channel: 'sms' | 'email'; value: string };

export function parseContact(raw: string): Contact {
  const value = raw.trim().replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(value)) return { channel: 'sms', value };
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw.trim()) && raw.trim().length <= 254) return { channel: 'email', value: raw.trim().toLowerCase() };
  throw validationError([{ field: 'body.contact', message: 'Give a mainland mobile number (11 digits) or an e-mail address' }]);
}

export async function sendLoginCode(deps: Deps, rawContact: string, requestId: string) {
  const contact = parseContact(rawContact);
  const contactIndex = deps.cipher.blindIndex('contact', contact.value);
  const now = deps.clock.now();
  const recent = await deps.db.selectFrom('oneTimeCode').select('createdAt').where('tenantId', '=', deps.tenantId)
    .where('contactIndex', '=', contactIndex).orderBy('createdAt', 'desc').limit(1).executeTakeFirst();
  if (recent && now.getTime() - Date.parse(recent.createdAt) < CODE_RESEND_MS) {
    throw new DomainError('rate_limited', 'A code was sent less than a minute ago; please wait before asking again', { retryAfterSeconds: 60 });
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await inTransaction(deps, async (trx, audit) => {
    await trx.insertInto('oneTimeCode').values({
      id: newId(), tenantId: deps.tenantId, contactIndex, codeHash: sha256(`${contactIndex}:${code}`), attempts: 0,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(), consumedAt: null, createdAt: now.toISOString(),
    }).execute();
    await enqueueMessage(trx, deps, now.toISOString(), contact.channel, { to: contact.value, template: 'login_code', params: { code, minutes: CODE_TTL_MS / 60_000 } });
    audit({ actorId: null, actorLabel: 'resident', action: 'auth.code_sent', objectType: 'contact', requestId, detail: { channel: contact.channel } });
  });
  return { channel: contact.channel, expiresInSeconds: CODE_TTL_MS / 1000 };
}

export async function loginWithCode(deps: Deps, rawContact: string, code: string, requestId: string) {
  const contact = parseContact(rawContact);
  const contactIndex = deps.cipher.blindIndex('contact', contact.value);
  const now = nowIso(deps);
  const pending = await deps.db.selectFrom('oneTimeCode').selectAll().where('tenantId', '=', deps.tenantId).where('contactIndex', '=', contactIndex)
    .where('consumedAt', 'is', null).where('expiresAt', '>', now).orderBy('createdAt', 'desc').limit(1).executeTakeFirst();
  const refuse = new DomainError('unauthenticated', 'The code is wrong or has expired; ask for a new one');
  if (!pending || pending.attempts >= MAX_CODE_ATTEMPTS) throw refuse;
  if (!sameText(pending.codeHash, sha256(`${contactIndex}:${code}`))) {
    await deps.db.updateTable('oneTimeCode').set({ attempts: pending.attempts + 1 }).where('id', '=', pending.id).execute();
    throw refuse;
  }
  const userId = await inTransaction(deps, async (trx, audit) => {
    const consumed = await trx.updateTable('oneTimeCode').set({ consumedAt: now }).where('id', '=', pending.id).where('consumedAt', 'is', null).executeTakeFirst();
    if (Number(consumed.numUpdatedRows) !== 1) throw refuse;
    const existing = await trx.selectFrom('appUser').select(['id']).where('tenantId', '=', deps.tenantId).where('contactIndex', '=', contactIndex).executeTakeFirst();
    let id = existing?.id;
    if (!id) {
      id = newId();
      // Someone who raised a matter by phone before finds it under the same person.
      const { id: personId } = await findOrCreatePerson(trx, deps, contact.channel === 'sms' ? { phone: contact.value } : { email: contact.value }, now);
      await trx.insertInto('appUser').values({
        id, tenantId: deps.tenantId, kind: 'resident', username: null, displayName: '居民', passwordHash: null, personId,
        contactIndex, locale: 'zh-CN', active: 1, failedLogins: 0, lockedUntil: null, synthetic: 0, createdAt: now, updatedAt: now,
      }).execute();
      audit({ actorId: id, actorLabel: 'resident', action: 'resident.register', objectType: 'user', objectId: id, subjectPersonId: personId, requestId });
    }
    audit({ actorId: id, actorLabel: 'resident', action: 'auth.login', objectType: 'user', objectId: id, requestId, detail: { channel: contact.channel } });
    return id;
  });
  return openSession(deps, userId);
}

// ---- API tokens ----

export async function actorForApiToken(deps: Deps, token: string): Promise<Actor | null> {
  const row = await deps.db.selectFrom('apiToken').selectAll().where('tokenHash', '=', sha256(token)).executeTakeFirst();
  const now = nowIso(deps);
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.tenantId !== deps.tenantId) return null;
  const scopes = new Set((JSON.parse(row.scopes) as string[]).filter(isPermission));
  const actor = await actorForUser(deps, row.userId, scopes);
  if (actor?.kind !== 'staff') return null;
  return { ...actor, label: `${actor.label} (token ${row.name})` };
}

export async function createApiToken(deps: Deps, actor: Actor, input: { name: string; scopes: string[]; expiresAt?: string | undefined }, requestId: string) {
  requirePermission(actor, 'token.manage');
  if (actor.kind !== 'staff') throw new DomainError('forbidden', 'Only staff can hold API tokens');
  const held = new Set(permissionsOf({ ...actor, tokenScopes: null }));
  const issues = input.scopes.flatMap((scope, i) =>
    !isPermission(scope) ? [{ field: `body.scopes.${i}`, message: `Unknown permission ${scope}` }]
      : !held.has(scope) ? [{ field: `body.scopes.${i}`, message: `You do not hold ${scope}, so a token of yours cannot` }] : []);
  if (issues.length) throw validationError(issues);
  if (input.expiresAt && input.expiresAt <= nowIso(deps)) throw validationError([{ field: 'body.expiresAt', message: 'The expiry must be in the future' }]);
  const token = `ms_${randomBytes(32).toString('base64url')}`;
  const id = newId();
  await inTransaction(deps, async (trx, audit) => {
    await trx.insertInto('apiToken').values({
      id, tenantId: deps.tenantId, userId: actor.userId, name: input.name, tokenHash: sha256(token), scopes: JSON.stringify(input.scopes),
      expiresAt: input.expiresAt ?? null, revokedAt: null, lastUsedAt: null, createdAt: nowIso(deps),
    }).execute();
    audit({ ...auditedBy(actor), action: 'token.create', objectType: 'api_token', objectId: id, requestId, detail: { name: input.name, scopes: input.scopes } });
  });
  return { id, name: input.name, scopes: input.scopes, expiresAt: input.expiresAt ?? null, token };
}

export async function listApiTokens(deps: Deps, actor: Actor) {
  requirePermission(actor, 'token.manage');
  if (actor.kind !== 'staff') return [];
  const rows = await deps.db.selectFrom('apiToken').select(['id', 'name', 'scopes', 'expiresAt', 'revokedAt', 'lastUsedAt', 'createdAt'])
    .where('tenantId', '=', deps.tenantId).where('userId', '=', actor.userId).orderBy('createdAt', 'desc').execute();
  return rows.map((r) => ({ ...r, scopes: JSON.parse(r.scopes) as string[] }));
}

export async function revokeApiToken(deps: Deps, actor: Actor, id: string, requestId: string) {
  requirePermission(actor, 'token.manage');
  if (actor.kind !== 'staff') throw new DomainError('not_found', 'API token was not found');
  await inTransaction(deps, async (trx, audit) => {
    const result = await trx.updateTable('apiToken').set({ revokedAt: nowIso(deps) })
      .where('id', '=', id).where('userId', '=', actor.userId).where('revokedAt', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new DomainError('not_found', 'API token was not found');
    audit({ ...auditedBy(actor), action: 'token.revoke', objectType: 'api_token', objectId: id, requestId });
  });
}
