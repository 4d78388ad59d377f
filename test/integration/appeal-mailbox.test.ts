// Letters to the district mailbox: parsed as written (GBK, base64, quoted-printable, multipart),
// routed like any appeal, and answered by e-mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { parseMail } from '../../src/modules/appeal/server/mailbox.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';
import { as, login, type Session } from '../support/http.ts';

let db: TestDatabase;
let app: FastifyInstance;
let dispatcher: Session;

/** GBK bytes of a text, through the decoder's inverse: node has no GBK encoder, so build it from the decoder's table. */
function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return Buffer.from(Array.from(text).flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch) ?? [0x3f])));
}

const letterGbk = () => Buffer.concat([
  Buffer.from(`From: =?GBK?B?${encodeGbk('刘桂芳').toString('base64')}?= <liu.guifang@example.com>\r\nTo: quzhang@nankai.example\r\nSubject: =?GBK?B?${encodeGbk('反映长华里装修噪音').toString('base64')}?=\r\nContent-Type: text/plain; charset=GBK\r\nContent-Transfer-Encoding: base64\r\n\r\n`, 'latin1'),
  Buffer.from(encodeGbk('区长您好：长华里3号楼楼上装修噪音很大，晚上十点还在施工，请帮忙协调。').toString('base64'), 'latin1'),
]);

const letterMultipart = Buffer.from([
  'From: "Zhang Wei" <zhang.wei@example.com>',
  'Subject: =?UTF-8?Q?=E5=BB=BA=E8=AE=AE?=',
  'Content-Type: multipart/alternative; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/html; charset=UTF-8',
  '',
  '<p>HTML version</p>',
  '--b1',
  'Content-Type: text/plain; charset=UTF-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  '=E5=BB=BA=E8=AE=AE=E5=A2=9E=E5=8A=A0=E5=85=AC=E4=BA=A4=E7=BA=BF=E8=B7=AF',
  '--b1--',
  '',
].join('\r\n'), 'utf8');

beforeAll(async () => {
  db = await openDemoDatabase();
  app = await buildApp(db.deps, { publicRateLimit: 10_000 });
  dispatcher = await login(app, 'dispatcher');
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const post = (session: Session | null, body: Buffer, contentType = 'message/rfc822') =>
  as(app, session)({ method: 'POST', url: '/api/appeals/mailbox', payload: body, headers: { 'content-type': contentType } });

describe('parsing letters', () => {
  it('decodes GBK encoded-words and base64 bodies', () => {
    expect(parseMail(letterGbk())).toEqual({
      fromName: '刘桂芳', fromAddress: 'liu.guifang@example.com', subject: '反映长华里装修噪音',
      text: '区长您好：长华里3号楼楼上装修噪音很大，晚上十点还在施工，请帮忙协调。',
    });
  });

  it('prefers the plain-text part of a multipart letter and decodes quoted-printable', () => {
    expect(parseMail(letterMultipart)).toMatchObject({ fromName: 'Zhang Wei', fromAddress: 'zhang.wei@example.com', subject: '建议', text: '建议增加公交线路' });
  });
});

describe('POST /api/appeals/mailbox', () => {
  it('registers a letter, routes it by the community it names, and answers the sender by e-mail', async () => {
    const response = await post(dispatcher, letterGbk());
    expect(response.statusCode).toBe(201);
    const row = await db.deps.db.selectFrom('case').selectAll().where('id', '=', response.json().id).executeTakeFirstOrThrow();
    const community = await db.deps.db.selectFrom('jurisdiction').select('id').where('code', '=', 'nk-ch-01').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: '反映长华里装修噪音', state: 'dispatched', jurisdictionId: community.id, handlingUnitId: community.id });
    expect(JSON.parse(row.data)).toMatchObject({ channel: 'mailbox', categoryCode: 'noise', publish: false });
    const outbox = await db.deps.db.selectFrom('outbox').select(['channel', 'payload']).orderBy('createdAt', 'desc').executeTakeFirstOrThrow();
    expect(outbox.channel).toBe('email');
    expect(JSON.parse(db.deps.cipher.decrypt(outbox.payload))).toMatchObject({ to: 'liu.guifang@example.com', template: 'appeal_received' });
  });

  it('files a letter that names no place with the district dispatchers', async () => {
    const response = await post(dispatcher, letterMultipart);
    expect(response.statusCode).toBe(201);
    const row = await db.deps.db.selectFrom('case').select(['state', 'jurisdictionId', 'handlingUnitId']).where('id', '=', response.json().id).executeTakeFirstOrThrow();
    const district = await db.deps.db.selectFrom('jurisdiction').select('id').where('code', '=', 'nk').executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'registered', jurisdictionId: district.id, handlingUnitId: district.id });
  });

  it('refuses what is not a letter it can answer, storing nothing', async () => {
    const before = await db.deps.db.selectFrom('case').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const noSender = await post(dispatcher, Buffer.from('Subject: hi\r\n\r\n你好，我想反映问题', 'utf8'));
    expect(noSender.statusCode).toBe(400);
    expect(noSender.json().error.details.issues[0].field).toBe('body.from');
    expect((await post(dispatcher, letterGbk(), 'text/plain')).statusCode).toBe(415);
    expect((await post(dispatcher, Buffer.alloc(3 * 1024 * 1024, 0x41))).statusCode).toBe(413);
    expect((await post(null, letterGbk())).statusCode).toBe(401);
    const after = await db.deps.db.selectFrom('case').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
