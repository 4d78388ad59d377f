// Bad input on every intake path of the appeal module (POST /api/appeals, POST /api/appeals/staff-intake,
// POST /api/attachments): a 4xx that names the field, and nothing half-stored — no case, event, projection,
// person, timer, message, audit row or claimed attachment is left behind by a refused request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorld, rowCounts, tinyPng, type Client, type Response, type World } from '../../src/modules/appeal/test/appeal.http-fixtures.ts';

let world: World;
let dispatcher: Client;
let street: { id: string };
let district: { id: string };
let point: { lng: number; lat: number };

beforeAll(async () => {
  world = await openWorld();
  dispatcher = await world.staff('dispatcher');
  const community = world.unit('nk-ch-01');
  point = { lng: community.centre[0], lat: community.centre[1] };
  street = world.unit('nk-ch');
  district = world.unit('nk');
});
afterAll(async () => world.close());

const PORTAL = '/api/appeals';
const STAFF = '/api/appeals/staff-intake';

function portalBody(overrides: Record<string, unknown> = {}) {
  return { categoryCode: 'noise', description: '楼上装修噪音很大，晚上十点还在施工', location: point, contact: { phone: '19900030001' }, ...overrides };
}
function staffBody(overrides: Record<string, unknown> = {}) {
  return { ...portalBody(), channel: 'hotline', ...overrides };
}
function without(body: Record<string, unknown>, key: string) {
  const { [key]: _, ...rest } = body;
  return rest;
}

function issueFields(response: Response): string[] {
  const body = response.json() as { error?: { details?: { issues?: Array<{ field: string }> } } };
  return (body.error?.details?.issues ?? []).map((i) => i.field);
}

/** Sends the request and checks that no row of any intake table changed. */
async function refused(send: () => Promise<Response>): Promise<Response> {
  const before = await rowCounts(world.db);
  const response = await send();
  expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, response.body).toBeLessThan(500);
  expect(await rowCounts(world.db)).toEqual(before);
  return response;
}

interface Case {
  name: string;
  body: (make: typeof portalBody) => unknown;
  field: string;
}

// The same mistakes on both intake paths, each answered 400 naming the field.
const FIELD_CASES: Case[] = [
  { name: 'missing description', body: (make) => without(make(), 'description'), field: 'body.description' },
  { name: 'missing category', body: (make) => without(make(), 'categoryCode'), field: 'body.categoryCode' },
  { name: 'missing place', body: (make) => without(make(), 'location'), field: 'body.location' },
  { name: 'description too short', body: (make) => make({ description: '吵' }), field: 'body.description' },
  { name: 'description over 2000 characters', body: (make) => make({ description: '噪'.repeat(2001) }), field: 'body.description' },
  { name: 'description of blanks only', body: (make) => make({ description: '      ' }), field: 'body.description' },
  { name: 'description as a number', body: (make) => make({ description: 12345678 }), field: 'body.description' },
  { name: 'hideIdentity as a string', body: (make) => make({ hideIdentity: 'yes' }), field: 'body.hideIdentity' },
  { name: 'attachmentIds as a string', body: (make) => make({ attachmentIds: 'photo.png' }), field: 'body.attachmentIds' },
  { name: 'an attachment id that is not an id', body: (make) => make({ attachmentIds: ['photo.png'] }), field: 'body.attachmentIds.0' },
  { name: 'ten attachments', body: (make) => make({ attachmentIds: Array.from({ length: 10 }, () => crypto.randomUUID()) }), field: 'body.attachmentIds' },
  { name: 'a phone that is not a mobile number', body: (make) => make({ contact: { phone: '12345' } }), field: 'body.contact.phone' },
  { name: 'a malformed e-mail', body: (make) => make({ contact: { email: 'not-an-address' } }), field: 'body.contact.email' },
  { name: 'an unknown field', body: (make) => make({ priority: 'urgent' }), field: 'body.priority' },
  { name: 'an unknown contact field', body: (make) => make({ contact: { phone: '19900030001', wechat: 'abc' } }), field: 'body.contact.wechat' },
  { name: 'a title too long', body: (make) => make({ title: '标'.repeat(61) }), field: 'body.title' },
  { name: 'an unknown category', body: (make) => make({ categoryCode: 'ufo-sighting' }), field: 'body.categoryCode' },
  { name: 'a group category (no parent)', body: (make) => make({ categoryCode: 'utilities' }), field: 'body.categoryCode' },
  { name: 'a place outside the district (Beijing)', body: (make) => make({ location: { lng: 116.397, lat: 39.909 } }), field: 'body.location' },
  { name: 'a place just east of the district', body: (make) => make({ location: { lng: 117.25, lat: 39.12 } }), field: 'body.location' },
  { name: 'a latitude out of range', body: (make) => make({ location: { lng: 117.15, lat: 91 } }), field: 'body.location.lat' },
  { name: 'an unknown community', body: (make) => make({ location: { communityId: '00000000-0000-4000-8000-000000000000' } }), field: 'body.location.communityId' },
];

describe.each([
  { path: PORTAL, make: portalBody, who: () => world.anonymous },
  { path: STAFF, make: staffBody as typeof portalBody, who: () => dispatcher },
])('$path', ({ path, make, who }) => {
  it.each(FIELD_CASES)('$name → 400 naming $field, nothing stored', async ({ body, field }) => {
    const response = await refused(() => who().post(path, body(make)));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(issueFields(response)).toContain(field);
  });

  it('a street or the district given as the community → 400 naming body.location.communityId', async () => {
    for (const unit of [street, district]) {
      const response = await refused(() => who().post(path, make({ location: { communityId: unit.id } })));
      expect(response.statusCode).toBe(400);
      expect(issueFields(response)).toEqual(['body.location.communityId']);
    }
  });

  it('10 MB of text → 413, nothing stored', async () => {
    const response = await refused(() => who().post(path, make({ description: '噪'.repeat(Math.ceil((10 * 1024 * 1024) / 3)) })));
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('malformed JSON → 400, nothing stored', async () => {
    const response = await refused(() => who()({ method: 'POST', url: path, payload: '{"categoryCode": "noise",', headers: { 'content-type': 'application/json' } }));
    expect(response.statusCode).toBe(400);
  });

  it.each(['text/plain', 'application/xml', 'image/png'])('the JSON body sent as %s → 415, nothing stored', async (contentType) => {
    const response = await refused(() => who()({ method: 'POST', url: path, payload: JSON.stringify(make()), headers: { 'content-type': contentType } }));
    expect(response.statusCode, response.body).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });

  it('an attachment id nobody uploaded → 400 naming body.attachmentIds.0, nothing stored', async () => {
    const response = await refused(() => who().post(path, make({ attachmentIds: [crypto.randomUUID()] })));
    expect(response.statusCode).toBe(400);
    expect(issueFields(response)).toEqual(['body.attachmentIds.0']);
  });

  it('the same input without the mistake is accepted (the cases above fail for their own reason)', async () => {
    const before = await rowCounts(world.db);
    const response = await who().post(path, make());
    expect(response.statusCode, response.body).toBe(201);
    const after = await rowCounts(world.db);
    expect(after.case).toBe(before.case + 1);
    expect(after.appealRecord).toBe(before.appealRecord + 1);
  });
});

describe('only the portal', () => {
  it('anonymous without any contact → 400 naming body.contact.phone, nothing stored', async () => {
    for (const body of [without(portalBody(), 'contact'), portalBody({ contact: {} }), portalBody({ contact: { name: '张先生' } })]) {
      const response = await refused(() => world.anonymous.post(PORTAL, body));
      expect(response.statusCode).toBe(400);
      expect(issueFields(response)).toEqual(['body.contact.phone']);
    }
  });

  it('a channel is not the portal\'s to choose', async () => {
    const response = await refused(() => world.anonymous.post(PORTAL, portalBody({ channel: 'hotline' })));
    expect(issueFields(response)).toEqual(['body.channel']);
  });
});

describe('only the staff intake', () => {
  it('a missing or a public channel → 400 naming body.channel, nothing stored', async () => {
    for (const body of [without(staffBody(), 'channel'), staffBody({ channel: 'portal' }), staffBody({ channel: 'open311' }), staffBody({ channel: 'fax' })]) {
      const response = await refused(() => dispatcher.post(STAFF, body));
      expect(response.statusCode).toBe(400);
      expect(issueFields(response)).toEqual(['body.channel']);
    }
  });

  it('is for signed-in staff with case.act: anonymous → 401, a leader → 403, nothing stored', async () => {
    expect((await refused(() => world.anonymous.post(STAFF, staffBody()))).statusCode).toBe(401);
    const leader = await world.staff('leader');
    const response = await refused(() => leader.post(STAFF, staffBody()));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.details.permission).toBe('case.act');
  });

  it('a caller who gives no contact is fine at the hotline', async () => {
    const response = await dispatcher.post(STAFF, without(staffBody(), 'contact'));
    expect(response.statusCode, response.body).toBe(201);
  });
});

describe('photos (POST /api/attachments)', () => {
  const upload = (bytes: Buffer, contentType: string) => world.anonymous({ method: 'POST', url: '/api/attachments?name=photo.png', payload: bytes, headers: { 'content-type': contentType } });
  const attachmentRows = async () => Number((await world.db.deps.db.selectFrom('attachment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('text bytes declared as image/png → 415 naming the body, nothing stored', async () => {
    const before = await attachmentRows();
    const response = await upload(Buffer.from('这不是一张图片，只是一段文字。', 'utf8'), 'image/png');
    expect(response.statusCode).toBe(415);
    expect(response.json().error).toMatchObject({ code: 'unsupported_media_type', details: { field: 'body', detected: null } });
    expect(await attachmentRows()).toBe(before);
  });

  it('a PDF declared as a PNG is stored as what it is; an HTML page is refused', async () => {
    const html = await upload(Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/png');
    expect(html.statusCode).toBe(415);
    const pdf = await upload(Buffer.from('%PDF-1.4\n%âãÏÓ\n'), 'image/png');
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json().contentType).toBe('application/pdf');
  });

  it('an empty file → 400 naming the body; a file over 5 MB → 413', async () => {
    const before = await attachmentRows();
    const empty = await upload(Buffer.alloc(0), 'image/png');
    expect(empty.statusCode).toBeGreaterThanOrEqual(400);
    expect(empty.statusCode).toBeLessThan(500);
    const big = Buffer.concat([tinyPng(), Buffer.alloc(6 * 1024 * 1024)]);
    expect((await upload(big, 'image/png')).statusCode).toBe(413);
    expect(await attachmentRows()).toBe(before);
  });

  it('a real PNG → 201, usable once in attachmentIds, refused the second time naming body.attachmentIds.0', async () => {
    const png = await upload(tinyPng(), 'image/png');
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ contentType: 'image/png', fileName: 'photo.png', size: tinyPng().length });
    const id = png.json().id as string;

    const before = await rowCounts(world.db);
    const first = await world.anonymous.post(PORTAL, portalBody({ attachmentIds: [id] }));
    expect(first.statusCode, first.body).toBe(201);
    expect((await rowCounts(world.db)).linkedAttachments).toBe(before.linkedAttachments + 1);
    const linked = await world.db.deps.db.selectFrom('attachment').select('caseId').where('id', '=', id).executeTakeFirstOrThrow();
    expect(linked.caseId).toBe(first.json().id);
    // The community where it lies sees the photo.
    const worker = await world.staff('changhuali.worker');
    const photo = await worker.get(`/api/attachments/${id}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(tinyPng())).toBe(true);

    for (const [path, make, who] of [[PORTAL, portalBody, world.anonymous], [STAFF, staffBody, dispatcher]] as const) {
      const again = await refused(() => who.post(path, make({ attachmentIds: [id] })));
      expect(again.statusCode).toBe(400);
      expect(issueFields(again)).toEqual(['body.attachmentIds.0']);
    }
  });

  it('one bad id among good ones names its position and leaves the good one unclaimed for a retry', async () => {
    const good = (await upload(tinyPng(), 'image/png')).json().id as string;
    const response = await refused(() => world.anonymous.post(PORTAL, portalBody({ attachmentIds: [good, crypto.randomUUID()] })));
    expect(issueFields(response)).toEqual(['body.attachmentIds.1']);
    expect((await world.db.deps.db.selectFrom('attachment').select('caseId').where('id', '=', good).executeTakeFirstOrThrow()).caseId).toBeNull();
    const retry = await world.anonymous.post(PORTAL, portalBody({ attachmentIds: [good] }));
    expect(retry.statusCode, retry.body).toBe(201);
  });
});
