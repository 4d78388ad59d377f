// A small offline map: the unit's boundary and its children's, projected from lng/lat into an SVG box.
// Children without a boundary (grid cells) show as dots at their centroid.
import { Empty } from 'antd';
import { useId } from 'react';
import type { LngLat } from '../../api/shell.types.ts';
import { useI18n } from '../../shell/i18n.tsx';

export interface MapShape {
  id: string;
  name: string;
  polygon: LngLat[] | null;
  centroid: LngLat | null;
}

const WIDTH = 320;
const HEIGHT = 240;
const PAD = 10;
const CHILD_FILLS = ['#d6e4ff', '#d9f7be', '#fff1b8', '#ffd8bf', '#efdbff', '#b5f5ec'];

/** An equirectangular projection fitted to the points, with longitude shrunk by cos(latitude). */
export function fitProjection(points: LngLat[]): (p: LngLat) => [number, number] {
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const squeeze = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * squeeze, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (HEIGHT - 2 * PAD) / spanY);
  const offsetX = (WIDTH - spanX * scale) / 2;
  const offsetY = (HEIGHT - spanY * scale) / 2;
  return ([lng, lat]) => [offsetX + (lng - minLng) * squeeze * scale, HEIGHT - offsetY - (lat - minLat) * scale];
}

export function JurisdictionMap({ unit, parts }: { unit: MapShape; parts: MapShape[] }) {
  const { t } = useI18n();
  const titleId = useId();
  const shapes = [unit, ...parts];
  const points = shapes.flatMap((s) => s.polygon ?? (s.centroid ? [s.centroid] : []));
  if (points.length < 2) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jurisdiction.map.none')} />;
  const project = fitProjection(points);
  const path = (ring: LngLat[]) => ring.map((p, i) => `${i ? 'L' : 'M'}${project(p).map((v) => v.toFixed(1)).join(',')}`).join('') + 'Z';

  return (
    <svg className="ms-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId}>
      <title id={titleId}>{t('jurisdiction.map.title', { name: unit.name, count: parts.length })}</title>
      {parts.map((child, i) => {
        if (child.polygon) {
          return <path key={child.id} d={path(child.polygon)} fill={CHILD_FILLS[i % CHILD_FILLS.length]} stroke="#ffffff" strokeWidth={1}><title>{child.name}</title></path>;
        }
        if (!child.centroid) return null;
        const [x, y] = project(child.centroid);
        return <circle key={child.id} cx={x} cy={y} r={4} fill="#ad4e00"><title>{child.name}</title></circle>;
      })}
      {unit.polygon && <path d={path(unit.polygon)} fill={parts.length ? 'none' : '#d6e4ff'} stroke="#0958d9" strokeWidth={2} />}
    </svg>
  );
}
