// Keeps the module's rows in step with every transition, in the kernel's transaction: the inbox's
// application_record, the files handed in per material (claimed from the uploads, so a wrong id refuses the
// whole application), and the documents the applicant is owed — the acknowledgement at acceptance, the notice
// of missing materials, the decision, and the certificate with a grant.
import type { AppliedEvent, DecideContext } from '../../../server/core/cases/case-module.ts';
import type { Db, Deps } from '../../../server/deps.ts';
import { newId } from '../../../shared/ids.ts';
import { toLocalDate } from '../../../shared/time/local-date.ts';
import { claimAttachments } from '../../../server/core/attachments/attachment.service.ts';
import { APPLICATION_STATES, pendingOpinionUnits, type ApplicationSnapshot } from '../shared/application.machine.ts';
import { DEFAULT_REDRESS, type MaterialsInput } from '../shared/application.schemas.ts';
import { applicationDb } from './application-service.repository.ts';
import { issueDocument, type DocumentInput } from './documents/application-documents.ts';

async function storeMaterials(trx: Db, deps: Deps, s: ApplicationSnapshot, materials: MaterialsInput, round: number, at: string) {
  const names = new Map(s.data.materialCatalogue.map((m) => [m.code, m.name]));
  const rows = [];
  for (const [i, m] of materials.entries()) {
    await claimAttachments(trx, deps, s.id, m.attachmentIds, `body.materials.${i}.attachmentIds`);
    for (const attachmentId of m.attachmentIds) {
      rows.push({ id: newId(), tenantId: deps.tenantId, caseId: s.id, code: m.code, name: names.get(m.code) ?? m.code, attachmentId, round, createdAt: at });
    }
  }
  if (rows.length) await applicationDb(trx).insertInto('applicationMaterial').values(rows).execute();
}

function localDay(iso: string | null | undefined): string {
  return iso ? toLocalDate(new Date(iso)) : '';
}

function chineseDate(iso: string): string {
  const [y, m, d] = localDay(iso).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The documents these events owe the applicant. */
export function documentsFor(s: ApplicationSnapshot, events: AppliedEvent[], handlingUnitName: string): Array<Pick<DocumentInput, 'kind' | 'body' | 'issuedAt'>> {
  const d = s.data;
  const out: Array<Pick<DocumentInput, 'kind' | 'body' | 'issuedAt'>> = [];
  for (const e of events) {
    const data = e.data as Record<string, any>;
    switch (e.type) {
      case 'accepted':
        out.push({
          kind: 'acknowledgement', issuedAt: e.at,
          body: { acceptedOn: localDay(data.decisionStartedAt), implicit: Boolean(data.implicit), periodWorkingDays: Number(data.periodDays), decisionDueOn: localDay(data.decisionDueAt), deemedApproval: d.deemedApproval, redress: DEFAULT_REDRESS },
        });
        break;
      case 'materials_requested':
        out.push({
          kind: 'missing_materials', issuedAt: e.at,
          body: { missing: (data.missing as Array<{ name: string }>).map((m) => ({ name: m.name })), note: String(data.note), ...(data.resubmitBy ? { resubmitBy: String(data.resubmitBy) } : {}) },
        });
        break;
      case 'approved':
        out.push({ kind: 'decision', issuedAt: e.at, body: { outcome: 'approved', ...(data.note ? { reasons: String(data.note) } : {}), redress: DEFAULT_REDRESS } });
        out.push({ kind: 'certificate', issuedAt: e.at, body: { content: data.certificateText ? String(data.certificateText) : `${d.applicant.name}申请的「${d.serviceName}」事项，经${handlingUnitName}审查，于${chineseDate(e.at)}准予办理。特此证明。` } });
        break;
      case 'rejected':
        out.push({ kind: 'decision', issuedAt: e.at, body: { outcome: 'rejected', reasons: String(data.reasons), redress: String(data.redress) } });
        break;
      case 'deemed_approved':
        out.push({ kind: 'decision', issuedAt: e.at, body: { outcome: 'deemed_approved', missedDueOn: localDay(data.missedDueAt), redress: String(data.redress) } });
        out.push({
          kind: 'certificate', issuedAt: e.at,
          body: { content: `${d.applicant.name}申请的「${d.serviceName}」事项，${handlingUnitName}未在法定期限（${chineseDate(String(data.missedDueAt))}）内作出决定，依照超时默许规定，自${chineseDate(e.at)}起视为准予。特此证明。` },
        });
        break;
      default:
        break;
    }
  }
  return out;
}

export async function projectApplication(trx: Db, deps: Deps, s: ApplicationSnapshot, events: AppliedEvent[], ctx: DecideContext) {
  const db = applicationDb(trx);
  const d = s.data;
  const stateCategory = APPLICATION_STATES[s.state as keyof typeof APPLICATION_STATES];
  for (const e of events) {
    if (e.type === 'submitted') {
      await db.insertInto('applicationRecord').values({
        id: s.id, tenantId: deps.tenantId, serviceCode: d.serviceCode, serviceName: d.serviceName, handlingUnitId: s.handlingUnitId, channel: d.channel,
        state: s.state, stateCategory, deemedApproval: d.deemedApproval ? 1 : 0, jointUnitIds: d.jointUnitIds.join(' '), pendingOpinionUnitIds: '',
        submittedAt: e.at, acceptedAt: null, decisionDueAt: null, decidedAt: null, outcome: null, decidedOnTime: null, overdue: 0, searchText: '',
      }).execute();
      await storeMaterials(trx, deps, s, d.materials, 1, e.at);
    }
    if (e.type === 'resubmitted') await storeMaterials(trx, deps, s, (e.data as { materials: MaterialsInput }).materials, 2, e.at);
  }
  const decided = events.find((e) => e.type === 'approved' || e.type === 'rejected' || e.type === 'deemed_approved');
  const decidedDue = decided ? ((decided.data as { dueAt?: string | null }).dueAt ?? null) : null;
  await db.updateTable('applicationRecord').set({
    state: s.state, stateCategory, handlingUnitId: s.handlingUnitId, acceptedAt: d.acceptedAt, decisionDueAt: d.decisionDueAt,
    pendingOpinionUnitIds: s.state === 'under_review' ? pendingOpinionUnits(d).join(' ') : '',
    overdue: d.overdue ? 1 : 0,
    searchText: [s.trackingCode, s.title, d.serviceCode, d.serviceName].join(' '),
    ...(decided && {
      decidedAt: decided.at, outcome: d.decision?.outcome ?? null,
      decidedOnTime: decided.type === 'deemed_approved' ? 0 : decidedDue === null || decided.at <= decidedDue ? 1 : 0,
    }),
  }).where('id', '=', s.id).execute();

  const unitName = ctx.directory.get(s.handlingUnitId)?.nameZh ?? '';
  for (const doc of documentsFor(s, events, unitName)) {
    await issueDocument(trx, deps, {
      tenantId: deps.tenantId, caseId: s.id, trackingCode: s.trackingCode, serviceCode: d.serviceCode, serviceName: d.serviceName,
      applicantName: d.applicant.name, handlingUnitName: unitName, ...doc,
    } as DocumentInput);
  }
}
