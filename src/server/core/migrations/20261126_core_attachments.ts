import type { Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/db/migrator.ts';

export const coreAttachments: NamedMigration = {
  name: '20261126_0002_core_attachments',
  async up(db: Kysely<any>, engine) {
    await db.schema.createTable('attachment')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.references('case.id'))
      .addColumn('uploaded_by', 'text')
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('content', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('attachment_case_idx').on('attachment').columns(['case_id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('attachment').ifExists().execute();
  },
};
