import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../server/config.ts';
import { openDeps } from '../server/main.ts';
import { systemClock } from '../shared/time/clock.ts';
import { isStaffRole, STAFF_ROLES } from '../shared/permissions.ts';
import { DomainError } from '../shared/errors.ts';
import { hashPassword } from '../server/core/people/auth.service.ts';
import { inTransaction } from '../server/deps.ts';
import { newId } from '../shared/ids.ts';

export async function addUserCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { username: { type: 'string' }, role: { type: 'string' }, jurisdiction: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  });
  if (!values.username || !/^[a-z0-9][a-z0-9._-]{2,63}$/.test(values.username)) throw new DomainError('validation_failed', '--username: 3–64 lower-case letters, digits, dots, hyphens or underscores');
  if (!values.role || !isStaffRole(values.role)) throw new DomainError('validation_failed', `--role must be one of ${STAFF_ROLES.join(', ')}`);
  if (values.password !== undefined && values.password.length < 10) throw new DomainError('validation_failed', '--password must have at least 10 characters');
  const { deps, close } = await openDeps(loadConfig(), systemClock, { loadDemo: false });
  try {
    const unit = values.jurisdiction
      ? await deps.db.selectFrom('jurisdiction').select(['id', 'nameZh']).where('tenantId', '=', deps.tenantId).where('code', '=', values.jurisdiction).executeTakeFirst()
      : await deps.db.selectFrom('jurisdiction').select(['id', 'nameZh']).where('tenantId', '=', deps.tenantId).where('parentId', 'is', null).executeTakeFirst();
    if (!unit) throw new DomainError('validation_failed', `--jurisdiction: no unit with the code ${values.jurisdiction}`);
    const taken = await deps.db.selectFrom('appUser').select('id').where('tenantId', '=', deps.tenantId).where('username', '=', values.username).executeTakeFirst();
    if (taken) throw new DomainError('validation_failed', `--username: ${values.username} is taken`);
    const password = values.password ?? randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    const now = deps.clock.now().toISOString();
    const id = newId();
    await inTransaction(deps, async (trx, audit) => {
      await trx.insertInto('appUser').values({
        id, tenantId: deps.tenantId, kind: 'staff', username: values.username!, displayName: values.name ?? values.username!, passwordHash, personId: null,
        contactIndex: null, locale: 'zh-CN', active: 1, failedLogins: 0, lockedUntil: null, synthetic: 0, createdAt: now, updatedAt: now,
      }).execute();
      await trx.insertInto('roleGrant').values({ id: newId(), tenantId: deps.tenantId, userId: id, role: values.role!, jurisdictionId: unit.id, createdAt: now }).execute();
      audit({ actorId: null, actorLabel: 'cli', action: 'user.create', objectType: 'user', objectId: id, detail: { username: values.username, role: values.role, via: 'cli' } });
    });
    console.log(`Created ${values.username} (${values.role} at ${unit.nameZh}).`);
    if (!values.password) console.log(`Password: ${password}  (shown once; change it after signing in)`);
    return 0;
  } finally {
    await close();
  }
}
