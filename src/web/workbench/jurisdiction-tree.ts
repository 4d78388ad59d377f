// The flat jurisdiction list (parents first) as a tree, and the questions pages ask of it.
import type { JurisdictionKind, JurisdictionSummary } from '../api/shell.types.ts';

export interface JurisdictionNode extends JurisdictionSummary {
  children: JurisdictionNode[];
}

export function buildTree(items: JurisdictionSummary[]): JurisdictionNode[] {
  const nodes = new Map<string, JurisdictionNode>(items.map((item) => [item.id, { ...item, children: [] }]));
  const roots: JurisdictionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (a: JurisdictionNode, b: JurisdictionNode) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);
  const sortDeep = (list: JurisdictionNode[]) => {
    list.sort(order);
    list.forEach((n) => sortDeep(n.children));
  };
  sortDeep(roots);
  return roots;
}

export function countByKind(items: JurisdictionSummary[]): Record<JurisdictionKind, number> {
  const counts: Record<JurisdictionKind, number> = { district: 0, street: 0, community: 0, grid: 0, department: 0 };
  for (const item of items) counts[item.kind] += 1;
  return counts;
}

/**
 * The tree cut down to the nodes whose name contains `query` (either language, any case) and their
 * ancestors; `expanded` lists the ancestors so the matches can be seen.
 */
export function filterTree(roots: JurisdictionNode[], query: string): { roots: JurisdictionNode[]; expanded: string[] } {
  const needle = query.trim().toLowerCase();
  if (!needle) return { roots, expanded: [] };
  const expanded: string[] = [];
  const keep = (node: JurisdictionNode): JurisdictionNode | null => {
    const children = node.children.map(keep).filter((n): n is JurisdictionNode => n !== null);
    const matches = node.nameZh.toLowerCase().includes(needle) || node.nameEn.toLowerCase().includes(needle);
    if (!matches && children.length === 0) return null;
    if (children.length > 0) expanded.push(node.id);
    return { ...node, children };
  };
  return { roots: roots.map(keep).filter((n): n is JurisdictionNode => n !== null), expanded };
}

/** The nodes whose ids are given, with everything under them (a subtree inside another is not repeated). */
export function subtreesOf(roots: JurisdictionNode[], ids: ReadonlySet<string>): JurisdictionNode[] {
  const out: JurisdictionNode[] = [];
  const walk = (node: JurisdictionNode) => (ids.has(node.id) ? out.push(node) : node.children.forEach(walk));
  roots.forEach(walk);
  return out;
}

/** The tree without the nodes of the given kinds (and whatever lies under them). */
export function withoutKinds(roots: JurisdictionNode[], kinds: readonly JurisdictionKind[]): JurisdictionNode[] {
  const prune = (list: JurisdictionNode[]): JurisdictionNode[] =>
    list.filter((n) => !kinds.includes(n.kind)).map((n) => ({ ...n, children: prune(n.children) }));
  return prune(roots);
}

/** Which kinds may be added under a unit of this kind (mirrors the server's administrative ladder). */
export const CHILD_KINDS: Record<JurisdictionKind, Exclude<JurisdictionKind, 'district'>[]> = {
  district: ['street', 'department'],
  street: ['community', 'department'],
  community: ['grid'],
  grid: [],
  department: [],
};
