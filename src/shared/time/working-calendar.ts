// Statutory time limits: periods in working days or calendar days (Civil Code Arts. 201–203) and clock-time
// limits in minutes or hours. Pure: holiday data comes in as a value, so the rules run the same in the server,
// the CLI and tests, and a year without published data is refused rather than guessed.

import { DomainError } from '../errors.ts';
import type { FieldIssue } from '../errors.ts';
import { addDays, compareLocalDates, dayOfWeek, endOfLocalDay, isLocalDate, parseLocalDate, startOfLocalDay, toLocalDate } from './local-date.ts';
import type { LocalDate } from './local-date.ts';

export interface HolidayData {
  /** Years whose holiday arrangement is known; a query touching any other year is refused. */
  years: number[];
  /** Statutory rest days (weekends inside a holiday period included), with the holiday's name. */
  holidays: Record<LocalDate, string>;
  /** Make-up working days (调休) that fall on weekends, with the name of the holiday they make up for. */
  workdays: Record<LocalDate, string>;
}

/** A jurisdiction's own change to one day, e.g. a typhoon closure or an extra working Saturday. */
export interface CalendarOverride {
  date: LocalDate;
  kind: 'workday' | 'restday';
  note?: string;
}

export type DurationUnit = 'minute' | 'hour' | 'calendar_day' | 'working_day';

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/** A stretch during which the time limit does not run (hearing, testing, waiting for the applicant). */
export interface Pause {
  from: Date;
  /** null while the pause is still open. */
  to: Date | null;
}

export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'makeup_workday' | 'override_workday' | 'override_restday';

export interface DayKind {
  working: boolean;
  reason: DayReason;
  /** The holiday's name, or the override's note. */
  name?: string;
}

const DURATION_UNITS: ReadonlySet<string> = new Set<DurationUnit>(['minute', 'hour', 'calendar_day', 'working_day']);
const CLOCK_UNIT_MS = { minute: 60_000, hour: 3_600_000 } as const;
const MS_PER_DAY = 86_400_000;

/** A pause in epoch milliseconds, clipped to the start of the period; `to` is Infinity while open. */
interface PausedSpan {
  from: number;
  to: number;
}

type PauseState = 'running' | 'paused' | 'paused_indefinitely';

export class WorkingCalendar {
  private readonly years: ReadonlySet<number>;
  private readonly holidays: ReadonlyMap<LocalDate, string>;
  private readonly makeupWorkdays: ReadonlyMap<LocalDate, string>;
  private readonly overrides: ReadonlyMap<LocalDate, CalendarOverride>;

  constructor(data: HolidayData, overrides: readonly CalendarOverride[] = []) {
    const issues: FieldIssue[] = [];
    for (const [i, year] of data.years.entries()) {
      if (!Number.isInteger(year)) issues.push({ field: `years[${i}]`, message: `must be a whole year, got ${year}` });
    }
    for (const [field, days] of [['holidays', data.holidays], ['workdays', data.workdays]] as const) {
      for (const date of Object.keys(days)) {
        if (!isLocalDate(date)) issues.push({ field: `${field}.${date}`, message: 'key must be a date in the form YYYY-MM-DD' });
      }
    }
    const byDate = new Map<LocalDate, CalendarOverride>();
    for (const [i, override] of overrides.entries()) {
      if (!isLocalDate(override.date)) {
        issues.push({ field: `overrides[${i}].date`, message: `must be a date in the form YYYY-MM-DD, got ${JSON.stringify(override.date)}` });
      } else if (byDate.has(override.date)) {
        issues.push({ field: `overrides[${i}].date`, message: `${override.date} is overridden more than once` });
      }
      if (override.kind !== 'workday' && override.kind !== 'restday') {
        issues.push({ field: `overrides[${i}].kind`, message: "must be 'workday' or 'restday'" });
      }
      byDate.set(override.date, { ...override });
    }
    if (issues.length > 0) throw new DomainError('validation_failed', 'Invalid working-day calendar', { issues });

    this.years = new Set(data.years);
    this.holidays = new Map(Object.entries(data.holidays));
    this.makeupWorkdays = new Map(Object.entries(data.workdays));
    this.overrides = byDate;
  }

  /** Why a day is or is not a working day. Precedence: override, then make-up workday, then holiday, then weekday. */
  dayKind(d: LocalDate): DayKind {
    const date = this.coveredDate(d, 'date');
    const override = this.overrides.get(date);
    if (override) {
      const working = override.kind === 'workday';
      const kind: DayKind = { working, reason: working ? 'override_workday' : 'override_restday' };
      if (override.note !== undefined) kind.name = override.note;
      return kind;
    }
    const makeup = this.makeupWorkdays.get(date);
    if (makeup !== undefined) return { working: true, reason: 'makeup_workday', name: makeup };
    const holiday = this.holidays.get(date);
    if (holiday !== undefined) return { working: false, reason: 'holiday', name: holiday };
    const weekday = dayOfWeek(date);
    return weekday === 0 || weekday === 6 ? { working: false, reason: 'weekend' } : { working: true, reason: 'weekday' };
  }

  isWorkingDay(d: LocalDate): boolean {
    return this.dayKind(d).working;
  }

  /** The first working day strictly after d. */
  nextWorkingDay(d: LocalDate): LocalDate {
    let next = addDays(this.coveredDate(d, 'date'), 1);
    while (!this.isWorkingDay(next)) next = addDays(next, 1);
    return next;
  }

  /** The n-th working day after `from`; `from` itself is not counted (Art. 201). n = 0 gives `from`. */
  addWorkingDays(from: LocalDate, n: number): LocalDate {
    let day = this.coveredDate(from, 'from');
    for (let left = validAmount(n); left > 0; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /**
   * `from` plus n calendar days, `from` not counted (Art. 201); when that last day is a rest day the period
   * ends on the next working day instead (Art. 203). n = 0 gives `from`.
   */
  addCalendarDays(from: LocalDate, n: number): LocalDate {
    const start = this.coveredDate(from, 'from');
    if (validAmount(n) === 0) return start;
    const last = addDays(start, n);
    return this.isWorkingDay(last) ? last : this.nextWorkingDay(last);
  }

  /** Working days in (a, b]; negative when b is before a, so that between(a, b) + between(b, c) = between(a, c). */
  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    const from = this.coveredDate(a, 'from');
    const to = this.coveredDate(b, 'to');
    // `0 -` rather than unary minus: no working day between answers 0, not -0.
    if (compareLocalDates(from, to) > 0) return 0 - this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = from; day !== to; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /**
   * Like `dueAt`, for clocks that must run whatever the calendar knows (a resident's appeal cannot wait for
   * next year's holiday notice): a day period reaching into a year without published data is counted on plain
   * calendar days, the earliest it could possibly end, and marked provisional. Never later than the real one.
   */
  provisionalDueAt(start: Date, duration: Duration, pauses: readonly Pause[] = []): { dueAt: Date | null; provisional: boolean } {
    try {
      return { dueAt: this.dueAt(start, duration, pauses), provisional: false };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'calendar_year_not_covered') throw error;
      return { dueAt: endOfLocalDay(addDays(toLocalDate(start), validAmount(duration.amount))), provisional: true };
    }
  }

  /**
   * The instant a time limit that began at `start` runs out, or null while a pause that began before the
   * deadline is still open (the deadline is unknown until the clock restarts).
   *
   * Minutes and hours run on the clock and ignore the calendar: each pause that begins before the running
   * deadline pushes it back by the pause's length (overlapping pauses count once, time before `start` not at all).
   *
   * Days count from the local date of `start`, which is not counted; the limit is met until the end of the
   * due date (23:59:59.999 local); an amount of 0 is due at the end of the start day. A local day after the start day is paused when any part of it lies inside a
   * pause; a paused day is not counted, so each paused counting day (working day for working_day, any day for
   * calendar_day) up to the deadline moves it one counting day later. The due date is always a working day
   * that is not paused: a calendar-day period ending on a rest day moves to the next working day (Art. 203),
   * skipping paused days too, since the clock is stopped on them.
   */
  dueAt(start: Date, duration: Duration, pauses: readonly Pause[] = []): Date | null {
    const startMs = start instanceof Date ? start.getTime() : Number.NaN;
    if (!Number.isFinite(startMs)) throw invalid('start', 'must be a valid instant');
    if (!DURATION_UNITS.has(duration.unit)) {
      throw invalid('unit', `must be one of ${[...DURATION_UNITS].join(', ')}, got ${JSON.stringify(duration.unit)}`);
    }
    const amount = validAmount(duration.amount);
    const spans = pausedSpans(pauses, startMs);

    if (duration.unit === 'minute' || duration.unit === 'hour') {
      return clockDeadline(startMs, amount * CLOCK_UNIT_MS[duration.unit], spans);
    }
    const dueDate = this.dueDate(toLocalDate(start), amount, duration.unit, spans);
    return dueDate === null ? null : endOfLocalDay(dueDate);
  }

  private dueDate(startDate: LocalDate, amount: number, unit: 'calendar_day' | 'working_day', spans: readonly PausedSpan[]): LocalDate | null {
    let day = this.coveredDate(startDate, 'start');
    for (let left = amount; left > 0; ) {
      day = addDays(day, 1);
      const state = pauseStateOn(day, spans);
      if (state === 'paused_indefinitely') return null;
      if (state === 'running' && (unit === 'calendar_day' || this.isWorkingDay(day))) left--;
    }
    if (unit === 'working_day' || amount === 0) return day;
    // The last counted day is running; move on while it is a rest day or a paused day.
    while (!this.isWorkingDay(day) || pauseStateOn(day, spans) !== 'running') {
      day = addDays(day, 1);
      if (pauseStateOn(day, spans) === 'paused_indefinitely') return null;
    }
    return day;
  }

  private coveredDate(d: LocalDate, field: string): LocalDate {
    const date = parseLocalDate(d, field);
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) {
      throw new DomainError(
        'calendar_year_not_covered',
        `No holiday data for ${year}: the working-day calendar covers ${describeYears([...this.years])}. ` +
          `Deadlines reaching ${year} cannot be computed until its official holiday arrangement is loaded.`,
        { year },
      );
    }
    return date;
  }
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('validation_failed', `${field}: ${message}`, { issues: [{ field, message }] });
}

function validAmount(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw invalid('amount', `must be a whole number of at least 0, got ${n}`);
  return n;
}

/** Validates pauses and turns them into sorted, non-overlapping spans that start no earlier than `startMs`. */
function pausedSpans(pauses: readonly Pause[], startMs: number): PausedSpan[] {
  const issues: FieldIssue[] = [];
  const spans: PausedSpan[] = [];
  for (const [i, pause] of pauses.entries()) {
    const from = pause.from instanceof Date ? pause.from.getTime() : Number.NaN;
    const to = pause.to === null ? Number.POSITIVE_INFINITY : pause.to instanceof Date ? pause.to.getTime() : Number.NaN;
    if (!Number.isFinite(from)) issues.push({ field: `pauses[${i}].from`, message: 'must be a valid instant' });
    else if (Number.isNaN(to)) issues.push({ field: `pauses[${i}].to`, message: 'must be a valid instant or null' });
    else if (to < from) issues.push({ field: `pauses[${i}].to`, message: 'must not be before from' });
    // Only time after the start can stop the clock; an empty pause stops nothing.
    else if (to > Math.max(from, startMs)) spans.push({ from: Math.max(from, startMs), to });
  }
  if (issues.length > 0) throw new DomainError('validation_failed', 'Invalid pauses', { issues });

  spans.sort((a, b) => a.from - b.from);
  const merged: PausedSpan[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

function clockDeadline(startMs: number, runningMs: number, spans: readonly PausedSpan[]): Date | null {
  let due = startMs + runningMs;
  // Spans are sorted and disjoint, so a span that begins before the current deadline stopped a running clock.
  for (const span of spans) {
    if (span.from >= due) break;
    if (span.to === Number.POSITIVE_INFINITY) return null;
    due += span.to - span.from;
  }
  return new Date(due);
}

function pauseStateOn(day: LocalDate, spans: readonly PausedSpan[]): PauseState {
  const dayStart = startOfLocalDay(day).getTime();
  const dayEnd = dayStart + MS_PER_DAY;
  const span = spans.find((s) => s.from < dayEnd && s.to > dayStart);
  if (!span) return 'running';
  return span.to === Number.POSITIVE_INFINITY ? 'paused_indefinitely' : 'paused';
}

/** "2004–2026", or "2004–2020, 2022" when there are gaps. */
function describeYears(years: number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return ranges.length > 0 ? ranges.join(', ') : 'no years';
}
