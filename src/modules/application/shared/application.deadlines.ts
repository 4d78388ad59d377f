// The statutory clocks of an application (DOMAIN.md §3 "Approvals", 行政许可法 Arts. 32, 42, 45): defaults each
// jurisdiction may override in settings under `application.*`. Every period counts working days on the
// handling unit's calendar; the day the clock starts is not counted (Civil Code Art. 201).
import { z } from 'zod';
import { DomainError } from '../../../shared/errors.ts';
import { toLocalDate } from '../../../shared/time/local-date.ts';
import type { Pause, WorkingCalendar } from '../../../shared/time/working-calendar.ts';
import type { SettingKind } from '../../../shared/settings.ts';

export interface ApprovalLimits {
  /** without a notice of missing materials within this, the application counts as accepted (Art. 32) */
  acceptanceDays: number;
  /** the one extension of a lone unit's decision period (Art. 42) */
  extensionDays: number;
  /** the decision period when several units handle jointly (Art. 42) */
  jointDays: number;
  /** the one extension of a joint period */
  jointExtensionDays: number;
  /** the inbox's "due soon" warning: this many working days or fewer left */
  dueSoonDays: number;
}

export const DEFAULT_LIMITS: ApprovalLimits = { acceptanceDays: 5, extensionDays: 10, jointDays: 45, jointExtensionDays: 15, dueSoonDays: 3 };

const days = z.int().min(1).max(90);

/** The settings an administrator may set per jurisdiction (keys under `application.`). */
export const APPLICATION_SETTINGS: Record<string, z.ZodType> = {
  acceptanceDays: days,
  extensionDays: days,
  jointDays: days,
  jointExtensionDays: days,
  dueSoonDays: z.int().min(0).max(30),
};

/** What the settings page shows as the value in force where no unit has set one. */
export const APPLICATION_SETTING_DEFAULTS: Record<string, { type: SettingKind; value: unknown }> = Object.fromEntries(
  (Object.keys(DEFAULT_LIMITS) as Array<keyof ApprovalLimits>).map((key) => [key, { type: 'count', value: DEFAULT_LIMITS[key] }]),
);

/** Settings merged over the defaults; a malformed setting is ignored rather than trusted. */
export function limitsFrom(settings: Record<string, unknown>): ApprovalLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof ApprovalLimits>) {
    const value = settings[key];
    if (Number.isInteger(value) && (value as number) >= (key === 'dueSoonDays' ? 0 : 1) && (value as number) <= 90) limits[key] = value as number;
  }
  return limits;
}

/** The decision period of a service: its promised days alone, the joint period when units handle jointly. */
export function periodDays(service: { promisedDays: number; statutoryDays: number; jointUnitIds: readonly string[] }, limits: ApprovalLimits): number {
  if (service.jointUnitIds.length > 0) return limits.jointDays;
  return Math.min(service.promisedDays, service.statutoryDays);
}

export function extensionDaysFor(joint: boolean, limits: ApprovalLimits): number {
  return joint ? limits.jointExtensionDays : limits.extensionDays;
}

/**
 * The end of the n-th working day after `from` (ISO instant). Past the published holiday data the clock runs
 * provisionally on calendar days (the earliest it could end), so that a resident is never turned away.
 */
export function workingDaysAfter(calendar: WorkingCalendar, from: string, n: number): string {
  return calendar.provisionalDueAt(new Date(from), { amount: n, unit: 'working_day' }).dueAt!.toISOString();
}

export interface StoredPause {
  reason: string;
  note: string | null;
  from: string;
  to: string | null;
}

/**
 * The decision deadline: `period` working days after `startedAt`, each working day touched by a pause not
 * counted (Art. 45). Null while a pause is open: the deadline is unknown until the clock restarts.
 */
export function decisionDueAt(calendar: WorkingCalendar, startedAt: string, period: number, pauses: readonly StoredPause[]): { dueAt: string | null; provisional: boolean } {
  const spans: Pause[] = pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));
  // Past the published holiday data the due date is provisional (the earliest possible); deemed approval never relies on one.
  const due = calendar.provisionalDueAt(new Date(startedAt), { amount: period, unit: 'working_day' }, spans);
  return { dueAt: due.dueAt?.toISOString() ?? null, provisional: due.provisional };
}

/**
 * Working days left until a deadline as the applicant sees it: 0 on the due date, negative once past it.
 * Null when the calendar does not cover the dates (never guessed).
 */
export function workingDaysLeft(calendar: WorkingCalendar, now: Date, dueAt: string | null): number | null {
  if (!dueAt) return null;
  try {
    return calendar.workingDaysBetween(toLocalDate(now), toLocalDate(new Date(dueAt)));
  } catch (error) {
    if (error instanceof DomainError && error.code === 'calendar_year_not_covered') return null;
    throw error;
  }
}
