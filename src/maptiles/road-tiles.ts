/**
 * Cuts one road tile: the segments of the classes the zoom shows (src/maptiles/road-zoom.ts)
 * that cross the tile, in tile coordinates (extent 4096), clipped to the tile plus a
 * {@link TILE_BUFFER}-unit margin (so line ends and joins at the border draw the same from both
 * tiles), simplified with Douglas–Peucker at about one tile unit, rounded to integers.
 *
 * The tile has one layer, `roads`, with one line feature per segment (a segment that leaves the
 * tile and comes back is a multi-line). Properties: `class` (the OSM highway value, or `ferry`)
 * and `ferry`, `bridge`, `tunnel` = true where set. Features have no id (the style needs none,
 * and ids would be about a sixth of a tile's bytes). Features come minor classes first, so major
 * roads draw on top within a layer.
 */
import { EdgeFlag } from '../graph/attributes.js';
import { clipLine, type Rect } from './clip.js';
import { DEFAULT_EXTENT, encodeTileFromLayers, MvtLayerEncoder, type MvtValue } from './mvt.js';
import { bandSegmentsInRect, type RoadTileData } from './road-tile-data.js';
import { classNameOf, ROAD_ZOOM_BANDS } from './road-zoom.js';
import { simplifyLine } from './simplify.js';

/** Name of the tile's only layer. */
export const ROADS_LAYER = 'roads';
export const TILE_EXTENT = DEFAULT_EXTENT;
/** Margin around the tile, tile units (1/64 of the tile; 8 px on a 512-px tile). */
export const TILE_BUFFER = 64;
/** Tile zooms the server cuts (MapLibre overzooms the largest). */
export const MAX_TILE_ZOOM = 16;

/**
 * Simplification tolerance in tile units. Tiles up to zoom 13 are shown at most one zoom above
 * their own, where 2 units are a quarter of a pixel; from zoom 14 (the style's source maxzoom)
 * MapLibre stretches tiles over several zooms, so only sub-unit wiggles go.
 */
export function simplifyTolerance(z: number): number {
  return z >= 14 ? 0.5 : 2;
}

/** Scratch space reused between tiles (tiles are built one at a time on the event loop). */
interface Scratch {
  stamp: Int32Array;
  mark: number;
  xy: Float64Array;
}
const scratchOf = new WeakMap<RoadTileData, Scratch>();

function scratch(data: RoadTileData): Scratch {
  let s = scratchOf.get(data);
  if (!s) {
    s = { stamp: new Int32Array(data.segmentCount), mark: 0, xy: new Float64Array(1024) };
    scratchOf.set(data, s);
  }
  return s;
}

/** Counts of one build, for tests and the bench. */
export interface RoadTileStats {
  candidates: number;
  features: number;
  points: number;
}

/**
 * The encoded tile (z, x, y): an MVT with the `roads` layer, or zero bytes when no road
 * crosses it (a valid, empty tile). Zooms below the first band give an empty tile.
 */
export function buildRoadTile(
  data: RoadTileData,
  z: number,
  x: number,
  y: number,
  stats?: RoadTileStats,
): Uint8Array {
  const layer = new MvtLayerEncoder(ROADS_LAYER, TILE_EXTENT);
  const bands = ROAD_ZOOM_BANDS.map((b, i) => ({ ...b, i })).filter((b) => b.minZoom <= z);
  if (bands.length === 0) return new Uint8Array(0);
  const sc = scratch(data);
  const tileSize = 2 ** (32 - z); // world units per tile
  const scale = TILE_EXTENT / tileSize;
  const originX = x * tileSize;
  const originY = y * tileSize;
  const margin = TILE_BUFFER / scale;
  const rect: Rect = {
    minX: -TILE_BUFFER,
    minY: -TILE_BUFFER,
    maxX: TILE_EXTENT + TILE_BUFFER,
    maxY: TILE_EXTENT + TILE_BUFFER,
  };
  const tolerance = simplifyTolerance(z);
  const { geometryStart: gs, worldX, worldY, segmentClass, segmentFlags } = data;
  const candidates: number[] = [];
  const props: Record<string, MvtValue | undefined> = {};
  let points = 0;
  let considered = 0;
  // Minor bands first: later features draw on top.
  for (let b = bands.length - 1; b >= 0; b--) {
    candidates.length = 0;
    if (++sc.mark === 0x7fffffff) {
      sc.stamp.fill(0);
      sc.mark = 1;
    }
    bandSegmentsInRect(
      data.bands[bands[b].i],
      originX - margin,
      originY - margin,
      originX + tileSize + margin,
      originY + tileSize + margin,
      sc.stamp,
      sc.mark,
      candidates,
    );
    considered += candidates.length;
    for (const s of candidates) {
      const first = gs[s];
      const n = gs[s + 1] - first;
      if (n < 2) continue;
      if (sc.xy.length < 2 * n) sc.xy = new Float64Array(Math.max(2 * n, sc.xy.length * 2));
      const xy = sc.xy;
      let minX = Number.POSITIVE_INFINITY;
      let minY = Number.POSITIVE_INFINITY;
      let maxX = Number.NEGATIVE_INFINITY;
      let maxY = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        const tx = (worldX[first + i] - originX) * scale;
        const ty = (worldY[first + i] - originY) * scale;
        xy[2 * i] = tx;
        xy[2 * i + 1] = ty;
        if (tx < minX) minX = tx;
        if (tx > maxX) maxX = tx;
        if (ty < minY) minY = ty;
        if (ty > maxY) maxY = ty;
      }
      if (maxX < rect.minX || minX > rect.maxX || maxY < rect.minY || minY > rect.maxY) continue;
      const inside = minX >= rect.minX && maxX <= rect.maxX && minY >= rect.minY && maxY <= rect.maxY;
      const clipped = inside ? [xy.subarray(0, 2 * n)] : clipLine(xy, n, rect);
      if (clipped.length === 0) continue;
      const parts = clipped.map((part) => simplifyLine(part, tolerance));
      const flags = segmentFlags[s];
      props.class = classNameOf(segmentClass[s]);
      props.ferry = flags & EdgeFlag.ferry ? true : undefined;
      props.bridge = flags & EdgeFlag.bridge ? true : undefined;
      props.tunnel = flags & EdgeFlag.tunnel ? true : undefined;
      if (layer.add({ type: 'linestring', parts, properties: props }))
        for (const part of parts) points += part.length >> 1;
    }
  }
  if (stats) {
    stats.candidates = considered;
    stats.features = layer.count;
    stats.points = points;
  }
  return encodeTileFromLayers([layer.finish()]);
}
