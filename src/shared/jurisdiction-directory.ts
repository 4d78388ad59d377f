// An in-memory view of the jurisdiction tree for pure rules (routing, escalation).
export type JurisdictionKind = 'district' | 'street' | 'community' | 'grid' | 'department';

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

