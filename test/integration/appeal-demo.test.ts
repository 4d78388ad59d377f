// The demo appeals (src/modules/appeal/server/appeal.demo.ts) on the test engine: every stored timeline replays
// through the appeal machine to its row, timers and the appeal_record projection are what the kernel and
// projectAppeal would have written, every inbox of the demo accounts has work in it, the demo resident
// 19900010001 finds her own matters, search finds heating appeals, persons are synthetic and encrypted,
// and the audit chain holds. Also prints how long 3000 appeals take on this engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app.ts';
import { appealModule } from '../../src/modules/appeal/manifest.ts';
import { seedDemoAppeals } from '../../src/modules/appeal/server/appeal.demo.ts';
import { appealDb, communityAt } from '../../src/modules/appeal/server/appeal.intake.ts';
import { projectAppeal } from '../../src/modules/appeal/server/appeal.projection.ts';
import { APPEAL_SEARCH_INDEX } from '../../src/modules/appeal/server/appeal.migrations.ts';
import { APPEAL_STATES, type AppealSnapshot, type AppealState } from '../../src/modules/appeal/shared/appeal.machine.ts';
import type { AppliedEvent, DecideContext } from '../../src/server/core/cases/case-module.ts';
import { decideContext } from '../../src/server/core/cases/case.service.ts';
import { toSnapshot } from '../../src/server/core/cases/case.repository.ts';
import { loadDirectory, type JurisdictionDirectory } from '../../src/server/core/jurisdictions/jurisdiction-directory.ts';
import { DEMO_RESIDENTS } from '../../src/server/core/jurisdictions/demo-district.data.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit.repository.ts';
import { searchDocuments } from '../../src/server/platform/search/full-text.ts';
import type { CaseTable } from '../../src/server/platform/db/schema.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { toLocalDate } from '../../src/shared/time/local-date.ts';
import { openDemoDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-deps.ts';
import { as, login } from '../support/http.ts';
import { rawRows, residentSignIn } from '../support/spine.ts';

const COUNT = 400;
const OPEN_STATES = Object.entries(APPEAL_STATES).filter(([, c]) => c === 'open').map(([s]) => s);

let db: TestDatabase;
let app: FastifyInstance;
/** the counts the seed recorded in its audit row */
let summary: { appeals: number; events: number; persons: number; states: Record<string, number>; skipped: number };
let cases: CaseTable[];
let events: Map<string, AppliedEvent[]>;
let directory: JurisdictionDirectory;
let ctx: DecideContext;
let closed = false;

/** One test database at a time: Kysely's migrator looks for its tables in every PostgreSQL schema. */
async function closeMain() {
  if (closed) return;
  closed = true;
  await app.close();
  await db.close();
}

beforeAll(async () => {
  db = await openDemoDatabase();
  await seedDemoAppeals(db.deps, { count: COUNT });
  summary = await seedSummary(db);
  app = await buildApp(db.deps, { publicRateLimit: 100_000 });
  cases = await db.deps.db.selectFrom('case').selectAll().where('tenantId', '=', db.deps.tenantId).where('kind', '=', 'appeal').orderBy('createdAt').execute();
  const rows = await db.deps.db.selectFrom('caseEvent').selectAll().where('tenantId', '=', db.deps.tenantId).orderBy('caseId').orderBy('seq').execute();
  events = new Map();
  for (const r of rows) {
    const list = events.get(r.caseId) ?? [];
    expect(r.seq, `seq of ${r.caseId}`).toBe(list.length + 1);
    list.push({ type: r.type, visibility: r.visibility as AppliedEvent['visibility'], data: JSON.parse(r.data) as Record<string, unknown>, at: r.at, actorId: r.actorId, actorLabel: r.actorLabel });
    events.set(r.caseId, list);
  }
  directory = await loadDirectory(db.deps.db, db.deps.tenantId, true);
  ctx = await decideContext(db.deps.db, db.deps, systemActor(db.deps.tenantId), appealModule, cases[0]!.jurisdictionId, directory);
});

afterAll(closeMain);

async function seedSummary(test: TestDatabase): Promise<typeof summary> {
  const row = await test.deps.db.selectFrom('auditLog').select('detail').where('tenantId', '=', test.deps.tenantId).where('action', '=', 'appeal.seed_demo').executeTakeFirstOrThrow();
  return JSON.parse(row.detail) as typeof summary;
}

/** The case's events in their transitions (one command's events share its instant). */
function transitions(caseId: string): AppliedEvent[][] {
  const out: AppliedEvent[][] = [];
  for (const e of events.get(caseId) ?? []) {
    const last = out.at(-1);
    if (last && last[0]!.at === e.at) last.push(e);
    else out.push([e]);
  }
  return out;
}

/** Folds the events through the machine with the kernel's bookkeeping, yielding the snapshot after each transition. */
function* replay(row: CaseTable): Generator<{ snapshot: AppealSnapshot; applied: AppliedEvent[] }> {
  let snapshot: AppealSnapshot | null = null;
  let closedAt: string | null = null;
  for (const [i, applied] of transitions(row.id).entries()) {
    for (const e of applied) snapshot = appealModule.evolve(snapshot, e, ctx);
    const at = applied[0]!.at;
    closedAt = APPEAL_STATES[snapshot!.state as AppealState] === 'closed' ? (closedAt ?? at) : null;
    snapshot = { ...snapshot!, version: i + 1, trackingCode: row.trackingCode, createdAt: row.createdAt, updatedAt: at, closedAt };
    yield { snapshot, applied };
  }
}

function finalSnapshot(row: CaseTable): AppealSnapshot {
  let last: AppealSnapshot | undefined;
  for (const step of replay(row)) last = step.snapshot;
  return last!;
}

describe('demo appeals', () => {
  it('cover every open state, with most of the year closed', () => {
    expect(summary).toMatchObject({ appeals: COUNT, skipped: 0, events: [...events.values()].flat().length });
    expect(cases).toHaveLength(COUNT);
    const byState: Record<string, number> = {};
    for (const c of cases) byState[c.state] = (byState[c.state] ?? 0) + 1;
    expect(byState).toEqual(summary.states);
    for (const state of OPEN_STATES) expect(byState[state], state).toBeGreaterThan(0);
    for (const state of ['closed', 'merged', 'withdrawn']) expect(byState[state], state).toBeGreaterThan(0);
    const closed = cases.filter((c) => c.stateCategory === 'closed').length;
    expect(closed / COUNT).toBeGreaterThan(0.85);
    const yearAgo = new Date(db.clock.now().getTime() - 366 * 86_400_000).toISOString();
    expect(cases.every((c) => c.createdAt > yearAgo && c.createdAt <= db.clock.now().toISOString())).toBe(true);
  });

  it('replay through the appeal machine to the stored rows', () => {
    for (const row of cases) {
      const s = finalSnapshot(row);
      const label = `${row.trackingCode} ${row.state}`;
      expect({ state: row.state, stateCategory: row.stateCategory, handlingUnitId: row.handlingUnitId, dueAt: row.dueAt, version: row.version, title: row.title }, label)
        .toEqual({ state: s.state, stateCategory: APPEAL_STATES[s.state as AppealState], handlingUnitId: s.handlingUnitId, dueAt: s.dueAt, version: s.version, title: s.title });
      expect(JSON.parse(row.data), label).toEqual(s.data);
      expect({ updatedAt: row.updatedAt, closedAt: row.closedAt, requesterHidden: row.requesterHidden }, label)
        .toEqual({ updatedAt: s.updatedAt, closedAt: s.closedAt, requesterHidden: s.data.hideIdentity ? 1 : 0 });
      expect(row.jurisdictionPath).toBe(directory.get(row.jurisdictionId)!.path);
      expect(row.trackingCode).toMatch(/^SQ\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/);
      expect(row.trackingCode.slice(2, 8)).toBe(toLocalDate(new Date(row.createdAt)).slice(2).replaceAll('-', ''));
    }
    expect(new Set(cases.map((c) => c.trackingCode)).size).toBe(COUNT);
  });

  it('tell true stories: escalations by the deadline engine, returns, designation, merged duplicates with their parent', () => {
    const all = [...events.values()].flat();
    const engine = all.filter((e) => e.actorLabel === 'deadline-engine');
    expect(engine.some((e) => e.type === 'escalated' && e.data.reason === '签收超时，自动上报')).toBe(true);
    expect(all.some((e) => e.type === 'returned')).toBe(true);
    expect(all.some((e) => e.type === 'dispatched' && e.data.designated === true)).toBe(true);
    expect(all.some((e) => e.type === 'supervised' && e.actorLabel.includes('leader'))).toBe(true);
    const staffLabels = new Set(all.filter((e) => ['signed_for', 'replied'].includes(e.type)).map((e) => e.actorLabel));
    expect(staffLabels).toContain('changhuali.worker');
    expect(staffLabels).toContain('housing.handler');
    const byId = new Map(cases.map((c) => [c.id, c]));
    const merged = cases.filter((c) => c.state === 'merged');
    for (const child of merged) {
      const parentId = (JSON.parse(child.data) as { parentId: string }).parentId;
      expect((JSON.parse(byId.get(parentId)!.data) as { childIds: string[] }).childIds).toContain(child.id);
    }
  });

  it('keep pending timers for open appeals only, as the module sets them', async () => {
    const timers = await db.deps.db.selectFrom('caseTimer').selectAll().where('tenantId', '=', db.deps.tenantId).execute();
    expect(timers.every((t) => t.firedAt === null)).toBe(true);
    const byCase = new Map<string, typeof timers>();
    for (const t of timers) byCase.set(t.caseId, [...(byCase.get(t.caseId) ?? []), t]);
    for (const row of cases) {
      const stored = (byCase.get(row.id) ?? []).map((t) => ({ kind: t.kind, dueAt: t.dueAt, caseVersion: t.caseVersion })).sort((a, b) => a.kind.localeCompare(b.kind));
      const expected = row.stateCategory === 'open' ? appealModule.timers(toSnapshot(row) as unknown as AppealSnapshot, ctx).map((t) => ({ ...t, caseVersion: row.version })).sort((a, b) => a.kind.localeCompare(b.kind)) : [];
      expect(stored, row.trackingCode).toEqual(expected);
    }
    expect(timers.length).toBeGreaterThan(0);
  });

  it('project each appeal into appeal_record and the search index exactly as projectAppeal would', async () => {
    const records = await appealDb(db.deps.db).selectFrom('appealRecord').selectAll().where('tenantId', '=', db.deps.tenantId).execute();
    expect(records.map((r) => r.caseId).sort()).toEqual(cases.map((c) => c.id).sort());
    const seeded = new Map(records.map((r) => [r.caseId, r]));
    const body = async (trx: typeof db.deps.db, id: string) =>
      (await sql<{ body: string }>`select body from ${sql.id(APPEAL_SEARCH_INDEX)} where doc_id = ${id}`.execute(trx)).rows.map((r) => r.body);
    // A few appeals of every state, projected again transition by transition, in a transaction rolled back.
    const sample = Object.keys(APPEAL_STATES).flatMap((state) => cases.filter((c) => c.state === state).slice(0, 6));
    class Rollback extends Error {}
    for (const row of sample) {
      const before = await body(db.deps.db, row.id);
      let again: { record: unknown; body: string[] } | undefined;
      await db.deps.db.transaction().execute(async (trx) => {
        await appealDb(trx).deleteFrom('appealRecord').where('caseId', '=', row.id).execute();
        for (const { snapshot, applied } of replay(row)) await projectAppeal(trx, db.deps, snapshot, applied, ctx);
        again = { record: await appealDb(trx).selectFrom('appealRecord').selectAll().where('caseId', '=', row.id).executeTakeFirstOrThrow(), body: await body(trx, row.id) };
        throw new Rollback();
      }).catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
      expect(again!.record, `${row.trackingCode} ${row.state}`).toEqual(seeded.get(row.id));
      expect(before).toHaveLength(1);
      expect(again!.body, row.trackingCode).toEqual(before);
    }
    const terms = await appealDb(db.deps.db).selectFrom('appealCategoryTerm').selectAll().where('tenantId', '=', db.deps.tenantId).where('categoryCode', '=', 'property').execute();
    expect(terms.length).toBeGreaterThan(0);
  });

  it('lie inside the community they belong to', () => {
    for (const row of cases) {
      expect(row.lng).not.toBeNull();
      expect(communityAt(directory, [row.lng!, row.lat!])?.id, row.trackingCode).toBe(row.jurisdictionId);
    }
  });

  it('give every demo inbox work to sign for, in hand, overdue and due within a day', async () => {
    for (const username of ['changhuali.worker', 'gulou.handler', 'changhong.handler', 'dispatcher']) {
      const session = await login(app, username);
      for (const queue of ['to_sign', 'handling', 'overdue', 'due_soon']) {
        const response = await as(app, session)({ method: 'GET', url: `/api/appeals/inbox?queue=${queue}` });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json().total, `${username} ${queue}`).toBeGreaterThan(0);
      }
    }
  });

  it('give the demo resident 19900010001 matters of her own, one replied and waiting for her rating', async () => {
    const session = await residentSignIn(app, db, '19900010001');
    const mine = await as(app, session)({ method: 'GET', url: '/api/cases?kind=appeal&pageSize=50' });
    expect(mine.statusCode, mine.body).toBe(200);
    const items = mine.json().items as Array<{ id: string; state: string }>;
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(new Set(items.map((c) => c.state)).size).toBeGreaterThanOrEqual(3);
    const replied = items.find((c) => c.state === 'replied');
    expect(replied).toBeDefined();
    const detail = await as(app, session)({ method: 'GET', url: `/api/cases/${replied!.id}` });
    expect(detail.json().abilities).toEqual(['rate']);
    expect(detail.json().case.data.reply.text.length).toBeGreaterThan(10);
  });

  it('are found by full-text search: 暖气 finds heating appeals', async () => {
    const ids = await searchDocuments(db.deps.db, db.deps.engine, APPEAL_SEARCH_INDEX, db.deps.tenantId, '暖气', 1000);
    expect(ids.length).toBeGreaterThan(0);
    const found = cases.filter((c) => ids.includes(c.id));
    expect(found.length).toBe(ids.length);
    expect(found.filter((c) => (JSON.parse(c.data) as { categoryCode: string }).categoryCode === 'heating').length).toBeGreaterThan(0);
    for (const c of found) expect(`${c.title}${c.data}`, c.trackingCode).toContain('暖气');
    const dispatcher = await login(app, 'dispatcher');
    const inbox = await as(app, dispatcher)({ method: 'GET', url: `/api/appeals/inbox?queue=closed&q=${encodeURIComponent('暖气')}` });
    expect(inbox.json().total).toBeGreaterThan(0);
  });

  it('come from synthetic persons whose name and phone are stored encrypted only', async () => {
    const persons = await rawRows(db, 'person');
    expect(persons).toHaveLength(DEMO_RESIDENTS.length + summary.persons);
    expect(persons.every((p) => Number(p.synthetic) === 1)).toBe(true);
    // Everything but the ids (whose hex digits may spell anything) as stored: ciphertexts and blind indexes only.
    const stored = JSON.stringify(persons.map(({ id: _id, tenantId: _tenant, communityId: _community, ...rest }) => rest));
    expect(stored).not.toMatch(/1[3-9]\d{9}/);
    expect(stored).not.toMatch(/\p{Script=Han}/u);
    expect(persons.every((p) => String(p.nameEnc).startsWith('v1.') && String(p.phoneEnc).startsWith('v1.'))).toBe(true);
    const demoPhones = new Set(DEMO_RESIDENTS.map((r) => r.phone));
    // Raw rows as stored, keys as the driver returns them after the naming plugin.
    const phoneOf = (p: Record<string, unknown>) => db.deps.cipher.decrypt(String(p.phoneEnc));
    const phones = persons.map(phoneOf);
    expect(new Set(phones).size).toBe(phones.length);
    for (const phone of phones.filter((p) => !demoPhones.has(p))) expect(phone).toMatch(/^199000[2-9]\d{4}$/);
    const requesters = new Set(cases.map((c) => c.requesterPersonId));
    expect(persons.filter((p) => !demoPhones.has(phoneOf(p))).every((p) => requesters.has(String(p.id)))).toBe(true);
    const hidden = cases.filter((c) => (JSON.parse(c.data) as { hideIdentity: boolean }).hideIdentity).length;
    expect(hidden / COUNT).toBeGreaterThan(0.03);
    expect(hidden / COUNT).toBeLessThan(0.15);
  });

  it('write one audit row for the seed, and the chain still verifies', async () => {
    const rows = await db.deps.db.selectFrom('auditLog').selectAll().where('tenantId', '=', db.deps.tenantId).where('action', '=', 'appeal.seed_demo').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorLabel: 'system', objectType: 'tenant', objectId: db.deps.tenantId, result: 'ok' });
    expect(await verifyAuditChain(db.deps.db, db.deps.tenantId)).toEqual({ ok: true, rows: expect.any(Number) });
  });
});

describe('demo appeals at full size', () => {
  it('are the same for the same seed, and 3000 load quickly', { timeout: 180_000 }, async () => {
    await closeMain();
    const again = await openDemoDatabase();
    try {
      await seedDemoAppeals(again.deps, { count: COUNT });
      const shape = (rows: Array<Pick<CaseTable, 'trackingCode' | 'title' | 'state' | 'createdAt' | 'version'>>) => rows.map((r) => [r.trackingCode, r.title, r.state, r.createdAt, r.version]).sort();
      const second = await again.deps.db.selectFrom('case').select(['trackingCode', 'title', 'state', 'createdAt', 'version']).execute();
      expect(shape(second)).toEqual(shape(cases));
    } finally {
      await again.close();
    }

    const full = await openDemoDatabase();
    try {
      const started = performance.now();
      await seedDemoAppeals(full.deps);
      const ms = Math.round(performance.now() - started);
      const result = await seedSummary(full);
      console.log(`seedDemoAppeals: ${result.appeals} appeals, ${result.events} events, ${result.persons} persons in ${ms} ms on ${TEST_ENGINE}`);
      expect(result).toMatchObject({ appeals: 3000, skipped: 0 });
    } finally {
      await full.close();
    }
  });
});
