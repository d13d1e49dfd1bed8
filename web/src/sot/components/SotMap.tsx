/**
 * SOT-punkter on a MapLibre map with the same offline style as the main map (own boundaries,
 * optional raster tiles only when configured), coloured by minimum-level readiness. The table
 * beside it carries the same content for keyboard and screen-reader users.
 */
import maplibregl, { type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { buildMapStyle, type GeoJsonCollection, MAP_IDS } from '../../map/style.js';
import type { BBox } from '../../types.js';
import { useSot } from '../i18n.js';
import type { CriterionStatus } from '../types.js';

/** Source and layer of the SOT-punkter (tests query them). */
export const SOT_MAP_IDS = { source: 'sot-points', circle: 'sot-points-circle' } as const;

/** Readiness colours: green met, red not met, amber unknown (shape and text carry it too). */
export const READINESS_COLORS: Record<CriterionStatus, string> = {
  met: '#17622c',
  not_met: '#a4161a',
  unknown: '#b36b00',
};

export interface SotMapPoint {
  id: number;
  name: string;
  lat: number | null;
  lon: number | null;
  readiness: CriterionStatus;
  /** One line under the name in the popup (status, municipality). */
  detail: string;
}

/** The points as GeoJSON (points without a position are left out). */
export function sotFeatures(points: readonly SotMapPoint[]): GeoJsonCollection {
  return {
    type: 'FeatureCollection',
    features: points
      .filter((p) => p.lat !== null && p.lon !== null)
      .map((p) => ({
        type: 'Feature' as const,
        id: p.id,
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: { id: p.id, name: p.name, readiness: p.readiness, detail: p.detail },
      })),
  };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function SotMap({
  points,
  boundaries,
  bbox,
  tileUrl,
  tileAttribution,
  label,
  onOpen,
}: {
  points: readonly SotMapPoint[];
  boundaries: GeoJsonCollection;
  bbox: BBox | null;
  tileUrl?: string | null;
  tileAttribution?: string | null;
  label: string;
  onOpen(id: number): void;
}) {
  const { s, t } = useSot();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const latest = useRef({ points, onOpen, open: s('board.openPoint') });
  latest.current = { points, onOpen, open: s('board.openPoint') };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; data flows in through the effects below
  useEffect(() => {
    if (!container.current) return;
    const style = buildMapStyle({ tileUrl, tileAttribution });
    style.sources[SOT_MAP_IDS.source] = { type: 'geojson', data: sotFeatures([]) as never, promoteId: 'id' };
    style.layers.push({
      id: SOT_MAP_IDS.circle,
      type: 'circle',
      source: SOT_MAP_IDS.source,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 7, 12, 11],
        'circle-color': [
          'match',
          ['get', 'readiness'],
          'met',
          READINESS_COLORS.met,
          'not_met',
          READINESS_COLORS.not_met,
          READINESS_COLORS.unknown,
        ],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2.5,
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
          'Popup.Close': t('common.close'),
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
    map.on('mouseenter', SOT_MAP_IDS.circle, () => {
      map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', SOT_MAP_IDS.circle, () => {
      map.getCanvas().style.cursor = '';
    });
    let popup: maplibregl.Popup | null = null;
    map.on('click', SOT_MAP_IDS.circle, (e) => {
      const id = Number(e.features?.[0]?.properties?.id);
      const point = latest.current.points.find((p) => p.id === id);
      if (!point || point.lat === null || point.lon === null) return;
      const root = el('div', 'popup');
      root.appendChild(el('h2', 'popup-title', point.name));
      root.appendChild(el('p', 'popup-kind', point.detail));
      const button = el('button', 'button button-primary button-small', latest.current.open);
      button.type = 'button';
      button.addEventListener('click', () => latest.current.onOpen(id));
      root.appendChild(button);
      popup?.remove();
      popup = new maplibregl.Popup({ maxWidth: '300px', focusAfterOpen: true })
        .setLngLat([point.lon, point.lat])
        .setDOMContent(root)
        .addTo(map);
    });
    return () => {
      popup?.remove();
      map.remove();
      mapRef.current = null;
      if (window.__sotMap === map) window.__sotMap = undefined;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    (map.getSource(MAP_IDS.boundaries) as GeoJSONSource).setData(boundaries as never);
  }, [ready, boundaries]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    (map.getSource(SOT_MAP_IDS.source) as GeoJSONSource).setData(sotFeatures(points) as never);
  }, [ready, points]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !bbox) return;
    map.fitBounds(bbox, { padding: 24, animate: false });
  }, [ready, bbox]);

  return (
    <div className="map-frame sot-map">
      {failed ? (
        <div className="map-failed">
          <p role="alert">{t('map.noWebgl')}</p>
        </div>
      ) : (
        <section
          ref={container}
          className="map-canvas"
          aria-label={label}
          data-ready={ready ? 'true' : 'false'}
        />
      )}
    </div>
  );
}
