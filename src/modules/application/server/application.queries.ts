// Reading applications: the inbox queues (staff) and "my applications" (residents), one application with its
// service, materials, working-day clock and documents, and the leaders' lapses report. Joint units reach the
// applications they must give an opinion on even where the kernel's place-based reach would not take them.
import { sql } from 'kysely';
import { notFound } from '../../../shared/errors.ts';
import { canAt, requirePermission, requireSignedIn, type Actor } from '../../../shared/actor.ts';
import type { JurisdictionDirectory } from '../../../shared/jurisdiction-directory.ts';
import { addDays, startOfLocalDay } from '../../../shared/time/local-date.ts';
import type { WorkingCalendar } from '../../../shared/time/working-calendar.ts';
import type { Db, Deps } from '../../../server/deps.ts';
import type { CaseTable } from '../../../server/platform/db/schema.ts';
import { loadDirectory } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import { calendarForPath } from '../../../server/core/calendar/calendar.service.ts';
import { settingsForPath } from '../../../server/core/settings/settings.repository.ts';
import { abilitiesOf, caseDetail, moduleFor, presentForStaff } from '../../../server/core/cases/case.service.ts';
import { caseEvents, findVisibleCase, toSnapshot, whereVisible } from '../../../server/core/cases/case.repository.ts';
import { limitsFrom, workingDaysLeft } from '../shared/application.deadlines.ts';
import type { ApplicationData, ApplicationSnapshot } from '../shared/application.machine.ts';
import type { InboxQuery } from '../shared/application.schemas.ts';
import { applicationDb, findService, presentService } from './application-service.repository.ts';
import { listDocuments } from './documents/application-documents.ts';

/** Calendars by jurisdiction path, loaded once per request. */
function calendars(deps: Deps) {
  const cache = new Map<string, Promise<WorkingCalendar>>();
  return (path: string) => {
    if (!cache.has(path)) cache.set(path, calendarForPath(deps.db, deps.tenantId, path));
    return cache.get(path)!;
  };
}

/** Joint units on whose behalf this staff member may speak (case.act there). */
async function jointUnitsOf(deps: Deps, actor: Actor, directory: JurisdictionDirectory): Promise<string[]> {
  if (actor.kind !== 'staff') return [];
  const rows = await applicationDb(deps.db).selectFrom('applicationService').select('jointUnitIds').where('tenantId', '=', deps.tenantId).execute();
  const ids = new Set(rows.flatMap((r) => JSON.parse(r.jointUnitIds) as string[]));
  return [...ids].filter((id) => {
    const unit = directory.get(id);
    return unit && canAt(actor, 'case.act', unit.path);
  });
}

/** True when the actor speaks for one of the application's joint units. */
export function isJointStaff(actor: Actor, data: Pick<ApplicationData, 'jointUnitIds'>, directory: JurisdictionDirectory, permission: 'case.read' | 'case.act' = 'case.read'): boolean {
  return actor.kind === 'staff' && data.jointUnitIds.some((id) => {
    const unit = directory.get(id);
    return Boolean(unit && canAt(actor, permission, unit.path));
  });
}

/** The application row as this actor may reach it: by the kernel's rule, or as a joint unit; else "not found". */
export async function reachableApplication(db: Db, deps: Deps, actor: Actor, id: string, forUpdate: boolean): Promise<{ row: CaseTable; joint: boolean }> {
  requireSignedIn(actor);
  const visible = await findVisibleCase(db, deps.tenantId, actor, id, forUpdate);
  if (visible) {
    if (visible.kind !== 'application') throw notFound('Application');
    return { row: visible, joint: false };
  }
  if (actor.kind !== 'staff') throw notFound('Application');
  let query = db.selectFrom('case').selectAll().where('tenantId', '=', deps.tenantId).where('id', '=', id).where('kind', '=', 'application');
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Application');
  const directory = await loadDirectory(db, deps.tenantId);
  if (!isJointStaff(actor, JSON.parse(row.data) as ApplicationData, directory)) throw notFound('Application');
  return { row, joint: true };
}

export async function applicationInbox(deps: Deps, actor: Actor, query: InboxQuery) {
  requireSignedIn(actor);
  if (actor.kind === 'staff') requirePermission(actor, 'case.read');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const directory = await loadDirectory(deps.db, deps.tenantId);
  const root = directory.root()!;
  const calendarOf = calendars(deps);
  const limits = limitsFrom(await settingsForPath(deps.db, deps.tenantId, root.path, 'application'));
  const base = applicationDb(deps.db).selectFrom('case').innerJoin('applicationRecord', 'applicationRecord.id', 'case.id')
    .where('case.tenantId', '=', deps.tenantId).where('case.kind', '=', 'application');

  let scoped;
  if (query.queue === 'joint_opinions') {
    const units = await jointUnitsOf(deps, actor, directory);
    scoped = units.length === 0 ? base.where(sql<boolean>`1 = 0`)
      : base.where('case.state', '=', 'under_review').where((eb) => eb.or(units.map((id) => eb('applicationRecord.pendingOpinionUnitIds', 'like', `%${id}%`))));
  } else {
    scoped = whereVisible(base, actor);
    switch (query.queue) {
      case 'to_check': scoped = scoped.where('case.state', 'in', ['submitted', 'resubmitted']); break;
      case 'under_review': scoped = scoped.where('case.state', '=', 'under_review'); break;
      case 'paused': scoped = scoped.where('case.state', '=', 'paused'); break;
      case 'due_soon': {
        const soon = (await calendarOf(root.path)).dueAt(now, { amount: limits.dueSoonDays, unit: 'working_day' })!.toISOString();
        scoped = scoped.where('case.state', 'in', ['submitted', 'resubmitted', 'under_review']).where('case.dueAt', '>', nowIso).where('case.dueAt', '<=', soon);
        break;
      }
      case 'overdue': scoped = scoped.where('case.state', 'in', ['submitted', 'resubmitted', 'under_review']).where('case.dueAt', '<=', nowIso); break;
      case 'decided': scoped = scoped.where('case.stateCategory', '=', 'closed'); break;
      default:
        if (actor.kind === 'staff') scoped = scoped.where('case.stateCategory', '=', 'open');
    }
  }
  if (query.q) {
    const q = query.q.replace(/[%_]/g, '');
    scoped = scoped.where((eb) => eb.or([eb('case.trackingCode', '=', q.toUpperCase()), eb('applicationRecord.searchText', 'like', `%${q}%`)]));
  }
  const ordered = query.queue === 'decided' || actor.kind === 'resident' ? scoped.orderBy('case.updatedAt', 'desc') : scoped.orderBy('case.dueAt', (ob) => ob.asc().nullsLast());
  const [{ total }, rows] = await Promise.all([
    scoped.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ordered.orderBy('case.id').select([
      'case.id', 'case.trackingCode', 'case.title', 'case.state', 'case.stateCategory', 'case.dueAt', 'case.createdAt', 'case.handlingUnitId', 'case.jurisdictionPath', 'case.data',
      'applicationRecord.serviceCode', 'applicationRecord.serviceName', 'applicationRecord.deemedApproval', 'applicationRecord.overdue',
    ]).limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
  ]);
  const items = await Promise.all(rows.map(async (r) => {
    const data = JSON.parse(r.data) as ApplicationData;
    const running = r.stateCategory === 'open' && r.state !== 'paused' && r.state !== 'materials_incomplete';
    return {
      id: r.id, trackingCode: r.trackingCode, title: r.title, state: r.state, serviceCode: r.serviceCode, serviceName: r.serviceName,
      applicantName: data.applicant?.name ?? null, handlingUnitId: r.handlingUnitId, handlingUnitName: directory.get(r.handlingUnitId)?.nameZh ?? null,
      dueAt: r.dueAt, workingDaysLeft: running ? workingDaysLeft(await calendarOf(r.jurisdictionPath), now, r.dueAt) : null,
      overdue: Boolean(r.overdue) || (running && r.dueAt !== null && r.dueAt <= nowIso), deemedApproval: Boolean(r.deemedApproval), createdAt: r.createdAt,
    };
  }));
  return { total: Number(total), page: query.page, pageSize: query.pageSize, now: nowIso, items };
}

/** What a resident may see of an application's data (the units' opinions and internal notes stay inside). */
export function publicApplicationData(s: ApplicationSnapshot): Record<string, unknown> {
  const d = s.data;
  return {
    serviceCode: d.serviceCode, serviceName: d.serviceName, applicant: d.applicant, channel: d.channel, note: d.note,
    requestedMaterials: d.requestedMaterials, submittedAt: d.submittedAt, acceptanceDueAt: d.acceptanceDueAt, acceptedAt: d.acceptedAt, deemedAccepted: d.deemedAccepted,
    decisionDueAt: d.decisionDueAt, periodDays: d.periodDays, deemedApproval: d.deemedApproval, pause: d.pause,
    extension: d.extension && d.extension.status === 'approved' ? { days: d.extension.days, reason: d.extension.reason, status: d.extension.status } : null,
    decision: d.decision, withdrawal: d.withdrawal,
  };
}

export function clockOf(s: ApplicationSnapshot, calendar: WorkingCalendar, now: Date) {
  const d = s.data;
  const phase = s.state === 'submitted' || s.state === 'resubmitted' ? 'acceptance' : s.state === 'under_review' || s.state === 'paused' ? 'decision' : null;
  const dueAt = phase ? s.dueAt : null;
  return {
    dueAt, workingDaysLeft: workingDaysLeft(calendar, now, dueAt), paused: s.state === 'paused',
    overdue: phase !== null && (d.overdue || (dueAt !== null && dueAt <= now.toISOString())), phase,
  };
}

export async function applicationDetail(deps: Deps, actor: Actor, id: string) {
  const { row, joint } = await reachableApplication(deps.db, deps, actor, id, false);
  const module = moduleFor(deps, 'application');
  const snapshot = toSnapshot(row);
  const typed = snapshot as unknown as ApplicationSnapshot;
  const directory = await loadDirectory(deps.db, deps.tenantId);
  let base: { case: Record<string, unknown>; stateCategory: string; abilities: string[]; timeline: unknown[]; requesterHidden?: boolean };
  if (joint) {
    const view = presentForStaff(module, snapshot, actor, directory);
    const events = (await caseEvents(deps.db, deps.tenantId, id, false)).map((e) => ({ ...e, data: JSON.parse(e.data) as unknown }));
    base = { case: view.snapshot as unknown as Record<string, unknown>, stateCategory: row.stateCategory, abilities: [], timeline: events.map(view.redactEvent) };
  } else {
    base = await caseDetail(deps, actor, id) as typeof base;
  }
  // Joint units speak through POST /api/applications/:id/opinion, which does not need the kernel's place-based reach.
  const policy = module.abilities(snapshot, actor, directory);
  const abilities = [...new Set([...(joint ? [] : abilitiesOf(module, snapshot, actor, directory)), ...policy.filter((a) => a === 'give_opinion')])];
  const service = await findService(deps.db, deps.tenantId, String(snapshot.data.serviceCode));
  const files = await applicationDb(deps.db).selectFrom('applicationMaterial').select(['code', 'attachmentId', 'round']).where('caseId', '=', id).orderBy('round').orderBy('createdAt').execute();
  const data = typed.data;
  const requested = new Set(data.requestedMaterials?.codes ?? []);
  const resubmitted = new Set(files.filter((f) => f.round > 1).map((f) => f.code));
  const materials = data.materialCatalogue.map((m) => ({
    code: m.code, name: m.name, required: m.required,
    attachmentIds: data.materials.find((x) => x.code === m.code)?.attachmentIds ?? [],
    missing: requested.has(m.code) && !resubmitted.has(m.code),
  }));
  const calendar = await calendarForPath(deps.db, deps.tenantId, row.jurisdictionPath);
  const decision = data.decision;
  const order = ['acknowledgement', 'missing_materials', 'decision', 'certificate'];
  const documents = (await listDocuments(deps.db, deps.tenantId, id))
    .map((doc) => ({ ...doc, outcome: doc.kind === 'decision' ? decision?.outcome ?? null : null }))
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || order.indexOf(a.kind) - order.indexOf(b.kind));
  return {
    ...base,
    abilities,
    service: service ? presentService(service, directory) : null,
    materials,
    clock: clockOf(typed, calendar, deps.clock.now()),
    documents,
  };
}

/** Per handling unit: decided on time, decided late, deemed approved (decided in [from, to]) and overdue now. */
export async function lapsesReport(deps: Deps, actor: Actor, range: { from?: string | undefined; to?: string | undefined }) {
  requirePermission(actor, 'case.supervise');
  const now = deps.clock.now().toISOString();
  const directory = await loadDirectory(deps.db, deps.tenantId);
  const from = range.from ? startOfLocalDay(range.from).toISOString() : null;
  const to = range.to ? startOfLocalDay(addDays(range.to, 1)).toISOString() : null;
  const rows = await whereVisible(applicationDb(deps.db).selectFrom('case').innerJoin('applicationRecord', 'applicationRecord.id', 'case.id')
    .where('case.tenantId', '=', deps.tenantId).where('case.kind', '=', 'application'), actor, 'case.supervise')
    .select(['applicationRecord.handlingUnitId', 'applicationRecord.state', 'applicationRecord.outcome', 'applicationRecord.decidedAt', 'applicationRecord.decidedOnTime', 'case.dueAt'])
    .execute();
  const byUnit = new Map<string, { unitId: string; unitName: string; onTime: number; late: number; deemedApproved: number; overdueNow: number }>();
  for (const r of rows) {
    const unitId = r.handlingUnitId ?? '';
    const entry = byUnit.get(unitId) ?? { unitId, unitName: directory.get(unitId)?.nameZh ?? '', onTime: 0, late: 0, deemedApproved: 0, overdueNow: 0 };
    byUnit.set(unitId, entry);
    const inRange = r.decidedAt !== null && (!from || r.decidedAt >= from) && (!to || r.decidedAt < to);
    if (inRange && r.outcome === 'deemed_approved') entry.deemedApproved++;
    else if (inRange && r.outcome && r.decidedOnTime === 1) entry.onTime++;
    else if (inRange && r.outcome && r.decidedOnTime === 0) entry.late++;
    if (r.state === 'under_review' && r.dueAt !== null && r.dueAt <= now) entry.overdueNow++;
  }
  return { items: [...byUnit.values()].filter((u) => u.onTime + u.late + u.deemedApproved + u.overdueNow > 0).sort((a, b) => b.overdueNow + b.deemedApproved + b.late - (a.overdueNow + a.deemedApproved + a.late) || a.unitName.localeCompare(b.unitName)) };
}
