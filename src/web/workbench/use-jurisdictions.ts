// The whole jurisdiction tree, loaded once per page that needs it.
import { useMemo } from 'react';
import { api } from '../api/client.ts';
import type { JurisdictionSummary } from '../api/shell.types.ts';
import { useLoad } from '../api/use-load.ts';
import { buildTree, type JurisdictionNode } from './jurisdiction-tree.ts';

export function useJurisdictions() {
  const loaded = useLoad(() => api.get<{ items: JurisdictionSummary[] }>('/api/jurisdictions').then((a) => a.items), []);
  const items = useMemo(() => loaded.data ?? [], [loaded.data]);
  const roots = useMemo<JurisdictionNode[]>(() => buildTree(items), [items]);
  const byId = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);
  return { ...loaded, items, roots, byId };
}
