/**
 * A small map for setting a point's position with a click: an aid next to the latitude and
 * longitude fields (which stay the accessible way to enter a position).
 */
import maplibregl, { type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../hooks.js';
import { parseDecimal, useI18n } from '../i18n.js';
import type { BBox } from '../types.js';
import { buildMapStyle, type GeoJsonCollection, MAP_IDS } from './style.js';

const PICKED = 'picked';

/** Valid WGS 84 coordinates typed in the form, or null. */
export function typedPosition(lat: string, lon: string): [number, number] | null {
  const la = parseDecimal(lat);
  const lo = parseDecimal(lon);
  if (la === undefined || lo === undefined || !Number.isFinite(la) || !Number.isFinite(lo)) return null;
  if (Math.abs(la) > 90 || Math.abs(lo) > 180) return null;
  return [lo, la];
}

const pointData = (position: [number, number] | null) => ({
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
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const boundaries = useApi<GeoJsonCollection>('/api/territories/boundaries');
  const position = typedPosition(lat, lon);
  const pick = useRef(onPick);
  pick.current = onPick;

  // biome-ignore lint/correctness/useExhaustiveDependencies: created once, centred on the position known when opened
  useEffect(() => {
    if (!container.current) return;
    let map: MapLibreMap;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style: buildMapStyle(),
        ...(position ? { center: position, zoom: 12 } : { bounds: bbox ?? [10.5, 55.2, 24.2, 69.1] }),
        attributionControl: { compact: true },
        dragRotate: false,
        locale: {
          'NavigationControl.ZoomIn': t('map.zoomIn'),
          'NavigationControl.ZoomOut': t('map.zoomOut'),
        },
      });
    } catch {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      map.addSource(PICKED, { type: 'geojson', data: pointData(position) });
      map.addLayer({
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
      setReady(true);
    });
    map.on('click', (e) => pick.current(e.lngLat.lat.toFixed(6), e.lngLat.lng.toFixed(6)));
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    (map.getSource(PICKED) as GeoJSONSource).setData(pointData(position));
  }, [ready, position?.[0], position?.[1]]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !boundaries.data) return;
    (map.getSource(MAP_IDS.boundaries) as GeoJSONSource).setData(boundaries.data as never);
  }, [ready, boundaries.data]);

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
