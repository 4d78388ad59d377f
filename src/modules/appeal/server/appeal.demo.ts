// Demo appeals (DOMAIN.md §1, "a year of realistic cases"): a year of synthetic work orders across the demo
// district. Every step is decided and folded by the appeal module's own pure rules with the clock at the
// step's time, and every clock that runs out is acted on as the deadline engine would (at its next sweep),
// so each timeline is one the running system could have written. The results are stored in bulk in one
// transaction: persons, cases, events, pending timers, the appeal_record projection, the search index and
// the learned category terms, mirroring what applyCommand and projectAppeal write step by step.
import type { Db, Deps } from '../../../server/deps.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { actorId, actorLabel, systemActor, type Actor, type Grant } from '../../../shared/actor.ts';
import type { StaffRole } from '../../../shared/permissions.ts';
import { pointInPolygon, type LngLat } from '../../../shared/geo.ts';
import { addDays, DISTRICT_UTC_OFFSET_MINUTES, startOfLocalDay, toLocalDate } from '../../../shared/time/local-date.ts';
import type { DirectoryEntry, JurisdictionDirectory } from '../../../shared/jurisdiction-directory.ts';
import { loadDirectory } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import { DEMO_RESIDENTS } from '../../../server/core/jurisdictions/demo-district.data.ts';
import type { AppliedEvent, CaseModule, DecideContext } from '../../../server/core/cases/case-module.ts';
import { decideContext, moduleFor } from '../../../server/core/cases/case.service.ts';
import { appendAudit } from '../../../server/platform/audit/audit.repository.ts';
import { indexDocument } from '../../../server/platform/search/full-text.ts';
import { segment } from '../../../server/platform/search/segmenter.ts';
import { limitsFrom, type SlaClass } from '../shared/appeal.deadlines.ts';
import { APPEAL_STATES, escalationTarget, levelOf, type AppealData, type AppealSnapshot, type AppealState } from '../shared/appeal.machine.ts';
import type { AppealCommand, Channel, Level, OpenCommand, Rating } from '../shared/appeal.schemas.ts';
import { DEMO_CATEGORIES, type CatalogueEntry } from './appeal.catalogue.ts';
import { appealDb, communityAt, routeAppeal } from './appeal.intake.ts';
import { APPEAL_SEARCH_INDEX } from './appeal.migrations.ts';
import { searchText, projectEvents, type EventProjection } from './appeal.projection.ts';
import type { AppealRecordTable } from './appeal.tables.ts';
import {
  composeAppeal, composeReply, GIVEN_NAMES, issueCount, PROPERTY_COMPANIES, ROADS, SURNAMES, TEXTS, type ComposedAppeal, type Pick, type TextPlace,
} from './appeal.demo-texts.ts';

export interface SeedDemoOptions {
  /** appeals in all (default 3000), the showcase of open work included */
  count?: number;
  /** the end of the year of appeals (default: the clock) */
  now?: Date;
  /** seed of the generator: the same seed gives the same texts, places, people and timelines */
  seed?: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LOCAL_OFFSET = DISTRICT_UTC_OFFSET_MINUTES * MINUTE;
const DEFAULT_COUNT = 3000;
const DEFAULT_SEED = 20_261_126;
const BATCH = 500;

type AppealModule = CaseModule<AppealData, AppealCommand>;

// ---- randomness ---------------------------------------------------------------------------------

/** mulberry32: small, fast and good enough for demo data; one stream drives everything in order. */
class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  float(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  readonly pick: Pick = (items) => {
    if (items.length === 0) throw new Error('Nothing to pick from');
    return items[Math.floor(this.float() * items.length)]!;
  };

  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let left = this.float() * total;
    for (const item of items) {
      left -= weight(item);
      if (left < 0) return item;
    }
    return items[items.length - 1]!;
  }
}

// ---- local time and seasons ---------------------------------------------------------------------

function localHour(ms: number): number {
  return (((ms + LOCAL_OFFSET) % DAY) + DAY) % DAY / HOUR;
}

/** month × 100 + day of the local date, e.g. 1115 for 15 November */
function monthDay(ms: number): number {
  const d = new Date(ms + LOCAL_OFFSET);
  return (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** Tianjin heats from 15 November to 15 March. */
function heatingSeason(ms: number): boolean {
  const md = monthDay(ms);
  return md >= 1115 || md <= 315;
}

/** Staff of offices that keep office hours act between 08:30 and 17:30 local time. */
function officeHours(at: number, rng: Random): number {
  const hour = localHour(at);
  if (hour >= 8.5 && hour < 17.5) return at;
  const midnight = at - hour * HOUR;
  return (hour < 8.5 ? midnight : midnight + DAY) + 8.5 * HOUR + rng.between(0, 2 * HOUR);
}

/** Residents answer between 08:00 and 22:00. */
function wakingHours(at: number, rng: Random): number {
  const hour = localHour(at);
  if (hour >= 8 && hour < 22) return at;
  const midnight = at - hour * HOUR;
  return (hour < 8 ? midnight : midnight + DAY) + 8 * HOUR + rng.between(0, 3 * HOUR);
}

/** The server's deadline sweep runs every minute: a clock is acted on at the first sweep after it runs out. */
function sweepAfter(dueMs: number): number {
  return Math.ceil(dueMs / MINUTE) * MINUTE + 7 * SECOND;
}

// How often each category comes in (relative), by month (January first) and by local hour.
const CATEGORY_WEIGHT: Record<string, number> = {
  property: 18, noise: 12, neighbours: 6, 'elderly-care': 5, heating: 9, water: 6, power: 4, roads: 8, sanitation: 9,
  'illegal-building': 4, parking: 7, assistance: 4, wages: 3, 'gas-leak': 1.5, hazard: 2.5,
};
const MONTHLY: Record<string, readonly number[]> = {
  noise: [0.6, 0.6, 0.8, 1, 1.2, 1.6, 1.9, 1.8, 1.2, 1, 0.7, 0.6],
  water: [1.3, 1.1, 0.8, 0.8, 1, 1.3, 1.5, 1.5, 1, 0.8, 0.9, 1.2],
  power: [1, 0.8, 0.7, 0.7, 0.9, 1.4, 2, 1.9, 1, 0.7, 0.8, 1],
  roads: [0.9, 0.8, 0.9, 1, 1, 1.2, 1.8, 1.6, 1, 0.9, 0.9, 1.1],
  sanitation: [0.8, 1.2, 0.9, 1, 1.1, 1.3, 1.5, 1.4, 1.1, 1, 0.8, 0.8],
  'gas-leak': [1.6, 1.4, 1.1, 0.8, 0.6, 0.5, 0.5, 0.5, 0.6, 0.9, 1.3, 1.6],
  wages: [1.8, 1.5, 0.9, 0.8, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9, 1, 1.6],
};
const DAY_HOURS = [0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.5, 2, 1.9, 1.6, 1, 1.2, 1.6, 1.7, 1.5, 1.2, 1, 0.9, 0.8, 0.6, 0.4, 0.2];
const EVENING = [0.6, 0.3, 0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.2, 0.6, 1.2, 1.6, 1.6, 1.2];
const HOURS = Array.from({ length: 24 }, (_, h) => h);

function seasonal(code: string, ms: number): number {
  if (code === 'heating') {
    const md = monthDay(ms);
    return heatingSeason(ms) ? (md >= 1201 || md <= 131 ? 3.2 : 2.4) : md >= 1020 ? 0.6 : 0.03;
  }
  return MONTHLY[code]?.[Math.floor(monthDay(ms) / 100) - 1] ?? 1;
}

/** Noise peaks on summer evenings; heating complaints come when it is coldest; emergencies at any hour. */
function hourWeight(code: string, hour: number, summer: boolean): number {
  const base = DAY_HOURS[hour]!;
  if (code === 'noise') return base + EVENING[hour]! * (summer ? 3 : 0.8);
  if (code === 'heating') return base + EVENING[hour]! * 0.8 + (hour >= 6 && hour <= 8 ? 0.8 : 0);
  if (code === 'gas-leak' || code === 'hazard') return base + 0.4;
  return base;
}

/** The department a dispatcher tries when a unit returns a wrong dispatch. */
const ALTERNATE_DEPARTMENT: Record<string, string> = {
  property: 'nk-dept-housing', noise: 'nk-dept-eco', neighbours: 'nk-dept-justice', 'elderly-care': 'nk-dept-civil', power: 'nk-dept-housing',
  roads: 'nk-dept-urban', sanitation: 'nk-dept-urban', 'illegal-building': 'nk-dept-urban', parking: 'nk-dept-police', 'gas-leak': 'nk-dept-emergency',
  hazard: 'nk-dept-emergency', heating: 'nk-dept-urban', water: 'nk-dept-urban', assistance: 'nk-dept-community', wages: 'nk-dept-justice',
};

/** Categories where neighbours often report the same matter: candidates for merged duplicates. */
const DUPLICATE_PRONE = new Set(['property', 'noise', 'roads', 'sanitation', 'parking']);

// ---- plans --------------------------------------------------------------------------------------

type Phase = 'dispatch' | 'redispatch' | 'sign' | 'return' | 'reply' | 'rate' | 'follow_up' | 'withdraw' | 'supervise' | 'escalate' | 'decide';

/** What the people involved will do; the machine and the clocks decide what actually happens. */
interface Plan {
  /** wrong dispatches before the right unit; at the third the district designates an owner */
  returns: number;
  /** the first community lets its sign-for clock run out (the deadline engine hands the appeal up) */
  lapse: boolean;
  /** the community hands the appeal up to its street while handling */
  escalate: boolean;
  /** how many handling levels let the feedback clock run out (the engine hands it up; the district is flagged and replies late) */
  overrun: number;
  extension: 'none' | 'approved' | 'rejected';
  supervise: boolean;
  /** the rating of each reply; null: nobody rates and the follow-up clock closes the appeal */
  ratings: Array<Rating | null>;
  /** after an unsatisfied rating: reopen (else the level above closes it) */
  reopen: boolean;
  withdraw: boolean;
  /** fixed delays instead of drawn ones (the showcase of open work) */
  pace: Partial<Record<Phase, number>>;
}

const DELAYS: Record<Phase, Record<SlaClass, [number, number]>> = {
  dispatch: { emergency: [2 * MINUTE, 8 * MINUTE], utilities: [4 * MINUTE, 20 * MINUTE], general: [15 * MINUTE, 3 * HOUR], complex: [30 * MINUTE, 5 * HOUR] },
  redispatch: { emergency: [3 * MINUTE, 10 * MINUTE], utilities: [5 * MINUTE, 25 * MINUTE], general: [30 * MINUTE, 4 * HOUR], complex: [HOUR, 6 * HOUR] },
  sign: { emergency: [2 * MINUTE, 10 * MINUTE], utilities: [3 * MINUTE, 25 * MINUTE], general: [15 * MINUTE, 6 * HOUR], complex: [30 * MINUTE, 8 * HOUR] },
  return: { emergency: [2 * MINUTE, 10 * MINUTE], utilities: [3 * MINUTE, 20 * MINUTE], general: [20 * MINUTE, 4 * HOUR], complex: [30 * MINUTE, 5 * HOUR] },
  reply: { emergency: [25 * MINUTE, 100 * MINUTE], utilities: [1.5 * HOUR, 18 * HOUR], general: [0.5 * DAY, 5 * DAY], complex: [3 * DAY, 12 * DAY] },
  rate: { emergency: [2 * HOUR, 3 * DAY], utilities: [2 * HOUR, 3 * DAY], general: [2 * HOUR, 3 * DAY], complex: [2 * HOUR, 3 * DAY] },
  follow_up: { emergency: [HOUR, 1.5 * DAY], utilities: [HOUR, 1.5 * DAY], general: [HOUR, 1.5 * DAY], complex: [HOUR, 1.5 * DAY] },
  withdraw: { emergency: [10 * MINUTE, HOUR], utilities: [10 * MINUTE, HOUR], general: [HOUR, 2 * DAY], complex: [HOUR, 2 * DAY] },
  supervise: { emergency: [10 * MINUTE, 40 * MINUTE], utilities: [HOUR, 6 * HOUR], general: [4 * HOUR, 2 * DAY], complex: [DAY, 4 * DAY] },
  escalate: { emergency: [30 * MINUTE, HOUR], utilities: [30 * MINUTE, 4 * HOUR], general: [4 * HOUR, 3 * DAY], complex: [DAY, 5 * DAY] },
  decide: { emergency: [10 * MINUTE, HOUR], utilities: [HOUR, 4 * HOUR], general: [HOUR, 8 * HOUR], complex: [HOUR, 8 * HOUR] },
};

function drawRating(rng: Random, unsatisfied: number): Rating | null {
  const r = rng.float();
  return r < unsatisfied ? 'unsatisfied' : r < 0.05 + unsatisfied ? null : r < 0.32 + unsatisfied ? 'basically_satisfied' : 'satisfied';
}

function drawPlan(rng: Random, category: CatalogueEntry, firstUnit: DirectoryEntry, staffed: boolean, hasAccount: boolean): Plan {
  const slow = category.slaClass === 'general' || category.slaClass === 'complex';
  const r = rng.float();
  // ~5% returned once (a few twice), ~3% returned three times and designated; clocks of hours allow one quick return at most.
  const returns = r < 0.03 ? (slow ? 3 : 1) : r < 0.08 ? (slow && rng.chance(0.2) ? 2 : 1) : 0;
  const atCommunity = firstUnit.kind === 'community';
  const lapse = atCommunity && rng.chance(0.1);
  // Only a community with staff of its own hands a matter up; elsewhere its street already acts for it.
  const escalate = atCommunity && staffed && !lapse && rng.chance(0.25);
  const overrun = lapse || escalate ? 0 : rng.chance(0.015) ? 1 : rng.chance(0.005) && !atCommunity ? 2 : 0;
  const extension = category.slaClass === 'complex' && rng.chance(0.3) ? (rng.chance(0.85) ? 'approved' : 'rejected')
    : category.slaClass === 'general' && rng.chance(0.03) ? 'approved' : 'none';
  const first = drawRating(rng, 0.08);
  const reopen = first === 'unsatisfied' && rng.chance(0.5);
  const ratings: Array<Rating | null> = reopen ? [first, rng.chance(0.9) ? rng.pick(['satisfied', 'basically_satisfied'] as const) : 'unsatisfied'] : [first];
  return {
    returns, lapse, escalate, overrun, extension, supervise: rng.chance(extension === 'none' ? 0.04 : 0.3), ratings, reopen,
    withdraw: hasAccount && rng.chance(0.12), pace: {},
  };
}

const PLAIN: Plan = { returns: 0, lapse: false, escalate: false, overrun: 0, extension: 'none', supervise: false, ratings: ['satisfied'], reopen: false, withdraw: false, pace: {} };

// ---- the district: staff, residents, contexts ---------------------------------------------------

interface Requester {
  personId: string;
  userId: string | null;
  /** the resident's own account, for commands only the requester may give */
  resident: Actor | null;
  home: TextPlace | null;
}

interface PersonRow {
  id: string;
  tenantId: string;
  nameEnc: string;
  phoneEnc: string;
  phoneIndex: string;
  emailEnc: null;
  emailIndex: null;
  idNumberEnc: null;
  idNumberIndex: null;
  addressEnc: null;
  communityId: null;
  synthetic: number;
  createdAt: string;
  updatedAt: string;
}

interface Spec {
  at: number;
  category: CatalogueEntry;
  community: DirectoryEntry;
  channel: Channel;
  requester: Requester;
  hideIdentity: boolean;
  publish: boolean;
  place: TextPlace;
  text: ComposedAppeal;
  point: LngLat;
  locationText: string;
  target: { unitId: string; level: Level } | null;
  /** the units a dispatcher tries in turn, and the owner designated after the third return */
  route: string[];
  owner: string;
  plan: Plan;
  /** a neighbour's report of the same matter, merged into this one */
  duplicate: Spec | null;
}

type BaseContext = Omit<DecideContext, 'now' | 'actor'>;

class World {
  readonly engineActor: Actor;
  readonly staffByUnit = new Map<string, Actor>();
  readonly gridWorkers = new Map<string, Actor[]>();
  readonly streetLeaders = new Map<string, Actor>();
  readonly contexts = new Map<string, BaseContext>();
  readonly persons: PersonRow[] = [];
  readonly personsByCommunity = new Map<string, Requester[]>();
  readonly residents: Array<Requester & { communityId: string }> = [];
  readonly trackingCodes = new Set<string>();
  readonly phones = new Set<string>();
  readonly companies = new Map<string, string>();
  readonly routes = new Map<string, { unitId: string; level: Level } | null>();
  dispatcher!: Actor;
  leader!: Actor;

  constructor(readonly deps: Deps, readonly module: AppealModule, readonly directory: JurisdictionDirectory, readonly now: number, readonly rng: Random) {
    this.engineActor = systemActor(deps.tenantId, 'deadline-engine');
  }

  async load() {
    const { deps, directory } = this;
    const rows = await deps.db.selectFrom('appUser').innerJoin('roleGrant', 'roleGrant.userId', 'appUser.id')
      .select(['appUser.id', 'appUser.username', 'roleGrant.role', 'roleGrant.jurisdictionId'])
      .where('appUser.tenantId', '=', deps.tenantId).where('appUser.kind', '=', 'staff').where('appUser.active', '=', 1).orderBy('appUser.username').execute();
    const staff = new Map<string, Actor & { kind: 'staff' }>();
    for (const row of rows) {
      const unit = directory.get(row.jurisdictionId);
      if (!unit) continue;
      const grant: Grant = { role: row.role as StaffRole, jurisdictionId: unit.id, jurisdictionPath: unit.path };
      const actor = staff.get(row.id) ?? { kind: 'staff', tenantId: deps.tenantId, userId: row.id, label: row.username ?? row.id, grants: [], tokenScopes: null };
      actor.grants.push(grant);
      staff.set(row.id, actor);
    }
    for (const actor of staff.values()) {
      for (const grant of actor.grants) {
        const unit = directory.get(grant.jurisdictionId)!;
        if (['community_worker', 'street_handler', 'department_handler', 'district_dispatcher'].includes(grant.role) && !this.staffByUnit.has(unit.id)) this.staffByUnit.set(unit.id, actor);
        if (grant.role === 'grid_worker' && unit.parentId) this.gridWorkers.set(unit.parentId, [...(this.gridWorkers.get(unit.parentId) ?? []), actor]);
        if (grant.role === 'leader' && unit.kind === 'street') this.streetLeaders.set(unit.id, actor);
        if (grant.role === 'leader' && unit.kind === 'district') this.leader = actor;
        if (grant.role === 'district_dispatcher' && unit.kind === 'district' && !this.dispatcher) this.dispatcher = actor;
      }
    }
    if (!this.dispatcher || !this.leader) throw new Error('The demo district needs a district dispatcher and a leader account');

    // Each community's calendar and settings, as the kernel would load them for a case located there.
    const communities = directory.all().filter((e) => e.kind === 'community');
    for (let i = 0; i < communities.length; i += 20) {
      await Promise.all(communities.slice(i, i + 20).map(async (c) => {
        const { calendar, settings } = await decideContext(deps.db, deps, this.engineActor, this.module, c.id, directory);
        this.contexts.set(c.id, { calendar, settings, directory });
      }));
    }

    // Demo residents are matched by their phone's blind index, as intake matches a caller.
    for (const r of DEMO_RESIDENTS) {
      const person = await deps.db.selectFrom('person').leftJoin('appUser', 'appUser.personId', 'person.id')
        .select(['person.id', 'person.communityId', 'appUser.id as userId', 'appUser.displayName'])
        .where('person.tenantId', '=', deps.tenantId).where('person.phoneIndex', '=', deps.cipher.blindIndex('phone', r.phone)).executeTakeFirst();
      const community = directory.get(person?.communityId);
      if (!person || !community) continue;
      const home = /(\d+)号楼(\d+)门(\d+)/.exec(r.address);
      this.residents.push({
        personId: person.id, userId: person.userId, communityId: community.id,
        resident: person.userId ? { kind: 'resident', tenantId: deps.tenantId, userId: person.userId, label: person.displayName ?? '居民', personId: person.id } : null,
        home: home ? this.place(community, Number(home[1]), Number(home[2]), home[3]!) : null,
      });
    }
  }

  context(communityId: string, actor: Actor, at: number): DecideContext {
    const base = this.contexts.get(communityId);
    if (!base) throw new Error(`No context for ${communityId}`);
    return { ...base, now: new Date(at), actor };
  }

  /** Who acts for a unit: its own staff, else the nearest unit above that has some. */
  actorFor(unitId: string): Actor {
    for (let unit = this.directory.get(unitId); unit; unit = this.directory.get(unit.parentId)) {
      const actor = this.staffByUnit.get(unit.id);
      if (actor) return actor;
    }
    return this.dispatcher;
  }

  /** Who holds case.dispatch on the level above the unit (approves extensions, closes): a street handler or the district. */
  aboveActor(unitId: string): Actor {
    const above = escalationTarget(this.directory, unitId);
    return above ? this.actorFor(above.id) : this.dispatcher;
  }

  unitName(unit: DirectoryEntry): string {
    return unit.kind === 'department' && unit.parentId === this.directory.root()?.id ? `区${unit.nameZh}` : unit.nameZh;
  }

  trackingCode(at: number): string {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const day = toLocalDate(new Date(at)).slice(2).replaceAll('-', '');
    for (;;) {
      const code = `SQ${day}-${Array.from({ length: 6 }, () => alphabet[this.rng.int(0, 31)]).join('')}`;
      if (!this.trackingCodes.has(code)) {
        this.trackingCodes.add(code);
        return code;
      }
    }
  }

  place(community: DirectoryEntry, building: number, unit: number, room: string): TextPlace {
    const street = this.directory.ancestorOfKind(community.id, 'street');
    let company = this.companies.get(community.id);
    if (!company) {
      company = this.rng.pick(PROPERTY_COMPANIES);
      this.companies.set(community.id, company);
    }
    return {
      community: community.nameZh, short: community.nameZh.replace(/社区$/, ''), street: street?.nameZh ?? '', building, unit, room,
      floor: Math.floor(Number(room) / 100), road: this.rng.pick(ROADS), company,
    };
  }

  randomPlace(community: DirectoryEntry): TextPlace {
    const highRise = /园|苑|花园/.test(community.nameZh);
    const floor = this.rng.int(1, highRise ? 18 : 6);
    return this.place(community, this.rng.int(1, highRise ? 16 : 28), this.rng.int(1, highRise ? 3 : 6), `${floor}0${this.rng.int(1, 4)}`);
  }

  /** A point near the community's centre that lies inside it (and in no other community). */
  pointIn(community: DirectoryEntry): LngLat {
    const polygon = community.polygon!;
    const [cx, cy] = community.centroid!;
    const xs = polygon.map((p) => p[0]);
    const ys = polygon.map((p) => p[1]);
    const [dx, dy] = [(Math.max(...xs) - Math.min(...xs)) * 0.35, (Math.max(...ys) - Math.min(...ys)) * 0.35];
    for (let attempt = 0; attempt < 8; attempt++) {
      const point: LngLat = [round6(cx + this.rng.between(-dx, dx)), round6(cy + this.rng.between(-dy, dy))];
      if (pointInPolygon(point, polygon) && communityAt(this.directory, point)?.id === community.id) return point;
    }
    return [cx, cy];
  }

  /**
   * A new synthetic caller, recorded as intake records one: a common name and a phone in the test range
   * 1990002xxxx–1990009xxxx, encrypted, with the phone's blind index; where the matter lies is not where they live.
   */
  newPerson(community: DirectoryEntry, place: TextPlace, at: number): Requester {
    let phone: string;
    do phone = `199000${this.rng.int(2, 9)}${String(this.rng.int(0, 9999)).padStart(4, '0')}`; while (this.phones.has(phone));
    this.phones.add(phone);
    const name = this.rng.pick(Array.from(SURNAMES)) + this.rng.pick(GIVEN_NAMES);
    const { cipher } = this.deps;
    const createdAt = new Date(at).toISOString();
    const id = newId(at);
    this.persons.push({
      id, tenantId: this.deps.tenantId, nameEnc: cipher.encrypt(name), phoneEnc: cipher.encrypt(phone), phoneIndex: cipher.blindIndex('phone', phone),
      emailEnc: null, emailIndex: null, idNumberEnc: null, idNumberIndex: null, addressEnc: null, communityId: null, synthetic: 1, createdAt, updatedAt: createdAt,
    });
    const requester: Requester = { personId: id, userId: null, resident: null, home: place };
    this.personsByCommunity.set(community.id, [...(this.personsByCommunity.get(community.id) ?? []), requester]);
    return requester;
  }

  async route(category: CatalogueEntry, community: DirectoryEntry) {
    const key = `${category.code}:${community.id}`;
    if (!this.routes.has(key)) {
      this.routes.set(key, await routeAppeal(this.deps.db, this.deps.tenantId, this.directory, { code: category.code, level: category.level, departmentCode: category.departmentCode ?? null }, community));
    }
    return this.routes.get(key)!;
  }
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

// ---- one appeal's life --------------------------------------------------------------------------

type Projected = Required<EventProjection>;

type Outcome = 'done' | 'preempted' | 'late';

class Lifecycle {
  snapshot: AppealSnapshot | null = null;
  time = 0;
  readonly events: AppliedEvent[] = [];
  /** what projectAppeal would have written into appeal_record and the search index by now */
  readonly projected: Projected = { signedForAt: null, signedInTime: null, repliedAt: null, repliedOnTime: null, repliedByLevel: null, repliedByUnitId: null, rating: null, lastEscalationReason: null, lastEscalationAutomatic: 0 };
  indexedText = '';
  tokens: string[] = [];
  /** how often a close taught the category suggester this appeal's words */
  learned = 0;
  readonly #injections: Array<{ at: number; actor: Actor; command: AppealCommand }> = [];
  readonly #fired = new Set<string>();

  constructor(readonly world: World, readonly spec: Spec) {}

  get current(): AppealSnapshot {
    if (!this.snapshot) throw new Error('The appeal is not open yet');
    return this.snapshot;
  }

  open(actor: Actor, command: OpenCommand) {
    this.apply(this.spec.at, actor, command);
  }

  /** A command another case's change sets off here (the kernel's cascade), at that change's time. */
  inject(at: number, actor: Actor, command: AppealCommand) {
    this.#injections.push({ at, actor, command });
    this.#injections.sort((a, b) => a.at - b.at);
  }

  /** Gives `command` at `at`, unless a clock ran out or a linked case acted first, or `at` is still to come. */
  act(at: number, actor: Actor, command: AppealCommand): Outcome {
    if (this.fireNext(at)) return 'preempted';
    if (at > this.world.now) return 'late';
    this.apply(Math.max(at, this.time + SECOND), actor, command);
    return 'done';
  }

  /** The deadline engine's sweeps and linked cases act until `until` (never past now). */
  settle(until: number) {
    while (this.fireNext(until));
  }

  /** The earliest clock that runs out (acted on at the next sweep) or linked command, if it comes by `until` and now. */
  private fireNext(until: number): boolean {
    const w = this.world;
    const limit = Math.min(until, w.now);
    const s = this.current;
    let next: { at: number; run: () => void } | null = null;
    if (APPEAL_STATES[s.state as AppealState] === 'open') {
      for (const timer of w.module.timers(s, w.context(s.jurisdictionId, w.engineActor, this.time))) {
        const key = `${s.version}:${timer.kind}`;
        const at = Math.max(sweepAfter(Date.parse(timer.dueAt)), sweepAfter(this.time));
        if (this.#fired.has(key) || at > limit || (next && next.at <= at)) continue;
        next = {
          at,
          run: () => {
            this.#fired.add(key);
            const command = w.module.onTimer(s, timer.kind, w.context(s.jurisdictionId, w.engineActor, at));
            if (command) this.apply(at, w.engineActor, command);
          },
        };
      }
    }
    const injection = this.#injections[0];
    if (injection && injection.at <= limit && (!next || injection.at < next.at)) {
      this.#injections.shift();
      next = { at: injection.at, run: () => this.apply(Math.max(injection.at, this.time + SECOND), injection.actor, injection.command) };
    }
    next?.run();
    return next !== null;
  }

  /** decide → evolve → the kernel's bookkeeping (version, closedAt, tracking code) → the projection's. */
  private apply(at: number, actor: Actor, command: AppealCommand) {
    const w = this.world;
    const previous = this.snapshot;
    const ctx = w.context(this.spec.community.id, actor, at);
    const drafts = w.module.decide(previous, command, ctx);
    if (drafts.length === 0) return;
    const iso = new Date(at).toISOString();
    const applied: AppliedEvent[] = drafts.map((d) => ({ ...d, at: iso, actorId: actorId(actor), actorLabel: actorLabel(actor) }));
    let next = previous;
    for (const event of applied) next = w.module.evolve(next, event, ctx);
    if (!next) throw new DomainError('internal', 'The module produced no case');
    const category = APPEAL_STATES[next.state as AppealState];
    next = {
      ...next, version: (previous?.version ?? 0) + 1, updatedAt: iso, closedAt: category === 'closed' ? (previous?.closedAt ?? iso) : null,
      ...(previous ? {} : { createdAt: iso, trackingCode: w.trackingCode(at) }),
    };
    this.events.push(...applied);
    this.project(next, applied);
    this.snapshot = next;
    this.time = at;
  }

  /** What projectAppeal writes for these events, kept in memory. */
  private project(s: AppealSnapshot, applied: AppliedEvent[]) {
    const types = new Set(applied.map((e) => e.type));
    const p = this.projected;
    if (types.has('registered')) this.tokens = segment(`${s.title} ${s.data.description}`);
    Object.assign(p, projectEvents(s, applied));
    if (types.has('registered') || types.has('replied') || types.has('parent_replied')) this.indexedText = searchText(s);
    if (types.has('closed') && s.data.rating?.value !== 'unsatisfied') this.learned++;
  }
}

// ---- behaviour: what the people involved do next ------------------------------------------------

interface Step {
  at: number;
  actor: Actor;
  command: AppealCommand;
}

class Planner {
  constructor(readonly w: World, readonly lc: Lifecycle) {}

  get spec() {
    return this.lc.spec;
  }

  /**
   * After the phase's delay, in office hours for offices that keep them, and before `dues` (somewhere in what
   * is left when late). A fixed pace is kept to the minute, so the showcase lands in its state whenever now is.
   */
  private when(phase: Phase, by: 'office' | 'resident' | 'duty', dues: Array<string | null | undefined>): number {
    const { rng } = this.w;
    const t = this.lc.time;
    const cls = this.lc.current.data.slaClass;
    const paced = this.spec.plan.pace[phase];
    let at = t + (paced ?? rng.between(...DELAYS[phase][cls]));
    if (paced === undefined && by === 'resident') at = wakingHours(at, rng);
    if (paced === undefined && by === 'office' && (cls === 'general' || cls === 'complex')) at = officeHours(at, rng);
    const due = Math.min(...dues.filter((d): d is string => Boolean(d)).map((d) => Date.parse(d)));
    if (due <= t) return t + rng.between(20 * MINUTE, 4 * HOUR); // already late: as soon as someone gets to it
    if (Number.isFinite(due) && at > due - 10 * MINUTE) at = t + (due - t) * rng.between(0.5, 0.95);
    return Math.max(at, t + MINUTE);
  }

  next(): Step | null {
    const { w } = this;
    const { rng } = w;
    const s = this.lc.current;
    const d = s.data;
    const plan = this.spec.plan;
    const unit = w.directory.get(s.handlingUnitId);
    if (!unit) throw new Error(`Appeal ${s.id} has no handling unit`);
    const worker = w.actorFor(unit.id);
    const requester = this.spec.requester.resident;
    const withdraw = (actor: Actor): Step => ({ at: this.when('withdraw', 'resident', [d.feedbackDueAt, d.signForDueAt]), actor, command: { type: 'withdraw', reason: rng.pick(TEXTS.withdraw) } });

    switch (s.state as AppealState) {
      case 'registered':
        return { at: this.when('dispatch', 'duty', []), actor: w.dispatcher, command: { type: 'dispatch', unitId: this.spec.route[0]!, ...this.note() } };
      case 'returned':
        if (d.returns >= limitsFrom(w.context(s.jurisdictionId, w.dispatcher, this.lc.time).settings).maxReturns) {
          return { at: this.when('redispatch', 'office', []), actor: w.dispatcher, command: { type: 'designate', unitId: this.spec.owner, note: rng.pick(TEXTS.designate) } };
        }
        return { at: this.when('redispatch', 'office', []), actor: w.dispatcher, command: { type: 'dispatch', unitId: this.spec.route[d.returns] ?? this.spec.owner, ...this.note() } };
      case 'dispatched': {
        if (plan.withdraw && requester) return withdraw(requester);
        if (!d.designated && d.escalations === 0 && d.returns < plan.returns) {
          const windowEnds = w.context(s.jurisdictionId, worker, this.lc.time).calendar.dueAt(new Date(d.dispatchedAt ?? s.createdAt), { amount: 1, unit: 'working_day' });
          const reason = rng.pick(TEXTS.returnFrom[levelOf(unit)] ?? TEXTS.returnFrom.district!);
          return { at: this.when('return', 'office', [d.signForDueAt, windowEnds?.toISOString()]), actor: worker, command: { type: 'return', reason } };
        }
        if (plan.lapse && unit.kind === 'community' && d.escalations === 0 && d.signForDueAt) {
          // Nobody signs in time: the deadline engine hands the appeal up before this step comes.
          return { at: Date.parse(d.signForDueAt) + rng.between(HOUR, 3 * HOUR), actor: worker, command: { type: 'sign_for' } };
        }
        return { at: this.when('sign', 'office', [d.signForDueAt]), actor: worker, command: { type: 'sign_for' } };
      }
      case 'handling': {
        if (plan.withdraw && requester) return withdraw(requester);
        if (plan.supervise && !d.supervision) {
          const at = this.when('supervise', 'office', [d.feedbackDueAt]);
          const dueAt = new Date(at + Math.max(2 * HOUR, (Date.parse(d.feedbackDueAt) - at) * 0.8)).toISOString();
          const street = w.directory.ancestorOfKind(s.jurisdictionId, 'street');
          const supervisor = (street && w.streetLeaders.get(street.id) && rng.chance(0.5) ? w.streetLeaders.get(street.id) : undefined) ?? w.leader;
          return { at, actor: supervisor, command: { type: 'supervise', note: rng.pick(TEXTS.supervise), dueAt } };
        }
        if (plan.escalate && unit.kind === 'community' && d.escalations === 0) {
          return { at: this.when('escalate', 'office', [d.feedbackDueAt]), actor: worker, command: { type: 'escalate', reason: rng.pick(TEXTS.escalate) } };
        }
        const supervisionDue = d.supervision?.dueAt && !d.overdue.supervision ? d.supervision.dueAt : null;
        if (d.escalations < plan.overrun && !d.overdue.feedback) {
          // Nobody answers in time: the deadline engine hands it up, or flags it red at the district.
          return { at: Date.parse(d.feedbackDueAt) + rng.between(2 * HOUR, 30 * HOUR), actor: worker, command: { type: 'reply', text: this.reply(unit) } };
        }
        if (plan.extension !== 'none' && !d.extension) {
          const due = Math.min(Date.parse(d.feedbackDueAt), supervisionDue ? Date.parse(supervisionDue) : Infinity);
          const at = Math.max(this.lc.time + HOUR, due - rng.between(DAY, 3 * DAY));
          const days = rng.int(5, 15);
          return { at: Math.min(at, this.lc.time + (due - this.lc.time) * 0.9), actor: worker, command: { type: 'request_extension', days, reason: rng.pick(TEXTS.extension) } };
        }
        if (d.extension?.status === 'pending') {
          const approve = plan.extension === 'approved';
          return {
            at: this.when('decide', 'office', [d.feedbackDueAt]), actor: w.aboveActor(unit.id),
            command: { type: 'decide_extension', approve, note: rng.pick(approve ? TEXTS.extensionApproved : TEXTS.extensionRejected) },
          };
        }
        return {
          at: this.when('reply', 'office', [d.feedbackDueAt, supervisionDue]), actor: worker,
          command: { type: 'reply', text: this.reply(unit), ...(rng.chance(0.1) ? { internalNote: rng.pick(TEXTS.internalNote) } : {}) },
        };
      }
      case 'replied': {
        const rating = plan.ratings[d.reopenCount] ?? null;
        if (!rating) return null; // nobody answers: the follow-up clock closes it
        const comment = rating === 'unsatisfied' ? rng.pick(TEXTS.unsatisfied)
          : rng.chance(0.4) ? rng.pick(rating === 'satisfied' ? TEXTS.satisfied : TEXTS.basicallySatisfied) : undefined;
        const body = { rating, ...(comment ? { comment } : {}) };
        // Residents with an account rate it themselves; everyone else is called back by the hotline.
        return requester
          ? { at: this.when('rate', 'resident', [d.followUpDueAt]), actor: requester, command: { type: 'rate', ...body } }
          : { at: this.when('rate', 'office', [d.followUpDueAt]), actor: w.dispatcher, command: { type: 'record_follow_up', ...body } };
      }
      case 'followed_up':
        if (plan.reopen && d.reopenCount === 0) {
          const byResident = requester && rng.chance(0.5);
          return {
            at: this.when('follow_up', byResident ? 'resident' : 'office', [d.followUpDueAt]), actor: byResident ? requester : worker,
            command: { type: 'reopen', reason: rng.pick(byResident ? TEXTS.reopenByResident : TEXTS.reopenByStaff) },
          };
        }
        return { at: this.when('follow_up', 'office', [d.followUpDueAt]), actor: w.aboveActor(unit.id), command: { type: 'close', note: rng.pick(TEXTS.closeAfterUnsatisfied) } };
      default:
        return null;
    }
  }

  private reply(unit: DirectoryEntry): string {
    return composeReply(this.w.rng.pick, this.spec.category.code, this.spec.text.issueIndex, this.spec.place, levelOf(unit), this.w.unitName(unit));
  }

  private note(): { note?: string } {
    return this.w.rng.chance(0.3) ? { note: this.w.rng.pick(TEXTS.dispatchNote) } : {};
  }
}

/** Plays the plan until the appeal closes or its next step lies in the future, then lets the clocks run to now. */
function drive(w: World, lc: Lifecycle) {
  const planner = new Planner(w, lc);
  for (let steps = 0; APPEAL_STATES[lc.current.state as AppealState] === 'open'; steps++) {
    if (steps > 80) throw new Error(`The demo appeal ${lc.current.trackingCode} does not settle`);
    const step = planner.next();
    if (!step || lc.act(step.at, step.actor, step.command) === 'late') break;
  }
  lc.settle(w.now);
}

function openerOf(w: World, spec: Spec): Actor {
  switch (spec.channel) {
    case 'hotline':
    case 'mailbox':
      return w.dispatcher;
    case 'walk_in':
      return w.actorFor(spec.community.id);
    case 'grid':
      return w.rng.pick(w.gridWorkers.get(spec.community.id) ?? [w.actorFor(spec.community.id)]);
    default:
      return spec.requester.resident ?? { kind: 'anonymous', tenantId: w.deps.tenantId };
  }
}

function openCommand(spec: Spec, opener: Actor): OpenCommand {
  return {
    type: 'open', channel: spec.channel, categoryCode: spec.category.code, slaClass: spec.category.slaClass, title: spec.text.title, description: spec.text.description,
    jurisdictionId: spec.community.id, lng: spec.point[0], lat: spec.point[1], locationText: spec.locationText,
    requesterPersonId: spec.requester.personId, requesterUserId: spec.channel === 'portal' ? spec.requester.userId : null,
    hideIdentity: spec.hideIdentity, publish: spec.publish, attachmentIds: [], target: spec.target, receivedBy: opener.kind === 'staff' ? opener.userId : null,
  };
}

/** One appeal (with its merged duplicate, if any) from registration to now. */
function simulate(w: World, spec: Spec): Lifecycle[] {
  const lc = new Lifecycle(w, spec);
  const opener = openerOf(w, spec);
  lc.open(opener, openCommand(spec, opener));
  const lives = [lc];
  const duplicate = spec.duplicate;
  if (duplicate) {
    const child = new Lifecycle(w, duplicate);
    const childOpener = openerOf(w, duplicate);
    child.open(childOpener, openCommand(duplicate, childOpener));
    const mergeAt = duplicate.at + w.rng.between(10 * MINUTE, 40 * MINUTE);
    if (child.act(mergeAt, w.dispatcher, { type: 'merge_into', parentId: lc.current.id }) === 'done') {
      lc.inject(child.time, systemActor(w.deps.tenantId, actorLabel(w.dispatcher)), { type: 'absorb', childId: child.current.id });
    }
    drive(w, lc);
    // The parent's replies reach the merged report as the kernel's cascade would pass them on.
    for (const e of lc.events.filter((e) => e.type === 'replied' && Date.parse(e.at) > child.time)) {
      child.act(Date.parse(e.at), systemActor(w.deps.tenantId, e.actorLabel), { type: 'reply_from_parent', parentId: lc.current.id, text: String(e.data.text) });
    }
    if (child.current.state !== 'merged') drive(w, child);
    child.settle(w.now);
    lives.push(child);
  } else {
    drive(w, lc);
  }
  return lives;
}

// ---- who raises what, where and when ------------------------------------------------------------

interface SpecInput {
  at: number;
  category: CatalogueEntry;
  community: DirectoryEntry;
  requester?: Requester;
  channel?: Channel;
  place?: TextPlace;
  issueIndex?: number;
  plan?: Plan;
}

async function makeSpec(w: World, input: SpecInput): Promise<Spec> {
  const { rng } = w;
  const { category, community, at } = input;
  const requester = input.requester ?? (() => {
    const known = w.personsByCommunity.get(community.id);
    return known && rng.chance(0.15) ? rng.pick(known) : null;
  })();
  const place = input.place ?? requester?.home ?? w.randomPlace(community);
  const person = requester ?? w.newPerson(community, place, at);
  const hasGrid = w.gridWorkers.has(community.id) || w.staffByUnit.has(community.id);
  const channel = input.channel ?? rng.weighted<Channel>(['hotline', 'portal', 'walk_in', 'grid', 'mailbox'], (c) =>
    c === 'hotline' ? 55 : c === 'portal' ? (person.resident ? 45 : 22) : c === 'walk_in' ? 8 : c === 'grid' ? (hasGrid ? 8 : 0) : 7);
  const text = composeAppeal(rng.pick, category.code, place, input.issueIndex ?? rng.int(0, issueCount(category.code) - 1), rng.chance(0.5));
  const target = await w.route(category, community);
  const street = w.directory.ancestorOfKind(community.id, 'street')!;
  const first = w.directory.get(target?.unitId ?? street.id)!;
  const alternate = w.directory.byCode(ALTERNATE_DEPARTMENT[category.code] ?? '')?.id ?? street.id;
  const route = first.kind === 'community' ? [first.id, alternate, street.id]
    : first.kind === 'street' ? [first.id, alternate, community.id]
      : [first.id, street.id, alternate];
  const byBuilding = /号楼/.test(text.description);
  return {
    at, category, community, channel, requester: person, hideIdentity: rng.chance(0.08), publish: !rng.chance(0.1), place, text,
    point: w.pointIn(community), locationText: byBuilding ? `${community.nameZh}${place.building}号楼${place.unit}门` : `${place.road}（${community.nameZh}附近）`,
    target, route, owner: first.kind === 'department' ? first.id : street.id,
    plan: input.plan ?? drawPlan(rng, category, first, w.staffByUnit.has(first.id), Boolean(person.resident)), duplicate: null,
  };
}

const LEAF_CATEGORIES = DEMO_CATEGORIES.filter((c) => c.parentCode);

function category(code: string): CatalogueEntry {
  const entry = LEAF_CATEGORIES.find((c) => c.code === code);
  if (!entry) throw new Error(`No category ${code}`);
  return entry;
}

/** A random appeal of the past year: the category by season, the hour by category, bigger streets more often. */
async function randomSpec(w: World, communities: DirectoryEntry[], streetSize: Map<string, number>): Promise<Spec> {
  const { rng, now } = w;
  const today = toLocalDate(new Date(now));
  for (;;) {
    const dayStart = startOfLocalDay(addDays(today, -rng.int(0, 364))).getTime();
    const cat = rng.weighted(LEAF_CATEGORIES, (c) => (CATEGORY_WEIGHT[c.code] ?? 1) * seasonal(c.code, dayStart + 12 * HOUR));
    const md = monthDay(dayStart + 12 * HOUR);
    const hour = rng.weighted(HOURS, (h) => hourWeight(cat.code, h, md >= 601 && md <= 831));
    const at = dayStart + hour * HOUR + rng.between(0, HOUR);
    if (at >= now - 5 * MINUTE) continue;
    const resident = rng.chance(0.04) ? rng.pick(w.residents) : undefined;
    const community = resident ? w.directory.get(resident.communityId)! : rng.weighted(communities, (c) => Math.sqrt(streetSize.get(c.parentId ?? '') ?? 1));
    const spec = await makeSpec(w, { at, category: cat, community, ...(resident ? { requester: resident } : {}) });
    if (DUPLICATE_PRONE.has(cat.code) && at < now - 3 * DAY && rng.chance(0.012)) {
      spec.plan = { ...spec.plan, returns: 0, lapse: false, withdraw: false };
      spec.duplicate = await makeSpec(w, {
        at: at + rng.between(HOUR, 10 * HOUR), category: cat, community, issueIndex: spec.text.issueIndex,
        place: { ...spec.place, room: w.randomPlace(community).room }, plan: PLAIN,
      });
    }
    return spec;
  }
}

/**
 * Open work that every inbox of the demo accounts should show, relative to now: for 长华里社区
 * (changhuali.worker, changhong.handler), for 鼓楼街 (gulou.handler), for the district dispatcher, and
 * the demo resident 19900010001 (李秀英, 长华里) with matters of her own in several states.
 */
async function showcaseSpecs(w: World): Promise<Spec[]> {
  const { now, directory } = w;
  const at = (code: string) => directory.byCode(code) ?? (() => { throw new Error(`No demo jurisdiction ${code}`); })();
  const utility = category(heatingSeason(now) ? 'heating' : 'water');
  const plan = (changes: Partial<Plan>): Plan => ({ ...PLAIN, ...changes });
  const changhuali = at('nk-ch-01');
  // A few minutes either way, so the showcase does not all come in on the hour.
  const make = (code: string, cat: CatalogueEntry, age: number, p: Plan, extra: Partial<SpecInput> = {}) =>
    makeSpec(w, { at: now - age - w.rng.between(0, Math.min(age / 4, 20 * MINUTE)), category: cat, community: at(code), plan: p, ...extra });
  const specs = [
    // 长华里社区
    await make('nk-ch-01', category('noise'), 3 * HOUR, plan({ pace: { sign: 30 * DAY } })),
    await make('nk-ch-01', category('property'), 2 * DAY, plan({ pace: { sign: 2 * HOUR, reply: 30 * DAY } })),
    await make('nk-ch-01', utility, 9 * HOUR, plan({ pace: { sign: 12 * MINUTE, reply: 30 * DAY } })),
    await make('nk-ch-01', utility, 28 * HOUR, plan({ returns: 1, pace: { return: 20 * MINUTE, redispatch: 30 * DAY } })),
    await make('nk-ch-01', category('property'), 8 * DAY, plan({ ratings: ['unsatisfied'], reopen: true, pace: { sign: 3 * HOUR, reply: 3 * DAY, rate: DAY, follow_up: 30 * DAY } })),
    await make('nk-ch-01', category('neighbours'), 4 * DAY, plan({ supervise: true, pace: { sign: 2 * HOUR, supervise: DAY, reply: 30 * DAY } })),
    // 鼓楼街
    await make('nk-gl-02', category('roads'), 2 * HOUR, plan({ pace: { sign: 30 * DAY } })),
    await make('nk-gl-05', category('sanitation'), DAY, plan({ pace: { sign: HOUR, reply: 30 * DAY } })),
    await make('nk-gl-03', category('power'), 8 * HOUR, plan({ pace: { sign: 10 * MINUTE, reply: 30 * DAY } })),
    await make('nk-gl-06', utility, 30 * HOUR, plan({ returns: 1, pace: { return: 15 * MINUTE, redispatch: 30 * DAY } })),
    await make('nk-gl-07', category('parking'), 5 * HOUR, plan({ returns: 1, pace: { return: 40 * MINUTE, redispatch: 30 * DAY } })),
    await make('nk-gl-04', category('illegal-building'), 6 * DAY, plan({ pace: { sign: 2 * HOUR, reply: 4 * DAY, rate: 30 * DAY } })),
    await make('nk-gl-01', category('property'), now - lapsedDispatch(w, at('nk-gl-01')), plan({ lapse: true, pace: { sign: 30 * DAY } }), { channel: 'hotline' }),
    // The district: a gas leak just reported, waiting for the dispatcher.
    await make('nk-jld-01', category('gas-leak'), 4 * MINUTE, plan({ pace: { dispatch: 30 * DAY } }), { channel: 'hotline' }),
  ];
  const parent = await make('nk-ch-02', category('property'), 40 * DAY, plan({}));
  parent.duplicate = await makeSpec(w, {
    at: parent.at + 3 * HOUR, category: parent.category, community: parent.community, issueIndex: parent.text.issueIndex,
    place: { ...parent.place, room: '302' }, plan: PLAIN,
  });
  specs.push(parent);

  const resident = w.residents.find((r) => r.communityId === changhuali.id && r.resident);
  if (resident) {
    const own = (cat: CatalogueEntry, age: number, p: Plan) => make('nk-ch-01', cat, age, p, { requester: resident, channel: 'portal' });
    specs.push(
      await own(category('elderly-care'), 120 * DAY, plan({ ratings: ['satisfied'] })),
      await own(category('property'), 3 * DAY, plan({ pace: { sign: 2 * HOUR, reply: 1.5 * DAY, rate: 30 * DAY } })),
      await own(category('elderly-care'), 1.5 * DAY, plan({ pace: { sign: 3 * HOUR, reply: 30 * DAY } })),
      await own(category('noise'), 20 * DAY, plan({ withdraw: true })),
      await own(category(heatingSeason(now - 60 * DAY) ? 'heating' : 'water'), 60 * DAY, plan({ supervise: true, ratings: ['unsatisfied', 'satisfied'], reopen: true })),
    );
  }
  return specs;
}

/**
 * 10:00 on the working day two working days before today: its one-working-day sign-for clock ran out at the
 * end of yesterday's working day, and the street that the deadline engine handed it to still has time today.
 */
function lapsedDispatch(w: World, community: DirectoryEntry): number {
  const calendar = w.context(community.id, w.engineActor, w.now).calendar;
  let day = toLocalDate(new Date(w.now));
  for (let found = 0; found < 2;) {
    day = addDays(day, -1);
    if (calendar.isWorkingDay(day)) found++;
  }
  return startOfLocalDay(day).getTime() + 10 * HOUR;
}

// ---- storage ------------------------------------------------------------------------------------

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

async function store(trx: Db, w: World, lives: Lifecycle[], persons: PersonRow[]) {
  const { deps, directory } = w;
  const tenantId = deps.tenantId;
  const db = appealDb(trx);
  const cases = lives.map((lc) => lc.current);
  await inBatches(persons, (batch) => trx.insertInto('person').values(batch).execute());
  await inBatches(cases, (batch) => trx.insertInto('case').values(batch.map((s) => ({
    id: s.id, tenantId, kind: 'appeal', state: s.state, stateCategory: APPEAL_STATES[s.state as AppealState], trackingCode: s.trackingCode, title: s.title,
    jurisdictionId: s.jurisdictionId, jurisdictionPath: directory.get(s.jurisdictionId)!.path, handlingUnitId: s.handlingUnitId, assigneeId: s.assigneeId, priority: s.priority,
    lng: s.lng, lat: s.lat, locationText: s.locationText, requesterPersonId: s.requesterPersonId, requesterUserId: s.requesterUserId,
    requesterHidden: w.module.requesterHidden?.(s) ? 1 : 0, dueAt: s.dueAt,
    data: JSON.stringify(s.data), version: s.version, createdAt: s.createdAt, updatedAt: s.updatedAt, closedAt: s.closedAt,
  }))).execute());
  await inBatches(lives.flatMap((lc) => lc.events.map((e, i) => ({
    id: newId(Date.parse(e.at)), tenantId, caseId: lc.current.id, seq: i + 1, type: e.type, actorId: e.actorId, actorLabel: e.actorLabel,
    visibility: e.visibility, data: JSON.stringify(e.data), at: e.at,
  }))), (batch) => trx.insertInto('caseEvent').values(batch).execute());
  await inBatches(lives.filter((lc) => APPEAL_STATES[lc.current.state as AppealState] === 'open').flatMap((lc) => {
    const s = lc.current;
    return w.module.timers(s, w.context(s.jurisdictionId, w.engineActor, w.now)).map((t) => ({
      id: newId(), tenantId, caseId: s.id, kind: t.kind, dueAt: t.dueAt, caseVersion: s.version, firedAt: null, createdAt: s.updatedAt,
    }));
  }), (batch) => trx.insertInto('caseTimer').values(batch).execute());
  await inBatches(lives.map((lc): AppealRecordTable => {
    const s = lc.current;
    return {
      caseId: s.id, tenantId, categoryCode: s.data.categoryCode, slaClass: s.data.slaClass, channel: s.data.channel, communityId: s.jurisdictionId,
      streetId: directory.ancestorOfKind(s.jurisdictionId, 'street')?.id ?? null, stateCategory: APPEAL_STATES[s.state as AppealState], lng: s.lng, lat: s.lat,
      tokens: lc.tokens.join(' '), receivedAt: s.createdAt, ...lc.projected, returns: s.data.returns, escalations: s.data.escalations, reopens: s.data.reopenCount,
      supervised: s.data.supervision ? 1 : 0, hideIdentity: s.data.hideIdentity ? 1 : 0, publish: s.data.publish ? 1 : 0, parentId: s.data.parentId,
      handlingUnitId: s.handlingUnitId,
    };
  }), (batch) => db.insertInto('appealRecord').values(batch).execute());
  for (const lc of lives) await indexDocument(trx, deps.engine, APPEAL_SEARCH_INDEX, tenantId, lc.current.id, lc.indexedText);

  // Words of settled appeals, as each close would have taught them to the category suggester.
  const terms = new Map<string, { categoryCode: string; term: string; count: number }>();
  for (const lc of lives.filter((l) => l.learned > 0)) {
    for (const term of new Set(lc.tokens)) {
      const key = `${lc.current.data.categoryCode}\u0000${term}`;
      const entry = terms.get(key) ?? { categoryCode: lc.current.data.categoryCode, term, count: 0 };
      entry.count += lc.learned;
      terms.set(key, entry);
    }
  }
  await inBatches([...terms.values()].map((t) => ({ tenantId, ...t })), (batch) => db.insertInto('appealCategoryTerm').values(batch)
    .onConflict((oc) => oc.columns(['tenantId', 'categoryCode', 'term']).doUpdateSet((eb) => ({ count: eb('appealCategoryTerm.count', '+', eb.ref('excluded.count')) })))
    .execute());
}

/**
 * Loads a year of demo appeals into the demo district (after the catalogue is installed). Deterministic for a
 * seed, apart from ids. Persons are synthetic (marked so) and encrypted like any other; one audit row
 * (appeal.seed_demo) records the seed with its counts.
 */
export async function seedDemoAppeals(deps: Deps, options: SeedDemoOptions = {}): Promise<void> {
  const now = (options.now ?? deps.clock.now()).getTime();
  const seed = options.seed ?? DEFAULT_SEED;
  const module = moduleFor(deps, 'appeal') as AppealModule;
  const directory = await loadDirectory(deps.db, deps.tenantId, true);
  const w = new World(deps, module, directory, now, new Random(seed));
  await w.load();

  // In code order: the directory's order follows the database's, which need not be stable.
  const communities = directory.all().filter((e) => e.kind === 'community' && e.polygon && e.centroid).sort((a, b) => a.code.localeCompare(b.code));
  const streetSize = new Map<string, number>();
  for (const c of communities) streetSize.set(c.parentId ?? '', (streetSize.get(c.parentId ?? '') ?? 0) + 1);
  const specs = await showcaseSpecs(w);
  const target = options.count ?? DEFAULT_COUNT;
  const size = (list: Spec[]) => list.reduce((n, s) => n + (s.duplicate ? 2 : 1), 0);
  while (size(specs) < target) specs.push(await randomSpec(w, communities, streetSize));

  const lives: Lifecycle[] = [];
  let skipped = 0;
  for (const spec of specs.sort((a, b) => a.at - b.at)) {
    try {
      lives.push(...simulate(w, spec));
    } catch (error) {
      // A deadline reaching a year without published holidays cannot be computed (nor could the live system).
      if (!(error instanceof DomainError) || error.code !== 'calendar_year_not_covered') throw error;
      skipped += spec.duplicate ? 2 : 1;
    }
  }

  const states: Record<string, number> = {};
  for (const lc of lives) states[lc.current.state] = (states[lc.current.state] ?? 0) + 1;
  const events = lives.reduce((n, lc) => n + lc.events.length, 0);
  // A person is recorded with their first appeal; people whose only appeals were left out are not stored.
  const firstAppeal = new Map<string, string>();
  for (const lc of lives) {
    const { requesterPersonId: id, createdAt } = lc.current;
    if (id && !(firstAppeal.get(id)! <= createdAt)) firstAppeal.set(id, createdAt);
  }
  const persons = w.persons.filter((p) => firstAppeal.has(p.id)).map((p) => ({ ...p, createdAt: firstAppeal.get(p.id)!, updatedAt: firstAppeal.get(p.id)! }));
  await deps.db.transaction().execute(async (trx) => {
    await store(trx, w, lives, persons);
    await appendAudit(trx, deps.engine, deps.tenantId, new Date(now).toISOString(), [{
      actorId: null, actorLabel: 'system', action: 'appeal.seed_demo', objectType: 'tenant', objectId: deps.tenantId,
      // skipped: appeals left out because a deadline reached a year without holiday data
      detail: { appeals: lives.length, events, persons: persons.length, states, seed, skipped, from: new Date(now - 365 * DAY).toISOString(), to: new Date(now).toISOString() },
    }]);
  });
}
