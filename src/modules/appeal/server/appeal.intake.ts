// The one door: every channel ends here. Validates the place and category, matches or records
// the requester (encrypted), routes by category + place, opens the case through the kernel and
// suggests likely duplicates.
import { z } from 'zod';
import { DomainError, validationError } from '../../../shared/errors.ts';
import { pointInPolygon, type LngLat } from '../../../shared/geo.ts';
import type { Actor } from '../../../shared/actor.ts';
import type { DirectoryEntry, JurisdictionDirectory } from '../../../shared/jurisdiction-directory.ts';
import { haversineMeters, jaccard } from '../../../shared/text/similarity.ts';
import type { Db, Deps } from '../../../server/deps.ts';
import { loadDirectory } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { openCase } from '../../../server/core/cases/case.service.ts';
import { findOrCreatePerson } from '../../../server/core/people/person.service.ts';
import { segment } from '../../../server/platform/search/segmenter.ts';
import { CHANNELS, type Channel, type Level, type OpenCommand } from '../shared/appeal.schemas.ts';
import { SLA_CLASSES, type SlaClass } from '../shared/appeal.deadlines.ts';
import { levelOf } from '../shared/appeal.machine.ts';
import type { AppealTables } from './appeal.tables.ts';

export const MAX_DESCRIPTION = 2000;

const phone = z.string().trim().regex(/^1[3-9]\d{9}$/, 'A mainland mobile number of 11 digits');
export const intakeFields = {
  categoryCode: z.string().trim().min(1).max(64),
  title: z.string().trim().min(2).max(60).optional(),
  description: z.string().trim().min(5, 'Describe the matter in at least 5 characters').max(MAX_DESCRIPTION),
  location: z.union([
    z.strictObject({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }),
    z.strictObject({ communityId: z.uuid() }),
  ]),
  address: z.string().trim().max(200).optional(),
  contact: z.strictObject({
    name: z.string().trim().min(1).max(50).optional(),
    phone: phone.optional(),
    email: z.email().max(254).optional(),
  }).optional(),
  hideIdentity: z.boolean().default(false),
  publish: z.boolean().default(true),
  attachmentIds: z.array(z.uuid()).max(9).default([]),
};

export const portalIntakeBody = z.strictObject(intakeFields);
export const staffIntakeBody = z.strictObject({ ...intakeFields, channel: z.enum(CHANNELS).exclude(['portal', 'open311']) });
/** `location: null` (a letter that names no place) files the appeal with the district's dispatchers. */
export type IntakeInput = Omit<z.infer<typeof portalIntakeBody>, 'location'> & { channel: Channel; location: z.infer<typeof portalIntakeBody>['location'] | null };

export function appealDb(db: Db) {
  return db.withTables<AppealTables>();
}

/** An active category (or group); a category of an inactive group is not in use either. */
export async function findCategory(db: Db, tenantId: string, code: string) {
  const category = await appealDb(db).selectFrom('appealCategory').selectAll().where('tenantId', '=', tenantId).where('code', '=', code).where('active', '=', 1).executeTakeFirst();
  if (!category?.parentCode) return category;
  const group = await appealDb(db).selectFrom('appealCategory').select('id').where('tenantId', '=', tenantId).where('code', '=', category.parentCode).where('active', '=', 1).executeTakeFirst();
  return group ? category : undefined;
}

/** The community a point lies in, by the communities' polygons. */
export function communityAt(directory: JurisdictionDirectory, point: LngLat): DirectoryEntry | undefined {
  return directory.all().find((e) => e.kind === 'community' && e.polygon && pointInPolygon(point, e.polygon));
}

export function resolvePlace(directory: JurisdictionDirectory, location: NonNullable<IntakeInput['location']>): { community: DirectoryEntry; point: LngLat | null } {
  if ('communityId' in location) {
    const community = directory.get(location.communityId);
    if (!community || community.kind !== 'community') throw validationError([{ field: 'body.location.communityId', message: 'No such community in the district' }]);
    return { community, point: null };
  }
  const point: LngLat = [location.lng, location.lat];
  const community = communityAt(directory, point);
  if (!community) throw validationError([{ field: 'body.location', message: 'This place is outside the district' }]);
  return { community, point };
}

/** Communities a text names, longest name first ("长华里" stands for "长华里社区"). */
export function communitiesNamedIn(directory: JurisdictionDirectory, text: string): Array<{ community: DirectoryEntry; length: number }> {
  return directory.all().filter((e) => e.kind === 'community').map((community) => {
    const short = community.nameZh.replace(/社区$/, '');
    const length = text.includes(community.nameZh) ? community.nameZh.length : short.length >= 2 && text.includes(short) ? short.length : 0;
    return { community, length };
  }).filter((m) => m.length > 0).sort((a, b) => b.length - a.length);
}

/** Routing: an explicit rule for the category in the place's subtree wins; else the category's level. */
export async function routeAppeal(db: Db, tenantId: string, directory: JurisdictionDirectory, category: { code: string; level: string; departmentCode: string | null }, community: DirectoryEntry): Promise<{ unitId: string; level: Level } | null> {
  const rules = await appealDb(db).selectFrom('appealRoutingRule').select(['areaId', 'targetUnitId']).where('tenantId', '=', tenantId).where('categoryCode', '=', category.code).execute();
  const matching = rules
    .map((r) => ({ rule: r, area: directory.get(r.areaId), target: directory.get(r.targetUnitId) }))
    .filter((m) => m.area && m.target && community.path.startsWith(m.area.path))
    .sort((a, b) => b.area!.path.length - a.area!.path.length);
  if (matching[0]) return { unitId: matching[0].target!.id, level: levelOf(matching[0].target!) };
  switch (category.level) {
    case 'community': return { unitId: community.id, level: 'community' };
    case 'street': {
      const street = directory.ancestorOfKind(community.id, 'street');
      return street ? { unitId: street.id, level: 'street' } : null;
    }
    case 'department': {
      const department = category.departmentCode ? directory.byCode(category.departmentCode) : undefined;
      return department ? { unitId: department.id, level: 'department' } : null;
    }
    default:
      return null; // district: the dispatcher decides
  }
}

async function matchRequester(trx: Db, deps: Deps, actor: Actor, contact: IntakeInput['contact']) {
  if (actor.kind === 'resident') return { personId: actor.personId, userId: actor.userId };
  if (!contact?.phone && !contact?.email) return { personId: null, userId: null };
  const now = deps.clock.now().toISOString();
  const person = await findOrCreatePerson(trx, deps, contact, now);
  if (!person.created && contact.name) {
    await trx.updateTable('person').set({ nameEnc: deps.cipher.encrypt(contact.name), updatedAt: now }).where('id', '=', person.id).where('nameEnc', 'is', null).execute();
  }
  return { personId: person.id, userId: null };
}

/** Metres per degree of latitude (and of longitude at the equator). */
const METERS_PER_DEGREE = 111_320;

/** Communities whose polygon's bounding box reaches into the square of side 2 × `meters` around `point`. */
function communitiesNear(directory: JurisdictionDirectory, point: LngLat, meters: number): DirectoryEntry[] {
  const dLat = meters / METERS_PER_DEGREE;
  const dLng = dLat / Math.max(Math.cos((point[1] * Math.PI) / 180), 0.01);
  return directory.all().filter((e) => {
    if (e.kind !== 'community' || !e.polygon) return false;
    const lngs = e.polygon.map((p) => p[0]);
    const lats = e.polygon.map((p) => p[1]);
    return Math.min(...lngs) <= point[0] + dLng && Math.max(...lngs) >= point[0] - dLng && Math.min(...lats) <= point[1] + dLat && Math.max(...lats) >= point[1] - dLat;
  });
}

export interface DuplicateCandidate {
  id: string;
  trackingCode: string;
  title: string;
  state: string;
  createdAt: string;
  similarity: number;
  distanceMeters: number | null;
}

/**
 * Similar open appeals of the same category nearby within the last days: suggested, never merged automatically.
 * Nearby is within `meters` when both have a point, else the same community.
 */
export async function findDuplicates(db: Db, tenantId: string, directory: JurisdictionDirectory, input: { categoryCode: string; text: string; communityId: string; point: LngLat | null; now: Date }, options = { days: 14, meters: 500, minSimilarity: 0.25 }): Promise<DuplicateCandidate[]> {
  const since = new Date(input.now.getTime() - options.days * 86_400_000).toISOString();
  const point = input.point;
  // Only communities an appeal near the point can lie in (a point lies in its community's polygon). No order in
  // SQL: it would let the planner walk the district's whole fortnight by date instead of these communities.
  const communityIds = [...new Set([input.communityId, ...(point ? communitiesNear(directory, point, options.meters).map((c) => c.id) : [])])];
  const rows = await appealDb(db).selectFrom('appealRecord').innerJoin('case', 'case.id', 'appealRecord.caseId')
    .select(['case.id', 'case.trackingCode', 'case.title', 'case.state', 'case.createdAt', 'appealRecord.tokens', 'appealRecord.lng', 'appealRecord.lat', 'appealRecord.communityId'])
    .where('appealRecord.tenantId', '=', tenantId).where('appealRecord.categoryCode', '=', input.categoryCode).where('appealRecord.communityId', 'in', communityIds)
    .where('appealRecord.stateCategory', '=', 'open').where('appealRecord.receivedAt', '>=', since).where('appealRecord.parentId', 'is', null)
    .limit(500).execute();
  const tokens = segment(input.text);
  return rows.map((r) => {
    const distance = point && r.lng != null && r.lat != null ? haversineMeters(point, [r.lng, r.lat]) : null;
    return { id: r.id, trackingCode: r.trackingCode, title: r.title, state: r.state, createdAt: r.createdAt, similarity: jaccard(tokens, r.tokens.split(' ')), distanceMeters: distance, sameCommunity: r.communityId === input.communityId };
  }).filter((c) => c.similarity >= options.minSimilarity && (c.distanceMeters === null ? c.sameCommunity : c.distanceMeters <= options.meters))
    .sort((a, b) => b.similarity - a.similarity).slice(0, 5)
    .map(({ sameCommunity: _, ...c }) => ({ ...c, similarity: Math.round(c.similarity * 100) / 100, distanceMeters: c.distanceMeters === null ? null : Math.round(c.distanceMeters) }));
}

/** `staffPermission`: what a staff door (staff intake) needs where the appeal lies; the public doors need none. */
export async function submitAppeal(deps: Deps, actor: Actor, input: IntakeInput, requestId: string | null, options: { staffPermission?: Permission } = {}) {
  const category = await findCategory(deps.db, deps.tenantId, input.categoryCode);
  if (!category || !category.parentCode) throw validationError([{ field: 'body.categoryCode', message: 'Choose a category from the list' }]);
  if (!(SLA_CLASSES as readonly string[]).includes(category.slaClass)) throw new DomainError('internal', `Category ${category.code} has no SLA class`);
  if (actor.kind === 'anonymous' && !input.contact?.phone && !input.contact?.email) {
    throw validationError([{ field: 'body.contact.phone', message: 'Give a phone number or e-mail so that we can answer you' }]);
  }
  const directory = await loadDirectory(deps.db, deps.tenantId);
  const place = input.location ? resolvePlace(directory, input.location) : null;
  const unit = place?.community ?? directory.root();
  if (!unit) throw new DomainError('internal', 'The district has no root unit');
  const point = place?.point ?? null;
  const target = place ? await routeAppeal(deps.db, deps.tenantId, directory, category, place.community) : null;
  const title = input.title ?? (Array.from(input.description.replace(/\s+/g, ' ')).slice(0, 24).join('') + (Array.from(input.description).length > 24 ? '…' : ''));
  const duplicates = place
    ? await findDuplicates(deps.db, deps.tenantId, directory, { categoryCode: category.code, text: `${title} ${input.description}`, communityId: place.community.id, point, now: deps.clock.now() })
    : [];

  const command: OpenCommand = {
    type: 'open', channel: input.channel, categoryCode: category.code, slaClass: category.slaClass as SlaClass, title, description: input.description,
    jurisdictionId: unit.id, lng: point?.[0] ?? null, lat: point?.[1] ?? null, locationText: input.address ?? unit.nameZh,
    requesterPersonId: null, requesterUserId: null, hideIdentity: input.hideIdentity, publish: input.publish, attachmentIds: input.attachmentIds,
    target, receivedBy: actor.kind === 'staff' ? actor.userId : null,
  };
  const snapshot = await openCase(deps, actor, 'appeal', command, requestId, async (trx, open) => {
    const requester = await matchRequester(trx, deps, actor, input.contact);
    return { ...open, requesterPersonId: requester.personId, requesterUserId: requester.userId };
  }, options);
  return { id: snapshot.id, trackingCode: snapshot.trackingCode, state: snapshot.state, handlingUnitId: snapshot.handlingUnitId, dueAt: snapshot.dueAt, duplicates };
}
