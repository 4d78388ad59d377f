// Per-jurisdiction settings (time limits, weights, labels): values set higher up apply below
// unless a nearer unit sets its own. Modules validate and default them (DESIGN.md principle 7).
import type { Db } from '../../deps.ts';
import { ancestorIds } from '../calendar/calendar.service.ts';

export async function settingsForPath(db: Db, tenantId: string, path: string, prefix: string): Promise<Record<string, unknown>> {
  const ids = ancestorIds(path);
  const rows = await db.selectFrom('setting').select(['jurisdictionId', 'key', 'value'])
    .where('tenantId', '=', tenantId).where('jurisdictionId', 'in', ids).where('key', 'like', `${prefix}.%`).execute();
  const depth = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => (depth.get(a.jurisdictionId) ?? 0) - (depth.get(b.jurisdictionId) ?? 0));
  const out: Record<string, unknown> = {};
  for (const row of rows) out[row.key.slice(prefix.length + 1)] = JSON.parse(row.value) as unknown;
  return out;
}

/** Like settingsForPath, for every key under `prefix`: its value in force and the unit that set it (the nearest). */
export async function settingSourcesForPath(db: Db, tenantId: string, path: string, prefix: string): Promise<Map<string, { value: unknown; jurisdictionId: string }>> {
  const ids = ancestorIds(path);
  const rows = await db.selectFrom('setting').select(['jurisdictionId', 'key', 'value'])
    .where('tenantId', '=', tenantId).where('jurisdictionId', 'in', ids).where('key', 'like', `${prefix}.%`).execute();
  const depth = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => (depth.get(a.jurisdictionId) ?? 0) - (depth.get(b.jurisdictionId) ?? 0));
  const out = new Map<string, { value: unknown; jurisdictionId: string }>();
  for (const row of rows) out.set(row.key, { value: JSON.parse(row.value) as unknown, jurisdictionId: row.jurisdictionId });
  return out;
}
