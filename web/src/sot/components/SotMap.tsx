/**
 * SOT-punkter on a MapLibre map with the same offline style as the main map (own boundaries,
 * optional raster tiles only when configured), coloured by minimum-level readiness. The table
 * beside it carries the same content for keyboard and screen-reader users.
 */
import type { Popup } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useMemo, useRef } from 'react';
import { MapFrame } from '../../map/MapFrame.js';
import { el } from '../../map/popup.js';
import { buildMapStyle, type GeoJsonCollection, MAP_IDS } from '../../map/style.js';
import {
  openPopupAt,
  pointerOverLayer,
  useFitBounds,
  useGeoJsonData,
  useMapLibre,
} from '../../map/use-maplibre.js';
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

/** The SOT-punkter map; a click on a point opens a popup whose button calls `onOpen`. */
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
  const { s } = useSot();
  const latest = useRef({ points, onOpen, open: s('board.openPoint') });
  latest.current = { points, onOpen, open: s('board.openPoint') };

  const { container, map, failed } = useMapLibre({
    style: () => {
      const style = buildMapStyle({ tileUrl, tileAttribution });
      style.sources[SOT_MAP_IDS.source] = {
        type: 'geojson',
        data: sotFeatures([]) as never,
        promoteId: 'id',
      };
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
      return style;
    },
    view: { bounds: bbox },
    tileUrl,
    setUp: (created) => {
      pointerOverLayer(created, SOT_MAP_IDS.circle);
      let popup: Popup | null = null;
      created.on('click', SOT_MAP_IDS.circle, (e) => {
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
        popup = openPopupAt(created, [point.lon, point.lat], root);
      });
      return () => popup?.remove();
    },
  });

  useGeoJsonData(map, MAP_IDS.boundaries, boundaries);
  const features = useMemo(() => sotFeatures(points), [points]);
  useGeoJsonData(map, SOT_MAP_IDS.source, features);
  useFitBounds(map, bbox);

  return (
    <MapFrame container={container} ready={map !== null} failed={failed} label={label} className="sot-map" />
  );
}
