// Calendar dates as the district sees them. Deadlines are stated in local days, so a date is kept as a
// 'YYYY-MM-DD' string in the district's zone instead of a Date, which would drag a time and a zone along.

import { DomainError } from '../errors.ts';

/** A 'YYYY-MM-DD' calendar date in the district's time zone. */
export type LocalDate = string;

export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';
/** China has used a fixed UTC+08:00 without daylight saving since 1991, so a constant offset is exact. */
export const DISTRICT_UTC_OFFSET_MINUTES = 480;

const OFFSET_MS = DISTRICT_UTC_OFFSET_MINUTES * 60_000;
const MS_PER_DAY = 86_400_000;
const LOCAL_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds of UTC midnight of the date, or undefined when the string is not a real calendar date. */
function utcMidnightOf(s: string): number | undefined {
  if (!LOCAL_DATE_SHAPE.test(s)) return undefined;
  const ms = Date.parse(`${s}T00:00:00Z`);
  // The round trip rejects dates such as 2026-02-30 that some engines roll over into March.
  if (!Number.isFinite(ms) || formatUtcDate(ms) !== s) return undefined;
  return ms;
}

function formatUtcDate(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function utcMidnight(d: LocalDate): number {
  const ms = utcMidnightOf(d);
  if (ms === undefined) throw invalidLocalDate(d, 'date');
  return ms;
}

function invalidLocalDate(s: unknown, field: string): DomainError {
  const message =
    typeof s === 'string' && LOCAL_DATE_SHAPE.test(s)
      ? `${s} is not a calendar date`
      : `must be a date in the form YYYY-MM-DD, got ${JSON.stringify(s)}`;
  return new DomainError('validation_failed', `${field}: ${message}`, { issues: [{ field, message }] });
}

export function isLocalDate(s: unknown): s is LocalDate {
  return typeof s === 'string' && utcMidnightOf(s) !== undefined;
}

/** Validates user input; `field` names the offending field in the error's issues. */
export function parseLocalDate(s: unknown, field = 'date'): LocalDate {
  if (isLocalDate(s)) return s;
  throw invalidLocalDate(s, field);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  return formatUtcDate(utcMidnight(d) + n * MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: LocalDate): number {
  return new Date(utcMidnight(d)).getUTCDay();
}

export function toLocalDate(instant: Date): LocalDate {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('toLocalDate needs a valid Date');
  return formatUtcDate(ms + OFFSET_MS);
}

/** The instant the local day begins (00:00 local). */
export function startOfLocalDay(d: LocalDate): Date {
  return new Date(utcMidnight(d) - OFFSET_MS);
}

/** The last millisecond of the local day (23:59:59.999 local): a deadline on day d is met until then. */
export function endOfLocalDay(d: LocalDate): Date {
  return new Date(utcMidnight(d) + MS_PER_DAY - OFFSET_MS - 1);
}

export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  // Fixed-width ISO dates sort lexically in calendar order.
  return a < b ? -1 : a > b ? 1 : 0;
}
