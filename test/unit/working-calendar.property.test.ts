import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareLocalDates,
  dayOfWeek,
  endOfLocalDay,
  isLocalDate,
  startOfLocalDay,
  toLocalDate,
} from '../../src/shared/time/local-date.ts';
import type { LocalDate } from '../../src/shared/time/local-date.ts';
import type { Pause } from '../../src/shared/time/working-calendar.ts';
import { statutoryCalendar } from '../../src/server/platform/calendar/chinese-days-source.ts';

const calendar = statutoryCalendar();
const MINUTE = 60_000;
const DAY = 86_400_000;

// Start dates leave room before the end of the data (2026) for up to ~100 working days.
const FIRST = '2004-01-01';
const LAST_START = '2026-06-30';
const daysInRange = Math.round((Date.parse(LAST_START) - Date.parse(FIRST)) / DAY);
const localDate = fc.integer({ min: 0, max: daysInRange }).map((i) => addDays(FIRST, i));
const instant = fc.integer({ min: Date.parse(`${FIRST}T00:00:00+08:00`), max: Date.parse(`${LAST_START}T23:59:59+08:00`) }).map((ms) => new Date(ms));
const count = fc.integer({ min: 1, max: 80 });

/** Closed pauses within about ten days of `start`, some beginning before it. */
const closedPausesAround = (start: Date) =>
  fc.array(
    fc.record({ offsetMinutes: fc.integer({ min: -2 * 1440, max: 10 * 1440 }), lengthMinutes: fc.integer({ min: 0, max: 4 * 1440 }) }),
    { maxLength: 4 },
  ).map((specs) =>
    specs.map(({ offsetMinutes, lengthMinutes }): Pause => {
      const from = start.getTime() + offsetMinutes * MINUTE;
      return { from: new Date(from), to: new Date(from + lengthMinutes * MINUTE) };
    }),
  );
const withClosedPauses = instant.chain((start) => fc.tuple(fc.constant(start), closedPausesAround(start)));

function datesBetween(from: LocalDate, to: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let d = from; compareLocalDates(d, to) <= 0; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** Same rule as dueAt, stated directly: a day after the start day is paused when a pause after `start` touches it. */
function touchedByPause(day: LocalDate, start: Date, pauses: Pause[]): boolean {
  const dayStart = startOfLocalDay(day).getTime();
  const dayEnd = endOfLocalDay(day).getTime();
  return pauses.some((p) => {
    const from = Math.max(p.from.getTime(), start.getTime());
    const to = p.to === null ? Number.POSITIVE_INFINITY : p.to.getTime();
    return from < to && from <= dayEnd && to > dayStart;
  });
}

/** Milliseconds of [from, to) covered by at least one pause. */
function pausedMs(from: number, to: number, pauses: Pause[]): number {
  let paused = 0;
  for (let ms = from; ms < to; ms += MINUTE) {
    if (pauses.some((p) => p.from.getTime() <= ms && ms < (p.to?.getTime() ?? Number.POSITIVE_INFINITY))) paused += MINUTE;
  }
  return paused;
}

describe('local date properties', () => {
  it('a local day runs from its start instant to its end instant, and the next begins 1 ms later', () => {
    fc.assert(
      fc.property(localDate, (d) => {
        expect(toLocalDate(startOfLocalDay(d))).toBe(d);
        expect(toLocalDate(endOfLocalDay(d))).toBe(d);
        expect(endOfLocalDay(d).getTime() + 1).toBe(startOfLocalDay(addDays(d, 1)).getTime());
      }),
    );
  });

  it('addDays is invertible and keeps the weekday every 7 days', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(addDays(addDays(d, n), -n)).toBe(d);
        expect(dayOfWeek(addDays(d, 7 * Math.trunc(n / 7)))).toBe(dayOfWeek(d));
        expect(Math.sign(compareLocalDates(addDays(d, n), d))).toBe(Math.sign(n));
      }),
    );
  });

  it('isLocalDate accepts exactly the days that exist', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
        expect(isLocalDate(text)).toBe(m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth);
      }),
    );
  });
});

describe('working-day properties on chinese-days data', () => {
  it('addWorkingDays lands on a working day strictly after the start', () => {
    fc.assert(
      fc.property(localDate, count, (d, n) => {
        const due = calendar.addWorkingDays(d, n);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(compareLocalDates(due, d)).toBe(1);
      }),
    );
  });

  it('addWorkingDays agrees with chinese-days findWorkday', () => {
    fc.assert(
      fc.property(localDate, count, (d, n) => {
        expect(calendar.addWorkingDays(d, n)).toBe(chineseDays.findWorkday(n, d));
      }),
    );
  });

  it('addWorkingDays(d, a + b) = addWorkingDays(addWorkingDays(d, a), b)', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (d, a, b) => {
        expect(calendar.addWorkingDays(d, a + b)).toBe(calendar.addWorkingDays(calendar.addWorkingDays(d, a), b));
      }),
    );
  });

  it('addWorkingDays(d, n) is the first day with n working days in (d, day]', () => {
    fc.assert(
      fc.property(localDate, count, (d, n) => {
        const due = calendar.addWorkingDays(d, n);
        expect(calendar.workingDaysBetween(d, due)).toBe(n);
        expect(calendar.workingDaysBetween(d, addDays(due, -1))).toBe(n - 1);
      }),
    );
  });

  it('workingDaysBetween is additive and antisymmetric', () => {
    fc.assert(
      fc.property(localDate, localDate, localDate, (a, b, c) => {
        expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c)).toBe(calendar.workingDaysBetween(a, c));
        expect(calendar.workingDaysBetween(b, a) + calendar.workingDaysBetween(a, b)).toBe(0);
      }),
      { numRuns: 30 },
    );
  });

  it('backwards over no working day is 0, not -0 (the failing case the property once found)', () => {
    expect(Object.is(calendar.workingDaysBetween('2026-10-03', '2026-10-02'), 0)).toBe(true);
  });

  it('addCalendarDays is the first working day on or after d + n', () => {
    fc.assert(
      fc.property(localDate, count, (d, n) => {
        const due = calendar.addCalendarDays(d, n);
        const last = addDays(d, n);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(compareLocalDates(due, last)).toBeGreaterThanOrEqual(0);
        for (const skipped of datesBetween(last, addDays(due, -1))) expect(calendar.isWorkingDay(skipped)).toBe(false);
      }),
    );
  });

  it('nextWorkingDay(d) = addWorkingDays(d, 1)', () => {
    fc.assert(
      fc.property(localDate, (d) => {
        expect(calendar.nextWorkingDay(d)).toBe(calendar.addWorkingDays(d, 1));
      }),
    );
  });
});

describe('dueAt properties', () => {
  it('without pauses, day units end at the end of the local due date', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 80 }), (start, n) => {
        const startDate = toLocalDate(start);
        expect(calendar.dueAt(start, { amount: n, unit: 'working_day' })).toEqual(endOfLocalDay(calendar.addWorkingDays(startDate, n)));
        expect(calendar.dueAt(start, { amount: n, unit: 'calendar_day' })).toEqual(endOfLocalDay(calendar.addCalendarDays(startDate, n)));
      }),
    );
  });

  it('without pauses, clock units ignore the calendar', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 10_000 }), (start, n) => {
        expect(calendar.dueAt(start, { amount: n, unit: 'minute' })?.getTime()).toBe(start.getTime() + n * MINUTE);
        expect(calendar.dueAt(start, { amount: n, unit: 'hour' })?.getTime()).toBe(start.getTime() + n * 60 * MINUTE);
      }),
    );
  });

  it('with closed pauses, clock units run exactly the duration outside pauses', () => {
    fc.assert(
      fc.property(withClosedPauses, fc.integer({ min: 0, max: 72 }), ([start, pauses], hours) => {
        const due = calendar.dueAt(start, { amount: hours, unit: 'hour' }, pauses);
        expect(due).not.toBeNull();
        const elapsed = due!.getTime() - start.getTime();
        expect(elapsed - pausedMs(start.getTime(), due!.getTime(), pauses)).toBe(hours * 60 * MINUTE);
      }),
      { numRuns: 50 },
    );
  });

  it('with closed pauses, a working-day period has exactly n running working days and ends on one', () => {
    fc.assert(
      fc.property(withClosedPauses, count, ([start, pauses], n) => {
        const due = calendar.dueAt(start, { amount: n, unit: 'working_day' }, pauses);
        expect(due).not.toBeNull();
        const dueDate = toLocalDate(due!);
        expect(due).toEqual(endOfLocalDay(dueDate));
        const running = datesBetween(addDays(toLocalDate(start), 1), dueDate).filter(
          (d) => calendar.isWorkingDay(d) && !touchedByPause(d, start, pauses),
        );
        expect(running).toHaveLength(n);
        expect(running.at(-1)).toBe(dueDate);
      }),
    );
  });

  it('with closed pauses, a calendar-day period never ends earlier and ends on a running working day', () => {
    fc.assert(
      fc.property(withClosedPauses, count, ([start, pauses], n) => {
        const unpaused = calendar.dueAt(start, { amount: n, unit: 'calendar_day' })!;
        const due = calendar.dueAt(start, { amount: n, unit: 'calendar_day' }, pauses);
        expect(due).not.toBeNull();
        expect(due!.getTime()).toBeGreaterThanOrEqual(unpaused.getTime());
        const dueDate = toLocalDate(due!);
        expect(calendar.isWorkingDay(dueDate)).toBe(true);
        expect(touchedByPause(dueDate, start, pauses)).toBe(false);
        const running = datesBetween(addDays(toLocalDate(start), 1), dueDate).filter((d) => !touchedByPause(d, start, pauses));
        expect(running.length).toBeGreaterThanOrEqual(n);
      }),
    );
  });

  it('an open pause makes the deadline unknown exactly when it begins before the deadline', () => {
    const unit = fc.constantFrom('hour' as const, 'working_day' as const, 'calendar_day' as const);
    fc.assert(
      fc.property(withClosedPauses, fc.integer({ min: 0, max: 30 }), unit, fc.integer({ min: -2 * 1440, max: 40 * 1440 }), ([start, closed], n, u, openOffsetMinutes) => {
        const duration = { amount: n, unit: u };
        const known = calendar.dueAt(start, duration, closed)!;
        const openFrom = new Date(start.getTime() + openOffsetMinutes * MINUTE);
        const result = calendar.dueAt(start, duration, [...closed, { from: openFrom, to: null }]);
        const clippedFrom = Math.max(openFrom.getTime(), start.getTime());
        const beganBefore =
          u === 'hour'
            ? clippedFrom < known.getTime()
            : n > 0 &&
              datesBetween(addDays(toLocalDate(start), 1), toLocalDate(known)).some((d) => endOfLocalDay(d).getTime() >= clippedFrom);
        expect(result).toEqual(beganBefore ? null : known);
      }),
    );
  });
});
