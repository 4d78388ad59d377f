// The working-day calendar over HTTP and on the command line. Expected dates are worked out by hand from
// the State Council's 2026 arrangement (chinese-days data):
//   Spring Festival: rest 02-15 (Sun) … 02-23 (Mon); make-up workdays Sat 02-14 and Sat 02-28.
//   Mid-Autumn: rest 09-25 (Fri) … 09-27 (Sun).  National Day: rest 10-01 (Thu) … 10-07 (Wed);
//   make-up workdays Sun 09-20 and Sat 10-10.  2026-02-01 and 2026-03-01 are Sundays.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';
import { as, type Session } from '../support/http.ts';
import { expectError, issueFields, jurisdictionIdOf, signIn } from '../support/spine.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

let db: TestDatabase;
let app: FastifyInstance;
let admin: Session;
let worker: Session;
const unit: Record<string, string> = {};

beforeAll(async () => {
  db = await openDemoDatabase();
  app = await buildApp(db.deps, { publicRateLimit: 10_000 });
  admin = await signIn(app, 'admin');
  worker = await signIn(app, 'gulou.worker');
  for (const code of ['nk', 'nk-gl', 'nk-gl-01', 'nk-gl-02', 'nk-ch', 'nk-ch-01']) unit[code] = await jurisdictionIdOf(db, code);
});

afterAll(async () => {
  await app.close();
  await db.close();
});

async function due(code: string, from: string, amount: number, unitName: 'working_day' | 'calendar_day' = 'working_day', session: Session = worker) {
  const response = await as(app, session)({ method: 'GET', url: `/api/calendar/due?jurisdictionId=${unit[code]}&from=${from}&amount=${amount}&unit=${unitName}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().dueDate as string;
}

const putOverride = (body: Record<string, unknown>, session: Session = admin) => as(app, session)({ method: 'PUT', url: '/api/calendar/overrides', payload: body });

describe('GET /api/calendar', () => {
  it('lists the 2026 Spring Festival rest days and the make-up workdays', async () => {
    const response = await as(app, worker)({ method: 'GET', url: `/api/calendar?jurisdictionId=${unit.nk}&year=2026` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ year: 2026, covered: true, overrides: [] });
    const days = body.days as Array<{ date: string; working: boolean; reason: string; name?: string }>;
    expect(days.filter((d) => d.name === '春节' && !d.working).map((d) => d.date)).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    ]);
    expect(days.filter((d) => d.reason === 'makeup_workday')).toEqual([
      { date: '2026-01-04', working: true, reason: 'makeup_workday', name: '元旦' },
      { date: '2026-02-14', working: true, reason: 'makeup_workday', name: '春节' },
      { date: '2026-02-28', working: true, reason: 'makeup_workday', name: '春节' },
      { date: '2026-05-09', working: true, reason: 'makeup_workday', name: '劳动节' },
      { date: '2026-09-20', working: true, reason: 'makeup_workday', name: '国庆节' },
      { date: '2026-10-10', working: true, reason: 'makeup_workday', name: '国庆节' },
    ]);
    expect(days.find((d) => d.date === '2026-10-01')).toEqual({ date: '2026-10-01', working: false, reason: 'holiday', name: '国庆节' });
    // Ordinary weekdays and weekends are not listed.
    expect(days.some((d) => d.date === '2026-03-03' || d.date === '2026-03-07')).toBe(false);
  });

  it('says when a year is not covered by holiday data', async () => {
    const response = await as(app, worker)({ method: 'GET', url: `/api/calendar?jurisdictionId=${unit.nk}&year=2031` });
    expect(response.json()).toMatchObject({ year: 2031, covered: false, days: [] });
  });
});

describe('GET /api/calendar/due', () => {
  it.each([
    // from, working days, due — see the header for the holiday data
    ['2026-02-12', 5, '2026-02-26'], // 02-13, 02-14 (make-up Sat), [02-15…02-23 off], 02-24, 02-25, 02-26
    ['2026-02-13', 1, '2026-02-14'], // the make-up Saturday counts
    ['2026-02-27', 1, '2026-02-28'], // the second make-up Saturday
    ['2026-02-10', 10, '2026-03-02'], // 11, 12, 13, 14, 24, 25, 26, 27, 28 (Sat), then Mon 03-02
    ['2026-09-18', 2, '2026-09-21'], // Sat 09-19 off, Sun 09-20 make-up, Mon 09-21
    ['2026-09-24', 5, '2026-10-09'], // [09-25…09-27 off] 09-28, 09-29, 09-30, [10-01…10-07 off] 10-08, 10-09
    ['2026-09-30', 3, '2026-10-10'], // 10-08, 10-09, Sat 10-10 make-up
    ['2026-03-02', 0, '2026-03-02'], // zero days: the start day itself
  ])('from %s plus %i working days is %s', async (from, amount, expected) => {
    expect(await due('nk-gl-01', from, amount)).toBe(expected);
  });

  it.each([
    ['2026-02-12', 3, '2026-02-24'], // 02-15 is the first day of Spring Festival → next working day
    ['2026-09-28', 5, '2026-10-08'], // 10-03 is National Day → 10-08
    ['2026-10-01', 9, '2026-10-10'], // 10-10 is a make-up Saturday, a working day: stays
    ['2026-02-07', 7, '2026-02-14'], // 02-14 is a make-up Saturday: stays
    ['2026-03-02', 5, '2026-03-09'], // Sat 03-07 → Mon 03-09
    ['2026-09-25', 5, '2026-09-30'], // a plain Wednesday: stays
  ])('from %s plus %i calendar days ends on %s (a rest day moves to the next working day)', async (from, amount, expected) => {
    expect(await due('nk-gl-01', from, amount, 'calendar_day')).toBe(expected);
  });

  it('gives the instant the due day ends in the district and its weekday', async () => {
    const response = await as(app, worker)({ method: 'GET', url: `/api/calendar/due?jurisdictionId=${unit['nk-gl-01']}&from=2026-02-12&amount=3&unit=calendar_day` });
    expect(response.json()).toEqual({ dueDate: '2026-02-24', dueAt: '2026-02-24T15:59:59.999Z', weekday: 2 });
  });

  it('refuses a period in a year without holiday data: 422 calendar_year_not_covered', async () => {
    const url = (from: string) => `/api/calendar/due?jurisdictionId=${unit['nk-gl-01']}&from=${from}&amount=5&unit=working_day`;
    const error = expectError(await as(app, worker)({ method: 'GET', url: url('2031-03-03') }), 422, 'calendar_year_not_covered');
    expect(error.details).toEqual({ year: 2031 });
    expect(error.message).toContain('2031');
    // A period that starts in 2026 but runs into 2027 is refused too, naming 2027.
    expect(expectError(await as(app, worker)({ method: 'GET', url: url('2026-12-28') }), 422, 'calendar_year_not_covered').details).toEqual({ year: 2027 });
  });

  it('refuses an impossible date, naming the field', async () => {
    const response = await as(app, worker)({ method: 'GET', url: `/api/calendar/due?jurisdictionId=${unit['nk-gl-01']}&from=2026-02-30&amount=1&unit=working_day` });
    expect(issueFields(expectError(response, 400, 'validation_failed'))).toEqual(['querystring.from']);
  });
});

describe('overrides', () => {
  it('a rest day set for a street moves due dates in its communities, not in another street', async () => {
    // Tue 03-03 plus one working day is Wed 03-04, unless 03-04 is a rest day.
    expect(await due('nk-gl-01', '2026-03-03', 1)).toBe('2026-03-04');
    const put = await putOverride({ jurisdictionId: unit['nk-gl'], date: '2026-03-04', kind: 'restday', note: '台风停工' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ date: '2026-03-04', kind: 'restday', note: '台风停工' });

    expect(await due('nk-gl-01', '2026-03-03', 1)).toBe('2026-03-05');
    expect(await due('nk-gl', '2026-03-03', 1)).toBe('2026-03-05');
    expect(await due('nk-ch-01', '2026-03-03', 1)).toBe('2026-03-04');
    expect(await due('nk', '2026-03-03', 1)).toBe('2026-03-04');
    const year = (await as(app, worker)({ method: 'GET', url: `/api/calendar?jurisdictionId=${unit['nk-gl-01']}&year=2026` })).json();
    expect(year.days).toContainEqual({ date: '2026-03-04', working: false, reason: 'override_restday', name: '台风停工' });
    const other = (await as(app, worker)({ method: 'GET', url: `/api/calendar?jurisdictionId=${unit['nk-ch-01']}&year=2026` })).json();
    expect(other.days.some((d: { date: string }) => d.date === '2026-03-04')).toBe(false);

    // A community's own override beats its street's.
    expect((await putOverride({ jurisdictionId: unit['nk-gl-02'], date: '2026-03-04', kind: 'workday' })).statusCode).toBe(200);
    expect(await due('nk-gl-02', '2026-03-03', 1)).toBe('2026-03-04');
    expect(await due('nk-gl-01', '2026-03-03', 1)).toBe('2026-03-05');
  });

  it('putting the same day again replaces the override; deleting it restores the statutory calendar', async () => {
    const first = await putOverride({ jurisdictionId: unit['nk-ch'], date: '2026-03-11', kind: 'restday' });
    const second = await putOverride({ jurisdictionId: unit['nk-ch'], date: '2026-03-11', kind: 'restday', note: '停电' });
    expect(second.json().id).toBe(first.json().id);
    const rows = await db.deps.db.selectFrom('calendarOverride').select(['note']).where('jurisdictionId', '=', unit['nk-ch']!).where('date', '=', '2026-03-11').execute();
    expect(rows).toEqual([{ note: '停电' }]);
    expect(await due('nk-ch-01', '2026-03-10', 1)).toBe('2026-03-12');
    expect((await as(app, admin)({ method: 'DELETE', url: `/api/calendar/overrides/${first.json().id}` })).statusCode).toBe(204);
    expect(await due('nk-ch-01', '2026-03-10', 1)).toBe('2026-03-11');
  });

  it('a make-up Saturday set for a street counts as a working day there', async () => {
    expect(await due('nk-ch-01', '2026-03-13', 1)).toBe('2026-03-16'); // Fri → Mon
    expect((await putOverride({ jurisdictionId: unit['nk-ch'], date: '2026-03-14', kind: 'workday', note: '加班' })).statusCode).toBe(200);
    expect(await due('nk-ch-01', '2026-03-13', 1)).toBe('2026-03-14');
    expect(await due('nk-gl-01', '2026-03-13', 1)).toBe('2026-03-16');
  });

  it('only an administrator may set one (a community worker gets 403)', async () => {
    const response = await putOverride({ jurisdictionId: unit['nk-gl'], date: '2026-03-18', kind: 'restday' }, worker);
    expect(expectError(response, 403, 'forbidden').details).toEqual({ permission: 'calendar.manage' });
    expect(await due('nk-gl-01', '2026-03-17', 1)).toBe('2026-03-18');
  });

  it('is audited with the actor, the unit, the day and the request id', async () => {
    const put = await putOverride({ jurisdictionId: unit['nk-gl'], date: '2026-03-25', kind: 'restday', note: '审计' });
    const row = await db.deps.db.selectFrom('auditLog').selectAll().where('requestId', '=', String(put.headers['x-request-id'])).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'calendar.override', actorLabel: 'admin', objectType: 'jurisdiction', objectId: unit['nk-gl'], result: 'ok' });
    expect(JSON.parse(row.detail)).toEqual({ date: '2026-03-25', kind: 'restday', note: '审计' });
  });
});

describe('importing overrides from CSV', () => {
  const overridesOf = (id: string) => db.deps.db.selectFrom('calendarOverride').select(['date', 'kind', 'note']).where('jurisdictionId', '=', id).orderBy('date').execute();

  it('refuses the whole file when one line is bad, naming the line; nothing is stored', async () => {
    const before = await overridesOf(unit['nk-ch']!);
    const csv = 'date,kind,note\n2026-04-14,restday,停水\n2026-04-15,holiday,不是合法的种类\n2026-04-16,restday';
    const response = await as(app, admin)({ method: 'POST', url: '/api/calendar/overrides/import', payload: { jurisdictionId: unit['nk-ch'], csv } });
    const error = expectError(response, 400, 'validation_failed');
    expect(issueFields(error)).toEqual(['body.csv.line3']);
    const badDate = await as(app, admin)({ method: 'POST', url: '/api/calendar/overrides/import', payload: { jurisdictionId: unit['nk-ch'], csv: '2026-04-14,restday\n2026-02-30,restday' } });
    expect(issueFields(expectError(badDate, 400, 'validation_failed'))).toEqual(['body.csv.line2']);
    expect(await overridesOf(unit['nk-ch']!)).toEqual(before);
    expect(await due('nk-ch-01', '2026-04-13', 1)).toBe('2026-04-14');
  });

  it('stores every line of a good file and audits the import', async () => {
    const response = await as(app, admin)({ method: 'POST', url: '/api/calendar/overrides/import', payload: { jurisdictionId: unit['nk-ch'], csv: 'date,kind,note\r\n2026-04-14,restday,停水\r\n2026-04-15,restday\r\n' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ imported: 2 });
    expect((await overridesOf(unit['nk-ch']!)).filter((o) => o.date.startsWith('2026-04'))).toEqual([
      { date: '2026-04-14', kind: 'restday', note: '停水' },
      { date: '2026-04-15', kind: 'restday', note: null },
    ]);
    expect(await due('nk-ch-01', '2026-04-13', 1)).toBe('2026-04-16');
    expect(await due('nk-gl-01', '2026-04-13', 1)).toBe('2026-04-14');
    const row = await db.deps.db.selectFrom('auditLog').selectAll().where('requestId', '=', String(response.headers['x-request-id'])).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'calendar.import', objectId: unit['nk-ch'], actorLabel: 'admin' });
  });
});

describe('minsheng calendar due', () => {
  const cli = (...args: string[]) => spawnSync('node', ['bin/minsheng.mjs', 'calendar', 'due', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });

  it('prints the due date across the Spring Festival', () => {
    // 02-14 (make-up Saturday) is the first working day, then 02-24 and 02-25 after the holiday.
    const result = cli('--from', '2026-02-13', '--working-days', '3');
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('2026-02-25\n');
    expect(result.status).toBe(0);
  }, 60_000);

  it('exits 1 naming the year when there is no holiday data', () => {
    const result = cli('--from', '2031-01-02', '--calendar-days', '3');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('2031');
  }, 60_000);
});
