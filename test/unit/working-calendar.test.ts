import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/shared/errors.ts';
import { FixedClock, systemClock } from '../../src/shared/time/clock.ts';
import {
  addDays,
  compareLocalDates,
  dayOfWeek,
  endOfLocalDay,
  isLocalDate,
  parseLocalDate,
  startOfLocalDay,
  toLocalDate,
} from '../../src/shared/time/local-date.ts';
import { WorkingCalendar } from '../../src/shared/time/working-calendar.ts';
import type { CalendarOverride, Duration, HolidayData, Pause } from '../../src/shared/time/working-calendar.ts';
import { loadStatutoryHolidays, statutoryCalendar } from '../../src/server/platform/calendar/chinese-days-source.ts';

const calendar = statutoryCalendar();

/** Local (UTC+08:00) wall-clock time, e.g. at('2026-03-02 10:00'). */
const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);

function thrown(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('local dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['2026-2-3', false],
    ['2026-02-03T00:00', false],
    ['', false],
  ])('isLocalDate(%j) is %s', (input, valid) => {
    expect(isLocalDate(input)).toBe(valid);
  });

  it('parseLocalDate names the field and says why', () => {
    expect(parseLocalDate('2026-03-01', 'body.from')).toBe('2026-03-01');
    const impossible = thrown(() => parseLocalDate('2026-02-30', 'body.from'));
    expect(impossible.code).toBe('validation_failed');
    expect(impossible.details).toEqual({ issues: [{ field: 'body.from', message: '2026-02-30 is not a calendar date' }] });
    const malformed = thrown(() => parseLocalDate(20260301, 'body.from'));
    expect(malformed.details).toEqual({ issues: [{ field: 'body.from', message: 'must be a date in the form YYYY-MM-DD, got 20260301' }] });
  });

  it('maps instants to the district day at UTC+08:00', () => {
    expect(toLocalDate(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(toLocalDate(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
    expect(startOfLocalDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(endOfLocalDay('2026-03-02').toISOString()).toBe('2026-03-02T15:59:59.999Z');
  });

  it('does date arithmetic across month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(dayOfWeek('2026-02-15')).toBe(0);
    expect(dayOfWeek('2026-02-14')).toBe(6);
    expect(compareLocalDates('2026-02-09', '2026-02-10')).toBe(-1);
    expect(compareLocalDates('2026-02-10', '2026-02-10')).toBe(0);
    expect(compareLocalDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(() => addDays('2026-02-30', 1)).toThrow(DomainError);
  });
});

describe('clocks', () => {
  it('a FixedClock stands still until set or advanced', () => {
    const clock = new FixedClock('2026-03-13T23:30:00+08:00');
    expect(clock.now().toISOString()).toBe('2026-03-13T15:30:00.000Z');
    clock.now().setTime(0);
    expect(clock.now().toISOString()).toBe('2026-03-13T15:30:00.000Z');
    clock.advance({ days: 1, hours: 2, minutes: 30 });
    expect(clock.now().toISOString()).toBe('2026-03-14T18:00:00.000Z');
    clock.set(new Date('2026-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('a FixedClock refuses an instant without a zone', () => {
    expect(thrown(() => new FixedClock('2026-03-01')).details).toMatchObject({ issues: [{ field: 'now' }] });
    expect(() => new FixedClock('2026-03-01T09:00')).toThrow(DomainError);
    expect(() => new FixedClock(new Date(Number.NaN))).toThrow(DomainError);
  });

  it('the system clock reads the current time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('statutory holiday data from chinese-days', () => {
  it('covers the years the package has data for', () => {
    const { years } = loadStatutoryHolidays();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(years).toHaveLength(2026 - 2004 + 1);
  });

  it('agrees with the package on every day it covers', () => {
    const disagreements: string[] = [];
    for (let day = '2004-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
      if (calendar.isWorkingDay(day) !== chineseDays.isWorkday(day)) disagreements.push(day);
    }
    expect(disagreements).toEqual([]);
  });

  it.each([
    ['2026-01-04', { working: true, reason: 'makeup_workday', name: '元旦' }],
    ['2026-02-14', { working: true, reason: 'makeup_workday', name: '春节' }],
    ['2026-02-15', { working: false, reason: 'holiday', name: '春节' }],
    ['2026-02-23', { working: false, reason: 'holiday', name: '春节' }],
    ['2026-02-24', { working: true, reason: 'weekday' }],
    ['2026-02-28', { working: true, reason: 'makeup_workday', name: '春节' }],
    ['2026-03-01', { working: false, reason: 'weekend' }],
    ['2026-05-09', { working: true, reason: 'makeup_workday', name: '劳动节' }],
    ['2026-09-20', { working: true, reason: 'makeup_workday', name: '国庆节' }],
    ['2026-10-07', { working: false, reason: 'holiday', name: '国庆节' }],
    ['2026-10-10', { working: true, reason: 'makeup_workday', name: '国庆节' }],
  ])('%s is %o', (date, kind) => {
    expect(calendar.dayKind(date)).toEqual(kind);
  });
});

describe('working days (Civil Code Art. 201: the start day is not counted)', () => {
  it.each([
    // Spring Festival 2026: rest 02-15..02-23, make-up workdays Sat 02-14 and Sat 02-28.
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-15', 1, '2026-02-24'],
    ['2026-02-27', 1, '2026-02-28'],
    ['2026-02-28', 1, '2026-03-02'],
    ['2026-02-02', 20, '2026-03-06'],
    // National Day 2026: rest 10-01..10-07, make-up Sun 09-20 and Sat 10-10; Mid-autumn rest 09-25..09-27.
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-24', 1, '2026-09-28'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 4, '2026-10-12'],
    ['2026-09-15', 20, '2026-10-19'],
    // Labour Day 2026: rest 05-01..05-05, make-up Sat 05-09.
    ['2026-04-30', 5, '2026-05-11'],
    // Across the year end into New Year's make-up Sunday 2026-01-04.
    ['2025-12-31', 1, '2026-01-04'],
    ['2026-03-02', 0, '2026-03-02'],
  ])('addWorkingDays(%s, %i) = %s', (from, n, due) => {
    expect(calendar.addWorkingDays(from, n)).toBe(due);
  });

  it.each([
    ['2026-02-13', '2026-02-24', 2],
    ['2026-02-13', '2026-03-02', 7],
    ['2026-09-30', '2026-10-12', 4],
    ['2026-10-12', '2026-09-30', -4],
    ['2026-02-15', '2026-02-15', 0],
  ])('workingDaysBetween(%s, %s) = %i', (a, b, count) => {
    expect(calendar.workingDaysBetween(a, b)).toBe(count);
  });

  it.each([
    ['2026-02-13', '2026-02-14'],
    ['2026-02-14', '2026-02-24'],
    ['2026-09-19', '2026-09-20'],
    ['2026-09-30', '2026-10-08'],
  ])('nextWorkingDay(%s) = %s', (day, next) => {
    expect(calendar.nextWorkingDay(day)).toBe(next);
  });
});

describe('calendar days (Art. 203: a period ending on a rest day ends on the next working day)', () => {
  it.each([
    ['2026-02-10', 7, '2026-02-24'], // ends on 02-17, a Spring Festival holiday
    ['2026-02-07', 7, '2026-02-14'], // ends on a make-up Saturday, which is a working day
    ['2026-09-13', 7, '2026-09-20'], // ends on a make-up Sunday
    ['2026-09-22', 15, '2026-10-08'], // ends on 10-07, the last day of National Day
    ['2026-09-24', 15, '2026-10-09'], // ends on an ordinary Friday
    ['2026-03-01', 6, '2026-03-09'], // ends on a Saturday
    ['2026-01-01', 30, '2026-02-02'], // ends on a Saturday
    ['2026-02-15', 0, '2026-02-15'],
  ])('addCalendarDays(%s, %i) = %s', (from, n, due) => {
    expect(calendar.addCalendarDays(from, n)).toBe(due);
  });
});

describe('years without holiday data are refused, never guessed', () => {
  it.each([
    ['dayKind 2031', () => calendar.dayKind('2031-05-06'), 2031],
    ['addWorkingDays from 2003', () => calendar.addWorkingDays('2003-12-31', 1), 2003],
    ['addWorkingDays into 2027', () => calendar.addWorkingDays('2026-12-28', 5), 2027],
    ['addCalendarDays into 2027', () => calendar.addCalendarDays('2026-12-20', 20), 2027],
    ['nextWorkingDay into 2027', () => calendar.nextWorkingDay('2026-12-31'), 2027],
    ['workingDaysBetween to 2031', () => calendar.workingDaysBetween('2026-01-01', '2031-01-01'), 2031],
    ['working-day deadline from 2031', () => calendar.dueAt(at('2031-03-03 09:00'), { amount: 1, unit: 'working_day' }), 2031],
  ])('%s', (_name, action, year) => {
    const error = thrown(action);
    expect(error.code).toBe('calendar_year_not_covered');
    expect(error.details).toEqual({ year });
    expect(error.message).toContain(`No holiday data for ${year}`);
    expect(error.message).toContain('2004–2026');
  });

  it('overrides for a year do not make it covered', () => {
    const data: HolidayData = { years: [2026], holidays: {}, workdays: {} };
    const withOverride = new WorkingCalendar(data, [{ date: '2027-01-04', kind: 'workday' }]);
    expect(thrown(() => withOverride.dayKind('2027-01-04')).details).toEqual({ year: 2027 });
    expect(thrown(() => withOverride.dayKind('2027-01-04')).message).toContain('covers 2026.');
  });
});

describe('jurisdiction overrides', () => {
  const overrides: CalendarOverride[] = [
    { date: '2026-03-10', kind: 'restday', note: '台风停工' },
    { date: '2026-03-14', kind: 'workday' },
    { date: '2026-10-05', kind: 'workday', note: 'duty day' },
    { date: '2026-10-10', kind: 'restday' },
  ];
  const local = statutoryCalendar(overrides);

  it('turn a weekday into a rest day', () => {
    expect(local.dayKind('2026-03-10')).toEqual({ working: false, reason: 'override_restday', name: '台风停工' });
    expect(local.addWorkingDays('2026-03-09', 1)).toBe('2026-03-11');
    expect(local.addCalendarDays('2026-03-03', 7)).toBe('2026-03-11');
  });

  it('turn a weekend into a working day', () => {
    expect(local.dayKind('2026-03-14')).toEqual({ working: true, reason: 'override_workday' });
    expect(local.addWorkingDays('2026-03-13', 1)).toBe('2026-03-14');
    expect(local.addCalendarDays('2026-03-07', 7)).toBe('2026-03-14');
  });

  it('take precedence over holidays and make-up workdays', () => {
    expect(local.dayKind('2026-10-05')).toEqual({ working: true, reason: 'override_workday', name: 'duty day' });
    expect(local.dayKind('2026-10-10')).toEqual({ working: false, reason: 'override_restday' });
    expect(local.addWorkingDays('2026-09-30', 1)).toBe('2026-10-05');
    expect(local.workingDaysBetween('2026-09-30', '2026-10-12')).toBe(4);
  });

  it('apply only to the calendar they were given to', () => {
    expect(calendar.isWorkingDay('2026-03-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-14')).toBe(false);
  });

  it('are validated', () => {
    const error = thrown(() =>
      statutoryCalendar([
        { date: '2026-03-10', kind: 'restday' },
        { date: '2026-03-10', kind: 'workday' },
        { date: '2026-02-30', kind: 'restday' },
        { date: '2026-03-11', kind: 'holiday' as CalendarOverride['kind'] },
      ]),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.details).toMatchObject({
      issues: [{ field: 'overrides[1].date' }, { field: 'overrides[2].date' }, { field: 'overrides[3].kind' }],
    });
  });
});

describe('dueAt without pauses', () => {
  it.each<[string, Date, Duration, string]>([
    ['15 minutes across midnight', at('2026-03-13 23:50'), { amount: 15, unit: 'minute' }, '2026-03-14T00:05:00+08:00'],
    ['45 minutes into a Saturday', at('2026-03-13 23:30'), { amount: 45, unit: 'minute' }, '2026-03-14T00:15:00+08:00'],
    ['60 hours over a weekend', at('2026-03-13 18:00'), { amount: 60, unit: 'hour' }, '2026-03-16T06:00:00+08:00'],
    ['24 hours into Spring Festival', at('2026-02-14 16:00'), { amount: 24, unit: 'hour' }, '2026-02-15T16:00:00+08:00'],
    ['2 hours in a year without holiday data', at('2031-01-01 10:00'), { amount: 2, unit: 'hour' }, '2031-01-01T12:00:00+08:00'],
    ['1 working day before Spring Festival', at('2026-02-13 17:45'), { amount: 1, unit: 'working_day' }, '2026-02-14T23:59:59.999+08:00'],
    ['20 working days over National Day', at('2026-09-15 09:00'), { amount: 20, unit: 'working_day' }, '2026-10-19T23:59:59.999+08:00'],
    ['7 calendar days ending on a holiday', at('2026-02-10 11:00'), { amount: 7, unit: 'calendar_day' }, '2026-02-24T23:59:59.999+08:00'],
  ])('%s', (_name, start, duration, due) => {
    expect(calendar.dueAt(start, duration)).toEqual(new Date(due));
  });

  it('takes the start day from the district zone, not UTC', () => {
    // 2026-02-13T16:30Z is already Saturday 02-14 00:30 in the district.
    expect(calendar.dueAt(new Date('2026-02-13T16:30:00Z'), { amount: 1, unit: 'working_day' })).toEqual(
      endOfLocalDay('2026-02-24'),
    );
  });
});

describe('dueAt with pauses on day units', () => {
  // Monday 2026-03-02 10:00; five working days, unpaused, end on Monday 03-09.
  const start = at('2026-03-02 10:00');
  const fiveWorkingDays: Duration = { amount: 5, unit: 'working_day' };
  const pause = (from: string, to: string | null): Pause => ({ from: at(from), to: to === null ? null : at(to) });
  const dueWith = (pauses: Pause[], duration = fiveWorkingDays) => calendar.dueAt(start, duration, pauses);

  it.each<[string, Pause[], string]>([
    ['no pause', [], '2026-03-09'],
    ['a pause touching two working days skips both', [pause('2026-03-03 14:00', '2026-03-04 09:00')], '2026-03-11'],
    ['a pause on the start day does not count', [pause('2026-03-02 11:00', '2026-03-02 16:00')], '2026-03-09'],
    ['a pause begun before the start counts only from the start', [pause('2026-02-27 09:00', '2026-03-02 12:00')], '2026-03-09'],
    ['a pause ending at local midnight leaves the next day running', [pause('2026-03-03 10:00', '2026-03-04 00:00')], '2026-03-10'],
    ['a pause over a weekend skips no working day', [pause('2026-03-07 08:00', '2026-03-08 20:00')], '2026-03-09'],
    ['a pause begun on the due date extends it', [pause('2026-03-09 15:00', '2026-03-10 10:00')], '2026-03-11'],
    ['a pause after the deadline changes nothing', [pause('2026-03-10 09:00', '2026-03-12 09:00')], '2026-03-09'],
    [
      'overlapping pauses count each day once',
      [pause('2026-03-03 09:00', '2026-03-04 12:00'), pause('2026-03-04 08:00', '2026-03-05 10:00')],
      '2026-03-12',
    ],
    ['an open pause begun after the deadline changes nothing', [pause('2026-03-10 08:00', null)], '2026-03-09'],
  ])('%s', (_name, pauses, dueDate) => {
    expect(dueWith(pauses)).toEqual(endOfLocalDay(dueDate));
  });

  it('an open pause begun before the deadline leaves it unknown', () => {
    expect(dueWith([pause('2026-03-05 09:00', null)])).toBeNull();
    expect(dueWith([pause('2026-03-09 23:00', null)])).toBeNull();
    expect(dueWith([pause('2026-03-03 09:00', '2026-03-04 09:00'), pause('2026-03-10 09:00', null)])).toBeNull();
  });

  it('a pause skips weekend days of a calendar-day period', () => {
    const sevenCalendarDays: Duration = { amount: 7, unit: 'calendar_day' };
    expect(dueWith([], sevenCalendarDays)).toEqual(endOfLocalDay('2026-03-09'));
    expect(dueWith([pause('2026-03-07 08:00', '2026-03-08 20:00')], sevenCalendarDays)).toEqual(endOfLocalDay('2026-03-11'));
    expect(dueWith([pause('2026-03-04 09:00', '2026-03-04 17:00')], sevenCalendarDays)).toEqual(endOfLocalDay('2026-03-10'));
  });

  it('a calendar-day period moved past a rest day also skips a paused day', () => {
    // Five calendar days end on Saturday 03-07, move to Monday 03-09, which is paused, so Tuesday.
    const fiveCalendarDays: Duration = { amount: 5, unit: 'calendar_day' };
    expect(dueWith([], fiveCalendarDays)).toEqual(endOfLocalDay('2026-03-09'));
    expect(dueWith([pause('2026-03-09 08:00', '2026-03-09 12:00')], fiveCalendarDays)).toEqual(endOfLocalDay('2026-03-10'));
  });

  it('paused days inside Spring Festival cost nothing for working days', () => {
    const friday = at('2026-02-13 09:00');
    const twoWorkingDays: Duration = { amount: 2, unit: 'working_day' };
    expect(calendar.dueAt(friday, twoWorkingDays)).toEqual(endOfLocalDay('2026-02-24'));
    expect(calendar.dueAt(friday, twoWorkingDays, [pause('2026-02-16 09:00', '2026-02-22 18:00')])).toEqual(
      endOfLocalDay('2026-02-24'),
    );
    // Pausing the make-up Saturday 02-14 does cost a working day.
    expect(calendar.dueAt(friday, twoWorkingDays, [pause('2026-02-14 09:00', '2026-02-14 10:00')])).toEqual(
      endOfLocalDay('2026-02-25'),
    );
  });
});

describe('dueAt with pauses on clock units', () => {
  const start = at('2026-03-02 10:00');
  const fourHours: Duration = { amount: 4, unit: 'hour' };
  const pause = (from: string, to: string | null): Pause => ({ from: at(from), to: to === null ? null : at(to) });

  it.each<[string, Pause[], string | null]>([
    ['no pause', [], '2026-03-02 14:00'],
    ['a pause adds its length', [pause('2026-03-02 11:00', '2026-03-02 11:30')], '2026-03-02 14:30'],
    ['only the part after the start counts', [pause('2026-03-02 09:00', '2026-03-02 10:30')], '2026-03-02 14:30'],
    ['a pause beginning at the deadline is too late', [pause('2026-03-02 14:00', '2026-03-02 15:00')], '2026-03-02 14:00'],
    [
      'a pause reached only because of an earlier one counts',
      [pause('2026-03-02 13:00', '2026-03-02 15:00'), pause('2026-03-02 15:30', '2026-03-02 16:00')],
      '2026-03-02 16:30',
    ],
    [
      'overlapping pauses count once',
      [pause('2026-03-02 11:00', '2026-03-02 12:00'), pause('2026-03-02 11:30', '2026-03-02 12:30')],
      '2026-03-02 15:30',
    ],
    ['a pause overnight moves the deadline by its length only', [pause('2026-03-02 12:00', '2026-03-03 12:00')], '2026-03-03 14:00'],
    ['an open pause before the deadline leaves it unknown', [pause('2026-03-02 12:00', null)], null],
    ['an open pause after the deadline changes nothing', [pause('2026-03-02 14:00', null)], '2026-03-02 14:00'],
  ])('%s', (_name, pauses, due) => {
    expect(calendar.dueAt(start, fourHours, pauses)).toEqual(due === null ? null : at(due));
  });
});

describe('input validation', () => {
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects amount %s', (amount) => {
    for (const action of [
      () => calendar.addWorkingDays('2026-03-02', amount),
      () => calendar.addCalendarDays('2026-03-02', amount),
      () => calendar.dueAt(at('2026-03-02 10:00'), { amount, unit: 'working_day' }),
      () => calendar.dueAt(at('2026-03-02 10:00'), { amount, unit: 'minute' }),
    ]) {
      const error = thrown(action);
      expect(error.code).toBe('validation_failed');
      expect(error.details).toMatchObject({ issues: [{ field: 'amount' }] });
    }
  });

  it('rejects an unknown unit, an invalid start and a pause that ends before it begins', () => {
    const start = at('2026-03-02 10:00');
    const badUnit = { amount: 1, unit: 'week' } as unknown as Duration;
    expect(thrown(() => calendar.dueAt(start, badUnit)).details).toMatchObject({ issues: [{ field: 'unit' }] });
    expect(thrown(() => calendar.dueAt(new Date(Number.NaN), { amount: 1, unit: 'hour' })).details).toMatchObject({
      issues: [{ field: 'start' }],
    });
    const backwards: Pause = { from: at('2026-03-02 12:00'), to: at('2026-03-02 11:00') };
    expect(thrown(() => calendar.dueAt(start, { amount: 1, unit: 'hour' }, [backwards])).details).toEqual({
      issues: [{ field: 'pauses[0].to', message: 'must not be before from' }],
    });
  });

  it('rejects a date that does not exist, naming the argument', () => {
    const error = thrown(() => calendar.addWorkingDays('2026-02-30', 1));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toMatchObject({ issues: [{ field: 'from' }] });
  });
});
