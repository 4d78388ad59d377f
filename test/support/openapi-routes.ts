// Every route of the app, read from its OpenAPI document (GET /api/openapi.json of buildApp), for the tests that
// must cover each route: test/integration/hostile-input.test.ts and authorization-matrix.test.ts.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { openDatabase } from '../../src/server/platform/db/database.ts';
import { PersonalDataCipher } from '../../src/server/platform/crypto/personal-data-cipher.ts';
import { FixedClock } from '../../src/shared/time/clock.ts';
import { caseModules } from '../../src/modules/registry.ts';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

interface Parameter { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema?: JsonSchema }
interface Operation { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }
export interface OpenApiDocument { paths: Record<string, Record<string, Operation>> }

export interface ApiRoute {
  /** "POST /api/cases/{id}/commands" */
  key: string;
  method: string;
  path: string;
  pathParams: string[];
  query: Array<{ name: string; required: boolean; schema: JsonSchema }>;
  /** the JSON body's schema, when the route takes one */
  body: JsonSchema | undefined;
  /** Open311 routes answer errors as [{code, description}] (or <errors>), not in the platform's shape */
  open311: boolean;
}

export function routesOf(document: OpenApiDocument): ApiRoute[] {
  return Object.entries(document.paths).flatMap(([path, operations]) => Object.entries(operations).map(([method, op]) => ({
    key: `${method.toUpperCase()} ${path}`,
    method: method.toUpperCase(),
    path,
    pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: Boolean(p.required), schema: p.schema ?? {} })),
    body: op.requestBody?.content?.['application/json']?.schema,
    open311: path.startsWith('/open311/'),
  })));
}

export async function documentOf(app: FastifyInstance): Promise<OpenApiDocument> {
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  if (response.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${response.statusCode}`);
  return response.json() as OpenApiDocument;
}

/** The OpenAPI document of an app with every registered case module, built on a throwaway in-memory database. */
export async function appOpenApiDocument(): Promise<OpenApiDocument> {
  const handle = openDatabase({ sqlitePath: ':memory:' });
  const app = await buildApp({ db: handle.db, engine: handle.engine, clock: new FixedClock('2026-03-03T01:00:00.000Z'), cipher: new PersonalDataCipher(Buffer.alloc(32)), tenantId: 'openapi', modules: caseModules });
  try {
    return await documentOf(app);
  } finally {
    await app.close();
    await handle.close();
  }
}
