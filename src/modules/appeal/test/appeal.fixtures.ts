// Pure fixtures for the appeal machine and policy tests: a small hand-built district, actors with
// grants, and helpers that run decide() then evolve() the way the kernel does, without a database.
import type { Actor, Grant } from '../../../shared/actor.ts';
import { JurisdictionDirectory, type DirectoryEntry } from '../../../shared/jurisdiction-directory.ts';
import type { StaffRole } from '../../../shared/permissions.ts';
import type { AppliedEvent, DecideContext, EventDraft } from '../../../server/core/cases/case-module.ts';
import { statutoryCalendar } from '../../../server/platform/calendar/chinese-days-source.ts';
import { decideAppeal, evolveAppeal, type AppealSnapshot } from '../shared/appeal.machine.ts';
import type { AppealCommand, OpenCommand } from '../shared/appeal.schemas.ts';
import type { SlaClass } from '../shared/appeal.deadlines.ts';

/** An instant written in the district's zone (+08:00), as an ISO string in UTC. */
export function local(wallClock: string): string {
  return new Date(`${wallClock}+08:00`).toISOString();
}

export const ID = {
  district: '00000000-0000-4000-8000-000000000001',
  street: '00000000-0000-4000-8000-000000000002',
  community: '00000000-0000-4000-8000-000000000003',
  otherStreet: '00000000-0000-4000-8000-000000000004',
  otherCommunity: '00000000-0000-4000-8000-000000000005',
  housing: '00000000-0000-4000-8000-000000000006',
  grid: '00000000-0000-4000-8000-000000000007',
  streetCentre: '00000000-0000-4000-8000-000000000008',
} as const;

const entry = (id: string, parentId: string | null, kind: DirectoryEntry['kind'], code: string, path: string, nameZh: string): DirectoryEntry =>
  ({ id, parentId, kind, code, path, nameZh, nameEn: code, centroid: null, polygon: null });

const P = {
  district: `/${ID.district}/`,
  street: `/${ID.district}/${ID.street}/`,
  community: `/${ID.district}/${ID.street}/${ID.community}/`,
  otherStreet: `/${ID.district}/${ID.otherStreet}/`,
  otherCommunity: `/${ID.district}/${ID.otherStreet}/${ID.otherCommunity}/`,
  housing: `/${ID.district}/${ID.housing}/`,
  grid: `/${ID.district}/${ID.street}/${ID.community}/${ID.grid}/`,
  streetCentre: `/${ID.district}/${ID.street}/${ID.streetCentre}/`,
};
export const PATH = P;

/** district 南开区 → street 长虹街 → community 长华里社区 (→ grid), another street and community, the housing department. */
export const directory = new JurisdictionDirectory([
  entry(ID.district, null, 'district', 'nk', P.district, '南开区'),
  entry(ID.street, ID.district, 'street', 'nk-ch', P.street, '长虹街'),
  entry(ID.community, ID.street, 'community', 'nk-ch-01', P.community, '长华里社区'),
  entry(ID.grid, ID.community, 'grid', 'nk-ch-01-g1', P.grid, '长华里社区第1网格'),
  entry(ID.otherStreet, ID.district, 'street', 'nk-gl', P.otherStreet, '鼓楼街'),
  entry(ID.otherCommunity, ID.otherStreet, 'community', 'nk-gl-01', P.otherCommunity, '府佑里社区'),
  entry(ID.housing, ID.district, 'department', 'nk-dept-housing', P.housing, '住房和建设委员会'),
  entry(ID.streetCentre, ID.street, 'department', 'nk-ch-dept-petitions', P.streetCentre, '长虹街综治信访服务中心'),
]);

export const calendar = statutoryCalendar();

export function staff(label: string, role: StaffRole, unit: keyof typeof ID): Actor {
  const grant: Grant = { role, jurisdictionId: ID[unit], jurisdictionPath: P[unit] };
  return { kind: 'staff', tenantId: 't', userId: `user-${label}`, label, grants: [grant], tokenScopes: null };
}

export const ACTORS = {
  owner: { kind: 'resident', tenantId: 't', userId: 'resident-owner', label: '李秀英', personId: 'person-owner' } as Actor,
  otherResident: { kind: 'resident', tenantId: 't', userId: 'resident-other', label: '王德顺', personId: 'person-other' } as Actor,
  worker: staff('changhuali.worker', 'community_worker', 'community'),
  otherWorker: staff('fuyouli.worker', 'community_worker', 'otherCommunity'),
  gridWorker: staff('changhuali.grid1', 'grid_worker', 'grid'),
  streetHandler: staff('changhong.handler', 'street_handler', 'street'),
  otherStreetHandler: staff('gulou.handler', 'street_handler', 'otherStreet'),
  dispatcher: staff('dispatcher', 'district_dispatcher', 'district'),
  leader: staff('leader', 'leader', 'district'),
  housing: staff('housing.handler', 'department_handler', 'housing'),
  admin: staff('admin', 'admin', 'district'),
  system: { kind: 'system', tenantId: 't', label: 'deadline-engine' } as Actor,
  anonymous: { kind: 'anonymous', tenantId: 't' } as Actor,
};

export function ctx(now: string, settings: Record<string, unknown> = {}, actor: Actor = ACTORS.system): DecideContext {
  return { now: new Date(now), actor, calendar, directory, settings };
}

export function openCommand(overrides: Partial<OpenCommand> & { slaClass?: SlaClass; target?: OpenCommand['target'] } = {}): OpenCommand {
  return {
    type: 'open', channel: 'portal', categoryCode: 'noise', slaClass: 'general', title: '楼上装修噪音', description: '楼上每天晚上十点以后装修，噪音扰民',
    jurisdictionId: ID.community, lng: null, lat: null, locationText: '长华里社区', requesterPersonId: 'person-owner', requesterUserId: 'resident-owner',
    hideIdentity: false, publish: true, attachmentIds: [], target: { unitId: ID.community, level: 'community' }, receivedBy: null,
    ...overrides,
  };
}

function applied(drafts: EventDraft[], at: string, actor: Actor): AppliedEvent[] {
  const actorId = actor.kind === 'staff' || actor.kind === 'resident' ? actor.userId : null;
  const actorLabel = actor.kind === 'anonymous' ? 'anonymous' : actor.label;
  return drafts.map((d) => ({ ...d, at, actorId, actorLabel }));
}

export interface Step {
  snapshot: AppealSnapshot;
  events: AppliedEvent[];
}

/** decide + evolve, as applyCommand does (tracking code and version stamped like the kernel). */
export function step(snapshot: AppealSnapshot | null, command: AppealCommand, at: string, settings: Record<string, unknown> = {}, actor: Actor = ACTORS.system): Step {
  const c = ctx(at, settings, actor);
  const events = applied(decideAppeal(snapshot, command, c), at, actor);
  let next = snapshot;
  for (const event of events) next = evolveAppeal(next, event);
  if (!next) throw new Error('no snapshot');
  if (!snapshot) next = { ...next, trackingCode: 'SQ260303-TEST01', createdAt: at, version: 1 };
  else if (events.length) next = { ...next, version: snapshot.version + 1, updatedAt: at };
  return { snapshot: next, events };
}

/** Runs commands one after another at the same instant, or each at its own instant. */
export function run(commands: Array<AppealCommand | [AppealCommand, string]>, at: string, settings: Record<string, unknown> = {}, start: AppealSnapshot | null = null): AppealSnapshot {
  let s = start;
  for (const item of commands) {
    const [command, when] = Array.isArray(item) ? item : [item, at];
    s = step(s, command, when, settings).snapshot;
  }
  if (!s) throw new Error('no commands');
  return s;
}
