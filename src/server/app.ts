// The composition root: tests call buildApp with their own deps; main.ts calls it for real.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { newId } from '../shared/ids.ts';
import type { Deps } from './deps.ts';
import { DEFAULT_PUBLIC_RATE_LIMIT } from './config.ts';
import { installErrorHandling, installNulGuard, installPrefixErrorFormatters, prefixErrorFormatterFor, toErrorBody } from './platform/http/errors.ts';
import { installAuth } from './platform/http/auth.hook.ts';
import { installOpenApi } from './platform/http/openapi.ts';
import { authRoutes } from './core/people/auth.routes.ts';
import { userRoutes } from './core/people/user.routes.ts';
import { personRoutes } from './core/people/person.routes.ts';
import { jurisdictionRoutes } from './core/jurisdictions/jurisdiction.routes.ts';
import { auditRoutes } from './core/audit/audit.routes.ts';
import { calendarRoutes } from './core/calendar/calendar.routes.ts';
import { caseRoutes } from './core/cases/case.routes.ts';
import { attachmentRoutes } from './core/attachments/attachment.routes.ts';
import { settingsRoutes } from './core/settings/settings.routes.ts';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  cookieSecure?: boolean;
  /** folder of the built web app; served with a fallback to index.html for client routes */
  webDir?: string | undefined;
  /** requests per minute per address on public and login endpoints; tests raise it */
  publicRateLimit?: number;
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(deps: Deps, options: AppOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => newId(),
    requestIdHeader: false,
    trustProxy: false,
    // Errors Fastify raises before routing (a bad percent-escape, an overlong id) get our shape
    // too; the hooks that add headers have not run for them, so the essentials are set here.
    // A module may answer these in its own format under its URL prefix (Open311 does).
    frameworkErrors: (error, request, reply: FastifyReply) => {
      void reply.headers({ 'x-request-id': request.id, 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'content-security-policy': "default-src 'self'" });
      const format = prefixErrorFormatterFor(app, request.url);
      if (format) {
        void format(error, request, reply);
        return;
      }
      const { status, body } = toErrorBody(error, request.id);
      void reply.status(status).send(body);
    },
    // What Node's HTTP parser refuses (raw non-ASCII in a URL, a broken header line) never reaches Fastify:
    // answered here, on the socket, in the same error shape.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      if (error.code === 'ECONNRESET' || !socket.writable) {
        socket.destroy(error);
        return;
      }
      const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
      const body = JSON.stringify({ error: {
        code: 'bad_request',
        message: tooLarge ? 'The request headers are too large' : 'The request could not be parsed: percent-encode the URL and send valid HTTP',
        requestId: newId(),
      } });
      socket.end(`HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    },
  }).withTypeProvider<ZodTypeProvider>();
  installPrefixErrorFormatters(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const serveWeb = Boolean(options.webDir && existsSync(join(options.webDir, 'index.html')));
  installErrorHandling(app, { spaFallback: serveWeb });
  installNulGuard(app);
  // JSON is the API's only body type (uploads and Open311 forms add theirs where they are used).
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
  });
  // Routes opt in with `config: { rateLimit: {} }` and share this one limit per address.
  await app.register(rateLimit, { global: false, max: options.publicRateLimit ?? DEFAULT_PUBLIC_RATE_LIMIT, timeWindow: '1 minute' });
  await installOpenApi(app);
  installAuth(app, deps);

  app.get('/health', { schema: { tags: ['ops'], summary: 'Liveness' } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { tags: ['ops'], summary: 'Readiness: the database answers' } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok', engine: deps.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable', engine: deps.engine });
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await authRoutes(app, deps, { cookieSecure: options.cookieSecure ?? false });
  await userRoutes(app, deps);
  await personRoutes(app, deps);
  await jurisdictionRoutes(app, deps);
  await auditRoutes(app, deps);
  await calendarRoutes(app, deps);
  await caseRoutes(app, deps);
  await attachmentRoutes(app, deps);
  await settingsRoutes(app, deps);
  for (const module of deps.modules) await module.routes?.(app, deps);

  if (serveWeb) {
    await app.register(fastifyStatic, { root: options.webDir!, prefix: '/', wildcard: false, index: false });
  }
  await app.ready();
  return app;
}
