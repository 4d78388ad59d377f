// How a per-jurisdiction setting of a case type is edited (its kind), shared by the server (which reports
// each key's kind in GET /api/settings) and the workbench (which edits it): a time limit, a whole number,
// or weights. Weights are named shares of a whole, e.g. how a composite score mixes its rates: each a
// fraction between 0 and 1, together 1. The one rule for them lives here; a module's schema and the
// workbench's form both apply it.
import { z } from 'zod';

export const SETTING_KINDS = ['duration', 'count', 'weights'] as const;
export type SettingKind = (typeof SETTING_KINDS)[number];

/** Weights by part name, each a fraction (0.3 = 30%). */
export type Weights = Record<string, number>;

/** 'range': a weight is missing, not a number, or outside [0, 1]; 'sum': the weights do not add up to 1. */
export type WeightsProblem = 'range' | 'sum';

/** Floating-point slack for the total (0.1 + 0.2 is not exactly 0.3). */
const SUM_TOLERANCE = 1e-6;

/** The sum of the weights (fractions). */
export function weightsTotal(weights: Record<string, number>): number {
  return Object.values(weights).reduce((total, w) => total + w, 0);
}

/** What is wrong with these weights, or null when each is in [0, 1] and together they make 1. */
export function weightsProblem(weights: Record<string, number | null | undefined>): WeightsProblem | null {
  const values = Object.values(weights);
  if (values.some((w) => typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 1)) return 'range';
  return Math.abs(weightsTotal(weights as Record<string, number>) - 1) < SUM_TOLERANCE ? null : 'sum';
}

/**
 * The schema of a weights setting with these parts: exactly these keys, each a number in [0, 1] (an issue names
 * the part), together 1 (an issue on the whole value).
 */
export function weightsSchema<const K extends string>(parts: readonly K[]) {
  const weight = z.number().min(0).max(1);
  const shape = Object.fromEntries(parts.map((part) => [part, weight])) as Record<K, typeof weight>;
  return z.strictObject(shape).refine((w) => weightsProblem(w as Record<string, number>) !== 'sum', { message: 'The weights must add up to 1' });
}
