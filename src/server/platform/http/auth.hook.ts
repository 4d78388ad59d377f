// Resolves the actor of every request: a bearer API token, or a session cookie (with CSRF
// protection on unsafe methods), or anonymous. Route handlers read `request.actor`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../../shared/errors.ts';
import type { Actor } from '../../../shared/actor.ts';
import { actorForApiToken, actorForSession, csrfMatches } from '../../core/people/auth.service.ts';
import type { Deps } from '../../deps.ts';

export const SESSION_COOKIE = 'ms_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    sessionToken: string | null;
    csrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new DomainError('unauthenticated', 'The Authorization header must be "Bearer <token>"');
  return match[1]!;
}

export function installAuth(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request) => {
    request.actor = { kind: 'anonymous', tenantId: deps.tenantId };
    const token = bearerToken(request);
    if (token) {
      const actor = await actorForApiToken(deps, token);
      if (!actor) throw new DomainError('unauthenticated', 'The API token is unknown, expired or revoked');
      request.actor = actor;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const session = await actorForSession(deps, cookie);
    if (!session) return;
    if (!SAFE_METHODS.has(request.method) && !csrfMatches(session.csrfToken, request.headers['x-csrf-token'] as string | undefined)) {
      throw new DomainError('forbidden', 'Missing or wrong x-csrf-token header', { header: 'x-csrf-token' });
    }
    request.actor = session.actor;
    request.sessionToken = cookie;
    request.csrfToken = session.csrfToken;
  });
}
