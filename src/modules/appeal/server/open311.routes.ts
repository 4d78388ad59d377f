// Open311 GeoReport v2 at /open311/v2 (http://wiki.open311.org/GeoReport_v2), .json or .xml by
// extension: services are the leaf appeal categories, a service request is an appeal and its id
// the tracking code. Errors always come as [{code, description}] / <errors>. Status choices:
// a created request answers 201; an unknown service_code on POST is 400 (the request is invalid),
// on a service definition 404; a missing, unknown or revoked api_key is 403.
// Also the administrators' API for issuing the keys.
import formbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError, notFound, validationError, type FieldIssue } from '../../../shared/errors.ts';
import { UUID_PATTERN } from '../../../shared/ids.ts';
import { DISTRICT_UTC_OFFSET_MINUTES } from '../../../shared/time/local-date.ts';
import type { DirectoryEntry, JurisdictionDirectory } from '../../../shared/jurisdiction-directory.ts';
import type { App } from '../../../server/platform/http/app-types.ts';
import { registerPrefixErrorFormatter, toErrorBody } from '../../../server/platform/http/errors.ts';
import type { Deps } from '../../../server/deps.ts';
import type { CaseTable } from '../../../server/platform/db/schema.ts';
import { loadDirectory } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import type { AppealData } from '../shared/appeal.machine.ts';
import { appealDb, intakeFields, submitAppeal, communitiesNamedIn } from './appeal.intake.ts';
import { renderXml, type XmlValue } from './open311.xml.ts';
import { configuredOpen311Keys, issueOpen311Key, listOpen311Keys, open311ClientForKey, revokeOpen311Key, type ConfiguredKeys } from './open311-keys.ts';

const PREFIX = '/open311/v2';
const FORMATS = ['json', 'xml'] as const;
type Format = (typeof FORMATS)[number];
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When these documents last changed shape (discovery's changeset). */
const CHANGESET = '2026-03-01T00:00:00+08:00';
const DEFAULT_WINDOW_MS = 90 * 86_400_000;
const MAX_ROWS = 1000;
const POST_RATE = { max: 60, timeWindow: '1 minute' };
/** Reads are public: the app's public limit per address applies. */
const READ_RATE = { timeWindow: '1 minute' };
const XML_ITEMS = { services: 'service', service_requests: 'request', errors: 'error', endpoints: 'endpoint', formats: 'format', attributes: 'attribute' };
/** Names of the intake service's fields in Open311 terms, for errors raised past validation. */
const INTAKE_FIELDS: Record<string, string> = { categoryCode: 'service_code', location: 'lat/long' };

const tags = ['open311'];

function send(reply: FastifyReply, format: Format, root: string, body: XmlValue, status = 200) {
  reply.status(status);
  if (format === 'json') return reply.send(body);
  return reply.type('text/xml; charset=utf-8').send(renderXml(root, body, XML_ITEMS));
}

/** Errors answer in the format the URL asked for; JSON when it names none. */
function formatOfUrl(url: string): Format {
  return /\.xml$/i.test(url.split('?')[0] ?? '') ? 'xml' : 'json';
}

function open311Field(field: string): string {
  const name = field.replace(/^(body|querystring|params)\./, '');
  return INTAKE_FIELDS[name] ?? name;
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorBody(error, request.id);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  // GeoReport knows no 401: every problem with credentials is a 403.
  const code = status === 401 ? 403 : status;
  const issues = (body.error.details?.issues ?? []) as FieldIssue[];
  const descriptions = issues.length ? issues.map((i) => `${open311Field(i.field)}: ${i.message}`) : [body.error.message];
  return send(reply, formatOfUrl(request.url), 'errors', descriptions.map((description) => ({ code, description })), code);
}

/** `noise.json` → noise + json; null for any other extension. */
function splitFile(file: string): { name: string; format: Format } | null {
  const match = /^(.+)\.(json|xml)$/i.exec(file);
  return match ? { name: match[1]!, format: match[2]!.toLowerCase() as Format } : null;
}

function fileOrNotFound(file: string, what: string) {
  const parsed = splitFile(file);
  if (!parsed) throw new DomainError('not_found', `${what} ${file} was not found; ask for .json or .xml`);
  return parsed;
}

const OFFSET = `+${String(DISTRICT_UTC_OFFSET_MINUTES / 60).padStart(2, '0')}:00`;

/** ISO 8601 in the district's own offset, which clients show as is. */
function districtTime(utc: string): string {
  return `${new Date(Date.parse(utc) + DISTRICT_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19)}${OFFSET}`;
}

const splitList = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);
const instant = z.iso.datetime({ offset: true, error: 'An ISO 8601 date and time with a zone, e.g. 2026-03-01T00:00:00+08:00' });
const decimal = (min: number, max: number) =>
  z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'A decimal number').transform(Number)]).pipe(z.number().min(min).max(max));
const MOBILE = /^1[3-9]\d{9}$/;

// Not strict: clients send fields of the standard we do not use (jurisdiction_id, attribute[…]).
const postBody = z.object({
  api_key: z.string().describe('issued by the district\'s administrators'),
  service_code: z.string().trim().min(1).max(64),
  lat: decimal(-90, 90).optional(),
  long: decimal(-180, 180).optional(),
  address_string: z.string().trim().max(200).optional().describe('without lat/long it must name the community, e.g. 长华里社区3号楼'),
  description: intakeFields.description,
  first_name: z.string().trim().max(50).optional(),
  last_name: z.string().trim().max(50).optional(),
  phone: z.string().transform((v) => v.replace(/[\s-]/g, '').replace(/^(\+|00)?86(?=1\d{10}$)/, '')).pipe(z.string().regex(MOBILE, 'A mainland mobile number of 11 digits')).optional(),
  email: z.email().max(254).optional(),
  media_url: z.string().max(2000).optional().describe('not stored: photos are uploaded through the portal'),
  device_id: z.string().max(200).optional(),
  account_id: z.string().max(200).optional(),
}).superRefine((body, ctx) => {
  if ((body.lat === undefined) !== (body.long === undefined)) {
    ctx.addIssue({ code: 'custom', path: [body.lat === undefined ? 'lat' : 'long'], message: 'Give lat and long together' });
  } else if (body.lat === undefined && !body.address_string) {
    ctx.addIssue({ code: 'custom', path: ['lat'], message: 'Give lat and long, or an address_string that names the community' });
  }
});

// Not strict: clients add jurisdiction_id or api_key to reads.
const listQuery = z.object({
  service_request_id: z.string().max(4000).transform(splitList).pipe(z.array(z.string()).max(200, 'At most 200 ids')).optional(),
  service_code: z.string().max(2000).transform(splitList).optional(),
  start_date: instant.optional(),
  end_date: instant.optional(),
  status: z.string().regex(/^\s*(open|closed)\s*(,\s*(open|closed)\s*)*$/, 'open, closed, or both comma-separated').transform(splitList).optional(),
  updated_after: instant.optional(),
  updated_before: instant.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(MAX_ROWS).default(MAX_ROWS),
});
type ListQuery = z.infer<typeof listQuery>;

const fileParams = z.object({ file: z.string().max(300) });

/** Form clients send empty fields for what they do not know: treat them as absent. */
function dropEmptyFields(fields: unknown) {
  if (!fields || typeof fields !== 'object') return;
  const record = fields as Record<string, unknown>;
  for (const key of Object.keys(record)) if (record[key] === '') delete record[key];
}

async function leafCategories(deps: Deps) {
  const all = await appealDb(deps.db).selectFrom('appealCategory').select(['code', 'parentCode', 'nameZh', 'nameEn', 'keywords'])
    .where('tenantId', '=', deps.tenantId).where('active', '=', 1).orderBy('sortOrder').execute();
  const groups = new Map(all.filter((c) => !c.parentCode).map((c) => [c.code, c.nameZh]));
  // A category of an inactive group is not offered.
  return all.filter((c) => c.parentCode && groups.has(c.parentCode)).map((c) => ({ ...c, group: groups.get(c.parentCode!) ?? null }));
}

/** The community an address names (longest name wins). */
function communityNamedIn(directory: JurisdictionDirectory, address: string): DirectoryEntry {
  const [best, next] = communitiesNamedIn(directory, address);
  if (!best) throw validationError([{ field: 'body.address_string', message: 'Name the community (e.g. 长华里社区), or give lat and long' }]);
  if (next && next.length === best.length) {
    throw validationError([{ field: 'body.address_string', message: `Names several communities (${best.community.nameZh}, ${next.community.nameZh}); give lat and long` }]);
  }
  return best.community;
}

/** Chinese names are written family name first; others as given. */
function personName(first: string | undefined, last: string | undefined): string | undefined {
  if (!first || !last) return first ?? last;
  return /^\p{Script=Han}+$/u.test(first + last) ? `${last}${first}` : `${first} ${last}`;
}

type Row = Pick<CaseTable, 'trackingCode' | 'stateCategory' | 'handlingUnitId' | 'dueAt' | 'createdAt' | 'updatedAt' | 'locationText' | 'lat' | 'lng' | 'data'>;

function presenter(names: Map<string, string>, directory: JurisdictionDirectory) {
  return (row: Row) => {
    const data = JSON.parse(row.data) as AppealData;
    // A resident who chose not to publish keeps the matter's text and place off the public API.
    const shown = data.publish;
    const reply = data.reply?.text ?? null;
    return {
      service_request_id: row.trackingCode,
      status: row.stateCategory === 'closed' ? 'closed' : 'open',
      status_notes: reply,
      service_name: names.get(data.categoryCode) ?? null,
      service_code: data.categoryCode,
      description: shown ? data.description : null,
      agency_responsible: directory.get(row.handlingUnitId)?.nameZh ?? null,
      service_notice: reply,
      requested_datetime: districtTime(row.createdAt),
      updated_datetime: districtTime(row.updatedAt),
      // When the answer is due (the feedback clock), not the nearer sign-for deadline.
      expected_datetime: row.stateCategory === 'open' ? districtTime(data.feedbackDueAt) : null,
      address: shown ? row.locationText : null,
      address_id: null,
      zipcode: null,
      lat: shown ? row.lat : null,
      long: shown ? row.lng : null,
      media_url: null,
    };
  };
}

async function presentRows(deps: Deps, rows: Row[]) {
  const [categories, directory] = await Promise.all([leafCategories(deps), loadDirectory(deps.db, deps.tenantId)]);
  return rows.map(presenter(new Map(categories.map((c) => [c.code, c.nameZh])), directory));
}

function appealRows(deps: Deps) {
  return appealDb(deps.db).selectFrom('case').innerJoin('appealRecord', 'appealRecord.caseId', 'case.id')
    .select(['case.trackingCode', 'case.stateCategory', 'case.handlingUnitId', 'case.dueAt', 'case.createdAt', 'case.updatedAt', 'case.locationText', 'case.lat', 'case.lng', 'case.data'])
    .where('case.tenantId', '=', deps.tenantId).where('case.kind', '=', 'appeal');
}

/** By ids, the other filters are ignored (as the standard says); otherwise published appeals in a window of requested_datetime. */
async function listRequests(deps: Deps, query: ListQuery) {
  if (query.service_request_id) {
    if (query.service_request_id.length === 0) return [];
    return appealRows(deps).where('case.trackingCode', 'in', query.service_request_id.map((id) => id.toUpperCase())).orderBy('case.createdAt', 'desc').execute();
  }
  const start = query.start_date ? Date.parse(query.start_date) : undefined;
  const end = query.end_date ? Date.parse(query.end_date) : start !== undefined ? start + DEFAULT_WINDOW_MS : deps.clock.now().getTime();
  const from = start ?? end - DEFAULT_WINDOW_MS;
  if (from > end) throw validationError([{ field: 'querystring.end_date', message: 'Must not be before start_date' }]);
  return appealRows(deps).where('appealRecord.publish', '=', 1)
    .where('case.createdAt', '>=', new Date(from).toISOString()).where('case.createdAt', '<=', new Date(end).toISOString())
    .$if(Boolean(query.status), (qb) => qb.where('case.stateCategory', 'in', query.status!))
    .$if(Boolean(query.service_code?.length), (qb) => qb.where('appealRecord.categoryCode', 'in', query.service_code!))
    .$if(Boolean(query.updated_after), (qb) => qb.where('case.updatedAt', '>=', new Date(query.updated_after!).toISOString()))
    .$if(Boolean(query.updated_before), (qb) => qb.where('case.updatedAt', '<=', new Date(query.updated_before!).toISOString()))
    .orderBy('case.createdAt', 'desc').orderBy('case.id', 'desc')
    .offset((query.page - 1) * query.page_size).limit(query.page_size).execute();
}

export async function open311Routes(app: App, deps: Deps, configured: ConfiguredKeys = configuredOpen311Keys(process.env)) {
  // Errors Fastify raises before routing (a URL that cannot be decoded) answer in the Open311 format too.
  registerPrefixErrorFormatter(app, `${PREFIX}/`, sendError);
  app.get('/api/open311/keys', { schema: { tags, summary: 'Open311 api_keys (the keys themselves are never shown again)' } }, async (request) =>
    listOpen311Keys(deps, request.actor, configured));

  app.post('/api/open311/keys', {
    schema: { tags, summary: 'Issue an Open311 api_key to a client; the key is in this answer only', body: z.strictObject({ name: z.string().trim().min(1).max(80) }) },
  }, async (request, reply) => {
    reply.status(201);
    return issueOpen311Key(deps, request.actor, request.body.name, request.id);
  });

  app.delete('/api/open311/keys/:id', { schema: { tags, summary: 'Revoke an Open311 api_key', params: z.strictObject({ id: z.uuid() }) } }, async (request, reply) => {
    await revokeOpen311Key(deps, request.actor, request.params.id, request.id);
    return reply.status(204).send();
  });

  await app.register(async (instance) => {
    // Form bodies only here: elsewhere they would let any web page post to the API (login CSRF).
    await instance.register(formbody);
    const open311 = instance.withTypeProvider<ZodTypeProvider>();
    open311.setErrorHandler(sendError);
    open311.setNotFoundHandler((request, reply) => sendError(new DomainError('not_found', `No Open311 resource at ${request.method} ${request.url.split('?')[0]}`), request, reply));
    // Only forms and JSON are requests here; plain text is refused (415) instead of failing validation.
    open311.removeContentTypeParser('text/plain');
    open311.addHook('preValidation', async (request) => {
      dropEmptyFields(request.body);
      dropEmptyFields(request.query);
    });

    for (const format of FORMATS) {
      open311.get(`/discovery.${format}`, { schema: { tags, summary: 'Open311 discovery: where the endpoint is and what it speaks' } }, async (request, reply) => {
        const tenant = await deps.db.selectFrom('tenant').select('nameZh').where('id', '=', deps.tenantId).executeTakeFirst();
        return send(reply, format, 'discovery', {
          changeset: CHANGESET,
          contact: `${tenant?.nameZh ?? ''}民生服务平台`,
          key_service: 'api_keys are issued by the district\'s administrators',
          endpoints: [{ specification: SPECIFICATION, url: `${request.protocol}://${request.host}${PREFIX}`, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
        });
      });

      open311.get(`/services.${format}`, { schema: { tags, summary: 'Open311 services: the appeal categories residents choose from' } }, async (_request, reply) =>
        send(reply, format, 'services', (await leafCategories(deps)).map((c) => ({
          service_code: c.code, service_name: c.nameZh, description: c.nameEn, metadata: false, type: 'realtime', keywords: c.keywords.split(/\s+/).filter(Boolean).join(','), group: c.group,
        }))));

      open311.post(`/requests.${format}`, {
        config: { rateLimit: POST_RATE },
        schema: { tags, summary: 'Open311: submit a service request (form-encoded or JSON) with an api_key', body: postBody },
        preValidation: async (request) => {
          const body: unknown = request.body;
          const key = body && typeof body === 'object' && typeof (body as { api_key?: unknown }).api_key === 'string' ? (body as { api_key: string }).api_key.trim() : '';
          if (!key) throw new DomainError('forbidden', 'api_key: required; the district\'s administrators issue them');
          const client = await open311ClientForKey(deps, configured, key);
          if (!client) throw new DomainError('forbidden', 'api_key: unknown or revoked');
          request.actor = { kind: 'system', tenantId: deps.tenantId, label: `open311:${client.name}` };
        },
      }, async (request, reply) => {
        const body = request.body;
        const directory = await loadDirectory(deps.db, deps.tenantId);
        const location = body.lat !== undefined && body.long !== undefined ? { lng: body.long, lat: body.lat } : { communityId: communityNamedIn(directory, body.address_string!).id };
        const name = personName(body.first_name, body.last_name);
        const contact = name || body.phone || body.email ? { name, phone: body.phone, email: body.email } : undefined;
        const appeal = await submitAppeal(deps, request.actor, {
          channel: 'open311', categoryCode: body.service_code, description: body.description, location, address: body.address_string, contact,
          hideIdentity: false, publish: true, attachmentIds: [],
        }, request.id);
        const unit = directory.get(appeal.handlingUnitId)?.nameZh ?? '';
        const notice = `已受理，承办单位：${unit}。凭编号 ${appeal.trackingCode} 可查询办理进度。${body.media_url ? '图片链接未保存，请在民生门户上传照片。' : ''}`;
        return send(reply, format, 'service_requests', [{ service_request_id: appeal.trackingCode, service_notice: notice, account_id: body.account_id ?? null }], 201);
      });

      open311.get(`/requests.${format}`, {
        config: { rateLimit: READ_RATE },
        schema: { tags, summary: 'Open311: service requests by ids, or by date window (default the last 90 days), status and service; page/page_size and updated_after/updated_before as extensions', querystring: listQuery },
      }, async (request, reply) => send(reply, format, 'service_requests', await presentRows(deps, await listRequests(deps, request.query))));
    }

    open311.get('/services/:file', { schema: { tags, summary: 'Open311 service definition, e.g. services/noise.json (no extra attributes are asked)', params: fileParams } }, async (request, reply) => {
      const { name, format } = fileOrNotFound(request.params.file, 'Service');
      if (!(await leafCategories(deps)).some((c) => c.code === name)) throw new DomainError('not_found', `service_code ${name} was not found`);
      return send(reply, format, 'service_definition', { service_code: name, attributes: [] });
    });

    open311.get('/requests/:file', {
      config: { rateLimit: READ_RATE },
      schema: { tags, summary: 'Open311: one service request by its id (the tracking code), e.g. requests/SQ260303-ABC123.json', params: fileParams },
    }, async (request, reply) => {
      const { name, format } = fileOrNotFound(request.params.file, 'Service request');
      const rows = await appealRows(deps).where('case.trackingCode', '=', name.toUpperCase()).execute();
      if (rows.length === 0) throw notFound(`Service request ${name}`);
      return send(reply, format, 'service_requests', await presentRows(deps, rows));
    });

    open311.get('/tokens/:file', {
      config: { rateLimit: READ_RATE },
      schema: { tags, summary: 'Open311: the service_request_id for a token (requests get their id at once; the token is the case id)', params: fileParams },
    }, async (request, reply) => {
      const { name, format } = fileOrNotFound(request.params.file, 'Token');
      const row = UUID_PATTERN.test(name)
        ? await deps.db.selectFrom('case').select('trackingCode').where('tenantId', '=', deps.tenantId).where('kind', '=', 'appeal').where('id', '=', name).executeTakeFirst()
        : undefined;
      if (!row) throw notFound(`Token ${name}`);
      return send(reply, format, 'service_requests', [{ service_request_id: row.trackingCode, token: name }]);
    });
  }, { prefix: PREFIX });
}
