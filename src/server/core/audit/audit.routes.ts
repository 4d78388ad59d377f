import { sql } from 'kysely';
import { z } from 'zod';
import type { App } from '../../platform/http/app-types.ts';
import type { Deps } from '../../deps.ts';
import { requirePermission } from '../../../shared/actor.ts';
import { verifyAuditChain } from '../../platform/audit/audit.repository.ts';

const auditQuery = z.strictObject({
  actor: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  objectType: z.string().trim().max(100).optional(),
  objectId: z.string().trim().max(100).optional(),
  result: z.enum(['ok', 'denied', 'failed']).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** `text` as a LIKE pattern that matches it literally (escape character: backslash). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

export async function auditRoutes(app: App, deps: Deps) {
  const tags = ['audit'];
  app.get('/api/audit', { schema: { tags, summary: 'The audit trail, newest first', querystring: auditQuery } }, async (request) => {
    requirePermission(request.actor, 'audit.read');
    const q = request.query;
    const base = deps.db.selectFrom('auditLog').where('tenantId', '=', deps.tenantId)
      .$if(Boolean(q.actor), (qb) => qb.where(sql<boolean>`${sql.ref('actorLabel')} like ${`%${likeLiteral(q.actor!)}%`} escape '\\'`))
      .$if(Boolean(q.action), (qb) => qb.where(sql<boolean>`${sql.ref('action')} like ${`${likeLiteral(q.action!)}%`} escape '\\'`))
      .$if(Boolean(q.objectType), (qb) => qb.where('objectType', '=', q.objectType!))
      .$if(Boolean(q.objectId), (qb) => qb.where('objectId', '=', q.objectId!))
      .$if(Boolean(q.result), (qb) => qb.where('result', '=', q.result!))
      .$if(Boolean(q.from), (qb) => qb.where('at', '>=', new Date(q.from!).toISOString()))
      .$if(Boolean(q.to), (qb) => qb.where('at', '<=', new Date(q.to!).toISOString()));
    const [{ total }, rows] = await Promise.all([
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      base.select(['seq', 'at', 'actorId', 'actorLabel', 'action', 'objectType', 'objectId', 'result', 'requestId', 'detail'])
        .orderBy('seq', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    ]);
    return { total: Number(total), page: q.page, pageSize: q.pageSize, items: rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown })) };
  });
  app.get('/api/audit/verify', { schema: { tags, summary: 'Recompute the hash chain and name the first bad row' } }, async (request) => {
    requirePermission(request.actor, 'audit.read');
    return verifyAuditChain(deps.db, deps.tenantId);
  });
}
