import { z } from 'zod';
import type { App } from '../../platform/http/app-types.ts';
import type { Deps } from '../../deps.ts';
import { myDataAccessLog, revealBody, revealPerson, viewPerson } from './person.service.ts';

const idParams = z.strictObject({ id: z.uuid() });

export async function personRoutes(app: App, deps: Deps) {
  const tags = ['people'];
  app.get('/api/people/:id', { schema: { tags, summary: 'A person, masked', params: idParams } }, async (request) =>
    viewPerson(deps, request.actor, request.params.id, request.id));
  app.post('/api/people/:id/reveal', { schema: { tags, summary: 'Reveal personal fields for a stated purpose (logged)', params: idParams, body: revealBody } }, async (request) =>
    revealPerson(deps, request.actor, request.params.id, request.body, request.id));
  app.get('/api/me/data-access', { schema: { tags, summary: 'Who in the administration looked at my data' } }, async (request) => ({
    items: await myDataAccessLog(deps, request.actor),
  }));
}
