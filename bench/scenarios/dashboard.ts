// The three rates of the 12345 dashboard for every handling unit over a year: the query the leaders' dashboard
// (GET /api/appeals/dashboard) runs, countsByUnit of src/modules/appeal/server/appeal.dashboard.ts, over the whole
// district, measured against the bare scan of the same year's records (count(*) over the received-at index). It
// reads the appeal_record projection alone (which keeps the unit responsible now, as the case does) and counts,
// besides the three rates' numerators and denominators, the on-time replies, returns and reopenings.
//
//   response rate     = signed for within the limit / received   (appeal_record.signed_in_time, kept by the projection)
//   resolution rate   = replied / received
//   satisfaction rate = (satisfied + basically satisfied) / rated
import { countsByUnit } from '../../src/modules/appeal/server/appeal.dashboard.ts';
import { appealDb } from '../../src/modules/appeal/server/appeal.intake.ts';
import type { Deps } from '../../src/server/deps.ts';
import { figure, type Figure } from '../lib/figures.ts';
import { median, timeOnce } from '../lib/stats.ts';
import type { ScenarioContext } from './context.ts';

const YEAR_MS = 365 * 86_400_000;

export async function measureDashboard(context: ScenarioContext, deps: Deps, scale: number): Promise<Figure[]> {
  const now = deps.clock.now();
  const from = new Date(now.getTime() - YEAR_MS).toISOString();
  const to = now.toISOString();
  const runs = Math.max(3, context.profile.rateRuns);
  const queryTimes: number[] = [];
  let units: Awaited<ReturnType<typeof countsByUnit>> = [];
  for (let i = 0; i < runs; i++) queryTimes.push(await timeOnce(async () => { units = await countsByUnit(deps.db, deps.tenantId, { from, to }); }));
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
