// The leaders' appeal dashboard over HTTP on the real app (both engines): appeals driven through sign-for in
// time and late, return and re-dispatch, reply on time and late, rating, reopening and escalation with the
// FixedClock, then GET /api/appeals/dashboard checked figure by figure (the three rates, the composite score
// with the weights from settings, the ranking, on-time reply, return and reopen rates, the totals and the hot
// issues), the reach of a street's leader, the 400s naming the field, the 401 and 403, and the migration's
// backfill of signed_in_time from the timelines.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { local, openWorld, type Client, type Response, type World } from '../../src/modules/appeal/test/appeal.http-fixtures.ts';
import { backfillSignedInTime } from '../../src/modules/appeal/server/appeal.migrations.ts';
import { DEMO_PASSWORD } from '../../src/server/core/jurisdictions/demo-district.data.ts';

const T0 = local('2026-03-03T09:00:00.000'); // Tuesday morning: everything is received
const T1 = local('2026-03-03T10:00:00.000'); // sign-fors in time (the limit: one working day, 2026-03-04 23:59:59.999)
const T2 = local('2026-03-03T11:00:00.000'); // a reply in time, an escalation
const T3 = local('2026-03-05T10:00:00.000'); // a sign-for late (no sweep ran: the deadline engine did not hand it up)
const T4 = local('2026-03-12T10:00:00.000'); // a reply late (general appeals: 7 calendar days)
const PERIOD = 'from=2026-03-01&to=2026-03-12';
const PHONES = ['19900071001', '19900071002', '19900071003', '19900071004', '19900071005', '19900071006'];

function ok(response: Response, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

interface DashboardBody {
  from: string;
  to: string;
  weights: Record<string, number>;
  totals: Record<string, number | null>;
  units: Array<Record<string, any>>;
  hotIssues: Array<{ categoryCode: string; nameZh: string; nameEn: string; count: number; share: number | null }>;
}

describe('the appeal dashboard', () => {
  let world: World;
  let worker: Client;
  let street: Client;
  let dispatcher: Client;
  let leader: Client;
  let admin: Client;
  const ids: Record<string, string> = {};
  const unit: Record<string, string> = {};

  const at = (instant: string) => world.db.clock.set(instant);
  const act = async (client: Client, id: string, body: Record<string, unknown>) => ok(await client.post(`/api/cases/${id}/commands`, body));
  const dashboard = async (client: Client, query = PERIOD) => ok(await client.get(`/api/appeals/dashboard?${query}`)) as DashboardBody;

  beforeAll(async () => {
    world = await openWorld(T0);
    worker = await world.staff('changhuali.worker');
    street = await world.staff('changhong.handler');
    dispatcher = await world.staff('dispatcher');
    leader = await world.staff('leader');
    admin = await world.staff('admin');
    unit.community = world.unit('nk-ch-01').id;
    unit.street = world.unit('nk-ch').id;
    unit.district = world.unit('nk').id;
    const centre = world.unit('nk-ch-01').centre;
    const point = { lng: centre[0], lat: centre[1] };
    const submit = async (name: string, categoryCode: string, description: string, phone: string) => {
      const opened = ok(await world.anonymous.post('/api/appeals', { categoryCode, description, location: point, contact: { name: '王先生', phone } }), 201);
      ids[name] = opened.id;
      return opened as { handlingUnitId: string };
    };

    // ---- received (all at T0): noise goes to 长华里社区, roads to 长虹街
    at(T0);
    await submit('A', 'noise', '长华里3号楼晚上装修噪音扰民，已经持续一周了', PHONES[0]!);
    await submit('B', 'noise', '长华里7号楼底商夜里KTV噪音很大，影响休息', PHONES[1]!);
    await submit('C', 'noise', '长华里9号楼楼下早市喇叭叫卖声太吵', PHONES[2]!);
    await submit('E', 'noise', '长华里11号楼空调外机噪音扰民，晚上睡不着', PHONES[3]!);
    await submit('G', 'noise', '长华里2号楼有人在楼道里长期敲打金属制品', PHONES[4]!);
    expect((await submit('D', 'roads', '长华里社区门口人行道地砖破损，老人容易绊倒', PHONES[5]!)).handlingUnitId).toBe(unit.street);

    // ---- T1: A, D and G signed for in time; E returned as a wrong dispatch, dispatched back and signed for in time
    at(T1);
    await act(worker, ids.A!, { type: 'sign_for' });
    await act(street, ids.D!, { type: 'sign_for' });
    await act(worker, ids.G!, { type: 'sign_for' });
    await act(worker, ids.E!, { type: 'return', reason: '不属于本社区管辖范围' });
    await act(dispatcher, ids.E!, { type: 'dispatch', unitId: unit.community });
    await act(worker, ids.E!, { type: 'sign_for' });

    // ---- T2: A replied in time and followed up satisfied (closed); G handed up to the street, which has not signed for it
    at(T2);
    await act(worker, ids.A!, { type: 'reply', text: '已联系装修方，晚间停止施工。' });
    await act(worker, ids.A!, { type: 'record_follow_up', rating: 'satisfied' });
    await act(worker, ids.G!, { type: 'escalate', reason: '需街道协调多部门处理' });

    // ---- T3: B signed for late, replied, followed up unsatisfied, and reopened (its reply and rating no longer count)
    at(T3);
    await act(worker, ids.B!, { type: 'sign_for' });
    await act(worker, ids.B!, { type: 'reply', text: '已约谈商户。' });
    await act(worker, ids.B!, { type: 'record_follow_up', rating: 'unsatisfied', comment: '仍然很吵' });
    await act(worker, ids.B!, { type: 'reopen', reason: '居民反映问题依旧' });

    // ---- T4: D replied late, followed up basically satisfied (closed). C is never signed for.
    at(T4);
    await act(street, ids.D!, { type: 'reply', text: '已安排维修人行道地砖。' });
    await act(street, ids.D!, { type: 'record_follow_up', rating: 'basically_satisfied' });
  });
  afterAll(async () => world.close());

  it('the projection records whether each sign-for met its limit, for the unit responsible now', async () => {
    const rows = await world.db.deps.db.withTables<{ appealRecord: { caseId: string; signedInTime: number | null; handlingUnitId: string | null } }>()
      .selectFrom('appealRecord').select(['caseId', 'signedInTime', 'handlingUnitId']).execute();
    const byCase = new Map(rows.map((r) => [r.caseId, r]));
    expect(Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, byCase.get(id)!.signedInTime]))).toEqual({ A: 1, B: 0, C: null, D: 1, E: 1, G: null });
    expect(byCase.get(ids.G!)!.handlingUnitId).toBe(unit.street);
  });

  it('per unit: the three rates, the composite score (default weights), the ranking, and the other rates', async () => {
    const body = await dashboard(leader);
    expect(body).toMatchObject({ from: '2026-03-01', to: '2026-03-12', weights: { response: 0.3, resolution: 0.3, satisfaction: 0.4 } });
    expect(body.units.map((u) => [u.nameZh, u.rank, u.score])).toEqual([['长虹街', 1, 70], ['长华里社区', 2, 62.5]]);
    const [streetRow, communityRow] = body.units;
    // 长华里社区: A, B, C, E received; A, E signed for in time (B late, C never); A replied (B reopened); A rated satisfied
    expect(communityRow).toMatchObject({
      unitId: unit.community, nameZh: '长华里社区', kind: 'community',
      received: 4, signedInTime: 2, replied: 1, repliedOnTime: 1, satisfied: 1, rated: 1, returned: 1, reopened: 1, answered: 2,
      responseRate: 0.5, resolutionRate: 0.25, satisfactionRate: 1, onTimeReplyRate: 1, returnRate: 0.25, reopenRate: 0.5,
      score: 62.5, // 0.3 × 0.5 + 0.3 × 0.25 + 0.4 × 1
    });
    expect(communityRow!.nameEn).toBeTruthy();
    // 长虹街: D (signed for in time, replied late, basically satisfied) and G (handed up, not signed for by the street)
    expect(streetRow).toMatchObject({
      unitId: unit.street, nameZh: '长虹街', kind: 'street',
      received: 2, signedInTime: 1, replied: 1, repliedOnTime: 0, satisfied: 1, rated: 1, returned: 0, reopened: 0, answered: 1,
      responseRate: 0.5, resolutionRate: 0.5, satisfactionRate: 1, onTimeReplyRate: 0, returnRate: 0, reopenRate: 0,
      score: 70,
    });
  });

  it('the totals for the district and the hot issues, with names in Chinese and English', async () => {
    const body = await dashboard(leader);
    expect(body.totals).toEqual({
      received: 6, signedInTime: 3, replied: 2, repliedOnTime: 1, satisfied: 2, rated: 2, returned: 1, reopened: 1, answered: 3,
      responseRate: 0.5, resolutionRate: 0.3333, satisfactionRate: 1, onTimeReplyRate: 0.5, returnRate: 0.1667, reopenRate: 0.3333, score: 65,
    });
    expect(body.hotIssues).toEqual([
      { categoryCode: 'noise', nameZh: expect.any(String), nameEn: expect.any(String), count: 5, share: 0.8333 },
      { categoryCode: 'roads', nameZh: expect.any(String), nameEn: expect.any(String), count: 1, share: 0.1667 },
    ]);
    expect(body.hotIssues[0]!.nameZh).not.toBe('noise');
  });

  it('rates are null, not 0, where nothing can be measured', async () => {
    // A month with no appeals: nothing received, so no rate has a denominator.
    const empty = await dashboard(leader, 'from=2026-02-01&to=2026-02-28');
    expect(empty.units).toEqual([]);
    expect(empty.hotIssues).toEqual([]);
    expect(empty.totals).toMatchObject({ received: 0, responseRate: null, resolutionRate: null, satisfactionRate: null, onTimeReplyRate: null, returnRate: null, reopenRate: null, score: null });
  });

  it('without dates: the last 365 district-local days, today included', async () => {
    at(local('2026-03-12T23:30:00.000'));
    const body = await dashboard(leader, '');
    expect(body).toMatchObject({ from: '2025-03-13', to: '2026-03-12' });
    expect(body.totals.received).toBe(6);
    at(local('2027-03-04T08:00:00.000')); // a year on, the period has moved past them
    expect((await dashboard(leader, '')).totals.received).toBe(0);
    at(T4);
  });

  it('weights come from the settings (appeal.dashboardWeights), which refuse weights not adding up to 1', async () => {
    const bad = await admin({ method: 'PUT', url: '/api/settings', payload: { jurisdictionId: unit.district, key: 'appeal.dashboardWeights', value: { response: 0.5, resolution: 0.5, satisfaction: 0.5 } } });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual(['body.value']);
    ok(await admin({ method: 'PUT', url: '/api/settings', payload: { jurisdictionId: unit.district, key: 'appeal.dashboardWeights', value: { response: 0.5, resolution: 0.5, satisfaction: 0 } } }));
    const body = await dashboard(leader);
    expect(body.weights).toEqual({ response: 0.5, resolution: 0.5, satisfaction: 0 });
    expect(body.units.map((u) => [u.nameZh, u.rank, u.score])).toEqual([['长虹街', 1, 50], ['长华里社区', 2, 37.5]]);
    expect((await admin({ method: 'DELETE', url: `/api/settings?jurisdictionId=${unit.district}&key=appeal.dashboardWeights` })).statusCode).toBe(204);
    expect((await dashboard(leader)).weights).toEqual({ response: 0.3, resolution: 0.3, satisfaction: 0.4 });
  });

  it('a street\'s leader sees the appeals in the street\'s reach, another street\'s leader none of them', async () => {
    for (const [username, code] of [['dashboard.ch.leader', 'nk-ch'], ['dashboard.gl.leader', 'nk-gl']] as const) {
      ok(await admin.post('/api/users', { username, displayName: `${code} 领导（测试）`, password: DEMO_PASSWORD, grants: [{ role: 'leader', jurisdictionId: world.unit(code).id }] }), 201);
    }
    const own = await dashboard(await world.staff('dashboard.ch.leader'));
    expect(own.totals.received).toBe(6);
    expect(own.units.map((u) => u.nameZh)).toEqual(['长虹街', '长华里社区']);
    const other = await dashboard(await world.staff('dashboard.gl.leader'));
    expect(other.totals.received).toBe(0);
    expect(other.units).toEqual([]);
  });

  it('never shows anything about a resident', async () => {
    const response = await leader.get(`/api/appeals/dashboard?${PERIOD}`);
    for (const secret of [...PHONES, '王先生', ...Object.values(ids)]) expect(response.body).not.toContain(secret);
  });

  it('bad or reversed dates are 400s naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['from=2026-02-30', 'querystring.from'], ['from=yesterday', 'querystring.from'], ['to=2026-13-01', 'querystring.to'],
      ['from=2026-03-12&to=2026-03-01', 'querystring.to'], ['from=2026-03-01&unit=x', 'querystring.unit'],
    ];
    for (const [query, field] of cases) {
      const response = await leader.get(`/api/appeals/dashboard?${query}`);
      expect(response.statusCode, `${query}: ${response.body}`).toBe(400);
      expect(response.json().error.details.issues.map((i: { field: string }) => i.field), query).toContain(field);
    }
  });

  it('is for leaders (case.supervise): 403 for a community worker, the dispatcher and the administrator, 401 for nobody', async () => {
    for (const client of [worker, dispatcher, admin]) expect((await client.get(`/api/appeals/dashboard?${PERIOD}`)).statusCode).toBe(403);
    expect((await world.anonymous.get(`/api/appeals/dashboard?${PERIOD}`)).statusCode).toBe(401);
  });

  it('the migration\'s backfill gives every signed appeal the same answer from its timeline', async () => {
    const db = world.db.deps.db;
    const read = async () => (await db.withTables<{ appealRecord: { caseId: string; signedInTime: number | null } }>().selectFrom('appealRecord')
      .select(['caseId', 'signedInTime']).orderBy('caseId').execute()).map((r) => [r.caseId, r.signedInTime === null ? null : Number(r.signedInTime)]);
    const before = await read();
    await sql`update appeal_record set signed_in_time = null`.execute(db);
    await backfillSignedInTime(db);
    expect(await read()).toEqual(before);
  });
});
