// Pure fixtures for the application machine and policy tests: a small hand-built district, actors with grants,
// a service, and helpers that run decide() then evolve() the way the kernel does, without a database.
import type { Actor, Grant } from '../../../shared/actor.ts';
import { JurisdictionDirectory, type DirectoryEntry } from '../../../shared/jurisdiction-directory.ts';
import type { StaffRole } from '../../../shared/permissions.ts';
import type { AppliedEvent, DecideContext, EventDraft } from '../../../shared/case-types.ts';
import { statutoryCalendar } from '../../../server/platform/calendar/chinese-days-source.ts';
import { decideApplication, evolveApplication, type ApplicationSnapshot } from '../shared/application.machine.ts';
import type { ApplicationCommand, OpenCommand } from '../shared/application.schemas.ts';

/** An instant written in the district's zone (+08:00), as an ISO string in UTC. */
export function local(wallClock: string): string {
  return new Date(`${wallClock}+08:00`).toISOString();
}

export const ID = {
  district: '00000000-0000-4000-8000-000000000001',
  street: '00000000-0000-4000-8000-000000000002',
  community: '00000000-0000-4000-8000-000000000003',
  civic: '00000000-0000-4000-8000-000000000004',
  urban: '00000000-0000-4000-8000-000000000005',
  market: '00000000-0000-4000-8000-000000000006',
  otherCommunity: '00000000-0000-4000-8000-000000000007',
} as const;

const P = {
  district: `/${ID.district}/`,
  street: `/${ID.district}/${ID.street}/`,
  community: `/${ID.district}/${ID.street}/${ID.community}/`,
  civic: `/${ID.district}/${ID.street}/${ID.civic}/`,
  urban: `/${ID.district}/${ID.urban}/`,
  market: `/${ID.district}/${ID.market}/`,
  otherCommunity: `/${ID.district}/${ID.street}/${ID.otherCommunity}/`,
};

const entry = (id: string, parentId: string | null, kind: DirectoryEntry['kind'], code: string, path: string, nameZh: string): DirectoryEntry =>
  ({ id, parentId, kind, code, path, nameZh, nameEn: code, centroid: null, polygon: null });

export const directory = new JurisdictionDirectory([
  entry(ID.district, null, 'district', 'nk', P.district, '南开区'),
  entry(ID.street, ID.district, 'street', 'nk-ch', P.street, '长虹街'),
  entry(ID.community, ID.street, 'community', 'nk-ch-01', P.community, '长华里社区'),
  entry(ID.otherCommunity, ID.street, 'community', 'nk-ch-02', P.otherCommunity, '华宁里社区'),
  entry(ID.civic, ID.street, 'department', 'nk-ch-dept-civic', P.civic, '长虹街市民社会事务一门式服务中心'),
  entry(ID.urban, ID.district, 'department', 'nk-dept-urban', P.urban, '城市管理委员会'),
  entry(ID.market, ID.district, 'department', 'nk-dept-market', P.market, '市场监督管理局'),
]);

export const calendar = statutoryCalendar();

export function staff(label: string, role: StaffRole, unit: keyof typeof ID): Actor {
  const grant: Grant = { role, jurisdictionId: ID[unit], jurisdictionPath: P[unit] };
  return { kind: 'staff', tenantId: 't', userId: `user-${label}`, label, grants: [grant], tokenScopes: null };
}

export const ACTORS = {
  applicant: { kind: 'resident', tenantId: 't', userId: 'resident-applicant', label: '李秀英', personId: 'person-applicant' } as Actor,
  otherResident: { kind: 'resident', tenantId: 't', userId: 'resident-other', label: '王德顺', personId: 'person-other' } as Actor,
  civic: staff('changhong.civic', 'department_handler', 'civic'),
  streetHandler: staff('changhong.handler', 'street_handler', 'street'),
  worker: staff('changhuali.worker', 'community_worker', 'community'),
  otherWorker: staff('huaningli.worker', 'community_worker', 'otherCommunity'),
  urban: staff('urban.handler', 'department_handler', 'urban'),
  market: staff('market.handler', 'department_handler', 'market'),
  leader: staff('leader', 'leader', 'district'),
  streetLeader: staff('changhong.leader', 'leader', 'street'),
  admin: staff('admin', 'admin', 'district'),
  system: { kind: 'system', tenantId: 't', label: 'deadline-engine' } as Actor,
  anonymous: { kind: 'anonymous', tenantId: 't' } as Actor,
};

export function ctx(now: string, actor: Actor = ACTORS.system, settings: Record<string, unknown> = {}): DecideContext {
  return { now: new Date(now), actor, calendar, directory, settings };
}

export const MATERIALS = [
  { code: 'id_card', name: '申请人居民身份证', required: true },
  { code: 'deed', name: '房屋所有权证', required: true },
  { code: 'plan', name: '装修方案', required: false },
];

export const FILE = '00000000-0000-4000-8000-0000000000f1';
export const FILE2 = '00000000-0000-4000-8000-0000000000f2';

export function openCommand(overrides: Partial<Omit<OpenCommand, 'service'>> & { service?: Partial<OpenCommand['service']> } = {}): OpenCommand {
  const { service, ...rest } = overrides;
  return {
    type: 'open', id: '00000000-0000-4000-8000-0000000000a1', channel: 'online', title: '小型装修备案 · 李*', jurisdictionId: ID.community, handlingUnitId: ID.civic,
    requesterPersonId: 'person-applicant', requesterUserId: 'resident-applicant', receivedBy: null, applicant: { kind: 'person', name: '李秀英' }, note: null,
    service: { code: 'XXZXBA', nameZh: '小型装修备案', periodDays: 20, statutoryDays: 20, deemedApproval: true, jointUnitIds: [], materials: MATERIALS, ...service },
    materials: [{ code: 'id_card', attachmentIds: [FILE] }, { code: 'deed', attachmentIds: [FILE2] }],
    ...rest,
  };
}

function applied(drafts: EventDraft[], at: string, actor: Actor): AppliedEvent[] {
  const actorId = actor.kind === 'staff' || actor.kind === 'resident' ? actor.userId : null;
  const actorLabel = actor.kind === 'anonymous' ? 'anonymous' : actor.label;
  return drafts.map((d) => ({ ...d, at, actorId, actorLabel }));
}

/** decide + evolve, as applyCommand does (tracking code and version stamped like the kernel). */
export function step(snapshot: ApplicationSnapshot | null, command: ApplicationCommand, at: string, actor: Actor = ACTORS.system, settings: Record<string, unknown> = {}) {
  const events = applied(decideApplication(snapshot, command, ctx(at, actor, settings)), at, actor);
  let next = snapshot;
  for (const event of events) next = evolveApplication(next, event);
  if (!next) throw new Error('no snapshot');
  if (!snapshot) next = { ...next, trackingCode: 'SP260303-TEST01', createdAt: at, version: 1 };
  else if (events.length) next = { ...next, version: snapshot.version + 1, updatedAt: at };
  return { snapshot: next, events };
}

/** Runs commands one after another, each at its own instant and by its own actor. */
export function run(steps: Array<[ApplicationCommand, string, Actor?]>, start: ApplicationSnapshot | null = null): ApplicationSnapshot {
  let s = start;
  for (const [command, at, actor] of steps) s = step(s, command, at, actor ?? ACTORS.system).snapshot;
  if (!s) throw new Error('no steps');
  return s;
}
