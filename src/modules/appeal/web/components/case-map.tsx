// A small map on the case page: the appeal's street, its community highlighted, and the pin (or the
// community's centre when the resident chose a community instead of a point).
import { Empty, Skeleton } from 'antd';
import { useId } from 'react';
import { api } from '../../../../web/api/client.ts';
import type { JurisdictionDetail } from '../../../../web/api/shell.types.ts';
import { useLoad } from '../../../../web/api/use-load.ts';
import type { LngLat } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import { Pin } from './district-map.tsx';
import { fitProjection, ringPath } from './projection.ts';

const WIDTH = 360;
const HEIGHT = 240;

export function CaseMap({ communityId, point, label }: { communityId: string; point: LngLat | null; label: string }) {
  const { t, nameOf } = useAppealI18n();
  const titleId = useId();
  const shapes = useLoad(async () => {
    const community = await api.get<JurisdictionDetail>(`/api/jurisdictions/${communityId}`);
    const street = community.parentId ? await api.get<JurisdictionDetail>(`/api/jurisdictions/${community.parentId}`).catch(() => null) : null;
    return { community, street };
  }, [communityId]);

  if (!shapes.data) return shapes.loading ? <Skeleton.Node active className="ap-case-map-skeleton" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appeal.case.noMap')} />;
  const { community, street } = shapes.data;
  const frame: LngLat[] = street?.polygon ?? community.polygon ?? (point ? [point] : []);
  if (frame.length < 3) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appeal.case.noMap')} />;
  const { project } = fitProjection(frame, WIDTH, HEIGHT, 10);
  const pin = point ?? community.centroid;

  return (
    <svg className="ap-map ap-case-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId}>
      <title id={titleId}>{t('appeal.case.mapTitle', { place: label, community: nameOf(community), street: street ? nameOf(street) : '' })}</title>
      {street?.polygon && <path d={ringPath(street.polygon, project)} fill="#f5f5f5" stroke="#8c8c8c" strokeWidth={1} />}
      {community.polygon && <path d={ringPath(community.polygon, project)} fill="#bae0ff" stroke="#003eb3" strokeWidth={2} />}
      {pin && <Pin at={project(pin)} />}
    </svg>
  );
}
