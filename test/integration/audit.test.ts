// The tamper-evident audit trail: the hash chain holds after real writes and breaks, naming the first bad
// row, after any single row is edited or deleted; the auditor's page; `minsheng audit verify`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit.repository.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';
import { as, type Session } from '../support/http.ts';
import { expectError, freshAddress, jurisdictionIdOf, signIn } from '../support/spine.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A morning's work through the API: sign-ins (one failed), jurisdiction edits, a calendar override, a logout. */
async function someWrites(app: FastifyInstance, db: TestDatabase) {
  await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost.user', password: 'nope' }, remoteAddress: freshAddress() });
  await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gulou.handler', password: 'wrong' }, remoteAddress: freshAddress() });
  const admin = await signIn(app, 'admin');
  const created = await as(app, admin)({ method: 'POST', url: '/api/jurisdictions', payload: { parentId: await jurisdictionIdOf(db, 'nk-gl'), kind: 'community', code: 'nk-gl-90', nameZh: '审计社区', nameEn: 'Audit Community' } });
  expect(created.statusCode).toBe(201);
  expect((await as(app, admin)({ method: 'PATCH', url: `/api/jurisdictions/${created.json().id}`, payload: { nameZh: '审计社区二' } })).statusCode).toBe(200);
  expect((await as(app, admin)({ method: 'PUT', url: '/api/calendar/overrides', payload: { jurisdictionId: created.json().id, date: '2026-03-04', kind: 'restday' } })).statusCode).toBe(200);
  db.clock.advance({ minutes: 5 });
  const handler = await signIn(app, 'gulou.handler');
  expect((await as(app, handler)({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  expect((await as(app, admin)({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
}

async function auditCount(db: TestDatabase) {
  const rows = await db.deps.db.selectFrom('auditLog').select('seq').orderBy('seq').execute();
  return rows.map((r) => r.seq);
}

describe('verifyAuditChain', () => {
  let db: TestDatabase;
  let app: FastifyInstance;

  beforeEach(async () => {
    db = await openDemoDatabase();
    app = await buildApp(db.deps, { publicRateLimit: 10_000 });
  });

  afterEach(async () => {
    await app.close();
    await db.close();
  });

  it('passes on a fresh demo database', async () => {
    const rows = (await auditCount(db)).length;
    expect(rows).toBeGreaterThanOrEqual(1);
    expect(await verifyAuditChain(db.deps.db, db.deps.tenantId)).toEqual({ ok: true, rows });
  });

  it('passes after a series of writes, one row per write', async () => {
    await someWrites(app, db);
    const seqs = await auditCount(db);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBeGreaterThanOrEqual(10);
    expect(await verifyAuditChain(db.deps.db, db.deps.tenantId)).toEqual({ ok: true, rows: seqs.length });
    // Verifying in small pages gives the same answer.
    expect(await verifyAuditChain(db.deps.db, db.deps.tenantId, 3)).toEqual({ ok: true, rows: seqs.length });
  });

  it('fails, naming the row, after an UPDATE of one row\'s detail', async () => {
    await someWrites(app, db);
    const total = (await auditCount(db)).length;
    await sql`update audit_log set detail = ${'{"reason":"nothing happened"}'} where seq = ${4}`.execute(db.deps.db);
    const verdict = await verifyAuditChain(db.deps.db, db.deps.tenantId);
    expect(verdict).toMatchObject({ ok: false, firstBadSeq: 4, rows: 3 });
    expect(verdict.ok === false && verdict.reason).toContain('row 4');
    expect(total).toBeGreaterThan(4);
  });

  it('fails when a row is edited together with its own hash (the next row no longer links)', async () => {
    await someWrites(app, db);
    await sql`update audit_log set actor_label = ${'someone else'}, hash = ${'f'.repeat(64)} where seq = ${5}`.execute(db.deps.db);
    expect(await verifyAuditChain(db.deps.db, db.deps.tenantId)).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('fails, naming the row, after a DELETE of a middle row', async () => {
    await someWrites(app, db);
    await sql`delete from audit_log where seq = ${6}`.execute(db.deps.db);
    const verdict = await verifyAuditChain(db.deps.db, db.deps.tenantId);
    expect(verdict).toMatchObject({ ok: false, firstBadSeq: 6, rows: 5 });
    expect(verdict.ok === false && verdict.reason).toBe('row 6 is missing');
  });

  it('fails, naming the row, after a DELETE of the last row', async () => {
    await someWrites(app, db);
    const last = Math.max(...(await auditCount(db)));
    await sql`delete from audit_log where seq = ${last}`.execute(db.deps.db);
    const verdict = await verifyAuditChain(db.deps.db, db.deps.tenantId);
    expect(verdict).toMatchObject({ ok: false, firstBadSeq: last, rows: last - 1 });
  });

  it('fails after a DELETE of the first row', async () => {
    await someWrites(app, db);
    await sql`delete from audit_log where seq = ${1}`.execute(db.deps.db);
    expect(await verifyAuditChain(db.deps.db, db.deps.tenantId)).toMatchObject({ ok: false, firstBadSeq: 1 });
  });
});

describe('the auditor\'s page', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let auditor: Session;

  beforeAll(async () => {
    db = await openDemoDatabase();
    app = await buildApp(db.deps, { publicRateLimit: 10_000 });
    await someWrites(app, db);
    auditor = await signIn(app, 'auditor');
  });

  afterAll(async () => {
    await app.close();
    await db.close();
  });

  interface Item { seq: number; at: string; action: string; actorLabel: string; result: string; requestId: string | null; detail: Record<string, unknown> }
  const list = async (query: string) => {
    const response = await as(app, auditor)({ method: 'GET', url: `/api/audit?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { total: number; page: number; pageSize: number; items: Item[] };
  };

  it('filters by action', async () => {
    const page = await list('action=auth.login');
    const expected = await db.deps.db.selectFrom('auditLog').select('seq').where('action', '=', 'auth.login').execute();
    expect(page.total).toBe(expected.length);
    expect(page.items.map((i) => i.seq).sort((a, b) => a - b)).toEqual(expected.map((r) => r.seq).sort((a, b) => a - b));
    expect(page.items.every((i) => i.action === 'auth.login')).toBe(true);
    // A prefix selects a family of actions.
    const jurisdiction = await list('action=jurisdiction.');
    expect(jurisdiction.items.map((i) => i.action).sort()).toEqual(['jurisdiction.create', 'jurisdiction.update']);
  });

  it('takes _ and % in a filter literally', async () => {
    const override = await db.deps.db.selectFrom('calendarOverride').select('id').where('date', '=', '2026-03-04').executeTakeFirstOrThrow();
    const admin = await signIn(app, 'admin');
    expect((await as(app, admin)({ method: 'DELETE', url: `/api/calendar/overrides/${override.id}` })).statusCode).toBe(204);
    expect((await list('action=calendar.override_delete')).items.map((i) => i.action)).toEqual(['calendar.override_delete']);
    expect((await list('action=calendar.override')).items.map((i) => i.action)).toEqual(['calendar.override_delete', 'calendar.override']);
    expect((await list('action=%')).total).toBe(0);
    expect((await list('actor=%')).total).toBe(0);
  });

  it('filters by actor and by result', async () => {
    const byActor = await list('actor=gulou.handler');
    expect(byActor.total).toBeGreaterThanOrEqual(3);
    expect(byActor.items.every((i) => i.actorLabel === 'gulou.handler')).toBe(true);
    expect(byActor.items.map((i) => i.action)).toContain('auth.logout');
    const failed = await list('result=failed');
    expect(failed.items.map((i) => [i.action, i.actorLabel, i.detail.reason])).toEqual([
      ['auth.login', 'gulou.handler', 'wrong_password'],
      ['auth.login', 'ghost.user', 'unknown_user'],
    ]);
    const combined = await list('action=auth.login&result=failed&actor=ghost');
    expect(combined.items.map((i) => i.actorLabel)).toEqual(['ghost.user']);
    expect((await list('actor=nobody-at-all')).total).toBe(0);
  });

  it('pages newest first', async () => {
    const all = await auditCount(db);
    const first = await list('pageSize=4&page=1');
    const second = await list('pageSize=4&page=2');
    expect(first.total).toBe(all.length);
    expect(first.items.map((i) => i.seq)).toEqual([all.length, all.length - 1, all.length - 2, all.length - 3]);
    expect(second.items.map((i) => i.seq)).toEqual([all.length - 4, all.length - 5, all.length - 6, all.length - 7]);
    const beyond = await list(`pageSize=4&page=${Math.ceil(all.length / 4) + 1}`);
    expect(beyond.items).toEqual([]);
  });

  it('GET /api/audit/verify needs audit.read: the auditor gets the verdict, the administrator 403', async () => {
    const verdict = await as(app, auditor)({ method: 'GET', url: '/api/audit/verify' });
    expect(verdict.statusCode).toBe(200);
    expect(verdict.json()).toEqual({ ok: true, rows: (await auditCount(db)).length });
    const admin = await signIn(app, 'admin');
    expect(expectError(await as(app, admin)({ method: 'GET', url: '/api/audit/verify' }), 403, 'forbidden').details).toEqual({ permission: 'audit.read' });
    expectError(await as(app, admin)({ method: 'GET', url: '/api/audit' }), 403, 'forbidden');
    expectError(await app.inject({ method: 'GET', url: '/api/audit/verify' }), 401, 'unauthenticated');
  });

  it('the verdict on the page turns bad once a row is edited in the database', async () => {
    await sql`update audit_log set result = ${'ok'} where seq = ${2}`.execute(db.deps.db);
    const verdict = await as(app, auditor)({ method: 'GET', url: '/api/audit/verify' });
    expect(verdict.json()).toMatchObject({ ok: false, firstBadSeq: 2 });
  });
});

describe('minsheng audit verify', () => {
  // The CLI reads DATA_DIR; it runs on a SQLite file whichever engine the rest of the suite uses.
  it('exits 0 on a fresh database, and 1 naming the row after a row is edited or deleted', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-audit-'));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    for (const name of ['DATABASE_URL', 'MINSHENG_DATA_KEY', 'MINSHENG_DATA_KEY_FILE', 'MINSHENG_NO_DEMO']) delete env[name];
    const cli = (...args: string[]) => spawnSync('node', ['bin/minsheng.mjs', ...args], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 60_000 });
    const edit = (statement: string, ...params: unknown[]) => {
      const file = new SqliteDatabase(join(dataDir, 'minsheng.sqlite'));
      try {
        return file.prepare(statement).run(...params);
      } finally {
        file.close();
      }
    };
    try {
      const seeded = cli('seed');
      expect(seeded.status, seeded.stderr).toBe(0);
      expect(seeded.stdout).toContain('Created the demo district.');
      const fresh = cli('audit', 'verify');
      expect(fresh.status, fresh.stderr).toBe(0);
      const intact = /Audit chain intact: (\d+) rows\./.exec(fresh.stdout);
      expect(intact, fresh.stdout).not.toBeNull();
      const seededRows = Number(intact![1]);
      expect(seededRows).toBeGreaterThanOrEqual(1);

      // One more row, written by the CLI: the one we then tamper with.
      expect(cli('user', 'add', '--username', 'cli.admin', '--role', 'admin', '--password', 'Long-enough-pass').status).toBe(0);
      const target = seededRows + 1;
      expect(cli('audit', 'verify').stdout).toContain(`Audit chain intact: ${target} rows.`);

      expect(edit('update audit_log set actor_label = ? where seq = ?', 'someone else', target).changes).toBe(1);
      const edited = cli('audit', 'verify');
      expect(edited.status).toBe(1);
      expect(edited.stderr).toContain(`Audit chain broken at row ${target}`);

      expect(edit('update audit_log set actor_label = ? where seq = ?', 'cli', target).changes).toBe(1);
      expect(cli('audit', 'verify').status).toBe(0);

      expect(edit('delete from audit_log where seq = ?', target).changes).toBe(1);
      const deleted = cli('audit', 'verify');
      expect(deleted.status).toBe(1);
      expect(deleted.stderr).toContain(`row ${target}`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
