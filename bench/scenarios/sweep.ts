// The deadline engine's sweep when 1000 timers are due: the clock is set to the due time of the 1000th pending
// timer and one sweep fires them (five batches of 200), acting on each case through the kernel. The cost should
// follow what is due, not how many cases exist: the harness compares the largest scale with the smallest.
// Sweeping changes the cases it acts on, so it runs last at each scale.
import { sweepDeadlines } from '../../src/server/core/cases/deadline-engine.ts';
import type { Deps } from '../../src/server/deps.ts';
import { FixedClock } from '../../src/shared/time/clock.ts';
import { figure, type Figure } from '../lib/figures.ts';
import { timeOnce } from '../lib/stats.ts';
import type { ScenarioContext } from './context.ts';

export const DUE_TIMERS = 1000;
const BATCH = 200;

export interface SweepOutcome {
  /** milliseconds per 1000 fired timers */
  per1000: number;
  figure: Figure;
}

export async function measureSweep(context: ScenarioContext, deps: Deps, scale: number): Promise<SweepOutcome | null> {
  const pending = await deps.db.selectFrom('caseTimer').select('dueAt').where('tenantId', '=', deps.tenantId).where('firedAt', 'is', null)
    .orderBy('dueAt').limit(DUE_TIMERS).execute();
  const last = pending.at(-1);
  if (!last) return null;
  const { count: pendingTotal } = await deps.db.selectFrom('caseTimer').select((eb) => eb.fn.countAll<number>().as('count'))
    .where('tenantId', '=', deps.tenantId).where('firedAt', 'is', null).executeTakeFirstOrThrow();
  const clock = new FixedClock(last.dueAt);
  let result = { fired: 0, acted: 0, stale: 0 };
  const ms = await timeOnce(async () => {
    result = await sweepDeadlines({ ...deps, clock }, { batchSize: BATCH, maxBatches: Math.ceil(DUE_TIMERS / BATCH) });
  });
  const per1000 = result.fired > 0 ? (ms / result.fired) * 1000 : ms;
  return {
    per1000,
    figure: figure({
      scenario: 'sweep', name: `sweep of ${result.fired} due timers`, engine: context.engine, scale, unit: 'ms', value: ms,
      detail: { ...result, pendingTimers: Number(pendingTotal), sweptAt: last.dueAt, msPer1000: per1000 },
    }),
  };
}

/** The largest scale's sweep time per 1000 timers against the smallest's: at most 1.5. */
export function sweepGrowth(engine: string, smallest: { scale: number; per1000: number }, largest: { scale: number; per1000: number }): Figure {
  return figure({
    scenario: 'sweep', name: `1000 due timers at ${largest.scale} vs ${smallest.scale} appeals`, engine, scale: largest.scale, unit: 'ms',
    value: largest.per1000, baseline: { name: `same at ${smallest.scale}`, value: smallest.per1000 }, target: { on: 'ratio', op: '<=', limit: 1.5 },
  });
}
