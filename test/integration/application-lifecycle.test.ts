// An application's life over HTTP on the real app (both engines): the catalogue and its editing, online and
// counter applications, the 5-working-day implicit acceptance by the deadline engine, pauses out of the clock,
// the single extension approved by a leader, joint handling with opinions, deadlines across the 2026 Spring
// Festival and National Day, an unflagged service flagged overdue, a flagged one deemed approved by sweepDeadlines
// with its decision document and message, the lapses report, and a decision racing the sweep. Time only from the
// FixedClock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../src/server/core/cases/deadline-engine.ts';
import { messageTemplates, renderMessage } from '../../src/server/platform/outbox/delivery.ts';
import { DEFAULT_REDRESS } from '../../src/modules/application/shared/application.schemas.ts';
import {
  demoResident, local, openWorld, outboxMessages, TRACKING_CODE, upload, type Client, type Response, type World,
} from '../../src/modules/application/test/application.http-fixtures.ts';

const NOW = local('2026-03-03T09:00:00.000'); // a Tuesday morning
const endOf = (day: string) => local(`${day}T23:59:59.999`);

function ok<T = any>(response: Response, status = 200): T {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
}

let world: World;
let resident: Client;
let worker: Client;
let civic: Client;
let urban: Client;
let approval: Client;
let leader: Client;
let admin: Client;
let place: string;
const residentPhone = demoResident(0).phone;

const setNow = (at: string) => world.db.clock.set(at);

/** Uploads one file per listed material and applies online (or at the counter with `by`). */
async function apply(serviceCode: string, codes: string[], by: Client = resident, extra: Record<string, unknown> = {}) {
  const materials = [];
  for (const code of codes) materials.push({ code, attachmentIds: [await upload(by, code)] });
  const url = by === resident ? '/api/applications' : '/api/applications/counter';
  return ok<{ id: string; trackingCode: string; state: string; dueAt: string }>(await by.post(url, {
    serviceCode, placeId: place, materials,
    applicant: { kind: 'person', name: demoResident(0).name, idNumber: demoResident(0).idNumber, phone: residentPhone }, ...extra,
  }), 201);
}

async function act(client: Client, id: string, body: Record<string, unknown>, status = 200) {
  return ok<{ case: { state: string; dueAt: string | null; version: number; data: Record<string, any> }; abilities: string[] }>(await client.post(`/api/cases/${id}/commands`, body), status);
}

const detail = async (client: Client, id: string) => ok<any>(await client.get(`/api/applications/${id}`));

const RENOVATION = ['id_card', 'deed', 'plan']; // XXZXBA: community, 5 days, deemed approval
const OUTLET = ['licence', 'id_card', 'premises']; // SQYYWD: street centre, 10 days, not flagged
const PUBLIC_SPACE = ['form', 'site_plan', 'safety_plan', 'licence']; // LSZYCD: joint with urban management
const EVENT = ['form', 'safety_plan', 'venue']; // GYHDBA: district approval bureau, 20 days, deemed approval

beforeAll(async () => {
  world = await openWorld(NOW);
  place = world.unit('nk-ch-01').id;
  resident = await world.resident(residentPhone);
  worker = await world.staff('changhuali.worker');
  civic = await world.staff('changhong.civic');
  urban = await world.staff('urban.handler');
  approval = await world.staff('approval.handler');
  leader = await world.staff('leader');
  admin = await world.staff('admin');
}, 60_000);
afterAll(async () => world.close());

describe('the catalogue', () => {
  it('lists at least ten active services with their six disclosures, searchable, by level', async () => {
    const all = ok<{ items: any[] }>(await world.anonymous.get('/api/services')).items;
    expect(all.length).toBeGreaterThanOrEqual(10);
    const renovation = all.find((s) => s.code === 'XXZXBA');
    expect(renovation).toMatchObject({ nameZh: '小型装修备案', level: 'community', deemedApproval: true, online: true, fees: '不收费', promisedDays: 5, statutoryDays: 20 });
    for (const field of ['content', 'procedure', 'fees', 'legalBasis', 'materials', 'promisedDays']) expect(renovation[field], field).toBeTruthy();
    expect(all.some((s) => s.jointUnitIds.length > 0 && s.jointUnitNames.includes('城市管理委员会') && s.jointUnitNamesEn.includes('Urban Management Commission'))).toBe(true);
    expect(all.some((s) => !s.online && s.counterNote)).toBe(true);
    expect(ok<{ items: any[] }>(await world.anonymous.get('/api/services?q=%E8%A3%85%E4%BF%AE')).items.map((s) => s.code)).toEqual(['XXZXBA']);
    expect(ok<{ items: any[] }>(await world.anonymous.get('/api/services?level=district')).items.every((s) => s.level === 'district')).toBe(true);
    expect(ok(await world.anonymous.get('/api/services/jzzm'))).toMatchObject({ code: 'JZZM', materials: expect.arrayContaining([expect.objectContaining({ code: 'form', hasTemplate: true })]) });
    expect((await world.anonymous.get('/api/services/NOPE')).statusCode).toBe(404);
    const template = await world.anonymous.get('/api/services/JZZM/materials/form/template.pdf');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('application/pdf');
    expect(template.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await world.anonymous.get('/api/services/JZZM/materials/id_card/template.pdf')).statusCode).toBe(404);
  });

  it('is edited at the district with settings.manage, audited; an inactive service is hidden from residents', async () => {
    expect((await worker.patch('/api/services/JZZM', { promisedDays: 2 })).statusCode).toBe(403);
    expect(ok(await admin.patch('/api/services/JZZM', { promisedDays: 2 }))).toMatchObject({ code: 'JZZM', promisedDays: 2 });
    const bad = await admin.patch('/api/services/JZZM', { promisedDays: 30 });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('body.promisedDays');
    const created = ok(await admin.post('/api/services', {
      code: 'CSFW', nameZh: '测试服务', nameEn: 'Test service', content: '测试用服务', procedure: ['申请', '办理'], fees: '不收费', legalBasis: ['测试依据'],
      materials: [{ code: 'id_card', name: '身份证', required: true }], promisedDays: 5, level: 'community', online: true, active: false,
    }), 201);
    expect(created).toMatchObject({ code: 'CSFW', statutoryDays: 20, active: false });
    expect((await world.anonymous.get('/api/services/CSFW')).statusCode).toBe(404);
    expect(ok<{ items: any[] }>(await admin.get('/api/services/admin/list')).items.map((s) => s.code)).toContain('CSFW');
    const audit = await world.db.deps.db.selectFrom('auditLog').select('action').where('action', 'like', 'application.service_%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['application.service_create', 'application.service_update']);
  });
});

describe('applying and the 5-working-day acceptance', () => {
  it('online by a resident: a tracking code, the acceptance clock, the materials; accepted implicitly by the deadline engine', async () => {
    setNow(NOW);
    const submitted = await apply('GYHDBA', EVENT);
    expect(submitted.trackingCode).toMatch(TRACKING_CODE);
    expect(submitted).toMatchObject({ state: 'submitted', dueAt: endOf('2026-03-10') });
    const seen = await detail(resident, submitted.id);
    expect(seen.abilities).toEqual(['withdraw']);
    expect(seen.clock).toMatchObject({ phase: 'acceptance', workingDaysLeft: 5, paused: false, overdue: false });
    expect(seen.materials.filter((m: any) => m.attachmentIds.length > 0).map((m: any) => m.code)).toEqual(EVENT);
    expect(seen.service).toMatchObject({ code: 'GYHDBA', handlingUnitName: '行政审批局', handlingUnitNameEn: 'Administrative Approval Bureau' });
    expect((await detail(approval, submitted.id)).abilities).toEqual(['accept', 'request_materials']);
    expect((await (await world.staff('gulou.worker')).get(`/api/applications/${submitted.id}`)).statusCode).toBe(404);

    // The fifth working day passes with no notice: the sweep accepts it, counted from the day of receipt (Art. 32).
    setNow(local('2026-03-10T23:00:00'));
    await sweepDeadlines(world.db.deps);
    expect((await detail(approval, submitted.id)).case.state).toBe('submitted');
    setNow(local('2026-03-11T00:01:00'));
    await sweepDeadlines(world.db.deps);
    const accepted = await detail(resident, submitted.id);
    expect(accepted.case).toMatchObject({ state: 'under_review', dueAt: endOf('2026-03-31'), data: { deemedAccepted: true, decisionDueAt: endOf('2026-03-31') } });
    expect(accepted.clock).toMatchObject({ phase: 'decision', workingDaysLeft: 14 });
    expect(accepted.timeline.map((e: any) => e.type)).toEqual(['submitted', 'accepted']);
    expect(accepted.documents.map((d: any) => d.kind)).toEqual(['acknowledgement']);
    expect((await outboxMessages(world.db)).filter((m) => m.to === residentPhone && m.params.code === submitted.trackingCode)).toEqual([
      expect.objectContaining({ template: 'application_accepted', params: expect.objectContaining({ due: '2026-03-31' }) }),
    ]);
  });

  it('a complete list of missing materials once; the resubmission restarts the 5 days; then only accept or reject', async () => {
    setNow(NOW);
    const submitted = await apply('XXZXBA', RENOVATION);
    const asked = await act(worker, submitted.id, { type: 'request_materials', codes: ['deed', 'plan'], note: '房产证缺页，装修方案未写工期' });
    expect(asked.case).toMatchObject({ state: 'materials_incomplete', dueAt: null });
    expect(asked.abilities).toEqual([]);
    const mine = await detail(resident, submitted.id);
    expect(mine.abilities).toEqual(['resubmit', 'withdraw']);
    expect(mine.materials.filter((m: any) => m.missing).map((m: any) => m.code)).toEqual(['deed', 'plan']);
    expect(mine.documents.map((d: any) => d.kind)).toEqual(['missing_materials']);

    setNow(local('2026-03-05T10:00:00'));
    const partial = await resident.post(`/api/cases/${submitted.id}/commands`, { type: 'resubmit', materials: [{ code: 'deed', attachmentIds: [await upload(resident, 'deed2')] }] });
    expect(partial.statusCode).toBe(400);
    expect(JSON.stringify(partial.json())).toContain('body.materials');
    const back = await act(resident, submitted.id, { type: 'resubmit', materials: [{ code: 'deed', attachmentIds: [await upload(resident, 'deed2')] }, { code: 'plan', attachmentIds: [await upload(resident, 'plan2')] }] });
    expect(back.case).toMatchObject({ state: 'resubmitted', dueAt: endOf('2026-03-12') });
    expect((await detail(worker, submitted.id)).abilities).toEqual(['accept', 'reject']);
    await act(worker, submitted.id, { type: 'request_materials', codes: ['id_card'], note: '再补一次' }, 409);
  });

  it('at the counter, for a counter-only service, on behalf of an applicant recorded encrypted', async () => {
    setNow(NOW);
    const materials = [];
    for (const code of ['id_card', 'hukou', 'marriage']) materials.push({ code, attachmentIds: [await upload(civic, code)] });
    const body = { serviceCode: 'DSZNGRZ', placeId: place, materials, applicant: { kind: 'person', name: '赵玉梅', idNumber: demoResident(2).idNumber, phone: '19900090001' } };
    const online = await resident.post('/api/applications', { ...body, materials: [] });
    expect(online.statusCode).toBe(400);
    expect(JSON.stringify(online.json())).toContain('body.serviceCode');
    const submitted = ok(await civic.post('/api/applications/counter', body), 201);
    const view = await detail(civic, submitted.id);
    expect(view.case).toMatchObject({ handlingUnitId: world.unit('nk-ch-dept-civic').id, data: { channel: 'counter', applicant: { kind: 'person', name: '赵玉梅' } } });
    const person = await world.db.deps.db.selectFrom('person').selectAll().where('id', '=', view.case.requesterPersonId).executeTakeFirstOrThrow();
    expect(world.db.deps.cipher.decrypt(person.phoneEnc!)).toBe('19900090001');
    expect(JSON.stringify(person)).not.toContain('赵玉梅');
    expect((await worker.post('/api/applications/counter', { ...body, materials: [] })).statusCode).toBe(403);
  });
});

describe('the decision clock', () => {
  it('pauses for testing are left out of the clock; the due date moves on resumption', async () => {
    setNow(NOW);
    const { id } = await apply('GYHDBA', EVENT);
    setNow(local('2026-03-04T10:00:00'));
    expect((await act(approval, id, { type: 'accept' })).case.dueAt).toBe(endOf('2026-04-01'));
    setNow(local('2026-03-10T10:00:00'));
    const paused = await act(approval, id, { type: 'pause', reason: 'testing', note: '场地安全检测' });
    expect(paused.case).toMatchObject({ state: 'paused', dueAt: null });
    expect(paused.abilities).toEqual(['resume']);
    expect((await detail(resident, id)).clock).toMatchObject({ paused: true, dueAt: null, workingDaysLeft: null });
    // While paused the engine has nothing to fire, however late it gets.
    setNow(local('2026-04-10T10:00:00'));
    await sweepDeadlines(world.db.deps);
    expect((await detail(approval, id)).case.state).toBe('paused');
    setNow(local('2026-03-12T10:00:00'));
    const resumed = await act(approval, id, { type: 'resume', note: '检测完毕' });
    // 10–12 March (three working days) do not count: 1 April moves to 7 April, past Qingming.
    expect(resumed.case).toMatchObject({ state: 'under_review', dueAt: endOf('2026-04-07') });
  });

  it('one extension, asked by the handler with a reason, approved by a leader (+10 working days)', async () => {
    setNow(NOW);
    const { id } = await apply('GYHDBA', EVENT);
    setNow(local('2026-03-04T10:00:00'));
    await act(approval, id, { type: 'accept' });
    await act(approval, id, { type: 'request_extension' }, 400);
    const asked = await act(approval, id, { type: 'request_extension', reason: '需公安部门核查安保方案' });
    expect(asked.abilities).not.toContain('request_extension');
    await act(approval, id, { type: 'approve_extension' }, 403);
    expect((await detail(leader, id)).abilities).toEqual(['approve_extension', 'refuse_extension']);
    const approved = await act(leader, id, { type: 'approve_extension', note: '同意' });
    expect(approved.case).toMatchObject({ dueAt: endOf('2026-04-16'), data: { extension: { days: 10, status: 'approved' } } });
    const told = (await detail(resident, id)).timeline.find((e: any) => e.type === 'extension_approved');
    expect(told.data).toMatchObject({ days: 10, reason: '需公安部门核查安保方案' });
    await act(approval, id, { type: 'request_extension', reason: '再延长一次' }, 409);
  });

  it('across the 2026 Spring Festival: make-up Saturdays count, the holiday does not', async () => {
    setNow(local('2026-02-12T10:00:00'));
    const { id, dueAt } = await apply('GYHDBA', EVENT);
    expect(dueAt).toBe(endOf('2026-02-26'));
    setNow(local('2026-02-13T10:00:00'));
    expect((await act(approval, id, { type: 'accept' })).case.dueAt).toBe(endOf('2026-03-19'));
    setNow(local('2026-02-24T10:00:00'));
    // 25–28 February (the 28th a make-up Saturday) and 2–19 March: 18 working days left.
    expect((await detail(resident, id)).clock.workingDaysLeft).toBe(18);
  });

  it('across National Day 2026: the make-up days 20 September and 10 October count', async () => {
    setNow(local('2026-09-15T10:00:00'));
    const { id } = await apply('GYHDBA', EVENT);
    await act(approval, id, { type: 'accept' });
    expect((await detail(approval, id)).case.dueAt).toBe(endOf('2026-10-19'));
    setNow(local('2026-09-29T10:00:00'));
    const late = await apply('GYHDBA', EVENT);
    expect(late.dueAt).toBe(endOf('2026-10-12'));
  });
});

describe('joint handling', () => {
  it('45 working days; the joint unit gives its opinion through its own route; then the lead unit decides, with documents', async () => {
    setNow(NOW);
    const { id } = await apply('LSZYCD', PUBLIC_SPACE);
    setNow(local('2026-03-04T10:00:00'));
    const accepted = await act(civic, id, { type: 'accept' });
    expect(accepted.case.dueAt).toBe(endOf('2026-05-11'));
    expect(accepted.abilities).toEqual(['pause', 'request_extension']);
    await act(civic, id, { type: 'approve' }, 409);

    // The urban management commission cannot reach the case by place, but as a joint unit it can.
    expect((await urban.get(`/api/cases/${id}`)).statusCode).toBe(404);
    const asJoint = await detail(urban, id);
    expect(asJoint.abilities).toEqual(['give_opinion']);
    const inbox = ok<{ items: any[] }>(await urban.get('/api/applications?queue=joint_opinions'));
    expect(inbox.items.map((i) => i.id)).toContain(id);
    const bad = await urban.post(`/api/applications/${id}/opinion`, { agree: 'yes', text: '同意' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('body.agree');
    const given = ok<any>(await urban.post(`/api/applications/${id}/opinion`, { agree: true, text: '不影响通行和消防通道，同意' }));
    expect(given.abilities).toEqual([]);
    expect(given.case.data.opinions).toEqual([expect.objectContaining({ unitName: '城市管理委员会', agree: true })]);
    expect((await urban.post(`/api/applications/${id}/opinion`, { agree: true, text: '再次同意' })).statusCode).toBe(409);
    expect(ok<{ items: any[] }>(await urban.get('/api/applications?queue=joint_opinions')).items.map((i) => i.id)).not.toContain(id);
    expect((await detail(resident, id)).timeline.map((e: any) => e.type)).not.toContain('opinion_given');

    const approved = await act(civic, id, { type: 'approve', note: '联办单位同意' });
    expect(approved.case.state).toBe('approved');
    const documents = (await detail(resident, id)).documents;
    expect(documents.map((d: any) => d.kind)).toEqual(['acknowledgement', 'decision', 'certificate']);
    expect(documents.find((d: any) => d.kind === 'decision').outcome).toBe('approved');
  });
});

describe('when the period passes', () => {
  it('a flagged service is deemed approved by sweepDeadlines: the missed date recorded, the applicant told, the decision issued', async () => {
    setNow(NOW);
    const { id, trackingCode } = await apply('XXZXBA', RENOVATION);
    setNow(local('2026-03-04T10:00:00'));
    expect((await act(worker, id, { type: 'accept' })).case.dueAt).toBe(endOf('2026-03-11'));
    setNow(local('2026-03-11T22:00:00'));
    await sweepDeadlines(world.db.deps);
    expect((await detail(worker, id)).case.state).toBe('under_review');
    setNow(local('2026-03-12T00:00:30'));
    await sweepDeadlines(world.db.deps);
    const view = await detail(resident, id);
    expect(view.case).toMatchObject({ state: 'deemed_approved', data: { decision: { outcome: 'deemed_approved', missedDueAt: endOf('2026-03-11') } } });
    expect(view.timeline.at(-1)).toMatchObject({ type: 'deemed_approved', data: { missedDueAt: endOf('2026-03-11'), redress: DEFAULT_REDRESS } });
    expect(view.documents.map((d: any) => [d.kind, d.outcome])).toEqual([['acknowledgement', null], ['decision', 'deemed_approved'], ['certificate', null]]);
    const told = (await outboxMessages(world.db)).filter((m) => m.params.code === trackingCode).at(-1)!;
    expect(told).toMatchObject({ to: residentPhone, template: 'application_deemed', params: { due: '2026-03-11' } });
    expect(renderMessage(told, messageTemplates(world.db.deps.modules))).toContain(`查询码 ${trackingCode}）未在期限（2026-03-11）内作出决定，依照超时默许规定视为准予`);
    await act(worker, id, { type: 'approve' }, 409);
  });

  it('an unflagged service is flagged overdue instead and stays under review; the inbox and the lapses report show it', async () => {
    setNow(NOW);
    const { id } = await apply('SQYYWD', OUTLET, resident, { applicant: { kind: 'organisation', name: '南开区鑫源便利店（测试）', orgCode: '92120104MA05L6XX1A', phone: residentPhone } });
    setNow(local('2026-03-04T10:00:00'));
    expect((await act(civic, id, { type: 'accept' })).case.dueAt).toBe(endOf('2026-03-18'));
    setNow(local('2026-03-19T09:00:00'));
    await sweepDeadlines(world.db.deps);
    const view = await detail(civic, id);
    expect(view.case).toMatchObject({ state: 'under_review', data: { overdue: true } });
    expect(view.clock).toMatchObject({ overdue: true, workingDaysLeft: -1 });
    expect(view.abilities).toContain('approve');
    expect(ok<{ items: any[] }>(await civic.get('/api/applications?queue=overdue')).items.map((i) => i.id)).toContain(id);
    const lapses = ok<{ items: any[] }>(await leader.get('/api/applications/lapses?from=2026-03-01&to=2026-03-31')).items;
    expect(lapses.find((u) => u.unitName === '长虹街市民社会事务一门式服务中心')).toMatchObject({ overdueNow: expect.any(Number) });
    expect(lapses.find((u) => u.unitName === '长虹街市民社会事务一门式服务中心').overdueNow).toBeGreaterThanOrEqual(1);
    expect((await civic.get('/api/applications/lapses')).statusCode).toBe(403);
    // Decided late: counted as late.
    await act(civic, id, { type: 'approve' });
    const after = ok<{ items: any[] }>(await leader.get('/api/applications/lapses?from=2026-03-01&to=2026-03-31')).items;
    expect(after.find((u) => u.unitName === '长虹街市民社会事务一门式服务中心').late).toBeGreaterThanOrEqual(1);
  });

  it('a decision racing the sweep: exactly one outcome wins', async () => {
    for (let round = 0; round < 3; round++) {
      setNow(NOW);
      const { id } = await apply('XXZXBA', RENOVATION);
      setNow(local('2026-03-04T10:00:00'));
      const { case: accepted } = await act(worker, id, { type: 'accept' });
      setNow(local('2026-03-12T00:00:30'));
      const [decision] = await Promise.allSettled([
        worker.post(`/api/cases/${id}/commands`, { type: 'reject', reasons: '方案涉及拆改承重墙', expectedVersion: accepted.version }),
        sweepDeadlines(world.db.deps),
      ]);
      const final = await detail(worker, id);
      const outcomes = final.timeline.filter((e: any) => ['approved', 'rejected', 'deemed_approved'].includes(e.type)).map((e: any) => e.type);
      expect(outcomes).toHaveLength(1);
      expect(final.case.state).toBe(outcomes[0]);
      const status = decision.status === 'fulfilled' ? decision.value.statusCode : 500;
      expect(status === 200 ? 'rejected' : 'deemed_approved').toBe(final.case.state);
      if (status !== 200) expect([403, 404, 409]).toContain(status);
      expect(final.documents.filter((d: any) => d.kind === 'decision')).toHaveLength(1);
    }
  });
});

describe('withdrawal and my applications', () => {
  it('the applicant withdraws; "my applications" lists their own; staff queues', async () => {
    setNow(NOW);
    const { id } = await apply('XXZXBA', RENOVATION);
    expect((await act(worker, id, { type: 'withdraw' }, 403)));
    const withdrawn = await act(resident, id, { type: 'withdraw', reason: '暂不装修' });
    expect(withdrawn.case.state).toBe('withdrawn');
    const mine = ok<{ items: any[]; total: number }>(await resident.get('/api/applications'));
    expect(mine.items.map((i) => i.id)).toContain(id);
    expect(mine.items.every((i) => i.serviceCode && i.trackingCode)).toBe(true);
    const decided = ok<{ items: any[] }>(await worker.get('/api/applications?queue=decided'));
    expect(decided.items.map((i) => i.id)).toContain(id);
    expect((await world.anonymous.get('/api/applications')).statusCode).toBe(401);
  });
});
