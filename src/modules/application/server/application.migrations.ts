import type { Kysely } from 'kysely';
import type { NamedMigration } from '../../../server/platform/db/migrator.ts';

/** Module tables in backup order (Kysely names); the documents' tables follow. */
export const APPLICATION_OWN_TABLES = ['applicationService', 'applicationRecord', 'applicationMaterial'];

export const applicationOwnMigrations: NamedMigration[] = [{
  name: '20261126_0200_application_initial',
  async up(db: Kysely<any>) {
    // The catalogue with its six disclosures (六公开): content, procedure, fees, legal basis, materials, time limits.
    await db.schema.createTable('application_service')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('procedure', 'text', (c) => c.notNull())
      .addColumn('fees', 'text', (c) => c.notNull())
      .addColumn('legal_basis', 'text', (c) => c.notNull())
      .addColumn('materials', 'text', (c) => c.notNull())
      .addColumn('statutory_days', 'integer', (c) => c.notNull())
      .addColumn('promised_days', 'integer', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('unit_kind', 'text')
      .addColumn('handling_unit_id', 'text', (c) => c.references('jurisdiction.id'))
      .addColumn('joint_unit_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('online', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('counter_note', 'text')
      .addColumn('deemed_approval', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('application_service_code_unique', ['tenant_id', 'code'])
      .execute();

    await db.schema.createTable('application_record')
      .addColumn('id', 'text', (c) => c.primaryKey().references('case.id'))
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('service_code', 'text', (c) => c.notNull())
      .addColumn('service_name', 'text', (c) => c.notNull())
      .addColumn('handling_unit_id', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('state_category', 'text', (c) => c.notNull())
      .addColumn('deemed_approval', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('joint_unit_ids', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('pending_opinion_unit_ids', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'text')
      .addColumn('decision_due_at', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('outcome', 'text')
      .addColumn('decided_on_time', 'integer')
      .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('application_record_unit_idx').on('application_record').columns(['tenant_id', 'handling_unit_id', 'state']).execute();
    await db.schema.createIndex('application_record_decided_idx').on('application_record').columns(['tenant_id', 'decided_at']).execute();

    await db.schema.createTable('application_material')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull().references('case.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('attachment_id', 'text', (c) => c.notNull().references('attachment.id'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('application_material_case_idx').on('application_material').columns(['case_id']).execute();
  },
  async down(db: Kysely<any>) {
    for (const table of ['application_material', 'application_record', 'application_service']) await db.schema.dropTable(table).ifExists().execute();
  },
}];
