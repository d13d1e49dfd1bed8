/**
 * A small map for setting a point's position with a click: an aid next to the latitude and
 * longitude fields (which stay the accessible way to enter a position).
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { useMemo, useRef } from 'react';
import { useApi } from '../hooks.js';
import { parseDecimal, useI18n } from '../i18n.js';
import type { BBox } from '../types.js';
import { buildMapStyle, type GeoJsonCollection, MAP_IDS } from './style.js';
import { useGeoJsonData, useMapLibre } from './use-maplibre.js';

const PICKED = 'picked';

/** Valid WGS 84 coordinates typed in the form, or null. */
export function typedPosition(lat: string, lon: string): [number, number] | null {
  const la = parseDecimal(lat);
  const lo = parseDecimal(lon);
  if (la === undefined || lo === undefined || !Number.isFinite(la) || !Number.isFinite(lo)) return null;
  if (Math.abs(la) > 90 || Math.abs(lo) > 180) return null;
  return [lo, la];
}

const pointData = (position: [number, number] | null): GeoJsonCollection => ({
  type: 'FeatureCollection' as const,
  features: position
    ? [
        {
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: position },
          properties: {},
        },
      ]
    : [],
});

/** The picker map; a click calls `onPick` with latitude and longitude rounded to 6 decimals. */
export function LocationPicker({
  lat,
  lon,
  bbox,
  onPick,
}: {
  lat: string;
  lon: string;
  bbox: BBox | null;
  onPick(lat: string, lon: string): void;
}) {
  const { t } = useI18n();
  const boundaries = useApi<GeoJsonCollection>('/api/territories/boundaries');
  const position = typedPosition(lat, lon);
  const pick = useRef(onPick);
  pick.current = onPick;

  const { container, map, failed } = useMapLibre({
    style: () => {
      const style = buildMapStyle();
      style.sources[PICKED] = { type: 'geojson', data: pointData(position) as never };
      style.layers.push({
        id: PICKED,
        type: 'circle',
        source: PICKED,
        paint: {
          'circle-radius': 8,
          'circle-color': '#ffbf47',
          'circle-stroke-color': '#0b0c0c',
          'circle-stroke-width': 2,
        },
      });
      return style;
    },
    // Centred on the position known when opened; later typing moves the marker, not the view.
    view: position ? { center: position, zoom: 12 } : { bounds: bbox },
    inset: true,
    setUp: (created) => {
      created.on('click', (e) => pick.current(e.lngLat.lat.toFixed(6), e.lngLat.lng.toFixed(6)));
    },
  });

  // A new marker only when the typed coordinates change: `position` is a new array every render.
  const picked = useMemo(() => pointData(position), [position?.[0], position?.[1]]);
  useGeoJsonData(map, PICKED, picked);
  useGeoJsonData(map, MAP_IDS.boundaries, boundaries.data);

  if (failed) return <p className="hint">{t('map.noWebgl')}</p>;
  return (
    <div className="location-picker">
      <p className="hint" id="picker-hint">
        {t('form.pickHint')}
      </p>
      <div ref={container} className="location-picker-map" aria-describedby="picker-hint" />
    </div>
  );
}
