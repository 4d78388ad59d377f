// Routes every case type shares: the inbox, one case with its timeline, and commands.
// Each module adds its own intake routes (how a case of its kind is opened).
import { z } from 'zod';
import { validationError } from '../../../shared/errors.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { Deps } from '../../deps.ts';
import { caseDetail, moduleFor, requireCaseRead, requireCommandRoute, runTransition } from './case.service.ts';
import { listCases } from './case.queries.ts';
import { findVisibleCase } from './case.repository.ts';
import { notFound } from '../../../shared/errors.ts';

export const caseListQuery = z.strictObject({
  kind: z.string().max(40).optional(),
  category: z.enum(['open', 'closed']).optional(),
  state: z.string().max(40).optional(),
  unitId: z.uuid().optional(),
  dueBefore: z.iso.datetime().optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['due', 'newest']).default('due'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const commandEnvelope = z.looseObject({ type: z.string().min(1).max(40), expectedVersion: z.int().min(1).optional() });

export async function caseRoutes(app: App, deps: Deps) {
  const tags = ['cases'];
  app.get('/api/cases', { schema: { tags, summary: 'Cases within my reach (staff) or my own (residents)', querystring: caseListQuery } }, async (request) => {
    requireCaseRead(request.actor);
    return listCases(deps, request.actor, request.query);
  });

  app.get('/api/cases/:id', { schema: { tags, summary: 'One case with its timeline and my abilities', params: z.strictObject({ id: z.uuid() }) } }, async (request) =>
    caseDetail(deps, request.actor, request.params.id));

  app.post('/api/cases/:id/commands', {
    schema: { tags, summary: 'Act on a case; `type` names the action, the rest is that action\'s fields', params: z.strictObject({ id: z.uuid() }), body: commandEnvelope },
  }, async (request) => {
    // The command's permission first (403), then whether the case is within reach (404).
    requireCommandRoute(deps, request.actor, request.body.type);
    const row = await findVisibleCase(deps.db, deps.tenantId, request.actor, request.params.id, false);
    if (!row) throw notFound('Case');
    const { expectedVersion, ...rest } = request.body;
    const parsed = moduleFor(deps, row.kind).commandSchema.safeParse(rest);
    if (!parsed.success) {
      throw validationError(parsed.error.issues.flatMap((i) => i.code === 'unrecognized_keys'
        ? i.keys.map((key) => ({ field: ['body', ...i.path.map(String), key].join('.'), message: 'Unknown field' }))
        : [{ field: ['body', ...i.path.map(String)].join('.'), message: i.message }]));
    }
    const result = await runTransition(deps, request.actor, request.params.id, parsed.data, { expectedVersion, requestId: request.id });
    return { case: result.snapshot, abilities: result.abilities, events: result.events };
  });
}
