// An in-memory view of the jurisdiction tree for pure rules (routing, escalation): a few
// hundred rows, reloaded when older than a few seconds, so edits reach every process soon.
import type { Db } from '../../deps.ts';
import type { JurisdictionKind } from '../../platform/db/schema.ts';

export interface DirectoryEntry {
  id: string;
  parentId: string | null;
  kind: JurisdictionKind;
  code: string;
  path: string;
  nameZh: string;
  nameEn: string;
  centroid: [number, number] | null;
  polygon: [number, number][] | null;
}

export class JurisdictionDirectory {
  readonly #byId: Map<string, DirectoryEntry>;
  readonly #byCode: Map<string, DirectoryEntry>;

  constructor(entries: DirectoryEntry[]) {
    this.#byId = new Map(entries.map((e) => [e.id, e]));
    this.#byCode = new Map(entries.map((e) => [e.code, e]));
  }

  get(id: string | null | undefined): DirectoryEntry | undefined {
    return id ? this.#byId.get(id) : undefined;
  }

  byCode(code: string): DirectoryEntry | undefined {
    return this.#byCode.get(code);
  }

  parentOf(id: string): DirectoryEntry | undefined {
    return this.get(this.get(id)?.parentId);
  }

  /** The nearest unit of `kind` at or above `id` (e.g. the street of a community). */
  ancestorOfKind(id: string, kind: JurisdictionKind): DirectoryEntry | undefined {
    for (let entry = this.get(id); entry; entry = this.get(entry.parentId)) if (entry.kind === kind) return entry;
    return undefined;
  }

  children(id: string): DirectoryEntry[] {
    return [...this.#byId.values()].filter((e) => e.parentId === id);
  }

  all(): DirectoryEntry[] {
    return [...this.#byId.values()];
  }

  root(): DirectoryEntry | undefined {
    return [...this.#byId.values()].find((e) => e.parentId === null);
  }
}

const TTL_MS = 5_000;
const cache = new WeakMap<Db, { at: number; tenantId: string; directory: JurisdictionDirectory }>();

export async function loadDirectory(db: Db, tenantId: string, fresh = false): Promise<JurisdictionDirectory> {
  const cached = cache.get(db);
  if (!fresh && cached && cached.tenantId === tenantId && Date.now() - cached.at < TTL_MS) return cached.directory;
  const rows = await db.selectFrom('jurisdiction').select(['id', 'parentId', 'kind', 'code', 'path', 'nameZh', 'nameEn', 'centroidLng', 'centroidLat', 'polygon'])
    .where('tenantId', '=', tenantId).execute();
  const directory = new JurisdictionDirectory(rows.map((r) => ({
    id: r.id, parentId: r.parentId, kind: r.kind, code: r.code, path: r.path, nameZh: r.nameZh, nameEn: r.nameEn,
    centroid: r.centroidLng != null && r.centroidLat != null ? [r.centroidLng, r.centroidLat] : null,
    polygon: r.polygon ? (JSON.parse(r.polygon) as [number, number][]) : null,
  })));
  cache.set(db, { at: Date.now(), tenantId, directory });
  return directory;
}
