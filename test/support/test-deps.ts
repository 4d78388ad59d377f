// Test databases: SQLite in memory by default; PostgreSQL (a fresh schema per call) when
// scripts/test.mjs sets MINSHENG_TEST_ENGINE=postgres with DATABASE_URL.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Engine } from '../../src/server/platform/db/database.ts';
import { migrateToLatest } from '../../src/server/platform/db/migrator.ts';
import { allMigrations } from '../../src/server/migrations.ts';
import { PersonalDataCipher } from '../../src/server/platform/crypto/personal-data-cipher.ts';
import { FixedClock } from '../../src/shared/time/clock.ts';
import { seedDemoTenant } from '../../src/server/core/tenancy/tenant.service.ts';
import { caseModules } from '../../src/modules/registry.ts';
import type { CaseModule } from '../../src/server/core/cases/case-module.ts';
import type { Deps } from '../../src/server/deps.ts';

export const TEST_ENGINE: Engine = process.env.MINSHENG_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** A Tuesday morning in Tianjin, unless a test sets its own time. */
export const DEFAULT_NOW = '2026-03-03T01:00:00.000Z';

export interface TestDatabase {
  deps: Deps;
  clock: FixedClock;
  /** the PostgreSQL schema of this database (undefined on SQLite) */
  schema?: string | undefined;
  close(): Promise<void>;
}

async function freshSchema(url: string): Promise<string> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return schema;
}

async function dropSchema(url: string, schema: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema ${schema} cascade`);
  await client.end();
}

export async function openTestDatabase(options: { modules?: CaseModule[]; now?: string } = {}): Promise<TestDatabase & { url?: string }> {
  const url = process.env.DATABASE_URL;
  if (TEST_ENGINE === 'postgres' && !url) throw new Error('MINSHENG_TEST_ENGINE=postgres needs DATABASE_URL');
  const schema = TEST_ENGINE === 'postgres' ? await freshSchema(url!) : undefined;
  const handle = TEST_ENGINE === 'postgres' ? openDatabase({ databaseUrl: url, pgSchema: schema!, poolSize: 5 }) : openDatabase({ sqlitePath: ':memory:' });
  const modules = options.modules ?? caseModules;
  await migrateToLatest(handle.db, handle.engine, allMigrations(modules), schema);
  const clock = new FixedClock(options.now ?? DEFAULT_NOW);
  const cipher = new PersonalDataCipher(randomBytes(32));
  const deps: Deps = { db: handle.db, engine: handle.engine, clock, cipher, tenantId: '', modules };
  return {
    deps, clock, schema, url,
    async close() {
      await handle.close();
      if (schema) await dropSchema(url!, schema);
    },
  };
}

/** A database with the demo district loaded (12 streets, 165 communities, demo staff). */
export async function openDemoDatabase(options: { modules?: CaseModule[]; now?: string } = {}): Promise<TestDatabase> {
  const test = await openTestDatabase(options);
  test.deps.tenantId = await seedDemoTenant({ db: test.deps.db, engine: test.deps.engine, cipher: test.deps.cipher, now: () => test.clock.now() });
  for (const module of test.deps.modules) await module.install?.(test.deps);
  return test;
}
