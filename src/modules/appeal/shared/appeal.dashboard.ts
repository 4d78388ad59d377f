// The leaders' appeal dashboard (诉求 "三率" 考评, DOMAIN.md C10): the rates of one unit (or of the district)
// from its counts, the weighted composite score and the ranking. Pure: the counts come from the
// appeal_record projection (server/appeal.dashboard.ts), the weights from settings (`appeal.dashboardWeights`).
//
//   response rate     = signed for within the sign-for limit / received
//   resolution rate   = replied / received
//   satisfaction rate = (satisfied + basically satisfied) / rated
//   on-time reply     = replied within the feedback limit / replied
//   return rate       = returned at least once / received
//   reopen rate       = reopened at least once / answered (replied now, or reopened since)
//
// A rate whose denominator is 0 is null (nothing to measure), never 0.
import { weightsSchema } from '../../../shared/settings.ts';

export interface DashboardWeights {
  response: number;
  resolution: number;
  satisfaction: number;
}

export const DEFAULT_DASHBOARD_WEIGHTS: DashboardWeights = { response: 0.3, resolution: 0.3, satisfaction: 0.4 };

/** The setting `appeal.dashboardWeights` (a 'weights' setting): three weights between 0 and 1 that add up to 1. */
export const dashboardWeightsSchema = weightsSchema(['response', 'resolution', 'satisfaction']);

/** The weights in force: the setting when it is well formed, else the defaults (a malformed value is not trusted). */
export function weightsFrom(settings: Record<string, unknown>): DashboardWeights {
  const parsed = dashboardWeightsSchema.safeParse(settings.dashboardWeights);
  return parsed.success ? parsed.data : { ...DEFAULT_DASHBOARD_WEIGHTS };
}

/** What the projection counts per unit over the period (received in it). */
export interface UnitCounts {
  received: number;
  signedInTime: number;
  replied: number;
  repliedOnTime: number;
  satisfied: number;
  rated: number;
  returned: number;
  reopened: number;
  /** replied now, or reopened since a reply: the appeals that got an answer at least once */
  answered: number;
}

export const COUNT_KEYS = ['received', 'signedInTime', 'replied', 'repliedOnTime', 'satisfied', 'rated', 'returned', 'reopened', 'answered'] as const satisfies ReadonlyArray<keyof UnitCounts>;

export interface UnitRates {
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  onTimeReplyRate: number | null;
  returnRate: number | null;
  reopenRate: number | null;
}

/** part / whole to four decimals (0.1234 = 12.34%), null when the whole is 0. */
export function rate(part: number, whole: number): number | null {
  if (!(whole > 0)) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

export function ratesOf(c: UnitCounts): UnitRates {
  return {
    responseRate: rate(c.signedInTime, c.received),
    resolutionRate: rate(c.replied, c.received),
    satisfactionRate: rate(c.satisfied, c.rated),
    onTimeReplyRate: rate(c.repliedOnTime, c.replied),
    returnRate: rate(c.returned, c.received),
    reopenRate: rate(c.reopened, c.answered),
  };
}

/**
 * The composite score, 0–100 to one decimal: the three rates weighted. A rate that is null (no denominator)
 * drops out and the weights of the others are scaled up to add up to 1 again; null when no rate is known or
 * every known rate weighs 0.
 */
export function compositeScore(rates: Pick<UnitRates, 'responseRate' | 'resolutionRate' | 'satisfactionRate'>, weights: DashboardWeights): number | null {
  const parts: Array<[number | null, number]> = [[rates.responseRate, weights.response], [rates.resolutionRate, weights.resolution], [rates.satisfactionRate, weights.satisfaction]];
  let weighted = 0;
  let total = 0;
  for (const [value, w] of parts) {
    if (value === null) continue;
    weighted += value * w;
    total += w;
  }
  if (total <= 0) return null;
  return Math.round((weighted / total) * 1000) / 10;
}

export function sumCounts(rows: UnitCounts[]): UnitCounts {
  const total = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as UnitCounts;
  for (const row of rows) for (const k of COUNT_KEYS) total[k] += row[k];
  return total;
}

/**
 * Ranks by composite score, highest first ("1, 2, 2, 4" for ties); ties list the unit with more appeals received
 * first, then by name. Units without a score come last, unranked (rank null).
 */
export function rankByScore<T extends { score: number | null; received: number; nameZh: string }>(units: T[]): Array<T & { rank: number | null }> {
  const sorted = [...units].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? a.nameZh.localeCompare(b.nameZh, 'zh') : 1) : -1;
    return b.score - a.score || b.received - a.received || a.nameZh.localeCompare(b.nameZh, 'zh');
  });
  let previous: number | null = null;
  let rank = 0;
  return sorted.map((u, i) => {
    if (u.score === null) return { ...u, rank: null };
    if (u.score !== previous) rank = i + 1;
    previous = u.score;
    return { ...u, rank };
  });
}
