import { z } from 'zod';
import { DomainError, notFound, validationError } from '../../../shared/errors.ts';
import { requirePermission } from '../../../shared/actor.ts';
import type { App } from '../../../server/platform/http/app-types.ts';
import type { Deps } from '../../../server/deps.ts';
import { loadDirectory } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import { runTransition } from '../../../server/core/cases/case.service.ts';
import { caseEvents, whereVisible } from '../../../server/core/cases/case.repository.ts';
import { CategorySuggester } from '../../../server/platform/search/category-suggester.ts';
import { segment } from '../../../server/platform/search/segmenter.ts';
import { appealDb, findDuplicates, portalIntakeBody, resolvePlace, staffIntakeBody, submitAppeal, intakeFields, communitiesNamedIn } from './appeal.intake.ts';
import { appealInbox, QUEUES } from './appeal.inbox.ts';
import { parseMail } from './mailbox.ts';
import { appealAdminRoutes } from './appeal.admin.routes.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dispatchesDistrict } from '../../../server/core/people/person.service.ts';
import { open311Routes } from './open311.routes.ts';
import { appealDashboard } from './appeal.dashboard.ts';

/** Public routes use the app's one public limit (MINSHENG_PUBLIC_RATE_LIMIT per address per minute). */
const PUBLIC_RATE = {};
const MAILBOX_LIMIT_BYTES = 2 * 1024 * 1024;

/** The active groups and the active categories of active groups (deactivating a group hides its categories). */
async function categoryTree(deps: Deps) {
  const active = await appealDb(deps.db).selectFrom('appealCategory').select(['code', 'parentCode', 'nameZh', 'nameEn', 'slaClass', 'level', 'keywords'])
    .where('tenantId', '=', deps.tenantId).where('active', '=', 1).orderBy('sortOrder').execute();
  const groups = new Set(active.filter((c) => c.parentCode === null).map((c) => c.code));
  return active.filter((c) => c.parentCode === null || groups.has(c.parentCode));
}

async function suggester(deps: Deps) {
  const categories = (await categoryTree(deps)).filter((c) => c.parentCode);
  const model = new CategorySuggester(Object.fromEntries(categories.map((c) => [c.code, c.keywords.split(/\s+/).filter(Boolean)])));
  const terms = await appealDb(deps.db).selectFrom('appealCategoryTerm').select(['categoryCode', 'term', 'count']).where('tenantId', '=', deps.tenantId).execute();
  for (const t of terms) model.learn(t.categoryCode, Array(Math.min(t.count, 50)).fill(t.term));
  return { model, names: new Map(categories.map((c) => [c.code, { nameZh: c.nameZh, nameEn: c.nameEn }])) };
}

export async function appealRoutes(app: App, deps: Deps) {
  const tags = ['appeals'];

  app.get('/api/appeals/categories', { schema: { tags, summary: 'The category tree residents choose from (public)' } }, async () => ({
    items: (await categoryTree(deps)).map(({ keywords: _, ...c }) => c),
  }));

  app.get('/api/appeals/categories/suggest', {
    config: { rateLimit: PUBLIC_RATE },
    schema: { tags, summary: 'Likely categories for a description, from keywords and handled appeals', querystring: z.strictObject({ text: z.string().trim().min(1).max(2000) }) },
  }, async (request) => {
    const { model, names } = await suggester(deps);
    return { items: model.suggest(segment(request.query.text), 3).map((s) => ({ code: s.category, score: Math.round(s.score * 100) / 100, ...names.get(s.category) })) };
  });

  app.post('/api/appeals', {
    config: { rateLimit: PUBLIC_RATE },
    schema: { tags, summary: 'Submit an appeal from the resident portal (signed in, or with a phone or e-mail to answer)', body: portalIntakeBody },
  }, async (request, reply) => {
    reply.status(201);
    return submitAppeal(deps, request.actor, { ...request.body, channel: 'portal' }, request.id);
  });

  app.post('/api/appeals/staff-intake', {
    schema: { tags, summary: 'Register an appeal taken by phone, at the counter, by a grid worker or from the mailbox', body: staffIntakeBody },
  }, async (request, reply) => {
    requirePermission(request.actor, 'case.act');
    const appeal = await submitAppeal(deps, request.actor, request.body, request.id, { staffPermission: 'case.act' });
    reply.status(201);
    return appeal;
  });

  // The mailbox gateway posts each letter raw; only this route parses message/rfc822.
  await app.register(async (plugin) => {
    const mailbox = plugin.withTypeProvider<ZodTypeProvider>();
    mailbox.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: MAILBOX_LIMIT_BYTES }, (_request, body, done) => done(null, body));
    mailbox.post('/api/appeals/mailbox', {
      bodyLimit: MAILBOX_LIMIT_BYTES,
      schema: { tags, summary: 'Register a letter to the district mailbox (the raw RFC 822 message, Content-Type message/rfc822); the sender is answered by e-mail' },
    }, async (request, reply) => {
      requirePermission(request.actor, 'case.act');
      if (!Buffer.isBuffer(request.body)) throw new DomainError('unsupported_media_type', 'Send the message itself with Content-Type message/rfc822', { field: 'body' });
      const mail = parseMail(request.body);
      if (!mail.fromAddress || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(mail.fromAddress)) throw validationError([{ field: 'body.from', message: 'The letter has no sender address to answer' }]);
      if (!mail.text && !mail.subject) throw validationError([{ field: 'body.text', message: 'The letter is empty' }]);
      const letter = `${mail.subject}\n${mail.text}`.trim();
      const description = Array.from(letter).length > 2000 ? `${Array.from(letter).slice(0, 1990).join('')}…（来信过长，已截断）` : letter.padEnd(5, '。');
      const { model } = await suggester(deps);
      const directory = await loadDirectory(deps.db, deps.tenantId);
      const [named, tie] = communitiesNamedIn(directory, letter);
      const community = named && !(tie && tie.length === named.length) ? named.community : null;
      reply.status(201);
      return submitAppeal(deps, request.actor, {
        channel: 'mailbox', categoryCode: model.suggest(segment(letter), 1)[0]?.category ?? 'other', description,
        ...(mail.subject ? { title: Array.from(mail.subject).slice(0, 60).join('').padEnd(2, '。') } : {}),
        location: community ? { communityId: community.id } : null, contact: { ...(mail.fromName ? { name: mail.fromName.slice(0, 50) } : {}), email: mail.fromAddress },
        hideIdentity: false, publish: false, attachmentIds: [],
      }, request.id);
    });
  });

  app.post('/api/appeals/duplicates', {
    config: { rateLimit: PUBLIC_RATE },
    schema: { tags, summary: 'Similar open appeals nearby (before submitting)', body: z.strictObject({ categoryCode: intakeFields.categoryCode, description: z.string().trim().min(1).max(2000), location: intakeFields.location }) },
  }, async (request) => {
    const directory = await loadDirectory(deps.db, deps.tenantId);
    const { community, point } = resolvePlace(directory, request.body.location);
    const items = await findDuplicates(deps.db, deps.tenantId, directory, { categoryCode: request.body.categoryCode, text: request.body.description, communityId: community.id, point, now: deps.clock.now() });
    // The public sees that similar matters exist and their codes, never who raised them.
    return { communityId: community.id, communityNameZh: community.nameZh, items };
  });

  app.get('/api/appeals/track/:code', {
    config: { rateLimit: PUBLIC_RATE },
    schema: { tags, summary: 'Follow an appeal by its tracking code (public: public steps only, no personal data)', params: z.strictObject({ code: z.string().trim().min(6).max(40) }) },
  }, async (request) => {
    const row = await deps.db.selectFrom('case').selectAll().where('tenantId', '=', deps.tenantId).where('kind', '=', 'appeal')
      .where('trackingCode', '=', request.params.code.toUpperCase()).executeTakeFirst();
    if (!row) throw notFound('Appeal');
    const data = JSON.parse(row.data) as { categoryCode: string; reply: { text: string; at: string } | null; rating: { value: string } | null; feedbackDueAt: string; level: string | null };
    const directory = await loadDirectory(deps.db, deps.tenantId);
    const events = await caseEvents(deps.db, deps.tenantId, row.id, true);
    return {
      trackingCode: row.trackingCode, title: row.title, state: row.state, stateCategory: row.stateCategory, categoryCode: data.categoryCode,
      community: directory.get(row.jurisdictionId)?.nameZh ?? null, handlingUnit: directory.get(row.handlingUnitId)?.nameZh ?? null,
      createdAt: row.createdAt, dueAt: row.dueAt, reply: data.reply, rating: data.rating?.value ?? null,
      steps: events.map((e) => ({ type: e.type, at: e.at, unit: unitOfEvent(directory, JSON.parse(e.data) as Record<string, unknown>) })),
    };
  });

  app.get('/api/appeals/inbox', {
    schema: {
      tags, summary: 'My units\' appeals by queue, with yellow (due within a day) and red (overdue) warnings and Chinese full-text search',
      querystring: z.strictObject({
        queue: z.enum(QUEUES).default('all_open'), unitId: z.uuid().optional(), mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), categoryCode: z.string().max(64).optional(), q: z.string().trim().max(100).optional(),
        page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20),
      }),
    },
  }, async (request) => appealInbox(deps, request.actor, request.query));

  app.get('/api/appeals/dashboard', {
    schema: {
      tags,
      summary: 'Leaders (case.supervise): per handling unit in reach, the three rates (response, resolution, satisfaction), the weighted composite score and ranking, on-time reply, return and reopen rates, the totals and the hot issues, over district-local days (default: the last 365)',
      querystring: z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
    },
  }, async (request) => appealDashboard(deps, request.actor, request.query));

  app.post('/api/appeals/bulk-dispatch', {
    schema: { tags, summary: 'Dispatch several appeals to one unit; each succeeds or fails on its own', body: z.strictObject({ caseIds: z.array(z.uuid()).min(1).max(100), unitId: z.uuid(), note: z.string().trim().max(1000).optional() }) },
  }, async (request) => {
    requirePermission(request.actor, 'case.dispatch');
    const results = [];
    for (const caseId of request.body.caseIds) {
      try {
        const r = await runTransition(deps, request.actor, caseId, { type: 'dispatch', unitId: request.body.unitId, ...(request.body.note ? { note: request.body.note } : {}) }, { requestId: request.id });
        results.push({ caseId, ok: true, state: r.snapshot.state });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ caseId, ok: false, code: error.code, message: error.message });
      }
    }
    return { results };
  });

  app.get('/api/appeals/callers', {
    schema: { tags, summary: 'Hotline: earlier appeals of a caller, by phone number', querystring: z.strictObject({ phone: z.string().trim().regex(/^1[3-9]\d{9}$/, 'A mainland mobile number of 11 digits') }) },
  }, async (request) => {
    requirePermission(request.actor, 'case.act');
    const person = await deps.db.selectFrom('person').select('id').where('tenantId', '=', deps.tenantId).where('phoneIndex', '=', deps.cipher.blindIndex('phone', request.query.phone)).executeTakeFirst();
    if (!person) return { known: false, items: [] };
    const items = await whereVisible(deps.db.selectFrom('case').where('case.tenantId', '=', deps.tenantId).where('case.kind', '=', 'appeal').where('case.requesterPersonId', '=', person.id), request.actor)
      .$if(!dispatchesDistrict(request.actor), (qb) => qb.where('case.requesterHidden', '=', 0))
      .select(['case.id', 'case.trackingCode', 'case.title', 'case.state', 'case.createdAt']).orderBy('case.createdAt', 'desc').limit(20).execute();
    return { known: true, items };
  });

  await appealAdminRoutes(app, deps);
  await open311Routes(app, deps);
}

function unitOfEvent(directory: Awaited<ReturnType<typeof loadDirectory>>, data: Record<string, unknown>): string | null {
  const id = (data.unitId ?? data.to) as string | undefined;
  return id ? (directory.get(id)?.nameZh ?? null) : null;
}
