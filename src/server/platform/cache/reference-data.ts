// Reference data that every write reads (the jurisdiction tree, working calendars), kept per process and per
// district. An entry is reloaded when older than a few seconds, so an edit made by another process arrives
// soon; this process forgets a district's entries at once when it changes them (forgetReferenceData after the
// commit). Keyed by tenant id: one id names one district's data.
const TTL_MS = 5_000;

const entries = new Map<string, Map<string, { at: number; value: unknown }>>();

/** The cached value of `key` for the district, or what `load` reads now (always when `fresh`). */
export async function cachedReferenceData<T>(tenantId: string, key: string, load: () => Promise<T>, fresh = false): Promise<T> {
  const district = entries.get(tenantId);
  const cached = district?.get(key);
  if (!fresh && cached && Date.now() - cached.at < TTL_MS) return cached.value as T;
  const value = await load();
  let target = entries.get(tenantId);
  if (!target) entries.set(tenantId, (target = new Map()));
  target.set(key, { at: Date.now(), value });
  return value;
}

/** Call after committing a change to jurisdictions, calendar overrides or statutory years. */
export function forgetReferenceData(tenantId: string): void {
  entries.delete(tenantId);
}
