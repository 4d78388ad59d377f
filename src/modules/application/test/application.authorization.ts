// The application module's rows of the authorization matrix (test/integration/authorization-matrix.test.ts, which
// collects this file), following docs/case-types/application.md "API": the catalogue, its templates and document
// verification are public; editing the catalogue is the district's (settings.manage there); applying online is a
// signed-in resident's; the counter is case.act at the handling unit; the inbox is case.read for staff and one's own
// for residents; lapses are case.supervise; one application and its documents are the applicant's and reachable
// staff's, "not found" for anyone else; an opinion is a joint unit's.
//
// The module's world, beside the matrix's (see the test's header):
//   application B   the owner's online 小型装修备案 (XXZXBA) in 长华里 (nk-ch-01), handled by that community, accepted
//                   by changhuali.worker, so it has an acknowledgement (a document with a verification code)
//   application C   the owner's 临时占用公共场地 (LSZYCD) in 长华里, handled by the street's civic service centre
//                   (nk-ch-dept-civic), accepted; joint with the urban management commission (urban.handler), whose
//                   opinion is pending: a fresh one for each cell of the opinion row
//   probe service   an inactive service the catalogue rows edit
import { DEMO_RESIDENTS } from '../../../server/core/jurisdictions/demo-district.data.ts';
import { signIn } from '../../../../test/support/spine.ts';
import type { Session } from '../../../../test/support/http.ts';
import { ALL, row, tinyPng, type Build, type Credentials, type MatrixContribution, type MatrixWorld, type Row } from '../../../../test/support/authorization-matrix.ts';

const B_NOTE = '矩阵测试：长华里5号楼装修，拆除厨房隔墙';
const APPLICANT = DEMO_RESIDENTS[0]!;

export function authorization(w: MatrixWorld): MatrixContribution {
  const own: Record<string, string> = {};

  /** Uploads one file per material code as the caller (anyone may upload) and lists them as the body wants. */
  async function materials(creds: Credentials, codes: string[]) {
    const list = [];
    for (const code of codes) {
      const file = w.ok(await w.as(creds.session, creds.token)('POST', `/api/attachments?name=${code}.png`, tinyPng(), { 'content-type': 'image/png' }), 201);
      list.push({ code, attachmentIds: [file.id] });
    }
    return list;
  }

  const applicant = () => ({ kind: 'person', name: '矩阵申请人', idNumber: APPLICANT.idNumber, phone: w.freshPhone() });

  /* eslint-disable no-multi-spaces */
  const rows: Record<string, Row> = {
    //                                                  anon  owner other wOwn  wSib  wOth  sOwn  sOth  dept  disp  lead  admin audit tokIn tokOut
    // the public catalogue, its blank forms, and the verification of a document by its code
    'GET /api/services':                           ALL('200'),
    'GET /api/services/{code}':                    ALL('200'),
    'GET /api/services/{code}/materials/{material}/template.pdf': ALL('200'),
    'GET /api/documents/verify/{code}':            ALL('200'),
    // the catalogue is the district's: settings.manage at the district (admin)
    'GET /api/services/admin/list':            row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
    'POST /api/services':                      row('401   403   403   403   403   403   403   403   403   403   403   201   403   201   403', { holder: 'admin' }),
    'PATCH /api/services/{code}':              row('401   403   403   403   403   403   403   403   403   403   403   200   403   200   403', { holder: 'admin' }),
    // online: a signed-in resident; staff use the counter
    'POST /api/applications':                  row('401   201   201   403   403   403   403   403   403   403   403   403   403   403   403'),
    // the counter: case.act at the handling unit (长华里's, for a community service applied for there)
    'POST /api/applications/counter':          row('401   403   403   201   403   403   201   403   403   201   403   403   403   201   403'),
    // the inbox: case.read for staff, within reach; residents their own
    'GET /api/applications':                   row('401   L+    L-    L+    L-    L-    L+    L-    L-    L+    L+    403   403   L+    403', { subject: 'B' }),
    // lapses: case.supervise (the leader)
    'GET /api/applications/lapses':            row('401   403   403   403   403   403   403   403   403   403   200   403   403   200   403', { holder: 'leader', keep: 'calendar.read' }),
    // one application and its documents: the applicant and staff who reach it; anyone else "not found"
    'GET /api/applications/{id}':              row('401   200   404   200   404   404   200   404   404   200   200   404   404   200   404'),
    'GET /api/applications/{id}/documents/{documentId}.pdf': row('404 200 404 200 404 404 200 404 404 200 200 404 404 200 404'),
    // a joint unit's opinion on a fresh C: case.act (else 403), and the case within reach (else "not found"); among
    // those who reach it, only who speaks for the joint unit (case.act at the urban commission: urban.handler's token,
    // and the district's dispatcher, whose grant covers every department) may give it. The others who reach C (the
    // community and the street) may not: 403 ("Your unit has no opinion to give").
    'POST /api/applications/{id}/opinion':     row('401   403   403   403   404   404   403   404   404   200   403   403   403   200   403', { holder: 'urban.handler' }),
  };
  /* eslint-enable no-multi-spaces */

  const requests: Record<string, Build> = {
    'GET /api/services': () => ({ method: 'GET', url: `/api/services?q=${encodeURIComponent('装修')}` }),
    'GET /api/services/{code}': () => ({ method: 'GET', url: '/api/services/XXZXBA' }),
    'GET /api/services/{code}/materials/{material}/template.pdf': () => ({ method: 'GET', url: '/api/services/JZZM/materials/form/template.pdf' }),
    'GET /api/documents/verify/{code}': () => ({ method: 'GET', url: `/api/documents/verify/${own.verificationCode}` }),
    'GET /api/services/admin/list': () => ({ method: 'GET', url: '/api/services/admin/list' }),
    'POST /api/services': () => ({
      method: 'POST', url: '/api/services', payload: {
        code: w.unique('MATRIX').toUpperCase(), nameZh: '矩阵服务', nameEn: 'Matrix', content: '矩阵', procedure: ['申请'], fees: '不收费', legalBasis: ['依据'],
        materials: [{ code: 'id_card', name: '身份证', required: true }], promisedDays: 5, level: 'community', active: false,
      },
    }),
    'PATCH /api/services/{code}': () => ({ method: 'PATCH', url: `/api/services/${own.probeService}`, payload: { nameEn: 'Matrix probe' } }),
    'POST /api/applications': async (_who, creds) => ({
      method: 'POST', url: '/api/applications',
      payload: { serviceCode: 'JZZM', placeId: w.ids['nk-ch-01'], applicant: applicant(), materials: await materials(creds, ['id_card', 'hukou', 'form']) },
    }),
    'POST /api/applications/counter': async (_who, creds) => ({
      method: 'POST', url: '/api/applications/counter',
      payload: { serviceCode: 'JZZM', placeId: w.ids['nk-ch-01'], applicant: applicant(), materials: await materials(creds, ['id_card', 'hukou', 'form']) },
    }),
    'GET /api/applications': () => ({ method: 'GET', url: `/api/applications?q=${own.trackingCode}` }),
    'GET /api/applications/lapses': () => ({ method: 'GET', url: '/api/applications/lapses' }),
    'GET /api/applications/{id}': () => ({ method: 'GET', url: `/api/applications/${w.subjects.B}` }),
    'GET /api/applications/{id}/documents/{documentId}.pdf': () => ({ method: 'GET', url: `/api/applications/${w.subjects.B}/documents/${own.documentId}.pdf` }),
    // A fresh C each time, its opinion pending, so that one cell's opinion does not answer for the next.
    'POST /api/applications/{id}/opinion': async () => ({ method: 'POST', url: `/api/applications/${await jointApplication()}/opinion`, payload: { agree: true, text: '矩阵：不影响通行，同意' } }),
  };

  let civic: Session;
  /** Application C: the owner's, joint with the urban management commission, accepted by the street's civic centre. */
  async function jointApplication(): Promise<string> {
    const c = await apply('LSZYCD', ['form', 'site_plan', 'safety_plan', 'licence']);
    w.ok(await w.as(civic)('POST', `/api/cases/${c.id}/commands`, { type: 'accept' }), 200);
    return c.id;
  }

  async function apply(serviceCode: string, codes: string[], note?: string) {
    const owner = w.sessions.get('owner')!;
    const body = { serviceCode, placeId: w.ids['nk-ch-01'], applicant: applicant(), materials: await materials({ session: owner }, codes), ...(note ? { note } : {}) };
    return w.ok(await w.as(owner)('POST', '/api/applications', body), 201);
  }

  return {
    rows,
    requests,
    setup: async () => {
      const b = await apply('XXZXBA', ['id_card', 'deed', 'plan'], B_NOTE);
      w.ok(await w.as(w.sessions.get('wOwn')!)('POST', `/api/cases/${b.id}/commands`, { type: 'accept' }), 200);
      w.subjects.B = b.id;
      own.trackingCode = b.trackingCode as string;
      const detail = w.ok(await w.as(w.sessions.get('owner')!)('GET', `/api/applications/${b.id}`), 200);
      const documents = detail.documents as Array<{ id: string; kind: string; verificationCode: string }>;
      if (documents.length !== 1) throw new Error(`setup: B should have its acknowledgement, got ${JSON.stringify(documents)}`);
      own.documentId = documents[0]!.id;
      own.verificationCode = documents[0]!.verificationCode;
      Object.assign(w.secrets, { "B's id": b.id, "B's tracking code": own.trackingCode, "B's note": B_NOTE, "B's document id": own.documentId });

      civic = await signIn(w.app, 'changhong.civic');

      const probe = w.ok(await w.asAdmin()('POST', '/api/services', {
        code: 'MATRIXPROBE', nameZh: '矩阵探针服务', nameEn: 'Probe', content: '矩阵', procedure: ['申请'], fees: '不收费', legalBasis: ['依据'],
        materials: [{ code: 'id_card', name: '身份证', required: true }], promisedDays: 5, level: 'community', active: false,
      }), 201);
      own.probeService = probe.code as string;
    },
    verify: async () => {
      const b = await w.db.deps.db.selectFrom('case').select(['state', 'handlingUnitId']).where('id', '=', w.subjects.B!).executeTakeFirstOrThrow();
      if (b.state !== 'under_review' || b.handlingUnitId !== w.ids['nk-ch-01']) throw new Error(`B changed: ${JSON.stringify(b)}`);
    },
  };
}
