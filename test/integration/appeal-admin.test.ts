// Administrators shape intake: the category tree and routing rules take effect on the next appeal.
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
  for (const code of ['nk-ch-01', 'nk-ch', 'nk-dept-urban', 'nk-gl-01']) {
    unit[code] = (await db.deps.db.selectFrom('jurisdiction').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  }
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const submit = (categoryCode: string, communityCode: string) => app.inject({
  method: 'POST', url: '/api/appeals',
  payload: { categoryCode, description: '小区门口有车辆长期乱停，影响通行', location: { communityId: unit[communityCode] }, contact: { phone: '19900066666' } },
});

describe('category and routing administration', () => {
  it('a routing rule sends a category in an area to the unit it names; elsewhere the category level applies', async () => {
    const rule = await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/routing-rules', payload: { categoryCode: 'parking', areaId: unit['nk-ch'], targetUnitId: unit['nk-dept-urban'], note: '长虹街停车交城管' } });
    expect(rule.statusCode).toBe(201);
    expect((await submit('parking', 'nk-ch-01')).json().handlingUnitId).toBe(unit['nk-dept-urban']);
    const elsewhere = await submit('parking', 'nk-gl-01');
    const gulou = await db.deps.db.selectFrom('jurisdiction').select('id').where('code', '=', 'nk-gl').executeTakeFirstOrThrow();
    expect(elsewhere.json().handlingUnitId).toBe(gulou.id);
    const list = await as(app, admin)({ method: 'GET', url: '/api/appeals/admin/routing-rules' });
    expect(list.json().items).toEqual([expect.objectContaining({ categoryCode: 'parking', areaNameZh: '长虹街', targetNameZh: expect.stringContaining('城市管理') })]);
    expect((await as(app, admin)({ method: 'DELETE', url: `/api/appeals/admin/routing-rules/${rule.json().id}` })).statusCode).toBe(204);
    expect((await submit('parking', 'nk-ch-01')).json().handlingUnitId).toBe(unit['nk-ch']);
  });

  it('changing a category\'s SLA class changes the clocks of new appeals', async () => {
    const patch = await as(app, admin)({ method: 'PATCH', url: '/api/appeals/admin/categories/parking', payload: { slaClass: 'complex', keywords: ['乱停', '占道'] } });
    expect(patch.statusCode).toBe(200);
    const submitted = await submit('parking', 'nk-gl-01');
    const row = await db.deps.db.selectFrom('case').select('data').where('id', '=', submitted.json().id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.data).slaClass).toBe('complex');
    const tree = await as(app, admin)({ method: 'GET', url: '/api/appeals/admin/categories' });
    expect(tree.json().items.find((c: { code: string }) => c.code === 'parking')).toMatchObject({ slaClass: 'complex', keywords: ['乱停', '占道'], active: true });
  });

  it('adds a category under a group and hides a deactivated one from residents', async () => {
    const created = await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/categories', payload: { code: 'pets', parentCode: 'community-life', nameZh: '宠物扰民', nameEn: 'Pets', slaClass: 'general', level: 'community', keywords: ['狗', '宠物'] } });
    expect(created.statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/api/appeals/categories' })).json().items.map((c: { code: string }) => c.code)).toContain('pets');
    await as(app, admin)({ method: 'PATCH', url: '/api/appeals/admin/categories/pets', payload: { active: false } });
    expect((await app.inject({ method: 'GET', url: '/api/appeals/categories' })).json().items.map((c: { code: string }) => c.code)).not.toContain('pets');
    expect((await submit('pets', 'nk-ch-01')).statusCode).toBe(400);
  });

  it('refuses bad input naming the field, and staff other than district administrators', async () => {
    const dup = await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/categories', payload: { code: 'noise', parentCode: 'community-life', nameZh: 'x', nameEn: 'x', slaClass: 'general', level: 'community' } });
    expect(dup.statusCode).toBe(409);
    const badParent = await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/categories', payload: { code: 'x-1', parentCode: 'noise', nameZh: 'x', nameEn: 'x', slaClass: 'general', level: 'community' } });
    expect(badParent.json().error.details.issues[0].field).toBe('body.parentCode');
    const noDept = await as(app, admin)({ method: 'PATCH', url: '/api/appeals/admin/categories/noise', payload: { level: 'department' } });
    expect(noDept.json().error.details.issues[0].field).toBe('body.departmentCode');
    const badRule = await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/routing-rules', payload: { categoryCode: 'community-life', areaId: unit['nk-dept-urban'], targetUnitId: unit['nk-ch'] } });
    expect(badRule.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual(['body.categoryCode', 'body.areaId']);
    const handler = await login(app, 'gulou.handler');
    expect((await as(app, handler)({ method: 'GET', url: '/api/appeals/admin/categories' })).statusCode).toBe(403);
    const noClass = await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/categories', payload: { code: 'x-2', parentCode: 'community-life', nameZh: 'x', nameEn: 'x' } });
    expect(noClass.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual(['body.slaClass', 'body.level']);
  });

  it('refuses a second rule for the same category and area, and rules for categories not in use', async () => {
    const first = await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/routing-rules', payload: { categoryCode: 'noise', areaId: unit['nk-ch'], targetUnitId: unit['nk-dept-urban'] } });
    expect(first.statusCode).toBe(201);
    const second = await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/routing-rules', payload: { categoryCode: 'noise', areaId: unit['nk-ch'], targetUnitId: unit['nk-ch'] } });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details).toMatchObject({ field: 'body.areaId', ruleId: first.json().id });
    await as(app, admin)({ method: 'DELETE', url: `/api/appeals/admin/routing-rules/${first.json().id}` });
    await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/categories', payload: { code: 'retired', parentCode: 'community-life', nameZh: '停用', nameEn: 'Retired', slaClass: 'general', level: 'community', active: false } });
    const inactive = await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/routing-rules', payload: { categoryCode: 'retired', areaId: unit['nk-ch'], targetUnitId: unit['nk-ch'] } });
    expect(inactive.statusCode).toBe(400);
    expect(inactive.json().error.details.issues[0].field).toBe('body.categoryCode');
  });

  it('keeps one rule when two administrators add the same one at the same instant', async () => {
    const add = () => as(app, admin)({ method: 'POST', url: '/api/appeals/admin/routing-rules', payload: { categoryCode: 'sanitation', areaId: unit['nk-ch'], targetUnitId: unit['nk-dept-urban'] } });
    const answers = await Promise.all([add(), add(), add()]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    for (const refused of answers.filter((a) => a.statusCode === 409)) expect(refused.json().error.code).toBe('conflict');
    const rules = (await as(app, admin)({ method: 'GET', url: '/api/appeals/admin/routing-rules' })).json() as { items: Array<{ categoryCode: string; areaId: string; id: string }> };
    const sanitation = rules.items.filter((r) => r.categoryCode === 'sanitation' && r.areaId === unit['nk-ch']);
    expect(sanitation).toHaveLength(1);
    await as(app, admin)({ method: 'DELETE', url: `/api/appeals/admin/routing-rules/${sanitation[0]!.id}` });
  });

  it('a group needs no SLA class nor level; deactivating it hides its categories from residents and refuses them at intake', async () => {
    const group = await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/categories', payload: { code: 'seasonal', parentCode: null, nameZh: '季节性问题', nameEn: 'Seasonal' } });
    expect(group.statusCode).toBe(201);
    const leaf = await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/categories', payload: { code: 'snow', parentCode: 'seasonal', nameZh: '积雪未清', nameEn: 'Snow', slaClass: 'general', level: 'community' } });
    expect(leaf.statusCode).toBe(201);
    const codes = async () => (await app.inject({ method: 'GET', url: '/api/appeals/categories' })).json().items.map((c: { code: string }) => c.code);
    expect(await codes()).toEqual(expect.arrayContaining(['seasonal', 'snow']));
    expect((await as(app, admin)({ method: 'PATCH', url: '/api/appeals/admin/categories/seasonal', payload: { active: false } })).statusCode).toBe(200);
    expect(await codes()).not.toContain('seasonal');
    expect(await codes()).not.toContain('snow');
    expect((await submit('snow', 'nk-ch-01')).statusCode).toBe(400);
    const rule = await as(app, admin)({ method: 'POST', url: '/api/appeals/admin/routing-rules', payload: { categoryCode: 'snow', areaId: unit['nk-ch'], targetUnitId: unit['nk-ch'] } });
    expect(rule.json().error.details.issues[0].field).toBe('body.categoryCode');
  });
});
