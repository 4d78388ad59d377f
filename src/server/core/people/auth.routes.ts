import { z } from 'zod';
import type { App } from '../../platform/http/app-types.ts';
import { SESSION_COOKIE } from '../../platform/http/auth.hook.ts';
import { DomainError } from '../../../shared/errors.ts';
import { permissionsOf, requireSignedIn, type Actor } from '../../../shared/actor.ts';
import { SESSION_TTL_MS, actorForSession, createApiToken, listApiTokens, loginWithCode, loginWithPassword, logout, revokeApiToken, sendLoginCode } from './auth.service.ts';
import type { Deps } from '../../deps.ts';
import { isPermission } from '../../../shared/permissions.ts';

const loginBody = z.strictObject({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });
const codeBody = z.strictObject({ contact: z.string().min(3).max(254) });
const verifyBody = z.strictObject({ contact: z.string().min(3).max(254), code: z.string().regex(/^\d{6}$/, 'Six digits') });
const tokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.string().refine(isPermission, 'Unknown permission')).min(1).max(30),
  expiresAt: z.iso.datetime().optional(),
});


async function describeUser(deps: Deps, actor: Actor) {
  requireSignedIn(actor);
  if (actor.kind === 'resident') {
    return { id: actor.userId, kind: 'resident' as const, username: null, displayName: actor.label, permissions: [], grants: [] };
  }
  if (actor.kind !== 'staff') throw new DomainError('unauthenticated', 'Please sign in first');
  const names = await deps.db.selectFrom('jurisdiction').select(['id', 'nameZh', 'nameEn'])
    .where('id', 'in', actor.grants.length ? actor.grants.map((g) => g.jurisdictionId) : ['']).execute();
  const byId = new Map(names.map((n) => [n.id, n]));
  const user = await deps.db.selectFrom('appUser').select(['displayName']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  return {
    id: actor.userId, kind: 'staff' as const, username: actor.label, displayName: user.displayName, permissions: permissionsOf(actor),
    grants: actor.grants.map((g) => ({ role: g.role, jurisdictionId: g.jurisdictionId, jurisdictionNameZh: byId.get(g.jurisdictionId)?.nameZh ?? '', jurisdictionNameEn: byId.get(g.jurisdictionId)?.nameEn ?? '' })),
  };
}

export async function authRoutes(app: App, deps: Deps, options: { cookieSecure: boolean }) {
  // Attempts per address (the app's public limit): the account lockout guards each account, this guards the door.
  const LOGIN_RATE = {};
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: options.cookieSecure, path: '/', maxAge: SESSION_TTL_MS / 1000 };

  app.post('/api/auth/login', { schema: { tags: ['auth'], summary: 'Staff sign-in with username and password', body: loginBody }, config: { rateLimit: LOGIN_RATE } }, async (request, reply) => {
    const session = await loginWithPassword(deps, request.body.username, request.body.password, request.id);
    reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
    const resolved = await actorForSession(deps, session.token);
    return { user: await describeUser(deps, resolved!.actor), csrfToken: session.csrfToken };
  });

  app.post('/api/auth/resident/code', { schema: { tags: ['auth'], summary: 'Send a one-time sign-in code to a resident\'s phone or e-mail', body: codeBody }, config: { rateLimit: LOGIN_RATE } }, async (request) => {
    return sendLoginCode(deps, request.body.contact, request.id);
  });

  app.post('/api/auth/resident/verify', { schema: { tags: ['auth'], summary: 'Resident sign-in with the one-time code', body: verifyBody }, config: { rateLimit: LOGIN_RATE } }, async (request, reply) => {
    const session = await loginWithCode(deps, request.body.contact, request.body.code, request.id);
    reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
    const resolved = await actorForSession(deps, session.token);
    return { user: await describeUser(deps, resolved!.actor), csrfToken: session.csrfToken };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End this session' } }, async (request, reply) => {
    requireSignedIn(request.actor);
    if (request.sessionToken) await logout(deps, request.actor, request.sessionToken, request.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Who am I (and the CSRF token for this session)' } }, async (request) => {
    return { user: await describeUser(deps, request.actor), csrfToken: request.csrfToken };
  });

  app.get('/api/tokens', { schema: { tags: ['tokens'], summary: 'My API tokens' } }, async (request) => ({ items: await listApiTokens(deps, request.actor) }));

  app.post('/api/tokens', { schema: { tags: ['tokens'], summary: 'Create a scoped API token (shown once)', body: tokenBody } }, async (request, reply) => {
    reply.status(201);
    return createApiToken(deps, request.actor, request.body, request.id);
  });

  app.delete('/api/tokens/:id', { schema: { tags: ['tokens'], summary: 'Revoke an API token', params: z.strictObject({ id: z.uuid() }) } }, async (request, reply) => {
    await revokeApiToken(deps, request.actor, request.params.id, request.id);
    return reply.status(204).send();
  });
}
