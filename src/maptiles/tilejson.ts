/**
 * The TileJSON 3.0.0 document of the road tiles (https://github.com/mapbox/tilejson-spec): what a
 * map style's `url` source reads to learn the tile URL, zooms, extent and — the reason it exists —
 * the attribution, which depends on the current graph (src/maptiles/attribution.ts). MapLibre
 * takes every field the style itself leaves out from it.
 */
import { roadAttribution } from './attribution.js';
import type { RoadTileSummary } from './road-tile-service.js';
import { ROADS_LAYER } from './road-tiles.js';
import { MIN_ROAD_ZOOM } from './road-zoom.js';

/** Path of the tiles (src/server/routes/map-tiles.ts). */
export const ROAD_TILE_PATH = '/api/map/roads/{z}/{x}/{y}.mvt';
/** Path of this document. */
export const ROAD_TILEJSON_PATH = '/api/map/roads.json';
/**
 * Highest zoom maps ask tiles for: MapLibre stretches zoom-14 tiles beyond it (simplified finely
 * enough for that, see src/maptiles/road-tiles.ts), which saves requests; the server cuts up to 16.
 */
export const ROAD_SOURCE_MAXZOOM = 14;

export interface RoadTileJson {
  tilejson: '3.0.0';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  /** [west, south, east, north]; left out when there is no graph (MapLibre then asks everywhere). */
  bounds?: [number, number, number, number];
  attribution: string;
  vector_layers: {
    id: string;
    description: string;
    minzoom: number;
    maxzoom: number;
    fields: Record<string, string>;
  }[];
}

/**
 * The document for the current graph (`summary`, null when there is none or it cannot be read:
 * the tiles are then empty, and the credit falls back to OpenStreetMap's). `origin` is the
 * server's origin as the client reached it (`https://host:port`): TileJSON requires absolute
 * tile URLs, and MapLibre fetches tiles in a web worker, where a relative URL cannot be resolved.
 */
export function roadTileJson(origin: string, summary: RoadTileSummary | null): RoadTileJson {
  return {
    tilejson: '3.0.0',
    // The version only busts browser caches; the tile route ignores the query string.
    tiles: [`${origin}${ROAD_TILE_PATH}${summary ? `?v=${encodeURIComponent(summary.version)}` : ''}`],
    minzoom: MIN_ROAD_ZOOM,
    maxzoom: ROAD_SOURCE_MAXZOOM,
    ...(summary?.bounds ? { bounds: summary.bounds } : {}),
    attribution: roadAttribution(summary?.meta ?? null),
    vector_layers: [
      {
        id: ROADS_LAYER,
        description: 'Roads of the road graph, one line per segment; classes by zoom',
        minzoom: MIN_ROAD_ZOOM,
        maxzoom: ROAD_SOURCE_MAXZOOM,
        fields: {
          class: 'String: OSM highway value (motorway … track), or ferry',
          ferry: 'Boolean: true on ferry routes',
          bridge: 'Boolean: true on bridges',
          tunnel: 'Boolean: true in tunnels',
        },
      },
    ],
  };
}
