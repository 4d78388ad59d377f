// Logical backups: every table as gzipped JSON lines, in an order that satisfies foreign keys,
// so a backup taken on SQLite restores into PostgreSQL and the other way round.
import { createReadStream, createWriteStream } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { SqliteAdapter, type Kysely } from 'kysely';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/platform/db/database.ts';
import { migrateToLatest } from '../server/platform/db/migrator.ts';
import { allMigrations } from '../server/migrations.ts';
import { caseModules } from '../modules/registry.ts';
import { sqlitePathFor } from '../server/main.ts';
import { DomainError } from '../shared/errors.ts';

/** Parents before children. Sessions and one-time codes are not kept: they are short-lived secrets. */
export const CORE_TABLES = [
  'tenant', 'jurisdiction', 'person', 'appUser', 'roleGrant', 'apiToken', 'auditHead', 'auditLog', 'case', 'caseEvent', 'caseTimer',
  'outbox', 'calendarOverride', 'setting', 'attachment', 'statutoryYear',
] as const;

export function backupTables(): string[] {
  return [...CORE_TABLES, ...caseModules.flatMap((m) => m.tables ?? [])];
}

const PAGE = 2000;

/** Each table's primary key (Kysely names), by which the backup pages; `id` unless listed here or by its module. */
const KEY_COLUMNS: Record<string, string[]> = Object.assign({
  auditLog: ['tenantId', 'seq'], auditHead: ['tenantId'], setting: ['tenantId', 'jurisdictionId', 'key'], statutoryYear: ['tenantId', 'year'],
}, ...caseModules.map((m) => m.tableKeys ?? {}));

/** Binary columns (attachments) travel as base64 inside the JSON lines. */
function encodeRow(row: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? { $base64: v.toString('base64') } : v]));
}

function decodeRow(row: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(row).map(([k, v]) =>
    [k, v && typeof v === 'object' && '$base64' in v ? Buffer.from(String((v as { $base64: string }).$base64), 'base64') : v]));
}

/**
 * Writes every table as of one instant, while the server may go on writing: the whole backup is read in one
 * transaction (PostgreSQL: repeatable read, read only; SQLite: one read transaction, which WAL keeps at its
 * snapshot), so children never outrun their parents and the audit head matches the log. Pass a connection of
 * its own (as `minsheng backup` does): on SQLite the transaction holds the handle's one connection.
 * Pages follow each table's key (`where key > last`), so reading a page does not re-read the ones before it.
 */
export async function writeBackup(db: Kysely<any>, file: string): Promise<Record<string, number>> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const counts: Record<string, number> = {};
  const read = async (trx: Kysely<any>) => {
    for (const table of backupTables()) {
      counts[table] = 0;
      const key = KEY_COLUMNS[table] ?? ['id'];
      let last: unknown[] | undefined;
      for (;;) {
        let query = trx.selectFrom(table).selectAll();
        for (const column of key) query = query.orderBy(column);
        if (last) {
          const after = last;
          query = key.length === 1
            ? query.where(key[0]!, '>', after[0])
            : query.where(({ eb, refTuple, tuple }) => eb((refTuple as any)(...key), '>', (tuple as any)(...after)));
        }
        const rows = await query.limit(PAGE).execute();
        for (const row of rows) if (!gzip.write(`${JSON.stringify({ table, row: encodeRow(row) })}\n`)) await once(gzip, 'drain');
        counts[table] += rows.length;
        if (rows.length < PAGE) break;
        const lastRow = rows[rows.length - 1] as Record<string, unknown>;
        last = key.map((column) => lastRow[column]);
      }
    }
  };
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await (sqlite ? db.transaction() : db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')).execute(read);
  gzip.end();
  await once(out, 'finish');
  return counts;
}

export async function readBackup(db: Kysely<any>, file: string): Promise<Record<string, number>> {
  const existing = await db.selectFrom('tenant').select('id').limit(1).execute();
  if (existing.length) throw new DomainError('conflict', 'The database is not empty; restore needs a fresh database');
  const counts: Record<string, number> = {};
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  await db.transaction().execute(async (trx) => {
    let batch: Record<string, unknown>[] = [];
    let batchTable = '';
    const flush = async () => {
      if (batch.length) await trx.insertInto(batchTable).values(batch).execute();
      batch = [];
    };
    for await (const line of lines) {
      if (!line) continue;
      const { table, row } = JSON.parse(line) as { table: string; row: Record<string, unknown> };
      if (!backupTables().includes(table)) throw new DomainError('bad_request', `The backup names an unknown table ${table}`);
      if (table !== batchTable || batch.length >= 200) {
        await flush();
        batchTable = table;
      }
      batch.push(decodeRow(row));
      counts[table] = (counts[table] ?? 0) + 1;
    }
    await flush();
  });
  return counts;
}

export async function backupCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  if (!values.out) throw new DomainError('validation_failed', '--out FILE is required');
  const config = loadConfig();
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: sqlitePathFor(config) });
  try {
    const counts = await writeBackup(handle.db, values.out);
    console.log(`Backup written to ${values.out}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    return 0;
  } finally {
    await handle.close();
  }
}

export async function restoreCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' } } });
  if (!values.from) throw new DomainError('validation_failed', '--from FILE is required');
  const config = loadConfig();
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: sqlitePathFor(config) });
  try {
    await migrateToLatest(handle.db, handle.engine, allMigrations(caseModules));
    const counts = await readBackup(handle.db, values.from);
    console.log(`Restored from ${values.from}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    return 0;
  } finally {
    await handle.close();
  }
}
