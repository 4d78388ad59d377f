// The case kernel on real databases: one write path, optimistic versions, the deadline
// engine (stored due_at, indexed sweep, idempotent, safe with concurrent sweepers) and the outbox.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCase, runTransition } from '../../src/server/core/cases/case.service.ts';
import { sweepDeadlines } from '../../src/server/core/cases/deadline-engine.ts';
import { systemActor, type Actor } from '../../src/shared/actor.ts';
import { loadStaffGrants } from '../../src/server/core/people/auth.service.ts';
import { drainOutbox, MAX_ATTEMPTS } from '../../src/server/platform/outbox/outbox.worker.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit.repository.ts';
import { openDemoDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-deps.ts';
import { ticketModule } from '../support/ticket-module.ts';
import type { Deps } from '../../src/server/deps.ts';

let db: TestDatabase;
let deps: Deps;

async function unit(code: string) {
  return (await deps.db.selectFrom('jurisdiction').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow());
}

async function staff(username: string): Promise<Actor> {
  const user = await deps.db.selectFrom('appUser').select(['id']).where('username', '=', username).executeTakeFirstOrThrow();
  return { kind: 'staff', tenantId: deps.tenantId, userId: user.id, label: username, grants: await loadStaffGrants(deps, user.id), tokenScopes: null };
}

async function openTicket(code = 'nk-ch-01', title = '楼道灯不亮', requesterPersonId: string | null = null) {
  const { id } = await unit(code);
  return openCase(deps, systemActor(deps.tenantId), 'ticket', { type: 'open', title, jurisdictionId: id, requesterUserId: null, requesterPersonId } as never, null);
}

beforeEach(async () => {
  // Tuesday 2026-09-29 10:00 in Tianjin: the National Day holiday starts on Thursday.
  db = await openDemoDatabase({ modules: [ticketModule], now: '2026-09-29T02:00:00.000Z' });
  deps = db.deps;
});
afterEach(async () => db.close());

describe('runTransition', () => {
  it('writes the case, its events and an audit row in one step, and bumps the version', async () => {
    const opened = await openTicket();
    expect(opened.version).toBe(1);
    expect(opened.trackingCode).toMatch(/^TK260929-[0-9A-Z]{6}$/);
    const worker = await staff('changhuali.worker');
    const { snapshot, abilities } = await runTransition(deps, worker, opened.id, { type: 'sign_for' }, { requestId: 'r1' });
    expect(snapshot).toMatchObject({ state: 'handling', version: 2 });
    expect(abilities).toEqual(['close']);
    const events = await deps.db.selectFrom('caseEvent').select(['seq', 'type', 'actorLabel']).where('caseId', '=', opened.id).orderBy('seq').execute();
    expect(events).toEqual([{ seq: 1, type: 'opened', actorLabel: 'system' }, { seq: 2, type: 'signed_for', actorLabel: 'changhuali.worker' }]);
    const audit = await deps.db.selectFrom('auditLog').select(['action', 'requestId']).where('objectId', '=', opened.id).orderBy('seq').execute();
    expect(audit).toEqual([{ action: 'case.open', requestId: null }, { action: 'case.sign_for', requestId: 'r1' }]);
    expect((await verifyAuditChain(deps.db, deps.tenantId)).ok).toBe(true);
  });

  it('refuses a stale version and an action the state does not allow, changing nothing', async () => {
    const opened = await openTicket();
    const worker = await staff('changhuali.worker');
    await expect(runTransition(deps, worker, opened.id, { type: 'sign_for' }, { expectedVersion: 7, requestId: null })).rejects.toMatchObject({ code: 'version_conflict' });
    await expect(runTransition(deps, worker, opened.id, { type: 'close', note: 'x' }, { requestId: null })).rejects.toMatchObject({ code: 'invalid_transition' });
    const row = await deps.db.selectFrom('case').select(['state', 'version']).where('id', '=', opened.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'registered', version: 1 });
    expect(await deps.db.selectFrom('caseEvent').select('id').where('caseId', '=', opened.id).execute()).toHaveLength(1);
  });

  it('lets exactly one of two racing transitions win', async () => {
    const opened = await openTicket();
    const worker = await staff('changhuali.worker');
    const results = await Promise.allSettled([
      runTransition(deps, worker, opened.id, { type: 'sign_for' }, { expectedVersion: 1, requestId: null }),
      runTransition(deps, worker, opened.id, { type: 'sign_for' }, { expectedVersion: 1, requestId: null }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await deps.db.selectFrom('caseEvent').select('id').where('caseId', '=', opened.id).execute()).toHaveLength(2);
  });
});

describe('deadline engine', () => {
  it('stores the due date on the working-day calendar: one working day from Tuesday before National Day is Wednesday', async () => {
    const opened = await openTicket();
    expect(opened.dueAt).toBe('2026-09-30T15:59:59.999Z');
    const timers = await deps.db.selectFrom('caseTimer').select(['kind', 'dueAt', 'firedAt']).where('caseId', '=', opened.id).execute();
    expect(timers).toEqual([{ kind: 'sign_for', dueAt: '2026-09-30T15:59:59.999Z', firedAt: null }]);
  });

  it('does nothing before the deadline and escalates to the street after it; the next clock skips the holiday', async () => {
    const opened = await openTicket();
    db.clock.set('2026-09-30T15:00:00.000Z');
    expect(await sweepDeadlines(deps)).toEqual({ fired: 0, acted: 0, stale: 0 });
    db.clock.set('2026-09-30T16:00:00.000Z');
    expect(await sweepDeadlines(deps)).toEqual({ fired: 1, acted: 1, stale: 0 });
    const row = await deps.db.selectFrom('case').selectAll().where('id', '=', opened.id).executeTakeFirstOrThrow();
    expect(row.handlingUnitId).toBe((await unit('nk-ch')).id);
    // Escalated at 00:00 on 10-01, a holiday (10-01…10-07 off): the next working day is Thursday 10-08.
    expect(row.dueAt).toBe('2026-10-08T15:59:59.999Z');
    const escalated = await deps.db.selectFrom('caseEvent').select(['type', 'actorLabel', 'data']).where('caseId', '=', opened.id).where('type', '=', 'escalated').executeTakeFirstOrThrow();
    expect(escalated.actorLabel).toBe('deadline-engine');
    expect(JSON.parse(escalated.data).reason).toBe('not signed for in time');
    // Idempotent: sweeping again at the same instant changes nothing.
    expect(await sweepDeadlines(deps)).toEqual({ fired: 0, acted: 0, stale: 0 });
  });

  it('ignores a timer made stale by a later transition', async () => {
    const opened = await openTicket();
    await deps.db.updateTable('caseTimer').set({ caseVersion: 0 }).where('caseId', '=', opened.id).execute();
    db.clock.set('2026-10-20T00:00:00.000Z');
    expect(await sweepDeadlines(deps)).toEqual({ fired: 1, acted: 0, stale: 1 });
    expect((await deps.db.selectFrom('case').select('version').where('id', '=', opened.id).executeTakeFirstOrThrow()).version).toBe(1);
  });

  it('acts on every due case once even with two sweepers at the same time', async () => {
    const count = 30;
    for (let i = 0; i < count; i++) await openTicket('nk-ch-01', `工单${i}`);
    db.clock.set('2026-10-01T00:00:00.000Z');
    const [a, b] = await Promise.all([sweepDeadlines(deps, { batchSize: 7 }), sweepDeadlines(deps, { batchSize: 7 })]);
    expect(a.acted + b.acted).toBe(count);
    const escalations = await deps.db.selectFrom('caseEvent').select('id').where('type', '=', 'escalated').execute();
    expect(escalations).toHaveLength(count);
    if (TEST_ENGINE === 'postgres') expect(a.acted).toBeGreaterThan(0);
  });
});

describe('outbox', () => {
  it('sends after commit, retries with backoff, and gives up after the last attempt', async () => {
    const person = await deps.db.selectFrom('person').select(['id', 'phoneEnc']).executeTakeFirstOrThrow();
    const opened = await openTicket('nk-ch-01', '噪音', person.id);
    const worker = await staff('changhuali.worker');
    await runTransition(deps, worker, opened.id, { type: 'sign_for' }, { requestId: null });
    await runTransition(deps, worker, opened.id, { type: 'close', note: '已处理' }, { requestId: null });

    const delivered: string[] = [];
    let failNext = 2;
    const deliver = async (_channel: string, message: { to: string; template: string }) => {
      if (failNext-- > 0) throw new Error('gateway down');
      delivered.push(`${message.to}:${message.template}`);
    };
    expect(await drainOutbox(deps, deliver)).toEqual({ sent: 0, failed: 1 });
    expect(await drainOutbox(deps, deliver)).toEqual({ sent: 0, failed: 0 }); // backing off
    db.clock.advance({ minutes: 1 });
    expect(await drainOutbox(deps, deliver)).toEqual({ sent: 0, failed: 1 });
    db.clock.advance({ minutes: 2 });
    expect(await drainOutbox(deps, deliver)).toEqual({ sent: 1, failed: 0 });
    expect(delivered).toEqual([`${deps.cipher.decrypt(person.phoneEnc!)}:ticket_closed`]);

    await openTicket();
    await deps.db.insertInto('outbox').values({
      id: 'dead-letter', tenantId: deps.tenantId, channel: 'sms', payload: deps.cipher.encrypt(JSON.stringify({ to: '19900000000', template: 'x', params: {} })),
      status: 'pending', attempts: MAX_ATTEMPTS - 1, nextAttemptAt: db.clock.now().toISOString(), lastError: null, createdAt: db.clock.now().toISOString(), sentAt: null,
    }).execute();
    await drainOutbox(deps, async () => { throw new Error('still down'); });
    const dead = await deps.db.selectFrom('outbox').select(['status', 'attempts', 'lastError']).where('id', '=', 'dead-letter').executeTakeFirstOrThrow();
    expect(dead).toEqual({ status: 'dead', attempts: MAX_ATTEMPTS, lastError: 'still down' });
  });
});
