/**
 * The MapLibre style, built in code from our own data: a plain background, municipality
 * boundaries, places and service points — and a raster tile layer only when the server is
 * configured with a tile URL. No glyphs or sprites are referenced, so the map needs nothing from
 * the internet; names are shown in popups and the side list instead of text labels.
 */
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { KIND_COLORS, SERVICE_POINT_KINDS } from '../../../src/shared/kinds.js';

/** Source and layer ids (tests and the map component refer to them). */
export const MAP_IDS = {
  boundaries: 'boundaries',
  boundariesFill: 'boundaries-fill',
  boundariesLine: 'boundaries-line',
  places: 'places',
  placesCircle: 'places-circle',
  points: 'service-points',
  pointsCircle: 'service-points-circle',
  pointsSelected: 'service-points-selected',
  tiles: 'background-tiles',
} as const;

/** Land colour behind everything: calm and light, so coloured points stand out. */
export const BACKGROUND_COLOR = '#e4e9e1';
const TERRITORY_FILL = '#ffffff';
const BOUNDARY_LINE = '#4a5866';

export interface GeoJsonCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id?: string | number;
    geometry: unknown;
    properties: Record<string, unknown> | null;
  }[];
}

export const EMPTY_COLLECTION: GeoJsonCollection = { type: 'FeatureCollection', features: [] };

export interface MapStyleOptions {
  tileUrl?: string | null;
  tileAttribution?: string | null;
}

/** `kind` → colour, as a MapLibre `match` expression (unknown kinds grey). */
export function kindColorExpression(): ExpressionSpecification {
  const pairs = SERVICE_POINT_KINDS.flatMap((k) => [k, KIND_COLORS[k]]);
  return ['match', ['get', 'kind'], ...pairs, '#666666'] as unknown as ExpressionSpecification;
}

/**
 * Place circle radius in pixels: proportional to the square root of the population, so the
 * circle's area (what the eye compares) grows with the number of residents.
 */
export function placeRadiusExpression(): ExpressionSpecification {
  const root: ExpressionSpecification = ['sqrt', ['max', 0, ['to-number', ['get', 'population'], 0]]];
  return [
    'interpolate',
    ['linear'],
    ['zoom'],
    5,
    ['+', 2, ['*', 0.06, root]],
    10,
    ['+', 3, ['*', 0.16, root]],
  ];
}

/** Radius (px) used for a place of `population` at zoom 10, matching the expression above. */
export function placeRadiusAtZoom10(population: number): number {
  return 3 + 0.16 * Math.sqrt(Math.max(0, population));
}

/** Shows only service points whose kind is in `kinds`. */
export function kindFilter(kinds: readonly string[]): FilterSpecification {
  return ['in', ['get', 'kind'], ['literal', [...kinds]]] as FilterSpecification;
}

/** Highlights the selected point (id -1 selects nothing). */
export function selectedFilter(id: number | null): FilterSpecification {
  return ['==', ['to-number', ['get', 'id'], -1], id ?? -1] as FilterSpecification;
}

/** The complete style with empty sources; the map component fills them with setData. */
export function buildMapStyle(options: MapStyleOptions = {}): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {
    [MAP_IDS.boundaries]: { type: 'geojson', data: EMPTY_COLLECTION as never },
    [MAP_IDS.places]: { type: 'geojson', data: EMPTY_COLLECTION as never },
    [MAP_IDS.points]: { type: 'geojson', data: EMPTY_COLLECTION as never, promoteId: 'id' },
  };
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
  ];
  const tiles = Boolean(options.tileUrl);
  if (options.tileUrl) {
    sources[MAP_IDS.tiles] = {
      type: 'raster',
      tiles: [options.tileUrl],
      tileSize: 256,
      attribution: options.tileAttribution ?? undefined,
    };
    layers.push({ id: MAP_IDS.tiles, type: 'raster', source: MAP_IDS.tiles });
  }
  layers.push(
    {
      id: MAP_IDS.boundariesFill,
      type: 'fill',
      source: MAP_IDS.boundaries,
      // Over tiles the fill is only a faint tint; on the plain background it marks the territory.
      // Own territory (`readable`) is lighter than the neighbours shown for orientation.
      paint: {
        'fill-color': TERRITORY_FILL,
        'fill-opacity': tiles
          ? ['case', ['==', ['get', 'readable'], false], 0, 0.08]
          : ['case', ['==', ['get', 'readable'], false], 0.25, 0.75],
      },
    },
    {
      id: MAP_IDS.boundariesLine,
      type: 'line',
      source: MAP_IDS.boundaries,
      paint: {
        'line-color': BOUNDARY_LINE,
        'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.8, 10, 2],
      },
    },
    {
      id: MAP_IDS.placesCircle,
      type: 'circle',
      source: MAP_IDS.places,
      paint: {
        'circle-radius': placeRadiusExpression(),
        'circle-color': '#8a96a3',
        'circle-opacity': 0.35,
        'circle-stroke-color': '#3d4954',
        'circle-stroke-width': 1,
      },
    },
    {
      id: MAP_IDS.pointsSelected,
      type: 'circle',
      source: MAP_IDS.points,
      filter: selectedFilter(null),
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 9, 12, 14],
        'circle-color': '#ffbf47',
        'circle-stroke-color': '#0b0c0c',
        'circle-stroke-width': 2,
      },
    },
    {
      id: MAP_IDS.pointsCircle,
      type: 'circle',
      source: MAP_IDS.points,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 4, 12, 8],
        'circle-color': kindColorExpression(),
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
  );
  return { version: 8, name: 'SOT', sources, layers };
}
