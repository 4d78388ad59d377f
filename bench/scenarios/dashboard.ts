// The three rates of the 12345 dashboard for every handling unit over a year, from the appeal_record projection
// alone (it keeps the unit responsible now, as the case does). The dashboard itself is still to come; this is the query
// it would run, measured against the bare scan of the same year's records (count(*) over the received-at index).
//
//   response rate     = signed for within the limit / received
//   resolution rate   = replied / received
//   satisfaction rate = (satisfied + basically satisfied) / rated
//
// appeal_record keeps when an appeal was signed for but not whether that was within the sign-for limit (the
// deadline is cleared from the case once signed). Until the projection records it (see BENCHMARKS.md), "within
// the limit" is approximated by "signed for and never handed up by the deadline engine"
// (last_escalation_automatic = 0): an appeal whose sign-for clock ran out was escalated automatically.
import { sql } from 'kysely';
import { appealDb } from '../../src/modules/appeal/server/appeal.intake.ts';
import type { Db, Deps } from '../../src/server/deps.ts';
import { figure, type Figure } from '../lib/figures.ts';
import { median, timeOnce } from '../lib/stats.ts';
import type { ScenarioContext } from './context.ts';

const YEAR_MS = 365 * 86_400_000;

export interface UnitRates {
  unitId: string | null;
  received: number;
  signedInTime: number;
  replied: number;
  satisfied: number;
  rated: number;
}

export function threeRatesByUnit(db: Db, tenantId: string, from: string, to: string): Promise<UnitRates[]> {
  const count = (condition: ReturnType<typeof sql<boolean>>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;
  return appealDb(db).selectFrom('appealRecord')
    .select([
      'appealRecord.handlingUnitId as unitId',
      (eb) => eb.fn.countAll<number>().as('received'),
      count(sql<boolean>`appeal_record.signed_for_at is not null and appeal_record.last_escalation_automatic = 0`).as('signedInTime'),
      count(sql<boolean>`appeal_record.replied_at is not null`).as('replied'),
      count(sql<boolean>`appeal_record.rating in ('satisfied', 'basically_satisfied')`).as('satisfied'),
      count(sql<boolean>`appeal_record.rating is not null`).as('rated'),
    ])
    .where('appealRecord.tenantId', '=', tenantId).where('appealRecord.receivedAt', '>=', from).where('appealRecord.receivedAt', '<', to)
    .groupBy('appealRecord.handlingUnitId')
    .execute();
}

export async function measureDashboard(context: ScenarioContext, deps: Deps, scale: number): Promise<Figure[]> {
  const now = deps.clock.now();
  const from = new Date(now.getTime() - YEAR_MS).toISOString();
  const to = now.toISOString();
  const runs = Math.max(3, context.profile.rateRuns);
  const queryTimes: number[] = [];
  let units: UnitRates[] = [];
  for (let i = 0; i < runs; i++) queryTimes.push(await timeOnce(async () => { units = await threeRatesByUnit(deps.db, deps.tenantId, from, to); }));
  const scanTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    scanTimes.push(await timeOnce(() => appealDb(deps.db).selectFrom('appealRecord').select((eb) => eb.fn.countAll().as('n'))
      .where('tenantId', '=', deps.tenantId).where('receivedAt', '>=', from).where('receivedAt', '<', to).execute()));
  }
  const received = units.reduce((n, u) => n + Number(u.received), 0);
  return [figure({
    scenario: 'dashboard', name: 'three rates for every unit over a year', engine: context.engine, scale, unit: 'ms', value: median(queryTimes),
    baseline: { name: "count(*) of the year's records", value: median(scanTimes) }, target: { on: 'value', op: '<=', limit: 1000 },
    detail: { runs: queryTimes, scans: scanTimes, units: units.length, received },
  })];
}
