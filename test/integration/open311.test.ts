// Open311 GeoReport v2 as a standard client uses it: discovery, services, a service definition,
// a form-encoded POST with an api_key, reading it back by id, by dates and status, tokens; in JSON
// and in XML (checked by a strict little parser). Errors come as [{code, description}] with
// 400/403/404/413/415 and name the field, and a refused request leaves no row behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { submitAppeal } from '../../src/modules/appeal/server/appeal.intake.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';
import { as, type Session } from '../support/http.ts';
import { expectError, freshAddress, signIn } from '../support/spine.ts';

const ENV_KEY = 'env-configured-key-for-tests';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
type Format = 'json' | 'xml';

let db: TestDatabase;
let app: FastifyInstance;
let admin: Session;
let apiKey: string;
let community: { id: string; nameZh: string; lng: number; lat: number };

// ---- a strict little XML reader: well-formed or it throws; the five entities only ----

interface XmlNode { name: string; children: XmlNode[]; text: string }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function parseXml(xml: string): XmlNode {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>';
  if (!xml.startsWith(declaration)) throw new Error(`no XML declaration: ${xml.slice(0, 60)}`);
  const body = xml.slice(declaration.length).trim();
  const document: XmlNode = { name: '#document', children: [], text: '' };
  const stack = [document];
  const token = /<(\/?)([A-Za-z_][\w.-]*)(\/?)>|([^<]+)/y;
  while (token.lastIndex < body.length) {
    const at = token.lastIndex;
    const m = token.exec(body);
    if (!m) throw new Error(`not well-formed at ${at}: ${body.slice(at, at + 40)}`);
    const top = stack[stack.length - 1]!;
    if (m[4] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[4])) throw new Error(`bare & in ${m[4]}`);
      top.text += m[4].replace(/&(\w+);/g, (_, e: string) => ENTITIES[e]!);
    } else if (m[1]) {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const node: XmlNode = { name: m[2]!, children: [], text: '' };
      top.children.push(node);
      if (!m[3]) stack.push(node);
    }
  }
  if (stack.length !== 1 || document.children.length !== 1) throw new Error('unclosed elements or several roots');
  return document.children[0]!;
}

const kids = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name);
const kid = (node: XmlNode, name: string) => {
  const found = kids(node, name);
  if (found.length !== 1) throw new Error(`<${node.name}> has ${found.length} <${name}>`);
  return found[0]!;
};
const textOf = (node: XmlNode, name: string) => kid(node, name).text;

function xmlOf(response: LightMyRequestResponse, status = 200): XmlNode {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
  return parseXml(response.body);
}

// ---- requests and checks ----

const get = (url: string) => app.inject({ method: 'GET', url });

function post(format: Format, fields: Record<string, string>, options: { headers?: Record<string, string>; payload?: string; remoteAddress?: string } = {}) {
  return app.inject({
    method: 'POST', url: `/open311/v2/requests.${format}`, headers: options.headers ?? FORM,
    payload: options.payload ?? new URLSearchParams(fields).toString(), remoteAddress: options.remoteAddress ?? freshAddress(),
  });
}

const valid = () => ({ api_key: apiKey, service_code: 'noise', lat: String(community.lat), long: String(community.lng), description: '楼上装修噪音，晚上十点还在施工' });

/** An Open311 error in either format; every description must mention `mention`. */
function expectOpen311Error(response: LightMyRequestResponse, status: number, format: Format, mention?: string) {
  expect(response.statusCode, response.body).toBe(status);
  let errors: Array<{ code: number; description: string }>;
  if (format === 'json') {
    errors = response.json();
    expect(Array.isArray(errors), response.body).toBe(true);
  } else {
    const root = xmlOf(response, status);
    expect(root.name).toBe('errors');
    errors = kids(root, 'error').map((e) => ({ code: Number(textOf(e, 'code')), description: textOf(e, 'description') }));
  }
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.code).toBe(status);
    expect(e.description.length).toBeGreaterThan(0);
  }
  if (mention) expect(errors.map((e) => e.description).join(' | ')).toContain(mention);
  return errors;
}

const COUNTED = ['case', 'case_event', 'case_timer', 'appeal_record', 'person', 'outbox', 'audit_log'] as const;

async function rowCounts() {
  const counts = {} as Record<(typeof COUNTED)[number], number>;
  for (const table of COUNTED) {
    const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db.deps.db);
    counts[table] = Number(result.rows[0]!.n);
  }
  return counts;
}

/** Runs `attempt` and checks that it stored nothing at all. */
async function refusedWithoutTrace(attempt: () => Promise<void>) {
  const before = await rowCounts();
  await attempt();
  expect(await rowCounts()).toEqual(before);
}

async function caseByCode(code: string) {
  return db.deps.db.selectFrom('case').selectAll().where('trackingCode', '=', code).executeTakeFirstOrThrow();
}

function districtTime(utc: string) {
  return `${new Date(Date.parse(utc) + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

beforeAll(async () => {
  const previous = process.env.MINSHENG_OPEN311_KEYS;
  process.env.MINSHENG_OPEN311_KEYS = ` ${ENV_KEY} ,`;
  db = await openDemoDatabase();
  try {
    app = await buildApp(db.deps, { publicRateLimit: 10_000 });
  } finally {
    if (previous === undefined) delete process.env.MINSHENG_OPEN311_KEYS;
    else process.env.MINSHENG_OPEN311_KEYS = previous;
  }
  admin = await signIn(app, 'admin');
  const issued = await as(app, admin)({ method: 'POST', url: '/api/open311/keys', payload: { name: '街坊App' } });
  expect(issued.statusCode, issued.body).toBe(201);
  apiKey = issued.json().key;
  const row = await db.deps.db.selectFrom('jurisdiction').select(['id', 'nameZh', 'centroidLng', 'centroidLat']).where('code', '=', 'nk-ch-01').executeTakeFirstOrThrow();
  community = { id: row.id, nameZh: row.nameZh, lng: row.centroidLng!, lat: row.centroidLat! };
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('discovery, services and service definitions', () => {
  it('discovery names the specification, the endpoint and both formats', async () => {
    const json = await get('/open311/v2/discovery.json');
    expect(json.statusCode).toBe(200);
    const endpoint = json.json().endpoints[0];
    expect(endpoint).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] });
    expect(endpoint.url).toMatch(/\/open311\/v2$/);
    const xml = xmlOf(await get('/open311/v2/discovery.xml'));
    expect(xml.name).toBe('discovery');
    const formats = kids(kid(kid(kid(xml, 'endpoints'), 'endpoint'), 'formats'), 'format').map((f) => f.text);
    expect(formats).toEqual(['text/xml', 'application/json']);
  });

  it('services are the leaf categories, 噪音扰民 among them, in both formats', async () => {
    const services = (await get('/open311/v2/services.json')).json() as Array<Record<string, unknown>>;
    expect(services.find((s) => s.service_code === 'noise')).toMatchObject({ service_name: '噪音扰民', group: '社区生活', metadata: false, type: 'realtime' });
    expect(services.some((s) => s.service_code === 'community-life')).toBe(false);
    const xml = xmlOf(await get('/open311/v2/services.xml'));
    expect(xml.name).toBe('services');
    const noise = kids(xml, 'service').find((s) => textOf(s, 'service_code') === 'noise')!;
    expect(textOf(noise, 'service_name')).toBe('噪音扰民');
    expect(textOf(noise, 'metadata')).toBe('false');
    expect(kids(xml, 'service')).toHaveLength(services.length);
  });

  it('a service definition asks for no extra attributes; unknown codes and groups are 404', async () => {
    expect((await get('/open311/v2/services/noise.json')).json()).toEqual({ service_code: 'noise', attributes: [] });
    const xml = xmlOf(await get('/open311/v2/services/noise.xml'));
    expect(xml.name).toBe('service_definition');
    expect(textOf(xml, 'service_code')).toBe('noise');
    expect(kid(xml, 'attributes').children).toEqual([]);
    expectOpen311Error(await get('/open311/v2/services/no-such-thing.json'), 404, 'json', 'no-such-thing');
    expectOpen311Error(await get('/open311/v2/services/community-life.xml'), 404, 'xml', 'community-life');
    expectOpen311Error(await get('/open311/v2/services/noise.csv'), 404, 'json', '.json or .xml');
    expectOpen311Error(await get('/open311/v2/nothing-here.xml'), 404, 'xml');
  });
});

describe('posting a request and reading it back', () => {
  let code: string;

  it('a form-encoded POST with an api_key opens an appeal at the community and answers 201 with its id', async () => {
    const response = await post('json', { ...valid(), account_id: 'acct-7', media_url: 'https://example.org/photo.jpg' });
    expect(response.statusCode, response.body).toBe(201);
    const [created] = response.json();
    expect(created.service_request_id).toMatch(/^SQ\d{6}-[0-9A-Z]{6}$/);
    expect(created.account_id).toBe('acct-7');
    expect(created.service_notice).toContain(community.nameZh);
    code = created.service_request_id;
    const row = await caseByCode(code);
    expect(row.handlingUnitId).toBe(community.id);
    expect(JSON.parse(row.data)).toMatchObject({ channel: 'open311', categoryCode: 'noise' });
    const opened = await db.deps.db.selectFrom('auditLog').select('actorLabel').where('objectId', '=', row.id).where('action', '=', 'case.open').executeTakeFirstOrThrow();
    expect(opened.actorLabel).toBe('open311:街坊App');
  });

  it('reads it back by id: open, at the community, with the deadline and times in +08:00', async () => {
    const [request] = (await get(`/open311/v2/requests/${code}.json`)).json();
    const row = await caseByCode(code);
    expect(request).toMatchObject({
      service_request_id: code, status: 'open', service_code: 'noise', service_name: '噪音扰民', agency_responsible: community.nameZh,
      description: '楼上装修噪音，晚上十点还在施工', lat: community.lat, long: community.lng, status_notes: null,
      requested_datetime: districtTime(row.createdAt), expected_datetime: districtTime(JSON.parse(row.data).feedbackDueAt),
    });
    expect(request.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const lower = (await get(`/open311/v2/requests/${code.toLowerCase()}.xml`));
    const xml = xmlOf(lower);
    expect(xml.name).toBe('service_requests');
    expect(textOf(kid(xml, 'request'), 'agency_responsible')).toBe(community.nameZh);
  });

  it('in XML, with only an address_string naming the community, text is escaped and reads back unchanged', async () => {
    const description = '噪音<script>alert(1)</script>&"\'扰民';
    const before = await rowCounts();
    const response = await post('xml', {
      api_key: apiKey, service_code: 'noise', address_string: '长华里3号楼 <东门>', description, first_name: '三', last_name: '张', phone: '+86 139-1234-5678',
    });
    const root = xmlOf(response, 201);
    const id = textOf(kid(root, 'request'), 'service_request_id');
    expect(kid(kid(root, 'request'), 'account_id').children).toEqual([]);
    expect((await rowCounts()).person).toBe(before.person + 1);
    const read = await get(`/open311/v2/requests/${id}.xml`);
    expect(read.body).toContain('噪音&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&apos;扰民');
    const request = kid(xmlOf(read), 'request');
    expect(textOf(request, 'description')).toBe(description);
    expect(textOf(request, 'address')).toBe('长华里3号楼 <东门>');
    expect(textOf(request, 'agency_responsible')).toBe(community.nameZh);
    expect(kid(request, 'lat').children).toEqual([]);
    expect((await get(`/open311/v2/requests/${id}.json`)).json()[0].description).toBe(description);
  });

  it('accepts a key from MINSHENG_OPEN311_KEYS, and a JSON body', async () => {
    const response = await post('json', {}, { headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ ...valid(), api_key: ENV_KEY, lat: community.lat, long: community.lng }) });
    expect(response.statusCode, response.body).toBe(201);
    const row = await caseByCode(response.json()[0].service_request_id);
    const opened = await db.deps.db.selectFrom('auditLog').select('actorLabel').where('objectId', '=', row.id).where('action', '=', 'case.open').executeTakeFirstOrThrow();
    expect(opened.actorLabel).toBe('open311:MINSHENG_OPEN311_KEYS#1');
  });

  it('tokens: the case id as token gives the service_request_id', async () => {
    const row = await caseByCode(code);
    expect((await get(`/open311/v2/tokens/${row.id}.json`)).json()).toEqual([{ service_request_id: code, token: row.id }]);
    const xml = kid(xmlOf(await get(`/open311/v2/tokens/${row.id}.xml`)), 'request');
    expect(textOf(xml, 'service_request_id')).toBe(code);
    expect(textOf(xml, 'token')).toBe(row.id);
    expectOpen311Error(await get('/open311/v2/tokens/0190aaaa-0000-7000-8000-000000000000.json'), 404, 'json');
    expectOpen311Error(await get('/open311/v2/tokens/not-a-token.xml'), 404, 'xml');
  });
});

describe('listing by date, status and service; the life of a request to closed', () => {
  let code: string;
  let caseId: string;
  const list = async (query: string) => ((await get(`/open311/v2/requests.json?${query}`)).json() as Array<{ service_request_id: string; status: string }>);
  const ids = async (query: string) => (await list(query)).map((r) => r.service_request_id);

  beforeAll(async () => {
    const response = await post('json', { ...valid(), description: '广场舞音响太吵，每天晚上八点开始' });
    expect(response.statusCode, response.body).toBe(201);
    code = response.json()[0].service_request_id;
    caseId = (await caseByCode(code)).id;
  });

  it('lists by a date window, the default 90 days and status=open', async () => {
    expect(await ids('start_date=2026-03-01T00:00:00%2B08:00&end_date=2026-03-04T00:00:00Z')).toContain(code);
    expect(await ids('start_date=2026-02-01T00:00:00Z&end_date=2026-02-28T00:00:00Z')).toEqual([]);
    expect(await ids('')).toContain(code);
    expect(await ids('status=open')).toContain(code);
    expect(await ids('status=closed')).not.toContain(code);
    expect(await ids('service_code=water,heating')).toEqual([]);
    expect(await ids('service_code=noise&status=open,closed')).toContain(code);
    const all = await ids('');
    expect(await ids('page=1&page_size=1')).toEqual(all.slice(0, 1));
    expect(await ids('page=2&page_size=1')).toEqual(all.slice(1, 2));
    const xml = xmlOf(await get('/open311/v2/requests.xml?status=open'));
    expect(kids(xml, 'request').map((r) => textOf(r, 'service_request_id'))).toContain(code);
  });

  it('follows the appeal to a reply (status_notes) and to closed, with updated_after', async () => {
    const worker = await signIn(app, 'changhuali.worker');
    const act = async (payload: Record<string, unknown>) => {
      const response = await as(app, worker)({ method: 'POST', url: `/api/cases/${caseId}/commands`, payload });
      expect(response.statusCode, response.body).toBe(200);
    };
    db.clock.advance({ hours: 1 });
    await act({ type: 'sign_for' });
    await act({ type: 'reply', text: '已联系广场舞队，音响音量已调低并改到晚上七点结束。' });
    const [replied] = (await get(`/open311/v2/requests/${code}.json`)).json();
    expect(replied).toMatchObject({ status: 'open', status_notes: '已联系广场舞队，音响音量已调低并改到晚上七点结束。' });
    await act({ type: 'record_follow_up', rating: 'satisfied' });
    const [closed] = (await get(`/open311/v2/requests/${code}.json`)).json();
    expect(closed).toMatchObject({ status: 'closed', service_notice: '已联系广场舞队，音响音量已调低并改到晚上七点结束。', expected_datetime: null });
    expect(await ids('status=closed')).toEqual([code]);
    expect(await ids('status=open')).not.toContain(code);
    expect(await ids('updated_after=2026-03-03T09:30:00%2B08:00')).toEqual([code]);
    expect(await ids('updated_before=2026-03-03T09:30:00%2B08:00')).not.toContain(code);
    expect(await ids(`service_request_id=${code},NOPE-1`)).toEqual([code]);
  });

  it('an appeal its resident chose not to publish is left out of lists and shown without text or place by id', async () => {
    const hidden = await submitAppeal(db.deps, systemActor(db.deps.tenantId), {
      channel: 'hotline', categoryCode: 'noise', description: '隔壁夜里装修，我不想公开', location: { lng: community.lng, lat: community.lat }, address: '长华里5号楼501',
      hideIdentity: false, publish: false, attachmentIds: [],
    }, null);
    expect(await ids('')).not.toContain(hidden.trackingCode);
    const [byId] = (await get(`/open311/v2/requests/${hidden.trackingCode}.json`)).json();
    expect(byId).toMatchObject({ service_request_id: hidden.trackingCode, status: 'open', description: null, address: null, lat: null, long: null });
  });
});

describe('errors: 403/400/404/413/415 in the Open311 format, naming the field, storing nothing', () => {
  it('a missing or wrong api_key is 403, before any other check', async () => {
    await refusedWithoutTrace(async () => {
      const { api_key: _, ...rest } = valid();
      expectOpen311Error(await post('json', rest), 403, 'json', 'api_key');
      expectOpen311Error(await post('xml', { service_code: 'nope' }), 403, 'xml', 'api_key');
      expectOpen311Error(await post('json', { ...valid(), api_key: 'o311_guessed' }), 403, 'json', 'api_key');
      expectOpen311Error(await post('xml', { ...valid(), api_key: '' }), 403, 'xml', 'api_key');
    });
  });

  it('a revoked key is 403; keys are managed by administrators and shown only once', async () => {
    const keys = as(app, admin);
    const issued = await keys({ method: 'POST', url: '/api/open311/keys', payload: { name: '旧客户端' } });
    expect(issued.statusCode).toBe(201);
    const { id, key } = issued.json();
    expect((await post('json', { ...valid(), api_key: key })).statusCode).toBe(201);
    expect((await keys({ method: 'DELETE', url: `/api/open311/keys/${id}` })).statusCode).toBe(204);
    await refusedWithoutTrace(async () => {
      expectOpen311Error(await post('json', { ...valid(), api_key: key }), 403, 'json', 'api_key');
    });
    expectError(await keys({ method: 'DELETE', url: `/api/open311/keys/${id}` }), 404, 'not_found');
    const listed = await keys({ method: 'GET', url: '/api/open311/keys' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().configuredAtStart).toBe(1);
    expect(listed.json().items.find((k: { id: string }) => k.id === id)).toMatchObject({ name: '旧客户端', revokedAt: expect.any(String) });
    expect(listed.body).not.toContain(key);
    expect(listed.body).not.toContain('keyHash');
    const dispatcher = await signIn(app, 'dispatcher');
    expectError(await as(app, dispatcher)({ method: 'GET', url: '/api/open311/keys' }), 403, 'forbidden');
    expectError(await as(app, dispatcher)({ method: 'POST', url: '/api/open311/keys', payload: { name: 'x' } }), 403, 'forbidden');
    expectError(await app.inject({ method: 'POST', url: '/api/open311/keys', payload: { name: 'x' } }), 401, 'unauthenticated');
  });

  it('bad fields are 400 naming the field', async () => {
    await refusedWithoutTrace(async () => {
      expectOpen311Error(await post('json', { ...valid(), service_code: 'no-such-service' }), 400, 'json', 'service_code');
      expectOpen311Error(await post('xml', { ...valid(), service_code: 'community-life' }), 400, 'xml', 'service_code');
      const { description: _, ...noDescription } = valid();
      expectOpen311Error(await post('json', noDescription), 400, 'json', 'description');
      expectOpen311Error(await post('xml', { ...valid(), description: '吵' }), 400, 'xml', 'description');
      expectOpen311Error(await post('json', { ...valid(), description: '噪'.repeat(2001) }), 400, 'json', 'description');
      expectOpen311Error(await post('json', { ...valid(), lat: '39.0', long: '116.0' }), 400, 'json', 'lat/long');
      expectOpen311Error(await post('json', { ...valid(), lat: 'north' }), 400, 'json', 'lat');
      const { long: _long, ...latOnly } = valid();
      expectOpen311Error(await post('json', latOnly), 400, 'json', 'long');
      const { lat: _lat, long: _lng, ...nowhere } = valid();
      expectOpen311Error(await post('xml', nowhere), 400, 'xml', 'address_string');
      expectOpen311Error(await post('json', { ...nowhere, address_string: '某某路88号' }), 400, 'json', 'address_string');
      expectOpen311Error(await post('json', { ...valid(), phone: '12345' }), 400, 'json', 'phone');
      expectOpen311Error(await post('json', { ...valid(), email: 'not-an-address' }), 400, 'json', 'email');
    });
  });

  it('10 MB of text is 413, a text/plain body 415, malformed JSON 400', async () => {
    await refusedWithoutTrace(async () => {
      const huge = new URLSearchParams({ ...valid(), description: 'x'.repeat(10 * 1024 * 1024) }).toString();
      expectOpen311Error(await post('json', {}, { payload: huge }), 413, 'json');
      expectOpen311Error(await post('xml', {}, { payload: huge }), 413, 'xml');
      const plain = new URLSearchParams(valid()).toString();
      expectOpen311Error(await post('json', {}, { headers: { 'content-type': 'text/plain' }, payload: plain }), 415, 'json');
      expectOpen311Error(await post('xml', {}, { headers: { 'content-type': 'text/plain' }, payload: plain }), 415, 'xml');
      expectOpen311Error(await post('json', {}, { headers: { 'content-type': 'application/json' }, payload: '{"api_key":' }), 400, 'json');
    });
  });

  it('an unknown id is 404; bad dates and statuses are 400 naming the parameter', async () => {
    expectOpen311Error(await get('/open311/v2/requests/SQ000000-ZZZZZZ.json'), 404, 'json', 'SQ000000-ZZZZZZ');
    expectOpen311Error(await get('/open311/v2/requests/SQ000000-ZZZZZZ.xml'), 404, 'xml');
    expectOpen311Error(await get('/open311/v2/requests.json?start_date=yesterday'), 400, 'json', 'start_date');
    expectOpen311Error(await get('/open311/v2/requests.xml?end_date=2026-03-01'), 400, 'xml', 'end_date');
    expectOpen311Error(await get('/open311/v2/requests.json?start_date=2026-03-02T00:00:00Z&end_date=2026-03-01T00:00:00Z'), 400, 'json', 'end_date');
    expectOpen311Error(await get('/open311/v2/requests.json?status=pending'), 400, 'json', 'status');
    expectOpen311Error(await get('/open311/v2/requests.json?page_size=5000'), 400, 'json', 'page_size');
  });

  it('POST is rate-limited per address, answering 429 in the Open311 format', async () => {
    const remoteAddress = freshAddress();
    const responses = [];
    for (let i = 0; i < 61; i++) responses.push(await post('json', { api_key: 'o311_wrong' }, { remoteAddress }));
    expect(responses.slice(0, 60).every((r) => r.statusCode === 403)).toBe(true);
    expectOpen311Error(responses[60]!, 429, 'json');
  });
});
