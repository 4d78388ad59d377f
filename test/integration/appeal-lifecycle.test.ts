// An appeal's life over HTTP on the real app (both engines): portal and hotline intake, routing by category
// and place, the tracking code and SMS, sign-for, reply, rating, reopening, return and designation,
// extension, supervision, the deadline engine's escalation and warnings, duplicates and merging, inbox
// search, bulk dispatch and the hotline's caller lookup. Time only from the FixedClock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../src/server/core/cases/deadline-engine.ts';
import {
  demoResident, local, openWorld, outboxMessages, TRACKING_CODE, type Client, type Response, type World,
} from '../../src/modules/appeal/test/appeal.http-fixtures.ts';

const NOW = local('2026-03-03T09:00:00.000'); // Tuesday morning

interface Opened {
  id: string;
  trackingCode: string;
  state: string;
  handlingUnitId: string;
  dueAt: string;
  duplicates: Array<{ id: string; trackingCode: string; similarity: number; distanceMeters: number | null }>;
}

function expectOk(response: Response, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

function commandOn(client: Client, id: string, body: Record<string, unknown>) {
  return client.post(`/api/cases/${id}/commands`, body);
}

async function act(client: Client, id: string, body: Record<string, unknown>) {
  return expectOk(await commandOn(client, id, body)) as { case: { state: string; handlingUnitId: string; dueAt: string | null; data: Record<string, any> }; abilities: string[]; events: Array<{ type: string; data: any }> };
}

function scenario() {
  let world!: World;
  const ctx = {
    get world() { return world; },
    point: { lng: 0, lat: 0 },
    units: {} as Record<'community' | 'otherCommunity' | 'street' | 'district' | 'housing', string>,
    async open(now = NOW) {
      world = await openWorld(now);
      const community = world.unit('nk-ch-01');
      ctx.point = { lng: community.centre[0], lat: community.centre[1] };
      ctx.units = { community: community.id, otherCommunity: world.unit('nk-ch-02').id, street: world.unit('nk-ch').id, district: world.unit('nk').id, housing: world.unit('nk-dept-housing').id };
    },
    async submit(client: Client, body: Record<string, unknown>): Promise<Opened> {
      return expectOk(await client.post('/api/appeals', { categoryCode: 'noise', location: ctx.point, ...body }), 201) as Opened;
    },
    async anonymousNoise(phone: string, description = '长华里5号楼楼上装修噪音扰民，每晚十点以后还在施工'): Promise<Opened> {
      return ctx.submit(world.anonymous, { description, contact: { phone } });
    },
  };
  return ctx;
}

// ---------------------------------------------------------------------------------------------------------

describe('the one door, handling and the queues', () => {
  const s = scenario();
  let worker: Client;
  let streetHandler: Client;
  let dispatcher: Client;
  let housing: Client;
  let leader: Client;
  let resident: Client;
  const residentPhone = demoResident('刘志刚').phone;

  beforeAll(async () => {
    await s.open();
    worker = await s.world.staff('changhuali.worker');
    streetHandler = await s.world.staff('changhong.handler');
    dispatcher = await s.world.staff('dispatcher');
    housing = await s.world.staff('housing.handler');
    leader = await s.world.staff('leader');
    resident = await s.world.resident(residentPhone);
  });
  afterAll(async () => s.world.close());

  const setNow = (at = NOW) => s.world.db.clock.set(at);
  const messagesTo = async (phone: string) => (await outboxMessages(s.world.db)).filter((m) => m.to === phone);
  const inbox = async (client: Client, query: string) => expectOk(await client.get(`/api/appeals/inbox?${query}`)) as { total: number; items: Array<Record<string, any>> };

  describe('intake and routing', () => {
    let anonymousNoise: Opened;

    it('anonymous with a phone: noise goes to the community, with a tracking code, an SMS and a public track', async () => {
      setNow();
      anonymousNoise = await s.submit(s.world.anonymous, { description: '长华里5号楼楼上装修噪音扰民，每晚十点以后还在施工', contact: { name: '张先生', phone: '19900040001' } });
      expect(anonymousNoise.trackingCode).toMatch(TRACKING_CODE);
      expect(anonymousNoise.trackingCode.startsWith('SQ260303-')).toBe(true);
      expect(anonymousNoise).toMatchObject({ state: 'dispatched', handlingUnitId: s.units.community, dueAt: local('2026-03-04T23:59:59.999'), duplicates: [] });

      expect(await messagesTo('19900040001')).toMatchObject([{ channel: 'sms', template: 'appeal_received', params: { code: anonymousNoise.trackingCode } }]);
      const row = await s.world.db.deps.db.selectFrom('case').select(['requesterPersonId', 'requesterUserId', 'jurisdictionId']).where('id', '=', anonymousNoise.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ requesterUserId: null, jurisdictionId: s.units.community });
      const person = await s.world.db.deps.db.selectFrom('person').selectAll().where('id', '=', row.requesterPersonId!).executeTakeFirstOrThrow();
      expect(s.world.db.deps.cipher.decrypt(person.phoneEnc!)).toBe('19900040001');
      expect(s.world.db.deps.cipher.decrypt(person.nameEnc!)).toBe('张先生');

      for (const code of [anonymousNoise.trackingCode, anonymousNoise.trackingCode.toLowerCase()]) {
        const track = await s.world.anonymous.get(`/api/appeals/track/${code}`);
        const body = expectOk(track);
        expect(body).toMatchObject({ trackingCode: anonymousNoise.trackingCode, state: 'dispatched', stateCategory: 'open', categoryCode: 'noise', community: '长华里社区', handlingUnit: '长华里社区', reply: null });
        expect(body.steps.map((step: { type: string }) => step.type)).toEqual(['registered', 'dispatched']);
        expect(track.body).not.toContain('19900040001');
        expect(track.body).not.toContain('张先生');
        expect(track.body).not.toContain(row.requesterPersonId!);
      }
      expect((await s.world.anonymous.get('/api/appeals/track/SQ000000-ZZZZZZ')).statusCode).toBe(404);
    });

    it('a signed-in resident (one-time code): roads go to the street, on the resident\'s account', async () => {
      setNow();
      const opened = await s.submit(resident, { categoryCode: 'roads', description: '长华里社区门口人行道地砖破损，老人容易绊倒', location: { communityId: s.units.community } });
      expect(opened).toMatchObject({ state: 'dispatched', handlingUnitId: s.units.street, dueAt: local('2026-03-04T23:59:59.999') });
      const mine = expectOk(await resident.get(`/api/cases/${opened.id}`));
      expect(mine.case).toMatchObject({ requesterUserId: resident.userId, requesterPersonId: resident.personId, state: 'dispatched' });
      expect(mine.abilities).toEqual(['withdraw']);
      expect(await messagesTo(residentPhone)).toContainEqual(expect.objectContaining({ template: 'appeal_received', params: { code: opened.trackingCode } }));
      const queue = await inbox(streetHandler, 'queue=to_sign');
      expect(queue.items.find((i) => i.id === opened.id)).toMatchObject({ handlingUnitId: s.units.street, categoryCode: 'roads', channel: 'portal' });
      // The community where it lies reads it, but the street signs for it.
      expect(expectOk(await worker.get(`/api/cases/${opened.id}`)).abilities).toEqual(['note']);
      expect(expectOk(await streetHandler.get(`/api/cases/${opened.id}`)).abilities).toEqual(expect.arrayContaining(['sign_for', 'return', 'escalate']));
    });

    it('heating goes to the housing department on the 30-minute utilities clock', async () => {
      setNow();
      const heating = await s.submit(s.world.anonymous, { categoryCode: 'heating', description: '长华里3号楼暖气片不热，室内只有十二度', contact: { phone: '19900040002' } });
      expect(heating).toMatchObject({ state: 'dispatched', handlingUnitId: s.units.housing, dueAt: '2026-03-03T01:30:00.000Z' });
      const queue = await inbox(housing, 'queue=to_sign');
      expect(queue.items.map((i) => i.id)).toEqual([heating.id]);
      expect(queue.items[0]).toMatchObject({ slaClass: 'utilities', priority: 'high', categoryCode: 'heating' });
    });

    it('a gas leak stays with the district dispatcher, urgent, due in 2 hours', async () => {
      setNow();
      const gas = await s.submit(s.world.anonymous, { categoryCode: 'gas-leak', description: '长华里2号楼楼道里有很重的燃气味', contact: { phone: '19900040003' } });
      expect(gas).toMatchObject({ state: 'registered', handlingUnitId: s.units.district, dueAt: '2026-03-03T03:00:00.000Z' });
      const queue = await inbox(dispatcher, 'queue=to_dispatch');
      expect(queue.items.find((i) => i.id === gas.id)).toMatchObject({ priority: 'urgent', slaClass: 'emergency', state: 'registered' });
      // Nobody below the district is asked to sign for it.
      expect((await inbox(worker, 'queue=to_sign')).items.map((i) => i.id)).not.toContain(gas.id);
    });

    it('the hotline: the dispatcher registers a call; the caller lookup lists the caller\'s earlier appeals', async () => {
      setNow(local('2026-03-03T10:30:00.000'));
      const call = expectOk(await dispatcher.post('/api/appeals/staff-intake', {
        channel: 'hotline', categoryCode: 'property', description: '来电反映长华里5号楼电梯经常停运', location: { communityId: s.units.community }, contact: { phone: '19900040001' },
      }), 201) as Opened;
      expect(call).toMatchObject({ state: 'dispatched', handlingUnitId: s.units.community });
      const detail = expectOk(await dispatcher.get(`/api/cases/${call.id}`));
      expect(detail.case.data).toMatchObject({ channel: 'hotline', receivedBy: dispatcher.userId, categoryCode: 'property' });
      // The same phone is the same person.
      const first = await s.world.db.deps.db.selectFrom('case').select('requesterPersonId').where('id', '=', anonymousNoise.id).executeTakeFirstOrThrow();
      expect(detail.case.requesterPersonId).toBe(first.requesterPersonId);

      const lookup = expectOk(await dispatcher.get('/api/appeals/callers?phone=19900040001'));
      expect(lookup.known).toBe(true);
      expect(lookup.items.map((i: { trackingCode: string }) => i.trackingCode)).toEqual([call.trackingCode, anonymousNoise.trackingCode]);
      expect(expectOk(await dispatcher.get('/api/appeals/callers?phone=19900049999'))).toEqual({ known: false, items: [] });
      const bad = await dispatcher.get('/api/appeals/callers?phone=123');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.issues[0].field).toBe('querystring.phone');
      expect((await resident.get('/api/appeals/callers?phone=19900040001')).statusCode).toBe(403);
    });
  });

  describe('handling: sign for, reply, rate, reopen', () => {
    it('the community signs for and replies; the resident sees the reply and rates it satisfied → closed', async () => {
      setNow();
      const opened = await s.submit(resident, { description: '楼下烧烤店每天深夜噪音扰民，油烟也很大' });
      expect(opened.handlingUnitId).toBe(s.units.community);

      const signed = await act(worker, opened.id, { type: 'sign_for' });
      expect(signed.case.state).toBe('handling');
      expect(signed.abilities).toEqual(expect.arrayContaining(['reply', 'request_extension', 'escalate']));
      setNow(local('2026-03-04T15:00:00.000'));
      const replied = await act(worker, opened.id, { type: 'reply', text: '已联系烧烤店，承诺晚上十点后停止营业并安装油烟净化器', internalNote: '店主态度配合' });
      expect(replied.case.state).toBe('replied');
      expect(replied.events.map((e) => e.type)).toEqual(['replied', 'note_added']);

      const track = expectOk(await s.world.anonymous.get(`/api/appeals/track/${opened.trackingCode}`));
      expect(track.state).toBe('replied');
      expect(track.reply).toEqual({ text: '已联系烧烤店，承诺晚上十点后停止营业并安装油烟净化器', at: local('2026-03-04T15:00:00.000') });
      expect(track.steps.map((step: { type: string }) => step.type)).toEqual(['registered', 'dispatched', 'signed_for', 'replied']);

      const mine = expectOk(await resident.get(`/api/cases/${opened.id}`));
      expect(mine.case.data.reply.text).toBe('已联系烧烤店，承诺晚上十点后停止营业并安装油烟净化器');
      expect(mine.abilities).toEqual(['rate']);
      expect(mine.timeline.map((e: { type: string }) => e.type)).toEqual(['registered', 'dispatched', 'signed_for', 'replied']);
      expect(JSON.stringify(mine)).not.toContain('店主态度配合');
      expect(await messagesTo(residentPhone)).toContainEqual(expect.objectContaining({ template: 'appeal_replied', params: { code: opened.trackingCode } }));

      // Staff cannot rate for the resident; the resident rates.
      expect((await commandOn(worker, opened.id, { type: 'rate', rating: 'satisfied' })).statusCode).toBe(403);
      const rated = await act(resident, opened.id, { type: 'rate', rating: 'satisfied', comment: '处理及时' });
      expect(rated.case.state).toBe('closed');
      expect(rated.abilities).toEqual([]);
      const closed = expectOk(await s.world.anonymous.get(`/api/appeals/track/${opened.trackingCode}`));
      expect(closed).toMatchObject({ state: 'closed', stateCategory: 'closed', rating: 'satisfied' });
      expect((await inbox(worker, 'queue=closed')).items.map((i) => i.id)).toContain(opened.id);
      expect((await inbox(worker, 'queue=all_open')).items.map((i) => i.id)).not.toContain(opened.id);
    });

    it('unsatisfied → followed up → the resident reopens → handling again on a new feedback clock', async () => {
      setNow();
      const opened = await s.submit(resident, { description: '小区广场舞音响声音太大，晚上九点后仍然扰民' });
      await act(worker, opened.id, { type: 'sign_for' });
      await act(worker, opened.id, { type: 'reply', text: '已与广场舞队协商降低音量' });
      const rated = await act(resident, opened.id, { type: 'rate', rating: 'unsatisfied', comment: '音量没有变化' });
      expect(rated.case.state).toBe('followed_up');
      expect(rated.abilities).toEqual(['reopen']);

      setNow(local('2026-03-05T10:00:00.000'));
      const reopened = await act(resident, opened.id, { type: 'reopen', reason: '晚上仍然很吵' });
      expect(reopened.case.state).toBe('handling');
      // Thursday 03-05 + 7 days = Thursday 03-12.
      expect(reopened.case.dueAt).toBe(local('2026-03-12T23:59:59.999'));
      expect(reopened.case.data).toMatchObject({ reopenCount: 1, reply: null, rating: null });
      expect((await inbox(worker, 'queue=handling')).items.map((i) => i.id)).toContain(opened.id);
      // and a second answer may still close it
      await act(worker, opened.id, { type: 'reply', text: '已协调更换场地' });
      expect((await act(resident, opened.id, { type: 'rate', rating: 'basically_satisfied' })).case.state).toBe('closed');
    });

    it('a resident cannot act on someone else\'s appeal, nor see it', async () => {
      setNow();
      const other = await s.anonymousNoise('19900040004');
      expect((await resident.get(`/api/cases/${other.id}`)).statusCode).toBe(404);
      expect((await commandOn(resident, other.id, { type: 'withdraw' })).statusCode).toBe(404);
    });
  });

  describe('return and designation', () => {
    const reason = '该楼栋属于相邻社区管辖';

    async function returnedThrice() {
      const opened = await s.anonymousNoise('19900040005');
      for (let i = 1; i <= 3; i++) {
        const back = await act(worker, opened.id, { type: 'return', reason });
        expect(back.case).toMatchObject({ state: 'returned', handlingUnitId: s.units.district });
        expect(back.case.data.returns).toBe(i);
        if (i < 3) expect((await act(dispatcher, opened.id, { type: 'dispatch', unitId: s.units.community })).case.state).toBe('dispatched');
      }
      return opened;
    }

    it('a return goes back to the dispatcher, who re-dispatches; after 3 returns dispatch is refused and the district designates', async () => {
      setNow();
      const opened = await s.anonymousNoise('19900040005');
      const back = await act(worker, opened.id, { type: 'return', reason });
      expect(back.case).toMatchObject({ state: 'returned', handlingUnitId: s.units.district });
      const returnedQueue = await inbox(dispatcher, 'queue=returned');
      expect(returnedQueue.items.find((i) => i.id === opened.id)).toMatchObject({ returns: 1, state: 'returned' });
      expect((await inbox(dispatcher, 'queue=to_dispatch')).items.map((i) => i.id)).toContain(opened.id);
      // The returned event is internal: the resident's track does not show the internal step.
      const track = expectOk(await s.world.anonymous.get(`/api/appeals/track/${opened.trackingCode}`));
      expect(track.steps.map((step: { type: string }) => step.type)).not.toContain('returned');

      const again = await act(dispatcher, opened.id, { type: 'dispatch', unitId: s.units.otherCommunity, note: '请淦江里社区办理' });
      expect(again.case).toMatchObject({ state: 'dispatched', handlingUnitId: s.units.otherCommunity });

      const thrice = await returnedThrice();
      const refused = await commandOn(dispatcher, thrice.id, { type: 'dispatch', unitId: s.units.community });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'invalid_transition', details: { returns: 3 } });
      const view = expectOk(await dispatcher.get(`/api/cases/${thrice.id}`));
      expect(view.abilities).toContain('designate');
      expect(view.abilities).not.toContain('dispatch');

      const designated = await act(dispatcher, thrice.id, { type: 'designate', unitId: s.units.community, note: '由长华里社区兜底办理' });
      expect(designated.case).toMatchObject({ state: 'dispatched', handlingUnitId: s.units.community, data: { designated: true, returns: 3 } });
      const workerView = expectOk(await worker.get(`/api/cases/${thrice.id}`));
      expect(workerView.abilities).toEqual(expect.arrayContaining(['sign_for', 'escalate']));
      expect(workerView.abilities).not.toContain('return');
      const noReturn = await commandOn(worker, thrice.id, { type: 'return', reason });
      expect(noReturn.statusCode).toBe(409);
      expect((await act(worker, thrice.id, { type: 'sign_for' })).case.state).toBe('handling');
    });

    it('only the district designates: a street handler\'s designate is refused', async () => {
      setNow();
      const thrice = await returnedThrice();
      const attempt = await commandOn(streetHandler, thrice.id, { type: 'designate', unitId: s.units.community });
      expect(attempt.statusCode, attempt.body).toBe(403);
      const row = await s.world.db.deps.db.selectFrom('case').select(['state', 'handlingUnitId']).where('id', '=', thrice.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'returned', handlingUnitId: s.units.district });
    });

    it('a return after one working day is refused', async () => {
      setNow();
      const opened = await s.anonymousNoise('19900040006');
      setNow(local('2026-03-05T00:00:01.000'));
      const late = await commandOn(worker, opened.id, { type: 'return', reason });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.details.windowEnds).toBe(local('2026-03-04T23:59:59.999'));
      const missing = await commandOn(worker, opened.id, { type: 'return' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details.issues[0].field).toBe('body.reason');
    });
  });

  describe('extension', () => {
    it('the community asks, the street approves, and the deadline moves (03-10 + 5 = Sunday → Monday 03-16)', async () => {
      setNow();
      const opened = await s.anonymousNoise('19900040007');
      await act(worker, opened.id, { type: 'sign_for' });
      const tooLong = await commandOn(worker, opened.id, { type: 'request_extension', days: 16, reason: '需协调施工方' });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().error.details.issues[0].field).toBe('body.days');

      const asked = await act(worker, opened.id, { type: 'request_extension', days: 5, reason: '需协调施工方与物业' });
      expect(asked.case.dueAt).toBe(local('2026-03-10T23:59:59.999'));
      expect(asked.case.data.extension).toMatchObject({ days: 5, status: 'pending' });
      expect((await commandOn(worker, opened.id, { type: 'decide_extension', approve: true })).statusCode).toBe(403);
      expect(expectOk(await streetHandler.get(`/api/cases/${opened.id}`)).abilities).toContain('decide_extension');

      const approved = await act(streetHandler, opened.id, { type: 'decide_extension', approve: true, note: '同意延期' });
      expect(approved.case.dueAt).toBe(local('2026-03-16T23:59:59.999'));
      expect(approved.case.data.extension.status).toBe('approved');
      const inQueue = (await inbox(worker, 'queue=handling')).items.find((i) => i.id === opened.id);
      expect(inQueue?.dueAt).toBe(local('2026-03-16T23:59:59.999'));
      const track = expectOk(await s.world.anonymous.get(`/api/appeals/track/${opened.trackingCode}`));
      expect(track.dueAt).toBe(local('2026-03-16T23:59:59.999'));
      expect(track.steps.map((step: { type: string }) => step.type)).toEqual(['registered', 'dispatched', 'signed_for', 'extension_decided']);
      // One extension only.
      expect((await commandOn(worker, opened.id, { type: 'request_extension', days: 2, reason: '还需要时间' })).statusCode).toBe(409);
    });

    it('a street cannot approve its own extension: the level above decides', async () => {
      setNow();
      const roads = await s.submit(s.world.anonymous, { categoryCode: 'roads', description: '长华里社区北门路灯不亮已一周', contact: { phone: '19900040008' } });
      await act(streetHandler, roads.id, { type: 'sign_for' });
      await act(streetHandler, roads.id, { type: 'request_extension', days: 5, reason: '需等待配件' });
      const own = await commandOn(streetHandler, roads.id, { type: 'decide_extension', approve: true });
      expect(own.statusCode, own.body).toBe(403);
      expect((await act(dispatcher, roads.id, { type: 'decide_extension', approve: true })).case.data.extension.status).toBe('approved');
    });
  });

  describe('supervision', () => {
    it('a leader supervises; the appeal appears in the supervised queue', async () => {
      setNow();
      const opened = await s.anonymousNoise('19900040009');
      const past = await commandOn(leader, opened.id, { type: 'supervise', note: '请尽快办理', dueAt: local('2026-03-02T18:00:00.000') });
      expect(past.statusCode).toBe(400);
      expect(past.json().error.details.issues[0].field).toBe('body.dueAt');
      expect((await commandOn(worker, opened.id, { type: 'supervise', note: '督办' })).statusCode).toBe(403);

      const supervised = await act(leader, opened.id, { type: 'supervise', note: '居民多次反映，请两日内办结', dueAt: '2026-03-05T10:00:00.000Z' });
      expect(supervised.case.data.supervision).toMatchObject({ note: '居民多次反映，请两日内办结', dueAt: local('2026-03-05T18:00:00.000'), by: 'leader' });
      for (const client of [leader, dispatcher, worker]) {
        const queue = await inbox(client, 'queue=supervised');
        expect(queue.items.find((i) => i.id === opened.id)).toMatchObject({ supervised: true });
      }
      const notSupervised = await s.anonymousNoise('19900040010');
      expect((await inbox(leader, 'queue=supervised')).items.map((i) => i.id)).not.toContain(notSupervised.id);
    });

    it('a supervision deadline written in the district\'s own offset (+08:00) is accepted', async () => {
      setNow();
      const opened = await s.anonymousNoise('19900040020');
      const supervised = await commandOn(leader, opened.id, { type: 'supervise', note: '请两日内办结', dueAt: '2026-03-05T18:00:00+08:00' });
      expect(supervised.statusCode, supervised.body).toBe(200);
      expect(supervised.json().case.data.supervision.dueAt).toBe('2026-03-05T10:00:00.000Z');
    });
  });

  describe('duplicates and merging', () => {
    const text = '长华里6号楼楼上装修噪音扰民，每天早上七点就开始电钻施工';

    it('a similar appeal nearby is suggested at intake and before submitting, never merged on its own', async () => {
      setNow();
      const first = await s.anonymousNoise('19900040011', text);
      const second = await s.anonymousNoise('19900040012', '长华里6号楼有人装修噪音扰民，早上七点就电钻施工');
      const suggestion = second.duplicates.find((d) => d.id === first.id);
      expect(suggestion).toMatchObject({ trackingCode: first.trackingCode, distanceMeters: 0 });
      expect(suggestion!.similarity).toBeGreaterThanOrEqual(0.25);
      expect(second.state).toBe('dispatched');

      const precheck = expectOk(await s.world.anonymous.post('/api/appeals/duplicates', { categoryCode: 'noise', description: text, location: s.point }));
      expect(precheck).toMatchObject({ communityId: s.units.community, communityNameZh: '长华里社区' });
      expect(precheck.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([first.id, second.id]));
      expect(JSON.stringify(precheck)).not.toContain('19900040011');
      // Another category, or a place across the district, is not a duplicate.
      const otherCategory = expectOk(await s.world.anonymous.post('/api/appeals/duplicates', { categoryCode: 'property', description: text, location: s.point }));
      expect(otherCategory.items).toEqual([]);
      const far = s.world.unit('nk-hy-01').centre;
      const elsewhere = expectOk(await s.world.anonymous.post('/api/appeals/duplicates', { categoryCode: 'noise', description: text, location: { lng: far[0], lat: far[1] } }));
      expect(elsewhere.items.map((i: { id: string }) => i.id)).not.toContain(first.id);
    });

    it('merge_into: the child closes as merged and the parent\'s reply reaches the child\'s requester', async () => {
      setNow();
      const parent = await s.anonymousNoise('19900040013', '长华里7号楼底商KTV夜间噪音扰民');
      const child = await s.anonymousNoise('19900040014', '长华里7号楼楼下KTV半夜噪音很大');
      expect((await commandOn(dispatcher, child.id, { type: 'merge_into', parentId: child.id })).statusCode).toBe(409);
      const merged = await act(dispatcher, child.id, { type: 'merge_into', parentId: parent.id });
      expect(merged.case).toMatchObject({ state: 'merged', data: { parentId: parent.id } });
      const parentView = expectOk(await dispatcher.get(`/api/cases/${parent.id}`));
      expect(parentView.case.data.childIds).toEqual([child.id]);

      await act(worker, parent.id, { type: 'sign_for' });
      await act(worker, parent.id, { type: 'reply', text: '已责令KTV晚上十点后停止营业并做隔音处理' });
      expect(await messagesTo('19900040014')).toContainEqual(expect.objectContaining({ template: 'appeal_replied', params: { code: child.trackingCode } }));
      const childTrack = expectOk(await s.world.anonymous.get(`/api/appeals/track/${child.trackingCode}`));
      expect(childTrack).toMatchObject({ state: 'merged', reply: { text: '已责令KTV晚上十点后停止营业并做隔音处理' } });
    });

    it('merging into an appeal that does not exist is refused and changes nothing', async () => {
      setNow();
      const child = await s.anonymousNoise('19900040015');
      const response = await commandOn(dispatcher, child.id, { type: 'merge_into', parentId: '00000000-0000-4000-8000-000000000000' });
      expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      const row = await s.world.db.deps.db.selectFrom('case').select(['state', 'version']).where('id', '=', child.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'dispatched', version: 1 });
    });

    it('merging into an appeal that has already replied is refused, so no requester misses the reply', async () => {
      setNow();
      const parent = await s.anonymousNoise('19900040016', '长华里9号楼夜间施工噪音');
      await act(worker, parent.id, { type: 'sign_for' });
      await act(worker, parent.id, { type: 'reply', text: '已要求施工方夜间停工' });
      const child = await s.anonymousNoise('19900040017', '长华里9号楼半夜施工很吵');
      const response = await commandOn(dispatcher, child.id, { type: 'merge_into', parentId: parent.id });
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().error.details).toEqual({ parentState: 'replied' });
      const rows = await s.world.db.deps.db.selectFrom('case').select(['id', 'state', 'version']).where('id', 'in', [child.id, parent.id]).execute();
      expect(rows.find((r) => r.id === child.id)).toMatchObject({ state: 'dispatched', version: 1 });
      expect(rows.find((r) => r.id === parent.id)).toMatchObject({ state: 'replied' });
    });
  });

  describe('inbox search and bulk dispatch', () => {
    it('full-text search in Chinese finds 噪音 and a tracking code', async () => {
      setNow();
      const noise = await s.anonymousNoise('19900040016', '长华里8号楼空调外机噪音严重影响休息');
      const lamp = await s.submit(s.world.anonymous, { categoryCode: 'property', description: '长华里8号楼楼道灯坏了很久没人修', contact: { phone: '19900040016' } });
      const found = await inbox(worker, `queue=all_open&q=${encodeURIComponent('噪音')}`);
      const ids = found.items.map((i) => i.id);
      expect(ids).toContain(noise.id);
      expect(ids).not.toContain(lamp.id);
      expect(found.total).toBe(found.items.length);
      const words = await inbox(worker, `queue=all_open&q=${encodeURIComponent('空调外机')}`);
      expect(words.items.map((i) => i.id)).toEqual([noise.id]);
      for (const q of [lamp.trackingCode, lamp.trackingCode.toLowerCase()]) {
        const byCode = await inbox(worker, `queue=all_open&q=${encodeURIComponent(q)}`);
        expect(byCode.items.map((i) => i.id)).toEqual([lamp.id]);
      }
      // Search stays within reach: another community's worker finds nothing of 长华里.
      const elsewhere = await s.world.staff('gulou.worker');
      expect((await inbox(elsewhere, `queue=all_open&q=${encodeURIComponent('噪音')}`)).total).toBe(0);
    });

    it('bulk dispatch reports a result per case', async () => {
      setNow();
      const first = await s.submit(s.world.anonymous, { categoryCode: 'gas-leak', description: '长华里9号楼单元门口闻到燃气味', contact: { phone: '19900040017' } });
      const second = await s.submit(s.world.anonymous, { categoryCode: 'gas-leak', description: '长华里10号楼厨房燃气表附近有异味', contact: { phone: '19900040018' } });
      const alreadyDispatched = await s.anonymousNoise('19900040019');
      const unknown = '00000000-0000-4000-8000-000000000000';
      const response = expectOk(await dispatcher.post('/api/appeals/bulk-dispatch', { caseIds: [first.id, alreadyDispatched.id, second.id, unknown], unitId: s.units.community, note: '请社区立即处置' }));
      expect(response.results).toEqual([
        { caseId: first.id, ok: true, state: 'dispatched' },
        expect.objectContaining({ caseId: alreadyDispatched.id, ok: false, code: 'invalid_transition' }),
        { caseId: second.id, ok: true, state: 'dispatched' },
        expect.objectContaining({ caseId: unknown, ok: false, code: 'not_found' }),
      ]);
      const rows = await s.world.db.deps.db.selectFrom('case').select(['id', 'state', 'handlingUnitId']).where('id', 'in', [first.id, second.id]).execute();
      for (const row of rows) expect(row).toMatchObject({ state: 'dispatched', handlingUnitId: s.units.community });
      expect((await worker.post('/api/appeals/bulk-dispatch', { caseIds: [first.id], unitId: s.units.community })).statusCode).toBe(403);
      const invalid = await dispatcher.post('/api/appeals/bulk-dispatch', { caseIds: [], unitId: s.units.community });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().error.details.issues[0].field).toBe('body.caseIds');
    });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('the deadline engine: escalation, warnings and red flags', () => {
  const s = scenario();
  let worker: Client;
  let streetHandler: Client;
  let dispatcher: Client;

  beforeAll(async () => {
    await s.open();
    worker = await s.world.staff('changhuali.worker');
    streetHandler = await s.world.staff('changhong.handler');
    dispatcher = await s.world.staff('dispatcher');
  });
  afterAll(async () => s.world.close());

  const inbox = async (client: Client, query: string) => expectOk(await client.get(`/api/appeals/inbox?${query}`)) as { total: number; items: Array<Record<string, any>> };
  const item = async (client: Client, query: string, id: string) => (await inbox(client, query)).items.find((i) => i.id === id);
  const sweep = () => sweepDeadlines(s.world.db.deps);

  it('sign-for: yellow, red, escalated to the street (签收超时), then to the district, then flagged red once', async () => {
    const clock = s.world.db.clock;
    clock.set(NOW);
    const unsigned = await s.anonymousNoise('19900050001');
    const handled = await s.anonymousNoise('19900050002', '长华里11号楼夜间施工噪音');
    await act(worker, handled.id, { type: 'sign_for' });
    const replied = await s.anonymousNoise('19900050003', '长华里12号楼楼上跳绳噪音');
    await act(worker, replied.id, { type: 'sign_for' });
    await act(worker, replied.id, { type: 'reply', text: '已上门沟通，对方同意改在白天运动' });

    // Wednesday 10:00: the sign-for deadline (Wednesday 23:59:59.999) is less than a day away.
    clock.set(local('2026-03-04T10:00:00.000'));
    expect(await sweep()).toEqual({ fired: 0, acted: 0, stale: 0 });
    expect(await item(worker, 'queue=to_sign', unsigned.id)).toMatchObject({ warning: 'yellow', dueAt: local('2026-03-04T23:59:59.999') });
    expect((await inbox(worker, 'queue=due_soon')).items.map((i) => i.id)).toContain(unsigned.id);
    expect((await inbox(worker, 'queue=overdue')).items.map((i) => i.id)).not.toContain(unsigned.id);
    // The handled one is due next Tuesday: no warning; a reply owes nothing.
    expect(await item(worker, 'queue=handling', handled.id)).toMatchObject({ warning: null });
    expect(await item(worker, 'queue=replied', replied.id)).toMatchObject({ warning: null });

    // Thursday 00:00: overdue, red, until the engine runs.
    clock.set(local('2026-03-05T00:00:00.000'));
    expect(await item(worker, 'queue=overdue', unsigned.id)).toMatchObject({ warning: 'red' });
    expect(await sweep()).toEqual({ fired: 1, acted: 1, stale: 0 });
    const atStreet = await s.world.db.deps.db.selectFrom('case').select(['handlingUnitId', 'state', 'dueAt']).where('id', '=', unsigned.id).executeTakeFirstOrThrow();
    expect(atStreet).toEqual({ handlingUnitId: s.units.street, state: 'dispatched', dueAt: local('2026-03-06T23:59:59.999') });
    expect(await sweep()).toEqual({ fired: 0, acted: 0, stale: 0 });

    const streetView = expectOk(await streetHandler.get(`/api/cases/${unsigned.id}`));
    const escalated = streetView.timeline.find((e: { type: string }) => e.type === 'escalated');
    expect(escalated).toMatchObject({ actorLabel: 'deadline-engine', data: { from: s.units.community, to: s.units.street, level: 'street', reason: '签收超时，自动上报' } });
    expect(streetView.abilities).toEqual(expect.arrayContaining(['sign_for']));
    const track = expectOk(await s.world.anonymous.get(`/api/appeals/track/${unsigned.trackingCode}`));
    expect(track.steps.at(-1)).toMatchObject({ type: 'escalated', unit: '长虹街' });

    // Friday 08:00: the street's own sign-for (end of Friday) is due within a day.
    clock.set(local('2026-03-06T08:00:00.000'));
    expect(await item(streetHandler, 'queue=to_sign', unsigned.id)).toMatchObject({ warning: 'yellow', escalations: 1, handlingUnitId: s.units.street });

    // Saturday 00:00: the street missed it too → the district; its next working day is Monday.
    clock.set(local('2026-03-07T00:00:00.000'));
    expect(await sweep()).toMatchObject({ acted: 1 });
    expect(await item(dispatcher, 'queue=to_sign', unsigned.id)).toMatchObject({ handlingUnitId: s.units.district, escalations: 2, dueAt: local('2026-03-09T23:59:59.999') });

    // Tuesday 03-10 00:00: the district missed it → flagged red, once; no clock runs again.
    clock.set(local('2026-03-10T00:00:00.000'));
    expect(await sweep()).toEqual({ fired: 1, acted: 1, stale: 0 });
    const red = await item(dispatcher, 'queue=overdue', unsigned.id);
    expect(red).toMatchObject({ warning: 'red', handlingUnitId: s.units.district });
    const districtView = expectOk(await dispatcher.get(`/api/cases/${unsigned.id}`));
    expect(districtView.timeline.at(-1)).toMatchObject({ type: 'overdue_flagged', visibility: 'internal', data: { clock: 'sign_for' } });
    expect(districtView.case.data.overdue.sign_for).toBe(local('2026-03-10T00:00:00.000'));
    const pending = await s.world.db.deps.db.selectFrom('caseTimer').select('kind').where('caseId', '=', unsigned.id).where('firedAt', 'is', null).execute();
    expect(pending).toEqual([]);
    clock.set(local('2026-03-10T12:00:00.000'));
    expect(await sweep()).toEqual({ fired: 0, acted: 0, stale: 0 });

    // Wednesday 03-11 00:00: the handled appeal missed its feedback (03-10) → the street (办理超时);
    // the unrated reply's follow-up window ended → closed as not rated.
    clock.set(local('2026-03-11T00:00:00.000'));
    expect(await sweep()).toEqual({ fired: 2, acted: 2, stale: 0 });
    const handledView = expectOk(await streetHandler.get(`/api/cases/${handled.id}`));
    expect(handledView.case).toMatchObject({ handlingUnitId: s.units.street, state: 'dispatched' });
    expect(handledView.timeline.at(-1)).toMatchObject({ type: 'escalated', data: { reason: '办理超时，自动上报' } });
    const repliedRow = await s.world.db.deps.db.selectFrom('case').select(['state']).where('id', '=', replied.id).executeTakeFirstOrThrow();
    expect(repliedRow.state).toBe('closed');
    const closedEvent = await s.world.db.deps.db.selectFrom('caseEvent').select(['data', 'actorLabel']).where('caseId', '=', replied.id).where('type', '=', 'closed').executeTakeFirstOrThrow();
    expect({ ...closedEvent, data: JSON.parse(closedEvent.data) }).toEqual({ actorLabel: 'deadline-engine', data: { reason: 'not_rated_in_time' } });
  });
});

describe('the deadline engine on a holiday', () => {
  const s = scenario();
  beforeAll(async () => s.open(local('2026-10-01T10:00:00.000')));
  afterAll(async () => s.world.close());
  const sweep = () => sweepDeadlines(s.world.db.deps);

  it('the utilities clock runs in minutes on a holiday, and a department escalates to the district', async () => {
    const clock = s.world.db.clock;
    clock.set(local('2026-10-01T10:00:00.000'));
    const heating = await s.submit(s.world.anonymous, { categoryCode: 'heating', description: '国庆假期暖气漏水，楼下被淹', contact: { phone: '19900050004' } });
    expect(heating).toMatchObject({ handlingUnitId: s.units.housing, dueAt: local('2026-10-01T10:30:00.000') });
    clock.set(local('2026-10-01T10:29:00.000'));
    expect((await sweep()).acted).toBe(0);
    clock.set(local('2026-10-01T10:30:00.000'));
    expect(await sweep()).toMatchObject({ acted: 1 });
    const row = await s.world.db.deps.db.selectFrom('case').select(['handlingUnitId', 'dueAt']).where('id', '=', heating.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ handlingUnitId: s.units.district, dueAt: local('2026-10-01T11:00:00.000') });
  });
});
