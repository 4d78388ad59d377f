import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/db/migrator.ts';

/**
 * `case_open_scope_idx` again, now covering the rest of the inbox's visibility test: staff see cases under their
 * subtree OR handled by their units, and with that OR neither engine seeks the path range alone; it walks the
 * tenant's open cases in the index instead. With `handling_unit_id` and `kind` in the index that walk reads no
 * table rows (SQLite count at ~3k open cases: 3.9 → 0.3 ms).
 */
export const coreCaseOpenScopeCovering: NamedMigration = {
  name: '20261127_0003_core_case_open_scope_covering',
  async up(db: Kysely<any>, engine) {
    await db.schema.dropIndex('case_open_scope_idx').ifExists().execute();
    if (engine === 'postgres') {
      await sql`create index case_open_scope_idx on "case" (tenant_id, state_category, jurisdiction_path collate "C", handling_unit_id, kind, due_at)`.execute(db);
      return;
    }
    await db.schema.createIndex('case_open_scope_idx').on('case').columns(['tenant_id', 'state_category', 'jurisdiction_path', 'handling_unit_id', 'kind', 'due_at']).execute();
  },
  async down(db: Kysely<any>, engine) {
    await db.schema.dropIndex('case_open_scope_idx').ifExists().execute();
    if (engine === 'postgres') {
      await sql`create index case_open_scope_idx on "case" (tenant_id, state_category, jurisdiction_path collate "C", due_at)`.execute(db);
      return;
    }
    await db.schema.createIndex('case_open_scope_idx').on('case').columns(['tenant_id', 'state_category', 'jurisdiction_path', 'due_at']).execute();
  },
};
