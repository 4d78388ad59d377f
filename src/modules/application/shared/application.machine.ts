// An application for a public service (行政许可 / 公共服务) on the clocks of the Administrative Licensing Law:
// submitted → (one complete notice of missing materials → resubmitted) → accepted, explicitly or after 5 working
// days without a notice → under review (pauses for hearing, testing and expert time stop the clock; one
// extension approved by a leader; joint units give their opinions first) → approved | rejected, or — for
// flagged services whose period passes with no decision — deemed approved (超时默许). Pure: the clock, calendar,
// directory and settings come in the context.
import { DomainError, validationError, type FieldIssue } from '../../../shared/errors.ts';
import { canAt } from '../../../shared/actor.ts';
import type { AppliedEvent, CaseSnapshot, DecideContext, EventDraft } from '../../../shared/case-types.ts';
import { decisionDueAt, extensionDaysFor, limitsFrom, workingDaysAfter, type StoredPause } from './application.deadlines.ts';
import { DEFAULT_REDRESS, type ApplicationCommand, type Channel, type MaterialsInput, type OpenCommand, type Outcome, type PauseReason } from './application.schemas.ts';

export const APPLICATION_STATES = {
  submitted: 'open',
  materials_incomplete: 'open',
  resubmitted: 'open',
  under_review: 'open',
  paused: 'open',
  approved: 'closed',
  rejected: 'closed',
  deemed_approved: 'closed',
  withdrawn: 'closed',
} as const;

export type ApplicationStateName = keyof typeof APPLICATION_STATES;

export const OPEN_STATES: ApplicationStateName[] = ['submitted', 'materials_incomplete', 'resubmitted', 'under_review', 'paused'];

export interface Opinion {
  unitId: string;
  unitName: string;
  agree: boolean;
  text: string;
  at: string;
}

export interface ApplicationData {
  serviceCode: string;
  serviceName: string;
  channel: Channel;
  applicant: { kind: 'person' | 'organisation'; name: string };
  note: string | null;
  receivedBy: string | null;
  /** the materials handed in so far, by code (a resubmission replaces the codes it names) */
  materials: MaterialsInput;
  /** the service's list of materials when the application came in */
  materialCatalogue: Array<{ code: string; name: string; required: boolean }>;
  periodDays: number;
  statutoryDays: number;
  deemedApproval: boolean;
  jointUnitIds: string[];
  submittedAt: string;
  /** the end of the 5 working days to check the materials (from submission, again from resubmission) */
  acceptanceDueAt: string | null;
  requestedMaterials: { codes: string[]; missing: Array<{ code: string; name: string }>; note: string; resubmitBy: string | null; at: string } | null;
  resubmittedAt: string | null;
  acceptedAt: string | null;
  /** accepted by the rule of Art. 32, no notice having been given in time */
  deemedAccepted: boolean;
  /** the date the decision period counts from (the acceptance, or the receipt when accepted by the rule) */
  decisionStartedAt: string | null;
  decisionDueAt: string | null;
  /** the due date reaches a year without published holiday data: the earliest possible date, never a ground for deemed approval */
  decisionDueProvisional: boolean;
  pauses: StoredPause[];
  pause: { reason: PauseReason; note: string | null; at: string } | null;
  extension: { days: number; reason: string; status: 'pending' | 'approved' | 'refused'; requestedAt: string; decidedAt: string | null } | null;
  opinions: Opinion[];
  overdue: boolean;
  overdueAt: string | null;
  decision: { outcome: Outcome; reasons: string | null; redress: string; note: string | null; at: string; missedDueAt: string | null; certificateText: string | null } | null;
  withdrawal: { reason: string | null; at: string } | null;
}

export type ApplicationSnapshot = CaseSnapshot<ApplicationData>;

function refuse(message: string, details?: Record<string, unknown>): never {
  throw new DomainError('invalid_transition', message, details);
}

function requireState(snapshot: ApplicationSnapshot, allowed: ApplicationStateName[], action: string) {
  if (!allowed.includes(snapshot.state as ApplicationStateName)) refuse(`Cannot ${action} an application that is ${snapshot.state}`, { state: snapshot.state, allowed });
}

/** The period the decision clock runs on now: the service's, plus an approved extension. */
export function currentPeriod(data: ApplicationData): number {
  return data.periodDays + (data.extension?.status === 'approved' ? data.extension.days : 0);
}

/** Joint units that have not given their opinion yet. */
export function pendingOpinionUnits(data: ApplicationData): string[] {
  const given = new Set(data.opinions.map((o) => o.unitId));
  return data.jointUnitIds.filter((id) => !given.has(id));
}

/** The joint units for which this actor may speak and which have not spoken yet. */
export function opinionUnitsOf(snapshot: ApplicationSnapshot, actor: DecideContext['actor'], directory: DecideContext['directory']): string[] {
  if (actor.kind !== 'staff') return [];
  return pendingOpinionUnits(snapshot.data).filter((id) => {
    const unit = directory.get(id);
    return Boolean(unit && canAt(actor, 'case.act', unit.path));
  });
}

/**
 * Checks a set of materials against what is required: every code known, none twice, each with a file, and
 * every one of `required` present. Issues name the fields of the request body.
 */
export function checkMaterials(given: MaterialsInput, catalogue: ApplicationData['materialCatalogue'], required: string[], field = 'body.materials'): void {
  const issues: FieldIssue[] = [];
  const known = new Map(catalogue.map((m) => [m.code, m]));
  const seen = new Set<string>();
  given.forEach((m, i) => {
    if (!known.has(m.code)) issues.push({ field: `${field}.${i}.code`, message: `No material ${m.code} in this service's list` });
    else if (seen.has(m.code)) issues.push({ field: `${field}.${i}.code`, message: `${m.code} is listed twice` });
    else if (m.attachmentIds.length === 0) issues.push({ field: `${field}.${i}.attachmentIds`, message: `Attach the file for ${known.get(m.code)!.name}` });
    seen.add(m.code);
  });
  const present = new Set(given.filter((m) => m.attachmentIds.length > 0).map((m) => m.code));
  const missing = required.filter((code) => !present.has(code));
  if (missing.length > 0) {
    issues.push({ field, message: `Missing required materials: ${missing.map((code) => `${known.get(code)?.name ?? code} (${code})`).join(', ')}` });
  }
  if (issues.length > 0) throw validationError(issues, 'The materials are incomplete or wrong');
}

function mergeMaterials(current: MaterialsInput, added: MaterialsInput): MaterialsInput {
  const codes = new Set(added.map((m) => m.code));
  return [...current.filter((m) => !codes.has(m.code)), ...added];
}

function pausesUntil(data: ApplicationData, at: string): StoredPause[] {
  return data.pauses.map((p) => (p.to === null ? { ...p, to: at } : p));
}

export function decideApplication(snapshot: ApplicationSnapshot | null, command: ApplicationCommand, ctx: DecideContext): EventDraft[] {
  const limits = limitsFrom(ctx.settings);
  const now = ctx.now.toISOString();

  if (command.type === 'open') {
    if (snapshot) refuse('This application is already open');
    return [openEvent(command, ctx)];
  }
  if (!snapshot) refuse('No such application');
  const data = snapshot.data;
  const joint = data.jointUnitIds.length > 0;

  switch (command.type) {
    case 'request_materials': {
      requireState(snapshot, ['submitted'], 'ask for materials on');
      if (data.requestedMaterials) refuse('Missing materials are notified once, all at the same time');
      const known = new Map(data.materialCatalogue.map((m) => [m.code, m]));
      const issues = command.codes.flatMap((code, i) => (known.has(code) ? [] : [{ field: `body.codes.${i}`, message: `No material ${code} in this service's list` }]));
      if (issues.length) throw validationError(issues);
      const codes = [...new Set(command.codes)];
      return [{
        type: 'materials_requested', visibility: 'public',
        data: { codes, missing: codes.map((code) => ({ code, name: known.get(code)!.name })), note: command.note, resubmitBy: command.resubmitBy ?? null },
      }];
    }
    case 'resubmit': {
      requireState(snapshot, ['materials_incomplete'], 'hand in materials for');
      checkMaterials(command.materials, data.materialCatalogue, data.requestedMaterials?.codes ?? []);
      return [{ type: 'resubmitted', visibility: 'public', data: { materials: command.materials, note: command.note ?? null, acceptanceDueAt: workingDaysAfter(ctx.calendar, now, limits.acceptanceDays) } }];
    }
    case 'accept':
      requireState(snapshot, ['submitted', 'resubmitted'], 'accept');
      return [acceptedEvent(ctx, data, now, false, command.note ?? null)];
    case 'accept_implicitly': {
      requireState(snapshot, ['submitted', 'resubmitted'], 'accept');
      if (!data.acceptanceDueAt || now <= data.acceptanceDueAt) return [];
      // Art. 32: no notice in time, so the application counts as accepted from the day the materials came in.
      return [acceptedEvent(ctx, data, data.resubmittedAt ?? data.submittedAt, true, null)];
    }
    case 'pause':
      requireState(snapshot, ['under_review'], 'pause');
      return [{ type: 'paused', visibility: 'public', data: { reason: command.reason, note: command.note ?? null } }];
    case 'resume': {
      requireState(snapshot, ['paused'], 'resume');
      const pauses = pausesUntil(data, now);
      const due = decisionDueAt(ctx.calendar, data.decisionStartedAt!, currentPeriod(data), pauses);
      return [{ type: 'resumed', visibility: 'public', data: { note: command.note ?? null, decisionDueAt: due.dueAt, provisional: due.provisional } }];
    }
    case 'give_opinion': {
      requireState(snapshot, ['under_review'], 'give an opinion on');
      if (!joint) refuse('This service is not handled jointly');
      // Who speaks for no joint unit may not (403); a unit that has spoken is past that step (409).
      const speaksFor = ctx.actor.kind === 'staff' && data.jointUnitIds.some((id) => {
        const unit = ctx.directory.get(id);
        return Boolean(unit && canAt(ctx.actor, 'case.act', unit.path));
      });
      if (!speaksFor) throw new DomainError('forbidden', 'Your unit has no opinion to give on this application', { command: 'give_opinion' });
      const [unitId] = opinionUnitsOf(snapshot, ctx.actor, ctx.directory);
      if (!unitId) refuse('Your unit has given its opinion already');
      return [{ type: 'opinion_given', visibility: 'internal', data: { unitId, unitName: ctx.directory.get(unitId)?.nameZh ?? '', agree: command.agree, text: command.text } }];
    }
    case 'request_extension':
      requireState(snapshot, ['under_review'], 'extend');
      if (data.extension) refuse('An application gets one extension at most');
      return [{ type: 'extension_requested', visibility: 'internal', data: { days: extensionDaysFor(joint, limits), reason: command.reason } }];
    case 'approve_extension': {
      requireState(snapshot, ['under_review', 'paused'], 'decide an extension of');
      if (data.extension?.status !== 'pending') refuse('No extension is waiting for a decision');
      const extended = { ...data, extension: { ...data.extension, status: 'approved' as const } };
      const due = snapshot.state === 'paused' ? { dueAt: null, provisional: false } : decisionDueAt(ctx.calendar, data.decisionStartedAt!, currentPeriod(extended), data.pauses);
      // The applicant is told of the extension and its reason (Art. 42).
      return [{ type: 'extension_approved', visibility: 'public', data: { days: data.extension.days, reason: data.extension.reason, note: command.note ?? null, decisionDueAt: due.dueAt, provisional: due.provisional } }];
    }
    case 'refuse_extension':
      requireState(snapshot, ['under_review', 'paused'], 'decide an extension of');
      if (data.extension?.status !== 'pending') refuse('No extension is waiting for a decision');
      return [{ type: 'extension_refused', visibility: 'internal', data: { note: command.note ?? null } }];
    case 'approve':
    case 'reject': {
      requireState(snapshot, command.type === 'approve' ? ['under_review'] : ['under_review', 'resubmitted'], command.type === 'approve' ? 'approve' : 'reject');
      const pending = pendingOpinionUnits(data);
      if (snapshot.state === 'under_review' && pending.length > 0) {
        refuse('Every joint unit gives its opinion before the lead unit decides', { pendingUnits: pending.map((id) => ctx.directory.get(id)?.nameZh ?? id) });
      }
      if (command.type === 'approve') {
        return [{ type: 'approved', visibility: 'public', data: { note: command.note ?? null, certificateText: command.certificateText ?? null, dueAt: data.decisionDueAt } }];
      }
      return [{ type: 'rejected', visibility: 'public', data: { reasons: command.reasons, redress: command.redress ?? DEFAULT_REDRESS, dueAt: data.decisionDueAt } }];
    }
    case 'deem_approve':
      requireState(snapshot, ['under_review'], 'deem approved');
      if (!data.deemedApproval) refuse('This service is not approved by the passing of its period');
      if (!data.decisionDueAt || now <= data.decisionDueAt) return [];
      // A provisional due date is a guess about next year's holidays: flag the application for a decision instead.
      if (data.decisionDueProvisional) return data.overdue ? [] : [{ type: 'overdue_flagged', visibility: 'internal', data: { dueAt: data.decisionDueAt, provisional: true } }];
      return [{ type: 'deemed_approved', visibility: 'public', data: { missedDueAt: data.decisionDueAt, redress: DEFAULT_REDRESS } }];
    case 'flag_overdue':
      requireState(snapshot, ['under_review'], 'flag');
      if (data.overdue || !data.decisionDueAt || now <= data.decisionDueAt) return [];
      return [{ type: 'overdue_flagged', visibility: 'internal', data: { dueAt: data.decisionDueAt } }];
    case 'withdraw':
      requireState(snapshot, OPEN_STATES, 'withdraw');
      return [{ type: 'withdrawn', visibility: 'public', data: { reason: command.reason ?? null } }];
  }
}

function acceptedEvent(ctx: DecideContext, data: ApplicationData, startedAt: string, implicit: boolean, note: string | null): EventDraft {
  const due = decisionDueAt(ctx.calendar, startedAt, data.periodDays, []);
  return {
    type: 'accepted', visibility: 'public',
    data: { implicit, note, decisionStartedAt: startedAt, periodDays: data.periodDays, decisionDueAt: due.dueAt, provisional: due.provisional },
  };
}

function openEvent(command: OpenCommand, ctx: DecideContext): EventDraft {
  const limits = limitsFrom(ctx.settings);
  const catalogue = command.service.materials;
  checkMaterials(command.materials, catalogue, catalogue.filter((m) => m.required).map((m) => m.code));
  const now = ctx.now.toISOString();
  return {
    type: 'submitted', visibility: 'public',
    data: { ...command, acceptanceDueAt: workingDaysAfter(ctx.calendar, now, limits.acceptanceDays) },
  };
}

export function evolveApplication(snapshot: ApplicationSnapshot | null, event: AppliedEvent): ApplicationSnapshot {
  const d = event.data as Record<string, any>;
  if (event.type === 'submitted') {
    const c = d as OpenCommand & { acceptanceDueAt: string };
    return {
      id: c.id, kind: 'application', state: 'submitted', trackingCode: '', title: c.title, jurisdictionId: c.jurisdictionId, handlingUnitId: c.handlingUnitId,
      assigneeId: null, priority: 'normal', lng: null, lat: null, locationText: null, requesterPersonId: c.requesterPersonId, requesterUserId: c.requesterUserId,
      dueAt: c.acceptanceDueAt, version: 0, createdAt: event.at, updatedAt: event.at, closedAt: null,
      data: {
        serviceCode: c.service.code, serviceName: c.service.nameZh, channel: c.channel, applicant: c.applicant, note: c.note, receivedBy: c.receivedBy,
        materials: c.materials, materialCatalogue: c.service.materials, periodDays: c.service.periodDays, statutoryDays: c.service.statutoryDays,
        deemedApproval: c.service.deemedApproval, jointUnitIds: c.service.jointUnitIds, submittedAt: event.at, acceptanceDueAt: c.acceptanceDueAt,
        requestedMaterials: null, resubmittedAt: null, acceptedAt: null, deemedAccepted: false, decisionStartedAt: null, decisionDueAt: null, decisionDueProvisional: false,
        pauses: [], pause: null, extension: null, opinions: [], overdue: false, overdueAt: null, decision: null, withdrawal: null,
      },
    };
  }
  if (!snapshot) throw new DomainError('internal', `Event ${event.type} before submission`);
  const s = snapshot;
  const data = s.data;
  switch (event.type) {
    case 'materials_requested':
      return { ...s, state: 'materials_incomplete', dueAt: null, data: { ...data, acceptanceDueAt: null, requestedMaterials: { codes: d.codes, missing: d.missing, note: d.note, resubmitBy: d.resubmitBy, at: event.at } } };
    case 'resubmitted':
      return { ...s, state: 'resubmitted', dueAt: d.acceptanceDueAt, data: { ...data, materials: mergeMaterials(data.materials, d.materials), resubmittedAt: event.at, acceptanceDueAt: d.acceptanceDueAt } };
    case 'accepted':
      return {
        ...s, state: 'under_review', dueAt: d.decisionDueAt,
        data: { ...data, acceptedAt: event.at, deemedAccepted: d.implicit, acceptanceDueAt: null, decisionStartedAt: d.decisionStartedAt, decisionDueAt: d.decisionDueAt, decisionDueProvisional: Boolean(d.provisional) },
      };
    case 'paused':
      return { ...s, state: 'paused', dueAt: null, data: { ...data, pause: { reason: d.reason, note: d.note, at: event.at }, pauses: [...data.pauses, { reason: d.reason, note: d.note, from: event.at, to: null }], decisionDueAt: null } };
    case 'resumed': {
      const overdue = data.overdue && d.decisionDueAt !== null && d.decisionDueAt < event.at;
      return { ...s, state: 'under_review', dueAt: d.decisionDueAt, data: { ...data, pause: null, pauses: pausesUntil(data, event.at), decisionDueAt: d.decisionDueAt, decisionDueProvisional: Boolean(d.provisional), overdue, overdueAt: overdue ? data.overdueAt : null } };
    }
    case 'opinion_given':
      return { ...s, data: { ...data, opinions: [...data.opinions, { unitId: d.unitId, unitName: d.unitName, agree: d.agree, text: d.text, at: event.at }] } };
    case 'extension_requested':
      return { ...s, data: { ...data, extension: { days: d.days, reason: d.reason, status: 'pending', requestedAt: event.at, decidedAt: null } } };
    case 'extension_approved': {
      const extension = { ...data.extension!, status: 'approved' as const, decidedAt: event.at };
      if (s.state === 'paused') return { ...s, data: { ...data, extension } };
      const overdue = data.overdue && d.decisionDueAt < event.at;
      return { ...s, dueAt: d.decisionDueAt, data: { ...data, extension, decisionDueAt: d.decisionDueAt, decisionDueProvisional: Boolean(d.provisional), overdue, overdueAt: overdue ? data.overdueAt : null } };
    }
    case 'extension_refused':
      return { ...s, data: { ...data, extension: { ...data.extension!, status: 'refused', decidedAt: event.at } } };
    case 'approved':
      return { ...s, state: 'approved', dueAt: null, data: { ...data, decision: { outcome: 'approved', reasons: null, redress: '', note: d.note, at: event.at, missedDueAt: null, certificateText: d.certificateText } } };
    case 'rejected':
      return { ...s, state: 'rejected', dueAt: null, data: { ...data, decision: { outcome: 'rejected', reasons: d.reasons, redress: d.redress, note: null, at: event.at, missedDueAt: null, certificateText: null } } };
    case 'deemed_approved':
      return { ...s, state: 'deemed_approved', dueAt: null, data: { ...data, decision: { outcome: 'deemed_approved', reasons: null, redress: d.redress, note: null, at: event.at, missedDueAt: d.missedDueAt, certificateText: null } } };
    case 'overdue_flagged':
      return { ...s, data: { ...data, overdue: true, overdueAt: event.at } };
    case 'withdrawn':
      return { ...s, state: 'withdrawn', dueAt: null, data: { ...data, withdrawal: { reason: d.reason, at: event.at } } };
    default:
      throw new DomainError('internal', `Unknown application event ${event.type}`);
  }
}
