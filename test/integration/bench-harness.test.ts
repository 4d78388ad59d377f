// The benchmark harness at a tiny scale on the test engine: the generator writes what the kernel and the appeal
// projection would have written (replayed through the machine and projected again), and every scenario, the
// soak with its backup during load included, runs and yields finite, non-negative numbers. Speed is never
// asserted here: that is what `npm run bench` reports.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { generateCases, type GenerateResult } from '../../src/cli/bench-generate.ts';
import { appealModule } from '../../src/modules/appeal/manifest.ts';
import { appealDb } from '../../src/modules/appeal/server/appeal.intake.ts';
import { projectAppeal } from '../../src/modules/appeal/server/appeal.projection.ts';
import { APPEAL_SEARCH_INDEX } from '../../src/modules/appeal/server/appeal.migrations.ts';
import { APPEAL_STATES, type AppealSnapshot, type AppealState } from '../../src/modules/appeal/shared/appeal.machine.ts';
import type { AppliedEvent } from '../../src/server/core/cases/case-module.ts';
import { decideContext } from '../../src/server/core/cases/case.service.ts';
import { toSnapshot } from '../../src/server/core/cases/case.repository.ts';
import { loadDirectory } from '../../src/server/core/jurisdictions/jurisdiction-directory.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit.repository.ts';
import type { CaseTable } from '../../src/server/platform/db/schema.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { UUID_PATTERN } from '../../src/shared/ids.ts';
import { toLocalDate } from '../../src/shared/time/local-date.ts';
import { benchmarkEngine, type EngineRun } from '../../bench/harness.ts';
import { PROFILES } from '../../bench/scenarios/context.ts';
import { openDemoDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-deps.ts';

const COUNT = 300;
const TWO_YEARS_MS = 2 * 366 * 86_400_000;

describe('bench generate', () => {
  let db: TestDatabase;
  let result: GenerateResult;
  let cases: CaseTable[];

  beforeAll(async () => {
    db = await openDemoDatabase();
    result = await generateCases(db.deps, COUNT, { templates: 200, seed: 7 });
    cases = await db.deps.db.selectFrom('case').selectAll().where('tenantId', '=', db.deps.tenantId).orderBy('createdAt').execute();
  }, 120_000);

  afterAll(() => db.close());

  it('adds exactly the cases asked for, over two years, with unique ids and tracking codes of their day', () => {
    expect(result.cases).toBe(COUNT);
    expect(cases).toHaveLength(COUNT);
    const now = db.clock.now().getTime();
    for (const c of cases) {
      expect(c.id).toMatch(UUID_PATTERN);
      expect(c.trackingCode.slice(2, 8)).toBe(toLocalDate(new Date(c.createdAt)).slice(2).replaceAll('-', ''));
      expect(Date.parse(c.createdAt)).toBeGreaterThan(now - TWO_YEARS_MS);
      expect(Date.parse(c.createdAt)).toBeLessThanOrEqual(now);
    }
    expect(new Set(cases.map((c) => c.trackingCode)).size).toBe(COUNT);
    expect(cases.some((c) => Date.parse(c.createdAt) < now - 370 * 86_400_000)).toBe(true);
    expect(new Set(cases.map((c) => c.state)).size).toBeGreaterThan(3);
  });

  it('stores timelines that replay through the appeal machine to the case rows, timers and projections', async () => {
    const directory = await loadDirectory(db.deps.db, db.deps.tenantId, true);
    const ctx = await decideContext(db.deps.db, db.deps, systemActor(db.deps.tenantId), appealModule, cases[0]!.jurisdictionId, directory);
    const events = await db.deps.db.selectFrom('caseEvent').selectAll().where('tenantId', '=', db.deps.tenantId).orderBy('caseId').orderBy('seq').execute();
    const byCase = new Map<string, AppliedEvent[][]>();
    for (const e of events) {
      const transitions = byCase.get(e.caseId) ?? [];
      const applied: AppliedEvent = { type: e.type, visibility: e.visibility as AppliedEvent['visibility'], data: JSON.parse(e.data) as Record<string, unknown>, at: e.at, actorId: e.actorId, actorLabel: e.actorLabel };
      const last = transitions.at(-1);
      if (last && last[0]!.at === e.at) last.push(applied);
      else transitions.push([applied]);
      byCase.set(e.caseId, transitions);
    }
    const timers = await db.deps.db.selectFrom('caseTimer').selectAll().where('tenantId', '=', db.deps.tenantId).execute();
    const searchBody = async (trx: typeof db.deps.db, id: string) =>
      (await sql<{ body: string }>`select body from ${sql.id(APPEAL_SEARCH_INDEX)} where doc_id = ${id}`.execute(trx)).rows.map((r) => r.body);
    const sample = Object.keys(APPEAL_STATES).flatMap((state) => cases.filter((c) => c.state === state).slice(0, 4));
    class Rollback extends Error {}
    for (const row of sample) {
      const label = `${row.trackingCode} ${row.state}`;
      const steps: Array<{ snapshot: AppealSnapshot; applied: AppliedEvent[] }> = [];
      let snapshot: AppealSnapshot | null = null;
      let closedAt: string | null = null;
      for (const [i, applied] of (byCase.get(row.id) ?? []).entries()) {
        for (const e of applied) snapshot = appealModule.evolve(snapshot, e, ctx);
        closedAt = APPEAL_STATES[snapshot!.state as AppealState] === 'closed' ? (closedAt ?? applied[0]!.at) : null;
        snapshot = { ...snapshot!, version: i + 1, trackingCode: row.trackingCode, createdAt: row.createdAt, updatedAt: applied[0]!.at, closedAt };
        steps.push({ snapshot, applied });
      }
      const final = steps.at(-1)!.snapshot;
      expect({ state: row.state, dueAt: row.dueAt, version: row.version, handlingUnitId: row.handlingUnitId, closedAt: row.closedAt, data: JSON.parse(row.data) as unknown }, label)
        .toEqual({ state: final.state, dueAt: final.dueAt, version: final.version, handlingUnitId: final.handlingUnitId, closedAt: final.closedAt, data: final.data });
      const expectedTimers = row.stateCategory === 'open' ? appealModule.timers(toSnapshot(row) as unknown as AppealSnapshot, ctx).map((t) => `${t.kind} ${t.dueAt}`).sort() : [];
      expect(timers.filter((t) => t.caseId === row.id).map((t) => `${t.kind} ${t.dueAt}`).sort(), label).toEqual(expectedTimers);

      const stored = await appealDb(db.deps.db).selectFrom('appealRecord').selectAll().where('caseId', '=', row.id).executeTakeFirstOrThrow();
      const storedBody = await searchBody(db.deps.db, row.id);
      let projected: { record: unknown; body: string[] } | undefined;
      await db.deps.db.transaction().execute(async (trx) => {
        await appealDb(trx).deleteFrom('appealRecord').where('caseId', '=', row.id).execute();
        for (const step of steps) await projectAppeal(trx, db.deps, step.snapshot, step.applied, ctx);
        projected = { record: await appealDb(trx).selectFrom('appealRecord').selectAll().where('caseId', '=', row.id).executeTakeFirstOrThrow(), body: await searchBody(trx, row.id) };
        throw new Rollback();
      }).catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
      expect(projected!.record, label).toEqual(stored);
      expect(projected!.body.map((b) => b.split(' ').sort()), label).toEqual(storedBody.map((b) => b.split(' ').sort()));
    }
  });

  it('records each caller, encrypted, and keeps the audit chain whole', async () => {
    const requesters = new Set(cases.map((c) => c.requesterPersonId).filter((id): id is string => id !== null));
    const persons = await db.deps.db.selectFrom('person').select(['id', 'phoneEnc', 'phoneIndex']).where('id', 'in', [...requesters]).execute();
    expect(persons).toHaveLength(requesters.size);
    for (const p of persons) expect(db.deps.cipher.blindIndex('phone', db.deps.cipher.decrypt(p.phoneEnc!))).toBe(p.phoneIndex);
    expect(await verifyAuditChain(db.deps.db, db.deps.tenantId)).toEqual({ ok: true, rows: expect.any(Number) });
  });
});

describe('bench harness', () => {
  let workDir: string;
  const options = () => ({ engine: TEST_ENGINE, profile: PROFILES.test, serverUrl: process.env.DATABASE_URL, workDir, dataKey: randomBytes(32).toString('base64'), keep: false, log: () => {} });

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'minsheng-bench-test-'));
  });

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  function expectSane(run: EngineRun) {
    expect(run.figures.length).toBeGreaterThan(0);
    for (const f of run.figures) {
      const label = `${f.scenario}: ${f.name}`;
      expect(Number.isFinite(f.value), label).toBe(true);
      expect(f.value, label).toBeGreaterThanOrEqual(0);
      if (f.baseline) expect(f.baseline.value, label).toBeGreaterThanOrEqual(0);
      if (f.target) expect(typeof f.met, label).toBe('boolean');
    }
  }

  it('measures every scenario at two scales', async () => {
    const run = await benchmarkEngine(options());
    expectSane(run);
    const scenarios = new Set(run.figures.map((f) => f.scenario));
    for (const scenario of ['generator', 'intake', 'inbox', 'memory', 'search', 'dashboard', 'sweep']) expect(scenarios, scenario).toContain(scenario);
    expect(scenarios.has('cold start') || run.notes.some((n) => n.startsWith('cold start'))).toBe(true);
    expect(run.figures.find((f) => f.scenario === 'intake' && f.unit === 'req/s')!.ratio).toBeGreaterThan(0);
    expect(Object.values(run.inboxDiagnosis).flatMap((d) => d.firstPage).every((s) => s.plan.length > 0)).toBe(true);
  }, 300_000);

  it('soaks at half the measured intake and restores a backup taken during the load', async () => {
    const run = await benchmarkEngine({ ...options(), soakSeconds: 3, soakSampleSeconds: 1 });
    expectSane(run);
    expect(run.soak!.samples.length).toBeGreaterThan(0);
    expect(run.soak!.samples.reduce((n, s) => n + s.requests, 0)).toBeGreaterThan(0);
    expect(run.soak!.backup.backupRows).toBeGreaterThan(0);
  }, 300_000);
});
