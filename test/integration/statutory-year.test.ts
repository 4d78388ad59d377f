// A year the holiday package does not know yet: refused until the district enters the official
// arrangement, then counted with it; intake meanwhile keeps working on provisional clocks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';
import { as, login, type Session } from '../support/http.ts';
import { forgetReferenceData } from '../../src/server/platform/cache/reference-data.ts';

let db: TestDatabase;
let app: FastifyInstance;
let admin: Session;
let districtId: string;

// A made-up arrangement for the test only: the real 2027 notice is not published in our data.
const ARRANGEMENT_2027 = {
  source: '测试用安排（非官方）',
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-04', kind: 'holiday', name: '元旦' },
    { date: '2027-01-09', kind: 'workday', name: '元旦' },
  ],
};

beforeAll(async () => {
  db = await openDemoDatabase({ now: '2026-12-20T02:00:00.000Z' });
  app = await buildApp(db.deps, { publicRateLimit: 10_000 });
  admin = await login(app, 'admin');
  districtId = (await db.deps.db.selectFrom('jurisdiction').select('id').where('code', '=', 'nk').executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const due = (from: string, amount: number) => as(app, admin)({ method: 'GET', url: `/api/calendar/due?jurisdictionId=${districtId}&from=${from}&amount=${amount}&unit=working_day` });

describe('statutory years entered by the district', () => {
  it('warns that next year is missing, refuses periods reaching into it, and counts them once entered', async () => {
    const before = await as(app, admin)({ method: 'GET', url: '/api/calendar/statutory' });
    expect(before.json()).toMatchObject({ nextYearMissing: true, nextYear: 2027, warnNextYear: true });
    expect(before.json().years.at(-1)).toMatchObject({ year: 2026, source: 'package' });
    const refused = await due('2026-12-30', 3);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('calendar_year_not_covered');

    const put = await as(app, admin)({ method: 'PUT', url: '/api/calendar/statutory/2027', payload: ARRANGEMENT_2027 });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ year: 2027, holidays: 2, workdays: 1 });
    // From Wed 2026-12-30: 12-31, (01-01 holiday, weekend), (01-04 holiday), 01-05, 01-06.
    expect((await due('2026-12-30', 3)).json().dueDate).toBe('2027-01-06');
    // The Saturday make-up day counts: from Fri 01-08, one working day is Sat 01-09.
    expect((await due('2027-01-08', 1)).json().dueDate).toBe('2027-01-09');
    const after = await as(app, admin)({ method: 'GET', url: '/api/calendar/statutory' });
    expect(after.json()).toMatchObject({ nextYearMissing: false, warnNextYear: false });
    expect(after.json().years.at(-1)).toMatchObject({ year: 2027, source: 'district', note: '测试用安排（非官方）' });
    const audit = await db.deps.db.selectFrom('auditLog').select('detail').where('action', '=', 'calendar.statutory_year').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ holidays: 2, workdays: 1 });
  });

  it('refuses a wrong arrangement whole, naming each bad day', async () => {
    const bad = await as(app, admin)({
      method: 'PUT', url: '/api/calendar/statutory/2028',
      payload: { source: '测试', days: [{ date: '2027-05-01', kind: 'holiday', name: '劳动节' }, { date: '2028-05-08', kind: 'workday', name: '劳动节' }, { date: '2028-05-08', kind: 'workday', name: '劳动节' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual(['body.days.0.date', 'body.days.1.kind', 'body.days.2.date', 'body.days.2.kind']);
    expect(await db.deps.db.selectFrom('statutoryYear').select('year').where('year', '=', 2028).execute()).toEqual([]);
    const worker = await login(app, 'changhuali.worker');
    expect((await as(app, worker)({ method: 'PUT', url: '/api/calendar/statutory/2028', payload: ARRANGEMENT_2027 })).statusCode).toBe(403);
  });

  it('accepts an appeal whose clock reaches into a year without data, with the earliest possible deadline', async () => {
    await db.deps.db.deleteFrom('statutoryYear').execute();
    forgetReferenceData(db.deps.tenantId); // as after the reload interval: the data was changed behind the API
    db.clock.set('2026-12-28T02:00:00.000Z');
    const community = await db.deps.db.selectFrom('jurisdiction').select('id').where('code', '=', 'nk-ch-01').executeTakeFirstOrThrow();
    const submitted = await app.inject({
      method: 'POST', url: '/api/appeals',
      payload: { categoryCode: 'neighbours', description: '楼上邻居长期漏水到我家，协商无果', location: { communityId: community.id }, contact: { phone: '19900077777' } },
    });
    expect(submitted.statusCode).toBe(201);
    const row = await db.deps.db.selectFrom('case').select('data').where('id', '=', submitted.json().id).executeTakeFirstOrThrow();
    // Complex: 15 days from Monday 2026-12-28 on plain calendar days is 2027-01-12.
    expect(JSON.parse(row.data).feedbackDueAt).toBe('2027-01-12T15:59:59.999Z');
  });
});
