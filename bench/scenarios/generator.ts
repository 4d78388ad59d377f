// Growing the main database to a scale with the generator, against the engine's bulk-insert ceiling measured
// right after in the same database: Kysely multi-row inserts of 1000 plain rows, 10,000 per transaction.
import { sql } from 'kysely';
import { generateCases, type GenerateResult } from '../../src/cli/bench-generate.ts';
import type { Deps } from '../../src/server/deps.ts';
import { figure, type Figure } from '../lib/figures.ts';
import type { ScenarioContext } from './context.ts';

const BATCH = 1000;
const ROWS_PER_TRANSACTION = 10_000;
/** About an event row's width: the bulk of what the generator writes. */
const BODY = JSON.stringify({ note: '居民反映楼道灯不亮，已派物业维修。'.repeat(4), unitId: '0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b' });

export async function appealCount(deps: Deps): Promise<number> {
  const row = await deps.db.selectFrom('case').select((eb) => eb.fn.countAll<number>().as('n')).where('tenantId', '=', deps.tenantId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rows per second that plain batched inserts reach in this database. */
async function bulkInsertCeiling(deps: Deps, rows: number): Promise<number> {
  await sql`create table bench_bulk_row (id text primary key, tenant_id text not null, body text not null, created_at text not null)`.execute(deps.db);
  try {
    const started = performance.now();
    const createdAt = new Date().toISOString();
    for (let done = 0; done < rows;) {
      const inThisTransaction = Math.min(ROWS_PER_TRANSACTION, rows - done);
      await deps.db.transaction().execute(async (trx) => {
        for (let i = 0; i < inThisTransaction; i += BATCH) {
          const batch = Array.from({ length: Math.min(BATCH, inThisTransaction - i) }, (_, j) => ({ id: `${done + i + j}`.padStart(12, '0'), tenantId: deps.tenantId, body: BODY, createdAt }));
          await trx.withTables<{ benchBulkRow: { id: string; tenantId: string; body: string; createdAt: string } }>().insertInto('benchBulkRow').values(batch).execute();
        }
      });
      done += inThisTransaction;
    }
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await sql`drop table bench_bulk_row`.execute(deps.db);
  }
}

/** Adds appeals until the main database holds `scale`; the figures of that growth. */
export async function growTo(context: ScenarioContext, deps: Deps, scale: number): Promise<{ figures: Figure[]; result: GenerateResult | null }> {
  const existing = await appealCount(deps);
  if (existing >= scale) return { figures: [], result: null };
  context.log(`generating ${scale - existing} appeals (${existing} → ${scale})`);
  const result = await generateCases(deps, scale - existing, { templates: context.profile.templates, log: context.log });
  const ceiling = await bulkInsertCeiling(deps, context.profile.bulkBaselineRows);
  const detail = {
    added: result.cases, events: result.events, timers: result.timers, persons: result.persons, rows: result.rows,
    templates: result.templates, templateSeconds: result.templateSeconds, writeSeconds: result.writeSeconds, seconds: result.seconds,
  };
  return {
    result,
    figures: [
      figure({ scenario: 'generator', name: 'rows written per second', engine: context.engine, scale, unit: 'rows/s', value: result.rows / result.writeSeconds, baseline: { name: 'plain bulk insert', value: ceiling }, detail }),
      // One template pool, plus this growth's writing time per appeal for a million.
      figure({
        scenario: 'generator', name: 'time for 1M appeals (extrapolated)', engine: context.engine, scale, unit: 's',
        value: result.templateSeconds + (result.writeSeconds / result.cases) * 1_000_000,
        target: { on: 'value', op: '<=', limit: 300 }, detail: { added: result.cases, seconds: result.seconds },
      }),
    ],
  };
}
