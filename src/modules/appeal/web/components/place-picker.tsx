// Where the matter is: a pin on the district's map, a community from a searchable list, or an address
// (with the community it is in); on a phone, "use my location" too. The server decides the community of a
// pin from the polygons, and the form shows it back (from the duplicates check) before sending.
import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Button, Input, Segmented, Select } from 'antd';
import { useId, useMemo, useState } from 'react';
import type { Location, LngLat } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import type { DistrictPlaces } from '../places.ts';
import { DistrictMap } from './district-map.tsx';

export type PlaceMode = 'map' | 'community' | 'address';

export interface PlaceValue {
  mode: PlaceMode;
  point: LngLat | null;
  communityId: string | null;
  address: string;
}

export const EMPTY_PLACE: PlaceValue = { mode: 'map', point: null, communityId: null, address: '' };

/** What the server is sent: the pin when there is one, else the community. */
export function locationOf(place: PlaceValue): Location | null {
  if (place.mode === 'map' && place.point) return { lng: round(place.point[0]), lat: round(place.point[1]) };
  if (place.mode !== 'map' && place.communityId) return { communityId: place.communityId };
  if (place.point) return { lng: round(place.point[0]), lat: round(place.point[1]) };
  return null;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

interface Props {
  value: PlaceValue;
  onChange: (value: PlaceValue) => void;
  /** the district's geography; null when this visitor cannot read it */
  places: DistrictPlaces | null;
  /** the community the server found for the place (from the duplicates check) */
  resolvedName: string | null;
  outside: boolean;
  invalid?: boolean;
  describedBy?: string;
}

export function PlacePicker({ value, onChange, places, resolvedName, outside, invalid, describedBy }: Props) {
  const { t, nameOf } = useAppealI18n();
  const addressId = useId();
  const communityId = useId();
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);
  const canLocate = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  const communityOptions = useMemo(() => (places?.communities ?? []).map((c) => {
    const street = places?.streetOf(c.id);
    return { value: c.id, label: street ? `${nameOf(c)}（${nameOf(street)}）` : nameOf(c), search: `${c.nameZh} ${c.nameEn} ${street?.nameZh ?? ''} ${street?.nameEn ?? ''}` };
  }), [places?.communities, nameOf]);

  const locate = () => {
    setLocating(true);
    setLocateError(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        onChange({ ...value, mode: 'map', point: [position.coords.longitude, position.coords.latitude], communityId: null });
      },
      () => {
        setLocating(false);
        setLocateError(t('appeal.place.locateFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const selectedName = value.communityId && places?.byId.get(value.communityId) ? nameOf(places.byId.get(value.communityId)!) : null;
  const summary = outside
    ? t('appeal.place.outside')
    : value.point && value.mode === 'map'
      ? (resolvedName ?? selectedName) ? t('appeal.place.pinIn', { name: (resolvedName ?? selectedName)! }) : t('appeal.place.pinSet')
      : value.mode !== 'map' && selectedName ? t('appeal.place.chosen', { name: selectedName }) : t('appeal.place.notYet');

  const communitySelect = (
    <Select
      id={communityId}
      showSearch={{ filterOption: (input, option) => String((option as { search?: string })?.search ?? '').toLowerCase().includes(input.trim().toLowerCase()) }}
      value={value.communityId ?? undefined}
      onChange={(id: string) => onChange({ ...value, communityId: id, point: null })}
      options={communityOptions}
      placeholder={t('appeal.place.communityPlaceholder')}
      loading={places !== null && !places.ready}
      status={invalid && !value.communityId ? 'error' : undefined}
      className="ms-full-width"
      aria-describedby={describedBy}
    />
  );

  const locateButton = canLocate && (
    <Button icon={<AimOutlined aria-hidden />} onClick={locate} loading={locating}>{t('appeal.place.locate')}</Button>
  );

  return (
    <div className="ap-place">
      {places ? (
        <Segmented<PlaceMode>
          block
          value={value.mode}
          onChange={(mode) => onChange({ ...value, mode })}
          options={[
            { value: 'map', label: t('appeal.place.mode.map') },
            { value: 'community', label: t('appeal.place.mode.community') },
            { value: 'address', label: t('appeal.place.mode.address') },
          ]}
          aria-label={t('appeal.place.modes')}
        />
      ) : (
        <p className="ap-help">{t('appeal.place.noMap')}</p>
      )}

      {places && value.mode === 'map' && (
        <>
          <DistrictMap places={places} value={value} onChange={(p) => onChange({ ...value, point: p.point, communityId: p.communityId })} />
          <div className="ap-place-tools">{locateButton}</div>
        </>
      )}
      {!places && <div className="ap-place-tools">{locateButton}</div>}

      {places && value.mode === 'community' && (
        <div className="ap-field">
          <label htmlFor={communityId} className="ap-label">{t('appeal.place.community')}</label>
          {communitySelect}
        </div>
      )}

      {places && value.mode === 'address' && (
        <div className="ap-field">
          <label htmlFor={communityId} className="ap-label">{t('appeal.place.addressCommunity')}</label>
          {communitySelect}
        </div>
      )}

      <div className="ap-field">
        <label htmlFor={addressId} className="ap-label">
          {value.mode === 'address' ? t('appeal.place.address') : t('appeal.place.addressOptional')}
        </label>
        <Input id={addressId} value={value.address} maxLength={200} autoComplete="street-address"
          placeholder={t('appeal.place.addressPlaceholder')} onChange={(e) => onChange({ ...value, address: e.target.value })} />
      </div>

      <p className={outside || locateError ? 'ap-place-summary ap-place-summary-bad' : 'ap-place-summary'} role="status">
        <EnvironmentOutlined aria-hidden /> {locateError ?? summary}
      </p>
    </div>
  );
}
