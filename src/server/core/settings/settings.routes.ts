// Per-jurisdiction settings of the case types (time limits, counts, weights): each module names the keys it
// reads and validates their values with its own schemas; a unit's value applies to its subtree unless a nearer
// unit sets one.
import { z, type ZodType } from 'zod';
import { notFound, validationError } from '../../../shared/errors.ts';
import { auditedBy, canAt, requirePermission } from '../../../shared/actor.ts';
import type { App } from '../../platform/http/app-types.ts';
import { inTransaction, type Deps } from '../../deps.ts';
import { findJurisdiction } from '../jurisdictions/jurisdiction.repository.ts';
import { settingSourcesForPath, settingsForPath } from './settings.repository.ts';
import { loadDirectory } from '../jurisdictions/jurisdiction-directory.ts';
import type { SettingKind } from '../../../shared/settings.ts';

export async function settingsRoutes(app: App, deps: Deps) {
  const tags = ['settings'];
  const declared = new Map<string, ZodType>(deps.modules.flatMap((m) => Object.entries(m.settings ?? {}).map(([key, schema]) => [`${m.kind}.${key}`, schema] as const)));
  const defaults = new Map<string, { type: SettingKind; value: unknown }>(deps.modules.flatMap((m) => Object.entries(m.settingDefaults ?? {}).map(([key, info]) => [`${m.kind}.${key}`, info] as const)));

  async function unit(actorCheck: (path: string) => boolean, id: string) {
    const row = await findJurisdiction(deps.db, deps.tenantId, id);
    if (!row || !actorCheck(row.path)) throw notFound('Jurisdiction');
    return row;
  }

  app.get('/api/settings', {
    schema: { tags, summary: 'The settings in force at a unit (with where each comes from) and the keys that can be set', querystring: z.strictObject({ jurisdictionId: z.uuid() }) },
  }, async (request) => {
    requirePermission(request.actor, 'jurisdiction.read');
    const row = await unit(() => true, request.query.jurisdictionId);
    const own = await deps.db.selectFrom('setting').select(['key', 'value', 'updatedAt']).where('tenantId', '=', deps.tenantId).where('jurisdictionId', '=', row.id).execute();
    const effective: Record<string, unknown> = {};
    const sources = new Map<string, { value: unknown; jurisdictionId: string }>();
    for (const module of deps.modules) {
      for (const [key, value] of Object.entries(await settingsForPath(deps.db, deps.tenantId, row.path, module.kind))) effective[`${module.kind}.${key}`] = value;
      for (const [key, source] of await settingSourcesForPath(deps.db, deps.tenantId, row.path, module.kind)) sources.set(key, source);
    }
    const directory = await loadDirectory(deps.db, deps.tenantId);
    const ownByKey = new Map(own.map((s) => [s.key, s]));
    return {
      jurisdictionId: row.id,
      /** whether the caller may set and remove values at this unit (settings.manage there or above) */
      manageable: canAt(request.actor, 'settings.manage', row.path),
      keys: [...declared.keys()].sort(),
      effective,
      own: own.map((s) => ({ key: s.key, value: JSON.parse(s.value) as unknown, updatedAt: s.updatedAt })),
      // Each key: its type, its built-in default, the value in force and where it comes from (this unit, one above, or the default).
      settings: [...declared.keys()].sort().map((key) => {
        const info = defaults.get(key);
        const source = sources.get(key);
        const from = source ? directory.get(source.jurisdictionId) : undefined;
        return {
          key,
          type: info?.type ?? null,
          default: info?.value ?? null,
          value: source ? source.value : info?.value ?? null,
          source: !source ? 'default' : source.jurisdictionId === row.id ? 'own' : 'inherited',
          from: source ? { id: source.jurisdictionId, nameZh: from?.nameZh ?? null, nameEn: from?.nameEn ?? null } : null,
          updatedAt: ownByKey.get(key)?.updatedAt ?? null,
        };
      }),
    };
  });

  app.put('/api/settings', {
    schema: { tags, summary: 'Set one value for a unit and the units under it', body: z.strictObject({ jurisdictionId: z.uuid(), key: z.string().min(3).max(100), value: z.unknown() }) },
  }, async (request) => {
    requirePermission(request.actor, 'settings.manage');
    const row = await unit((path) => canAt(request.actor, 'settings.manage', path), request.body.jurisdictionId);
    const schema = declared.get(request.body.key);
    if (!schema) throw validationError([{ field: 'body.key', message: `Unknown setting; known: ${[...declared.keys()].join(', ')}` }]);
    const parsed = schema.safeParse(request.body.value);
    if (!parsed.success) throw validationError(parsed.error.issues.map((i) => ({ field: ['body', 'value', ...i.path.map(String)].join('.'), message: i.message })));
    const now = deps.clock.now().toISOString();
    await inTransaction(deps, async (trx, audit) => {
      await trx.deleteFrom('setting').where('tenantId', '=', deps.tenantId).where('jurisdictionId', '=', row.id).where('key', '=', request.body.key).execute();
      await trx.insertInto('setting').values({ tenantId: deps.tenantId, jurisdictionId: row.id, key: request.body.key, value: JSON.stringify(parsed.data), updatedAt: now }).execute();
      audit({ ...auditedBy(request.actor), action: 'settings.set', objectType: 'jurisdiction', objectId: row.id, requestId: request.id, detail: { key: request.body.key, value: parsed.data } });
    });
    return { jurisdictionId: row.id, key: request.body.key, value: parsed.data };
  });

  app.delete('/api/settings', {
    schema: { tags, summary: 'Remove a unit\'s own value (the one above applies again)', querystring: z.strictObject({ jurisdictionId: z.uuid(), key: z.string().min(3).max(100) }) },
  }, async (request, reply) => {
    requirePermission(request.actor, 'settings.manage');
    const row = await unit((path) => canAt(request.actor, 'settings.manage', path), request.query.jurisdictionId);
    await inTransaction(deps, async (trx, audit) => {
      const removed = await trx.deleteFrom('setting').where('tenantId', '=', deps.tenantId).where('jurisdictionId', '=', row.id).where('key', '=', request.query.key).executeTakeFirst();
      if (Number(removed.numDeletedRows) !== 1) throw notFound('Setting');
      audit({ ...auditedBy(request.actor), action: 'settings.remove', objectType: 'jurisdiction', objectId: row.id, requestId: request.id, detail: { key: request.query.key } });
    });
    return reply.status(204).send();
  });
}
