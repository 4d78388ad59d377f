// The dashboard's arithmetic (shared/appeal.dashboard.ts) and its period (server/appeal.dashboard.ts): rates
// with null for an empty denominator, the weighted composite score, the weights setting, the ranking with ties.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import {
  compositeScore, DEFAULT_DASHBOARD_WEIGHTS, dashboardWeightsSchema, rankByScore, rate, ratesOf, sumCounts, weightsFrom, type UnitCounts,
} from '../shared/appeal.dashboard.ts';
import { APPEAL_SETTING_DEFAULTS, APPEAL_SETTINGS } from '../shared/appeal.deadlines.ts';
import { dashboardPeriod } from '../server/appeal.dashboard.ts';

const counts = (c: Partial<UnitCounts>): UnitCounts => ({
  received: 0, signedInTime: 0, replied: 0, repliedOnTime: 0, satisfied: 0, rated: 0, returned: 0, reopened: 0, answered: 0, ...c,
});

describe('rates', () => {
  it('is part / whole to four decimals, and null (not 0) when the whole is 0', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 5)).toBe(0);
    expect(rate(5, 5)).toBe(1);
    expect(rate(0, 0)).toBeNull();
  });

  it('follows each definition', () => {
    const r = ratesOf(counts({ received: 10, signedInTime: 8, replied: 6, repliedOnTime: 3, satisfied: 3, rated: 4, returned: 1, reopened: 2, answered: 8 }));
    expect(r).toEqual({ responseRate: 0.8, resolutionRate: 0.6, satisfactionRate: 0.75, onTimeReplyRate: 0.5, returnRate: 0.1, reopenRate: 0.25 });
  });

  it('a unit with appeals but no reply and no rating: the reply and rating rates are null', () => {
    const r = ratesOf(counts({ received: 4, signedInTime: 1 }));
    expect(r).toEqual({ responseRate: 0.25, resolutionRate: 0, satisfactionRate: null, onTimeReplyRate: null, returnRate: 0, reopenRate: null });
  });

  it('totals add every count', () => {
    expect(sumCounts([counts({ received: 2, rated: 1 }), counts({ received: 3, satisfied: 1, rated: 1 })])).toEqual(counts({ received: 5, satisfied: 1, rated: 2 }));
    expect(sumCounts([])).toEqual(counts({}));
  });
});

describe('the composite score', () => {
  it('weights the three rates (defaults 0.3 / 0.3 / 0.4) on a 0–100 scale', () => {
    expect(compositeScore({ responseRate: 0.8, resolutionRate: 0.6, satisfactionRate: 0.75 }, DEFAULT_DASHBOARD_WEIGHTS)).toBe(72); // 24 + 18 + 30
    expect(compositeScore({ responseRate: 1, resolutionRate: 1, satisfactionRate: 1 }, DEFAULT_DASHBOARD_WEIGHTS)).toBe(100);
    expect(compositeScore({ responseRate: 0, resolutionRate: 0, satisfactionRate: 0 }, DEFAULT_DASHBOARD_WEIGHTS)).toBe(0);
    expect(compositeScore({ responseRate: 0.5, resolutionRate: 0.5, satisfactionRate: 1 }, { response: 0.5, resolution: 0.5, satisfaction: 0 })).toBe(50);
  });

  it('leaves out a rate without a denominator and scales the other weights up', () => {
    // 0.3 × 0.8 + 0.3 × 0.6 over 0.6 = 0.7
    expect(compositeScore({ responseRate: 0.8, resolutionRate: 0.6, satisfactionRate: null }, DEFAULT_DASHBOARD_WEIGHTS)).toBe(70);
    expect(compositeScore({ responseRate: null, resolutionRate: null, satisfactionRate: null }, DEFAULT_DASHBOARD_WEIGHTS)).toBeNull();
    expect(compositeScore({ responseRate: 0.9, resolutionRate: null, satisfactionRate: null }, { response: 0, resolution: 0.5, satisfaction: 0.5 })).toBeNull();
  });

  it('rounds to one decimal', () => {
    expect(compositeScore({ responseRate: 0.3333, resolutionRate: 0.6667, satisfactionRate: 0.5 }, DEFAULT_DASHBOARD_WEIGHTS)).toBe(50);
    expect(compositeScore({ responseRate: 0.8333, resolutionRate: 0.1, satisfactionRate: 0.2 }, DEFAULT_DASHBOARD_WEIGHTS)).toBe(36); // 25 + 3 + 8
    expect(compositeScore({ responseRate: 0.8889, resolutionRate: 0.7778, satisfactionRate: 0.6667 }, DEFAULT_DASHBOARD_WEIGHTS)).toBe(76.7);
    expect(compositeScore({ responseRate: 0.1234, resolutionRate: 0, satisfactionRate: 0 }, DEFAULT_DASHBOARD_WEIGHTS)).toBe(3.7);
  });
});

describe('the weights setting (appeal.dashboardWeights)', () => {
  it('is declared with the module\'s settings and validated: three weights in [0, 1] adding up to 1', () => {
    expect(APPEAL_SETTINGS.dashboardWeights).toBe(dashboardWeightsSchema);
    expect(dashboardWeightsSchema.safeParse({ response: 0.2, resolution: 0.3, satisfaction: 0.5 }).success).toBe(true);
    expect(dashboardWeightsSchema.safeParse({ response: 0.1, resolution: 0.2, satisfaction: 0.7 }).success).toBe(true); // 0.1 + 0.2 is not exactly 0.3
    for (const bad of [{ response: 0.5, resolution: 0.5, satisfaction: 0.5 }, { response: -0.1, resolution: 0.6, satisfaction: 0.5 }, { response: 0.3, resolution: 0.3 }, { response: 0.3, resolution: 0.3, satisfaction: 0.4, extra: 0 }, 1, 'x']) {
      expect(dashboardWeightsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('is a \'weights\' setting whose default (0.3 / 0.3 / 0.4) its own schema accepts; a wrong total is an issue on the whole value, a weight out of range names its part', () => {
    expect(APPEAL_SETTING_DEFAULTS.dashboardWeights).toEqual({ type: 'weights', value: DEFAULT_DASHBOARD_WEIGHTS });
    expect(dashboardWeightsSchema.safeParse(DEFAULT_DASHBOARD_WEIGHTS).success).toBe(true);
    const sum = dashboardWeightsSchema.safeParse({ response: 0.5, resolution: 0.5, satisfaction: 0.5 });
    expect(sum.error?.issues.map((i) => i.path)).toEqual([[]]);
    const range = dashboardWeightsSchema.safeParse({ response: 1.2, resolution: -0.1, satisfaction: -0.1 });
    expect(range.error?.issues.map((i) => i.path).sort()).toEqual([['resolution'], ['response'], ['satisfaction']]);
  });

  it('the defaults apply when the setting is absent or malformed', () => {
    expect(weightsFrom({})).toEqual({ response: 0.3, resolution: 0.3, satisfaction: 0.4 });
    expect(weightsFrom({ dashboardWeights: { response: 1, resolution: 1, satisfaction: 1 } })).toEqual(DEFAULT_DASHBOARD_WEIGHTS);
    expect(weightsFrom({ dashboardWeights: { response: 0.5, resolution: 0.25, satisfaction: 0.25 } })).toEqual({ response: 0.5, resolution: 0.25, satisfaction: 0.25 });
  });
});

describe('the ranking', () => {
  it('highest score first, ties share a rank ("1, 2, 2, 4") and list the busier unit first, units without a score last', () => {
    const ranked = rankByScore([
      { nameZh: '乙', score: 80, received: 5 },
      { nameZh: '甲', score: null, received: 2 },
      { nameZh: '丙', score: 90, received: 1 },
      { nameZh: '丁', score: 80, received: 9 },
      { nameZh: '戊', score: 70, received: 3 },
    ]);
    expect(ranked.map((u) => [u.nameZh, u.rank])).toEqual([['丙', 1], ['丁', 2], ['乙', 2], ['戊', 4], ['甲', null]]);
  });
});

describe('the period', () => {
  const now = new Date('2026-03-03T01:00:00Z'); // 09:00 in Tianjin

  it('defaults to the last 365 district-local days, today included, as instants [from 00:00, the day after to 00:00) +08:00', () => {
    expect(dashboardPeriod({}, now)).toEqual({ from: '2025-03-04', to: '2026-03-03', range: { from: '2025-03-03T16:00:00.000Z', to: '2026-03-03T16:00:00.000Z' } });
    // 23:30 UTC is already the next day in the district.
    expect(dashboardPeriod({}, new Date('2026-03-03T23:30:00Z')).to).toBe('2026-03-04');
  });

  it('a missing end follows from the other', () => {
    expect(dashboardPeriod({ from: '2026-02-01' }, now)).toMatchObject({ from: '2026-02-01', to: '2026-03-03' });
    expect(dashboardPeriod({ from: '2026-04-01' }, now)).toMatchObject({ from: '2026-04-01', to: '2026-04-01' });
    expect(dashboardPeriod({ to: '2025-12-31' }, now)).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    expect(dashboardPeriod({ from: '2026-03-03', to: '2026-03-03' }, now).range).toEqual({ from: '2026-03-02T16:00:00.000Z', to: '2026-03-03T16:00:00.000Z' });
  });

  it('refuses a period that ends before it begins, naming querystring.to', () => {
    let error: unknown;
    try {
      dashboardPeriod({ from: '2026-03-02', to: '2026-03-01' }, now);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('validation_failed');
    expect((error as DomainError).details).toMatchObject({ issues: [{ field: 'querystring.to' }] });
  });
});
