// Signing in: staff passwords with lockout, sessions in httpOnly cookies with CSRF protection,
// residents' one-time codes through the outbox, rate limits on the door, and the audit of it all.
import { DEFAULT_PUBLIC_RATE_LIMIT } from '../../src/server/config.ts';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit.repository.ts';
import { DEMO_PASSWORD } from '../../src/server/core/jurisdictions/demo-district.data.ts';
import { openDemoDatabase, type TestDatabase } from '../support/test-deps.ts';
import { as } from '../support/http.ts';
import {
  expectError, freshAddress, issueFields, jurisdictionIdOf, otherCode, rawRows, requestCode, sessionFrom, signIn, userIdOf, verifyCode,
} from '../support/spine.ts';

let db: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  db = await openDemoDatabase();
  app = await buildApp(db.deps, { publicRateLimit: 10_000 });
});

afterAll(async () => {
  await app.close();
  await db.close();
});

const post = (username: string, password: string, remoteAddress = freshAddress()) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

async function auditRows(action: string) {
  return db.deps.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('seq').execute();
}

describe('staff sign-in', () => {
  it('signs in with the right password and says who you are', async () => {
    const response = await post('admin', DEMO_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ kind: 'staff', username: 'admin' });
    expect(body.user.permissions).toContain('user.manage');
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const session = sessionFrom(response);
    const who = await me(session.cookie);
    expect(who.statusCode).toBe(200);
    expect(who.json().user.username).toBe('admin');
    expect(who.json().csrfToken).toBe(body.csrfToken);
  });

  it('refuses a wrong password and an unknown user with the same 401 message', async () => {
    const wrong = expectError(await post('gulou.worker', 'not-the-password'), 401, 'unauthenticated');
    const unknown = expectError(await post('nobody.here', 'not-the-password'), 401, 'unauthenticated');
    expect(unknown.message).toBe(wrong.message);
    expect(wrong.message).toBe('Wrong username or password');
    expect(wrong.details).toBeUndefined();
    expect(unknown.details).toBeUndefined();
  });

  it('locks the account after 5 failures (423 with lockedUntil) until the clock passes 15 minutes', async () => {
    const start = db.clock.now().getTime();
    for (let i = 1; i <= 4; i++) expectError(await post('xingnanli.worker', `wrong-${i}`), 401, 'unauthenticated');
    const locked = expectError(await post('xingnanli.worker', 'wrong-5'), 423, 'account_locked');
    const lockedUntil = new Date(start + 15 * 60_000).toISOString();
    expect(locked.details).toEqual({ lockedUntil });

    // Even the right password is refused while locked.
    expect(expectError(await post('xingnanli.worker', DEMO_PASSWORD), 423, 'account_locked').details).toEqual({ lockedUntil });
    db.clock.set(new Date(start + 15 * 60_000 - 1_000));
    expectError(await post('xingnanli.worker', DEMO_PASSWORD), 423, 'account_locked');
    db.clock.set(new Date(start + 15 * 60_000));
    expect((await post('xingnanli.worker', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a successful sign-in resets the failure counter', async () => {
    for (let i = 0; i < 4; i++) expectError(await post('nanyingmenli.worker', 'wrong'), 401);
    expect((await post('nanyingmenli.worker', DEMO_PASSWORD)).statusCode).toBe(200);
    // Four more failures: without the reset the first of them would have locked the account.
    for (let i = 0; i < 4; i++) expectError(await post('nanyingmenli.worker', 'wrong'), 401, 'unauthenticated');
    const user = await db.deps.db.selectFrom('appUser').select(['failedLogins', 'lockedUntil']).where('username', '=', 'nanyingmenli.worker').executeTakeFirstOrThrow();
    expect(user).toEqual({ failedLogins: 4, lockedUntil: null });
    expectError(await post('nanyingmenli.worker', 'wrong'), 423, 'account_locked');
  });
});

describe('sessions', () => {
  it('live in an httpOnly, SameSite=Lax cookie whose token is not stored in clear', async () => {
    const response = await post('admin', DEMO_PASSWORD);
    const cookie = response.cookies.find((c) => c.name === 'ms_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 3600 });
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    const sessions = JSON.stringify(await rawRows(db, 'session'));
    expect(sessions).not.toContain(cookie.value);
  });

  it('refuses an unsafe request carrying the cookie without, or with a wrong, x-csrf-token; nothing changes', async () => {
    const admin = await signIn(app, 'admin');
    const districtId = await jurisdictionIdOf(db, 'nk');
    const payload = { parentId: districtId, kind: 'street', code: 'csrf-probe', nameZh: '跨站街', nameEn: 'CSRF Street' };
    const without = await app.inject({ method: 'POST', url: '/api/jurisdictions', headers: { cookie: admin.cookie }, payload });
    expect(expectError(without, 403, 'forbidden').details).toEqual({ header: 'x-csrf-token' });
    const wrong = await app.inject({ method: 'POST', url: '/api/jurisdictions', headers: { cookie: admin.cookie, 'x-csrf-token': `${admin.csrfToken}x` }, payload });
    expectError(wrong, 403, 'forbidden');
    // The token of another session does not do either.
    const other = await signIn(app, 'admin');
    const foreign = await app.inject({ method: 'POST', url: '/api/jurisdictions', headers: { cookie: admin.cookie, 'x-csrf-token': other.csrfToken }, payload });
    expectError(foreign, 403, 'forbidden');
    expect(await db.deps.db.selectFrom('jurisdiction').select('id').where('code', '=', 'csrf-probe').execute()).toEqual([]);

    // Logging out is unsafe too: without the header the session survives.
    expectError(await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: admin.cookie } }), 403, 'forbidden');
    expect((await me(admin.cookie)).statusCode).toBe(200);

    // The same request with the right header goes through.
    expect((await as(app, admin)({ method: 'POST', url: '/api/jurisdictions', payload })).statusCode).toBe(201);
  });

  it('logout ends the session: the old cookie then gets 401', async () => {
    const handler = await signIn(app, 'gulou.handler');
    const out = await as(app, handler)({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'ms_session');
    expect(cleared?.value).toBe('');
    expectError(await me(handler.cookie), 401, 'unauthenticated');
    expectError(await as(app, handler)({ method: 'POST', url: '/api/tokens', payload: { name: 'after logout', scopes: ['case.read'] } }), 401, 'unauthenticated');
  });

  it('expire after 12 idle hours by the clock', async () => {
    const idle = await signIn(app, 'leader');
    const active = await signIn(app, 'leader');
    db.clock.advance({ hours: 11, minutes: 59 });
    expect((await me(active.cookie)).statusCode).toBe(200);
    db.clock.advance({ minutes: 1 });
    expectError(await me(idle.cookie), 401, 'unauthenticated');
    // The active one was used at 11:59, so it runs until 12 hours after that.
    db.clock.advance({ hours: 11, minutes: 58 });
    expect((await me(active.cookie)).statusCode).toBe(200);
    db.clock.advance({ hours: 12 });
    expectError(await me(active.cookie), 401, 'unauthenticated');
  });
});

describe('residents sign in with a one-time code', () => {
  it('refuses a contact that is neither a mobile number nor an e-mail address, naming body.contact', async () => {
    const outboxBefore = (await db.deps.db.selectFrom('outbox').select('id').execute()).length;
    for (const contact of ['12345', '0221234567', 'someone@', '1990001000a']) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/resident/code', payload: { contact }, remoteAddress: freshAddress() });
      expect(issueFields(expectError(response, 400, 'validation_failed'))).toEqual(['body.contact']);
    }
    expect((await db.deps.db.selectFrom('outbox').select('id').execute()).length).toBe(outboxBefore);
  });

  it('delivers the code through the outbox, and the code signs the resident in', async () => {
    const { response, messages, code } = await requestCode(app, db, '199-0001-0001');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ channel: 'sms', expiresInSeconds: 600 });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.row).toMatchObject({ channel: 'sms', status: 'pending', attempts: 0 });
    expect(messages[0]!.payload).toEqual({ to: '19900010001', template: 'login_code', params: { code: expect.stringMatching(/^\d{6}$/), minutes: 10 } });

    const verified = await verifyCode(app, '19900010001', code!);
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user.kind).toBe('resident');
    const demoResident = await db.deps.db.selectFrom('appUser').select('id')
      .where('contactIndex', '=', db.deps.cipher.blindIndex('contact', '19900010001')).executeTakeFirstOrThrow();
    expect(verified.json().user.id).toBe(demoResident.id);
    const session = sessionFrom(verified);
    expect((await me(session.cookie)).json().user.kind).toBe('resident');
    // A code works once.
    expectError(await verifyCode(app, '19900010001', code!), 401, 'unauthenticated');
  });

  it('refuses to send another code within 60 seconds (429), and sends one after', async () => {
    const first = await requestCode(app, db, '19900010006');
    expect(first.response.statusCode).toBe(200);
    db.clock.advance({ minutes: 0.5 });
    const again = await requestCode(app, db, '19900010006');
    expect(expectError(again.response, 429, 'rate_limited').details).toEqual({ retryAfterSeconds: 60 });
    expect(again.messages).toEqual([]);
    db.clock.advance({ minutes: 0.5 });
    const later = await requestCode(app, db, '19900010006');
    expect(later.response.statusCode).toBe(200);
    expect(later.messages).toHaveLength(1);
  });

  it('after 5 wrong codes even the right one fails', async () => {
    const { code } = await requestCode(app, db, '19900010002');
    for (let i = 0; i < 5; i++) expectError(await verifyCode(app, '19900010002', otherCode(code!)), 401, 'unauthenticated');
    const right = await verifyCode(app, '19900010002', code!);
    expect(expectError(right, 401, 'unauthenticated').message).toBe('The code is wrong or has expired; ask for a new one');
    expect(right.cookies.find((c) => c.name === 'ms_session')).toBeUndefined();
  });

  it('a code expires after 10 minutes', async () => {
    const a = await requestCode(app, db, '19900010003');
    const b = await requestCode(app, db, '19900010004');
    db.clock.advance({ minutes: 9 });
    expect((await verifyCode(app, '19900010004', b.code!)).statusCode).toBe(200);
    db.clock.advance({ minutes: 1 });
    expectError(await verifyCode(app, '19900010003', a.code!), 401, 'unauthenticated');
  });

  it('the first sign-in of a new contact creates the resident account; the next one reuses it', async () => {
    const phone = '13912345678';
    const contactIndex = db.deps.cipher.blindIndex('contact', phone);
    expect(await db.deps.db.selectFrom('appUser').select('id').where('contactIndex', '=', contactIndex).execute()).toEqual([]);
    const residentsBefore = (await db.deps.db.selectFrom('appUser').select('id').where('kind', '=', 'resident').execute()).length;

    const first = await requestCode(app, db, phone);
    const signedIn = await verifyCode(app, phone, first.code!);
    expect(signedIn.statusCode).toBe(200);
    const user = signedIn.json().user;
    expect(user).toMatchObject({ kind: 'resident', username: null });
    const account = await db.deps.db.selectFrom('appUser').selectAll().where('contactIndex', '=', contactIndex).executeTakeFirstOrThrow();
    expect(account).toMatchObject({ id: user.id, kind: 'resident', active: 1, passwordHash: null });
    const person = await db.deps.db.selectFrom('person').selectAll().where('id', '=', account.personId!).executeTakeFirstOrThrow();
    expect(db.deps.cipher.decrypt(person.phoneEnc!)).toBe(phone);
    expect(person.phoneIndex).toBe(db.deps.cipher.blindIndex('phone', phone));
    const registered = async () => (await auditRows('resident.register')).filter((r) => r.objectId === user.id).length;
    expect(await registered()).toBe(1);

    db.clock.advance({ minutes: 2 });
    const second = await requestCode(app, db, phone);
    const again = await verifyCode(app, phone, second.code!);
    expect(again.statusCode).toBe(200);
    expect(again.json().user.id).toBe(user.id);
    expect((await db.deps.db.selectFrom('appUser').select('id').where('kind', '=', 'resident').execute()).length).toBe(residentsBefore + 1);
    expect(await registered()).toBe(1);
  });

  it('an e-mail address gets its code by e-mail, matched without regard to case', async () => {
    const { response, messages, code } = await requestCode(app, db, 'Wang.Fang@Example.COM');
    expect(response.json().channel).toBe('email');
    expect(messages[0]!.row.channel).toBe('email');
    expect(messages[0]!.payload.to).toBe('wang.fang@example.com');
    const verified = await verifyCode(app, 'wang.fang@example.com', code!);
    expect(verified.statusCode).toBe(200);
    const person = await db.deps.db.selectFrom('person').innerJoin('appUser', 'appUser.personId', 'person.id')
      .select(['person.emailEnc']).where('appUser.id', '=', verified.json().user.id).executeTakeFirstOrThrow();
    expect(db.deps.cipher.decrypt(person.emailEnc!)).toBe('wang.fang@example.com');
  });

  it('stores the code only as a hash: neither the code nor the phone is in clear in the database', async () => {
    const phone = '13700001111';
    const { code } = await requestCode(app, db, phone);
    expect(code).toMatch(/^\d{6}$/);
    const codes = await rawRows(db, 'one_time_code');
    const mine = codes.filter((r) => Object.values(r).includes(db.deps.cipher.blindIndex('contact', phone)));
    expect(mine).toHaveLength(1);
    for (const table of ['one_time_code', 'outbox', 'audit_log']) {
      const stored = JSON.stringify(await rawRows(db, table));
      expect(stored, `${table} holds the code`).not.toContain(code!);
      expect(stored, `${table} holds the phone`).not.toContain(phone);
    }
    // And the stored hash is not simply the hash of the six digits.
    expect(JSON.stringify(mine)).not.toContain(createHash('sha256').update(code!).digest('hex'));
  });
});

describe('rate limits', () => {
  it('with the default options, more than DEFAULT_PUBLIC_RATE_LIMIT sign-in requests a minute from one address get 429 in the error shape', async () => {
    const defaults = await buildApp(db.deps);
    try {
      const address = '10.250.0.1';
      for (let i = 0; i < DEFAULT_PUBLIC_RATE_LIMIT; i++) {
        const response = await defaults.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: address });
        expect(response.statusCode).toBe(401);
      }
      const limited = await defaults.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: address });
      expectError(limited, 429, 'rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Even the right password waits; other addresses do not.
      expectError(await defaults.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD }, remoteAddress: address }), 429, 'rate_limited');
      expect((await defaults.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD }, remoteAddress: '10.250.0.2' })).statusCode).toBe(200);
    } finally {
      await defaults.close();
    }
  });

  it('the sign-in limit follows the publicRateLimit option that tests use to raise it', async () => {
    // AppOptions.publicRateLimit: "requests per minute per address on public and login endpoints; tests raise it".
    const address = '10.251.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: address })).statusCode);
    }
    expect(statuses.filter((s) => s === 429)).toEqual([]);
  });
});

describe('audit of sign-ins', () => {
  it('writes a row for each success, failure and logout, with the request id', async () => {
    const userId = await userIdOf(db, 'xuehuli.worker');
    const failed = await post('xuehuli.worker', 'wrong');
    const unknown = await post('ghost.user', 'wrong');
    const ok = await post('xuehuli.worker', DEMO_PASSWORD);
    const session = sessionFrom(ok);
    const out = await as(app, session)({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);

    const byRequest = async (response: { headers: Record<string, unknown> }) =>
      db.deps.db.selectFrom('auditLog').selectAll().where('requestId', '=', String(response.headers['x-request-id'])).executeTakeFirstOrThrow();
    const failedRow = await byRequest(failed);
    expect(failedRow).toMatchObject({ action: 'auth.login', result: 'failed', actorId: userId, objectId: userId });
    expect(JSON.parse(failedRow.detail)).toMatchObject({ reason: 'wrong_password' });
    const unknownRow = await byRequest(unknown);
    expect(unknownRow).toMatchObject({ action: 'auth.login', result: 'failed', actorId: null, actorLabel: 'ghost.user' });
    expect(JSON.parse(unknownRow.detail)).toEqual({ reason: 'unknown_user' });
    expect(await byRequest(ok)).toMatchObject({ action: 'auth.login', result: 'ok', actorId: userId, actorLabel: 'xuehuli.worker' });
    expect(await byRequest(out)).toMatchObject({ action: 'auth.logout', result: 'ok', actorId: userId });
    expect(await verifyAuditChain(db.deps.db, db.deps.tenantId)).toMatchObject({ ok: true });
  });

  it('also records attempts refused because the account is locked', async () => {
    for (let i = 0; i < 5; i++) await post('xuefuhuayuan.worker', 'wrong');
    const refused = await post('xuefuhuayuan.worker', DEMO_PASSWORD);
    expectError(refused, 423, 'account_locked');
    const rows = await db.deps.db.selectFrom('auditLog').select(['action', 'result']).where('requestId', '=', String(refused.headers['x-request-id'])).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.action).toBe('auth.login');
    expect(rows[0]!.result).not.toBe('ok');
  });
});
