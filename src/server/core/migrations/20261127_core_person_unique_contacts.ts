import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/db/migrator.ts';
import { createPartialIndex } from '../../platform/db/columns.ts';

/**
 * One person per phone and per e-mail in a district: concurrent intakes (an appeal by phone, a resident's first
 * sign-in) could each insert the same caller. Where that already happened, the earliest record keeps the
 * lookup index; the later ones stay (cases point at them) but are no longer found by that contact.
 */
export const corePersonUniqueContacts: NamedMigration = {
  name: '20261127_0001_core_person_unique_contacts',
  async up(db: Kysely<any>) {
    for (const column of ['phone_index', 'email_index']) {
      await sql`update person set ${sql.id(column)} = null where ${sql.id(column)} is not null and exists (
        select 1 from person earlier where earlier.tenant_id = person.tenant_id and earlier.${sql.id(column)} = person.${sql.id(column)} and earlier.id < person.id)`.execute(db);
    }
    await createPartialIndex(db, 'person_phone_unique', 'person', ['tenant_id', 'phone_index'], 'phone_index is not null', { unique: true });
    await createPartialIndex(db, 'person_email_unique', 'person', ['tenant_id', 'email_index'], 'email_index is not null', { unique: true });
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('person_email_unique').ifExists().execute();
    await db.schema.dropIndex('person_phone_unique').ifExists().execute();
  },
};
