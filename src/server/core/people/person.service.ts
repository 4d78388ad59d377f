// Personal data: masked by default; revealed only to a permitted user who states a purpose,
// and every look is logged so the resident can see who viewed their data (DOMAIN.md §4).
import { z } from 'zod';
import { notFound } from '../../../shared/errors.ts';
import { maskField, type PersonalField } from '../../../shared/masking.ts';
import { newId } from '../../../shared/ids.ts';
import { auditOnly, nowIso, type Db, type Deps } from '../../deps.ts';
import { auditedBy, grantsWith, requirePermission, requireSignedIn, type Actor } from '../../../shared/actor.ts';
import type { PersonTable } from '../../platform/db/schema.ts';

export interface PersonContact {
  phone?: string | null | undefined;
  email?: string | null | undefined;
  name?: string | null | undefined;
}

/**
 * The person with this phone or e-mail (the earliest, when they are two), created when there is none. A
 * concurrent intake may insert the same contact between our look and our insert: the insert then does nothing
 * (the unique indexes on phone_index and email_index) and the look is repeated, so that a caller is one
 * person on both engines.
 */
export async function findOrCreatePerson(trx: Db, deps: Deps, contact: PersonContact, now: string): Promise<{ id: string; created: boolean }> {
  const byPhone = contact.phone ? deps.cipher.blindIndex('phone', contact.phone) : null;
  const byEmail = contact.email ? deps.cipher.blindIndex('email', contact.email) : null;
  if (!byPhone && !byEmail) throw new Error('findOrCreatePerson needs a phone or an e-mail');
  const find = () => trx.selectFrom('person').select('id').where('tenantId', '=', deps.tenantId)
    .where((eb) => eb.or([...(byPhone ? [eb('phoneIndex', '=', byPhone)] : []), ...(byEmail ? [eb('emailIndex', '=', byEmail)] : [])]))
    .orderBy('id').executeTakeFirst();
  const existing = await find();
  if (existing) return { id: existing.id, created: false };
  const id = newId();
  await trx.insertInto('person').values({
    id, tenantId: deps.tenantId, nameEnc: deps.cipher.encryptOptional(contact.name),
    phoneEnc: deps.cipher.encryptOptional(contact.phone), phoneIndex: byPhone,
    emailEnc: deps.cipher.encryptOptional(contact.email), emailIndex: byEmail,
    // Where a matter lies is not where the person lives: no community for a contact we did not know.
    idNumberEnc: null, idNumberIndex: null, addressEnc: null, communityId: null, synthetic: 0, createdAt: now, updatedAt: now,
  }).onConflict((oc) => oc.doNothing()).execute();
  const mine = await trx.selectFrom('person').select('id').where('id', '=', id).executeTakeFirst();
  if (mine) return { id, created: true };
  const winner = await find();
  if (!winner) throw new Error('A person with this contact was stored and is gone again');
  return { id: winner.id, created: false };
}

export const PERSONAL_FIELDS = ['name', 'phone', 'email', 'idNumber', 'address'] as const satisfies readonly PersonalField[];

export const revealBody = z.strictObject({
  fields: z.array(z.enum(PERSONAL_FIELDS)).min(1).max(5),
  purpose: z.string().trim().min(4, 'State why you need to see this (at least 4 characters)').max(500),
});

const COLUMN: Record<PersonalField, keyof PersonTable> = {
  name: 'nameEnc', phone: 'phoneEnc', email: 'emailEnc', idNumber: 'idNumberEnc', address: 'addressEnc',
};

export function decryptPerson(deps: Deps, row: PersonTable): Record<PersonalField, string | null> {
  const out = {} as Record<PersonalField, string | null>;
  for (const f of PERSONAL_FIELDS) out[f] = deps.cipher.decryptOptional(row[COLUMN[f]] as string | null);
  return out;
}

export function maskPerson(deps: Deps, row: PersonTable) {
  const plain = decryptPerson(deps, row);
  return Object.fromEntries(PERSONAL_FIELDS.map((f) => [f, maskField(f, plain[f])])) as Record<PersonalField, string | null>;
}

/** True for a district-level dispatcher: the only staff who may know a protected complainant. */
export function dispatchesDistrict(actor: Actor): boolean {
  return grantsWith(actor, 'case.dispatch').some((g) => g.jurisdictionPath.split('/').filter(Boolean).length === 1);
}

/** Set-based check: the person lives in, or asked something of, a unit within the actor's reach. */
async function personWithinReach(deps: Deps, actor: Actor, personId: string, permission: 'person.read' | 'person.reveal') {
  const paths = grantsWith(actor, permission).map((g) => g.jurisdictionPath);
  if (paths.length === 0) return undefined;
  return deps.db.selectFrom('person').selectAll('person').where('person.tenantId', '=', deps.tenantId).where('person.id', '=', personId)
    .where((eb) => eb.or([
      eb.exists(eb.selectFrom('jurisdiction').select('jurisdiction.id').whereRef('jurisdiction.id', '=', 'person.communityId')
        .where((j) => j.or(paths.map((p) => j('jurisdiction.path', 'like', `${p}%`))))),
      // A requester who asked not to be named is reachable only by the district's dispatchers.
      eb.exists(eb.selectFrom('case').select('case.id').whereRef('case.requesterPersonId', '=', 'person.id')
        .where((c) => c.or(paths.map((p) => c('case.jurisdictionPath', 'like', `${p}%`))))
        .$if(!dispatchesDistrict(actor), (qb) => qb.where('case.requesterHidden', '=', 0))),
    ])).executeTakeFirst();
}

export async function viewPerson(deps: Deps, actor: Actor, personId: string, requestId: string) {
  requirePermission(actor, 'person.read');
  const row = await personWithinReach(deps, actor, personId, 'person.read');
  if (!row) throw notFound('Person');
  await auditOnly(deps, [{ ...auditedBy(actor), action: 'person.view', objectType: 'person', objectId: personId, subjectPersonId: personId, requestId, detail: { masked: true } }]);
  const canReveal = Boolean(await personWithinReach(deps, actor, personId, 'person.reveal'));
  return { id: row.id, synthetic: Boolean(row.synthetic), ...maskPerson(deps, row), abilities: { reveal: canReveal } };
}

export async function revealPerson(deps: Deps, actor: Actor, personId: string, input: z.infer<typeof revealBody>, requestId: string) {
  requirePermission(actor, 'person.reveal');
  const row = await personWithinReach(deps, actor, personId, 'person.reveal');
  if (!row) {
    await auditOnly(deps, [{ ...auditedBy(actor), action: 'person.reveal', objectType: 'person', objectId: personId, subjectPersonId: personId, result: 'denied', requestId, detail: { fields: input.fields, purpose: input.purpose } }]);
    throw notFound('Person');
  }
  await auditOnly(deps, [{ ...auditedBy(actor), action: 'person.reveal', objectType: 'person', objectId: personId, subjectPersonId: personId, requestId, detail: { fields: input.fields, purpose: input.purpose } }]);
  const plain = decryptPerson(deps, row);
  return Object.fromEntries(input.fields.map((f) => [f, plain[f]]));
}

/** For the resident: every time someone in the administration looked at their data. */
export async function myDataAccessLog(deps: Deps, actor: Actor) {
  requireSignedIn(actor);
  if (actor.kind !== 'resident' || !actor.personId) return [];
  const rows = await deps.db.selectFrom('auditLog').leftJoin('appUser', 'appUser.id', 'auditLog.actorId')
    .select(['auditLog.at', 'auditLog.action', 'auditLog.actorLabel', 'auditLog.actorId', 'auditLog.detail', 'auditLog.result', 'appUser.kind as actorKind', 'appUser.displayName'])
    .where('auditLog.tenantId', '=', deps.tenantId).where('auditLog.subjectPersonId', '=', actor.personId)
    .where('auditLog.action', 'in', ['person.view', 'person.reveal'])
    .orderBy('auditLog.seq', 'desc').limit(200).execute();
  return rows.map((r) => {
    const detail = JSON.parse(r.detail) as { fields?: string[]; purpose?: string };
    return { at: r.at, action: r.action, result: r.result, viewer: r.displayName ?? r.actorLabel, fields: detail.fields ?? [], purpose: detail.purpose ?? null };
  });
}

export async function myProfile(deps: Deps, actor: Actor) {
  requireSignedIn(actor);
  if (actor.kind !== 'resident' || !actor.personId) return null;
  const row = await deps.db.selectFrom('person').selectAll().where('id', '=', actor.personId).executeTakeFirst();
  return row ? { ...decryptPerson(deps, row), checkedAt: nowIso(deps) } : null;
}
