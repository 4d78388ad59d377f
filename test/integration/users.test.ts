// Staff accounts and their roles, as the administrator manages them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { DEMO_STAFF } from '../../src/server/core/jurisdictions/demo-district.data.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';
import { as, type Session } from '../support/http.ts';
import { expectError, freshAddress, issueFields, jurisdictionIdOf, signIn, userIdOf } from '../support/spine.ts';

interface StaffItem { id: string; username: string; displayName: string; active: boolean; locked: boolean; grants: Array<{ id: string; role: string; jurisdictionId: string; jurisdictionNameZh: string }> }

let db: TestDatabase;
let app: FastifyInstance;
let admin: Session;
const unit: Record<string, string> = {};
const PASSWORD = 'Correct-horse-42';

beforeAll(async () => {
  db = await openDemoDatabase();
  app = await buildApp(db.deps, { publicRateLimit: 10_000 });
  admin = await signIn(app, 'admin');
  for (const code of ['nk', 'nk-gl', 'nk-gl-01', 'nk-ch-01']) unit[code] = await jurisdictionIdOf(db, code);
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const api = (options: Parameters<ReturnType<typeof as>>[0], session: Session = admin) => as(app, session)(options);
const tryLogin = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: freshAddress() });

async function createUser(username: string, grants: Array<{ role: string; jurisdictionId: string }>, displayName = `测试${username}`) {
  const response = await api({ method: 'POST', url: '/api/users', payload: { username, displayName, password: PASSWORD, grants } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as StaffItem;
}

describe('listing staff', () => {
  it('pages through every staff account, ordered by username', async () => {
    const first = await api({ method: 'GET', url: '/api/users?page=1&pageSize=10' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ total: DEMO_STAFF.length, page: 1, pageSize: 10 });
    const second = await api({ method: 'GET', url: '/api/users?page=2&pageSize=10' });
    const names = [...first.json().items, ...second.json().items].map((u: StaffItem) => u.username);
    expect(names).toEqual([...DEMO_STAFF.map((s) => s.username)].sort().slice(0, 20));
    const last = await api({ method: 'GET', url: `/api/users?page=${Math.ceil(DEMO_STAFF.length / 10)}&pageSize=10` });
    expect(last.json().items).toHaveLength(DEMO_STAFF.length % 10 || 10);
    const worker = (await api({ method: 'GET', url: '/api/users?q=changhuali.worker' })).json().items as StaffItem[];
    expect(worker.map((u) => u.username)).toEqual(['changhuali.worker']);
    expect(worker[0]!.grants).toEqual([expect.objectContaining({ role: 'community_worker', jurisdictionId: unit['nk-ch-01'], jurisdictionNameZh: '长华里社区' })]);
  });

  it('searches by username or display name with q', async () => {
    const byName = await api({ method: 'GET', url: '/api/users?q=gulou' });
    const expected = DEMO_STAFF.filter((s) => s.username.includes('gulou') || s.displayName.includes('gulou')).map((s) => s.username).sort();
    expect(expected.length).toBeGreaterThan(2);
    expect(byName.json().items.map((u: StaffItem) => u.username)).toEqual(expected);
    expect(byName.json().total).toBe(expected.length);

    const changhuali = DEMO_STAFF.find((s) => s.username === 'changhuali.worker')!;
    const display = changhuali.displayName.slice(0, 3);
    const byDisplay = await api({ method: 'GET', url: `/api/users?q=${encodeURIComponent(display)}` });
    expect(byDisplay.json().items.map((u: StaffItem) => u.username)).toContain('changhuali.worker');
    expect(byDisplay.json().items.every((u: StaffItem) => u.username.includes(display) || u.displayName.includes(display))).toBe(true);
    expect((await api({ method: 'GET', url: '/api/users?q=no-such-person' })).json()).toMatchObject({ total: 0, items: [] });
  });

  it('is not open to a community worker (403)', async () => {
    const worker = await signIn(app, 'gulou.worker');
    expect(expectError(await api({ method: 'GET', url: '/api/users' }, worker), 403, 'forbidden').details).toEqual({ permission: 'user.read' });
  });
});

describe('creating accounts', () => {
  it('creates a user with grants, who can then sign in with the role\'s permissions', async () => {
    const created = await createUser('new.worker', [{ role: 'community_worker', jurisdictionId: unit['nk-gl-01']! }], '新社工');
    expect(created).toMatchObject({ username: 'new.worker', displayName: '新社工', active: true, locked: false, abilities: { update: true } });
    expect(created.grants).toEqual([expect.objectContaining({ role: 'community_worker', jurisdictionId: unit['nk-gl-01'] })]);
    expect(JSON.stringify(created)).not.toContain(PASSWORD);

    const session = await signIn(app, 'new.worker', PASSWORD);
    expect(session.user.permissions).toEqual(expect.arrayContaining(['case.act', 'person.reveal', 'calendar.read']));
    expect(session.user.permissions).not.toContain('user.manage');
    expect(session.user.grants).toEqual([expect.objectContaining({ role: 'community_worker', jurisdictionId: unit['nk-gl-01'] })]);
    expect((await api({ method: 'GET', url: '/api/users?q=new.worker' })).json().total).toBe(1);
  });

  it.each([
    ['an invalid username', () => ({ username: 'Bad Name' }), ['body.username']],
    ['a short password', () => ({ password: 'short' }), ['body.password']],
    ['an unknown role', () => ({ grants: [{ role: 'wizard', jurisdictionId: unit.nk }] }), ['body.grants.0.role']],
    ['an unknown jurisdiction', () => ({ grants: [{ role: 'admin', jurisdictionId: '0190a000-0000-7000-8000-000000000000' }] }), ['body.grants.0.jurisdictionId']],
    ['no role at all', () => ({ grants: [] }), ['body.grants']],
    ['several faults at once', () => ({ username: 'x', password: 'short', grants: [{ role: 'wizard', jurisdictionId: 'nope' }] }),
      ['body.username', 'body.password', 'body.grants.0.role', 'body.grants.0.jurisdictionId']],
  ])('refuses %s with 400 naming the field, creating nothing', async (_what, change, fields) => {
    const before = (await api({ method: 'GET', url: '/api/users?pageSize=1' })).json().total;
    const payload = { username: 'valid.name', displayName: '有效', password: PASSWORD, grants: [{ role: 'auditor', jurisdictionId: unit.nk }], ...change() };
    const error = expectError(await api({ method: 'POST', url: '/api/users', payload }), 400, 'validation_failed');
    expect(issueFields(error).sort()).toEqual([...fields].sort());
    expect((await api({ method: 'GET', url: '/api/users?pageSize=1' })).json().total).toBe(before);
    expectError(await tryLogin('valid.name', PASSWORD), 401);
  });

  it('refuses a username that is taken (409)', async () => {
    const response = await api({ method: 'POST', url: '/api/users', payload: { username: 'gulou.handler', displayName: '重名', password: PASSWORD, grants: [{ role: 'admin', jurisdictionId: unit.nk }] } });
    expect(expectError(response, 409, 'conflict').details).toEqual({ field: 'body.username' });
    // The existing account keeps its password and role.
    const handler = await signIn(app, 'gulou.handler');
    expect(handler.user.permissions).not.toContain('user.manage');
    expectError(await tryLogin('gulou.handler', PASSWORD), 401);
  });
});

describe('managing accounts', () => {
  it('deactivating a user ends their sessions and blocks sign-in; reactivating lets them back', async () => {
    const user = await createUser('leaving.worker', [{ role: 'grid_worker', jurisdictionId: unit['nk-gl-01']! }]);
    const session = await signIn(app, 'leaving.worker', PASSWORD);
    expect((await api({ method: 'GET', url: '/api/auth/me' }, session)).statusCode).toBe(200);

    const off = await api({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { active: false } });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expectError(await api({ method: 'GET', url: '/api/auth/me' }, session), 401, 'unauthenticated');
    expect(expectError(await tryLogin('leaving.worker', PASSWORD), 401).message).toBe('Wrong username or password');
    expect((await db.deps.db.selectFrom('session').select('id').where('userId', '=', user.id).execute())).toEqual([]);

    expect((await api({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { active: true } })).json().active).toBe(true);
    expect((await tryLogin('leaving.worker', PASSWORD)).statusCode).toBe(200);
  });

  it('unlocks a locked account at once', async () => {
    const id = await userIdOf(db, 'tiantali.worker');
    for (let i = 0; i < 5; i++) await tryLogin('tiantali.worker', 'wrong');
    expectError(await tryLogin('tiantali.worker', 'Minsheng#2026'), 423, 'account_locked');
    expect((await api({ method: 'GET', url: `/api/users/${id}` })).json().locked).toBe(true);
    const unlocked = await api({ method: 'PATCH', url: `/api/users/${id}`, payload: { unlock: true } });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().locked).toBe(false);
    expect((await tryLogin('tiantali.worker', 'Minsheng#2026')).statusCode).toBe(200);
  });

  it('adds and removes a grant; the user\'s permissions follow, even in an open session', async () => {
    const user = await createUser('growing.worker', [{ role: 'community_worker', jurisdictionId: unit['nk-gl-01']! }]);
    const session = await signIn(app, 'growing.worker', PASSWORD);
    expect(session.user.permissions).not.toContain('case.dispatch');

    const added = await api({ method: 'POST', url: `/api/users/${user.id}/grants`, payload: { role: 'street_handler', jurisdictionId: unit['nk-gl'] } });
    expect(added.statusCode).toBe(200);
    expect(added.json().grants.map((g: { role: string }) => g.role).sort()).toEqual(['community_worker', 'street_handler']);
    expect((await api({ method: 'GET', url: '/api/auth/me' }, session)).json().user.permissions).toContain('case.dispatch');
    expectError(await api({ method: 'POST', url: `/api/users/${user.id}/grants`, payload: { role: 'street_handler', jurisdictionId: unit['nk-gl'] } }), 409, 'conflict');

    const grant = added.json().grants.find((g: { role: string }) => g.role === 'street_handler');
    const removed = await api({ method: 'DELETE', url: `/api/users/${user.id}/grants/${grant.id}` });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().grants.map((g: { role: string }) => g.role)).toEqual(['community_worker']);
    expect((await api({ method: 'GET', url: '/api/auth/me' }, session)).json().user.permissions).not.toContain('case.dispatch');
    expectError(await api({ method: 'DELETE', url: `/api/users/${user.id}/grants/${grant.id}` }), 404, 'not_found');
  });

  it('taking away a user\'s only role leaves the account within the administrator\'s reach', async () => {
    const user = await createUser('single.role', [{ role: 'grid_worker', jurisdictionId: unit['nk-ch-01']! }]);
    const removed = await api({ method: 'DELETE', url: `/api/users/${user.id}/grants/${user.grants[0]!.id}` });
    // Either refused (the account needs a role, as on creation) or done; never "not found" for a change that was made.
    expect([200, 400, 409], removed.body).toContain(removed.statusCode);
    const detail = await api({ method: 'GET', url: `/api/users/${user.id}` });
    expect(detail.statusCode, detail.body).toBe(200);
    // So the administrator can still deactivate it.
    expect((await api({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { active: false } })).statusCode).toBe(200);
  });

  it('a user cannot deactivate themselves', async () => {
    const adminId = await userIdOf(db, 'admin');
    const response = await api({ method: 'PATCH', url: `/api/users/${adminId}`, payload: { active: false } });
    expect(issueFields(expectError(response, 400, 'validation_failed'))).toEqual(['body.active']);
    expect((await api({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await api({ method: 'GET', url: `/api/users/${adminId}` })).json().active).toBe(true);
  });

  it('each change is audited with the administrator as actor', async () => {
    const user = await createUser('audited.user', [{ role: 'auditor', jurisdictionId: unit.nk! }]);
    const patched = await api({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { displayName: '改过名' } });
    const rows = await db.deps.db.selectFrom('auditLog').selectAll().where('objectId', '=', user.id).orderBy('seq').execute();
    expect(rows.map((r) => [r.action, r.actorLabel, r.result])).toEqual([['user.create', 'admin', 'ok'], ['user.update', 'admin', 'ok']]);
    expect(rows[1]!.requestId).toBe(patched.headers['x-request-id']);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });
});
