// Time limits are settings per jurisdiction, never constants: a street shortens the sign-for
// limit of general appeals, and its communities' new appeals run on it; other streets do not. Weights (the
// appeal dashboard's) are a kind of setting too, reported and validated like the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';
import { as, login, type Session } from '../support/http.ts';

let db: TestDatabase;
let app: FastifyInstance;
let admin: Session;
const unit: Record<string, string> = {};

beforeAll(async () => {
  db = await openDemoDatabase();
  app = await buildApp(db.deps, { publicRateLimit: 10_000 });
  admin = await login(app, 'admin');
  for (const code of ['nk', 'nk-ch', 'nk-ch-01', 'nk-gl-01']) unit[code] = (await db.deps.db.selectFrom('jurisdiction').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const submit = (communityCode: string) => app.inject({
  method: 'POST', url: '/api/appeals',
  payload: { categoryCode: 'noise', description: '楼下商铺音响声音太大，影响休息', location: { communityId: unit[communityCode] }, contact: { phone: '19900055555' } },
});

describe('settings per jurisdiction', () => {
  it('a street\'s own limit applies to its communities and not elsewhere, until removed', async () => {
    const put = await as(app, admin)({ method: 'PUT', url: '/api/settings', payload: { jurisdictionId: unit['nk-ch'], key: 'appeal.signFor.general', value: { amount: 4, unit: 'hour' } } });
    expect(put.statusCode).toBe(200);
    const now = db.clock.now().getTime();
    expect(Date.parse((await submit('nk-ch-01')).json().dueAt)).toBe(now + 4 * 3_600_000);
    expect(Date.parse((await submit('nk-gl-01')).json().dueAt)).toBeGreaterThan(now + 4 * 3_600_000);
    const shown = await as(app, admin)({ method: 'GET', url: `/api/settings?jurisdictionId=${unit['nk-ch-01']}` });
    expect(shown.json().effective['appeal.signFor.general']).toEqual({ amount: 4, unit: 'hour' });
    expect(shown.json().own).toEqual([]);
    expect(shown.json().keys).toContain('appeal.feedback.complex');
    // Each key with its type, its default and the unit its value comes from.
    const entries = new Map((shown.json().settings as Array<{ key: string }>).map((e) => [e.key, e]));
    expect(entries.get('appeal.signFor.general')).toMatchObject({
      type: 'duration', default: { amount: 1, unit: 'working_day' }, value: { amount: 4, unit: 'hour' }, source: 'inherited', from: { id: unit['nk-ch'], nameZh: '长虹街' },
    });
    expect(entries.get('appeal.maxReturns')).toMatchObject({ type: 'count', default: 3, value: 3, source: 'default', from: null });
    expect(entries.get('application.acceptanceDays')).toMatchObject({ type: 'count', default: 5, value: 5, source: 'default', from: null });
    expect(entries.get('application.jointDays')).toMatchObject({ type: 'count', default: 45, value: 45, source: 'default' });
    expect(shown.json().manageable).toBe(true);
    const handler = await login(app, 'changhong.handler');
    expect((await as(app, handler)({ method: 'GET', url: `/api/settings?jurisdictionId=${unit['nk-ch-01']}` })).json().manageable).toBe(false);
    expect((await as(app, admin)({ method: 'DELETE', url: `/api/settings?jurisdictionId=${unit['nk-ch']}&key=appeal.signFor.general` })).statusCode).toBe(204);
    expect(Date.parse((await submit('nk-ch-01')).json().dueAt)).toBeGreaterThan(now + 4 * 3_600_000);
  });

  it('weights: reported with their type and default, set at the district and inherited below, validated by the module\'s schema', async () => {
    const asAdmin = as(app, admin);
    const entryAt = async (id: string) => ((await asAdmin({ method: 'GET', url: `/api/settings?jurisdictionId=${id}` })).json().settings as Array<{ key: string }>).find((e) => e.key === 'appeal.dashboardWeights');
    const DEFAULT = { response: 0.3, resolution: 0.3, satisfaction: 0.4 };
    expect(await entryAt(unit['nk-ch']!)).toMatchObject({ type: 'weights', default: DEFAULT, value: DEFAULT, source: 'default', from: null, updatedAt: null });

    const put = (value: unknown) => asAdmin({ method: 'PUT', url: '/api/settings', payload: { jurisdictionId: unit['nk'], key: 'appeal.dashboardWeights', value } });
    const fields = (res: Awaited<ReturnType<typeof put>>) => (res.json().error.details.issues as Array<{ field: string }>).map((i) => i.field).sort();
    // Not adding up to 1: the whole value is named.
    const sum = await put({ response: 0.5, resolution: 0.3, satisfaction: 0.4 });
    expect(sum.statusCode).toBe(400);
    expect(sum.json().error.code).toBe('validation_failed');
    expect(fields(sum)).toEqual(['body.value']);
    // A weight out of [0, 1]: the part is named; percentages where fractions go are out of range too.
    const range = await put({ response: 1.2, resolution: -0.1, satisfaction: -0.1 });
    expect(range.statusCode).toBe(400);
    expect(fields(range)).toEqual(['body.value.resolution', 'body.value.response', 'body.value.satisfaction']);
    expect(fields(await put({ response: 30, resolution: 30, satisfaction: 40 }))).toEqual(['body.value.resolution', 'body.value.response', 'body.value.satisfaction']);
    // A missing part, an unknown one, or not numbers.
    expect((await put({ response: 0.6, resolution: 0.4 })).statusCode).toBe(400);
    expect((await put({ response: 0.3, resolution: 0.3, satisfaction: 0.4, speed: 0 })).statusCode).toBe(400);
    expect((await put({ response: '0.3', resolution: 0.3, satisfaction: 0.4 })).statusCode).toBe(400);
    expect(await db.deps.db.selectFrom('setting').selectAll().execute()).toEqual([]);

    const set = await put({ response: 0.4, resolution: 0.2, satisfaction: 0.4 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().value).toEqual({ response: 0.4, resolution: 0.2, satisfaction: 0.4 });
    expect(await entryAt(unit['nk']!)).toMatchObject({ type: 'weights', default: DEFAULT, value: { response: 0.4, resolution: 0.2, satisfaction: 0.4 }, source: 'own' });
    expect(await entryAt(unit['nk-ch-01']!)).toMatchObject({ value: { response: 0.4, resolution: 0.2, satisfaction: 0.4 }, source: 'inherited', from: { id: unit['nk'] } });
    expect((await asAdmin({ method: 'DELETE', url: `/api/settings?jurisdictionId=${unit['nk']}&key=appeal.dashboardWeights` })).statusCode).toBe(204);
    expect(await entryAt(unit['nk-ch-01']!)).toMatchObject({ value: DEFAULT, source: 'default' });
  });

  it('refuses unknown keys and bad values naming the field, and people without settings.manage', async () => {
    const unknown = await as(app, admin)({ method: 'PUT', url: '/api/settings', payload: { jurisdictionId: unit['nk-ch'], key: 'appeal.nonsense', value: 1 } });
    expect(unknown.json().error.details.issues[0].field).toBe('body.key');
    const bad = await as(app, admin)({ method: 'PUT', url: '/api/settings', payload: { jurisdictionId: unit['nk-ch'], key: 'appeal.feedback.general', value: { amount: -1, unit: 'fortnight' } } });
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['body.value.amount', 'body.value.unit']);
    const handler = await login(app, 'changhong.handler');
    expect((await as(app, handler)({ method: 'PUT', url: '/api/settings', payload: { jurisdictionId: unit['nk-ch'], key: 'appeal.maxReturns', value: 2 } })).statusCode).toBe(403);
    expect(await db.deps.db.selectFrom('setting').selectAll().execute()).toEqual([]);
  });
});
