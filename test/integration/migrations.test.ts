// Migrations go all the way down and up again on the engine under test, leaving the same schema,
// one that a district can be seeded into and used.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { allMigrations } from '../../src/server/migrations.ts';
import { listMigrations, migrateDown, migrateToLatest } from '../../src/server/platform/db/migrator.ts';
import { seedDemoTenant } from '../../src/server/core/tenancy/tenant.service.ts';
import { caseModules } from '../../src/modules/registry.ts';
import type { CaseModule } from '../../src/server/core/cases/case-module.ts';
import { openTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-deps.ts';
import { ticketModule } from '../support/ticket-module.ts';
import { signIn } from '../support/spine.ts';

/** The core tables every district needs (DESIGN.md's kernel and platform). */
const CORE_TABLES = [
  'tenant', 'jurisdiction', 'person', 'app_user', 'role_grant', 'session', 'api_token', 'one_time_code', 'audit_log', 'audit_head',
  'case', 'case_event', 'case_timer', 'outbox', 'calendar_override', 'setting',
];
/** Kysely's own bookkeeping, which stays when everything is rolled back. */
const MIGRATOR_TABLES = ['schema_migration', 'schema_migration_lock'];

/** Tables of this database only (on PostgreSQL: the test's own schema). */
async function tableNames(db: TestDatabase): Promise<string[]> {
  const rows = TEST_ENGINE === 'postgres'
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.deps.db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.deps.db);
  return rows.rows.map((r) => r.name).sort();
}

/** Every table with its columns, names and types, for comparing two schemas. */
async function schemaShape(db: TestDatabase) {
  const tables = new Set(await tableNames(db));
  const metadata = await db.deps.db.introspection.getTables();
  return metadata
    .filter((t) => tables.has(t.name) && (TEST_ENGINE === 'sqlite' || t.schema === (db as { schema?: string }).schema))
    .map((t) => ({ table: t.name, columns: t.columns.map((c) => `${c.name}:${c.dataType}:${c.isNullable ? 'null' : 'not null'}`).sort() }))
    .sort((a, b) => a.table.localeCompare(b.table));
}

let db: TestDatabase | undefined;

afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function roundTrip(modules: CaseModule[]) {
  db = await openTestDatabase({ modules });
  const migrations = allMigrations(modules);
  const up = await tableNames(db);
  expect(up).toEqual(expect.arrayContaining([...CORE_TABLES, ...MIGRATOR_TABLES]));
  const shape = await schemaShape(db);
  expect(shape.length).toBe(up.length);
  expect((await listMigrations(db.deps.db, db.deps.engine, migrations, db.schema)).every((m) => m.executedAt)).toBe(true);

  const down = await migrateDown(db.deps.db, db.deps.engine, migrations, Infinity, db.schema);
  expect(down.map((r) => r.status)).toEqual(migrations.map(() => 'Success'));
  expect(down.map((r) => r.migrationName)).toEqual(migrations.map((m) => m.name).reverse());
  expect(await tableNames(db)).toEqual([...MIGRATOR_TABLES].sort());
  expect((await listMigrations(db.deps.db, db.deps.engine, migrations, db.schema)).some((m) => m.executedAt)).toBe(false);
  // Nothing more to roll back.
  expect(await migrateDown(db.deps.db, db.deps.engine, migrations, Infinity, db.schema)).toEqual([]);

  const again = await migrateToLatest(db.deps.db, db.deps.engine, migrations, db.schema);
  expect(again.results?.map((r) => r.migrationName)).toEqual(migrations.map((m) => m.name));
  expect(await tableNames(db)).toEqual(up);
  expect(await schemaShape(db)).toEqual(shape);
  return db;
}

describe(`migrations on ${TEST_ENGINE}`, () => {
  it('go all the way down and up again with the fixture case type, leaving a usable schema', async () => {
    const test = await roundTrip([ticketModule]);
    // The rebuilt schema takes the demo district and serves a sign-in.
    test.deps.tenantId = await seedDemoTenant({ db: test.deps.db, engine: test.deps.engine, cipher: test.deps.cipher, now: () => test.clock.now() });
    const app = await buildApp(test.deps, { publicRateLimit: 10_000 });
    try {
      const admin = await signIn(app, 'admin');
      expect(admin.user.permissions).toContain('jurisdiction.manage');
      expect((await test.deps.db.selectFrom('jurisdiction').select('id').where('kind', '=', 'community').execute()).length).toBe(165);
    } finally {
      await app.close();
    }
  });

  it('go all the way down and up again with every registered case module', async () => {
    const test = await roundTrip(caseModules);
    for (const module of caseModules) for (const table of module.tables ?? []) {
      const snake = table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      expect(await tableNames(test), `${module.kind} table ${snake}`).toContain(snake);
    }
  });
});
