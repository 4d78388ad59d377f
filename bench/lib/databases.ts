// The benchmark's own databases: SQLite files under a work folder, or databases on the PostgreSQL server that
// DATABASE_URL names (never that database itself). Every one shares the run's personal-data key, so a copy,
// a restore or a child server reads what the benchmark wrote.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../../src/server/config.ts';
import { openDeps, setUpModules, sqlitePathFor } from '../../src/server/main.ts';
import { openDatabase, type Engine } from '../../src/server/platform/db/database.ts';
import { migrateToLatest } from '../../src/server/platform/db/migrator.ts';
import { allMigrations } from '../../src/server/migrations.ts';
import { PersonalDataCipher } from '../../src/server/platform/crypto/personal-data-cipher.ts';
import { seedDemoTenant } from '../../src/server/core/tenancy/tenant.service.ts';
import { caseModules } from '../../src/modules/registry.ts';
import type { Deps } from '../../src/server/deps.ts';
import { systemClock, type Clock } from '../../src/shared/time/clock.ts';

/** PostgreSQL's "source database is being accessed by other users" */
const OBJECT_IN_USE = '55006';

export interface BenchDatabase {
  engine: Engine;
  name: string;
  /** the environment a server process needs to open it (DATA_DIR, DATABASE_URL, the key) */
  env: Record<string, string>;
  config: Config;
}

export class BenchDatabases {
  readonly #created: BenchDatabase[] = [];
  /** keeps the PostgreSQL database names of concurrent runs (a test and a benchmark, say) apart */
  readonly #runId = randomBytes(3).toString('hex');

  /** `serverUrl`: any database URL of the PostgreSQL server to create databases on (PostgreSQL only). */
  constructor(readonly engine: Engine, readonly workDir: string, readonly dataKey: string, readonly serverUrl?: string) {
    if (engine === 'postgres' && !serverUrl) throw new Error('PostgreSQL benchmarks need DATABASE_URL');
  }

  #describe(name: string): BenchDatabase {
    const dataDir = join(this.workDir, `${this.engine}-${name}`);
    mkdirSync(dataDir, { recursive: true });
    const env: Record<string, string> = { DATA_DIR: dataDir, MINSHENG_DATA_KEY: this.dataKey, MINSHENG_NO_DEMO: '1', DATABASE_URL: '' };
    if (this.engine === 'postgres') env.DATABASE_URL = this.#urlOf(this.#pgName(name));
    return { engine: this.engine, name, env, config: loadConfig(env) };
  }

  #pgName(name: string) {
    return `minsheng_bench_${this.#runId}_${name}`;
  }

  #urlOf(database: string): string {
    const url = new URL(this.serverUrl!);
    url.pathname = `/${database}`;
    return url.toString();
  }

  async #admin(statement: string) {
    const client = new pg.Client({ connectionString: this.serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  /** A fresh, empty database (no tables). */
  async createEmpty(name: string): Promise<BenchDatabase> {
    const db = this.#describe(name);
    if (this.engine === 'postgres') {
      await this.#admin(`drop database if exists ${this.#pgName(name)} with (force)`);
      await this.#admin(`create database ${this.#pgName(name)}`);
    } else {
      rmSync(sqlitePathFor(db.config), { force: true });
    }
    this.#created.push(db);
    return db;
  }

  /** A fresh database holding the demo district (12 streets, 165 communities, staff) with its catalogue and no appeals. */
  async createDistrict(name: string): Promise<BenchDatabase> {
    const db = await this.createEmpty(name);
    const handle = openDatabase({ databaseUrl: db.config.databaseUrl, sqlitePath: sqlitePathFor(db.config) });
    try {
      await migrateToLatest(handle.db, handle.engine, allMigrations(caseModules));
      const cipher = new PersonalDataCipher(db.config.personalDataKey);
      const tenantId = await seedDemoTenant({ db: handle.db, engine: handle.engine, cipher, now: () => new Date() });
      await setUpModules({ db: handle.db, engine: handle.engine, clock: systemClock, cipher, tenantId, modules: caseModules }, false);
    } finally {
      await handle.close();
    }
    return db;
  }

  /** The district's services over `db` (an existing district). */
  async open(db: BenchDatabase, clock: Clock = systemClock): Promise<{ deps: Deps; close: () => Promise<void> }> {
    const { deps, close } = await openDeps(db.config, clock, { loadDemo: false });
    return { deps, close };
  }

  /** A copy of `source`, which nobody may have open (PostgreSQL copies by template; SQLite by file after a checkpoint). */
  async copy(source: BenchDatabase, name: string): Promise<BenchDatabase> {
    const db = this.#describe(name);
    if (this.engine === 'postgres') {
      await this.#admin(`drop database if exists ${this.#pgName(name)} with (force)`);
      // An autovacuum worker may still be on the source after a bulk load: wait for it to leave.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.#admin(`create database ${this.#pgName(name)} template ${this.#pgName(source.name)}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= 30) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    } else {
      const handle = openDatabase({ sqlitePath: sqlitePathFor(source.config) });
      await sql`pragma wal_checkpoint(truncate)`.execute(handle.db);
      await handle.close();
      copyFileSync(sqlitePathFor(source.config), sqlitePathFor(db.config));
    }
    this.#created.push(db);
    return db;
  }

  async drop(db: BenchDatabase) {
    if (this.engine === 'postgres') await this.#admin(`drop database if exists ${this.#pgName(db.name)} with (force)`);
    rmSync(db.env.DATA_DIR!, { recursive: true, force: true });
    this.#created.splice(this.#created.indexOf(db), 1);
  }

  async dropAll() {
    for (const db of [...this.#created]) await this.drop(db);
  }
}
