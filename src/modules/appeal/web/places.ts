// The district's geography for maps and place pickers, from the public GET /api/places (the district,
// streets and communities with centroids and outlines), loaded once per session.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../../web/api/client.ts';
import type { JurisdictionSummary } from '../../../web/api/shell.types.ts';
import type { LngLat } from './appeal.api.ts';

export interface Place extends JurisdictionSummary {
  polygon: LngLat[] | null;
}

let placesRequest: Promise<Place[]> | null = null;

/** One public request: the district, its streets and communities, each with its outline. */
function loadPlaces(): Promise<Place[]> {
  placesRequest ??= api.get<{ items: Place[] }>('/api/places').then((a) => a.items).catch((error: unknown) => {
    placesRequest = null;
    throw error;
  });
  return placesRequest;
}

export interface DistrictPlaces {
  ready: boolean;
  error: unknown;
  district: Place | null;
  streets: Place[];
  communities: JurisdictionSummary[];
  byId: Map<string, JurisdictionSummary>;
  /** the outlines, by unit id */
  polygons: Map<string, LngLat[]>;
  streetOf: (communityId: string) => JurisdictionSummary | undefined;
}

export function useDistrictPlaces(): DistrictPlaces {
  const [items, setItems] = useState<Place[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    loadPlaces().then((loaded) => live && setItems(loaded), (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, []);

  return useMemo(() => {
    const all = items ?? [];
    const byId = new Map<string, JurisdictionSummary>(all.map((i) => [i.id, i]));
    const polygons = new Map(all.flatMap((i) => (i.polygon ? [[i.id, i.polygon] as const] : [])));
    return {
      ready: items !== null,
      error,
      district: all.find((i) => i.kind === 'district') ?? null,
      streets: all.filter((i) => i.kind === 'street'),
      communities: all.filter((i) => i.kind === 'community'),
      byId,
      polygons,
      streetOf: (communityId: string) => {
        const community = byId.get(communityId);
        return community?.parentId ? byId.get(community.parentId) : undefined;
      },
    };
  }, [items, error]);
}
