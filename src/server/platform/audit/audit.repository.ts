// Tamper-evident audit: each row's hash covers its content and the previous row's hash.
// Appends take the tenant's audit_head row lock, so concurrent writers form one chain.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema.ts';
import type { Engine } from '../db/database.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actorId: string | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId?: string | null;
  subjectPersonId?: string | null;
  result?: 'ok' | 'denied' | 'failed';
  requestId?: string | null;
  detail?: Record<string, unknown>;
}

function rowHash(prevHash: string, row: Omit<AuditLogTable, 'prevHash' | 'hash'>): string {
  const content = JSON.stringify([
    row.tenantId, row.seq, row.at, row.actorId, row.actorLabel, row.action, row.objectType,
    row.objectId, row.subjectPersonId, row.result, row.requestId, row.detail,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export async function initAuditHead(db: Kysely<Database>, tenantId: string) {
  await db.insertInto('auditHead').values({ tenantId, lastSeq: 0, lastHash: GENESIS_HASH }).execute();
}

/** Appends entries in the caller's transaction (call it last, to hold the head lock briefly). */
export async function appendAudit(trx: Kysely<Database>, engine: Engine, tenantId: string, at: string, entries: AuditEntry[]) {
  if (entries.length === 0) return;
  let headQuery = trx.selectFrom('auditHead').selectAll().where('tenantId', '=', tenantId);
  if (engine === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  let { lastSeq, lastHash } = head;
  const rows: AuditLogTable[] = [];
  for (const entry of entries) {
    const base = {
      tenantId,
      seq: lastSeq + 1,
      at,
      actorId: entry.actorId,
      actorLabel: entry.actorLabel,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      subjectPersonId: entry.subjectPersonId ?? null,
      result: entry.result ?? 'ok',
      requestId: entry.requestId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    };
    const hash = rowHash(lastHash, base);
    rows.push({ ...base, prevHash: lastHash, hash });
    lastSeq = base.seq;
    lastHash = hash;
  }
  await trx.insertInto('auditLog').values(rows).execute();
  await trx.updateTable('auditHead').set({ lastSeq, lastHash }).where('tenantId', '=', tenantId).execute();
}

export type AuditVerdict =
  | { ok: true; rows: number }
  | { ok: false; rows: number; firstBadSeq: number; reason: string };

/** Recomputes the whole chain of one tenant in pages; names the first row that does not fit. */
export async function verifyAuditChain(db: Kysely<Database>, tenantId: string, pageSize = 5000): Promise<AuditVerdict> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const page = await db.selectFrom('auditLog').selectAll().where('tenantId', '=', tenantId)
      .where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    for (const row of page) {
      if (row.seq !== expectedSeq) {
        return { ok: false, rows: expectedSeq - 1, firstBadSeq: expectedSeq, reason: `row ${expectedSeq} is missing` };
      }
      if (row.prevHash !== prevHash) {
        return { ok: false, rows: expectedSeq - 1, firstBadSeq: row.seq, reason: `row ${row.seq} does not link to row ${row.seq - 1}` };
      }
      const { hash, prevHash: _, ...content } = row;
      if (rowHash(prevHash, content) !== hash) {
        return { ok: false, rows: expectedSeq - 1, firstBadSeq: row.seq, reason: `row ${row.seq} was altered` };
      }
      prevHash = hash;
      expectedSeq++;
    }
    if (page.length < pageSize) break;
  }
  const head = await db.selectFrom('auditHead').selectAll().where('tenantId', '=', tenantId).executeTakeFirst();
  const rows = expectedSeq - 1;
  if (!head) return rows === 0 ? { ok: true, rows } : { ok: false, rows, firstBadSeq: 1, reason: 'audit head is missing' };
  if (head.lastSeq !== rows || head.lastHash !== prevHash) {
    return { ok: false, rows, firstBadSeq: Math.min(head.lastSeq, rows + 1), reason: `the chain ends at row ${rows} but the head records row ${head.lastSeq}` };
  }
  return { ok: true, rows };
}
