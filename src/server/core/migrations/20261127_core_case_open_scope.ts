import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/db/migrator.ts';

/**
 * Inbox by scope: a street's (or any subtree's) open cases by due date. Leading with the state category lets
 * the subtree range of `whereVisible` seek just the open cases under the path; on PostgreSQL the path is
 * indexed in the "C" collation, the one `subtreeRange` compares in, so the range agrees with a byte-wise prefix.
 */
export const coreCaseOpenScope: NamedMigration = {
  name: '20261127_0002_core_case_open_scope',
  async up(db: Kysely<any>, engine) {
    if (engine === 'postgres') {
      await sql`create index case_open_scope_idx on "case" (tenant_id, state_category, jurisdiction_path collate "C", due_at)`.execute(db);
      return;
    }
    await db.schema.createIndex('case_open_scope_idx').on('case').columns(['tenant_id', 'state_category', 'jurisdiction_path', 'due_at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('case_open_scope_idx').ifExists().execute();
  },
};
