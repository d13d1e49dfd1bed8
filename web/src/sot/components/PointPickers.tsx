/**
 * Choosing the registry points a SOT-punkt links: a searchable list of grocery stores, and the
 * fuel stations near the chosen store sorted by distance with the ≤ 300 m check shown. Results
 * are radio buttons: every choice is reachable with Tab and arrow keys and read out with its
 * details.
 */
import { useMemo, useState } from 'react';
import { haversineMetres } from '../../../../src/lib/geo.js';
import { queryString } from '../../api.js';
import { LoadState } from '../../components/LoadState.js';
import { fieldId } from '../../forms/fields.js';
import { useApi, useDebounced } from '../../hooks.js';
import { formatNumber } from '../../i18n.js';
import { useSession } from '../../session.js';
import type { Page, ServicePoint } from '../../types.js';
import { useSot } from '../i18n.js';

/** The registry facts a picker shows and returns. */
export interface PickedPoint {
  id: number;
  kind: string;
  name: string;
  city: string | null;
  municipalityCode: string | null;
  lat: number;
  lon: number;
}

export const toPicked = (p: PickedPoint): PickedPoint => ({
  id: p.id,
  kind: p.kind,
  name: p.name,
  city: p.city,
  municipalityCode: p.municipalityCode,
  lat: p.lat,
  lon: p.lon,
});

/** Fuel stations are searched within this radius of the store. */
export const FUEL_SEARCH_RADIUS_M = 5000;

/** `[minLon, minLat, maxLon, maxLat]` of a square around a position. */
export function bboxAround(lat: number, lon: number, radiusM: number): [number, number, number, number] {
  const dLat = radiusM / 111_320;
  const dLon = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return [r(lon - dLon), r(lat - dLat), r(lon + dLon), r(lat + dLat)];
}

/** Stations with their distance to the store, nearest first, within `radiusM`. */
export function byDistance<T extends { lat: number; lon: number }>(
  store: { lat: number; lon: number },
  stations: readonly T[],
  radiusM = FUEL_SEARCH_RADIUS_M,
): (T & { distanceM: number })[] {
  return stations
    .map((s) => ({ ...s, distanceM: haversineMetres(store.lat, store.lon, s.lat, s.lon) }))
    .filter((s) => s.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM);
}

function useMunicipalityName(): (code: string | null) => string {
  const { territories } = useSession();
  return (code) => (code ? (territories.municipalities.find((m) => m.code === code)?.name ?? code) : '');
}

/** Search and pick a grocery store (or convenience store). */
export function StorePicker({
  value,
  onChange,
  error,
}: {
  value: PickedPoint | null;
  onChange(point: PickedPoint): void;
  error?: string;
}) {
  const { s, kind } = useSot();
  const municipality = useMunicipalityName();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const results = useApi<Page<ServicePoint>>(
    `/api/service-points${queryString({ kinds: 'grocery,convenience', q: q || undefined, pageSize: 20, sort: 'name' })}`,
  );
  const options = useMemo(() => {
    const found = (results.data?.items ?? []).map(toPicked);
    return value && !found.some((p) => p.id === value.id) ? [value, ...found] : found;
  }, [results.data, value]);
  const id = fieldId('storeId');
  return (
    <div className={`picker${error ? ' has-error' : ''}`}>
      <div className="field">
        <label htmlFor="store-search">{s('pick.storeSearch')}</label>
        <p className="hint" id="store-search-hint">
          {s('pick.storeSearchHint')}
        </p>
        <input
          id="store-search"
          type="search"
          value={text}
          aria-describedby="store-search-hint"
          aria-controls={id}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <fieldset
        id={id}
        className="field radio-group picker-results"
        tabIndex={-1}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <legend>
          {s('pick.store')} <span className="required">{s('pick.required')}</span>
        </legend>
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
        <LoadState
          loading={results.loading && !results.data}
          error={results.error}
          onRetry={results.reload}
        />
        <p className="visually-hidden" role="status">
          {results.data ? s('pick.found', { n: results.data.total }) : ''}
        </p>
        {results.data && options.length === 0 && <p>{s('pick.noStores')}</p>}
        <ul className="picker-list">
          {options.map((p) => (
            <li key={p.id}>
              <label className="choice picker-choice">
                <input
                  type="radio"
                  name="storeId"
                  value={p.id}
                  checked={value?.id === p.id}
                  onChange={() => onChange(p)}
                />
                <span>
                  <span className="picker-name">{p.name}</span>
                  <span className="picker-detail">
                    {[kind(p.kind), p.city, municipality(p.municipalityCode)].filter(Boolean).join(' · ')}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {results.data && results.data.total > options.length && <p className="hint">{s('pick.more')}</p>}
      </fieldset>
    </div>
  );
}

/** Pick the fuel station near `store` (or none), nearest first, with the distance check. */
export function FuelPicker({
  store,
  value,
  onChange,
  maxDistanceM,
  error,
}: {
  store: { lat: number; lon: number } | null;
  value: PickedPoint | null;
  onChange(point: PickedPoint | null): void;
  maxDistanceM: number;
  error?: string;
}) {
  const { s } = useSot();
  const municipality = useMunicipalityName();
  const url = store
    ? `/api/service-points${queryString({
        kinds: 'fuel',
        bbox: bboxAround(store.lat, store.lon, FUEL_SEARCH_RADIUS_M).join(','),
        pageSize: 500,
      })}`
    : null;
  const results = useApi<Page<ServicePoint>>(url);
  const options = useMemo(() => {
    if (!store) return [];
    const found = byDistance(store, (results.data?.items ?? []).map(toPicked));
    if (value && !found.some((p) => p.id === value.id))
      found.push({ ...value, distanceM: haversineMetres(store.lat, store.lon, value.lat, value.lon) });
    return found;
  }, [results.data, store, value]);
  const id = fieldId('fuelStationId');
  return (
    <fieldset
      id={id}
      className={`field radio-group picker-results${error ? ' has-error' : ''}`}
      tabIndex={-1}
      aria-invalid={error ? true : undefined}
      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
    >
      <legend>{s('pick.fuel')}</legend>
      <p className="hint" id={`${id}-hint`}>
        {store
          ? s('pick.fuelHint', {
              radius: formatNumber(FUEL_SEARCH_RADIUS_M / 1000),
              max: formatNumber(maxDistanceM),
            })
          : s('pick.fuelNeedsStore')}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {store && (
        <>
          <LoadState
            loading={results.loading && !results.data}
            error={results.error}
            onRetry={results.reload}
          />
          <ul className="picker-list">
            <li>
              <label className="choice picker-choice">
                <input
                  type="radio"
                  name="fuelStationId"
                  value=""
                  checked={value === null}
                  onChange={() => onChange(null)}
                />
                <span className="picker-name">{s('pick.noFuel')}</span>
              </label>
            </li>
            {options.map((p) => {
              const within = p.distanceM <= maxDistanceM;
              return (
                <li key={p.id}>
                  <label className="choice picker-choice">
                    <input
                      type="radio"
                      name="fuelStationId"
                      value={p.id}
                      checked={value?.id === p.id}
                      onChange={() => onChange(p)}
                    />
                    <span>
                      <span className="picker-name">{p.name}</span>
                      <span className="picker-detail">
                        {s('pick.distance', { m: formatNumber(Math.round(p.distanceM)) })}
                        {' · '}
                        <span className={within ? 'flag flag-ok' : 'flag flag-bad'}>
                          <span aria-hidden="true">{within ? '✓ ' : '✗ '}</span>
                          {within
                            ? s('pick.within', { max: formatNumber(maxDistanceM) })
                            : s('pick.beyond', { max: formatNumber(maxDistanceM) })}
                        </span>
                        {p.city || p.municipalityCode
                          ? ` · ${[p.city, municipality(p.municipalityCode)].filter(Boolean).join(', ')}`
                          : ''}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          {results.data && options.length === 0 && <p>{s('pick.noFuelNear')}</p>}
        </>
      )}
    </fieldset>
  );
}
