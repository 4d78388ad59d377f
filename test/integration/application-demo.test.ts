// The demo applications (src/modules/application/server/application.demo.ts) on the test engine: a few dozen
// synthetic applications in every state, each stored timeline replaying through the machine to its row, the
// projection and documents in step, nothing queued for delivery, and the demo resident finding her own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evolveApplication, type ApplicationSnapshot } from '../../src/modules/application/shared/application.machine.ts';
import { seedDemoApplications } from '../../src/modules/application/server/application.demo.ts';
import type { ApplicationTables } from '../../src/modules/application/server/application.tables.ts';
import { listDocuments } from '../../src/modules/application/server/documents/application-documents.ts';
import type { AppliedEvent } from '../../src/server/core/cases/case-module.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';

let db: TestDatabase;
let started = 0;

beforeAll(async () => {
  db = await openDemoDatabase({ now: '2026-06-15T02:00:00.000Z' });
  started = Date.now();
  await seedDemoApplications(db.deps);
  started = Date.now() - started;
}, 120_000);
afterAll(async () => db.close());

describe('the demo applications', () => {
  it('are a few dozen in every state of the lifecycle', async () => {
    const rows = await db.deps.db.selectFrom('case').select(['state']).where('kind', '=', 'application').execute();
    expect(rows.length).toBeGreaterThanOrEqual(30);
    const states = new Set(rows.map((r) => r.state));
    for (const state of ['submitted', 'materials_incomplete', 'resubmitted', 'under_review', 'paused', 'approved', 'rejected', 'deemed_approved', 'withdrawn']) {
      expect(states, state).toContain(state);
    }
    const audit = await db.deps.db.selectFrom('auditLog').select('detail').where('action', '=', 'application.seed_demo').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ skipped: 0 });
    console.info(`seeded ${rows.length} demo applications in ${started} ms`);
  });

  it('replay: every stored timeline folds to its row, and the projection agrees', async () => {
    const cases = await db.deps.db.selectFrom('case').selectAll().where('kind', '=', 'application').execute();
    const records = new Map((await db.deps.db.withTables<ApplicationTables>().selectFrom('applicationRecord').selectAll().execute()).map((r) => [r.id, r]));
    for (const row of cases) {
      const events = await db.deps.db.selectFrom('caseEvent').selectAll().where('caseId', '=', row.id).orderBy('seq').execute();
      let s: ApplicationSnapshot | null = null;
      for (const e of events) s = evolveApplication(s, { type: e.type, visibility: e.visibility as 'public', data: JSON.parse(e.data), at: e.at, actorId: e.actorId, actorLabel: e.actorLabel } as AppliedEvent);
      expect(s!.state, row.trackingCode).toBe(row.state);
      expect(s!.dueAt, row.trackingCode).toBe(row.dueAt);
      expect(s!.data, row.trackingCode).toEqual(JSON.parse(row.data));
      expect(records.get(row.id)?.state, row.trackingCode).toBe(row.state);
      const kinds = (await listDocuments(db.deps.db, db.deps.tenantId, row.id)).map((d) => d.kind);
      if (['approved', 'rejected', 'deemed_approved'].includes(row.state) && events.some((e) => e.type === 'accepted')) expect(kinds, row.trackingCode).toContain('decision');
      if (row.state === 'materials_incomplete') expect(kinds).toContain('missing_materials');
    }
  });

  it('tells nobody, and keeps applicants synthetic and encrypted', async () => {
    const messages = (await db.deps.db.selectFrom('outbox').select('payload').execute()).map((r) => JSON.parse(db.deps.cipher.decrypt(r.payload)) as { template: string });
    expect(messages.filter((m) => m.template.startsWith('application_'))).toEqual([]);
    const cases = await db.deps.db.selectFrom('case').innerJoin('person', 'person.id', 'case.requesterPersonId').select(['person.synthetic', 'person.nameEnc'])
      .where('case.kind', '=', 'application').execute();
    expect(cases.length).toBeGreaterThan(0);
    for (const p of cases) expect(p.nameEnc === null || !/[\u4e00-\u9fff]/.test(p.nameEnc)).toBe(true);
  });
});
