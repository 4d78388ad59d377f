// The district's streets and communities, from the public GET /api/places, for the "where do you live"
// picker of services handled by the community or street of the applicant's place.
import { useMemo } from 'react';
import { api } from '../../../web/api/client.ts';
import { useLoad } from '../../../web/api/use-load.ts';
import type { JurisdictionSummary } from '../../../web/api/shell.types.ts';

let request: Promise<JurisdictionSummary[]> | null = null;

function loadPlaces(): Promise<JurisdictionSummary[]> {
  request ??= api.get<{ items: JurisdictionSummary[] }>('/api/places').then((a) => a.items).catch((error: unknown) => {
    request = null;
    throw error;
  });
  return request;
}

/** Communities grouped under their streets, as options of a searchable select. */
export function useCommunityOptions(nameOf: (n: { nameZh: string; nameEn: string }) => string) {
  const places = useLoad(loadPlaces, []);
  return useMemo(() => {
    const all = places.data ?? [];
    const streets = all.filter((p) => p.kind === 'street');
    return {
      error: places.error,
      options: streets.map((s) => ({
        label: nameOf(s),
        title: nameOf(s),
        options: all.filter((c) => c.kind === 'community' && c.parentId === s.id).map((c) => ({ value: c.id, label: nameOf(c) })),
      })),
    };
  }, [places.data, places.error, nameOf]);
}
