import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { DomainError } from '../../../shared/errors.ts';
import type { Engine } from './database.ts';

export interface NamedMigration {
  /** globally unique and sortable: '<yyyymmdd>_<owner>_<what>'; core and modules interleave by name */
  name: string;
  up(db: Kysely<any>, engine: Engine): Promise<void>;
  down(db: Kysely<any>, engine: Engine): Promise<void>;
}

function providerFor(migrations: NamedMigration[], engine: Engine) {
  const byName: Record<string, Migration> = {};
  for (const m of migrations) {
    if (byName[m.name]) throw new Error(`Duplicate migration name ${m.name}`);
    byName[m.name] = { up: (db) => m.up(db, engine), down: (db) => m.down(db, engine) };
  }
  return { getMigrations: async () => byName };
}

function check(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new DomainError('internal', `Migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`);
  }
  return result;
}

/** `schema`: a PostgreSQL schema other than the default, so that databases side by side keep their own history. */
function migrator(db: Kysely<any>, engine: Engine, migrations: NamedMigration[], schema?: string) {
  return new Migrator({
    db, provider: providerFor(migrations, engine), migrationTableName: 'schema_migration', migrationLockTableName: 'schema_migration_lock',
    ...(engine === 'postgres' && schema ? { migrationTableSchema: schema } : {}),
  });
}

export async function migrateToLatest(db: Kysely<any>, engine: Engine, migrations: NamedMigration[], schema?: string) {
  return check(await migrator(db, engine, migrations, schema).migrateToLatest());
}

/** Rolls back `steps` migrations (all of them when steps is Infinity). */
export async function migrateDown(db: Kysely<any>, engine: Engine, migrations: NamedMigration[], steps = 1, schema?: string) {
  const m = migrator(db, engine, migrations, schema);
  const results = [];
  for (let i = 0; i < steps; i++) {
    const result = check(await m.migrateDown());
    if (!result.results?.length) break;
    results.push(...result.results);
  }
  return results;
}

export async function listMigrations(db: Kysely<any>, engine: Engine, migrations: NamedMigration[], schema?: string) {
  return migrator(db, engine, migrations, schema).getMigrations();
}
