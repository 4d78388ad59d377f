// Statutory holidays from the chinese-days package (MIT), which tracks the State Council's yearly notices.
// We read its published JSON file (dist/chinese-days.json, documented in its README) rather than its
// functions: the raw data says which years are covered, while the functions silently treat a year without data as plain weekdays and weekends.

import { createRequire } from 'node:module';
import { WorkingCalendar } from '../../../shared/time/working-calendar.ts';
import type { CalendarOverride, HolidayData } from '../../../shared/time/working-calendar.ts';

const require = createRequire(import.meta.url);

let statutoryHolidays: HolidayData | undefined;

/** The package's data as HolidayData, read once; years covered are those with at least one holiday. */
export function loadStatutoryHolidays(): HolidayData {
  statutoryHolidays ??= toHolidayData(require('chinese-days/dist/chinese-days.json'));
  return statutoryHolidays;
}

export function statutoryCalendar(overrides: readonly CalendarOverride[] = []): WorkingCalendar {
  return new WorkingCalendar(loadStatutoryHolidays(), overrides);
}

function toHolidayData(raw: unknown): HolidayData {
  if (!isRecord(raw) || !isStringRecord(raw['holidays']) || !isStringRecord(raw['workdays'])) {
    throw new Error('chinese-days/dist/chinese-days.json no longer has string maps "holidays" and "workdays"');
  }
  const holidays = withChineseNames(raw['holidays']);
  const workdays = withChineseNames(raw['workdays']);
  const years = [...new Set(Object.keys(holidays).map((date) => Number(date.slice(0, 4))))].sort((a, b) => a - b);
  return Object.freeze({ years: Object.freeze(years) as number[], holidays, workdays });
}

// Entries read "Spring Festival,春节,4" (English name, Chinese name, statutory days off); keep the Chinese name.
function withChineseNames(entries: Record<string, string>): Record<string, string> {
  const named: Record<string, string> = {};
  for (const [date, entry] of Object.entries(entries)) named[date] = entry.split(',')[1] ?? entry;
  return Object.freeze(named);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}
