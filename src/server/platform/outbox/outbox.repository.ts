// Side effects after commit (DESIGN.md principle 6): a message is a row written in the
// business transaction, then delivered by the worker with attempts and backoff.
// Payloads carry phone numbers and e-mail addresses, so they are encrypted at rest.
import { newId } from '../../../shared/ids.ts';
import type { Db, Deps } from '../../deps.ts';
import type { Engine } from '../db/database.ts';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher.ts';

export type OutboxChannel = 'sms' | 'email';

export interface OutboxMessage {
  to: string;
  template: string;
  params: Record<string, string | number>;
}

export async function enqueueMessage(trx: Db, deps: Pick<Deps, 'cipher' | 'tenantId'>, at: string, channel: OutboxChannel, message: OutboxMessage) {
  await trx.insertInto('outbox').values({
    id: newId(), tenantId: deps.tenantId, channel, payload: deps.cipher.encrypt(JSON.stringify(message)),
    status: 'pending', attempts: 0, nextAttemptAt: at, lastError: null, createdAt: at, sentAt: null,
  }).execute();
}

export interface ClaimedMessage {
  id: string;
  channel: OutboxChannel;
  attempts: number;
  message: OutboxMessage;
}

/** Claims due messages by pushing their next attempt into the future, so a second worker skips them. */
export async function claimDueMessages(db: Db, engine: Engine, cipher: PersonalDataCipher, now: string, leaseUntil: string, limit: number): Promise<ClaimedMessage[]> {
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('outbox').select(['id', 'channel', 'attempts', 'payload'])
      .where('status', '=', 'pending').where('nextAttemptAt', '<=', now).orderBy('nextAttemptAt').limit(limit);
    if (engine === 'postgres') query = query.forUpdate().skipLocked();
    const rows = await query.execute();
    if (rows.length === 0) return [];
    await trx.updateTable('outbox').set({ nextAttemptAt: leaseUntil }).where('id', 'in', rows.map((r) => r.id)).execute();
    return rows.map((r) => ({ id: r.id, channel: r.channel as OutboxChannel, attempts: r.attempts, message: JSON.parse(cipher.decrypt(r.payload)) as OutboxMessage }));
  });
}

export async function markSent(db: Db, id: string, at: string) {
  await db.updateTable('outbox').set({ status: 'sent', sentAt: at, attempts: (eb) => eb('attempts', '+', 1), lastError: null }).where('id', '=', id).execute();
}

export async function markFailed(db: Db, id: string, attempts: number, error: string, nextAttemptAt: string | null) {
  await db.updateTable('outbox').set({
    status: nextAttemptAt ? 'pending' : 'dead', attempts, lastError: error.slice(0, 500), nextAttemptAt: nextAttemptAt ?? '9999-12-31T00:00:00.000Z',
  }).where('id', '=', id).execute();
}
