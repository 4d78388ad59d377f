import type { Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/db/migrator.ts';

/** A year's official holiday arrangement entered by the district, for years the holiday package does not know yet. */
export const coreStatutoryYears: NamedMigration = {
  name: '20261126_0003_core_statutory_years',
  async up(db: Kysely<any>) {
    await db.schema.createTable('statutory_year')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('holidays', 'text', (c) => c.notNull())
      .addColumn('workdays', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('statutory_year_pk', ['tenant_id', 'year'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('statutory_year').ifExists().execute();
  },
};
