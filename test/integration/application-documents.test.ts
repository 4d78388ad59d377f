// The application documents library on a real database (SQLite, and PostgreSQL under MINSHENG_TEST_ENGINE):
// issued inside the caller's transaction (and gone with it when it rolls back), verified in public by code with
// masked facts only, downloaded only by those who may read the case. The documents sit on a minimal case type
// here, so these tests do not depend on the application module's own state machine.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { buildApp } from '../../src/server/app.ts';
import { inTransaction } from '../../src/server/deps.ts';
import { openCase } from '../../src/server/core/cases/case.service.ts';
import type { CaseModule } from '../../src/server/core/cases/case-module.ts';
import { systemActor } from '../../src/shared/actor.ts';
import {
  DOCUMENT_TABLES, documentMigrations, documentRoutes, issueDocument, listDocuments, type DocumentInput,
} from '../../src/modules/application/server/documents/application-documents.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';
import { as, login } from '../support/http.ts';
import { residentSignIn } from '../support/spine.ts';
import { ticketModule } from '../support/ticket-module.ts';
import { demoResident, openWorld, upload, type World } from '../../src/modules/application/test/application.http-fixtures.ts';

/** The kernel's test case type carrying the documents' table and routes, as the application module does. */
const documentsHost: CaseModule = {
  ...(ticketModule as unknown as CaseModule),
  migrations: [...(ticketModule.migrations ?? []), ...documentMigrations],
  tables: [...(ticketModule.tables ?? []), ...DOCUMENT_TABLES],
  routes: documentRoutes,
};

const REDRESS = '如对本决定不服，可以自收到本决定之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。';
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{12}$/;

let db: TestDatabase;
let app: FastifyInstance;
let caseId: string;
let trackingCode: string;
let communityId: string;

function input(overrides: Partial<DocumentInput> = {}): DocumentInput {
  return {
    tenantId: db.deps.tenantId, caseId, trackingCode, kind: 'decision', serviceCode: 'JZZM', serviceName: '居住证明',
    applicantName: '测试乙丙', handlingUnitName: '长虹街道办事处', issuedAt: db.clock.now().toISOString(),
    body: { outcome: 'approved', redress: REDRESS },
    ...overrides,
  } as DocumentInput;
}

beforeAll(async () => {
  db = await openDemoDatabase({ modules: [documentsHost] });
  app = await buildApp(db.deps, { publicRateLimit: 10_000 });
  communityId = (await db.deps.db.selectFrom('jurisdiction').select('id').where('code', '=', 'nk-ch-01').executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function openCaseFor(requesterUserId: string | null) {
  const snapshot = await openCase(db.deps, systemActor(db.deps.tenantId), 'ticket',
    { type: 'open', title: '居住证明申请', jurisdictionId: communityId, requesterUserId, requesterPersonId: null } as never, null);
  return snapshot;
}

describe('issuing', () => {
  beforeAll(async () => {
    const snapshot = await openCaseFor(null);
    caseId = snapshot.id;
    trackingCode = snapshot.trackingCode;
  });

  it('stores the rendered PDF inside the caller\'s transaction and lists it', async () => {
    const issued = await inTransaction(db.deps, (trx) => issueDocument(trx, db.deps, input()));
    expect(issued.verificationCode).toMatch(CODE_SHAPE);
    const listed = await listDocuments(db.deps.db, db.deps.tenantId, caseId);
    expect(listed).toEqual([{ id: issued.id, kind: 'decision', verificationCode: issued.verificationCode, issuedAt: db.clock.now().toISOString() }]);
    const row = await db.deps.db.withTables<{ applicationDocument: { id: string; content: Buffer; sha256: string; size: number } }>()
      .selectFrom('applicationDocument').select(['content', 'sha256', 'size']).where('id', '=', issued.id).executeTakeFirstOrThrow();
    const content = Buffer.from(row.content);
    expect(content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(row.size).toBe(content.length);
    expect(row.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect((await PDFDocument.load(content)).getPageCount()).toBeGreaterThanOrEqual(1);
  });

  it('leaves no document when the transaction rolls back', async () => {
    const before = await listDocuments(db.deps.db, db.deps.tenantId, caseId);
    let code = '';
    await expect(inTransaction(db.deps, async (trx) => {
      code = (await issueDocument(trx, db.deps, input({ kind: 'certificate', body: { content: '特此证明。' } } as Partial<DocumentInput>))).verificationCode;
      throw new Error('the transition failed after the document was issued');
    })).rejects.toThrow('the transition failed');
    expect(await listDocuments(db.deps.db, db.deps.tenantId, caseId)).toEqual(before);
    expect((await app.inject({ method: 'GET', url: `/api/documents/verify/${code}` })).statusCode).toBe(404);
  });

  it('lists the documents of one transition in their logical order: the decision before its certificate', async () => {
    const certificate = await inTransaction(db.deps, async (trx) => {
      // Issued in the reverse order on purpose: the list does not depend on which one was written first.
      const c = await issueDocument(trx, db.deps, input({ kind: 'certificate', body: { content: '特此证明。' }, issuedAt: '2026-03-04T01:00:00.000Z' } as Partial<DocumentInput>));
      await issueDocument(trx, db.deps, input({ issuedAt: '2026-03-04T01:00:00.000Z' }));
      return c;
    });
    const listed = await listDocuments(db.deps.db, db.deps.tenantId, caseId);
    expect(listed.slice(-2).map((d) => d.kind)).toEqual(['decision', 'certificate']);
    expect(listed.at(-1)!.id).toBe(certificate.id);
  });

  it('draws a different code for every document', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 3; i++) codes.add((await inTransaction(db.deps, (trx) => issueDocument(trx, db.deps, input()))).verificationCode);
    expect(codes.size).toBe(3);
  });
});

describe('public verification', () => {
  it('shows the masked facts and the SHA-256 of the bytes served — nothing more', async () => {
    const snapshot = await openCaseFor(null);
    caseId = snapshot.id;
    trackingCode = snapshot.trackingCode;
    const issued = await inTransaction(db.deps, (trx) => issueDocument(trx, db.deps, input({
      kind: 'decision', body: { outcome: 'deemed_approved', missedDueOn: '2026-03-02', redress: REDRESS },
    } as Partial<DocumentInput>)));
    const response = await app.inject({ method: 'GET', url: `/api/documents/verify/${issued.verificationCode}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['applicantNameMasked', 'issuedOn', 'kind', 'outcome', 'serviceCode', 'serviceName', 'sha256', 'trackingCode']);
    expect(body).toMatchObject({
      kind: 'decision', outcome: 'deemed_approved', serviceCode: 'JZZM', serviceName: '居住证明', trackingCode, applicantNameMasked: '测**', issuedOn: '2026-03-03',
    });
    expect(response.body).not.toContain('测试乙丙');

    // The fingerprint is that of the file staff download.
    const staff = await login(app, 'changhuali.worker');
    const pdf = await as(app, staff)({ method: 'GET', url: `/api/applications/${caseId}/documents/${issued.id}.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(body.sha256).toBe(createHash('sha256').update(pdf.rawPayload).digest('hex'));

    // As a person may type it: lower case, grouped with hyphens.
    const typed = issued.verificationCode.toLowerCase().replace(/(.{4})(?=.)/g, '$1-');
    expect((await app.inject({ method: 'GET', url: `/api/documents/verify/${typed}` })).json().sha256).toBe(body.sha256);
  });

  it('answers an unknown or malformed code with "not found" in the standard error shape', async () => {
    for (const code of ['ZZZZZZZZZZZZ', 'not-a-code', 'U'.repeat(12)]) {
      const response = await app.inject({ method: 'GET', url: `/api/documents/verify/${code}` });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });

  it('is described in the OpenAPI document', async () => {
    const paths = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths as Record<string, unknown>;
    expect(Object.keys(paths)).toContain('/api/documents/verify/{code}');
    expect(Object.keys(paths).some((p) => p.startsWith('/api/applications/{id}/documents/'))).toBe(true);
  });
});

describe('download', () => {
  let residentCaseId: string;
  let documentId: string;
  let resident: Awaited<ReturnType<typeof residentSignIn>>;

  beforeAll(async () => {
    resident = await residentSignIn(app, db, '13800000017');
    const snapshot = await openCaseFor(resident.user.id);
    residentCaseId = snapshot.id;
    documentId = (await inTransaction(db.deps, (trx) => issueDocument(trx, db.deps, { ...input(), caseId: residentCaseId, trackingCode: snapshot.trackingCode }))).id;
  });

  const url = () => `/api/applications/${residentCaseId}/documents/${documentId}.pdf`;

  it('serves the PDF to the applicant, unaudited', async () => {
    const response = await as(app, resident)({ method: 'GET', url: url() });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const audits = await db.deps.db.selectFrom('auditLog').select('action').where('objectId', '=', documentId).execute();
    expect(audits).toEqual([]);
  });

  it('serves it to staff who may read the case, and audits the look', async () => {
    const staff = await login(app, 'changhuali.worker');
    const response = await as(app, staff)({ method: 'GET', url: url() });
    expect(response.statusCode).toBe(200);
    const audits = await db.deps.db.selectFrom('auditLog').select(['action', 'actorId', 'objectType']).where('objectId', '=', documentId).execute();
    expect(audits).toEqual([{ action: 'person.view', actorId: staff.user.id, objectType: 'application_document' }]);
  });

  it('answers "not found" to anyone else, and for a document of another case', async () => {
    expect((await app.inject({ method: 'GET', url: url() })).statusCode).toBe(404);
    const otherStreet = await login(app, 'gulou.worker');
    expect((await as(app, otherStreet)({ method: 'GET', url: url() })).statusCode).toBe(404);
    const otherResident = await residentSignIn(app, db, '13800000018');
    const foreign = await as(app, otherResident)({ method: 'GET', url: url() });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');
    const mismatched = await as(app, resident)({ method: 'GET', url: `/api/applications/${residentCaseId}/documents/${caseId}.pdf` });
    expect(mismatched.statusCode).toBe(404);
  });
});

describe('with the application module', () => {
  let world: World;

  beforeAll(async () => {
    world = await openWorld('2026-03-03T01:00:00.000Z');
  }, 60_000);
  afterAll(async () => world?.close());

  it('the acceptance issues an acknowledgement the applicant downloads and anyone can verify', async () => {
    const resident = await world.resident(demoResident(0).phone);
    const worker = await world.staff('changhuali.worker');
    const materials = [];
    for (const code of ['id_card', 'deed', 'plan']) materials.push({ code, attachmentIds: [await upload(resident, code)] });
    const applied = await resident.post('/api/applications', {
      serviceCode: 'XXZXBA', placeId: world.unit('nk-ch-01').id, materials,
      applicant: { kind: 'person', name: demoResident(0).name, idNumber: demoResident(0).idNumber, phone: demoResident(0).phone },
    });
    expect(applied.statusCode).toBe(201);
    const { id, trackingCode: code } = applied.json() as { id: string; trackingCode: string };
    expect((await worker.post(`/api/cases/${id}/commands`, { type: 'accept' })).statusCode).toBe(200);

    const documents = await listDocuments(world.db.deps.db, world.db.deps.tenantId, id);
    expect(documents.map((d) => d.kind)).toEqual(['acknowledgement']);
    const pdf = await resident.get(`/api/applications/${id}/documents/${documents[0]!.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    const parsed = await PDFDocument.load(pdf.rawPayload);
    expect(parsed.getTitle()).toBe('受理通知书');
    expect((await world.anonymous.get(`/api/applications/${id}/documents/${documents[0]!.id}.pdf`)).statusCode).toBe(404);
    // Staff reading it is a look at the applicant's data, which the applicant can see.
    expect((await worker.get(`/api/applications/${id}/documents/${documents[0]!.id}.pdf`)).statusCode).toBe(200);
    const log = (await resident.get('/api/me/data-access')).json() as { items: Array<{ action: string; viewer: string; fields: string[] }> };
    expect(log.items).toContainEqual(expect.objectContaining({ action: 'person.view', fields: ['name'] }));
    expect((await (await world.staff('gulou.worker')).get(`/api/applications/${id}/documents/${documents[0]!.id}.pdf`)).statusCode).toBe(404);

    const verified = await world.anonymous.get(`/api/documents/verify/${documents[0]!.verificationCode}`);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ kind: 'acknowledgement', serviceCode: 'XXZXBA', trackingCode: code, outcome: null, sha256: createHash('sha256').update(pdf.rawPayload).digest('hex') });
    expect(verified.json().applicantNameMasked).not.toBe(demoResident(0).name);
    expect(verified.body).not.toContain(demoResident(0).name);
  });
});
