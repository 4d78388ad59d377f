// The tenant is the district. A fresh database gets either the demo district (the default for
// `npm start`) or an empty district root, ready for `minsheng user add`.
import { newId } from '../../../shared/ids.ts';
import { maskName } from '../../../shared/masking.ts';
import { hashPassword } from '../people/auth.service.ts';
import { appendAudit, initAuditHead } from '../../platform/audit/audit.repository.ts';
import { DEMO_JURISDICTIONS, DEMO_PASSWORD, DEMO_RESIDENTS, DEMO_STAFF, DEMO_TENANT } from '../jurisdictions/demo-district.data.ts';
import { joinedTransaction, type Db } from '../../deps.ts';
import type { Engine } from '../../platform/db/database.ts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data-cipher.ts';

export interface TenantInfo {
  id: string;
  code: string;
  created: boolean;
  demo: boolean;
}

export async function findTenant(db: Db) {
  return db.selectFrom('tenant').selectAll().orderBy('createdAt').limit(1).executeTakeFirst();
}

interface BootstrapDeps {
  db: Db;
  engine: Engine;
  cipher: PersonalDataCipher;
  now: () => Date;
}

async function createTenant(trx: Db, now: string, code: string, nameZh: string, nameEn: string) {
  const id = newId();
  await trx.insertInto('tenant').values({ id, code, nameZh, nameEn, createdAt: now }).execute();
  await initAuditHead(trx, id);
  return id;
}

/** An empty district: the root jurisdiction only. */
export async function bootstrapEmptyTenant(deps: BootstrapDeps, names = { code: 'district', nameZh: '本区', nameEn: 'The district' }): Promise<string> {
  const now = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const tenantId = await createTenant(trx, now, names.code, names.nameZh, names.nameEn);
    const rootId = newId();
    await trx.insertInto('jurisdiction').values({
      id: rootId, tenantId, parentId: null, path: `/${rootId}/`, kind: 'district', code: names.code, nameZh: names.nameZh, nameEn: names.nameEn,
      centroidLng: null, centroidLat: null, polygon: null, sortOrder: 0, createdAt: now, updatedAt: now,
    }).execute();
    await appendAudit(trx, deps.engine, tenantId, now, [{ actorId: null, actorLabel: 'system', action: 'tenant.create', objectType: 'tenant', objectId: tenantId, detail: { demo: false } }]);
    return tenantId;
  });
}

/** The demo district of DOMAIN.md §1: 12 streets, 165 communities, departments, staff, residents. All synthetic. */
export async function seedDemoTenant(deps: BootstrapDeps): Promise<string> {
  const now = deps.now().toISOString();
  // One hash for every demo account: they share the documented demo password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return deps.db.transaction().execute(async (trx) => {
    const tenantId = await createTenant(trx, now, DEMO_TENANT.code, DEMO_TENANT.nameZh, DEMO_TENANT.nameEn);
    const byCode = new Map<string, { id: string; path: string }>();
    const rows = DEMO_JURISDICTIONS.map((j, index) => {
      const id = newId();
      const parent = j.parentCode ? byCode.get(j.parentCode) : undefined;
      if (j.parentCode && !parent) throw new Error(`Demo jurisdiction ${j.code} comes before its parent ${j.parentCode}`);
      const path = `${parent?.path ?? '/'}${id}/`;
      byCode.set(j.code, { id, path });
      return {
        id, tenantId, parentId: parent?.id ?? null, path, kind: j.kind, code: j.code, nameZh: j.nameZh, nameEn: j.nameEn,
        centroidLng: j.centroid?.[0] ?? null, centroidLat: j.centroid?.[1] ?? null, polygon: j.polygon ? JSON.stringify(j.polygon) : null,
        sortOrder: index, createdAt: now, updatedAt: now,
      };
    });
    for (let i = 0; i < rows.length; i += 100) await trx.insertInto('jurisdiction').values(rows.slice(i, i + 100)).execute();

    const users = DEMO_STAFF.map((s) => ({
      id: newId(), tenantId, kind: 'staff' as const, username: s.username, displayName: s.displayName, passwordHash, personId: null, contactIndex: null,
      locale: 'zh-CN', active: 1, failedLogins: 0, lockedUntil: null, synthetic: 1, createdAt: now, updatedAt: now,
    }));
    await trx.insertInto('appUser').values(users).execute();
    await trx.insertInto('roleGrant').values(DEMO_STAFF.map((s, i) => ({
      id: newId(), tenantId, userId: users[i]!.id, role: s.role, jurisdictionId: byCode.get(s.jurisdictionCode)!.id, createdAt: now,
    }))).execute();

    for (const r of DEMO_RESIDENTS) {
      const personId = newId();
      await trx.insertInto('person').values({
        id: personId, tenantId, nameEnc: deps.cipher.encrypt(r.name), phoneEnc: deps.cipher.encrypt(r.phone), phoneIndex: deps.cipher.blindIndex('phone', r.phone),
        emailEnc: null, emailIndex: null, idNumberEnc: deps.cipher.encrypt(r.idNumber), idNumberIndex: deps.cipher.blindIndex('id_number', r.idNumber),
        addressEnc: deps.cipher.encrypt(r.address), communityId: byCode.get(r.communityCode)?.id ?? null, synthetic: 1, createdAt: now, updatedAt: now,
      }).execute();
      await trx.insertInto('appUser').values({
        id: newId(), tenantId, kind: 'resident', username: null, displayName: maskName(r.name), passwordHash: null, personId,
        contactIndex: deps.cipher.blindIndex('contact', r.phone), locale: 'zh-CN', active: 1, failedLogins: 0, lockedUntil: null, synthetic: 1, createdAt: now, updatedAt: now,
      }).execute();
    }
    await appendAudit(trx, deps.engine, tenantId, now, [{
      actorId: null, actorLabel: 'system', action: 'tenant.seed_demo', objectType: 'tenant', objectId: tenantId,
      detail: { jurisdictions: rows.length, staff: users.length, residents: DEMO_RESIDENTS.length },
    }]);
    return tenantId;
  });
}

/**
 * Finds the tenant, creating it on the first start of an empty database. `setUp` (the modules' catalogues and
 * demo data) runs in the same transaction as the tenant's creation: a first start interrupted anywhere leaves
 * an empty database, and the next start sets the district up from the beginning.
 */
export async function ensureTenant(deps: BootstrapDeps, loadDemo: boolean, setUp?: (db: Db, tenantId: string, demo: boolean) => Promise<void>): Promise<TenantInfo> {
  const existing = await findTenant(deps.db);
  if (existing) return { id: existing.id, code: existing.code, created: false, demo: existing.code === DEMO_TENANT.code };
  const id = await deps.db.transaction().execute(async (trx) => {
    const db = joinedTransaction(trx);
    const tenantId = loadDemo ? await seedDemoTenant({ ...deps, db }) : await bootstrapEmptyTenant({ ...deps, db });
    await setUp?.(db, tenantId, loadDemo);
    return tenantId;
  });
  return { id, code: loadDemo ? DEMO_TENANT.code : 'district', created: true, demo: loadDemo };
}
