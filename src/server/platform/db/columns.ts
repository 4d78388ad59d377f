// Portable column helpers: the only place where a column type differs by engine
// (DESIGN.md principle 8). Migrations call these instead of naming engine types.
import { sql, type Kysely } from 'kysely';
import type { Engine } from './database.ts';

/** A float column: SQLite REAL, PostgreSQL double precision (PG "real" is only float4). */
export function floatType(engine: Engine) {
  return engine === 'postgres' ? sql`double precision` : sql`real`;
}

/** Indexes with a WHERE clause are supported by both engines; Kysely builds them the same way. */
export async function createPartialIndex(
  db: Kysely<unknown>,
  name: string,
  table: string,
  columns: string[],
  where: string,
  options: { unique?: boolean } = {},
) {
  await sql`create ${sql.raw(options.unique ? 'unique index' : 'index')} ${sql.id(name)} on ${sql.id(table)} (${sql.join(columns.map((c) => sql.id(c)))}) where ${sql.raw(where)}`.execute(db);
}
