/**
 * The MapLibre style, built in code from our own data: a plain background, municipality
 * boundaries, the road network (vector tiles cut by our server from the road graph, described by
 * its TileJSON `/api/map/roads.json`), places and service points — and a raster tile layer instead
 * of our roads when the server is configured with a tile URL. No glyphs or sprites are
 * referenced, so the map needs nothing from the internet; names are shown in popups and the side
 * list instead of text labels.
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
  roads: 'roads',
  roadsCasing: 'roads-casing',
  roadsFill: 'roads-fill',
  roadsFerry: 'roads-ferry',
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
  /**
   * Origin of our server, for the roads' TileJSON URL (MapLibre needs absolute URLs); defaults to
   * the page's `window.location.origin`. Without one (outside a browser) the roads are left out.
   */
  origin?: string | null;
}

/**
 * Path of the road tiles' TileJSON on our server (src/server/routes/map-tiles.ts). The server
 * answers with the tile URL, zooms, the roads' extent and their attribution, which depends on the
 * graph: OpenStreetMap's credit for real data, a "fictional region" notice for the demo.
 */
export const ROAD_TILEJSON_PATH = '/api/map/roads.json';

/**
 * Road classes (the tiles' `class` property) in four groups drawn alike. Ferries are drawn on
 * their own, dashed.
 */
export const ROAD_GROUPS = {
  major: ['motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link'],
  medium: ['secondary', 'secondary_link', 'tertiary', 'tertiary_link'],
  minor: ['unclassified', 'road', 'residential', 'living_street'],
  small: ['service', 'track'],
} as const;
type RoadGroup = keyof typeof ROAD_GROUPS;

/** Road outline colours: calm greys, darker for bigger roads, so coloured points stay readable. */
export const ROAD_CASING_COLORS: Record<RoadGroup, string> = {
  major: '#76818c',
  medium: '#8c96a0',
  minor: '#a2aab2',
  small: '#b6bdc3',
};
const ROAD_FILL_COLOR = '#ffffff';
const FERRY_COLOR = '#7f95aa';

/**
 * Road outline widths in pixels by map zoom and group (0 = not drawn yet). Zooms match the
 * server's zoom table (src/maptiles/road-zoom.ts): a group gets its first width where its
 * classes first appear in the tiles.
 */
export const ROAD_WIDTHS: readonly [number, Record<RoadGroup, number>][] = [
  [5, { major: 0.7, medium: 0, minor: 0, small: 0 }],
  [8, { major: 1.3, medium: 0.7, minor: 0, small: 0 }],
  [10, { major: 2.4, medium: 1.4, minor: 0.6, small: 0 }],
  [12, { major: 4.5, medium: 3.2, minor: 1.8, small: 0.8 }],
  [14, { major: 10, medium: 8, minor: 6, small: 2.5 }],
  [17, { major: 24, medium: 20, minor: 16, small: 6 }],
];
/** The white inside of a road is this much narrower than its outline (1.25 px each side). */
const CASING_PX = 2.5;
/** From this map zoom roads get their white inside; below it they are plain grey lines. */
export const ROAD_FILL_MINZOOM = 10;

/** A `match` on the road class giving each group its value (anything else: `fallback`). */
function byGroup(
  values: Record<RoadGroup, number | string>,
  fallback: number | string,
): ExpressionSpecification {
  const arms = (Object.keys(ROAD_GROUPS) as RoadGroup[]).flatMap((g) => [[...ROAD_GROUPS[g]], values[g]]);
  return ['match', ['get', 'class'], ...arms, fallback] as unknown as ExpressionSpecification;
}

/** Line width (px) over zoom for road outlines, or (with `inset`) for their white inside. */
export function roadWidthExpression(inset = 0): ExpressionSpecification {
  const stops = ROAD_WIDTHS.flatMap(([zoom, widths]) => {
    const w = Object.fromEntries(
      Object.entries(widths).map(([g, v]) => [g, Math.max(0, v - inset)]),
    ) as Record<RoadGroup, number>;
    return [zoom, byGroup(w, 0)];
  });
  return ['interpolate', ['exponential', 1.4], ['zoom'], ...stops] as unknown as ExpressionSpecification;
}

/** The roads source and its three line layers (outline, white inside, ferries). */
function roadLayers(origin: string): { source: SourceSpecification; layers: LayerSpecification[] } {
  const notFerry: FilterSpecification = ['!=', ['get', 'class'], 'ferry'];
  // Tunnels are drawn faintly: the road is there but out of sight.
  const opacity: ExpressionSpecification = ['case', ['==', ['get', 'tunnel'], true], 0.45, 1];
  return {
    // Only the URL: whatever the source states here would override the server's TileJSON,
    // and the attribution must come from there.
    source: { type: 'vector', url: `${origin}${ROAD_TILEJSON_PATH}` },
    layers: [
      {
        id: MAP_IDS.roadsFerry,
        type: 'line',
        source: MAP_IDS.roads,
        'source-layer': 'roads',
        filter: ['==', ['get', 'class'], 'ferry'],
        paint: {
          'line-color': FERRY_COLOR,
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 14, 2],
          'line-dasharray': [3, 2],
        },
      },
      {
        id: MAP_IDS.roadsCasing,
        type: 'line',
        source: MAP_IDS.roads,
        'source-layer': 'roads',
        filter: notFerry,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: {
          'line-color': byGroup(ROAD_CASING_COLORS, ROAD_CASING_COLORS.small),
          'line-width': roadWidthExpression(),
          'line-opacity': opacity,
        },
      },
      {
        id: MAP_IDS.roadsFill,
        type: 'line',
        source: MAP_IDS.roads,
        'source-layer': 'roads',
        minzoom: ROAD_FILL_MINZOOM,
        // Service roads and tracks stay single grey lines.
        filter: ['all', notFerry, ['!', ['in', ['get', 'class'], ['literal', [...ROAD_GROUPS.small]]]]],
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: {
          'line-color': ROAD_FILL_COLOR,
          'line-width': roadWidthExpression(CASING_PX),
          'line-opacity': opacity,
        },
      },
    ],
  };
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
  // Our own roads only without raster tiles: those draw roads already.
  const origin = options.origin === undefined ? (globalThis.location?.origin ?? null) : options.origin;
  const roads = !tiles && origin ? roadLayers(origin) : null;
  if (roads) sources[MAP_IDS.roads] = roads.source;
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
    // Roads above the territory fill, below its border line and everything we plot.
    ...(roads?.layers ?? []),
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
