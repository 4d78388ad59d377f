// The application's written documents (受理通知书, 补正材料通知书, 决定书, 证明): rendered as PDF with an
// embedded Chinese font inside the transition's transaction, stored with the SHA-256 of their bytes and a
// public verification code. Anyone holding a printed copy can check it at /portal/verify/<code>; the answer
// carries only the public facts (masked applicant name), never the document.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { NamedMigration } from '../../../../server/platform/db/migrator.ts';
import { auditOnly, type Db, type Deps } from '../../../../server/deps.ts';
import type { App } from '../../../../server/platform/http/app-types.ts';
import { findVisibleCase } from '../../../../server/core/cases/case.repository.ts';
import { notFound } from '../../../../shared/errors.ts';
import { newId, randomCode } from '../../../../shared/ids.ts';
import { auditedBy } from '../../../../shared/actor.ts';
import { maskName } from '../../../../shared/masking.ts';
import { toLocalDate } from '../../../../shared/time/local-date.ts';
import { renderDocumentPdf, renderTemplatePdf } from './document-pdf.ts';

export type DocumentKind = 'acknowledgement' | 'missing_materials' | 'decision' | 'certificate';
export const DOCUMENT_KINDS = ['acknowledgement', 'missing_materials', 'decision', 'certificate'] as const satisfies readonly DocumentKind[];

export interface AcknowledgementBody {
  /** 'YYYY-MM-DD' */
  acceptedOn: string;
  /** accepted because no notice of missing materials came within the period (Art. 32) */
  implicit: boolean;
  periodWorkingDays: number;
  /** 'YYYY-MM-DD' */
  decisionDueOn: string;
  /** the service is flagged 超时默许 */
  deemedApproval: boolean;
  redress: string;
}
export interface MissingMaterialsBody { missing: Array<{ name: string; note?: string }>; note?: string; resubmitBy?: string }
export interface DecisionBody {
  outcome: 'approved' | 'rejected' | 'deemed_approved';
  reasons?: string;
  /** 'YYYY-MM-DD', for a deemed approval: the due date no decision was made by */
  missedDueOn?: string;
  redress: string;
}
export interface CertificateBody { content: string }

interface DocumentCommon {
  tenantId: string;
  caseId: string;
  trackingCode: string;
  serviceCode: string;
  serviceName: string;
  /** the applicant's full name: printed in the document, masked everywhere it is shown publicly */
  applicantName: string;
  handlingUnitName: string;
  /** ISO instant; also the PDF's creation date, so a re-render is byte-stable */
  issuedAt: string;
}
export type DocumentInput = DocumentCommon & (
  | { kind: 'acknowledgement'; body: AcknowledgementBody }
  | { kind: 'missing_materials'; body: MissingMaterialsBody }
  | { kind: 'decision'; body: DecisionBody }
  | { kind: 'certificate'; body: CertificateBody });

/** What the public verification shows: nothing beyond these. */
export interface DocumentPublicFacts {
  kind: DocumentKind;
  serviceCode: string;
  serviceName: string;
  trackingCode: string;
  /** the decision's outcome; null for other kinds */
  outcome: DecisionBody['outcome'] | null;
  applicantNameMasked: string;
  /** 'YYYY-MM-DD' in the district's zone */
  issuedOn: string;
}

export interface ApplicationDocumentTable {
  id: string;
  tenantId: string;
  caseId: string;
  kind: DocumentKind;
  verificationCode: string;
  sha256: string;
  size: number;
  content: Buffer;
  issuedAt: string;
  /** JSON: DocumentPublicFacts */
  facts: string;
}
export type DocumentTables = { applicationDocument: ApplicationDocumentTable };

function documentDb(db: Db): Kysely<DocumentTables & { case: { id: string; tenantId: string; requesterPersonId: string | null } }> {
  return db.withTables<DocumentTables>() as unknown as Kysely<DocumentTables & { case: { id: string; tenantId: string; requesterPersonId: string | null } }>;
}

/** Backup order (Kysely names); the table references case. */
export const DOCUMENT_TABLES: string[] = ['applicationDocument'];

export const documentMigrations: NamedMigration[] = [{
  name: '20261126_0210_application_documents',
  async up(db, engine) {
    await db.schema.createTable('application_document')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull().references('case.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      // Unique across tenants: verification is public and has no tenant context.
      .addColumn('verification_code', 'text', (c) => c.notNull().unique())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('facts', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('application_document_case_idx').on('application_document').columns(['tenant_id', 'case_id', 'issued_at']).execute();
  },
  async down(db) {
    await db.schema.dropTable('application_document').ifExists().execute();
  },
}];

export const VERIFICATION_CODE_LENGTH = 12;
/** Crockford base 32 (no I, L, O, U); see randomCode. */
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{12}$/;

/** A code as a person typed it: case, spaces and hyphens ignored, and the look-alikes read as Crockford does. */
export function normalizeVerificationCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

export function verifyPath(code: string): string {
  return `/portal/verify/${code}`;
}

function publicFacts(input: DocumentInput): DocumentPublicFacts {
  return {
    kind: input.kind, serviceCode: input.serviceCode, serviceName: input.serviceName, trackingCode: input.trackingCode,
    outcome: input.kind === 'decision' ? input.body.outcome : null,
    applicantNameMasked: maskName(input.applicantName),
    issuedOn: toLocalDate(new Date(input.issuedAt)),
  };
}

async function freshCode(trx: Db): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = randomCode(VERIFICATION_CODE_LENGTH);
    const taken = await documentDb(trx).selectFrom('applicationDocument').select('id').where('verificationCode', '=', code).executeTakeFirst();
    if (!taken) return code;
  }
  throw new Error('Could not draw an unused verification code');
}

/** Renders the document and stores it in the caller's transaction: it exists exactly when the transition does. */
export async function issueDocument(trx: Db, deps: Deps, input: DocumentInput): Promise<{ id: string; verificationCode: string }> {
  const verificationCode = await freshCode(trx);
  const content = Buffer.from(await renderDocumentPdf(input, verificationCode, verifyUrl(verificationCode)));
  const id = newId(deps.clock.now().getTime());
  await documentDb(trx).insertInto('applicationDocument').values({
    id, tenantId: input.tenantId, caseId: input.caseId, kind: input.kind, verificationCode,
    sha256: createHash('sha256').update(content).digest('hex'), size: content.length, content,
    issuedAt: input.issuedAt, facts: JSON.stringify(publicFacts(input)),
  }).execute();
  return { id, verificationCode };
}

/** The address printed and put in the QR code: absolute when the deployment states its public address. */
function verifyUrl(code: string): string {
  const base = (process.env.MINSHENG_PUBLIC_URL ?? '').replace(/\/+$/, '');
  return `${base}${verifyPath(code)}`;
}

/** A case's documents in the order issued; those of one transition (a decision and its certificate) in their logical order. */
export async function listDocuments(db: Db, tenantId: string, caseId: string): Promise<Array<{ id: string; kind: DocumentKind; verificationCode: string; issuedAt: string }>> {
  const rows = await documentDb(db).selectFrom('applicationDocument').select(['id', 'kind', 'verificationCode', 'issuedAt'])
    .where('tenantId', '=', tenantId).where('caseId', '=', caseId).orderBy('issuedAt').orderBy('id').execute();
  const rank = (kind: DocumentKind) => DOCUMENT_KINDS.indexOf(kind);
  const order = (a: { issuedAt: string; kind: DocumentKind; id: string }, b: typeof a) =>
    (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : rank(a.kind) - rank(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.sort(order);
}

export async function renderMaterialTemplate(
  service: { code: string; name: string },
  material: { code: string; name: string; templateText?: string | null | undefined; note?: string | null | undefined },
): Promise<Buffer> {
  return Buffer.from(await renderTemplatePdf(service, material));
}

const verification = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  serviceCode: z.string(),
  serviceName: z.string(),
  trackingCode: z.string(),
  outcome: z.enum(['approved', 'rejected', 'deemed_approved']).nullable(),
  applicantNameMasked: z.string(),
  issuedOn: z.string(),
  sha256: z.string().describe('SHA-256 (hex) of the PDF as issued; compare with the copy at hand'),
});

export async function documentRoutes(app: App, deps: Deps): Promise<void> {
  app.get('/api/documents/verify/:code', {
    config: { rateLimit: {} },
    schema: {
      tags: ['applications'], summary: 'Check a document by the verification code printed on it (public; masked facts only)',
      params: z.strictObject({ code: z.string().min(1).max(40) }),
      response: { 200: verification },
    },
  }, async (request) => {
    const code = normalizeVerificationCode(request.params.code);
    if (!CODE_SHAPE.test(code)) throw notFound('Document');
    const row = await documentDb(deps.db).selectFrom('applicationDocument').select(['sha256', 'facts'])
      .where('tenantId', '=', deps.tenantId).where('verificationCode', '=', code).executeTakeFirst();
    if (!row) throw notFound('Document');
    const facts = JSON.parse(row.facts) as DocumentPublicFacts;
    return {
      kind: facts.kind, serviceCode: facts.serviceCode, serviceName: facts.serviceName, trackingCode: facts.trackingCode,
      outcome: facts.outcome, applicantNameMasked: facts.applicantNameMasked, issuedOn: facts.issuedOn, sha256: row.sha256,
    };
  });

  app.get('/api/applications/:id/documents/:documentId.pdf', {
    schema: {
      tags: ['applications'], summary: 'Download a document of an application (the applicant, and staff who may read the case)',
      params: z.strictObject({ id: z.uuid(), documentId: z.uuid() }),
    },
  }, async (request, reply) => {
    const { actor } = request;
    const visible = actor.kind === 'anonymous' ? undefined : await findVisibleCase(deps.db, deps.tenantId, actor, request.params.id, false);
    if (!visible) throw notFound('Document');
    const row = await documentDb(deps.db).selectFrom('applicationDocument').select(['id', 'kind', 'content', 'verificationCode'])
      .where('tenantId', '=', deps.tenantId).where('caseId', '=', request.params.id).where('id', '=', request.params.documentId).executeTakeFirst();
    if (!row) throw notFound('Document');
    // The PDF carries the applicant's unmasked name: a look by staff is a look at personal data, logged as the
    // kernel logs one (person.view), so it shows in the resident's "who viewed my data" (DOMAIN.md §4).
    // The applicant reading their own papers is not logged.
    if (actor.kind === 'staff') {
      await auditOnly(deps, [{
        ...auditedBy(actor), action: 'person.view', objectType: 'application_document', objectId: row.id,
        subjectPersonId: visible.requesterPersonId, requestId: request.id,
        detail: { fields: ['name'], purpose: `document ${row.kind} of ${visible.trackingCode}`, caseId: visible.id, kind: row.kind },
      }]);
    }
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `inline; filename="${visible.trackingCode}-${row.kind}.pdf"`);
    reply.header('cache-control', 'private, no-store');
    return reply.send(Buffer.from(row.content));
  });
}
