// What every service is built from. buildApp(deps) takes these, so tests pass a fixed
// clock, an in-memory database and a throwaway key.
import type { Kysely } from 'kysely';
import type { Database } from './platform/db/schema.ts';
import type { Engine } from './platform/db/database.ts';
import type { Clock } from '../shared/time/clock.ts';
import type { PersonalDataCipher } from './platform/crypto/personal-data-cipher.ts';
import type { AuditEntry } from './platform/audit/audit.repository.ts';
import { appendAudit } from './platform/audit/audit.repository.ts';
import type { CaseModule } from './core/cases/case-module.ts';

export interface Deps {
  db: Kysely<Database>;
  engine: Engine;
  clock: Clock;
  cipher: PersonalDataCipher;
  tenantId: string;
  /** the case types this deployment runs (src/modules/registry.ts; tests may pass their own) */
  modules: CaseModule[];
}

export type Db = Kysely<Database>;

export function nowIso(deps: Pick<Deps, 'clock'>): string {
  return deps.clock.now().toISOString();
}

/** Runs `work` in one transaction and appends its audit entries last, inside the same transaction. */
export async function inTransaction<T>(
  deps: Deps,
  work: (trx: Db, audit: (entry: AuditEntry) => void) => Promise<T>,
): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    const entries: AuditEntry[] = [];
    const result = await work(trx, (entry) => entries.push(entry));
    await appendAudit(trx, deps.engine, deps.tenantId, nowIso(deps), entries);
    return result;
  });
}

/**
 * A handle on the open transaction `trx` whose own transaction() joins it instead of opening another: code
 * that opens its transactions (a module's install, the demo seed) then runs as part of one larger transaction,
 * which commits or rolls back as a whole.
 */
export function joinedTransaction(trx: Db): Db {
  const joined: Db = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') {
        return () => {
          const builder = {
            setIsolationLevel: () => builder,
            setAccessMode: () => builder,
            execute: <T>(work: (inner: Db) => Promise<T>) => work(joined),
          };
          return builder;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return joined;
}

/** Audit rows written on their own, e.g. for a denied or failed attempt that changes nothing else. */
export async function auditOnly(deps: Deps, entries: AuditEntry[]) {
  await deps.db.transaction().execute((trx) => appendAudit(trx, deps.engine, deps.tenantId, nowIso(deps), entries));
}
