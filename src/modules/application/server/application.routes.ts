// The application module's routes (docs/case-types/application.md "API"): the public catalogue and its
// material templates, catalogue editing for the district, online and counter applications, the inbox, one
// application with its clock and documents, joint units' opinions, and the leaders' lapses report. Every other
// transition goes through the kernel's POST /api/cases/:id/commands.
import { DomainError, notFound } from '../../../shared/errors.ts';
import { requireSignedIn } from '../../../shared/actor.ts';
import type { App } from '../../../server/platform/http/app-types.ts';
import type { Deps } from '../../../server/deps.ts';
import { loadDirectory } from '../../../server/core/jurisdictions/jurisdiction-directory.ts';
import { abilitiesOf, applyCommand, decideContext, moduleFor, presentForStaff } from '../../../server/core/cases/case.service.ts';
import { toSnapshot } from '../../../server/core/cases/case.repository.ts';
import { requirePermission } from '../../../shared/actor.ts';
import {
  applyBody, idParams, inboxQuery, lapsesQuery, opinionBody, serviceCreateBody, serviceListQuery, serviceParams, serviceUpdateBody, templateParams,
} from '../shared/application.schemas.ts';
import { createService, findService, listServices, matchesQuery, presentService, updateService } from './application-service.repository.ts';
import { submitApplication } from './application.intake.ts';
import { applicationDetail, applicationInbox, lapsesReport, reachableApplication } from './application.queries.ts';
import { documentRoutes, renderMaterialTemplate } from './documents/application-documents.ts';

/** Public routes use the app's one public limit (MINSHENG_PUBLIC_RATE_LIMIT per address per minute). */
const PUBLIC_RATE = {};

export async function applicationRoutes(app: App, deps: Deps) {
  const tags = ['applications'];
  const catalogueTags = ['services'];

  app.get('/api/services', {
    config: { rateLimit: PUBLIC_RATE },
    schema: { tags: catalogueTags, summary: 'Active services with their six disclosures, searched in name, content and materials (public)', querystring: serviceListQuery },
  }, async (request) => {
    const directory = await loadDirectory(deps.db, deps.tenantId);
    const services = await listServices(deps.db, deps.tenantId, { activeOnly: true });
    return { items: services.filter((s) => (!request.query.level || s.level === request.query.level) && matchesQuery(s, request.query.q)).map((s) => presentService(s, directory)) };
  });

  app.get('/api/services/admin/list', { schema: { tags: catalogueTags, summary: 'Every service, inactive ones included (settings.manage)' } }, async (request) => {
    requirePermission(request.actor, 'settings.manage');
    const directory = await loadDirectory(deps.db, deps.tenantId);
    return { items: (await listServices(deps.db, deps.tenantId, { activeOnly: false })).map((s) => presentService(s, directory)) };
  });

  app.get('/api/services/:code', {
    config: { rateLimit: PUBLIC_RATE },
    schema: { tags: catalogueTags, summary: 'One service with its six disclosures (public)', params: serviceParams },
  }, async (request) => {
    const service = await findService(deps.db, deps.tenantId, request.params.code);
    if (!service || !service.active) throw notFound('Service');
    return presentService(service, await loadDirectory(deps.db, deps.tenantId));
  });

  app.get('/api/services/:code/materials/:material/template.pdf', {
    config: { rateLimit: PUBLIC_RATE },
    schema: { tags: catalogueTags, summary: 'A material\'s blank form as a PDF (public)', params: templateParams },
  }, async (request, reply) => {
    const service = await findService(deps.db, deps.tenantId, request.params.code);
    const material = service?.active ? service.materials.find((m) => m.code === request.params.material) : undefined;
    if (!service || !material || !material.templateText) throw notFound('Template');
    const pdf = await renderMaterialTemplate({ code: service.code, name: service.nameZh }, { code: material.code, name: material.name, templateText: material.templateText ?? undefined });
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `inline; filename="${service.code}-${material.code}.pdf"`);
    return reply.send(pdf);
  });

  app.post('/api/services', { schema: { tags: catalogueTags, summary: 'Add a service to the catalogue (district settings.manage; audited)', body: serviceCreateBody } }, async (request, reply) => {
    const created = await createService(deps, request.actor, request.body, request.id);
    reply.status(201);
    return created;
  });

  app.patch('/api/services/:code', {
    schema: { tags: catalogueTags, summary: 'Edit a service (district settings.manage; audited); applications already made keep their terms', params: serviceParams, body: serviceUpdateBody },
  }, async (request) => updateService(deps, request.actor, request.params.code, request.body, request.id));

  app.post('/api/applications', {
    schema: { tags, summary: 'Apply online (a signed-in resident), with each material as ids of files from POST /api/attachments', body: applyBody },
  }, async (request, reply) => {
    const submitted = await submitApplication(deps, request.actor, request.body, 'online', request.id);
    reply.status(201);
    return submitted;
  });

  app.post('/api/applications/counter', {
    schema: { tags, summary: 'Register an application at the counter on an applicant\'s behalf (case.act at the handling unit)', body: applyBody },
  }, async (request, reply) => {
    const submitted = await submitApplication(deps, request.actor, request.body, 'counter', request.id);
    reply.status(201);
    return submitted;
  });

  app.get('/api/applications', {
    schema: { tags, summary: 'Staff: the inbox by queue (to_check, under_review, paused, due_soon, overdue, joint_opinions, decided); residents: their own applications', querystring: inboxQuery },
  }, async (request) => applicationInbox(deps, request.actor, request.query));

  app.get('/api/applications/lapses', {
    schema: { tags, summary: 'Leaders (case.supervise): per unit, decided on time, late, deemed approved, and overdue now', querystring: lapsesQuery },
  }, async (request) => lapsesReport(deps, request.actor, request.query));

  app.get('/api/applications/:id', {
    schema: { tags, summary: 'One application: the case with its timeline and abilities, the service, materials, working-day clock and documents', params: idParams },
  }, async (request) => applicationDetail(deps, request.actor, request.params.id));

  app.post('/api/applications/:id/opinion', {
    schema: { tags, summary: 'A joint unit\'s opinion (agree or not, with the text) before the lead unit decides', params: idParams, body: opinionBody },
  }, async (request) => {
    const actor = request.actor;
    requireSignedIn(actor);
    requirePermission(actor, 'case.act');
    const module = moduleFor(deps, 'application');
    const result = await deps.db.transaction().execute(async (trx) => {
      const { row } = await reachableApplication(trx, deps, actor, request.params.id, deps.engine === 'postgres');
      const snapshot = toSnapshot(row);
      if (request.body.expectedVersion !== undefined && request.body.expectedVersion !== snapshot.version) {
        throw new DomainError('version_conflict', 'The case was changed by someone else; reload and try again', { currentVersion: snapshot.version });
      }
      const ctx = await decideContext(trx, deps, actor, module, snapshot.jurisdictionId);
      const command = { type: 'give_opinion' as const, agree: request.body.agree, text: request.body.text };
      if (!module.abilities(snapshot, actor, ctx.directory).includes('give_opinion')) {
        module.decide(snapshot, command, ctx);
        throw new DomainError('forbidden', 'Your unit has no opinion to give on this application now', { command: 'give_opinion' });
      }
      const applied = await applyCommand(trx, deps, module, actor, snapshot, command, ctx, request.id);
      const view = presentForStaff(module, applied.snapshot, actor, ctx.directory);
      const abilities = [...new Set([...abilitiesOf(module, applied.snapshot, actor, ctx.directory), ...module.abilities(applied.snapshot, actor, ctx.directory).filter((a) => a === 'give_opinion')])];
      return { case: view.snapshot, abilities, events: applied.events.map(view.redactEvent) };
    });
    return result;
  });

  await documentRoutes(app, deps);
}
