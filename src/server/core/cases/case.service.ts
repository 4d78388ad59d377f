// The one write path for cases (DESIGN.md principle 2): access check → load → decide →
// one transaction (case row with optimistic version, events, timers, outbox, audit) →
// the snapshot with the actor's abilities.
import { DomainError, notFound } from '../../../shared/errors.ts';
import { newId, randomCode } from '../../../shared/ids.ts';
import { toLocalDate } from '../../../shared/time/local-date.ts';
import { appendAudit } from '../../platform/audit/audit.repository.ts';
import { enqueueMessage } from '../../platform/outbox/outbox.repository.ts';
import type { Db, Deps } from '../../deps.ts';
import { actorId, actorLabel, can, canAt, isRequester, requirePermission, requireSignedIn, systemActor, type Actor } from '../../../shared/actor.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { calendarForPath } from '../calendar/calendar.service.ts';
import { loadDirectory, type JurisdictionDirectory } from '../jurisdictions/jurisdiction-directory.ts';
import { settingsForPath } from '../settings/settings.repository.ts';
import type { AppliedEvent, CaseModule, CaseSnapshot, DecideContext } from './case-module.ts';
import { caseEvents, findVisibleCase, nextEventSeq, toSnapshot } from './case.repository.ts';

export function moduleFor(deps: Deps, kind: string): CaseModule {
  const module = deps.modules.find((m) => m.kind === kind);
  if (!module) throw notFound(`Case type ${kind}`);
  return module;
}

export async function decideContext(db: Db, deps: Deps, actor: Actor, module: CaseModule, jurisdictionId: string, directory?: JurisdictionDirectory): Promise<DecideContext> {
  const dir = directory ?? (await loadDirectory(db, deps.tenantId));
  const path = dir.get(jurisdictionId)?.path;
  if (!path) throw notFound('Jurisdiction');
  const [calendar, settings] = await Promise.all([
    calendarForPath(db, deps.tenantId, path),
    settingsForPath(db, deps.tenantId, path, module.kind),
  ]);
  return { now: deps.clock.now(), actor, calendar, directory: dir, settings };
}

function permissionsFor(module: CaseModule, type: string): Array<Permission | 'resident'> {
  const permission = module.commandPermission(type);
  return Array.isArray(permission) ? permission : [permission];
}

/** The kernel's own check on top of the module's: the actor holds the command's permission where the case is. */
export function permittedCommand(module: CaseModule, snapshot: CaseSnapshot, actor: Actor, directory: JurisdictionDirectory, type: string): boolean {
  if (actor.kind === 'system') return true;
  const paths = [directory.get(snapshot.jurisdictionId)?.path, directory.get(snapshot.handlingUnitId)?.path].filter((p): p is string => Boolean(p));
  return permissionsFor(module, type).some((permission) =>
    permission === 'resident'
      ? isRequester(actor, snapshot)
      : paths.some((p) => canAt(actor, permission, p)));
}

/** The route check: a resident's own command, or a staff permission held somewhere. */
function requireCommandPermission(module: CaseModule, actor: Actor, type: string) {
  const permissions = permissionsFor(module, type);
  if (actor.kind === 'resident' && permissions.includes('resident')) return;
  const staffPermission = permissions.find((p): p is Permission => p !== 'resident');
  if (!staffPermission) throw new DomainError('forbidden', `Only the resident who raised the case may ${type} it`);
  if (!permissions.some((p) => p !== 'resident' && can(actor, p))) requirePermission(actor, staffPermission);
}

/**
 * The route check of POST /api/cases/:id/commands before the case is looked up: a staff member must hold the
 * command's permission somewhere (for a case type that knows it), so that a missing permission is a 403, not
 * a "not found". Residents are checked at their case (their own commands only).
 */
export function requireCommandRoute(deps: Deps, actor: Actor, type: string) {
  requireSignedIn(actor);
  if (actor.kind !== 'staff') return;
  let refusal: unknown = null;
  for (const module of deps.modules) {
    try {
      requireCommandPermission(module, actor, type);
      return;
    } catch (error) {
      refusal ??= error;
    }
  }
  if (refusal) throw refusal;
}

/** The route check for reading cases and their attachments: residents read their own, staff need case.read. */
export function requireCaseRead(actor: Actor): void {
  requireSignedIn(actor);
  if (actor.kind === 'staff') requirePermission(actor, 'case.read');
}

export function abilitiesOf(module: CaseModule, snapshot: CaseSnapshot, actor: Actor, directory: JurisdictionDirectory): string[] {
  return module.abilities(snapshot, actor, directory).filter((type) => permittedCommand(module, snapshot, actor, directory, type));
}

function trackingCode(module: CaseModule, now: Date): string {
  return `${module.trackingPrefix}${toLocalDate(now).slice(2).replaceAll('-', '')}-${randomCode(6)}`;
}

/**
 * Decides and stores one command inside `trx`. `previous` is null when the command opens a case.
 * Returns the new snapshot, or the unchanged one when the command produced no events.
 */
export async function applyCommand(
  trx: Db, deps: Deps, module: CaseModule, actor: Actor, previous: CaseSnapshot | null, command: { type: string }, ctx: DecideContext, requestId: string | null,
): Promise<{ snapshot: CaseSnapshot; events: AppliedEvent[] }> {
  const drafts = module.decide(previous, command, ctx);
  if (drafts.length === 0) {
    if (!previous) throw new DomainError('invalid_transition', 'The command opened nothing');
    return { snapshot: previous, events: [] };
  }
  const at = ctx.now.toISOString();
  const applied: AppliedEvent[] = drafts.map((d) => ({ ...d, at, actorId: actorId(actor), actorLabel: actorLabel(actor) }));
  let next = previous;
  for (const event of applied) next = module.evolve(next, event, ctx);
  if (!next) throw new DomainError('internal', 'The module produced no case');
  const category = module.states[next.state];
  if (!category) throw new DomainError('internal', `State ${next.state} has no category`);
  const version = (previous?.version ?? 0) + 1;
  const closedAt = category === 'closed' ? (previous?.closedAt ?? at) : null;
  next = { ...next, version, updatedAt: at, closedAt, ...(previous ? {} : { createdAt: at, trackingCode: trackingCode(module, ctx.now) }) };
  const path = ctx.directory.get(next.jurisdictionId)?.path;
  if (!path) throw new DomainError('validation_failed', 'The case lies outside the district', { issues: [{ field: 'jurisdictionId', message: 'Unknown jurisdiction' }] });

  const row = {
    kind: module.kind, state: next.state, stateCategory: category, title: next.title, jurisdictionId: next.jurisdictionId, jurisdictionPath: path,
    handlingUnitId: next.handlingUnitId, assigneeId: next.assigneeId, priority: next.priority, lng: next.lng, lat: next.lat, locationText: next.locationText,
    requesterPersonId: next.requesterPersonId, requesterUserId: next.requesterUserId, requesterHidden: module.requesterHidden?.(next) ? 1 : 0,
    dueAt: next.dueAt, data: JSON.stringify(next.data),
    version, updatedAt: at, closedAt,
  };
  if (!previous) {
    await trx.insertInto('case').values({ ...row, id: next.id, tenantId: deps.tenantId, trackingCode: next.trackingCode, createdAt: at }).execute();
  } else {
    const result = await trx.updateTable('case').set(row).where('id', '=', next.id).where('version', '=', previous.version).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new DomainError('version_conflict', 'The case was changed by someone else; reload and try again');
  }

  const firstSeq = previous ? await nextEventSeq(trx, next.id) : 1;
  await trx.insertInto('caseEvent').values(applied.map((e, i) => ({
    id: newId(), tenantId: deps.tenantId, caseId: next.id, seq: firstSeq + i, type: e.type, actorId: e.actorId, actorLabel: e.actorLabel,
    visibility: e.visibility, data: JSON.stringify(e.data), at: e.at,
  }))).execute();

  await module.project?.(trx, deps, next, applied, ctx);

  if (previous) await trx.deleteFrom('caseTimer').where('caseId', '=', next.id).where('firedAt', 'is', null).execute();
  const timers = category === 'open' ? module.timers(next, ctx) : [];
  if (timers.length) {
    await trx.insertInto('caseTimer').values(timers.map((t) => ({
      id: newId(), tenantId: deps.tenantId, caseId: next.id, kind: t.kind, dueAt: t.dueAt, caseVersion: version, firedAt: null, createdAt: at,
    }))).execute();
  }

  const messages = module.messages?.(next, applied) ?? [];
  if (messages.length && next.requesterPersonId) {
    const person = await trx.selectFrom('person').select(['phoneEnc', 'emailEnc']).where('id', '=', next.requesterPersonId).executeTakeFirst();
    const phone = deps.cipher.decryptOptional(person?.phoneEnc ?? null);
    const email = deps.cipher.decryptOptional(person?.emailEnc ?? null);
    for (const message of messages) {
      if (phone) await enqueueMessage(trx, deps, at, 'sms', { to: phone, ...message });
      else if (email) await enqueueMessage(trx, deps, at, 'email', { to: email, ...message });
    }
  }

  for (const follow of module.cascade?.(next, applied) ?? []) {
    const row = await trx.selectFrom('case').selectAll().where('tenantId', '=', deps.tenantId).where('id', '=', follow.caseId).where('kind', '=', module.kind).executeTakeFirst();
    if (!row) throw new DomainError('validation_failed', 'A linked case does not exist', { issues: [{ field: 'caseId', message: follow.caseId }] });
    const linked = toSnapshot(row);
    const linkedCtx = { ...ctx, actor: systemActor(deps.tenantId, actorLabel(actor)) };
    await applyCommand(trx, deps, module, linkedCtx.actor, linked, follow.command, linkedCtx, requestId);
  }

  await appendAudit(trx, deps.engine, deps.tenantId, at, [{
    actorId: actorId(actor), actorLabel: actorLabel(actor), action: `case.${command.type}`, objectType: 'case', objectId: next.id,
    subjectPersonId: next.requesterPersonId, requestId, detail: { kind: module.kind, state: next.state, version, events: applied.map((e) => e.type) },
  }]);
  return { snapshot: next, events: applied };
}

/**
 * Opens a case. `prepare` runs first inside the transaction, for what must commit with the
 * case (e.g. recording the requester), and returns the final command.
 */
export async function openCase<C extends { type: string; jurisdictionId: string }>(
  deps: Deps, actor: Actor, kind: string, command: C, requestId: string | null, prepare?: (trx: Db, command: C) => Promise<C>,
  options: { staffPermission?: Permission } = {},
) {
  const module = moduleFor(deps, kind);
  return deps.db.transaction().execute(async (trx) => {
    const ctx = await decideContext(trx, deps, actor, module, command.jurisdictionId);
    // Intake open to the public names 'resident'; staff intake needs the permission where the case lies.
    const permissions = permissionsFor(module, command.type);
    const path = ctx.directory.get(command.jurisdictionId)!.path;
    if (!permissions.includes('resident') && !permissions.some((p) => p !== 'resident' && canAt(actor, p, path))) {
      requireCommandPermission(module, actor, command.type);
      throw notFound('Jurisdiction');
    }
    // A staff door to an intake open to residents (e.g. a hotline form) names the permission it needs there.
    if (options.staffPermission && !canAt(actor, options.staffPermission, path)) {
      requirePermission(actor, options.staffPermission);
      throw notFound('Jurisdiction');
    }
    const finalCommand = prepare ? await prepare(trx, command) : command;
    return (await applyCommand(trx, deps, module, actor, null, finalCommand, ctx, requestId)).snapshot;
  });
}

export async function runTransition(deps: Deps, actor: Actor, caseId: string, command: { type: string; [field: string]: unknown }, options: { expectedVersion?: number | undefined; requestId: string | null }) {
  requireSignedIn(actor);
  return deps.db.transaction().execute(async (trx) => {
    const row = await findVisibleCase(trx, deps.tenantId, actor, caseId, deps.engine === 'postgres');
    if (!row) throw notFound('Case');
    const module = moduleFor(deps, row.kind);
    const snapshot = toSnapshot(row);
    if (options.expectedVersion !== undefined && options.expectedVersion !== snapshot.version) {
      throw new DomainError('version_conflict', 'The case was changed by someone else; reload and try again', { currentVersion: snapshot.version });
    }
    const ctx = await decideContext(trx, deps, actor, module, snapshot.jurisdictionId);
    requireCommandPermission(module, actor, command.type);
    const refuse = () => new DomainError('forbidden', `You may not ${command.type} this case now`, { command: command.type, abilities: abilitiesOf(module, snapshot, actor, ctx.directory) });
    if (!permittedCommand(module, snapshot, actor, ctx.directory, command.type)) throw refuse();
    // The module's policy is the third check. When it says no, deciding (pure) tells a command the
    // state does not allow (409) from one this actor may not give (403).
    if (!module.abilities(snapshot, actor, ctx.directory).includes(command.type)) {
      module.decide(snapshot, command, ctx);
      throw refuse();
    }
    const result = await applyCommand(trx, deps, module, actor, snapshot, command, ctx, options.requestId);
    const abilities = abilitiesOf(module, result.snapshot, actor, ctx.directory);
    if (actor.kind !== 'staff') return { ...result, abilities };
    const view = presentForStaff(module, result.snapshot, actor, ctx.directory);
    return { snapshot: view.snapshot, events: result.events.map(view.redactEvent), abilities };
  });
}

const REQUESTER_FIELDS = ['requesterPersonId', 'requesterUserId'] as const;

/**
 * What a staff member may read of a case: when the module hides the requester from them, the
 * requester's ids leave the snapshot and every event, and their own steps lose their name.
 */
export function presentForStaff(module: CaseModule, snapshot: CaseSnapshot, actor: Actor, directory: JurisdictionDirectory) {
  const hide = actor.kind === 'staff' && (module.hidesRequesterFrom?.(snapshot, actor, directory) ?? false);
  if (!hide) return { snapshot, hide, redactEvent: <E extends { actorId: string | null; actorLabel: string; data: unknown }>(e: E) => e };
  const redactEvent = <E extends { actorId: string | null; actorLabel: string; data: unknown }>(e: E): E => {
    const data = { ...(e.data as Record<string, unknown>) };
    for (const field of REQUESTER_FIELDS) delete data[field];
    delete data.contact;
    return { ...e, data, actorId: e.actorId === snapshot.requesterUserId ? null : e.actorId, actorLabel: e.actorId && e.actorId === snapshot.requesterUserId ? '' : e.actorLabel };
  };
  return { snapshot: { ...snapshot, requesterPersonId: null, requesterUserId: null }, hide, redactEvent };
}

export async function caseDetail(deps: Deps, actor: Actor, caseId: string) {
  requireCaseRead(actor);
  const row = await findVisibleCase(deps.db, deps.tenantId, actor, caseId, false);
  if (!row) throw notFound('Case');
  const module = moduleFor(deps, row.kind);
  const snapshot = toSnapshot(row);
  const directory = await loadDirectory(deps.db, deps.tenantId);
  const resident = actor.kind === 'resident';
  const events = (await caseEvents(deps.db, deps.tenantId, caseId, resident)).map((e) => ({ ...e, data: JSON.parse(e.data) as unknown }));
  const abilities = abilitiesOf(module, snapshot, actor, directory);
  if (resident) {
    return {
      case: { ...snapshot, assigneeId: null, data: module.publicData?.(snapshot) ?? {} },
      stateCategory: row.stateCategory,
      abilities,
      // Residents see public steps; staff appear by their unit's step, not by name.
      timeline: events.map((e) => ({ ...e, actorId: null, actorLabel: e.actorId === actorId(actor) ? e.actorLabel : '' })),
    };
  }
  const view = presentForStaff(module, snapshot, actor, directory);
  return { case: view.snapshot, requesterHidden: view.hide, stateCategory: row.stateCategory, abilities, timeline: events.map(view.redactEvent) };
}
