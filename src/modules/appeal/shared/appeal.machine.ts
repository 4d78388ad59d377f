// The appeal work order (12345-style): registered → dispatched → signed for (handling) | returned →
// (extension) → replied → rated → closed | reopened, with escalation up the ladder and supervision
// as an overlay. Pure: the clock, calendar, directory and settings come in the context.
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import type { AppliedEvent, CaseSnapshot, DecideContext, EventDraft } from '../../../shared/case-types.ts';
import type { DirectoryEntry, JurisdictionDirectory } from '../../../shared/jurisdiction-directory.ts';
import { limitsFrom, PRIORITY_BY_CLASS, type SlaClass } from './appeal.deadlines.ts';
import type { Duration } from '../../../shared/time/working-calendar.ts';
import type { AppealCommand, Channel, Level, OpenCommand, Rating } from './appeal.schemas.ts';

export const APPEAL_STATES = {
  registered: 'open',
  dispatched: 'open',
  handling: 'open',
  returned: 'open',
  replied: 'open',
  followed_up: 'open',
  closed: 'closed',
  merged: 'closed',
  withdrawn: 'closed',
} as const;

export type AppealState = keyof typeof APPEAL_STATES;

export interface AppealData {
  channel: Channel;
  categoryCode: string;
  slaClass: SlaClass;
  description: string;
  hideIdentity: boolean;
  publish: boolean;
  attachmentIds: string[];
  receivedBy: string | null;
  level: Level | null;
  /** the unit a returned appeal goes back to */
  dispatcherUnitId: string | null;
  dispatchedAt: string | null;
  signForDueAt: string | null;
  feedbackDueAt: string;
  followUpDueAt: string | null;
  returns: number;
  /** returned as often as the district allows: only the district may now designate an owner */
  mustDesignate: boolean;
  designated: boolean;
  escalations: number;
  extension: { days: number; reason: string; status: 'pending' | 'approved' | 'rejected'; requestedAt: string } | null;
  reply: { text: string; at: string } | null;
  rating: { value: Rating; comment: string | null; at: string; by: 'resident' | 'staff' } | null;
  reopenCount: number;
  supervision: { note: string; dueAt: string | null; at: string; by: string } | null;
  overdue: Partial<Record<'sign_for' | 'feedback' | 'supervision', string>>;
  parentId: string | null;
  childIds: string[];
}

export type AppealSnapshot = CaseSnapshot<AppealData>;

const OPEN_BEFORE_REPLY: AppealState[] = ['registered', 'dispatched', 'handling', 'returned'];

/** A unit's clocks start afresh with a new unit or a reopening; a leader's supervision deadline does not. */
function leadersClocks(overdue: AppealData['overdue']): AppealData['overdue'] {
  return overdue.supervision ? { supervision: overdue.supervision } : {};
}

function refuse(message: string, details?: Record<string, unknown>): never {
  throw new DomainError('invalid_transition', message, details);
}

export function levelOf(entry: DirectoryEntry): Level {
  return entry.kind === 'department' ? 'department' : entry.kind === 'district' ? 'district' : entry.kind === 'street' ? 'street' : 'community';
}

/** Where an appeal goes when its level cannot settle it: community → street → district; departments → district. */
export function escalationTarget(directory: JurisdictionDirectory, unitId: string | null): DirectoryEntry | undefined {
  const unit = directory.get(unitId);
  if (!unit || unit.kind === 'district') return undefined;
  if (unit.kind === 'department' || unit.kind === 'grid') return unit.kind === 'grid' ? directory.parentOf(unit.id) : directory.root();
  return directory.parentOf(unit.id);
}

function iso(date: Date | null): string {
  if (!date) throw new DomainError('internal', 'A clock is paused where none should be');
  return date.toISOString();
}

/** Appeals are accepted on any day: past the published holiday data their clocks run provisionally (the earliest date). */
function dueFrom(ctx: DecideContext, duration: Duration, from: Date): string {
  return iso(ctx.calendar.provisionalDueAt(from, duration).dueAt);
}

function requireState(snapshot: AppealSnapshot, allowed: AppealState[], action: string) {
  if (!allowed.includes(snapshot.state as AppealState)) refuse(`Cannot ${action} an appeal that is ${snapshot.state}`, { state: snapshot.state, allowed });
}

function unitEntry(ctx: DecideContext, unitId: string): DirectoryEntry {
  const unit = ctx.directory.get(unitId);
  if (!unit || unit.kind === 'grid') throw new DomainError('validation_failed', 'No such handling unit', { issues: [{ field: 'body.unitId', message: 'Choose a community, street, district or department' }] });
  return unit;
}

export function decideAppeal(snapshot: AppealSnapshot | null, command: AppealCommand, ctx: DecideContext): EventDraft[] {
  const limits = limitsFrom(ctx.settings);
  const now = ctx.now;
  const due = (duration: Duration, from: Date = now) => dueFrom(ctx, duration, from);

  if (command.type === 'open') {
    if (snapshot) refuse('This appeal is already open');
    return openEvents(command, ctx, due);
  }
  if (!snapshot) refuse('No such appeal');
  const data = snapshot.data;
  const cls = data.slaClass;

  switch (command.type) {
    case 'dispatch':
    case 'designate': {
      requireState(snapshot, command.type === 'dispatch' ? ['registered', 'returned'] : ['registered', 'returned', 'dispatched'], command.type);
      if (command.type === 'dispatch' && data.returns >= limits.maxReturns) {
        refuse(`Returned ${data.returns} times: the district must designate an owner`, { returns: data.returns });
      }
      const unit = unitEntry(ctx, command.unitId);
      return [{
        type: 'dispatched', visibility: 'public',
        data: { unitId: unit.id, unitName: unit.nameZh, level: levelOf(unit), note: command.note ?? null, designated: command.type === 'designate', dispatcherUnitId: snapshot.handlingUnitId, signForDueAt: due(limits.signFor[cls]) },
      }];
    }
    case 'sign_for':
      requireState(snapshot, ['dispatched'], 'sign for');
      // The limit it answers travels with the event: once signed for, the snapshot forgets it, and the
      // projection records whether it was met (the dashboard's response rate).
      return [{ type: 'signed_for', visibility: 'public', data: { unitId: snapshot.handlingUnitId, dueAt: data.signForDueAt } }];
    case 'return': {
      requireState(snapshot, ['dispatched'], 'return');
      if (data.designated) refuse('A designated owner cannot return the appeal');
      const windowEnds = due(limits.returnWindow, new Date(data.dispatchedAt ?? snapshot.createdAt));
      if (now.toISOString() > windowEnds) refuse('The time to return a wrong dispatch has passed', { windowEnds });
      return [{ type: 'returned', visibility: 'internal', data: { from: snapshot.handlingUnitId, to: data.dispatcherUnitId ?? ctx.directory.root()?.id, reason: command.reason, returns: data.returns + 1, mustDesignate: data.returns + 1 >= limits.maxReturns } }];
    }
    case 'escalate': {
      requireState(snapshot, ['dispatched', 'handling'], 'escalate');
      const target = escalationTarget(ctx.directory, snapshot.handlingUnitId);
      if (!target) refuse('The appeal is already at the district level');
      return [{
        type: 'escalated', visibility: 'public',
        data: { from: snapshot.handlingUnitId, to: target.id, toName: target.nameZh, level: levelOf(target), reason: command.reason, signForDueAt: due(limits.signFor[cls]), feedbackDueAt: due(limits.feedback[cls]) },
      }];
    }
    case 'request_extension':
      requireState(snapshot, ['handling'], 'ask for an extension of');
      if (data.extension && data.extension.status !== 'rejected') refuse('An appeal gets one extension at most');
      if (command.days > limits.maxExtensionDays) {
        throw new DomainError('validation_failed', `At most ${limits.maxExtensionDays} days`, { issues: [{ field: 'body.days', message: `At most ${limits.maxExtensionDays} days` }] });
      }
      return [{ type: 'extension_requested', visibility: 'internal', data: { days: command.days, reason: command.reason } }];
    case 'decide_extension': {
      requireState(snapshot, ['handling'], 'decide an extension of');
      if (data.extension?.status !== 'pending') refuse('No extension is waiting for a decision');
      const feedbackDueAt = command.approve ? due({ amount: data.extension.days, unit: 'calendar_day' }, new Date(data.feedbackDueAt)) : data.feedbackDueAt;
      return [{ type: 'extension_decided', visibility: 'public', data: { approve: command.approve, note: command.note ?? null, days: data.extension.days, reason: data.extension.reason, feedbackDueAt } }];
    }
    case 'reply':
      requireState(snapshot, ['handling'], 'reply to');
      return [
        { type: 'replied', visibility: 'public', data: { text: command.text, unitId: snapshot.handlingUnitId, followUpDueAt: due(limits.followUpWindow) } },
        ...(command.internalNote ? [{ type: 'note_added', visibility: 'internal' as const, data: { text: command.internalNote } }] : []),
      ];
    case 'rate':
    case 'record_follow_up': {
      requireState(snapshot, ['replied'], 'rate');
      const rated: EventDraft = { type: 'rated', visibility: 'public', data: { rating: command.rating, comment: command.comment ?? null, by: command.type === 'rate' ? 'resident' : 'staff' } };
      return command.rating === 'unsatisfied' ? [rated] : [rated, { type: 'closed', visibility: 'public', data: { reason: 'rated' } }];
    }
    case 'reopen':
      requireState(snapshot, ['followed_up'], 'reopen');
      return [{ type: 'reopened', visibility: 'public', data: { reason: command.reason, feedbackDueAt: due(limits.feedback[cls]) } }];
    case 'close':
      requireState(snapshot, ['followed_up'], 'close');
      return [{ type: 'closed', visibility: 'public', data: { reason: 'closed_after_follow_up', note: command.note ?? null } }];
    case 'close_unrated':
      requireState(snapshot, ['replied', 'followed_up'], 'close');
      return [{ type: 'closed', visibility: 'public', data: { reason: snapshot.state === 'replied' ? 'not_rated_in_time' : 'not_reopened_in_time' } }];
    case 'supervise':
      requireState(snapshot, [...OPEN_BEFORE_REPLY], 'supervise');
      if (command.dueAt && command.dueAt <= now.toISOString()) {
        throw new DomainError('validation_failed', 'The supervision deadline must be in the future', { issues: [{ field: 'body.dueAt', message: 'Must be in the future' }] });
      }
      return [{ type: 'supervised', visibility: 'internal', data: { note: command.note, dueAt: command.dueAt ? new Date(command.dueAt).toISOString() : null } }];
    case 'flag_overdue':
      if (data.overdue[command.clock]) return [];
      return [{ type: 'overdue_flagged', visibility: 'internal', data: { clock: command.clock } }];
    case 'merge_into':
      requireState(snapshot, [...OPEN_BEFORE_REPLY], 'merge');
      if (command.parentId === snapshot.id) refuse('An appeal cannot be merged into itself');
      return [{ type: 'merged', visibility: 'public', data: { parentId: command.parentId } }];
    case 'absorb':
      // The parent's reply will reach the duplicate's requester, so it must still be on its way to one.
      if (!OPEN_BEFORE_REPLY.includes(snapshot.state as AppealState)) refuse(`The appeal to merge into is already ${snapshot.state}`, { parentState: snapshot.state });
      return [{ type: 'duplicate_absorbed', visibility: 'internal', data: { childId: command.childId } }];
    case 'reply_from_parent':
      requireState(snapshot, ['merged'], 'pass on a reply to');
      return [{ type: 'parent_replied', visibility: 'public', data: { parentId: command.parentId, text: command.text } }];
    case 'withdraw':
      requireState(snapshot, [...OPEN_BEFORE_REPLY], 'withdraw');
      return [{ type: 'withdrawn', visibility: 'public', data: { reason: command.reason ?? null } }];
    case 'note':
      return [{ type: 'note_added', visibility: 'internal', data: { text: command.text } }];
  }
}

function openEvents(command: OpenCommand, ctx: DecideContext, due: (d: Duration) => string): EventDraft[] {
  const limits = limitsFrom(ctx.settings);
  const root = ctx.directory.root();
  const registered: EventDraft = {
    type: 'registered', visibility: 'public',
    data: { ...command, id: newId(), feedbackDueAt: due(limits.feedback[command.slaClass]), dispatcherUnitId: root?.id ?? null },
  };
  if (!command.target) return [registered];
  const unit = ctx.directory.get(command.target.unitId);
  return [registered, {
    type: 'dispatched', visibility: 'public',
    data: { unitId: command.target.unitId, unitName: unit?.nameZh ?? '', level: command.target.level, note: null, designated: false, auto: true, dispatcherUnitId: root?.id ?? null, signForDueAt: due(limits.signFor[command.slaClass]) },
  }];
}

export function evolveAppeal(snapshot: AppealSnapshot | null, event: AppliedEvent): AppealSnapshot {
  const d = event.data as Record<string, any>;
  if (event.type === 'registered') {
    const c = d as OpenCommand & { id: string; feedbackDueAt: string; dispatcherUnitId: string | null };
    return {
      id: c.id, kind: 'appeal', state: 'registered', trackingCode: '', title: c.title, jurisdictionId: c.jurisdictionId,
      handlingUnitId: c.dispatcherUnitId, assigneeId: null, priority: PRIORITY_BY_CLASS[c.slaClass], lng: c.lng, lat: c.lat, locationText: c.locationText,
      requesterPersonId: c.requesterPersonId, requesterUserId: c.requesterUserId, dueAt: c.feedbackDueAt, version: 0, createdAt: event.at, updatedAt: event.at, closedAt: null,
      data: {
        channel: c.channel, categoryCode: c.categoryCode, slaClass: c.slaClass, description: c.description, hideIdentity: c.hideIdentity, publish: c.publish,
        attachmentIds: c.attachmentIds, receivedBy: c.receivedBy, level: 'district', dispatcherUnitId: c.dispatcherUnitId, dispatchedAt: null, signForDueAt: null,
        feedbackDueAt: c.feedbackDueAt, followUpDueAt: null, returns: 0, mustDesignate: false, designated: false, escalations: 0, extension: null, reply: null, rating: null,
        reopenCount: 0, supervision: null, overdue: {}, parentId: null, childIds: [],
      },
    };
  }
  if (!snapshot) throw new DomainError('internal', `Event ${event.type} before registration`);
  const s = snapshot;
  const data = s.data;
  switch (event.type) {
    case 'dispatched':
      return { ...s, state: 'dispatched', handlingUnitId: d.unitId, dueAt: d.signForDueAt, data: { ...data, level: d.level, designated: d.designated, dispatcherUnitId: d.dispatcherUnitId ?? data.dispatcherUnitId, dispatchedAt: event.at, signForDueAt: d.signForDueAt, overdue: leadersClocks(data.overdue) } };
    case 'signed_for':
      return { ...s, state: 'handling', dueAt: data.feedbackDueAt, data: { ...data, signForDueAt: null } };
    case 'returned':
      return { ...s, state: 'returned', handlingUnitId: d.to, dueAt: data.feedbackDueAt, data: { ...data, returns: d.returns, mustDesignate: Boolean(d.mustDesignate), level: null, signForDueAt: null } };
    case 'escalated':
      return { ...s, state: 'dispatched', handlingUnitId: d.to, dueAt: d.signForDueAt, data: { ...data, level: d.level, escalations: data.escalations + 1, dispatchedAt: event.at, designated: false, dispatcherUnitId: null, signForDueAt: d.signForDueAt, feedbackDueAt: d.feedbackDueAt, overdue: leadersClocks(data.overdue) } };
    case 'extension_requested':
      return { ...s, data: { ...data, extension: { days: d.days, reason: d.reason, status: 'pending', requestedAt: event.at } } };
    case 'extension_decided':
      return { ...s, dueAt: s.state === 'handling' ? d.feedbackDueAt : s.dueAt, data: { ...data, feedbackDueAt: d.feedbackDueAt, extension: data.extension && { ...data.extension, status: d.approve ? 'approved' : 'rejected' }, overdue: d.approve ? { ...data.overdue, feedback: undefined } : data.overdue } };
    case 'replied':
      return { ...s, state: 'replied', dueAt: d.followUpDueAt, data: { ...data, reply: { text: d.text, at: event.at }, followUpDueAt: d.followUpDueAt } };
    case 'rated':
      return { ...s, state: 'followed_up', data: { ...data, rating: { value: d.rating, comment: d.comment, at: event.at, by: d.by } } };
    case 'reopened':
      return { ...s, state: 'handling', dueAt: d.feedbackDueAt, data: { ...data, reopenCount: data.reopenCount + 1, feedbackDueAt: d.feedbackDueAt, reply: null, rating: null, followUpDueAt: null, overdue: leadersClocks(data.overdue) } };
    case 'closed':
      return { ...s, state: 'closed', dueAt: null };
    case 'supervised':
      return { ...s, data: { ...data, supervision: { note: d.note, dueAt: d.dueAt, at: event.at, by: event.actorLabel }, overdue: { ...data.overdue, supervision: undefined } } };
    case 'overdue_flagged':
      return { ...s, data: { ...data, overdue: { ...data.overdue, [d.clock]: event.at } } };
    case 'merged':
      return { ...s, state: 'merged', dueAt: null, data: { ...data, parentId: d.parentId } };
    case 'duplicate_absorbed':
      return { ...s, data: { ...data, childIds: [...data.childIds, d.childId] } };
    case 'parent_replied':
      return { ...s, data: { ...data, reply: { text: d.text, at: event.at } } };
    case 'withdrawn':
      return { ...s, state: 'withdrawn', dueAt: null };
    case 'note_added':
      return s;
    default:
      throw new DomainError('internal', `Unknown appeal event ${event.type}`);
  }
}
