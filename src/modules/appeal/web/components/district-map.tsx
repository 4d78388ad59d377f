// The offline map of the district (no tiles): street and community polygons drawn in SVG from the
// jurisdiction data. Tapping a street opens it; tapping inside a community drops the pin there. Every
// street and community is also a button for the keyboard (Enter puts the pin at its centre).
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { pointInPolygon } from '../../../../shared/geo.ts';
import type { LngLat } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import type { DistrictPlaces } from '../places.ts';
import { fitProjection, ringPath, svgPoint } from './projection.ts';

const WIDTH = 640;
const HEIGHT = 440;
const PAD = 12;
const FILLS = ['#e6f0ff', '#e8f7dc', '#fff6d6', '#ffe9dc', '#f3e8ff', '#dcf7f2'];

export interface PickedPlace {
  point: LngLat;
  communityId: string;
}

interface Props {
  places: DistrictPlaces;
  value: { point: LngLat | null; communityId: string | null };
  onChange: (place: PickedPlace) => void;
}

export function DistrictMap({ places, value, onChange }: Props) {
  const { t, nameOf } = useAppealI18n();
  const titleId = useId();
  const helpId = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const [streetId, setStreetId] = useState<string | null>(() => (value.communityId ? places.streetOf(value.communityId)?.id ?? null : null));
  const street = streetId ? places.streets.find((s) => s.id === streetId) ?? null : null;

  const communities = useMemo(() => (street ? places.communities.filter((c) => c.parentId === street.id) : []), [street, places.communities]);

  const frame: LngLat[] = street?.polygon ?? places.district?.polygon ?? places.streets.flatMap((s) => s.polygon ?? []);
  if (!places.ready || frame.length < 3) {
    return <div className="ap-map-loading" role="status"><Spin /> <span>{t('appeal.place.mapLoading')}</span></div>;
  }
  const { project, invert } = fitProjection(frame, WIDTH, HEIGHT, PAD);
  const communityAt = (point: LngLat) => communities.find((c) => {
    const ring = places.polygons.get(c.id);
    return ring ? pointInPolygon(point, ring) : false;
  });
  const streetAt = (point: LngLat) => places.streets.find((s) => s.polygon && pointInPolygon(point, s.polygon));

  const pick = (point: LngLat, communityId: string) => onChange({ point, communityId });

  const onMapClick = (event: MouseEvent<SVGSVGElement>) => {
    if (!svgRef.current) return;
    const point = invert(svgPoint(svgRef.current, event.clientX, event.clientY));
    if (!street) {
      const hit = streetAt(point);
      if (hit) setStreetId(hit.id);
      return;
    }
    const community = communityAt(point);
    if (community) pick(point, community.id);
    else {
      const other = streetAt(point);
      if (other && other.id !== street.id) setStreetId(other.id);
    }
  };

  const onKey = (event: KeyboardEvent, action: () => void) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      action();
    }
  };

  const selected = value.communityId ? places.byId.get(value.communityId) : undefined;
  const pin = value.point ?? (selected?.centroid ?? null);

  return (
    <div className="ap-map-wrap">
      <div className="ap-map-bar">
        {street ? (
          <>
            <Button size="small" icon={<ArrowLeftOutlined aria-hidden />} onClick={() => setStreetId(null)}>{t('appeal.place.wholeDistrict')}</Button>
            <strong>{nameOf(street)}</strong>
          </>
        ) : <span>{places.district ? nameOf(places.district) : ''}</span>}
      </div>
      <svg
        ref={svgRef}
        className="ap-map ap-map-interactive"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="group"
        aria-labelledby={titleId}
        aria-describedby={helpId}
        onClick={onMapClick}
      >
        <title id={titleId}>{street ? t('appeal.place.mapStreet', { name: nameOf(street) }) : t('appeal.place.mapDistrict')}</title>
        {!street && places.streets.map((s, i) => s.polygon && (
          <g key={s.id}>
            <path
              d={ringPath(s.polygon, project)}
              fill={FILLS[i % FILLS.length]}
              stroke="#595959"
              strokeWidth={1.5}
              className="ap-map-shape"
              role="button"
              tabIndex={0}
              aria-label={t('appeal.place.openStreet', { name: nameOf(s) })}
              onKeyDown={(e) => onKey(e, () => setStreetId(s.id))}
            />
            {s.centroid && <text x={project(s.centroid)[0]} y={project(s.centroid)[1]} className="ap-map-label" textAnchor="middle" aria-hidden>{nameOf(s)}</text>}
          </g>
        ))}
        {street && communities.map((c, i) => {
          const ring = places.polygons.get(c.id);
          const isSelected = c.id === value.communityId;
          const common = {
            className: isSelected ? 'ap-map-shape ap-map-selected' : 'ap-map-shape',
            role: 'button',
            tabIndex: 0,
            'aria-label': nameOf(c),
            'aria-pressed': isSelected,
            onKeyDown: (e: KeyboardEvent) => onKey(e, () => c.centroid && pick(c.centroid, c.id)),
          } as const;
          if (ring) {
            return <path key={c.id} d={ringPath(ring, project)} fill={isSelected ? '#bae0ff' : FILLS[i % FILLS.length]} stroke={isSelected ? '#003eb3' : '#8c8c8c'} strokeWidth={isSelected ? 2.5 : 1} {...common} />;
          }
          if (!c.centroid) return null;
          const [x, y] = project(c.centroid);
          return <circle key={c.id} cx={x} cy={y} r={8} fill="#91caff" {...common} />;
        })}
        {street && communities.map((c) => c.centroid && (
          <text key={`label-${c.id}`} x={project(c.centroid)[0]} y={project(c.centroid)[1]} className="ap-map-label ap-map-label-small" textAnchor="middle" aria-hidden>
            {nameOf(c).replace(/社区$| Community$/, '')}
          </text>
        ))}
        {street && pin && <Pin at={project(pin)} />}
      </svg>
      <p id={helpId} className="ap-map-help">{street ? t('appeal.place.helpStreet') : t('appeal.place.helpDistrict')}</p>
    </div>
  );
}

/** A map pin whose tip is at the point. */
export function Pin({ at: [x, y] }: { at: [number, number] }) {
  return (
    <g transform={`translate(${x.toFixed(1)}, ${y.toFixed(1)})`} className="ap-map-pin" aria-hidden>
      <path d="M0,0 C-4,-8 -11,-14 -11,-22 A11,11 0 1 1 11,-22 C11,-14 4,-8 0,0 Z" fill="#cf1322" stroke="#ffffff" strokeWidth={2} />
      <circle cx={0} cy={-22} r={4} fill="#ffffff" />
    </g>
  );
}
