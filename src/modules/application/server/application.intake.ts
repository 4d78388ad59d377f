// Applying: online by a signed-in resident, or at a counter by staff on an applicant's behalf. Checks the
// service, the place and the applicant, finds the handling unit, records the applicant (encrypted), and opens
// the case through the kernel, where the pure rules check the materials and the projection claims the files —
// all in one transaction, so a refused application leaves nothing behind.
import { DomainError, validationError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { canAt, requirePermission, requireSignedIn, type Actor } from '../../../shared/actor.ts';
import { maskName } from '../../../shared/masking.ts';
import type { DirectoryEntry, JurisdictionDirectory } from '../../../shared/jurisdiction-directory.ts';
import type { Db, Deps } from '../../../server/deps.ts';
import { loadDirectory } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import { decideContext, moduleFor, openCase } from '../../../server/core/cases/case.service.ts';
import { limitsFrom, periodDays } from '../shared/application.deadlines.ts';
import type { ApplyBody, Channel, OpenCommand, Submitted } from '../shared/application.schemas.ts';
import { findService, type StoredService } from './application-service.repository.ts';

/** GB 11643 check character (ISO 7064 MOD 11-2). */
export function idNumberValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

/** The unit that handles a service for a place: a fixed one, else the level's unit (or its department of `unitKind`). */
export function handlingUnitFor(directory: JurisdictionDirectory, service: Pick<StoredService, 'level' | 'unitKind' | 'handlingUnitId'>, community: DirectoryEntry | undefined): DirectoryEntry | undefined {
  if (service.handlingUnitId) return directory.get(service.handlingUnitId);
  if (!community) return undefined;
  const unit = service.level === 'community' ? community : service.level === 'street' ? directory.ancestorOfKind(community.id, 'street') : directory.root();
  if (!unit || !service.unitKind) return unit;
  return directory.byCode(`${unit.code}-dept-${service.unitKind}`) ?? unit;
}

async function matchApplicant(trx: Db, deps: Deps, actor: Actor, input: ApplyBody['applicant'], communityId: string | null): Promise<{ personId: string | null; userId: string | null }> {
  if (actor.kind === 'resident') return { personId: actor.personId, userId: actor.userId };
  const now = deps.clock.now().toISOString();
  const byPhone = deps.cipher.blindIndex('phone', input.phone);
  const existing = await trx.selectFrom('person').select(['id', 'nameEnc', 'idNumberEnc']).where('tenantId', '=', deps.tenantId).where('phoneIndex', '=', byPhone).executeTakeFirst();
  if (existing) return { personId: existing.id, userId: null };
  const personId = newId();
  const person = input.kind === 'person';
  await trx.insertInto('person').values({
    id: personId, tenantId: deps.tenantId, nameEnc: person ? deps.cipher.encrypt(input.name) : null, phoneEnc: deps.cipher.encrypt(input.phone), phoneIndex: byPhone,
    emailEnc: null, emailIndex: null, idNumberEnc: person && input.idNumber ? deps.cipher.encrypt(input.idNumber) : null,
    idNumberIndex: person && input.idNumber ? deps.cipher.blindIndex('id_number', input.idNumber) : null, addressEnc: null,
    communityId, synthetic: 0, createdAt: now, updatedAt: now,
  }).execute();
  return { personId, userId: null };
}

export async function submitApplication(deps: Deps, actor: Actor, input: ApplyBody, channel: Channel, requestId: string | null): Promise<Submitted> {
  requireSignedIn(actor);
  if (channel === 'online' && actor.kind !== 'resident') throw new DomainError('forbidden', 'Online applications are made by a signed-in resident; staff use the counter form');
  if (channel === 'counter') requirePermission(actor, 'case.act');

  const service = await findService(deps.db, deps.tenantId, input.serviceCode);
  if (!service || !service.active) throw validationError([{ field: 'body.serviceCode', message: 'No such service in the catalogue' }]);
  if (channel === 'online' && !service.online) {
    throw validationError([{ field: 'body.serviceCode', message: `This service is applied for at the counter only: ${service.counterNote ?? ''}`.trim() }]);
  }
  const a = input.applicant;
  if (a.kind === 'person' && !a.idNumber) throw validationError([{ field: 'body.applicant.idNumber', message: 'Give the applicant\'s ID number' }]);
  if (a.kind === 'person' && a.idNumber && !idNumberValid(a.idNumber)) throw validationError([{ field: 'body.applicant.idNumber', message: 'This ID number\'s check character is wrong' }]);
  if (a.kind === 'organisation' && !a.orgCode) throw validationError([{ field: 'body.applicant.orgCode', message: 'Give the organisation\'s unified social credit code' }]);

  const directory = await loadDirectory(deps.db, deps.tenantId);
  let community: DirectoryEntry | undefined;
  if (input.placeId) {
    community = directory.get(input.placeId);
    if (!community || community.kind !== 'community') throw validationError([{ field: 'body.placeId', message: 'Choose a community of the district' }]);
  } else if (actor.kind === 'resident' && actor.personId) {
    const person = await deps.db.selectFrom('person').select('communityId').where('id', '=', actor.personId).executeTakeFirst();
    community = directory.get(person?.communityId);
  }
  const unit = handlingUnitFor(directory, service, community);
  if (!unit) throw validationError([{ field: 'body.placeId', message: 'Choose the community this application belongs to' }]);
  const place = community ?? directory.root()!;
  if (channel === 'counter' && !canAt(actor, 'case.act', unit.path)) {
    throw new DomainError('forbidden', 'A counter takes applications for its own unit\'s services');
  }

  const module = moduleFor(deps, 'application');
  const limits = limitsFrom((await decideContext(deps.db, deps, actor, module, place.id, directory)).settings);
  const command: OpenCommand = {
    type: 'open', id: newId(), channel, title: `${service.nameZh} · ${a.kind === 'person' ? maskName(a.name) : a.name}`,
    jurisdictionId: place.id, handlingUnitId: unit.id, requesterPersonId: null, requesterUserId: null, receivedBy: actor.kind === 'staff' ? actor.userId : null,
    applicant: { kind: a.kind, name: a.name }, note: input.note ?? null,
    service: {
      code: service.code, nameZh: service.nameZh, periodDays: periodDays(service, limits), statutoryDays: service.statutoryDays, deemedApproval: service.deemedApproval,
      jointUnitIds: service.jointUnitIds, materials: service.materials.map((m) => ({ code: m.code, name: m.name, required: m.required })),
    },
    materials: input.materials,
  };
  const snapshot = await openCase(deps, actor, 'application', command, requestId, async (trx, open) => {
    const requester = await matchApplicant(trx, deps, actor, a, community?.id ?? null);
    return { ...open, requesterPersonId: requester.personId, requesterUserId: requester.userId };
  });
  return { id: snapshot.id, trackingCode: snapshot.trackingCode, state: snapshot.state as Submitted['state'], handlingUnitId: snapshot.handlingUnitId, dueAt: snapshot.dueAt };
}
