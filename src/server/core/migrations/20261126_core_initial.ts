import type { Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/db/migrator.ts';
import { createPartialIndex, floatType } from '../../platform/db/columns.ts';

const TABLES = [
  'setting', 'calendar_override', 'outbox', 'case_timer', 'case_event', 'case', 'audit_head', 'audit_log',
  'one_time_code', 'api_token', 'session', 'role_grant', 'app_user', 'person', 'jurisdiction', 'tenant',
];

export const coreInitial: NamedMigration = {
  name: '20261126_0001_core_initial',
  async up(db: Kysely<any>, engine) {
    await db.schema.createTable('tenant')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema.createTable('jurisdiction')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenant.id'))
      .addColumn('parent_id', 'text', (c) => c.references('jurisdiction.id'))
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('centroid_lng', floatType(engine))
      .addColumn('centroid_lat', floatType(engine))
      .addColumn('polygon', 'text')
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('jurisdiction_code_unique', ['tenant_id', 'code'])
      .execute();
    await db.schema.createIndex('jurisdiction_parent_idx').on('jurisdiction').columns(['tenant_id', 'parent_id']).execute();
    await db.schema.createIndex('jurisdiction_path_idx').on('jurisdiction').columns(['tenant_id', 'path']).execute();

    await db.schema.createTable('person')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenant.id'))
      .addColumn('name_enc', 'text')
      .addColumn('phone_enc', 'text')
      .addColumn('phone_index', 'text')
      .addColumn('email_enc', 'text')
      .addColumn('email_index', 'text')
      .addColumn('id_number_enc', 'text')
      .addColumn('id_number_index', 'text')
      .addColumn('address_enc', 'text')
      .addColumn('community_id', 'text', (c) => c.references('jurisdiction.id'))
      .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('person_phone_idx').on('person').columns(['tenant_id', 'phone_index']).execute();
    await db.schema.createIndex('person_email_idx').on('person').columns(['tenant_id', 'email_index']).execute();
    await db.schema.createIndex('person_id_number_idx').on('person').columns(['tenant_id', 'id_number_index']).execute();

    await db.schema.createTable('app_user')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenant.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('username', 'text')
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('person_id', 'text', (c) => c.references('person.id'))
      .addColumn('contact_index', 'text')
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('app_user_username_unique', ['tenant_id', 'username'])
      .addUniqueConstraint('app_user_contact_unique', ['tenant_id', 'contact_index'])
      .execute();

    await db.schema.createTable('role_grant')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenant.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdiction.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('role_grant_unique', ['user_id', 'role', 'jurisdiction_id'])
      .execute();
    await db.schema.createIndex('role_grant_user_idx').on('role_grant').column('user_id').execute();

    await db.schema.createTable('session')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema.createTable('api_token')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('last_used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema.createTable('one_time_code')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('contact_index', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('consumed_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('one_time_code_contact_idx').on('one_time_code').columns(['tenant_id', 'contact_index', 'created_at']).execute();

    // seq is assigned under the tenant's audit_head row lock, so the chain has no gaps.
    await db.schema.createTable('audit_log')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('object_type', 'text', (c) => c.notNull())
      .addColumn('object_id', 'text')
      .addColumn('subject_person_id', 'text')
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_log_pk', ['tenant_id', 'seq'])
      .execute();
    await db.schema.createIndex('audit_log_subject_idx').on('audit_log').columns(['tenant_id', 'subject_person_id', 'seq']).execute();
    await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['tenant_id', 'actor_id', 'seq']).execute();

    await db.schema.createTable('audit_head')
      .addColumn('tenant_id', 'text', (c) => c.primaryKey())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addColumn('last_hash', 'text', (c) => c.notNull())
      .execute();

    await db.schema.createTable('case')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('state_category', 'text', (c) => c.notNull())
      .addColumn('tracking_code', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdiction.id'))
      .addColumn('jurisdiction_path', 'text', (c) => c.notNull())
      .addColumn('handling_unit_id', 'text', (c) => c.references('jurisdiction.id'))
      .addColumn('assignee_id', 'text')
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('lng', floatType(engine))
      .addColumn('lat', floatType(engine))
      .addColumn('location_text', 'text')
      .addColumn('requester_person_id', 'text')
      .addColumn('requester_user_id', 'text')
      .addColumn('requester_hidden', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('due_at', 'text')
      .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addUniqueConstraint('case_tracking_code_unique', ['tenant_id', 'tracking_code'])
      .execute();
    // Inbox: one unit's open cases by due date; the path prefix serves subtree scopes.
    await db.schema.createIndex('case_unit_inbox_idx').on('case').columns(['tenant_id', 'handling_unit_id', 'state_category', 'due_at']).execute();
    await db.schema.createIndex('case_path_idx').on('case').columns(['tenant_id', 'jurisdiction_path', 'state_category', 'due_at']).execute();
    await db.schema.createIndex('case_requester_idx').on('case').columns(['tenant_id', 'requester_user_id']).execute();

    await db.schema.createTable('case_event')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull().references('case.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addUniqueConstraint('case_event_seq_unique', ['case_id', 'seq'])
      .execute();

    await db.schema.createTable('case_timer')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull().references('case.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('case_version', 'integer', (c) => c.notNull())
      .addColumn('fired_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // The sweep reads only pending timers that are due: its cost follows what is due.
    await createPartialIndex(db, 'case_timer_pending_idx', 'case_timer', ['due_at'], 'fired_at is null');
    await db.schema.createIndex('case_timer_case_idx').on('case_timer').columns(['case_id', 'kind']).execute();

    await db.schema.createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await createPartialIndex(db, 'outbox_pending_idx', 'outbox', ['next_attempt_at'], "status = 'pending'");

    await db.schema.createTable('calendar_override')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdiction.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('calendar_override_unique', ['jurisdiction_id', 'date'])
      .execute();

    await db.schema.createTable('setting')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('setting_pk', ['tenant_id', 'jurisdiction_id', 'key'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const table of TABLES) await db.schema.dropTable(table).ifExists().execute();
  },
};
