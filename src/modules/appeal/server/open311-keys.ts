// Open311 api_keys: administrators issue and revoke them; only a sha256 of each key is stored, so
// the key is shown once. Keys from MINSHENG_OPEN311_KEYS are accepted too, without rows.
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { auditedBy, type Actor } from '../../../shared/actor.ts';
import { requireAtDistrict } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import { inTransaction, nowIso, type Deps } from '../../../server/deps.ts';
import { appealDb } from './appeal.intake.ts';

export const OPEN311_KEYS_VARIABLE = 'MINSHENG_OPEN311_KEYS';

/** Keys given at start, by hash, with the client name they act under. */
export type ConfiguredKeys = ReadonlyMap<string, string>;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Reads MINSHENG_OPEN311_KEYS (comma-separated) from the environment it is given. */
export function configuredOpen311Keys(env: Record<string, string | undefined>): ConfiguredKeys {
  const keys = (env[OPEN311_KEYS_VARIABLE] ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  return new Map(keys.map((key, i) => [sha256(key), `${OPEN311_KEYS_VARIABLE}#${i + 1}`]));
}

/** The client a key belongs to, or null when the key is unknown or revoked. */
export async function open311ClientForKey(deps: Deps, configured: ConfiguredKeys, key: string): Promise<{ name: string } | null> {
  const hash = sha256(key);
  const fromEnvironment = configured.get(hash);
  if (fromEnvironment) return { name: fromEnvironment };
  const row = await appealDb(deps.db).selectFrom('open311Client').select('name')
    .where('tenantId', '=', deps.tenantId).where('keyHash', '=', hash).where('revokedAt', 'is', null).executeTakeFirst();
  return row ?? null;
}

export async function issueOpen311Key(deps: Deps, actor: Actor, name: string, requestId: string) {
  await requireAtDistrict(deps, actor, 'settings.manage', 'Open311 keys are issued by the district');
  const key = `o311_${randomBytes(24).toString('base64url')}`;
  const client = { id: newId(), name, createdAt: nowIso(deps) };
  await inTransaction(deps, async (trx, audit) => {
    await appealDb(trx).insertInto('open311Client').values({ ...client, tenantId: deps.tenantId, keyHash: sha256(key), revokedAt: null }).execute();
    audit({ ...auditedBy(actor), action: 'open311_key.issue', objectType: 'open311_client', objectId: client.id, requestId, detail: { name } });
  });
  return { ...client, revokedAt: null, key };
}

export async function listOpen311Keys(deps: Deps, actor: Actor, configured: ConfiguredKeys) {
  await requireAtDistrict(deps, actor, 'settings.manage', 'Open311 keys are issued by the district');
  const items = await appealDb(deps.db).selectFrom('open311Client').select(['id', 'name', 'createdAt', 'revokedAt'])
    .where('tenantId', '=', deps.tenantId).orderBy('createdAt', 'desc').execute();
  return { items, configuredAtStart: configured.size };
}

export async function revokeOpen311Key(deps: Deps, actor: Actor, id: string, requestId: string) {
  await requireAtDistrict(deps, actor, 'settings.manage', 'Open311 keys are issued by the district');
  await inTransaction(deps, async (trx, audit) => {
    const result = await appealDb(trx).updateTable('open311Client').set({ revokedAt: nowIso(deps) })
      .where('tenantId', '=', deps.tenantId).where('id', '=', id).where('revokedAt', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new DomainError('not_found', 'Open311 key was not found');
    audit({ ...auditedBy(actor), action: 'open311_key.revoke', objectType: 'open311_client', objectId: id, requestId });
  });
}
