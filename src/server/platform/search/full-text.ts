// Portable full-text index over segmented Chinese text (DESIGN.md principle 8: every raw
// statement here has a SQLite and a PostgreSQL branch, or is the same on both). Bodies and queries go through the
// same segmenter; the engines only split on the spaces between tokens, so 2-character
// words match (STACK.md "Text search in Chinese").
//
// Document ids are unique within an index (as case ids are); the tenant id scopes searches.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Engine } from '../db/database.ts';
import { segment, segmentForIndex } from './segmenter.ts';

// Index names are interpolated as identifiers, so they are limited to plain SQL names.
const INDEX_NAME = /^[a-z][a-z0-9_]{0,50}$/;

function indexTable(name: string) {
  if (!INDEX_NAME.test(name)) throw new Error(`invalid full-text index name: ${JSON.stringify(name)}`);
  return sql.id(name);
}

/**
 * SQLite: FTS5 finds a row quickly only by its integer rowid (`doc_id` is an unindexed column, so
 * `where doc_id = ?` reads the whole index). A plain table keys each document's FTS row.
 */
function keyTable(name: string) {
  indexTable(name);
  return sql.id(`${name}_key`);
}

/** Creates the index table if it does not exist yet (safe to call from a migration twice). */
export async function createFullTextIndex(db: Kysely<any>, engine: Engine, name: string): Promise<void> {
  const table = indexTable(name);
  if (engine === 'sqlite') {
    // Default unicode61 tokenizer: it splits the stored body at the spaces between tokens.
    await sql`create virtual table if not exists ${table} using fts5(doc_id unindexed, tenant_id unindexed, body)`.execute(db);
    await upgradeFullTextIndex(db, engine, name);
    return;
  }
  await sql`create table if not exists ${table} (
    doc_id text primary key,
    tenant_id text not null,
    body text not null,
    tsv tsvector generated always as (to_tsvector('simple', body)) stored
  )`.execute(db);
  await sql`create index if not exists ${sql.id(`${name}_tsv_idx`)} on ${table} using gin (tsv)`.execute(db);
}

/**
 * Adds the SQLite key table to an index created before it existed, keying the rows already indexed
 * (a no-op on PostgreSQL, where `doc_id` is the primary key). Safe to call twice.
 */
export async function upgradeFullTextIndex(db: Kysely<any>, engine: Engine, name: string): Promise<void> {
  if (engine !== 'sqlite') return;
  const table = indexTable(name);
  const keys = keyTable(name);
  await sql`create table if not exists ${keys} (doc_id text primary key, fts_rowid integer not null)`.execute(db);
  await sql`insert or ignore into ${keys} (doc_id, fts_rowid) select doc_id, rowid from ${table}`.execute(db);
}

/**
 * SQLite: keys the FTS rows written directly (bulk loads) after `afterRowid`; returns nothing. Use
 * `lastFullTextRowid` before the load for `afterRowid`.
 */
export async function keyFullTextRows(db: Kysely<any>, engine: Engine, name: string, afterRowid: number): Promise<void> {
  if (engine !== 'sqlite') return;
  await sql`insert into ${keyTable(name)} (doc_id, fts_rowid) select doc_id, rowid from ${indexTable(name)} where rowid > ${afterRowid}`.execute(db);
}

export async function lastFullTextRowid(db: Kysely<any>, engine: Engine, name: string): Promise<number> {
  if (engine !== 'sqlite') return 0;
  const row = (await sql<{ id: number }>`select rowid as id from ${indexTable(name)} order by rowid desc limit 1`.execute(db)).rows[0];
  return Number(row?.id ?? 0);
}

export async function dropFullTextIndex(db: Kysely<any>, engine: Engine, name: string): Promise<void> {
  // Same statement on both engines; the GIN index goes with its table.
  await sql`drop table if exists ${indexTable(name)}`.execute(db);
  if (engine === 'sqlite') await sql`drop table if exists ${keyTable(name)}`.execute(db);
}

async function ftsRowid(db: Kysely<any>, name: string, docId: string): Promise<number | undefined> {
  const row = (await sql<{ id: number }>`select fts_rowid as id from ${keyTable(name)} where doc_id = ${docId}`.execute(db)).rows[0];
  return row === undefined ? undefined : Number(row.id);
}

/** Adds the document, or replaces its text if the id is already indexed. */
export async function indexDocument(
  db: Kysely<any>,
  engine: Engine,
  name: string,
  tenantId: string,
  docId: string,
  text: string,
): Promise<void> {
  const table = indexTable(name);
  const body = segmentForIndex(text);
  if (engine === 'sqlite') {
    // FTS5 tables have no unique keys: replace by delete + insert under the same rowid, atomically.
    const replace = async (trx: Kysely<any>) => {
      const rowid = await ftsRowid(trx, name, docId);
      if (rowid !== undefined) {
        await sql`delete from ${table} where rowid = ${rowid}`.execute(trx);
        await sql`insert into ${table} (rowid, doc_id, tenant_id, body) values (${rowid}, ${docId}, ${tenantId}, ${body})`.execute(trx);
        return;
      }
      const inserted = await sql`insert into ${table} (doc_id, tenant_id, body) values (${docId}, ${tenantId}, ${body})`.execute(trx);
      await sql`insert into ${keyTable(name)} (doc_id, fts_rowid) values (${docId}, ${Number(inserted.insertId)})`.execute(trx);
    };
    await (db.isTransaction ? replace(db) : db.transaction().execute(replace));
    return;
  }
  await sql`insert into ${table} (doc_id, tenant_id, body) values (${docId}, ${tenantId}, ${body})
    on conflict (doc_id) do update set tenant_id = excluded.tenant_id, body = excluded.body`.execute(db);
}

export async function removeDocument(db: Kysely<any>, engine: Engine, name: string, tenantId: string, docId: string): Promise<void> {
  const table = indexTable(name);
  if (engine === 'sqlite') {
    const remove = async (trx: Kysely<any>) => {
      const rowid = await ftsRowid(trx, name, docId);
      if (rowid === undefined) return;
      const deleted = await sql`delete from ${table} where rowid = ${rowid} and tenant_id = ${tenantId}`.execute(trx);
      if (Number(deleted.numAffectedRows ?? 0) > 0) await sql`delete from ${keyTable(name)} where doc_id = ${docId}`.execute(trx);
    };
    await (db.isTransaction ? remove(db) : db.transaction().execute(remove));
    return;
  }
  await sql`delete from ${table} where doc_id = ${docId} and tenant_id = ${tenantId}`.execute(db);
}

/**
 * The engine's query text for the words of a user query, every word required; null when
 * nothing searchable is left. The text is always bound as a parameter, never spliced into SQL.
 */
function engineQuery(engine: Engine, query: string): string | null {
  const tokens = segment(query);
  if (tokens.length === 0) return null;
  // FTS5: each token as a quoted phrase (inner quotes doubled), so AND/OR/NEAR/* stay plain
  // words; juxtaposed phrases must all match. PostgreSQL: plainto_tsquery ANDs the words.
  return engine === 'sqlite' ? tokens.map((token) => `"${token.replaceAll('"', '""')}"`).join(' ') : tokens.join(' ');
}

/** Ids of the tenant's documents containing every word of the query, best match first. */
export async function searchDocuments(
  db: Kysely<any>,
  engine: Engine,
  name: string,
  tenantId: string,
  query: string,
  limit: number,
): Promise<string[]> {
  const table = indexTable(name);
  const matchQuery = engineQuery(engine, query);
  if (matchQuery === null || limit < 1) return [];
  const rowLimit = Math.floor(limit);
  const result =
    engine === 'sqlite'
      ? await sql<{ id: string }>`select doc_id as id from ${table}
          where ${table} match ${matchQuery} and tenant_id = ${tenantId}
          order by bm25(${table}), doc_id limit ${rowLimit}`.execute(db)
      : await sql<{ id: string }>`select doc_id as id from ${table}, plainto_tsquery('simple', ${matchQuery}) as query
          where tsv @@ query and tenant_id = ${tenantId}
          order by ts_rank(tsv, query) desc, doc_id limit ${rowLimit}`.execute(db);
  return result.rows.map((row) => row.id);
}

/**
 * A subquery selecting the ids of the tenant's documents that match the query, so a caller
 * combines full-text search with its own filters, paging and order in one statement:
 *
 *   db.selectFrom('case').selectAll()
 *     .where('status', '=', 'open')
 *     .where(sql<boolean>`${sql.ref('case.id')} in (${fullTextMatchSql(engine, 'case_search', tenantId, q)})`)
 *
 * (sql.ref quotes the reserved word "case"; a plain `appeal.id` works as written.)
 *
 * A query without searchable words matches nothing; to treat an empty search box as "no
 * filter", skip this condition when `segment(q)` is empty.
 */
export function fullTextMatchSql(engine: Engine, name: string, tenantId: string, query: string): RawBuilder<string> {
  const table = indexTable(name);
  const matchQuery = engineQuery(engine, query);
  if (matchQuery === null) return sql<string>`select doc_id from ${table} where 1 = 0`;
  return engine === 'sqlite'
    ? sql<string>`select doc_id from ${table} where ${table} match ${matchQuery} and tenant_id = ${tenantId}`
    : sql<string>`select doc_id from ${table} where tsv @@ plainto_tsquery('simple', ${matchQuery}) and tenant_id = ${tenantId}`;
}

/**
 * A condition true when the document whose id is `idColumn` contains every word of the query: the engine
 * tests each candidate row instead of listing every match (for a common word that list is a third of the
 * index). Use it where the caller's own filters leave few rows, e.g. a street's inbox:
 *
 *   .where(fullTextMatchesRow(engine, 'appeal_search', tenantId, sql.ref('case.id'), q))
 */
export function fullTextMatchesRow(engine: Engine, name: string, tenantId: string, idColumn: RawBuilder<unknown> | ReturnType<typeof sql.ref>, query: string): RawBuilder<boolean> {
  const table = indexTable(name);
  const matchQuery = engineQuery(engine, query);
  if (matchQuery === null) return sql<boolean>`1 = 0`;
  return engine === 'sqlite'
    ? sql<boolean>`exists (select 1 from ${keyTable(name)} k join ${table} on ${table}.rowid = k.fts_rowid
        where k.doc_id = ${idColumn} and ${table} match ${matchQuery} and ${table}.tenant_id = ${tenantId})`
    : sql<boolean>`exists (select 1 from ${table} s where s.doc_id = ${idColumn}
        and s.tsv @@ plainto_tsquery('simple', ${matchQuery}) and s.tenant_id = ${tenantId})`;
}
