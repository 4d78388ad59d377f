// The leaders' appeal dashboard (GET /api/appeals/dashboard; docs/case-types/appeal.md "Dashboard"): per handling
// unit in the caller's reach, the appeals received over a period of district-local days and the three rates
// (response, resolution, satisfaction) with the weighted composite score and the ranking, the on-time reply,
// return and reopen rates, the totals, and the hot issues. Read from the appeal_record projection alone, kept
// by the unit responsible now (as the case is); only counts leave here, never anything about a resident.
import { sql, type SqlBool } from 'kysely';
import { validationError } from '../../../shared/errors.ts';
import { grantsWith, requirePermission, type Actor } from '../../../shared/actor.ts';
import type { JurisdictionDirectory } from '../../../shared/jurisdiction-directory.ts';
import { addDays, compareLocalDates, startOfLocalDay, toLocalDate, type LocalDate } from '../../../shared/time/local-date.ts';
import type { Engine } from '../../../server/platform/db/database.ts';
import type { Db, Deps } from '../../../server/deps.ts';
import { loadDirectory } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import { settingsForPath } from '../../../server/core/settings/settings.repository.ts';
import { whereVisible } from '../../../server/core/cases/case.repository.ts';
import { compositeScore, COUNT_KEYS, rankByScore, rate, ratesOf, sumCounts, weightsFrom, type UnitCounts } from '../shared/appeal.dashboard.ts';
import { appealDb } from './appeal.intake.ts';

/** Days in the default period: the last 365, today included. */
export const DEFAULT_PERIOD_DAYS = 365;
/** Categories listed as hot issues. */
export const HOT_ISSUES = 10;

/** Instants [from, to) of the projection's received_at (ISO UTC). */
export interface InstantRange {
  from: string;
  to: string;
}

/** The whole district (no filter: the cheap path), or the appeals an actor reaches with case.supervise. */
export type DashboardReach = 'district' | { actor: Actor; engine: Engine };

/** 'district' for the system and for anyone supervising from the root down; otherwise the actor's own reach. */
export function reachOf(actor: Actor, directory: JurisdictionDirectory, engine: Engine): DashboardReach {
  if (actor.kind === 'system') return 'district';
  const root = directory.root();
  const whole = root && grantsWith(actor, 'case.supervise').some((g) => root.path.startsWith(g.jurisdictionPath));
  return whole ? 'district' : { actor, engine };
}

/** The cases within reach as a subquery (the kernel's visibility rule, as every other read of cases), or null for the whole district. */
function visibleCases(reach: DashboardReach, db: Db, tenantId: string, range: InstantRange) {
  if (reach === 'district') return null;
  return whereVisible(
    db.selectFrom('case').select('case.id').where('case.tenantId', '=', tenantId).where('case.kind', '=', 'appeal')
      .where('case.createdAt', '>=', range.from).where('case.createdAt', '<', range.to),
    reach.actor, 'case.supervise', reach.engine,
  );
}

/** The appeal records received in the range within reach. */
function recordsReceived(db: Db, tenantId: string, range: InstantRange, reach: DashboardReach) {
  const visible = visibleCases(reach, db, tenantId, range);
  return appealDb(db).selectFrom('appealRecord')
    .where('appealRecord.tenantId', '=', tenantId).where('appealRecord.receivedAt', '>=', range.from).where('appealRecord.receivedAt', '<', range.to)
    .$if(visible !== null, (qb) => qb.where('appealRecord.caseId', 'in', visible!));
}

const countWhere = (condition: ReturnType<typeof sql<SqlBool>>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/**
 * Per handling unit (handling_unit_id), the appeals received in [from, to) and what became of them; merged
 * duplicates are left out (their parent is counted, and answers them). The query behind the dashboard's rates,
 * which the benchmark measures (bench/scenarios/dashboard.ts).
 */
export async function countsByUnit(db: Db, tenantId: string, range: InstantRange, reach: DashboardReach = 'district'): Promise<Array<UnitCounts & { unitId: string | null }>> {
  const rows = await recordsReceived(db, tenantId, range, reach)
    .select([
      'appealRecord.handlingUnitId as unitId',
      (eb) => eb.fn.countAll<number>().as('received'),
      countWhere(sql<SqlBool>`appeal_record.signed_in_time = 1`).as('signedInTime'),
      countWhere(sql<SqlBool>`appeal_record.replied_at is not null`).as('replied'),
      countWhere(sql<SqlBool>`appeal_record.replied_on_time = 1`).as('repliedOnTime'),
      countWhere(sql<SqlBool>`appeal_record.rating in ('satisfied', 'basically_satisfied')`).as('satisfied'),
      countWhere(sql<SqlBool>`appeal_record.rating is not null`).as('rated'),
      countWhere(sql<SqlBool>`appeal_record.returns > 0`).as('returned'),
      countWhere(sql<SqlBool>`appeal_record.reopens > 0`).as('reopened'),
      countWhere(sql<SqlBool>`(appeal_record.replied_at is not null or appeal_record.reopens > 0)`).as('answered'),
    ])
    .where('appealRecord.parentId', 'is', null)
    .groupBy('appealRecord.handlingUnitId')
    .execute();
  // PostgreSQL answers sums as text (bigint, numeric); SQLite as numbers.
  return rows.map((r) => ({ unitId: r.unitId, ...Object.fromEntries(COUNT_KEYS.map((k) => [k, Number(r[k] ?? 0)])) as unknown as UnitCounts }));
}

/**
 * Appeals received in the range per category, most first, duplicates included (ten callers about one matter make
 * it hotter); their sum is every appeal received within reach.
 */
async function countsByCategory(db: Db, tenantId: string, range: InstantRange, reach: DashboardReach) {
  const rows = await recordsReceived(db, tenantId, range, reach)
    .leftJoin('appealCategory', (join) => join.onRef('appealCategory.tenantId', '=', 'appealRecord.tenantId').onRef('appealCategory.code', '=', 'appealRecord.categoryCode'))
    .select(['appealRecord.categoryCode', 'appealCategory.nameZh', 'appealCategory.nameEn', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['appealRecord.categoryCode', 'appealCategory.nameZh', 'appealCategory.nameEn'])
    .orderBy('count', 'desc').orderBy('appealRecord.categoryCode')
    .execute();
  return rows.map((r) => ({ categoryCode: r.categoryCode, nameZh: r.nameZh ?? r.categoryCode, nameEn: r.nameEn ?? r.categoryCode, count: Number(r.count) }));
}

export interface DashboardQuery {
  from?: LocalDate | undefined;
  to?: LocalDate | undefined;
}

/** The period in district-local days: the last 365 by default; a missing end follows from the other. */
export function dashboardPeriod(query: DashboardQuery, now: Date): { from: LocalDate; to: LocalDate; range: InstantRange } {
  const to = query.to ?? (query.from ? maxDate(query.from, toLocalDate(now)) : toLocalDate(now));
  const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (compareLocalDates(from, to) > 0) throw validationError([{ field: 'querystring.to', message: `The period ends (${to}) before it begins (${from})` }]);
  return { from, to, range: { from: startOfLocalDay(from).toISOString(), to: startOfLocalDay(addDays(to, 1)).toISOString() } };
}

function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return compareLocalDates(a, b) >= 0 ? a : b;
}

/** The whole dashboard for a leader (case.supervise), within their reach. */
export async function appealDashboard(deps: Deps, actor: Actor, query: DashboardQuery) {
  requirePermission(actor, 'case.supervise');
  const period = dashboardPeriod(query, deps.clock.now());
  const directory = await loadDirectory(deps.db, deps.tenantId);
  const reach = reachOf(actor, directory, deps.engine);
  // The weights in force where the reader supervises from (the district's unless a nearer unit sets its own).
  const home = actor.kind === 'staff' ? grantsWith(actor, 'case.supervise').map((g) => g.jurisdictionPath).sort((a, b) => a.length - b.length)[0] : undefined;
  const weights = weightsFrom(await settingsForPath(deps.db, deps.tenantId, home ?? directory.root()?.path ?? '', 'appeal'));

  const byUnit = await countsByUnit(deps.db, deps.tenantId, period.range, reach);
  const categories = await countsByCategory(deps.db, deps.tenantId, period.range, reach);
  const receivedAll = categories.reduce((n, c) => n + c.count, 0);
  const totals = sumCounts(byUnit);
  const totalRates = ratesOf(totals);
  const units = rankByScore(byUnit.flatMap(({ unitId, ...counts }) => {
    if (unitId === null) return []; // only appeals from before the projection kept the unit: in the totals alone
    const unit = directory.get(unitId);
    const rates = ratesOf(counts);
    return [{ unitId, nameZh: unit?.nameZh ?? '', nameEn: unit?.nameEn ?? '', kind: unit?.kind ?? null, ...counts, ...rates, score: compositeScore(rates, weights) }];
  }));

  return {
    from: period.from,
    to: period.to,
    weights,
    totals: { ...totals, ...totalRates, score: compositeScore(totalRates, weights) },
    units,
    hotIssues: categories.slice(0, HOT_ISSUES).map((c) => ({ ...c, share: rate(c.count, receivedAll) })),
  };
}
