// The district's geography for maps and place pickers, from GET /api/jurisdictions (the tree with a
// centroid per unit) and GET /api/jurisdictions/:id (one unit's polygon). Polygons are fetched on demand
// and kept for the session: the district and its streets first, a street's communities when it is opened.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../../web/api/client.ts';
import type { JurisdictionDetail, JurisdictionSummary } from '../../../web/api/shell.types.ts';
import { useAuth } from '../../../web/shell/auth.tsx';
import type { LngLat } from './appeal.api.ts';

export interface Place extends JurisdictionSummary {
  polygon: LngLat[] | null;
}

let treeRequest: Promise<JurisdictionSummary[]> | null = null;
const polygonRequests = new Map<string, Promise<LngLat[] | null>>();

function loadTree(): Promise<JurisdictionSummary[]> {
  treeRequest ??= api.get<{ items: JurisdictionSummary[] }>('/api/jurisdictions').then((a) => a.items).catch((error: unknown) => {
    treeRequest = null;
    throw error;
  });
  return treeRequest;
}

export function loadPolygon(id: string): Promise<LngLat[] | null> {
  let request = polygonRequests.get(id);
  if (!request) {
    request = api.get<JurisdictionDetail>(`/api/jurisdictions/${id}`).then((d) => d.polygon).catch((error: unknown) => {
      polygonRequests.delete(id);
      throw error;
    });
    polygonRequests.set(id, request);
  }
  return request;
}

/**
 * Whether this visitor may read the jurisdiction tree. Staff may (jurisdiction.read); the server offers
 * residents and anonymous visitors no public list of communities yet, so their pickers work without one.
 */
export function useCanReadPlaces(): boolean {
  const { session } = useAuth();
  return session.status === 'signed-in' && session.user.permissions.includes('jurisdiction.read');
}

export interface DistrictPlaces {
  ready: boolean;
  error: unknown;
  district: Place | null;
  streets: Place[];
  communities: JurisdictionSummary[];
  byId: Map<string, JurisdictionSummary>;
  /** the polygons loaded so far, by unit id */
  polygons: Map<string, LngLat[]>;
  /** loads the polygons of a street's communities */
  openStreet: (streetId: string) => void;
  streetOf: (communityId: string) => JurisdictionSummary | undefined;
}

export function useDistrictPlaces(enabled: boolean): DistrictPlaces {
  const [tree, setTree] = useState<JurisdictionSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [polygons, setPolygons] = useState<Map<string, LngLat[]>>(new Map());

  const addPolygons = (ids: string[]) => {
    void Promise.all(ids.map((id) => loadPolygon(id).then((p) => [id, p] as const).catch(() => [id, null] as const))).then((pairs) => {
      setPolygons((current) => {
        const next = new Map(current);
        for (const [id, polygon] of pairs) if (polygon) next.set(id, polygon);
        return next;
      });
    });
  };

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    loadTree().then((items) => {
      if (!live) return;
      setTree(items);
      addPolygons(items.filter((i) => i.kind === 'district' || i.kind === 'street').map((i) => i.id));
    }, (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [enabled]);

  return useMemo(() => {
    const items = tree ?? [];
    const byId = new Map(items.map((i) => [i.id, i]));
    const withPolygon = (i: JurisdictionSummary): Place => ({ ...i, polygon: polygons.get(i.id) ?? null });
    const districtRow = items.find((i) => i.kind === 'district');
    return {
      ready: tree !== null,
      error,
      district: districtRow ? withPolygon(districtRow) : null,
      streets: items.filter((i) => i.kind === 'street').map(withPolygon),
      communities: items.filter((i) => i.kind === 'community'),
      byId,
      polygons,
      openStreet: (streetId: string) => {
        const missing = items.filter((i) => i.parentId === streetId && i.kind === 'community' && !polygons.has(i.id)).map((i) => i.id);
        if (missing.length) addPolygons(missing);
      },
      streetOf: (communityId: string) => {
        const community = byId.get(communityId);
        return community?.parentId ? byId.get(community.parentId) : undefined;
      },
    };
  }, [tree, error, polygons]);
}
