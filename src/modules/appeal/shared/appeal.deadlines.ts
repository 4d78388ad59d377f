// Statutory clocks of an appeal (DOMAIN.md §3 "Appeals"): defaults that each jurisdiction may
// override in settings under `appeal.*`. Sign-for limits are Tianjin's, feedback limits Beijing's draft standard.
import { z } from 'zod';
import type { Duration } from '../../../shared/time/working-calendar.ts';
import type { SettingKind } from '../../../shared/settings.ts';
import { DEFAULT_DASHBOARD_WEIGHTS, dashboardWeightsSchema } from './appeal.dashboard.ts';

export const SLA_CLASSES = ['emergency', 'utilities', 'general', 'complex'] as const;
export type SlaClass = (typeof SLA_CLASSES)[number];

export interface AppealLimits {
  signFor: Record<SlaClass, Duration>;
  feedback: Record<SlaClass, Duration>;
  /** a wrong dispatch is returned within this, with a reason */
  returnWindow: Duration;
  /** after this many returns the district designates an owner (兜底) */
  maxReturns: number;
  /** the resident has this long to rate a reply before it closes as not rated */
  followUpWindow: Duration;
  /** at most this many extra days on one extension */
  maxExtensionDays: number;
}

export const DEFAULT_LIMITS: AppealLimits = {
  signFor: {
    emergency: { amount: 15, unit: 'minute' },
    utilities: { amount: 30, unit: 'minute' },
    general: { amount: 1, unit: 'working_day' },
    complex: { amount: 1, unit: 'working_day' },
  },
  feedback: {
    emergency: { amount: 2, unit: 'hour' },
    utilities: { amount: 24, unit: 'hour' },
    general: { amount: 7, unit: 'calendar_day' },
    complex: { amount: 15, unit: 'calendar_day' },
  },
  returnWindow: { amount: 1, unit: 'working_day' },
  maxReturns: 3,
  followUpWindow: { amount: 7, unit: 'calendar_day' },
  maxExtensionDays: 15,
};

function isDuration(value: unknown): value is Duration {
  const d = value as Duration;
  return typeof d === 'object' && d !== null && Number.isInteger(d.amount) && d.amount >= 0 && ['minute', 'hour', 'calendar_day', 'working_day'].includes(d.unit);
}

/** Settings merged over the defaults; a malformed setting is ignored rather than trusted. */
export function limitsFrom(settings: Record<string, unknown>): AppealLimits {
  const limits: AppealLimits = structuredClone(DEFAULT_LIMITS);
  for (const cls of SLA_CLASSES) {
    const signFor = settings[`signFor.${cls}`];
    const feedback = settings[`feedback.${cls}`];
    if (isDuration(signFor)) limits.signFor[cls] = signFor;
    if (isDuration(feedback)) limits.feedback[cls] = feedback;
  }
  if (isDuration(settings.returnWindow)) limits.returnWindow = settings.returnWindow;
  if (isDuration(settings.followUpWindow)) limits.followUpWindow = settings.followUpWindow;
  if (Number.isInteger(settings.maxReturns) && (settings.maxReturns as number) > 0) limits.maxReturns = settings.maxReturns as number;
  if (Number.isInteger(settings.maxExtensionDays) && (settings.maxExtensionDays as number) > 0) limits.maxExtensionDays = settings.maxExtensionDays as number;
  return limits;
}

const duration = z.strictObject({ amount: z.int().min(0).max(10_000), unit: z.enum(['minute', 'hour', 'calendar_day', 'working_day']) });

/** The settings an administrator may set per jurisdiction (keys under `appeal.`). */
export const APPEAL_SETTINGS: Record<string, z.ZodType> = {
  ...Object.fromEntries(SLA_CLASSES.flatMap((cls) => [[`signFor.${cls}`, duration], [`feedback.${cls}`, duration]])),
  returnWindow: duration,
  followUpWindow: duration,
  maxReturns: z.int().min(1).max(10),
  maxExtensionDays: z.int().min(1).max(60),
  /** the leaders' dashboard: weights of the response, resolution and satisfaction rates in the composite score */
  dashboardWeights: dashboardWeightsSchema,
};

/** Each setting's type (how it is edited) and its built-in default, as GET /api/settings shows them. */
export const APPEAL_SETTING_DEFAULTS: Record<string, { type: SettingKind; value: unknown }> = {
  ...Object.fromEntries(SLA_CLASSES.flatMap((cls) => [
    [`signFor.${cls}`, { type: 'duration', value: DEFAULT_LIMITS.signFor[cls] }],
    [`feedback.${cls}`, { type: 'duration', value: DEFAULT_LIMITS.feedback[cls] }],
  ])),
  returnWindow: { type: 'duration', value: DEFAULT_LIMITS.returnWindow },
  followUpWindow: { type: 'duration', value: DEFAULT_LIMITS.followUpWindow },
  maxReturns: { type: 'count', value: DEFAULT_LIMITS.maxReturns },
  maxExtensionDays: { type: 'count', value: DEFAULT_LIMITS.maxExtensionDays },
  dashboardWeights: { type: 'weights', value: DEFAULT_DASHBOARD_WEIGHTS },
};

export const PRIORITY_BY_CLASS: Record<SlaClass, string> = { emergency: 'urgent', utilities: 'high', general: 'normal', complex: 'normal' };
