// Authorization matrix (issue 5, item 5): every route of the OpenAPI document of buildApp × who is asking,
// against the explicit table below. DESIGN.md principle 5: the route permission (also the API-token scope)
// answers 401/403; the set-based check of the jurisdiction subtree, assignment or party role answers 404, so
// that existence does not leak; the module's policy answers 403 on a case the actor can see.
//
// A route in the OpenAPI document that is not in MATRIX (and REQUESTS) fails the test until it is placed: the core's
// routes below, a case module's in its own src/modules/<kind>/test/<kind>.authorization.ts (collected with vitest's
// import.meta.glob; the vocabulary is test/support/authorization-matrix.ts), so that removing a module removes its
// rows. The world's case A is still an appeal (raised through POST /api/appeals below), so the core rows on cases,
// people and attachments need the appeal module.
//
// The relations, on the demo district (南开区):
//   appeal A     a noise appeal raised by the signed-in resident "owner" in 长华里社区 (nk-ch-01, 长虹街), handled by
//                that community, with a photo; its requester is the owner's person record
//   owner        the resident who raised A          other     another resident
//   wOwn         changhuali.worker  (community nk-ch-01: A's own unit)
//   wSib         ganjiangli.worker  (community nk-ch-02: a sibling in the same street)
//   wOth         gulou.worker       (community nk-gl-01: another street)
//   sOwn         changhong.handler  (street nk-ch: the parent of A's unit)
//   sOth         gulou.handler      (street nk-gl: another street)
//   dept         housing.handler    (district department: not concerned by A)
//   disp         dispatcher (district)   lead  leader (district)   admin  admin   audit  auditor
//   tokIn        an API token of the row's holder (default changhong.handler) with all the holder's permissions
//   tokOut       a token of the same holder whose scopes leave out the route's permission
//
// Cells: an HTTP status; L+ / L- a 200 list that does / does not contain A or the row's subject (nor any secret); I+ / I3 / I4 a 200
// bulk answer whose item succeeded / was refused (forbidden) / was not found. Every 401/403/404 is checked
// for the error shape and for not naming A, its text, its tracking code or the owner's phone.
//
// Cells marked in NOTES are where the code answers otherwise today (see the report of issue 5).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { openDemoDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-deps.ts';
import type { Session } from '../support/http.ts';
import { freshAddress, jurisdictionIdOf, residentSignIn, signIn, userIdOf } from '../support/spine.ts';
import { appOpenApiDocument, documentOf, routesOf } from '../support/openapi-routes.ts';
import { ALL, row, tinyPng, WHO, type Build, type Cell, type Credentials, type MatrixContribution, type MatrixWorld, type Request, type Row, type Who } from '../support/authorization-matrix.ts';

const STAFF: Record<Exclude<Who, 'anon' | 'owner' | 'other' | 'tokIn' | 'tokOut'>, string> = {
  wOwn: 'changhuali.worker', wSib: 'ganjiangli.worker', wOth: 'gulou.worker', sOwn: 'changhong.handler', sOth: 'gulou.handler',
  dept: 'housing.handler', disp: 'dispatcher', lead: 'leader', admin: 'admin', audit: 'auditor',
};


// ---- the matrix: route → who → expected ----------------------------------------------------------
/* eslint-disable no-multi-spaces */
const CORE_MATRIX: Record<string, Row> = {
  //                                                    anon  owner other wOwn  wSib  wOth  sOwn  sOth  dept  disp  lead  admin audit tokIn tokOut
  // Public, or anyone signed in
  'GET /health':                                   ALL('200'),
  'GET /ready':                                    ALL('200'),
  'POST /api/auth/login':                          ALL('200'),
  'POST /api/auth/resident/code':                  ALL('200'),
  'POST /api/auth/resident/verify':                ALL('200'),
  'POST /api/auth/logout':                     row('401   204   204   204   204   204   204   204   204   204   204   204   204   204   204'),
  'GET /api/auth/me':                          row('401   200   200   200   200   200   200   200   200   200   200   200   200   200   200'),
  'GET /api/me/data-access':                   row('401   200   200   200   200   200   200   200   200   200   200   200   200   200   200'),
  // token.manage: every staff member, for their own tokens
  'GET /api/tokens':                           row('401   403   403   200   200   200   200   200   200   200   200   200   200   200   403'),
  'POST /api/tokens':                          row('401   403   403   201   201   201   201   201   201   201   201   201   201   201   403'),
  'DELETE /api/tokens/{id}':                   row('401   403   403   204   204   204   204   204   204   204   204   204   204   204   403'),
  // user.read (admin, auditor) and user.manage (admin)
  'GET /api/users':                            row('401   403   403   403   403   403   403   403   403   403   403   200   200   200   403', { holder: 'admin' }),
  'POST /api/users':                           row('401   403   403   403   403   403   403   403   403   403   403   201   403   201   403', { holder: 'admin' }),
  'GET /api/users/{id}':                       row('401   403   403   403   403   403   403   403   403   403   403   200   200   200   403', { holder: 'admin' }),
  'PATCH /api/users/{id}':                     row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
  'POST /api/users/{id}/grants':               row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
  'DELETE /api/users/{id}/grants/{grantId}':   row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
  // person.read / person.reveal within reach: the owner asked something of 长华里 (A)
  'GET /api/people/{id}':                      row('401   403   403   200   404   404   200   404   404   200   200   403   403   200   403'),
  'POST /api/people/{id}/reveal':              row('401   403   403   200   404   404   200   404   404   200   403   403   403   200   403'),
  // jurisdiction.read (all staff) and jurisdiction.manage (admin)
  // the district's public geography (streets and communities with outlines) for the portal's maps
  'GET /api/places':                           ALL('200'),
  'GET /api/jurisdictions':                    row('401   403   403   200   200   200   200   200   200   200   200   200   200   200   403', { holder: 'admin' }),
  'GET /api/jurisdictions/{id}':               row('401   403   403   200   200   200   200   200   200   200   200   200   200   200   403', { holder: 'admin' }),
  'POST /api/jurisdictions':                   row('401   403   403   403   403   403   403   403   403   403   403   201   403   201   403', { holder: 'admin' }),
  'PATCH /api/jurisdictions/{id}':             row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
  'DELETE /api/jurisdictions/{id}':            row('401   403   403   403   403   403   403   403   403   403   403   204   403   204   403', { holder: 'admin' }),
  // settings: read with jurisdiction.read, set and removed with settings.manage (admin)
  'GET /api/settings':                         row('401   403   403   200   200   200   200   200   200   200   200   200   200   200   403', { holder: 'admin' }),
  'PUT /api/settings':                         row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
  'DELETE /api/settings':                      row('401   403   403   403   403   403   403   403   403   403   403   204   403   204   403', { holder: 'admin' }),
  // audit.read (auditor only)
  'GET /api/audit':                            row('401   403   403   403   403   403   403   403   403   403   403   403   200   200   403', { holder: 'auditor', keep: 'jurisdiction.read' }),
  'GET /api/audit/verify':                     row('401   403   403   403   403   403   403   403   403   403   403   403   200   200   403', { holder: 'auditor', keep: 'jurisdiction.read' }),
  // calendar.read (staff but the auditor) and calendar.manage (admin, at the district)
  'GET /api/calendar':                         row('401   403   403   200   200   200   200   200   200   200   200   200   403   200   403', { keep: 'jurisdiction.read' }),
  'GET /api/calendar/due':                     row('401   403   403   200   200   200   200   200   200   200   200   200   403   200   403', { keep: 'jurisdiction.read' }),
  'GET /api/calendar/statutory':               row('401   403   403   200   200   200   200   200   200   200   200   200   403   200   403', { keep: 'jurisdiction.read' }),
  'PUT /api/calendar/overrides':               row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
  'DELETE /api/calendar/overrides/{id}':       row('401   403   403   403   403   403   403   403   403   403   403   204   403   204   403', { holder: 'admin' }),
  'POST /api/calendar/overrides/import':       row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
  'PUT /api/calendar/statutory/{year}':        row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
  // cases: case.read on the unit or above (or the department handling it); residents their own
  'GET /api/cases':                            row('401   L+    L-    L+    L-    L-    L+    L-    L-    L+    L+    403   403   L+    403'),
  'GET /api/cases/{id}':                       row('401   200   404   200   404   404   200   404   404   200   200   403   403   200   403'),
  // a note needs case.act where the case is; the leader holds no case.act; a resident may not give staff commands
  'POST /api/cases/{id}/commands':             row('401   403   404   200   404   404   200   404   404   200   403   403   403   200   403'),
  'POST /api/attachments':                     ALL('201'),
  'GET /api/attachments/{id}':                 row('401   200   404   200   404   404   200   404   404   200   200   403   403   200   403'),
};
/* eslint-enable no-multi-spaces */

/**
 * Where the table follows DESIGN.md principle 5 and the code answers otherwise today (issue 5 report):
 * these cells fail until the code changes, and then the note goes.
 */
const CORE_NOTES: Record<string, string> = {
};

// ---- the world ------------------------------------------------------------------------------------

let db: TestDatabase;
let app: FastifyInstance;
const sessions = new Map<string, Session>();
const tokens = new Map<string, string>();
const ids: Record<string, string> = {};
const OWNER_PHONE = '13700000001';
const OTHER_PHONE = '13700000002';
const POINT = { lng: 117.147013, lat: 39.1406 }; // in 长华里社区 (nk-ch-01)
const A_TEXT = '矩阵测试：长华里5号楼楼道灯坏了一个月，晚上出行不便';
let A: { id: string; trackingCode: string };
let phoneCounter = 0;
const freshPhone = () => `1370001${String(++phoneCounter).padStart(4, '0')}`;
let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

// Routes are listed at collection time from the document of a throwaway app; the app under test must publish the same.
const ROUTES = routesOf(await appOpenApiDocument());

function as(session: Session | null, token?: string) {
  return (method: string, url: string, payload?: unknown, extra: Record<string, string> = {}) => app.inject({
    method: method as 'GET', url, remoteAddress: freshAddress(),
    headers: { ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}
const asAdmin = () => as(sessions.get('admin')!);

function ok(response: LightMyRequestResponse, status: number) {
  if (response.statusCode !== status) throw new Error(`setup: ${response.raw.req.method} ${response.raw.req.url} answered ${response.statusCode} ${response.body}`);
  return response.json() as Record<string, unknown> & { id: string };
}

/** A token of `holder` with all their permissions, or all but `without` (keeping `keep`). */
async function tokenOf(holder: string, scope: 'all' | { keep: string }): Promise<string> {
  const key = `${holder}:${scope === 'all' ? 'all' : scope.keep}`;
  const cached = tokens.get(key);
  if (cached) return cached;
  const session = sessions.get(holder) ?? await signIn(app, holder);
  sessions.set(holder, session);
  const scopes = scope === 'all' ? session.user.permissions : [scope.keep];
  const created = ok(await as(session)('POST', '/api/tokens', { name: key, scopes }), 201);
  tokens.set(key, created.token as string);
  return created.token as string;
}

async function credentials(who: Who, route: string): Promise<Credentials> {
  const r = MATRIX[route]!;
  if (who === 'anon') return { session: null };
  if (who === 'tokIn') return { session: null, token: await tokenOf(r.holder, 'all') };
  if (who === 'tokOut') return { session: null, token: await tokenOf(r.holder, { keep: r.keep }) };
  // Signing out ends the session: that route gets a session of its own each time.
  if (route === 'POST /api/auth/logout') return { session: who === 'owner' || who === 'other' ? await residentSignIn(app, db, freshPhone()) : await signIn(app, STAFF[who as keyof typeof STAFF]) };
  return { session: sessions.get(who)! };
}

// ---- one valid request per route, so that the check under test is access, not validation -----------

const CORE_REQUESTS: Record<string, Build> = {
  'GET /health': () => ({ method: 'GET', url: '/health' }),
  'GET /ready': () => ({ method: 'GET', url: '/ready' }),
  'POST /api/auth/login': () => ({ method: 'POST', url: '/api/auth/login', payload: { username: 'auditor', password: 'Minsheng#2026' } }),
  'POST /api/auth/resident/code': () => ({ method: 'POST', url: '/api/auth/resident/code', payload: { contact: freshPhone() } }),
  'POST /api/auth/resident/verify': async () => {
    const phone = freshPhone();
    ok(await as(null)('POST', '/api/auth/resident/code', { contact: phone }), 200);
    const rows = await db.deps.db.selectFrom('outbox').select('payload').orderBy('createdAt', 'desc').orderBy('id', 'desc').execute();
    const code = rows.map((r) => JSON.parse(db.deps.cipher.decrypt(r.payload)) as { to: string; params: { code: string } }).find((m) => m.to === phone)!.params.code;
    return { method: 'POST', url: '/api/auth/resident/verify', payload: { contact: phone, code } };
  },
  'POST /api/auth/logout': () => ({ method: 'POST', url: '/api/auth/logout' }),
  'GET /api/auth/me': () => ({ method: 'GET', url: '/api/auth/me' }),
  'GET /api/me/data-access': () => ({ method: 'GET', url: '/api/me/data-access' }),
  'GET /api/tokens': () => ({ method: 'GET', url: '/api/tokens' }),
  'POST /api/tokens': () => ({ method: 'POST', url: '/api/tokens', payload: { name: unique('matrix'), scopes: ['jurisdiction.read'] } }),
  'DELETE /api/tokens/{id}': async (who, creds) => {
    // One's own new token (a token revokes a token of its holder); others aim at the dispatcher's.
    const owner = creds.token ? sessions.get(MATRIX['DELETE /api/tokens/{id}']!.holder)! : creds.session?.user.permissions.includes('token.manage') ? creds.session : sessions.get('disp')!;
    const created = ok(await as(owner)('POST', '/api/tokens', { name: unique('doomed'), scopes: ['jurisdiction.read'] }), 201);
    return { method: 'DELETE', url: `/api/tokens/${created.id}` };
  },
  'GET /api/users': () => ({ method: 'GET', url: '/api/users' }),
  'POST /api/users': () => ({ method: 'POST', url: '/api/users', payload: { username: unique('matrix.user'), displayName: '矩阵', password: 'long-enough-password', grants: [{ role: 'auditor', jurisdictionId: ids.nk }] } }),
  'GET /api/users/{id}': () => ({ method: 'GET', url: `/api/users/${ids.gulouWorker}` }),
  'PATCH /api/users/{id}': () => ({ method: 'PATCH', url: `/api/users/${ids.gulouWorker}`, payload: { displayName: '黄红梅（演示）' } }),
  'POST /api/users/{id}/grants': async () => {
    const user = ok(await asAdmin()('POST', '/api/users', { username: unique('grantee'), displayName: '矩阵', password: 'long-enough-password', grants: [{ role: 'auditor', jurisdictionId: ids.nk }] }), 201);
    return { method: 'POST', url: `/api/users/${user.id}/grants`, payload: { role: 'leader', jurisdictionId: ids.nk } };
  },
  'DELETE /api/users/{id}/grants/{grantId}': async () => {
    const user = ok(await asAdmin()('POST', '/api/users', { username: unique('revokee'), displayName: '矩阵', password: 'long-enough-password', grants: [{ role: 'auditor', jurisdictionId: ids.nk }, { role: 'leader', jurisdictionId: ids.nk }] }), 201);
    const grant = (user.grants as Array<{ id: string; role: string }>).find((g) => g.role === 'leader')!;
    return { method: 'DELETE', url: `/api/users/${user.id}/grants/${grant.id}` };
  },
  'GET /api/people/{id}': () => ({ method: 'GET', url: `/api/people/${ids.ownerPerson}` }),
  'POST /api/people/{id}/reveal': () => ({ method: 'POST', url: `/api/people/${ids.ownerPerson}/reveal`, payload: { fields: ['phone'], purpose: '回访核实诉求' } }),
  'GET /api/places': () => ({ method: 'GET', url: '/api/places' }),
  'GET /api/jurisdictions': () => ({ method: 'GET', url: '/api/jurisdictions' }),
  'GET /api/jurisdictions/{id}': () => ({ method: 'GET', url: `/api/jurisdictions/${ids['nk-ch-01']}` }),
  'POST /api/jurisdictions': () => ({ method: 'POST', url: '/api/jurisdictions', payload: { parentId: ids['nk-ch'], kind: 'community', code: unique('matrix-c'), nameZh: '矩阵社区', nameEn: 'Matrix Community' } }),
  'PATCH /api/jurisdictions/{id}': () => ({ method: 'PATCH', url: `/api/jurisdictions/${ids['nk-gl-03']}`, payload: { nameEn: 'Zhongyingli Community' } }),
  'DELETE /api/jurisdictions/{id}': async () => {
    const unit = ok(await asAdmin()('POST', '/api/jurisdictions', { parentId: ids['nk-ch'], kind: 'community', code: unique('doomed-c'), nameZh: '待删社区', nameEn: 'Doomed' }), 201);
    return { method: 'DELETE', url: `/api/jurisdictions/${unit.id}` };
  },
  'GET /api/settings': () => ({ method: 'GET', url: `/api/settings?jurisdictionId=${ids['nk-ch-01']}` }),
  'PUT /api/settings': () => ({ method: 'PUT', url: '/api/settings', payload: { jurisdictionId: ids['nk-gl-03'], key: 'appeal.maxReturns', value: 3 } }),
  'DELETE /api/settings': async () => {
    const unit = ids[`nk-gl-0${1 + (++counter % 3)}`]!;
    ok(await asAdmin()('PUT', '/api/settings', { jurisdictionId: unit, key: 'appeal.maxExtensionDays', value: 20 }), 200);
    return { method: 'DELETE', url: `/api/settings?jurisdictionId=${unit}&key=appeal.maxExtensionDays` };
  },
  'GET /api/audit': () => ({ method: 'GET', url: '/api/audit?pageSize=5' }),
  'GET /api/audit/verify': () => ({ method: 'GET', url: '/api/audit/verify' }),
  'GET /api/calendar': () => ({ method: 'GET', url: `/api/calendar?jurisdictionId=${ids['nk-ch-01']}&year=2026` }),
  'GET /api/calendar/due': () => ({ method: 'GET', url: `/api/calendar/due?jurisdictionId=${ids['nk-ch-01']}&from=2026-03-03&amount=5&unit=working_day` }),
  'GET /api/calendar/statutory': () => ({ method: 'GET', url: '/api/calendar/statutory' }),
  'PUT /api/calendar/overrides': () => ({ method: 'PUT', url: '/api/calendar/overrides', payload: { jurisdictionId: ids['nk-gl-03'], date: '2026-05-09', kind: 'restday', note: '矩阵' } }),
  'DELETE /api/calendar/overrides/{id}': async () => {
    const day = `2026-06-${String(10 + (counter % 18)).padStart(2, '0')}`;
    const override = ok(await asAdmin()('PUT', '/api/calendar/overrides', { jurisdictionId: ids[`nk-gl-0${1 + (++counter % 3)}`], date: day, kind: 'workday' }), 200);
    return { method: 'DELETE', url: `/api/calendar/overrides/${override.id}` };
  },
  'POST /api/calendar/overrides/import': () => ({ method: 'POST', url: '/api/calendar/overrides/import', payload: { jurisdictionId: ids['nk-gl-03'], csv: '2026-05-10,restday,矩阵' } }),
  'PUT /api/calendar/statutory/{year}': () => ({ method: 'PUT', url: '/api/calendar/statutory/2030', payload: { source: '国务院办公厅通知（矩阵）', days: [{ date: '2030-01-01', kind: 'holiday', name: '元旦' }] } }),
  'GET /api/cases': () => ({ method: 'GET', url: `/api/cases?q=${A.trackingCode}` }),
  'GET /api/cases/{id}': () => ({ method: 'GET', url: `/api/cases/${A.id}` }),
  'POST /api/cases/{id}/commands': () => ({ method: 'POST', url: `/api/cases/${A.id}/commands`, payload: { type: 'note', text: '矩阵：已电话联系' } }),
  'POST /api/attachments': () => ({ method: 'POST', url: '/api/attachments?name=photo.png', payload: tinyPng(), headers: { 'content-type': 'image/png' } }),
  'GET /api/attachments/{id}': () => ({ method: 'GET', url: `/api/attachments/${ids.attachment}` }),
};

// ---- the modules' rows ------------------------------------------------------------------------------

const subjects: Record<string, string> = {};
const extraSecrets: Record<string, string> = {};
const world: MatrixWorld = {
  get db() { return db; },
  get app() { return app; },
  get A() { return A; },
  ids, sessions, subjects, secrets: extraSecrets, as, asAdmin, ok, freshPhone, unique, POINT, OWNER_PHONE, OTHER_PHONE,
};

// Each case module places its own routes in src/modules/<kind>/test/<kind>.authorization.ts; removing a module
// removes its rows with its routes.
const contributions: MatrixContribution[] = Object.entries(import.meta.glob<{ authorization: (w: MatrixWorld) => MatrixContribution }>(
  '../../src/modules/*/test/*.authorization.ts', { eager: true },
)).map(([file, module]) => {
  if (typeof module.authorization !== 'function') throw new Error(`${file} exports no authorization(world)`);
  return module.authorization(world);
});

function merged<T>(core: Record<string, T>, part: (c: MatrixContribution) => Record<string, T> | undefined): Record<string, T> {
  const all: Record<string, T> = { ...core };
  for (const contribution of contributions) {
    for (const [key, value] of Object.entries(part(contribution) ?? {})) {
      if (key in all) throw new Error(`${key} is placed twice in the authorization matrix`);
      all[key] = value;
    }
  }
  return all;
}
const MATRIX = merged(CORE_MATRIX, (c) => c.rows);
const REQUESTS = merged(CORE_REQUESTS, (c) => c.requests);
const NOTES = merged(CORE_NOTES, (c) => c.notes);

// ---- judging one cell --------------------------------------------------------------------------------

/** What a refused or out-of-reach answer must never show. */
function secrets(): Record<string, string> {
  return { "A's text": A_TEXT, "A's tracking code": A.trackingCode, "A's id": A.id, "the owner's phone": OWNER_PHONE, "the owner's person id": ids.ownerPerson!, ...extraSecrets };
}

function judge(expected: Cell, response: LightMyRequestResponse, subject: string): string | null {
  const status = response.statusCode;
  const got = `${status} ${response.body.slice(0, 160)}`;
  const leaks = () => Object.entries(secrets()).filter(([, value]) => response.body.includes(value)).map(([what]) => what);
  if (/^\d+$/.test(expected)) {
    if (status !== Number(expected)) return `expected ${expected}, got ${got}`;
    if (status >= 400) {
      const body = response.json() as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
      if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string' || body.error.requestId !== response.headers['x-request-id']) return `not the error shape: ${got}`;
      const leaked = leaks();
      if (leaked.length) return `a ${status} that shows ${leaked.join(', ')}`;
    }
    return null;
  }
  if (status !== 200) return `expected a 200 (${expected}), got ${got}`;
  const body = response.json() as { items?: Array<{ id?: string; caseId?: string }>; results?: Array<{ ok: boolean; code?: string }> };
  if (expected === 'L+' || expected === 'L-') {
    const listed = (body.items ?? []).some((i) => i.id === subject);
    if (expected === 'L+' && !listed) return `the list leaves out its subject: ${got}`;
    if (expected === 'L-') {
      if (listed) return 'the list shows its subject';
      const leaked = leaks();
      if (leaked.length) return `the list shows ${leaked.join(', ')}`;
    }
    return null;
  }
  const item = body.results?.[0];
  const wanted = { 'I+': 'ok', I3: 'forbidden', I4: 'not_found' }[expected as 'I+' | 'I3' | 'I4'];
  const actual = item?.ok ? 'ok' : item?.code;
  return actual === wanted ? null : `expected the item to be ${wanted}, got ${got}`;
}

async function cell(route: string, who: Who): Promise<string | null> {
  const creds = await credentials(who, route);
  const request = await REQUESTS[route]!(who, creds);
  const response = await as(creds.session, creds.token)(request.method, request.url, request.payload, request.headers);
  const r = MATRIX[route]!;
  const subject = subjects[r.subject];
  if (!subject) throw new Error(`${route}: no subject ${r.subject} in the world`);
  const problem = judge(r.cells[who], response, subject);
  return problem ? `${who}: ${problem}` : null;
}

// ---- setup ---------------------------------------------------------------------------------------

beforeAll(async () => {
  const env = Object.assign({}, ...contributions.map((c) => c.env ?? {})) as Record<string, string>;
  Object.assign(process.env, env); // what a module reads when the app is built
  db = await openDemoDatabase();
  app = await buildApp(db.deps, { publicRateLimit: 100_000 });
  for (const key of Object.keys(env)) delete process.env[key];
  for (const code of ['nk', 'nk-ch', 'nk-gl', 'nk-ch-01', 'nk-ch-02', 'nk-gl-01', 'nk-gl-02', 'nk-gl-03']) ids[code] = await jurisdictionIdOf(db, code);
  ids.gulouWorker = await userIdOf(db, 'gulou.worker');
  for (const [who, username] of Object.entries(STAFF)) {
    const session = await signIn(app, username);
    sessions.set(who, session);
    sessions.set(username, session);
  }
  sessions.set('owner', await residentSignIn(app, db, OWNER_PHONE));
  sessions.set('other', await residentSignIn(app, db, OTHER_PHONE));

  // A: raised by the signed-in owner in 长华里, with a photo.
  const photo = ok(await as(sessions.get('owner')!)('POST', '/api/attachments?name=lamp.png', tinyPng(), { 'content-type': 'image/png' }), 201);
  ids.attachment = photo.id;
  const opened = ok(await as(sessions.get('owner')!)('POST', '/api/appeals', { categoryCode: 'property', description: A_TEXT, location: POINT, attachmentIds: [photo.id] }), 201);
  A = { id: opened.id, trackingCode: opened.trackingCode as string };
  subjects.A = A.id;
  const row = await db.deps.db.selectFrom('case').select(['requesterPersonId', 'handlingUnitId', 'state']).where('id', '=', A.id).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ handlingUnitId: ids['nk-ch-01'], state: 'dispatched' });
  ids.ownerPerson = row.requesterPersonId!;


  for (const contribution of contributions) await contribution.setup?.();
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

// ---- the tests -----------------------------------------------------------------------------------

describe(`authorization matrix (${TEST_ENGINE})`, () => {
  it('every route of the OpenAPI document is placed in the matrix, and every row of the matrix is a route', async () => {
    const published = routesOf(await documentOf(app)).map((r) => r.key).sort();
    expect(published, 'the app under test publishes the routes listed at collection').toEqual(ROUTES.map((r) => r.key).sort());
    const unplaced = published.filter((key) => !MATRIX[key] || !REQUESTS[key]);
    expect(unplaced, 'new routes: give each a row in MATRIX (who may call it) and a valid request in REQUESTS').toEqual([]);
    const stale = Object.keys(MATRIX).filter((key) => !published.includes(key));
    expect(stale, 'rows for routes that no longer exist').toEqual([]);
    expect(Object.keys(REQUESTS).filter((key) => !MATRIX[key])).toEqual([]);
    expect(Object.keys(NOTES).filter((key) => !MATRIX[key])).toEqual([]);
  });

  for (const route of ROUTES) {
    it(`${route.key}`, async () => {
      if (!MATRIX[route.key] || !REQUESTS[route.key]) throw new Error(`${route.key} is not in the authorization matrix: add its row to MATRIX and a valid request to REQUESTS`);
      const problems: string[] = [];
      for (const who of WHO) {
        const problem = await cell(route.key, who);
        if (problem) problems.push(problem);
      }
      const note = NOTES[route.key];
      expect(problems, note ? `known: ${note}` : undefined).toEqual([]);
    }, 60_000);
  }

  it('after all of it, A is unchanged but for the notes, and the audit chain holds', async () => {
    const row = await db.deps.db.selectFrom('case').select(['state', 'handlingUnitId']).where('id', '=', A.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'dispatched', handlingUnitId: ids['nk-ch-01'] });
    for (const contribution of contributions) await contribution.verify?.();
    const verdict = await as(sessions.get('audit')!)('GET', '/api/audit/verify');
    expect(verdict.json()).toMatchObject({ ok: true });
  });
});
