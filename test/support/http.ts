// HTTP helpers over Fastify's inject: sign in as a demo account and carry cookie + CSRF.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { DEMO_PASSWORD } from '../../src/server/core/jurisdictions/demo-district.data.ts';

export interface Session {
  cookie: string;
  csrfToken: string;
  user: { id: string; permissions: string[]; grants: Array<{ role: string; jurisdictionId: string }> };
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'ms_session');
  const body = response.json() as { csrfToken: string; user: Session['user'] };
  return { cookie: `ms_session=${cookie!.value}`, csrfToken: body.csrfToken, user: body.user };
}

/** inject() as the session's user, with the CSRF header on unsafe methods. */
export function as(app: FastifyInstance, session: Session | null) {
  return (options: InjectOptions) => {
    const headers = { ...(options.headers ?? {}) } as Record<string, string>;
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrfToken;
    }
    return app.inject({ ...options, headers });
  };
}
