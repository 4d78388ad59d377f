// Complainant protection (DOMAIN.md §4): when a resident asks to hide their identity, nothing the unit
// concerned can read names them — not the case, not the command responses, the inbox, the case list, the
// timeline, nor the person record. Only the district's dispatchers, who route the appeal, know who raised it.
// The raw JSON text of every response is searched for the name, the phone, the ID number, the address and
// the person and user ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoResident, openWorld, type Client, type Response, type World } from '../../src/modules/appeal/test/appeal.http-fixtures.ts';

let world: World;
let worker: Client;
let streetHandler: Client;
let housing: Client;
let dispatcher: Client;
let point: { lng: number; lat: number };
let units: { community: string; street: string; housing: string };

// Lives in 府佑里 (鼓楼街): nothing but the appeal ties them to 长华里 or to the housing department.
const hidden = demoResident('朱宝山');
// Lives in 东门里 (鼓楼街): raises a matter in 长华里 without asking for anonymity.
const open = demoResident('高春燕');

beforeAll(async () => {
  world = await openWorld();
  worker = await world.staff('changhuali.worker');
  streetHandler = await world.staff('changhong.handler');
  housing = await world.staff('housing.handler');
  dispatcher = await world.staff('dispatcher');
  const community = world.unit('nk-ch-01');
  point = { lng: community.centre[0], lat: community.centre[1] };
  units = { community: community.id, street: world.unit('nk-ch').id, housing: world.unit('nk-dept-housing').id };
});
afterAll(async () => world.close());

function ok(response: Response, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

/** Fails naming the secret and where it leaked. */
function expectNoSecrets(where: string, response: Response, secrets: Record<string, string>) {
  for (const [what, value] of Object.entries(secrets)) {
    expect(response.body.includes(value), `${where} shows the complainant's ${what}`).toBe(false);
  }
}

describe('a signed-in resident who asked to hide their identity', () => {
  let resident: Client;
  let secrets: Record<string, string>;
  let noise: { id: string; trackingCode: string };
  let heating: { id: string; trackingCode: string };

  beforeAll(async () => {
    resident = await world.resident(hidden.phone);
    secrets = { name: hidden.name, phone: hidden.phone, idNumber: hidden.idNumber, address: hidden.address, personId: resident.personId!, userId: resident.userId! };
    noise = ok(await resident.post('/api/appeals', { categoryCode: 'noise', description: '长华里5号楼楼下商铺夜间装修噪音扰民', location: point, hideIdentity: true }), 201);
    heating = ok(await resident.post('/api/appeals', { categoryCode: 'heating', description: '长华里5号楼暖气一直不热，物业推诿', location: point, hideIdentity: true }), 201);
  });

  /** Every read a unit has of an appeal, checked for the secrets. */
  async function everythingReadable(who: string, client: Client, id: string, trackingCode: string) {
    const detail = await client.get(`/api/cases/${id}`);
    const body = ok(detail);
    expect(body.requesterHidden).toBe(true);
    expect(body.case).toMatchObject({ requesterPersonId: null, requesterUserId: null });
    expect(body.timeline.length).toBeGreaterThan(1);
    expectNoSecrets(`${who}: GET /api/cases/:id`, detail, secrets);
    for (const url of [
      '/api/appeals/inbox', '/api/appeals/inbox?queue=all_open&pageSize=200', `/api/appeals/inbox?q=${encodeURIComponent('长华里')}`, `/api/appeals/inbox?q=${trackingCode}`,
      '/api/cases', '/api/cases?kind=appeal&pageSize=200', `/api/cases?q=${trackingCode}`,
    ]) {
      const list = await client.get(url);
      const items = ok(list).items as Array<{ id: string }>;
      expect(items.map((i) => i.id), `${who}: ${url}`).toContain(id);
      expectNoSecrets(`${who}: GET ${url}`, list, secrets);
    }
  }

  async function command(who: string, client: Client, id: string, payload: Record<string, unknown>) {
    const response = await client.post(`/api/cases/${id}/commands`, payload);
    ok(response);
    expectNoSecrets(`${who}: ${String(payload.type)} response`, response, secrets);
    return response.json() as { case: { state: string } };
  }

  it('the community worker reads and handles the appeal without learning who raised it', async () => {
    await everythingReadable('community worker', worker, noise.id, noise.trackingCode);
    await command('community worker', worker, noise.id, { type: 'sign_for' });
    await command('community worker', worker, noise.id, { type: 'note', text: '已电话联系商铺' });
    await command('community worker', worker, noise.id, { type: 'reply', text: '已责令商铺夜间停止装修' });
  });

  it('the resident\'s own steps (rating, reopening) stay anonymous to the unit', async () => {
    ok(await resident.post(`/api/cases/${noise.id}/commands`, { type: 'rate', rating: 'unsatisfied', comment: '晚上还在施工' }));
    ok(await resident.post(`/api/cases/${noise.id}/commands`, { type: 'reopen', reason: '问题没有解决' }));
    const detail = await worker.get(`/api/cases/${noise.id}`);
    const timeline = ok(detail).timeline as Array<{ type: string; actorId: string | null; actorLabel: string }>;
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['registered', 'rated', 'reopened']));
    for (const e of timeline.filter((t) => ['registered', 'rated', 'reopened'].includes(t.type))) expect(e).toMatchObject({ actorId: null, actorLabel: '' });
    expectNoSecrets('community worker: timeline after the resident acted', detail, secrets);
    await command('community worker', worker, noise.id, { type: 'escalate', reason: '商铺拒不配合，需街道协调' });
  });

  it('the street handler reads and handles it without learning who raised it', async () => {
    await everythingReadable('street handler', streetHandler, noise.id, noise.trackingCode);
    await command('street handler', streetHandler, noise.id, { type: 'sign_for' });
    await command('street handler', streetHandler, noise.id, { type: 'reply', text: '街道城管已到场执法' });
  });

  it('the housing department reads and handles its appeal without learning who raised it', async () => {
    await everythingReadable('housing department', housing, heating.id, heating.trackingCode);
    await command('housing department', housing, heating.id, { type: 'sign_for' });
    await command('housing department', housing, heating.id, { type: 'reply', text: '已安排供热公司上门排查' });
  });

  it('the person record is not found for any unit concerned (nor may they reveal it)', async () => {
    for (const [who, client] of [['community worker', worker], ['street handler', streetHandler], ['housing department', housing]] as const) {
      const person = await client.get(`/api/people/${secrets.personId}`);
      expect(person.statusCode, `${who}: GET /api/people/:id answers ${person.statusCode} ${person.body}`).toBe(404);
      expectNoSecrets(`${who}: GET /api/people/:id`, person, secrets);
      const reveal = await client.post(`/api/people/${secrets.personId}/reveal`, { fields: ['name', 'phone'], purpose: '核实诉求人身份' });
      expect(reveal.statusCode, `${who}: POST /api/people/:id/reveal answers ${reveal.statusCode} ${reveal.body}`).toBe(404);
      expectNoSecrets(`${who}: POST /api/people/:id/reveal`, reveal, secrets);
    }
  });

  it('the hotline caller lookup does not tie the phone to the hidden appeals for the units', async () => {
    for (const [who, client] of [['community worker', worker], ['street handler', streetHandler], ['housing department', housing]] as const) {
      const lookup = await client.get(`/api/appeals/callers?phone=${hidden.phone}`);
      const items = ok(lookup).items as Array<{ id: string }>;
      expect(items.map((i) => i.id), who).not.toContain(noise.id);
      expect(items.map((i) => i.id), who).not.toContain(heating.id);
    }
  });

  it('the district dispatcher does see who raised it', async () => {
    for (const id of [noise.id, heating.id]) {
      const body = ok(await dispatcher.get(`/api/cases/${id}`));
      expect(body.requesterHidden).toBe(false);
      expect(body.case).toMatchObject({ requesterPersonId: secrets.personId, requesterUserId: secrets.userId });
    }
    const person = ok(await dispatcher.get(`/api/people/${secrets.personId}`));
    expect(person).toMatchObject({ id: secrets.personId, name: '朱**' });
  });

  it('the resident still sees their own matter and its reply', async () => {
    const mine = ok(await resident.get(`/api/cases/${heating.id}`));
    expect(mine.case).toMatchObject({ requesterUserId: secrets.userId, data: { hideIdentity: true, reply: { text: '已安排供热公司上门排查' } } });
  });
});

describe('an anonymous caller with a phone who asked to hide their identity', () => {
  it('is neither named nor findable by the community', async () => {
    const phone = '19900060001';
    const opened = ok(await world.anonymous.post('/api/appeals', {
      categoryCode: 'neighbours', description: '邻居长期占用楼道堆放杂物，沟通无果', location: point, hideIdentity: true, contact: { name: '匿名居民甲', phone },
    }), 201) as { id: string };
    const personId = (await world.db.deps.db.selectFrom('case').select('requesterPersonId').where('id', '=', opened.id).executeTakeFirstOrThrow()).requesterPersonId!;
    const secrets = { name: '匿名居民甲', phone, personId };
    const detail = await worker.get(`/api/cases/${opened.id}`);
    expect(ok(detail).requesterHidden).toBe(true);
    expectNoSecrets('community worker: GET /api/cases/:id', detail, secrets);
    const person = await worker.get(`/api/people/${personId}`);
    expect(person.statusCode, `GET /api/people/:id answers ${person.statusCode} ${person.body}`).toBe(404);
  });
});

describe('a resident who did not ask to hide their identity', () => {
  it('is known to the community worker, masked', async () => {
    const resident = await world.resident(open.phone);
    const opened = ok(await resident.post('/api/appeals', { categoryCode: 'property', description: '长华里5号楼电梯经常停运，老人上下楼困难', location: point }), 201) as { id: string };
    const detail = ok(await worker.get(`/api/cases/${opened.id}`));
    expect(detail.requesterHidden).toBe(false);
    expect(detail.case).toMatchObject({ requesterPersonId: resident.personId, requesterUserId: resident.userId });
    const registered = (detail.timeline as Array<{ type: string; actorId: string | null }>).find((e) => e.type === 'registered');
    expect(registered?.actorId).toBe(resident.userId);

    const personResponse = await worker.get(`/api/people/${resident.personId}`);
    const person = ok(personResponse);
    expect(person).toMatchObject({ id: resident.personId, name: '高**', phone: `${open.phone.slice(0, 3)}****${open.phone.slice(-4)}`, abilities: { reveal: true } });
    // masked: the full name and phone appear nowhere
    expect(personResponse.body).not.toContain(open.name);
    expect(personResponse.body).not.toContain(open.phone);
  });
});
