// HTTP fixtures for the application integration tests (test/integration/application-*.test.ts): the demo district
// on the test engine with the catalogue installed, the app built over it, sessions for demo staff and residents
// (one-time code), uploads, the outbox and row counts. Time only from the FixedClock. Self-contained: nothing
// here comes from another case module.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { DEMO_PASSWORD, DEMO_RESIDENTS } from '../../../server/core/jurisdictions/demo-district.data.ts';
import { SESSION_TTL_MS } from '../../../server/core/people/auth.service.ts';
import { openDemoDatabase, type TestDatabase } from '../../../../test/support/test-deps.ts';
import type { ApplicationTables } from '../server/application.tables.ts';

export type Response = LightMyRequestResponse;

export interface Client {
  (options: InjectOptions): Promise<Response>;
  get(url: string): Promise<Response>;
  post(url: string, payload?: unknown): Promise<Response>;
  patch(url: string, payload?: unknown): Promise<Response>;
  userId: string | null;
  personId: string | null;
}

export interface World {
  db: TestDatabase;
  app: FastifyInstance;
  unit(code: string): { id: string; path: string; nameZh: string };
  staff(username: string): Promise<Client>;
  resident(phone: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export const TRACKING_CODE = /^SP\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/;

/** An instant written in the district's zone (+08:00), as an ISO string in UTC. */
export function local(wallClock: string): string {
  return new Date(`${wallClock}+08:00`).toISOString();
}

export function demoResident(index: number) {
  return DEMO_RESIDENTS[index]!;
}

let addressCounter = 0;
function nextAddress(): string {
  addressCounter++;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

export async function openWorld(now?: string): Promise<World> {
  const db = await openDemoDatabase(now ? { now } : {});
  const app = await buildApp(db.deps, { publicRateLimit: 100_000 });
  const rows = await db.deps.db.selectFrom('jurisdiction').select(['id', 'code', 'path', 'nameZh']).where('tenantId', '=', db.deps.tenantId).execute();
  const units = new Map(rows.map((r) => [r.code, r]));
  const inject = (options: InjectOptions) => app.inject({ remoteAddress: nextAddress(), ...options });

  function client(auth: () => Promise<Record<string, string>>, ids: { userId: string | null; personId: string | null }): Client {
    const send = async (options: InjectOptions) => inject({ ...options, headers: { ...(options.headers as Record<string, string> | undefined ?? {}), ...(await auth()) } });
    return Object.assign(send, {
      get: (url: string) => send({ method: 'GET', url }),
      post: (url: string, payload?: unknown) => send({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
      patch: (url: string, payload?: unknown) => send({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
      ...ids,
    });
  }

  /** A session that signs in again when the FixedClock has moved past half its lifetime since it was last used. */
  async function sessionClient(signIn: () => Promise<{ headers: Record<string, string>; userId: string; personId: string | null }>): Promise<Client> {
    let session = await signIn();
    let lastUsed = db.clock.now().getTime();
    return client(async () => {
      const now = db.clock.now().getTime();
      if (now - lastUsed > SESSION_TTL_MS / 2) session = await signIn();
      lastUsed = now;
      return session.headers;
    }, { userId: session.userId, personId: session.personId });
  }

  return {
    db, app,
    unit(code) {
      const u = units.get(code);
      if (!u) throw new Error(`no unit ${code}`);
      return u;
    },
    async staff(username) {
      return sessionClient(async () => {
      const response = await inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
      if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
      const body = response.json() as { csrfToken: string; user: { id: string } };
      return { headers: { cookie: `ms_session=${response.cookies.find((c) => c.name === 'ms_session')!.value}`, 'x-csrf-token': body.csrfToken }, userId: body.user.id, personId: null };
      });
    },
    async resident(phone) {
      return sessionClient(async () => {
      // Tests move the clock back and forth: a code "sent" at a later instant must not block this one.
      await db.deps.db.deleteFrom('oneTimeCode').where('createdAt', '>', new Date(db.clock.now().getTime() - 60_000).toISOString()).execute();
      const before = new Set((await db.deps.db.selectFrom('outbox').select('id').execute()).map((r) => r.id));
      const sent = await inject({ method: 'POST', url: '/api/auth/resident/code', payload: { contact: phone } });
      if (sent.statusCode !== 200) throw new Error(`code for ${phone} failed: ${sent.statusCode} ${sent.body}`);
      // The message this request added (the clock may have been set back, so creation times do not order them).
      const added = (await db.deps.db.selectFrom('outbox').select(['id', 'payload']).execute()).filter((r) => !before.has(r.id));
      const code = added.map((r) => JSON.parse(db.deps.cipher.decrypt(r.payload)) as SentMessage).find((m) => m.template === 'login_code' && m.to === phone)!.params.code;
      const verified = await inject({ method: 'POST', url: '/api/auth/resident/verify', payload: { contact: phone, code } });
      if (verified.statusCode !== 200) throw new Error(`verify ${phone} failed: ${verified.statusCode} ${verified.body}`);
      const body = verified.json() as { csrfToken: string; user: { id: string } };
      const user = await db.deps.db.selectFrom('appUser').select('personId').where('id', '=', body.user.id).executeTakeFirstOrThrow();
      return { headers: { cookie: `ms_session=${verified.cookies.find((c) => c.name === 'ms_session')!.value}`, 'x-csrf-token': body.csrfToken }, userId: body.user.id, personId: user.personId };
      });
    },
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
}

export async function outboxMessages(db: TestDatabase): Promise<SentMessage[]> {
  const rows = await db.deps.db.selectFrom('outbox').select(['channel', 'payload']).orderBy('createdAt').orderBy('id').execute();
  return rows.map((r) => ({ channel: r.channel, ...(JSON.parse(db.deps.cipher.decrypt(r.payload)) as { to: string; template: string; params: Record<string, string> }) }));
}

/** A small valid PDF to upload as a material. */
export function tinyPdf(label = 'material'): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}

/** Uploads one file (POST /api/attachments) and returns its id. */
export async function upload(client: Client, label = 'material'): Promise<string> {
  const response = await client({ method: 'POST', url: `/api/attachments?name=${label}.pdf`, payload: tinyPdf(label), headers: { 'content-type': 'application/pdf' } });
  if (response.statusCode !== 201) throw new Error(`upload failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { id: string }).id;
}

/** Rows an application may write: a refused one must leave every count as it was. */
export async function rowCounts(db: TestDatabase) {
  const d = db.deps.db;
  const n = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);
  const app = d.withTables<ApplicationTables>();
  return {
    case: await n(d.selectFrom('case').select((eb) => eb.fn.countAll<number>().as('n'))),
    caseEvent: await n(d.selectFrom('caseEvent').select((eb) => eb.fn.countAll<number>().as('n'))),
    caseTimer: await n(d.selectFrom('caseTimer').select((eb) => eb.fn.countAll<number>().as('n'))),
    person: await n(d.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n'))),
    outbox: await n(d.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n'))),
    record: await n(app.selectFrom('applicationRecord').select((eb) => eb.fn.countAll<number>().as('n'))),
    material: await n(app.selectFrom('applicationMaterial').select((eb) => eb.fn.countAll<number>().as('n'))),
    linkedAttachments: await n(d.selectFrom('attachment').select((eb) => eb.fn.countAll<number>().as('n')).where('caseId', 'is not', null)),
  };
}
