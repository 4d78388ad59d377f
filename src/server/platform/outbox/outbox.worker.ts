import type { Deps } from '../../deps.ts';
import { claimDueMessages, markFailed, markSent, type OutboxChannel, type OutboxMessage } from './outbox.repository.ts';

export type Deliver = (channel: OutboxChannel, message: OutboxMessage) => Promise<void>;

export const MAX_ATTEMPTS = 8;

/** Exponential backoff: 30 s, 1 min, 2 min … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);
}

/** Delivers what is due once; returns how many were sent. Safe to run in several processes. */
export async function drainOutbox(deps: Deps, deliver: Deliver, limit = 100): Promise<{ sent: number; failed: number }> {
  const now = deps.clock.now();
  const lease = new Date(now.getTime() + 5 * 60_000).toISOString();
  const claimed = await claimDueMessages(deps.db, deps.engine, deps.cipher, now.toISOString(), lease, limit);
  let sent = 0;
  let failed = 0;
  for (const item of claimed) {
    try {
      await deliver(item.channel, item.message);
      await markSent(deps.db, item.id, deps.clock.now().toISOString());
      sent++;
    } catch (error) {
      const attempts = item.attempts + 1;
      const next = attempts >= MAX_ATTEMPTS ? null : new Date(deps.clock.now().getTime() + backoffMs(attempts)).toISOString();
      await markFailed(deps.db, item.id, attempts, error instanceof Error ? error.message : String(error), next);
      failed++;
    }
  }
  return { sent, failed };
}
