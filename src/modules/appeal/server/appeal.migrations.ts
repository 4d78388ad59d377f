import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../../server/platform/db/migrator.ts';
import { floatType } from '../../../server/platform/db/columns.ts';
import { createFullTextIndex, dropFullTextIndex, upgradeFullTextIndex } from '../../../server/platform/search/full-text.ts';

export const APPEAL_SEARCH_INDEX = 'appeal_search';

/** Module tables in backup order (Kysely names). The full-text index is rebuilt, not backed up. */
export const APPEAL_TABLES = ['appealCategory', 'appealRoutingRule', 'appealRecord', 'appealCategoryTerm', 'open311Client'];

export const appealMigrations: NamedMigration[] = [{
  name: '20261126_0100_appeal_initial',
  async up(db: Kysely<any>, engine) {
    await db.schema.createTable('appeal_category')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('parent_code', 'text')
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('sla_class', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('department_code', 'text')
      .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('appeal_category_code_unique', ['tenant_id', 'code'])
      .execute();

    await db.schema.createTable('appeal_routing_rule')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('category_code', 'text', (c) => c.notNull())
      .addColumn('area_id', 'text', (c) => c.notNull().references('jurisdiction.id'))
      .addColumn('target_unit_id', 'text', (c) => c.notNull().references('jurisdiction.id'))
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('appeal_routing_rule_category_idx').on('appeal_routing_rule').columns(['tenant_id', 'category_code']).execute();

    // Queryable projection of each appeal, kept in the kernel's transaction: duplicates, statistics, rankings.
    await db.schema.createTable('appeal_record')
      .addColumn('case_id', 'text', (c) => c.primaryKey().references('case.id'))
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('category_code', 'text', (c) => c.notNull())
      .addColumn('sla_class', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('community_id', 'text')
      .addColumn('street_id', 'text')
      .addColumn('state_category', 'text', (c) => c.notNull())
      .addColumn('lng', floatType(engine))
      .addColumn('lat', floatType(engine))
      .addColumn('tokens', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('signed_for_at', 'text')
      .addColumn('replied_at', 'text')
      .addColumn('replied_on_time', 'integer')
      .addColumn('replied_by_level', 'text')
      .addColumn('replied_by_unit_id', 'text')
      .addColumn('returns', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('escalations', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_escalation_reason', 'text')
      .addColumn('last_escalation_automatic', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reopens', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rating', 'text')
      .addColumn('supervised', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('hide_identity', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('publish', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('parent_id', 'text')
      .execute();
    await db.schema.createIndex('appeal_record_received_idx').on('appeal_record').columns(['tenant_id', 'received_at']).execute();
    await db.schema.createIndex('appeal_record_duplicates_idx').on('appeal_record').columns(['tenant_id', 'category_code', 'state_category', 'received_at']).execute();

    await db.schema.createTable('appeal_category_term')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('category_code', 'text', (c) => c.notNull())
      .addColumn('term', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('appeal_category_term_pk', ['tenant_id', 'category_code', 'term'])
      .execute();

    await db.schema.createTable('open311_client')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();

    await createFullTextIndex(db, engine, APPEAL_SEARCH_INDEX);
  },
  async down(db: Kysely<any>, engine) {
    await dropFullTextIndex(db, engine, APPEAL_SEARCH_INDEX);
    for (const table of ['open311_client', 'appeal_category_term', 'appeal_record', 'appeal_routing_rule', 'appeal_category']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
}, {
  // SQLite: key the search rows by FTS rowid, so replacing an appeal's text no longer reads the whole index.
  name: '20261127_0100_appeal_search_key',
  async up(db: Kysely<any>, engine) {
    await upgradeFullTextIndex(db, engine, APPEAL_SEARCH_INDEX);
  },
  async down(db: Kysely<any>, engine) {
    if (engine === 'sqlite') await db.schema.dropTable(`${APPEAL_SEARCH_INDEX}_key`).ifExists().execute();
  },
}, {
  // The unit responsible now on the projection: the dashboard's rates by unit no longer join every record to its case.
  name: '20261127_0101_appeal_record_unit',
  async up(db: Kysely<any>) {
    await db.schema.alterTable('appeal_record').addColumn('handling_unit_id', 'text').execute();
    await sql`update appeal_record set handling_unit_id = (select c.handling_unit_id from ${sql.table('case')} c where c.id = appeal_record.case_id)`.execute(db);
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('appeal_record').dropColumn('handling_unit_id').execute();
  },
}, {
  // The duplicate check reads one category's open appeals in the communities near the new one, not the district's.
  name: '20261127_0102_appeal_record_nearby',
  async up(db: Kysely<any>) {
    await db.schema.dropIndex('appeal_record_duplicates_idx').execute();
    await db.schema.createIndex('appeal_record_nearby_idx').on('appeal_record').columns(['tenant_id', 'category_code', 'community_id', 'state_category', 'received_at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('appeal_record_nearby_idx').execute();
    await db.schema.createIndex('appeal_record_duplicates_idx').on('appeal_record').columns(['tenant_id', 'category_code', 'state_category', 'received_at']).execute();
  },
}, {
  // One rule per category and area, also when two administrators add it at the same instant.
  name: '20261127_0103_appeal_routing_rule_unique',
  async up(db: Kysely<any>) {
    await db.schema.dropIndex('appeal_routing_rule_category_idx').execute();
    await db.schema.createIndex('appeal_routing_rule_area_uq').unique().on('appeal_routing_rule').columns(['tenant_id', 'category_code', 'area_id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('appeal_routing_rule_area_uq').execute();
    await db.schema.createIndex('appeal_routing_rule_category_idx').on('appeal_routing_rule').columns(['tenant_id', 'category_code']).execute();
  },
}, {
  // Whether the unit responsible now signed for the appeal within its sign-for limit: the dashboard's response rate.
  name: '20261127_0200_appeal_record_signed_in_time',
  async up(db: Kysely<any>) {
    await db.schema.alterTable('appeal_record').addColumn('signed_in_time', 'integer').execute();
    await backfillSignedInTime(db);
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('appeal_record').dropColumn('signed_in_time').execute();
  },
}];

const BACKFILL_PAGE = 1000;

/**
 * Existing appeals, from their timelines: the last sign-for is compared with the sign-for limit of the dispatch
 * (or escalation) it answered, which that event's data carries, so the answer is exact where the timeline is
 * whole. Where it is not (no such dispatch, or one without a limit), the best remaining evidence decides, as the
 * dashboard's benchmark used to: signed for and never handed up by the deadline engine (last_escalation_automatic
 * = 0) counts as in time, since a unit whose sign-for clock ran out had the appeal escalated away from it.
 * Appeals not signed for by the unit responsible now stay null. Paged by case id, so memory stays flat.
 */
export async function backfillSignedInTime(db: Kysely<any>) {
  // Identifiers in camelCase: the database's CamelCasePlugin writes them in snake_case and answers rows in camelCase.
  let after = '';
  for (;;) {
    const page = await db.selectFrom('appealRecord').select(['caseId', 'lastEscalationAutomatic'])
      .where('signedForAt', 'is not', null).where('caseId', '>', after).orderBy('caseId').limit(BACKFILL_PAGE).execute() as Array<{ caseId: string; lastEscalationAutomatic: number }>;
    if (page.length === 0) return;
    after = page[page.length - 1]!.caseId;
    const events = await db.selectFrom('caseEvent').select(['caseId', 'type', 'at', 'data'])
      .where('caseId', 'in', page.map((r) => r.caseId)).where('type', 'in', ['dispatched', 'escalated', 'signed_for'])
      .orderBy('caseId').orderBy('seq').execute() as Array<{ caseId: string; type: string; at: string; data: string }>;
    const verdict = new Map<string, number | null>();
    const limit = new Map<string, string | null>();
    for (const e of events) {
      if (e.type === 'signed_for') {
        const own = (JSON.parse(e.data) as { dueAt?: unknown }).dueAt; // newer sign-for events carry their limit
        const dueAt = typeof own === 'string' ? own : limit.get(e.caseId);
        verdict.set(e.caseId, dueAt ? (e.at <= dueAt ? 1 : 0) : null);
      } else {
        const dueAt = (JSON.parse(e.data) as { signForDueAt?: unknown }).signForDueAt;
        limit.set(e.caseId, typeof dueAt === 'string' ? dueAt : null);
        verdict.delete(e.caseId); // handed on: only a later sign-for speaks for the unit responsible now
      }
    }
    const inTime: string[] = [];
    const late: string[] = [];
    for (const r of page) {
      const known = verdict.get(r.caseId);
      // A sign-for on the projection that the timeline does not show, or cannot judge: the fallback above.
      const value = known ?? (verdict.has(r.caseId) || !limit.has(r.caseId) ? (Number(r.lastEscalationAutomatic) === 0 ? 1 : 0) : null);
      if (value === 1) inTime.push(r.caseId);
      else if (value === 0) late.push(r.caseId);
    }
    if (inTime.length) await db.updateTable('appealRecord').set({ signedInTime: 1 }).where('caseId', 'in', inTime).execute();
    if (late.length) await db.updateTable('appealRecord').set({ signedInTime: 0 }).where('caseId', 'in', late).execute();
  }
}
