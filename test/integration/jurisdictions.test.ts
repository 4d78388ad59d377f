// The jurisdiction tree: the demo district as seeded, and the administrator's edits to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';
import { as, type Session } from '../support/http.ts';
import { expectError, issueFields, jurisdictionIdOf, signIn, userIdOf } from '../support/spine.ts';

interface Summary { id: string; parentId: string | null; kind: string; code: string; nameZh: string; nameEn: string; centroid: [number, number] | null }

let db: TestDatabase;
let app: FastifyInstance;
let admin: Session;
let handler: Session;
let districtId: string;
let gulouId: string;

beforeAll(async () => {
  db = await openDemoDatabase();
  app = await buildApp(db.deps, { publicRateLimit: 10_000 });
  admin = await signIn(app, 'admin');
  handler = await signIn(app, 'gulou.handler');
  districtId = await jurisdictionIdOf(db, 'nk');
  gulouId = await jurisdictionIdOf(db, 'nk-gl');
});

afterAll(async () => {
  await app.close();
  await db.close();
});

async function tree(session: Session = admin): Promise<Summary[]> {
  const response = await as(app, session)({ method: 'GET', url: '/api/jurisdictions' });
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

const create = (body: Record<string, unknown>, session: Session = admin) => as(app, session)({ method: 'POST', url: '/api/jurisdictions', payload: body });

describe('the demo district', () => {
  it('has 12 streets and 165 communities under one district, with the seed\'s names', async () => {
    const items = await tree();
    const byId = new Map(items.map((j) => [j.id, j]));
    const districts = items.filter((j) => j.kind === 'district');
    expect(districts.map((d) => [d.nameZh, d.parentId])).toEqual([['南开区', null]]);
    const streets = items.filter((j) => j.kind === 'street');
    const communities = items.filter((j) => j.kind === 'community');
    expect(streets).toHaveLength(12);
    expect(communities).toHaveLength(165);
    expect(streets.every((s) => s.parentId === districts[0]!.id)).toBe(true);
    expect(communities.every((c) => byId.get(c.parentId!)?.kind === 'street')).toBe(true);
    expect(streets.map((s) => s.nameZh)).toEqual(expect.arrayContaining(['鼓楼街', '水上公园街', '嘉陵道街']));
    const streetOf = (community: string) => byId.get(communities.find((c) => c.nameZh === community)!.parentId!)!.nameZh;
    expect(streetOf('长华里社区')).toBe('长虹街');
    expect(streetOf('欣苑社区')).toBe('华苑街');
    expect(streetOf('嘉陵北里社区')).toBe('嘉陵道街');
    expect(streetOf('学湖里社区')).toBe('学府街');
    expect(new Set(communities.map((c) => c.nameZh)).size).toBe(165);
    // Parents come before their children.
    const seen = new Set<string>();
    for (const j of items) {
      if (j.parentId) expect(seen.has(j.parentId), `${j.code} before its parent`).toBe(true);
      seen.add(j.id);
    }
  });

  it('GET /api/jurisdictions/:id gives the polygon and the caller\'s abilities', async () => {
    const id = await jurisdictionIdOf(db, 'nk-ch-01');
    const response = await as(app, admin)({ method: 'GET', url: `/api/jurisdictions/${id}` });
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({ id, kind: 'community', code: 'nk-ch-01', nameZh: '长华里社区', abilities: { update: true, addChild: true } });
    expect(detail.polygon.length).toBeGreaterThanOrEqual(4);
    expect(detail.polygon[0]).toEqual(detail.polygon.at(-1));
    for (const [lng, lat] of detail.polygon) {
      expect(lng).toBeGreaterThan(117);
      expect(lng).toBeLessThan(117.3);
      expect(lat).toBeGreaterThan(39);
      expect(lat).toBeLessThan(39.2);
    }
    const seenByHandler = await as(app, handler)({ method: 'GET', url: `/api/jurisdictions/${id}` });
    expect(seenByHandler.json().abilities).toEqual({ update: false, addChild: false });
    expectError(await as(app, admin)({ method: 'GET', url: '/api/jurisdictions/0190a000-0000-7000-8000-000000000000' }), 404, 'not_found');
  });
});

describe('editing the tree', () => {
  it('an administrator adds a community under a street (201) and a grid cell under it', async () => {
    const community = await create({ parentId: gulouId, kind: 'community', code: 'nk-gl-99', nameZh: '新建社区', nameEn: 'New Community', centroid: [117.17, 39.14] });
    expect(community.statusCode).toBe(201);
    expect(community.json()).toMatchObject({ parentId: gulouId, kind: 'community', code: 'nk-gl-99', nameZh: '新建社区', centroid: [117.17, 39.14], polygon: null, abilities: { update: true } });
    const grid = await create({ parentId: community.json().id, kind: 'grid', code: 'nk-gl-99-g1', nameZh: '第一网格', nameEn: 'Grid 1' });
    expect(grid.statusCode).toBe(201);
    expect(grid.json().parentId).toBe(community.json().id);

    const items = await tree();
    expect(items.filter((j) => j.kind === 'community')).toHaveLength(166);
    expect(items.find((j) => j.code === 'nk-gl-99-g1')).toMatchObject({ kind: 'grid', parentId: community.json().id });
    // The new unit lies inside the street: the street handler now reads it.
    expect((await as(app, handler)({ method: 'GET', url: `/api/jurisdictions/${grid.json().id}` })).statusCode).toBe(200);
  });

  it('refuses a community directly under the district, naming body.kind', async () => {
    const response = await create({ parentId: districtId, kind: 'community', code: 'nk-orphan', nameZh: '无街社区', nameEn: 'Orphan' });
    expect(issueFields(expectError(response, 400, 'validation_failed'))).toEqual(['body.kind']);
    const grid = await create({ parentId: gulouId, kind: 'grid', code: 'nk-gl-grid', nameZh: '街道网格', nameEn: 'Street grid' });
    expect(issueFields(expectError(grid, 400, 'validation_failed'))).toEqual(['body.kind']);
    expect((await tree()).some((j) => j.code === 'nk-orphan' || j.code === 'nk-gl-grid')).toBe(false);
  });

  it('refuses a code that is already used (409)', async () => {
    const response = await create({ parentId: gulouId, kind: 'community', code: 'nk-ch-01', nameZh: '重复', nameEn: 'Duplicate' });
    expect(expectError(response, 409, 'conflict').details).toEqual({ field: 'body.code' });
    expect((await tree()).filter((j) => j.code === 'nk-ch-01').map((j) => j.nameZh)).toEqual(['长华里社区']);
  });

  it('PATCH renames a unit', async () => {
    const id = await jurisdictionIdOf(db, 'nk-gl-03');
    const response = await as(app, admin)({ method: 'PATCH', url: `/api/jurisdictions/${id}`, payload: { nameZh: '中营里社区（新）', nameEn: 'Zhongyingli (renamed)' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, nameZh: '中营里社区（新）', nameEn: 'Zhongyingli (renamed)', code: 'nk-gl-03', kind: 'community' });
    expect((await tree()).find((j) => j.id === id)).toMatchObject({ nameZh: '中营里社区（新）', nameEn: 'Zhongyingli (renamed)' });
    const clash = await as(app, admin)({ method: 'PATCH', url: `/api/jurisdictions/${id}`, payload: { code: 'nk-gl-01' } });
    expectError(clash, 409, 'conflict');
  });

  it('DELETE refuses a unit with sub-units or staff grants (409) and removes an empty one (204)', async () => {
    expect(expectError(await as(app, admin)({ method: 'DELETE', url: `/api/jurisdictions/${gulouId}` }), 409, 'conflict').details).toMatchObject({ children: expect.any(Number) });
    const withGrant = await jurisdictionIdOf(db, 'nk-hy-01'); // 欣苑社区: a community worker, no grid cells
    expect(expectError(await as(app, admin)({ method: 'DELETE', url: `/api/jurisdictions/${withGrant}` }), 409, 'conflict').details).toMatchObject({ children: 0, grants: 1 });
    expectError(await as(app, admin)({ method: 'DELETE', url: `/api/jurisdictions/${districtId}` }), 409, 'conflict');

    const street = await create({ parentId: districtId, kind: 'street', code: 'nk-temp', nameZh: '临时街', nameEn: 'Temporary Street' });
    const community = await create({ parentId: street.json().id, kind: 'community', code: 'nk-temp-01', nameZh: '临时社区', nameEn: 'Temporary Community' });
    expect(expectError(await as(app, admin)({ method: 'DELETE', url: `/api/jurisdictions/${street.json().id}` }), 409, 'conflict').details).toMatchObject({ children: 1 });
    const removed = await as(app, admin)({ method: 'DELETE', url: `/api/jurisdictions/${community.json().id}` });
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expectError(await as(app, admin)({ method: 'GET', url: `/api/jurisdictions/${community.json().id}` }), 404, 'not_found');
    expect((await as(app, admin)({ method: 'DELETE', url: `/api/jurisdictions/${street.json().id}` })).statusCode).toBe(204);
    expect((await tree()).some((j) => j.code.startsWith('nk-temp'))).toBe(false);
    for (const id of [gulouId, withGrant, districtId]) expect((await as(app, admin)({ method: 'GET', url: `/api/jurisdictions/${id}` })).statusCode).toBe(200);
  });

  it('DELETE of a community where residents live is refused with 409, not a server error', async () => {
    // 七里台新村社区 has one demo resident, no grid cells, no staff and no cases.
    const id = await jurisdictionIdOf(db, 'nk-xf-03');
    const response = await as(app, admin)({ method: 'DELETE', url: `/api/jurisdictions/${id}` });
    expectError(response, 409, 'conflict');
    expect((await as(app, admin)({ method: 'GET', url: `/api/jurisdictions/${id}` })).statusCode).toBe(200);
  });

  it('a street handler, who lacks jurisdiction.manage, gets 403 on every edit', async () => {
    const communityId = await jurisdictionIdOf(db, 'nk-gl-02');
    const attempts = [
      await create({ parentId: gulouId, kind: 'community', code: 'nk-gl-98', nameZh: '越权社区', nameEn: 'Not allowed' }, handler),
      await as(app, handler)({ method: 'PATCH', url: `/api/jurisdictions/${communityId}`, payload: { nameZh: '改名' } }),
      await as(app, handler)({ method: 'DELETE', url: `/api/jurisdictions/${communityId}` }),
    ];
    for (const response of attempts) expect(expectError(response, 403, 'forbidden').details).toEqual({ permission: 'jurisdiction.manage' });
    const items = await tree(handler);
    expect(items.some((j) => j.code === 'nk-gl-98')).toBe(false);
    expect(items.find((j) => j.id === communityId)!.nameZh).toBe('东门里社区');
  });

  it('each edit writes an audit row carrying the request id of the response', async () => {
    const response = await create({ parentId: gulouId, kind: 'community', code: 'nk-gl-97', nameZh: '审计社区', nameEn: 'Audited Community' });
    expect(response.statusCode).toBe(201);
    const row = await db.deps.db.selectFrom('auditLog').selectAll().where('action', '=', 'jurisdiction.create').where('objectId', '=', response.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actorId: await userIdOf(db, 'admin'), actorLabel: 'admin', result: 'ok' });
    expect(row.requestId).toBe(response.headers['x-request-id']);
  });
});
