import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../platform/http/app-types.ts';
import type { Deps } from '../../deps.ts';
import { MAX_ATTACHMENT_BYTES, readAttachment, storeAttachment } from './attachment.service.ts';

export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'];

export async function attachmentRoutes(root: App, deps: Deps) {
  const tags = ['attachments'];
  // Raw uploads: the body is the file itself, typed by Content-Type and checked by its bytes.
  // The parser lives in this plugin only, so no other route accepts image bodies.
  await root.register(async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_request, body, done) => done(null, body));
    app.post('/api/attachments', {
    bodyLimit: MAX_ATTACHMENT_BYTES,
    config: { rateLimit: {} },
    schema: {
      tags, summary: 'Upload one photo or PDF (raw body, Content-Type image/jpeg|png|gif|webp or application/pdf; at most 5 MB)',
      querystring: z.strictObject({ name: z.string().max(200).optional() }),
    },
  }, async (request, reply) => {
    const content = request.body;
    if (!Buffer.isBuffer(content)) {
      return reply.status(415).send({ error: { code: 'unsupported_media_type', message: `Send the file as the body with Content-Type one of ${UPLOAD_TYPES.join(', ')}`, details: { field: 'body' }, requestId: request.id } });
    }
    reply.status(201);
    return storeAttachment(deps, request.actor, { content, declaredType: request.headers['content-type'] ?? '', fileName: request.query.name, allowed: UPLOAD_TYPES });
    });
  });
  root.get('/api/attachments/:id', { schema: { tags, summary: 'Download an attachment of a case within my reach', params: z.strictObject({ id: z.uuid() }) } }, async (request, reply) => {
    const row = await readAttachment(deps, request.actor, request.params.id);
    reply.header('content-type', row.contentType);
    reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.fileName)}`);
    reply.header('cache-control', 'private, max-age=3600');
    return reply.send(row.content);
  });
}
