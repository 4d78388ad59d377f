// One error shape outside: { error: { code, message, details, requestId } } with one table
// from codes to statuses. Bad input never reaches a 500 (DESIGN.md principle 9).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, validationError, type ErrorCode, type FieldIssue } from '../../../shared/errors.ts';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  bad_request: 400,
  calendar_year_not_covered: 422,
  invalid_transition: 409,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  internal: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> | undefined; requestId: string };
}

/** Fastify's own error codes for malformed requests, mapped onto ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_INVALID_TYPE: 'bad_request',
  FST_ERR_VALIDATION: 'validation_failed',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
  FST_ERR_INVALID_URL: 'bad_request',
  FST_ERR_MAX_PARAM_LENGTH: 'bad_request',
};

interface ZodValidationItem {
  keyword: string;
  instancePath: string;
  message: string;
  params: { keys?: string[] };
}

function zodIssues(error: FastifyError): FieldIssue[] {
  const validation = (error as unknown as { validation: ZodValidationItem[] }).validation;
  const context = (error as unknown as { validationContext?: string }).validationContext ?? 'body';
  const issues: FieldIssue[] = [];
  for (const v of validation) {
    const path = v.instancePath.split('/').filter(Boolean);
    if (v.keyword === 'unrecognized_keys' && v.params.keys) {
      for (const key of v.params.keys) issues.push({ field: [context, ...path, key].join('.'), message: 'Unknown field' });
      continue;
    }
    issues.push({ field: [context, ...path].join('.'), message: v.message });
  }
  return issues;
}

/** PostgreSQL's "invalid byte sequence" (a U+0000 in text): a backstop for a NUL the boundary check did not see. */
const PG_INVALID_BYTE_SEQUENCE = '22021';
/** A unique index refusing a row: a backstop for two requests racing past a service's own check. */
const UNIQUE_VIOLATIONS = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE']);

export function toErrorBody(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (error instanceof DomainError) {
    return { status: STATUS_BY_CODE[error.code], body: { error: { code: error.code, message: error.message, details: error.details, requestId } } };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError && typeof fastifyError === 'object' && hasZodFastifySchemaValidationErrors(fastifyError)) {
    return {
      status: 400,
      body: { error: { code: 'validation_failed', message: 'The request has invalid fields', details: { issues: zodIssues(fastifyError) }, requestId } },
    };
  }
  if (fastifyError && typeof fastifyError === 'object' && fastifyError.code === PG_INVALID_BYTE_SEQUENCE) {
    return { status: 400, body: { error: { code: 'bad_request', message: 'The request holds a character that cannot be stored (U+0000)', requestId } } };
  }
  if (fastifyError && typeof fastifyError === 'object' && UNIQUE_VIOLATIONS.has(String(fastifyError.code))) {
    return { status: 409, body: { error: { code: 'conflict', message: 'Someone else just stored the same; reload and try again', requestId } } };
  }
  const mapped = fastifyError?.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) {
    return { status: STATUS_BY_CODE[mapped], body: { error: { code: mapped, message: fastifyError.message, requestId } } };
  }
  if (fastifyError?.statusCode === 429) {
    return { status: 429, body: { error: { code: 'rate_limited', message: 'Too many requests; try again later', requestId } } };
  }
  if (fastifyError?.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, body: { error: { code: 'bad_request', message: fastifyError.message, requestId } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side; nothing was changed', requestId } } };
}

/** With spaFallback, a GET outside /api and /open311 gets the web app's index.html (client routes). */
export function installErrorHandling(app: FastifyInstance, options: { spaFallback: boolean }) {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorBody(error, request.id);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (options.spaFallback && request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/open311/')) {
      return reply.sendFile('index.html');
    }
    void reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${path}`, requestId: request.id } });
  });
}

/** The fields (`body.a.b`, `query.q`, `params.id`) whose text holds U+0000, which PostgreSQL text cannot store. */
export function fieldsWithNul(part: string, value: unknown, found: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(part);
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value) && depth < 64) {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (key.includes('\u0000')) found.push(`${part}.${key.replaceAll('\u0000', '\\u0000')}`);
      fieldsWithNul(`${part}.${key}`, inner, found, depth + 1);
    }
  }
  return found;
}

/**
 * Refuses U+0000 in any string of a request body before validation, with a 400 naming the fields: the same
 * answer on both engines, instead of a database error on PostgreSQL. Query and path parameters are left to
 * their routes (an upload's file name is cleaned, an Open311 file name that names nothing is a 404); one that
 * reaches PostgreSQL still answers 400 (22021 in toErrorBody).
 */
export function installNulGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const fields = fieldsWithNul('body', request.body);
    if (fields.length) throw validationError(fields.slice(0, 20).map((field) => ({ field, message: 'The text holds a U+0000 character' })));
  });
}

/** Answers an error for a request in a format of its own (e.g. Open311's), or returns false to leave it to the platform. */
export type PrefixErrorFormatter = (error: unknown, request: FastifyRequest, reply: FastifyReply) => unknown;

declare module 'fastify' {
  interface FastifyInstance {
    /** formatters for errors raised before routing, by URL prefix (see registerPrefixErrorFormatter) */
    prefixErrorFormatters: Array<{ prefix: string; format: PrefixErrorFormatter }>;
  }
}

/** Creates the app's list of URL-prefix error formatters (buildApp, before any route is registered). */
export function installPrefixErrorFormatters(app: FastifyInstance) {
  app.decorate('prefixErrorFormatters', []);
}

/**
 * A module whose URLs answer errors in their own format (Open311) says so here, so that errors Fastify raises
 * before routing (a URL that cannot be decoded, an overlong parameter) come in that format too.
 */
export function registerPrefixErrorFormatter(app: FastifyInstance, prefix: string, format: PrefixErrorFormatter) {
  app.prefixErrorFormatters.push({ prefix, format });
}

/** The formatter for this URL, if a module registered one for its prefix. */
export function prefixErrorFormatterFor(app: FastifyInstance, url: string | undefined): PrefixErrorFormatter | null {
  const path = url ?? '';
  return app.prefixErrorFormatters.find((f) => path.startsWith(f.prefix))?.format ?? null;
}
