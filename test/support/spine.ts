// Helpers for the platform-spine tests: sign-in from a fresh address, residents' one-time codes
// read back from the outbox, the error shape, raw rows as stored.
import { expect } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { DEMO_PASSWORD } from '../../src/server/core/jurisdictions/demo-district.data.ts';
import type { TestDatabase } from './test-deps.ts';
import type { Session } from './http.ts';

let addressCounter = 0;

/**
 * A client address nobody else in this process uses. The sign-in routes allow 20 requests a minute
 * per address whatever `publicRateLimit` says, so tests that sign in often come from many addresses.
 */
export function freshAddress(): string {
  addressCounter++;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

/** Staff sign-in; fails the test unless it succeeds. */
export async function signIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: freshAddress() });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  return sessionFrom(response);
}

export function sessionFrom(response: LightMyRequestResponse): Session {
  const cookie = response.cookies.find((c) => c.name === 'ms_session');
  if (!cookie) throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  const body = response.json() as { csrfToken: string; user: Session['user'] };
  return { cookie: `ms_session=${cookie.value}`, csrfToken: body.csrfToken, user: body.user };
}

export async function jurisdictionIdOf(db: TestDatabase, code: string): Promise<string> {
  const row = await db.deps.db.selectFrom('jurisdiction').select('id').where('tenantId', '=', db.deps.tenantId).where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}

export async function userIdOf(db: TestDatabase, username: string): Promise<string> {
  const row = await db.deps.db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

export interface ErrorShape {
  code: string;
  message: string;
  details?: Record<string, unknown> & { issues?: Array<{ field: string; message: string }> };
  requestId: string;
}

/** Asserts the one error shape (with the response's own request id) and returns the error. */
export function expectError(response: LightMyRequestResponse, status: number, code?: string): ErrorShape {
  expect(response.statusCode, `${response.statusCode} ${response.body}`).toBe(status);
  const body = response.json() as { error: ErrorShape };
  expect(body.error, response.body).toBeTypeOf('object');
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.requestId).toBe(response.headers['x-request-id']);
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

/** The fields named by a validation error. */
export function issueFields(error: ErrorShape): string[] {
  return (error.details?.issues ?? []).map((i) => i.field);
}

/** Every row of a table exactly as stored (raw SQL, no service in between). */
export async function rawRows(db: TestDatabase, table: string): Promise<Record<string, unknown>[]> {
  const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db.deps.db);
  return result.rows;
}

interface OutboxPayload {
  to: string;
  template: string;
  params: { code: string; minutes: number };
}

/** Asks for a resident sign-in code and reads the message it put in the outbox. */
export async function requestCode(app: FastifyInstance, db: TestDatabase, contact: string, remoteAddress = freshAddress()) {
  const before = new Set((await db.deps.db.selectFrom('outbox').select('id').execute()).map((r) => r.id));
  const response = await app.inject({ method: 'POST', url: '/api/auth/resident/code', payload: { contact }, remoteAddress });
  const added = (await db.deps.db.selectFrom('outbox').selectAll().execute()).filter((r) => !before.has(r.id));
  const messages = added.map((row) => ({ row, payload: JSON.parse(db.deps.cipher.decrypt(row.payload)) as OutboxPayload }));
  return { response, messages, code: messages[0]?.payload.params.code };
}

export async function verifyCode(app: FastifyInstance, contact: string, code: string, remoteAddress = freshAddress()) {
  return app.inject({ method: 'POST', url: '/api/auth/resident/verify', payload: { contact, code }, remoteAddress });
}

/** A resident signed in with a one-time code; fails the test unless it works. */
export async function residentSignIn(app: FastifyInstance, db: TestDatabase, contact: string): Promise<Session> {
  const { response, code } = await requestCode(app, db, contact);
  if (response.statusCode !== 200 || !code) throw new Error(`code for ${contact} failed: ${response.statusCode} ${response.body}`);
  const verified = await verifyCode(app, contact, code);
  if (verified.statusCode !== 200) throw new Error(`verify for ${contact} failed: ${verified.statusCode} ${verified.body}`);
  return sessionFrom(verified);
}

/** A code of six digits that is not `code`. */
export function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}
