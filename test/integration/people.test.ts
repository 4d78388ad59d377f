// Personal data: encrypted at rest, masked in responses, revealed only with a stated purpose, and every
// look shown to the resident concerned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { DEMO_RESIDENTS, DEMO_STAFF } from '../../src/server/core/jurisdictions/demo-district.data.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';
import { as, type Session } from '../support/http.ts';
import { expectError, issueFields, rawRows, residentSignIn, signIn } from '../support/spine.ts';

let db: TestDatabase;
let app: FastifyInstance;
let worker: Session;
let personId: string;
// 李秀英 lives in 长华里社区 (nk-ch-01), where changhuali.worker is the community worker.
const resident = DEMO_RESIDENTS.find((r) => r.phone === '19900010001')!;
const workerName = DEMO_STAFF.find((s) => s.username === 'changhuali.worker')!.displayName;
const PURPOSE = '核实低保申请人身份';

beforeAll(async () => {
  db = await openDemoDatabase();
  app = await buildApp(db.deps, { publicRateLimit: 10_000 });
  worker = await signIn(app, 'changhuali.worker');
  const row = await db.deps.db.selectFrom('person').select('id').where('phoneIndex', '=', db.deps.cipher.blindIndex('phone', resident.phone)).executeTakeFirstOrThrow();
  personId = row.id;
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const view = (session: Session) => as(app, session)({ method: 'GET', url: `/api/people/${personId}` });
const reveal = (session: Session, payload: Record<string, unknown>) => as(app, session)({ method: 'POST', url: `/api/people/${personId}/reveal`, payload });

describe('GET /api/people/:id', () => {
  it('shows a person to the worker of their community, masked', async () => {
    expect(resident).toMatchObject({ name: '李秀英', idNumber: '120104194205171003', address: '南开区长华里3号楼2门501', communityCode: 'nk-ch-01' });
    const response = await view(worker);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: personId, synthetic: true, name: '李**', phone: '199****0001', email: null, idNumber: '1201**********1003', address: '南开区长华里***',
      abilities: { reveal: true },
    });
    for (const clear of [resident.name, resident.phone, resident.idNumber, resident.address]) expect(response.body).not.toContain(clear);
  });

  it('is "not found" for a worker of another community and a handler of another street', async () => {
    for (const username of ['gulou.worker', 'gulou.handler']) {
      expectError(await view(await signIn(app, username)), 404, 'not_found');
    }
    // The handler of the person's own street reaches them.
    expect((await view(await signIn(app, 'changhong.handler'))).statusCode).toBe(200);
  });

  it('a leader reads the masked record but may not reveal it', async () => {
    const leader = await signIn(app, 'leader');
    const response = await view(leader);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: '李**', abilities: { reveal: false } });
    expect(expectError(await reveal(leader, { fields: ['name'], purpose: PURPOSE }), 403, 'forbidden').details).toEqual({ permission: 'person.reveal' });
  });
});

describe('POST /api/people/:id/reveal', () => {
  it('needs a stated purpose, naming body.purpose', async () => {
    expect(issueFields(expectError(await reveal(worker, { fields: ['name'] }), 400, 'validation_failed'))).toEqual(['body.purpose']);
    expect(issueFields(expectError(await reveal(worker, { fields: ['name'], purpose: '  看看 ' }), 400, 'validation_failed'))).toEqual(['body.purpose']);
    const looks = await db.deps.db.selectFrom('auditLog').select('seq').where('action', '=', 'person.reveal').execute();
    expect(looks).toEqual([]);
  });

  it('with a purpose gives the clear values asked for and writes an audit row with the purpose and the subject', async () => {
    const response = await reveal(worker, { fields: ['name', 'phone', 'idNumber'], purpose: PURPOSE });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: '李秀英', phone: '19900010001', idNumber: '120104194205171003' });
    const row = await db.deps.db.selectFrom('auditLog').selectAll().where('requestId', '=', String(response.headers['x-request-id'])).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'person.reveal', result: 'ok', actorLabel: 'changhuali.worker', objectType: 'person', objectId: personId, subjectPersonId: personId });
    expect(JSON.parse(row.detail)).toEqual({ fields: ['name', 'phone', 'idNumber'], purpose: PURPOSE });
    // The audit row holds the purpose, not the values.
    expect(JSON.stringify(row)).not.toContain('李秀英');
  });

  it('an auditor cannot reveal (403), nor read the person', async () => {
    const auditor = await signIn(app, 'auditor');
    expect(expectError(await reveal(auditor, { fields: ['name'], purpose: PURPOSE }), 403, 'forbidden').details).toEqual({ permission: 'person.reveal' });
    expect(expectError(await view(auditor), 403, 'forbidden').details).toEqual({ permission: 'person.read' });
  });

  it('a worker out of reach gets "not found", and the attempt is logged as denied', async () => {
    const other = await signIn(app, 'gulou.worker');
    const response = await reveal(other, { fields: ['phone'], purpose: '想联系她' });
    expectError(response, 404, 'not_found');
    expect(response.body).not.toContain(resident.phone);
    const row = await db.deps.db.selectFrom('auditLog').selectAll().where('requestId', '=', String(response.headers['x-request-id'])).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'person.reveal', result: 'denied', actorLabel: 'gulou.worker', subjectPersonId: personId });
  });
});

describe('GET /api/me/data-access', () => {
  it('shows the resident who looked at their data, which fields and why', async () => {
    const me = await residentSignIn(app, db, resident.phone);
    const response = await as(app, me)({ method: 'GET', url: '/api/me/data-access' });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ action: string; result: string; viewer: string; fields: string[]; purpose: string | null }>;
    expect(items).toContainEqual(expect.objectContaining({ action: 'person.reveal', result: 'ok', viewer: workerName, fields: ['name', 'phone', 'idNumber'], purpose: PURPOSE }));
    expect(items).toContainEqual(expect.objectContaining({ action: 'person.view', result: 'ok', viewer: workerName, fields: [], purpose: null }));
  });

  it('shows another resident nothing of it', async () => {
    const neighbour = await residentSignIn(app, db, '19900010002');
    const items = (await as(app, neighbour)({ method: 'GET', url: '/api/me/data-access' })).json().items as Array<{ purpose: string | null }>;
    expect(items).toEqual([]);
  });

  it('needs a signed-in caller', async () => {
    expectError(await app.inject({ method: 'GET', url: '/api/me/data-access' }), 401, 'unauthenticated');
  });
});

describe('at rest', () => {
  const clearValues = (r: (typeof DEMO_RESIDENTS)[number]) => [['name', r.name], ['phone', r.phone], ['ID number', r.idNumber], ['address', r.address]] as const;

  it('person rows hold no demo resident\'s name, phone, ID number or address in clear, only ciphertexts and blind indexes', async () => {
    const rows = await rawRows(db, 'person');
    expect(rows.length).toBeGreaterThanOrEqual(DEMO_RESIDENTS.length);
    const stored = JSON.stringify(rows);
    for (const r of DEMO_RESIDENTS) for (const [what, value] of clearValues(r)) expect(stored, `${what} of ${r.phone}`).not.toContain(value);
    // The values are there, sealed: the key opens them.
    const own = await db.deps.db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    expect([own.nameEnc, own.phoneEnc, own.idNumberEnc, own.addressEnc].map((v) => db.deps.cipher.decrypt(v!))).toEqual([resident.name, resident.phone, resident.idNumber, resident.address]);
  });

  it('no table holds a demo resident\'s name, phone, ID number or address in clear', async () => {
    // On PostgreSQL the introspection also sees the schemas of tests running alongside: keep our own.
    const ownSchema = db.schema;
    const tables = [...new Set((await db.deps.db.introspection.getTables())
      .filter((t) => !ownSchema || t.schema === ownSchema).map((t) => t.name))].filter((n) => !n.startsWith('schema_migration'));
    expect(tables).toContain('app_user');
    const hits: string[] = [];
    for (const table of tables) {
      for (const row of await rawRows(db, table)) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value !== 'string') continue;
          for (const r of DEMO_RESIDENTS) for (const [what, clear] of clearValues(r)) if (value.includes(clear)) hits.push(`${table}.${column} holds the ${what} of resident ${r.phone}`);
        }
      }
    }
    expect([...new Set(hits)].slice(0, 10)).toEqual([]);
  });
});
