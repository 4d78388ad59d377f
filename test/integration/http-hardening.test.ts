// Bad input on every route reaches a 4xx in the one error shape, never a 500. The routes are read from the
// OpenAPI document of an app with every registered case module, so a new route is covered the day it is added.
// Routes with a sample body below get the stricter checks (one fault at a time on an otherwise valid body).
import { randomUUID } from 'node:crypto';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { openCase } from '../../src/server/core/cases/case.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { openDemoDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-deps.ts';
import { as, type Session } from '../support/http.ts';
import { ticketModule } from '../support/ticket-module.ts';
import { caseModules } from '../../src/modules/registry.ts';
import { expectError, freshAddress, issueFields, jurisdictionIdOf, signIn, userIdOf, type ErrorShape } from '../support/spine.ts';

interface Route { method: string; path: string; json: boolean; params: string[] }

let db: TestDatabase;
let app: FastifyInstance;
let admin: Session;
let dispatcher: Session;
let routes: Route[];
let auditHeadBefore: number;
const real: Record<string, string> = {};

/**
 * A body each JSON route accepts as far as validation goes; the tests add one fault at a time. The core's are
 * here; each case module gives its own routes' in src/modules/<kind>/test/<kind>.http-samples.ts, as
 * `httpSamples(real)`, collected below, so that removing a module removes its samples with its routes.
 */
type Samples = Record<string, Record<string, unknown>>;
const moduleSamples = Object.entries(import.meta.glob<{ httpSamples: (real: Record<string, string>) => Samples }>(
  '../../src/modules/*/test/*.http-samples.ts', { eager: true },
)).map(([file, module]) => {
  if (typeof module.httpSamples !== 'function') throw new Error(`${file} exports no httpSamples(real)`);
  return module.httpSamples;
});

function allSamples(): Samples {
  const samples: Samples = {
    'POST /api/auth/login': { username: 'admin', password: 'not-the-password' },
    'POST /api/auth/resident/code': { contact: '13800138000' },
    'POST /api/auth/resident/verify': { contact: '13800138000', code: '123456' },
    'POST /api/tokens': { name: 'probe', scopes: ['jurisdiction.read'] },
    'POST /api/users': { username: 'probe.user', displayName: '探针', password: 'long-enough-password', grants: [{ role: 'auditor', jurisdictionId: real.district }] },
    'PATCH /api/users/{id}': { displayName: '探针' },
    'POST /api/users/{id}/grants': { role: 'auditor', jurisdictionId: real.district },
    'POST /api/people/{id}/reveal': { fields: ['name'], purpose: 'checking the record' },
    'POST /api/jurisdictions': { parentId: real.district, kind: 'street', code: 'probe-street', nameZh: '探针街', nameEn: 'Probe Street' },
    'PATCH /api/jurisdictions/{id}': { nameZh: '探针' },
    'PUT /api/calendar/overrides': { jurisdictionId: real.district, date: '2026-03-04', kind: 'restday' },
    'PUT /api/settings': { key: 'probe.key', jurisdictionId: real.district, value: 3 },
    'POST /api/calendar/overrides/import': { jurisdictionId: real.district, csv: '2026-03-04,restday' },
    'POST /api/cases/{id}/commands': { type: 'sign_for' },
    'PUT /api/calendar/statutory/{year}': { source: '测试', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] },
  };
  for (const part of moduleSamples) {
    for (const [key, body] of Object.entries(part(real))) {
      if (key in samples) throw new Error(`two sample bodies for ${key}`);
      samples[key] = body;
    }
  }
  return samples;
}

function sampleBody(route: Route): Record<string, unknown> | undefined {
  return allSamples()[`${route.method} ${route.path}`];
}

/** Case routes need someone who can see the case; everything else runs as the administrator. */
const sessionFor = (route: Route) => (route.path.startsWith('/api/cases') ? dispatcher : admin);

/** Fills path parameters with ids that exist, so only the fault under test is wrong. */
function urlFor(route: Route, override?: string): string {
  const existing: Record<string, string> = {
    '/api/users/{id}': real.user!, '/api/people/{id}': real.person!, '/api/jurisdictions/{id}': real.jurisdiction!, '/api/cases/{id}': real.case!,
  };
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (override !== undefined) return override;
    const prefix = Object.keys(existing).find((p) => route.path.startsWith(p));
    if (name === 'year') return '2027';
    return name === 'id' && prefix ? existing[prefix]! : randomUUID();
  });
}

function send(route: Route, options: { payload?: string | Record<string, unknown>; contentType?: string; url?: string }) {
  const headers: Record<string, string> = {};
  if (options.contentType) headers['content-type'] = options.contentType;
  // A fresh address each time, so the sign-in routes' rate limit does not answer instead of validation.
  return as(app, sessionFor(route))({
    method: route.method as 'POST', url: options.url ?? urlFor(route), headers, remoteAddress: freshAddress(), ...(options.payload !== undefined ? { payload: options.payload } : {}),
  });
}

/** Runs `check` on every route and returns the failures, each naming the route. */
async function everyRoute(list: Route[], check: (route: Route) => Promise<void>): Promise<string[]> {
  const failures: string[] = [];
  for (const route of list) {
    try {
      await check(route);
    } catch (error) {
      failures.push(`${route.method} ${route.path}: ${(error as Error).message.split('\n')[0]!.slice(0, 300)}`);
    }
  }
  return failures;
}

/** Open311 (GeoReport v2) answers errors in that standard's own format; every other route in ours. */
const isOpen311 = (route: Route) => route.path.startsWith('/open311/');

/** The request was refused with one of `statuses` in the error shape (Open311: with any 4xx), never a 5xx. */
function refused(route: Route, response: LightMyRequestResponse, statuses: number[], code?: string): ErrorShape | null {
  const what = `${response.statusCode} ${response.body.slice(0, 160)}`;
  expect(response.statusCode, what).toBeLessThan(500);
  expect(response.headers['x-request-id'], `no x-request-id: ${what}`).toBeDefined();
  if (isOpen311(route)) {
    expect(response.statusCode, what).toBeGreaterThanOrEqual(400);
    return null;
  }
  expect(statuses, what).toContain(response.statusCode);
  return expectError(response, response.statusCode, code);
}

const jsonRoutes = () => routes.filter((r) => r.json);
const paramRoutes = () => routes.filter((r) => r.params.length > 0);

beforeAll(async () => {
  db = await openDemoDatabase({ modules: [...caseModules, ticketModule] });
  app = await buildApp(db.deps, { publicRateLimit: 10_000 });
  admin = await signIn(app, 'admin');
  dispatcher = await signIn(app, 'dispatcher');
  real.district = await jurisdictionIdOf(db, 'nk');
  real.jurisdiction = await jurisdictionIdOf(db, 'nk-gl-03');
  real.user = await userIdOf(db, 'gulou.worker');
  real.person = (await db.deps.db.selectFrom('person').select('id').executeTakeFirstOrThrow()).id;
  real.case = (await openCase(db.deps, systemActor(db.deps.tenantId), 'ticket', {
    type: 'open', title: '路灯不亮', jurisdictionId: await jurisdictionIdOf(db, 'nk-gl-01'), requesterUserId: null, requesterPersonId: null,
  } as never, null)).id;

  const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> }; parameters?: Array<{ in: string; name: string }> }>>;
  };
  routes = Object.entries(document.paths).flatMap(([path, operations]) => Object.entries(operations).map(([method, op]) => ({
    method: method.toUpperCase(), path, json: Boolean(op.requestBody?.content?.['application/json']),
    params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
  })));
  const head = await db.deps.db.selectFrom('auditHead').select('lastSeq').executeTakeFirstOrThrow();
  auditHeadBefore = head.lastSeq;
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('the route list', () => {
  it('comes from the OpenAPI document; every JSON route has a sample body, and each sample body belongs to one', () => {
    expect(jsonRoutes().length).toBeGreaterThanOrEqual(13);
    expect(paramRoutes().length).toBeGreaterThanOrEqual(10);
    const json = jsonRoutes().map((r) => `${r.method} ${r.path}`);
    expect(json.filter((key) => !allSamples()[key]), 'JSON routes without a sample body: give each one (core: here; a module: its <kind>.http-samples.ts)').toEqual([]);
    expect(Object.keys(allSamples()).filter((key) => !json.includes(key)), 'sample bodies for no JSON route').toEqual([]);
  });
});

describe('every route that takes a JSON body', () => {
  it('answers malformed JSON with 400 in the error shape', async () => {
    const failures = await everyRoute(jsonRoutes(), async (route) => {
      for (const payload of ['{"name":', '{name: 1}', "{'a':1}", '{"a":1}}']) {
        refused(route, await send(route, { payload, contentType: 'application/json' }), [400], 'bad_request');
      }
    });
    expect(failures).toEqual([]);
  });

  it('answers a body of the wrong type (array, number, string, null) with 400 naming the body', async () => {
    const failures = await everyRoute(jsonRoutes(), async (route) => {
      for (const payload of ['[]', '[{"a":1}]', '42', '"text"', 'null', 'true']) {
        const error = refused(route, await send(route, { payload, contentType: 'application/json' }), [400], 'validation_failed');
        if (error) expect(issueFields(error)).toEqual(['body']);
      }
    });
    expect(failures).toEqual([]);
  });

  it('answers a field of the wrong type with 400 naming the field', async () => {
    const failures = await everyRoute(jsonRoutes().filter((r) => sampleBody(r)), async (route) => {
      const sample = sampleBody(route)!;
      const [field] = Object.keys(sample);
      // Open311 answers in its own format: there, a 4xx is all that is checked.
      const error = refused(route, await send(route, { payload: { ...sample, [field!]: { nested: [1, 2] } } }), [400], 'validation_failed');
      if (error) expect(issueFields(error)).toContain(`body.${field}`);
    });
    expect(failures).toEqual([]);
  });

  it('answers U+0000 in a text field with 400 naming the field, on both engines', async () => {
    const failures = await everyRoute(jsonRoutes().filter((r) => sampleBody(r)), async (route) => {
      const sample = sampleBody(route)!;
      const field = Object.keys(sample).find((key) => typeof sample[key] === 'string');
      if (!field) return;
      const error = refused(route, await send(route, { payload: { ...sample, [field]: `a\u0000b` } }), [400], 'validation_failed');
      if (error) expect(issueFields(error)).toEqual([`body.${field}`]);
    });
    expect(failures).toEqual([]);
  });

  it('answers an unknown field with 400 naming it', async () => {
    const failures = await everyRoute(jsonRoutes(), async (route) => {
      const sample = sampleBody(route);
      const error = refused(route, await send(route, { payload: { ...sample, __probe: 1 } }), [400], 'validation_failed');
      // On a valid sample the unknown field is the only fault; on an empty body it is one of them.
      if (error && sample) expect(issueFields(error)).toEqual(['body.__probe']);
      else if (error) expect(issueFields(error)).toContain('body.__probe');
    });
    expect(failures).toEqual([]);
  });

  it('answers a 2 MB body with 413', async () => {
    const payload = JSON.stringify({ note: 'x'.repeat(2 * 1024 * 1024) });
    const failures = await everyRoute(jsonRoutes(), async (route) => {
      refused(route, await send(route, { payload, contentType: 'application/json' }), [413], 'payload_too_large');
    });
    expect(failures).toEqual([]);
  });

  it('answers a body that is not JSON (text/plain, XML) with 415 or 400 in the error shape', async () => {
    const failures = await everyRoute(jsonRoutes(), async (route) => {
      refused(route, await send(route, { payload: JSON.stringify(sampleBody(route) ?? {}), contentType: 'text/plain' }), [400, 415]);
      refused(route, await send(route, { payload: '<probe/>', contentType: 'application/xml' }), [415], 'unsupported_media_type');
    });
    expect(failures).toEqual([]);
  });
});

describe('every route with path parameters', () => {
  const badIds = ['not-a-uuid', '123', "1'%20or%20'1'%3D'1", '%E9%95%BF%E5%8D%8E%E9%87%8C', '00000000-0000-0000-0000-00000000000g', '%00', '..%2F..%2Fetc'];

  it('answers an id that is not a UUID with 400 or 404 in the error shape, never 5xx', async () => {
    const failures = await everyRoute(paramRoutes(), async (route) => {
      for (const bad of badIds) {
        const response = await send(route, { url: urlFor(route, bad), ...(route.json ? { payload: sampleBody(route) ?? {} } : {}) });
        refused(route, response, [400, 404]);
      }
    });
    expect(failures).toEqual([]);
  });

  it('answers an overlong id or a broken percent-encoding in the error shape, with the request id and security headers', async () => {
    const failures: string[] = [];
    for (const bad of ['a'.repeat(300), '%E9%95', '%zz']) {
      const label = bad.length > 12 ? `${bad.slice(0, 6)}…(${bad.length})` : bad;
      failures.push(...(await everyRoute(paramRoutes(), async (route) => {
        const response = await send(route, { url: urlFor(route, bad), ...(route.json ? { payload: sampleBody(route) ?? {} } : {}) });
        expect(response.headers['x-content-type-options'], `no security headers: ${response.statusCode} ${response.body.slice(0, 80)}`).toBe('nosniff');
        refused(route, response, [400, 404, 414]);
      })).map((failure) => `[${label}] ${failure}`));
    }
    expect(failures).toEqual([]);
  });

  it('answers a well-formed id that does not exist with a 4xx in the error shape, never 5xx', async () => {
    const failures = await everyRoute(paramRoutes(), async (route) => {
      const response = await send(route, { url: urlFor(route, randomUUID()), ...(route.json ? { payload: sampleBody(route) ?? {} } : {}) });
      refused(route, response, [400, 401, 403, 404, 409]);
    });
    expect(failures).toEqual([]);
  });
});

describe('every response', () => {
  const sample = async (): Promise<LightMyRequestResponse[]> => [
    await app.inject({ method: 'GET', url: '/health' }),
    await app.inject({ method: 'GET', url: '/api/auth/me' }),
    await as(app, admin)({ method: 'GET', url: '/api/jurisdictions' }),
    await as(app, admin)({ method: 'GET', url: '/api/nothing-here' }),
    await as(app, admin)({ method: 'POST', url: '/api/jurisdictions', payload: {} }),
    await app.inject({ method: 'GET', url: '/api/openapi.json' }),
  ];

  it('carries the security headers', async () => {
    for (const response of await sample()) {
      const csp = String(response.headers['content-security-policy'] ?? '');
      expect(response.headers['x-content-type-options'], response.raw.req.url).toBe('nosniff');
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      const framing = String(response.headers['x-frame-options'] ?? '');
      expect(/^(DENY|SAMEORIGIN)$/i.test(framing) || /frame-ancestors ('none'|'self')/.test(csp)).toBe(true);
      expect(response.headers['referrer-policy']).toBeDefined();
    }
  });

  it('carries its own x-request-id, the same as error.requestId, which a client cannot set', async () => {
    const responses = await sample();
    const ids = responses.map((r) => r.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const response of responses.filter((r) => r.statusCode >= 400)) {
      expect((response.json() as { error: ErrorShape }).error.requestId).toBe(response.headers['x-request-id']);
    }
    const spoofed = await app.inject({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': 'forged-by-client' } });
    expect(spoofed.headers['x-request-id']).not.toBe('forged-by-client');
    expect(expectError(spoofed, 404, 'not_found').requestId).not.toBe('forged-by-client');
  });
});

describe('operations endpoints and unknown routes', () => {
  it('/health and /ready answer 200', async () => {
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', engine: TEST_ENGINE });
  });

  it('an unknown /api route is a 404 in the error shape', async () => {
    for (const [method, url] of [['GET', '/api/nope'], ['POST', '/api/nope/deeper?x=1'], ['PUT', '/api/jurisdictions'], ['GET', '/api']] as const) {
      const error = expectError(await as(app, admin)({ method, url }), 404, 'not_found');
      expect(error.message).toContain(url.split('?')[0]!);
    }
  });
});

describe('requests the HTTP parser refuses', () => {
  it('a URL with raw (not percent-encoded) Chinese, as a careless client sends it, is a 400 in the error shape', async () => {
    const server = await buildApp(db.deps);
    await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = server.server.address() as AddressInfo;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('GET /api/services?q=居住 HTTP/1.1\r\nHost: localhost\r\n\r\n'));
        let received = '';
        socket.on('data', (chunk) => { received += chunk.toString('utf8'); });
        socket.on('end', () => resolve(received));
        socket.on('error', reject);
      });
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
      expect(head).toContain('content-type: application/json');
      expect(JSON.parse(body!)).toEqual({ error: { code: 'bad_request', message: expect.stringContaining('percent-encode'), requestId: expect.any(String) } });
    } finally {
      await server.close();
    }
  });
});

describe('after all of the above', () => {
  it('none of the refused requests changed anything', async () => {
    const head = await db.deps.db.selectFrom('auditHead').select('lastSeq').executeTakeFirstOrThrow();
    expect(head.lastSeq).toBe(auditHeadBefore);
    expect(await db.deps.db.selectFrom('jurisdiction').select('id').where('code', 'like', 'probe%').execute()).toEqual([]);
    expect(await db.deps.db.selectFrom('appUser').select('id').where('username', '=', 'probe.user').execute()).toEqual([]);
    expect(await db.deps.db.selectFrom('case').select(['state', 'version']).where('id', '=', real.case!).executeTakeFirstOrThrow()).toEqual({ state: 'registered', version: 1 });
  });
});
