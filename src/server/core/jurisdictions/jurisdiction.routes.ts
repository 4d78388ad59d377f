import type { App } from '../../platform/http/app-types.ts';
import type { Deps } from '../../deps.ts';
import { jurisdictionCreateBody, jurisdictionIdParams, jurisdictionUpdateBody } from './jurisdiction.schemas.ts';
import { createJurisdiction, deleteJurisdiction, jurisdictionDetail, jurisdictionTree, publicPlaces, updateJurisdiction } from './jurisdiction.service.ts';

export async function jurisdictionRoutes(app: App, deps: Deps) {
  const tags = ['jurisdictions'];
  app.get('/api/jurisdictions', { schema: { tags, summary: 'The whole jurisdiction tree, flat, parents first' } }, async (request) => ({
    items: await jurisdictionTree(deps, request.actor),
  }));
  app.get('/api/places', {
    config: { rateLimit: {} },
    schema: { tags, summary: 'The district, its streets and communities with their outlines (public: names and places only)' },
  }, async () => ({ items: await publicPlaces(deps) }));
  app.get('/api/jurisdictions/:id', { schema: { tags, summary: 'One jurisdiction with its polygon', params: jurisdictionIdParams } }, async (request) =>
    jurisdictionDetail(deps, request.actor, request.params.id));
  app.post('/api/jurisdictions', { schema: { tags, summary: 'Add a street, community, grid cell or department', body: jurisdictionCreateBody } }, async (request, reply) => {
    reply.status(201);
    return createJurisdiction(deps, request.actor, request.body, request.id);
  });
  app.patch('/api/jurisdictions/:id', { schema: { tags, summary: 'Edit a jurisdiction', params: jurisdictionIdParams, body: jurisdictionUpdateBody } }, async (request) =>
    updateJurisdiction(deps, request.actor, request.params.id, request.body, request.id));
  app.delete('/api/jurisdictions/:id', { schema: { tags, summary: 'Remove an empty jurisdiction', params: jurisdictionIdParams } }, async (request, reply) => {
    await deleteJurisdiction(deps, request.actor, request.params.id, request.id);
    return reply.status(204).send();
  });
}
