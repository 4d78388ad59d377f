// HTTP fixtures for the appeal integration tests (test/integration/appeal-*.test.ts): the demo district on
// the test engine, the app built over it, sessions for demo staff and residents (one-time code, as in
// case-access.test.ts), and readers for the outbox and the row counts. Time only from the FixedClock.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { DEMO_PASSWORD, DEMO_RESIDENTS } from '../../../server/core/jurisdictions/demo-district.data.ts';
import { SESSION_TTL_MS } from '../../../server/core/people/auth.service.ts';
import { openDemoDatabase, type TestDatabase } from '../../../../test/support/test-deps.ts';

export interface Unit {
  id: string;
  path: string;
  nameZh: string;
  /** [lng, lat] of the centre, inside the unit's polygon */
  centre: [number, number];
}

export type Response = LightMyRequestResponse;

export interface Client {
  (options: InjectOptions): Promise<Response>;
  get(url: string): Promise<Response>;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** the signed-in user (null for anonymous) */
  userId: string | null;
  personId: string | null;
}

export interface World {
  db: TestDatabase;
  app: FastifyInstance;
  unit(code: string): Unit;
  staff(username: string): Promise<Client>;
  resident(phone: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export const TRACKING_CODE = /^SQ\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/;

/** A demo resident by name (synthetic data from demo-district.data.ts). */
export function demoResident(name: string) {
  const found = DEMO_RESIDENTS.find((r) => r.name === name);
  if (!found) throw new Error(`no demo resident ${name}`);
  return found;
}

/** An instant written in the district's zone (+08:00), as an ISO string in UTC. */
export function local(wallClock: string): string {
  return new Date(`${wallClock}+08:00`).toISOString();
}

// Public and sign-in routes have per-address rate limits of their own; each request comes from its own
// address so that a long test file does not hit them.
let addressCounter = 0;
function nextAddress(): string {
  addressCounter++;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

export async function openWorld(now?: string): Promise<World> {
  const db = await openDemoDatabase(now ? { now } : {});
  const app = await buildApp(db.deps, { publicRateLimit: 100_000 });
  const rows = await db.deps.db.selectFrom('jurisdiction').select(['id', 'code', 'path', 'nameZh', 'centroidLng', 'centroidLat']).where('tenantId', '=', db.deps.tenantId).execute();
  const units = new Map(rows.map((r) => [r.code, { id: r.id, path: r.path, nameZh: r.nameZh, centre: [r.centroidLng ?? 0, r.centroidLat ?? 0] as [number, number] }]));

  const inject = (options: InjectOptions) => app.inject({ remoteAddress: nextAddress(), ...options });

  function client(auth: () => Promise<Record<string, string>>, ids: { userId: string | null; personId: string | null }): Client {
    const send = async (options: InjectOptions) => inject({ ...options, headers: { ...(options.headers as Record<string, string> | undefined ?? {}), ...(await auth()) } });
    return Object.assign(send, {
      get: (url: string) => send({ method: 'GET', url }),
      post: (url: string, payload?: unknown, headers?: Record<string, string>) => send({ method: 'POST', url, payload: payload as InjectOptions['payload'], ...(headers ? { headers } : {}) }),
      ...ids,
    });
  }

  /** A session that signs in again when the FixedClock has moved past its lifetime. */
  async function sessionClient(signIn: () => Promise<{ cookie: string; csrfToken: string; userId: string; personId: string | null }>): Promise<Client> {
    let session = await signIn();
    let lastUsed = db.clock.now().getTime();
    const c = client(async () => {
      const now = db.clock.now().getTime();
      if (now - lastUsed > SESSION_TTL_MS / 2) session = await signIn();
      lastUsed = now;
      return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    }, { userId: session.userId, personId: session.personId });
    return c;
  }

  const staffCache = new Map<string, Client>();
  async function staff(username: string) {
    const cached = staffCache.get(username);
    if (cached) return cached;
    const made = await sessionClient(async () => {
      const response = await inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
      const body = response.json() as { csrfToken: string; user: { id: string } };
      return { cookie: `ms_session=${response.cookies.find((c) => c.name === 'ms_session')!.value}`, csrfToken: body.csrfToken, userId: body.user.id, personId: null };
    });
    staffCache.set(username, made);
    return made;
  }

  async function resident(phone: string) {
    return sessionClient(async () => {
      const sent = await inject({ method: 'POST', url: '/api/auth/resident/code', payload: { contact: phone } });
      if (sent.statusCode !== 200) throw new Error(`code for ${phone} failed: ${sent.statusCode} ${sent.body}`);
      const code = (await outboxMessages(db)).filter((m) => m.template === 'login_code' && m.to === phone).at(-1)!.params.code;
      const verified = await inject({ method: 'POST', url: '/api/auth/resident/verify', payload: { contact: phone, code } });
      if (verified.statusCode !== 200) throw new Error(`verify ${phone} failed: ${verified.statusCode} ${verified.body}`);
      const userId = (verified.json() as { user: { id: string } }).user.id;
      const user = await db.deps.db.selectFrom('appUser').select('personId').where('id', '=', userId).executeTakeFirstOrThrow();
      return { cookie: `ms_session=${verified.cookies.find((c) => c.name === 'ms_session')!.value}`, csrfToken: (verified.json() as { csrfToken: string }).csrfToken, userId, personId: user.personId };
    });
  }

  return {
    db, app,
    unit(code) {
      const u = units.get(code);
      if (!u) throw new Error(`no unit ${code}`);
      return u;
    },
    staff, resident,
    anonymous: client(async () => ({}), { userId: null, personId: null }),
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export interface SentMessage {
  channel: string;
  to: string;
  template: string;
  params: Record<string, string>;
  createdAt: string;
}

/** The outbox, decrypted, oldest first. */
export async function outboxMessages(db: TestDatabase): Promise<SentMessage[]> {
  const rows = await db.deps.db.selectFrom('outbox').select(['channel', 'payload', 'createdAt']).orderBy('createdAt').orderBy('id').execute();
  return rows.map((r) => ({ channel: r.channel, createdAt: r.createdAt, ...(JSON.parse(db.deps.cipher.decrypt(r.payload)) as { to: string; template: string; params: Record<string, string> }) }));
}

/** Rows an intake may write: a failed one must leave every count as it was. */
export async function rowCounts(db: TestDatabase) {
  const count = async (table: 'case' | 'caseEvent' | 'person' | 'caseTimer' | 'outbox') =>
    Number((await db.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const appealRecords = Number((await db.deps.db.withTables<{ appealRecord: { caseId: string } }>().selectFrom('appealRecord').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const linkedAttachments = Number((await db.deps.db.selectFrom('attachment').select((eb) => eb.fn.countAll<number>().as('n')).where('caseId', 'is not', null).executeTakeFirstOrThrow()).n);
  const auditRows = Number((await db.deps.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'case.%').executeTakeFirstOrThrow()).n);
  return { case: await count('case'), caseEvent: await count('caseEvent'), appealRecord: appealRecords, person: await count('person'), caseTimer: await count('caseTimer'), outbox: await count('outbox'), linkedAttachments, caseAudit: auditRows };
}

/** A valid 1×1 PNG, built byte by byte (signature, IHDR, IDAT, IEND with their CRCs). */
export function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // one scanline: filter byte 0, then one red pixel; zlib stored block (no compression) with its Adler-32
  const raw = Buffer.from([0x00, 0xff, 0x00, 0x00]);
  let a = 1;
  let b = 0;
  for (const byte of raw) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0);
  const idat = Buffer.concat([Buffer.from([0x78, 0x01, 0x01, raw.length, 0x00, ~raw.length & 0xff, 0xff]), raw, adler]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
