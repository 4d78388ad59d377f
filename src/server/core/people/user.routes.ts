import { z } from 'zod';
import type { App } from '../../platform/http/app-types.ts';
import type { Deps } from '../../deps.ts';
import { grantInput, userCreateBody, userListQuery, userUpdateBody } from './user.schemas.ts';
import { addGrant, createStaff, listStaff, removeGrant, staffDetail, updateStaff } from './user.service.ts';
import { requirePermission } from '../../../shared/actor.ts';

const idParams = z.strictObject({ id: z.uuid() });

export async function userRoutes(app: App, deps: Deps) {
  const tags = ['users'];
  app.get('/api/users', { schema: { tags, summary: 'Staff accounts within my reach', querystring: userListQuery } }, async (request) =>
    listStaff(deps, request.actor, request.query));
  app.post('/api/users', { schema: { tags, summary: 'Create a staff account with its roles', body: userCreateBody } }, async (request, reply) => {
    reply.status(201);
    return createStaff(deps, request.actor, request.body, request.id);
  });
  app.get('/api/users/:id', { schema: { tags, summary: 'One staff account', params: idParams } }, async (request) => {
    requirePermission(request.actor, 'user.read');
    return staffDetail(deps, request.actor, request.params.id);
  });
  app.patch('/api/users/:id', { schema: { tags, summary: 'Rename, (de)activate, reset the password or unlock', params: idParams, body: userUpdateBody } }, async (request) =>
    updateStaff(deps, request.actor, request.params.id, request.body, request.id));
  app.post('/api/users/:id/grants', { schema: { tags, summary: 'Give a role on a jurisdiction', params: idParams, body: grantInput } }, async (request) =>
    addGrant(deps, request.actor, request.params.id, request.body, request.id));
  app.delete('/api/users/:id/grants/:grantId', { schema: { tags, summary: 'Take a role away', params: z.strictObject({ id: z.uuid(), grantId: z.uuid() }) } }, async (request) =>
    removeGrant(deps, request.actor, request.params.id, request.params.grantId, request.id));
}
