// Bad input to the application routes (both engines): an unknown service, a missing required material, an upload
// that does not exist or is already used, a wrong ID number, fields of the wrong type, an action the state does
// not allow — each a 4xx naming the field (or 409), and nothing stored: no case, event, timer, person, projection
// row, material row, linked upload or message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoResident, local, openWorld, rowCounts, upload, type Client, type World,
} from '../../src/modules/application/test/application.http-fixtures.ts';

let world: World;
let resident: Client;
let worker: Client;
let place: string;

beforeAll(async () => {
  world = await openWorld(local('2026-03-03T09:00:00.000'));
  place = world.unit('nk-ch-01').id;
  resident = await world.resident(demoResident(0).phone);
  worker = await world.staff('changhuali.worker');
}, 60_000);
afterAll(async () => world.close());

const applicant = () => ({ kind: 'person', name: demoResident(0).name, idNumber: demoResident(0).idNumber, phone: demoResident(0).phone });

async function body(codes: string[], extra: Record<string, unknown> = {}) {
  const materials = [];
  for (const code of codes) materials.push({ code, attachmentIds: [await upload(resident, code)] });
  return { serviceCode: 'XXZXBA', placeId: place, applicant: applicant(), materials, ...extra };
}

/** Sends, expects the status, the named fields, and that nothing was stored. */
async function refused(send: () => Promise<{ statusCode: number; body: string; json(): unknown }>, status: number, fields: string[] = []) {
  const before = await rowCounts(world.db);
  const response = await send();
  expect(response.statusCode, response.body).toBe(status);
  const error = (response.json() as { error: { code: string; details?: { issues?: Array<{ field: string }> } } }).error;
  for (const field of fields) expect(error.details?.issues?.map((i) => i.field), response.body).toContain(field);
  expect(await rowCounts(world.db)).toEqual(before);
  return error;
}

describe('applying with bad input stores nothing', () => {
  it('an unknown or inactive service names body.serviceCode', async () => {
    const good = await body(['id_card', 'deed', 'plan']);
    await refused(() => resident.post('/api/applications', { ...good, serviceCode: 'NOPE' }), 400, ['body.serviceCode']);
  });

  it('a missing required material names body.materials (and which one)', async () => {
    const error = await refused(async () => resident.post('/api/applications', await body(['id_card', 'deed'])), 400, ['body.materials']);
    expect(JSON.stringify(error)).toContain('plan');
  });

  it('an upload that does not exist, or belongs to another application already, names its place', async () => {
    const good = await body(['id_card', 'deed', 'plan']);
    const ghost = { ...good, materials: [...good.materials.slice(0, 2), { code: 'plan', attachmentIds: ['00000000-0000-4000-8000-00000000dead'] }] };
    await refused(() => resident.post('/api/applications', ghost), 400, ['body.materials.2.attachmentIds.0']);
    const first = await resident.post('/api/applications', good);
    expect(first.statusCode, first.body).toBe(201);
    await refused(() => resident.post('/api/applications', good), 400, ['body.materials.0.attachmentIds.0']);
  });

  it('an unknown material code, and a material listed twice, each by its field', async () => {
    const good = await body(['id_card', 'deed', 'plan']);
    await refused(() => resident.post('/api/applications', { ...good, materials: [...good.materials, { code: 'passport', attachmentIds: [good.materials[0]!.attachmentIds[0]] }] }), 400, ['body.materials.3.code']);
    await refused(() => resident.post('/api/applications', { ...good, materials: [...good.materials, good.materials[0]] }), 400, ['body.materials.3.code']);
  });

  it('fields of the wrong type or shape are named', async () => {
    const good = await body(['id_card', 'deed', 'plan']);
    await refused(() => resident.post('/api/applications', { ...good, applicant: { ...applicant(), phone: 12345 } }), 400, ['body.applicant.phone']);
    await refused(() => resident.post('/api/applications', { ...good, applicant: { ...applicant(), kind: 'robot' } }), 400, ['body.applicant.kind']);
    await refused(() => resident.post('/api/applications', { ...good, materials: 'all of them' }), 400, ['body.materials']);
    await refused(() => resident.post('/api/applications', { ...good, materials: [{ code: 'id_card', attachmentIds: ['not-a-uuid'] }] }), 400, ['body.materials.0.attachmentIds.0']);
    await refused(() => resident.post('/api/applications', { ...good, placeId: 'nowhere' }), 400, ['body.placeId']);
    await refused(() => resident.post('/api/applications', { ...good, surprise: true }), 400, ['body.surprise']);
  });

  it('a place that is not a community, a wrong ID number, an organisation without its code', async () => {
    const good = await body(['id_card', 'deed', 'plan']);
    await refused(() => resident.post('/api/applications', { ...good, placeId: world.unit('nk-ch').id }), 400, ['body.placeId']);
    const id = demoResident(0).idNumber;
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    await refused(() => resident.post('/api/applications', { ...good, applicant: { ...applicant(), idNumber: wrong } }), 400, ['body.applicant.idNumber']);
    await refused(() => resident.post('/api/applications', { ...good, applicant: { kind: 'organisation', name: '某某公司', phone: demoResident(0).phone } }), 400, ['body.applicant.orgCode']);
  });

  it('who may apply where: signed in, residents online, staff at their own counter', async () => {
    const good = await body(['id_card', 'deed', 'plan']);
    await refused(() => world.anonymous.post('/api/applications', good), 401);
    await refused(() => worker.post('/api/applications', good), 403);
    await refused(() => resident.post('/api/applications/counter', good), 403);
    const street = await world.staff('gulou.worker');
    await refused(() => street.post('/api/applications/counter', good), 403);
  });
});

describe('commands the state does not allow stores nothing', () => {
  it('answers 409 for an action not allowed in the state, 400 naming a field of a bad command', async () => {
    const created = await resident.post('/api/applications', await body(['id_card', 'deed', 'plan']));
    const { id } = created.json() as { id: string };
    await refused(() => worker.post(`/api/cases/${id}/commands`, { type: 'approve' }), 409);
    await refused(() => worker.post(`/api/cases/${id}/commands`, { type: 'resume' }), 409);
    await refused(() => worker.post(`/api/cases/${id}/commands`, { type: 'request_materials', codes: [], note: '请补正' }), 400, ['body.codes']);
    await refused(() => worker.post(`/api/cases/${id}/commands`, { type: 'request_materials', codes: ['passport'], note: '请补正' }), 400, ['body.codes.0']);
    await refused(() => worker.post(`/api/cases/${id}/commands`, { type: 'pause', reason: 'lunch' }), 400, ['body.reason']);
    await refused(() => worker.post(`/api/cases/${id}/commands`, { type: 'accept', expectedVersion: 7 }), 409);
    await refused(() => worker.post(`/api/cases/${id}/commands`, { type: 'deem_approve' }), 400, ['body.type']);
    await refused(() => resident.post(`/api/cases/${id}/commands`, { type: 'accept' }), 403);
    const accepted = await worker.post(`/api/cases/${id}/commands`, { type: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await refused(() => worker.post(`/api/cases/${id}/commands`, { type: 'reject', reasons: '' }), 400, ['body.reasons']);
    // a service not handled jointly asks no opinion (409); on a joint one the community worker speaks for no joint unit (403, the matrix)
    await refused(() => worker.post(`/api/applications/${id}/opinion`, { agree: true, text: '同意' }), 409);
    await refused(() => worker.post('/api/applications/00000000-0000-4000-8000-000000000000/opinion', { agree: true, text: '同意' }), 404);
  });

  it('the catalogue refuses bad services, naming the field, and stores nothing', async () => {
    const admin = await world.staff('admin');
    const service = {
      code: 'CSFW2', nameZh: '测试', nameEn: 'Test', content: '测试', procedure: ['申请'], fees: '不收费', legalBasis: ['依据'],
      materials: [{ code: 'id_card', name: '身份证', required: true }], promisedDays: 5, level: 'community',
    };
    const count = async () => (await admin.get('/api/services/admin/list')).json().items.length as number;
    const before = await count();
    for (const [patch, field] of [
      [{ code: 'lower' }, 'body.code'], [{ promisedDays: 'five' }, 'body.promisedDays'], [{ level: 'planet' }, 'body.level'],
      [{ jointUnitIds: ['00000000-0000-4000-8000-00000000dead'] }, 'body.jointUnitIds.0'], [{ online: false }, 'body.counterNote'],
      [{ materials: [{ code: 'a', name: 'A', required: true }, { code: 'a', name: 'B', required: false }] }, 'body.materials.1.code'],
      [{ level: 'district' }, 'body.handlingUnitId'],
    ] as const) {
      const response = await admin.post('/api/services', { ...service, ...patch });
      expect(response.statusCode, `${JSON.stringify(patch)}: ${response.body}`).toBe(400);
      expect(JSON.stringify(response.json())).toContain(field);
    }
    expect((await admin.post('/api/services', { ...service, code: 'JZZM' })).statusCode).toBe(409);
    expect(await count()).toBe(before);
  });
});
