// The three access checks of DESIGN.md principle 5 on real databases: jurisdiction subtree,
// residents' own matters, API-token scopes. "Not found" when the case is out of reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { openCase } from '../../src/server/core/cases/case.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';
import { as, login, type Session } from '../support/http.ts';
import { ticketModule } from '../support/ticket-module.ts';

let db: TestDatabase;
let app: FastifyInstance;
const ids: Record<string, string> = {};
let caseAtChanghuali: string;
let caseAtGulou: string;
let residentCase: string;

async function jurisdictionId(code: string) {
  const row = await db.deps.db.selectFrom('jurisdiction').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  db = await openDemoDatabase({ modules: [ticketModule] });
  app = await buildApp(db.deps, { publicRateLimit: 10_000 });
  for (const code of ['nk-ch-01', 'nk-gl-01', 'nk-ch', 'nk-gl']) ids[code] = await jurisdictionId(code);
  const system = systemActor(db.deps.tenantId);
  const open = (title: string, code: string, requesterUserId: string | null = null) =>
    openCase(db.deps, system, 'ticket', { type: 'open', title, jurisdictionId: ids[code]!, requesterUserId, requesterPersonId: null } as never, null);
  caseAtChanghuali = (await open('长华里楼道灯坏了', 'nk-ch-01')).id;
  caseAtGulou = (await open('鼓楼街某小区噪音', 'nk-gl-01')).id;
  const resident = await db.deps.db.selectFrom('appUser').select('id').where('kind', '=', 'resident').executeTakeFirstOrThrow();
  ids.resident = resident.id;
  residentCase = (await open('我家门口道路破损', 'nk-ch-01', resident.id)).id;
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('jurisdiction scope', () => {
  it('a community worker reads cases of their community and gets "not found" for another community', async () => {
    const worker = await login(app, 'changhuali.worker');
    const own = await as(app, worker)({ method: 'GET', url: `/api/cases/${caseAtChanghuali}` });
    expect(own.statusCode).toBe(200);
    expect(own.json().case.title).toBe('长华里楼道灯坏了');
    const other = await as(app, worker)({ method: 'GET', url: `/api/cases/${caseAtGulou}` });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
    const list = await as(app, worker)({ method: 'GET', url: '/api/cases' });
    expect(list.json().items.map((c: { id: string }) => c.id).sort()).toEqual([caseAtChanghuali, residentCase].sort());
  });

  it('a street handler acts on cases of communities in its street, not of another street', async () => {
    const handler: Session = await login(app, 'changhong.handler');
    const act = await as(app, handler)({ method: 'POST', url: `/api/cases/${caseAtChanghuali}/commands`, payload: { type: 'sign_for' } });
    expect(act.statusCode).toBe(200);
    expect(act.json().case.state).toBe('handling');
    expect(act.json().abilities).toContain('close');
    const foreign = await as(app, handler)({ method: 'POST', url: `/api/cases/${caseAtGulou}/commands`, payload: { type: 'sign_for' } });
    expect(foreign.statusCode).toBe(404);
    const unchanged = await db.deps.db.selectFrom('case').select(['state', 'version']).where('id', '=', caseAtGulou).executeTakeFirstOrThrow();
    expect(unchanged).toEqual({ state: 'registered', version: 1 });
  });

  it('a leader sees the whole district but holds no case.act, so cannot act', async () => {
    const leader = await login(app, 'leader');
    expect((await as(app, leader)({ method: 'GET', url: `/api/cases/${caseAtGulou}` })).statusCode).toBe(200);
    const act = await as(app, leader)({ method: 'POST', url: `/api/cases/${caseAtGulou}/commands`, payload: { type: 'sign_for' } });
    expect(act.statusCode).toBe(403);
    expect(act.json().error.details.permission).toBe('case.act');
  });

  it('an administrator, who has no case permission, is refused the cases (403, the route check comes first)', async () => {
    const admin = await login(app, 'admin');
    const one = await as(app, admin)({ method: 'GET', url: `/api/cases/${caseAtGulou}` });
    expect(one.statusCode).toBe(403);
    expect(one.json().error.details.permission).toBe('case.read');
    expect((await as(app, admin)({ method: 'GET', url: '/api/cases' })).statusCode).toBe(403);
    expect((await as(app, admin)({ method: 'POST', url: `/api/cases/${caseAtGulou}/commands`, payload: { type: 'note', text: '管理员' } })).statusCode).toBe(403);
  });
});

describe('API tokens', () => {
  it('cannot exceed their scopes, nor be made with permissions the holder lacks', async () => {
    const handler = await login(app, 'gulou.handler');
    const refused = await as(app, handler)({ method: 'POST', url: '/api/tokens', payload: { name: 'too wide', scopes: ['case.read', 'user.manage'] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.issues[0].field).toBe('body.scopes.1');

    const created = await as(app, handler)({ method: 'POST', url: '/api/tokens', payload: { name: '只读', scopes: ['case.read'] } });
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    const read = await app.inject({ method: 'GET', url: `/api/cases/${caseAtGulou}`, headers: bearer });
    expect(read.statusCode).toBe(200);
    expect(read.json().abilities).toEqual([]);
    const act = await app.inject({ method: 'POST', url: `/api/cases/${caseAtGulou}/commands`, headers: bearer, payload: { type: 'sign_for' } });
    expect(act.statusCode).toBe(403);
    // Still bound to the holder's street.
    expect((await app.inject({ method: 'GET', url: `/api/cases/${caseAtChanghuali}`, headers: bearer })).statusCode).toBe(404);

    await as(app, handler)({ method: 'DELETE', url: `/api/tokens/${created.json().id}` });
    expect((await app.inject({ method: 'GET', url: `/api/cases/${caseAtGulou}`, headers: bearer })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/cases', headers: { authorization: 'Bearer ms_nonsense' } })).statusCode).toBe(401);
  });
});

describe('residents', () => {
  it('see only their own matters, with public steps only', async () => {
    const { cipher } = db.deps;
    const person = await db.deps.db.selectFrom('appUser').innerJoin('person', 'person.id', 'appUser.personId').select(['person.phoneEnc'])
      .where('appUser.id', '=', ids.resident!).executeTakeFirstOrThrow();
    const phone = cipher.decrypt(person.phoneEnc!);
    await app.inject({ method: 'POST', url: '/api/auth/resident/code', payload: { contact: phone } });
    const message = await db.deps.db.selectFrom('outbox').select('payload').orderBy('createdAt', 'desc').executeTakeFirstOrThrow();
    const code = (JSON.parse(cipher.decrypt(message.payload)) as { params: { code: string } }).params.code;
    const verified = await app.inject({ method: 'POST', url: '/api/auth/resident/verify', payload: { contact: phone, code } });
    expect(verified.statusCode).toBe(200);
    const session: Session = { cookie: `ms_session=${verified.cookies.find((c) => c.name === 'ms_session')!.value}`, csrfToken: verified.json().csrfToken, user: verified.json().user };

    const mine = await as(app, session)({ method: 'GET', url: '/api/cases' });
    expect(mine.json().items.map((c: { id: string }) => c.id)).toEqual([residentCase]);
    expect((await as(app, session)({ method: 'GET', url: `/api/cases/${caseAtGulou}` })).statusCode).toBe(404);
    const detail = await as(app, session)({ method: 'GET', url: `/api/cases/${residentCase}` });
    expect(detail.json().abilities).toEqual(['withdraw']);
    // Residents cannot use staff commands on their own case.
    expect((await as(app, session)({ method: 'POST', url: `/api/cases/${residentCase}/commands`, payload: { type: 'sign_for' } })).statusCode).toBe(403);
    const withdrawn = await as(app, session)({ method: 'POST', url: `/api/cases/${residentCase}/commands`, payload: { type: 'withdraw' } });
    expect(withdrawn.json().case.state).toBe('withdrawn');
  });

  it('anonymous callers get 401 on case routes', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/cases' })).statusCode).toBe(401);
  });
});
