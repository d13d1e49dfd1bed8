/**
 * Population points of the accessibility results on the offline MapLibre style, coloured by time
 * band or by nearest service (catchments; SOT-punkter the reader may not see share one colour).
 * The point picker and table beside it carry the same content for keyboard and screen-reader users.
 */
import maplibregl, { type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { ExpressionSpecification } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { buildMapStyle, type GeoJsonCollection } from '../map/style.js';
import type { BBox } from '../types.js';
import { BAND_COLORS, CATEGORY_COLORS, HIDDEN_COLOR } from './format.js';
import { useAccessI18n } from './i18n.js';

/** Source and layer ids (tests query them). */
export const ACCESS_MAP_IDS = { source: 'access-points', circle: 'access-points-circle' } as const;

function colourExpression(mode: 'time' | 'catchment'): ExpressionSpecification {
  if (mode === 'catchment') {
    const palette = CATEGORY_COLORS.flatMap((c, i) => [i, c]);
    // A hidden SOT-punkt has no id (the server withholds it): one colour for all of them.
    return [
      'case',
      ['==', ['get', 'nearestHidden'], true],
      HIDDEN_COLOR,
      ['==', ['get', 'nearestId'], null],
      BAND_COLORS.none,
      [
        'match',
        ['%', ['to-number', ['get', 'nearestId']], CATEGORY_COLORS.length],
        ...palette,
        BAND_COLORS.none,
      ],
    ] as unknown as ExpressionSpecification;
  }
  const t = ['/', ['to-number', ['coalesce', ['get', 'time1S'], -1]], 60];
  return [
    'case',
    ['==', ['get', 'time1S'], null],
    BAND_COLORS.none,
    ['<=', t, 5],
    BAND_COLORS.lt5,
    ['<=', t, 10],
    BAND_COLORS.m5to10,
    ['<=', t, 30],
    BAND_COLORS.m10to30,
    BAND_COLORS.gt30,
  ] as unknown as ExpressionSpecification;
}

export function AccessMap({
  data,
  mode,
  bbox,
  tileUrl,
  tileAttribution,
  onPick,
}: {
  data: GeoJsonCollection;
  mode: 'time' | 'catchment';
  bbox: BBox | null;
  tileUrl?: string | null;
  tileAttribution?: string | null;
  onPick(ref: string): void;
}) {
  const { a, t } = useAccessI18n();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const pick = useRef(onPick);
  pick.current = onPick;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; data flows in through the effects below
  useEffect(() => {
    if (!container.current) return;
    const style = buildMapStyle({ tileUrl, tileAttribution });
    style.sources[ACCESS_MAP_IDS.source] = {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
    };
    style.layers.push({
      id: ACCESS_MAP_IDS.circle,
      type: 'circle',
      source: ACCESS_MAP_IDS.source,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 4, 12, 9],
        'circle-color': colourExpression('time'),
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    });
    let map: MapLibreMap;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style,
        bounds: bbox ?? [10.5, 55.2, 24.2, 69.1],
        fitBoundsOptions: { padding: 24 },
        // Always on: our road background is OpenStreetMap data, whose licence asks for the credit.
        attributionControl: { compact: !tileUrl },
        dragRotate: false,
        pitchWithRotate: false,
        maxPitch: 0,
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
    window.__sotMap = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.on('error', (e) => {
      if (String(e.error?.message ?? '').includes('WebGL')) setFailed(true);
    });
    map.on('load', () => setReady(true));
    map.on('click', ACCESS_MAP_IDS.circle, (e) => {
      const ref = e.features?.[0]?.properties?.ref;
      if (typeof ref === 'string') pick.current(ref);
    });
    return () => {
      map.remove();
      mapRef.current = null;
      if (window.__sotMap === map) window.__sotMap = undefined;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    (map.getSource(ACCESS_MAP_IDS.source) as GeoJSONSource).setData(data as never);
  }, [ready, data]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.setPaintProperty(ACCESS_MAP_IDS.circle, 'circle-color', colourExpression(mode));
  }, [ready, mode]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !bbox) return;
    map.fitBounds(bbox, { padding: 24, animate: false });
  }, [ready, bbox]);

  return (
    <div className="map-frame access-map">
      {failed ? (
        <div className="map-failed">
          <p role="alert">{t('map.noWebgl')}</p>
        </div>
      ) : (
        <section
          ref={container}
          className="map-canvas"
          aria-label={a('acc.mapLabel')}
          data-ready={ready ? 'true' : 'false'}
        />
      )}
    </div>
  );
}
