import { beforeAll, describe, expect, it } from 'vitest';
import type { RoadClass } from '../graph/attributes.js';
import { tileOf } from './mercator.js';
import { buildRoadTileData, type RoadTileData } from './road-tile-data.js';
import { buildRoadTile, ROADS_LAYER, type RoadTileStats, TILE_BUFFER, TILE_EXTENT } from './road-tiles.js';
import { minZoomOfClass } from './road-zoom.js';
import { type DecodedFeature, decodeTile } from './test-mvt-decode.js';
import { at, buildTestRoads, WIGGLE_NODES } from './test-roads.js';

let data: RoadTileData;

beforeAll(async () => {
  data = buildRoadTileData(await buildTestRoads());
});

/** Tile-space position of a grid point in tile (z, x, y), by the textbook formulas. */
function tileXY(p: { lon: number; lat: number }, z: number, x: number, y: number): [number, number] {
  const n = 2 ** z;
  const rad = (p.lat * Math.PI) / 180;
  const wx = ((p.lon + 180) / 360) * n;
  const wy = ((1 - Math.log(Math.tan(Math.PI / 4 + rad / 2)) / Math.PI) / 2) * n;
  return [(wx - x) * TILE_EXTENT, (wy - y) * TILE_EXTENT];
}

function features(z: number, x: number, y: number): DecodedFeature[] {
  const layers = decodeTile(buildRoadTile(data, z, x, y));
  if (layers.length === 0) return [];
  expect(layers).toHaveLength(1);
  expect(layers[0].name).toBe(ROADS_LAYER);
  expect(layers[0].extent).toBe(TILE_EXTENT);
  return layers[0].features;
}

const classesIn = (fs: DecodedFeature[]) => [...new Set(fs.map((f) => String(f.properties.class)))].sort();
const ofClass = (fs: DecodedFeature[], cls: RoadClass) => fs.filter((f) => f.properties.class === cls);

/** The tile holding the middle of the network (x = 50, y = 15) at zoom z. */
const middle = (z: number) => tileOf(at(50, 15).lon, at(50, 15).lat, z);

/** Features of every tile at zoom z that the network (x −5 … 105, y −45 … 35) touches. */
function featuresAround(z: number): DecodedFeature[] {
  const nw = tileOf(at(-5, 35).lon, at(-5, 35).lat, z);
  const se = tileOf(at(105, -45).lon, at(105, -45).lat, z);
  const out: DecodedFeature[] = [];
  for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) out.push(...features(z, x, y));
  return out;
}

/** The largest zoom up to `maxZ` with all the points in one tile, and that tile. */
function tileHolding(points: { lon: number; lat: number }[], maxZ: number) {
  for (let z = maxZ; z >= 0; z--) {
    const tiles = points.map((p) => tileOf(p.lon, p.lat, z));
    if (tiles.every((t) => t.x === tiles[0].x && t.y === tiles[0].y)) return { z, ...tiles[0] };
  }
  throw new Error('unreachable: zoom 0 holds everything');
}

describe('road tiles', () => {
  it('shows road classes by zoom, as the zoom table says', () => {
    const all: RoadClass[] = [
      'motorway',
      'trunk',
      'primary',
      'secondary',
      'tertiary',
      'unclassified',
      'residential',
      'service',
      'track',
      'living_street',
      'ferry',
    ];
    for (const z of [4, 5, 7, 8, 9, 10, 11, 12]) {
      const expected = all.filter((c) => minZoomOfClass(c) <= z).sort();
      expect(classesIn(featuresAround(z)), `zoom ${z}`).toEqual(expected);
    }
    expect(classesIn(featuresAround(5))).toEqual(['motorway', 'primary', 'trunk']);
    expect(classesIn(featuresAround(9))).toEqual([
      'ferry',
      'motorway',
      'primary',
      'secondary',
      'tertiary',
      'trunk',
    ]);
  });

  it('gives an empty (zero-byte) tile below zoom 5 and away from the roads', () => {
    const { x, y } = middle(4);
    expect(buildRoadTile(data, 4, x, y)).toHaveLength(0);
    expect(buildRoadTile(data, 12, 0, 0)).toHaveLength(0);
  });

  it('places roads where the projection puts them', () => {
    const { z, x, y } = tileHolding([at(20, 0), at(20, 30)], 14);
    expect(z).toBeGreaterThanOrEqual(10);
    const [trunk] = ofClass(features(z, x, y), 'trunk');
    const a = tileXY(at(20, 0), z, x, y);
    const b = tileXY(at(20, 30), z, x, y);
    const ends = [trunk.parts[0][0], trunk.parts[0][trunk.parts[0].length - 1]];
    const expected = [a, b].map(([px, py]) => [Math.round(px), Math.round(py)]);
    // The segment may run either way.
    expect(ends.sort()).toEqual(expected.sort());
  });

  it('clips a road crossing the tile to the tile plus its buffer, continuing in the next tile', () => {
    // The motorway runs along latitude 63 from x = 0 to 100 (lon 14.0–14.2), across many z14 tiles.
    const z = 14;
    const mid = tileOf(at(50, 0).lon, at(50, 0).lat, z);
    const rowY = Math.round(tileXY(at(50, 0), z, mid.x, mid.y)[1]);
    for (const x of [mid.x, mid.x + 1]) {
      const motorway = ofClass(features(z, x, mid.y), 'motorway');
      const points = motorway.flatMap((f) => f.parts.flat());
      expect(points.length).toBeGreaterThanOrEqual(2);
      for (const [px, py] of points) {
        expect(px).toBeGreaterThanOrEqual(-TILE_BUFFER);
        expect(px).toBeLessThanOrEqual(TILE_EXTENT + TILE_BUFFER);
        expect(Math.abs(py - rowY)).toBeLessThanOrEqual(1);
      }
      // The cut ends lie on the buffer's edges: the road spans the whole tile.
      const xs = points.map(([px]) => px);
      expect(Math.min(...xs)).toBe(-TILE_BUFFER);
      expect(Math.max(...xs)).toBe(TILE_EXTENT + TILE_BUFFER);
    }
    // Roads off to the north (y = 30) are not in this tile at all.
    expect(ofClass(features(z, mid.x, mid.y), 'residential')).toEqual([]);
  });

  it('simplifies at small zooms but keeps the ends, and keeps detail when zoomed in', () => {
    // The unclassified road has WIGGLE_NODES vertices that wiggle by 1 m between (40,30) and (60,30).
    const { z, x, y } = tileHolding([at(40, 30), at(60, 30)], 10);
    expect(z).toBeGreaterThanOrEqual(minZoomOfClass('unclassified'));
    const [road] = ofClass(features(z, x, y), 'unclassified');
    expect(road.parts).toHaveLength(1);
    const line = road.parts[0];
    expect(line).toHaveLength(2);
    const ends = [tileXY(at(40, 30), z, x, y), tileXY(at(60, 30), z, x, y)].map(([px, py]) => [
      Math.round(px),
      Math.round(py),
    ]);
    expect([line[0], line[1]].sort()).toEqual(ends.sort());
    // At zoom 16 a tile unit is about 7 cm: the 1 m wiggles are kept.
    const near = tileOf(at(50, 30).lon, at(50, 30).lat, 16);
    const [close] = ofClass(features(16, near.x, near.y), 'unclassified');
    const kept = close.parts.reduce((n, p) => n + p.length, 0);
    expect(kept).toBeGreaterThan(4);
    expect(kept).toBeLessThanOrEqual(WIGGLE_NODES + 2);
  });

  it('marks bridges, tunnels and ferries, and only where set', () => {
    const z = 11;
    const fs = featuresAround(z);
    expect(ofClass(fs, 'tertiary')[0].properties).toEqual({ class: 'tertiary', bridge: true });
    expect(ofClass(fs, 'secondary')[0].properties).toEqual({ class: 'secondary', tunnel: true });
    expect(ofClass(fs, 'ferry')[0].properties).toEqual({
      class: 'ferry',
      ferry: true,
    });
    for (const f of ofClass(fs, 'motorway')) expect(f.properties).toEqual({ class: 'motorway' });
  });

  it('draws major roads last, so they lie on top', () => {
    const z = 12;
    const { x, y } = middle(z);
    const order = features(z, x, y).map((f) => minZoomOfClass(f.properties.class as RoadClass));
    expect(order).toEqual([...order].sort((a, b) => b - a));
  });

  it('reports what it did and cuts the same bytes every time', () => {
    const z = 11;
    const { x, y } = middle(z);
    const stats: RoadTileStats = { candidates: 0, features: 0, points: 0 };
    const first = buildRoadTile(data, z, x, y, stats);
    expect(stats.features).toBe(features(z, x, y).length);
    expect(stats.candidates).toBeGreaterThanOrEqual(stats.features);
    expect(stats.points).toBeGreaterThanOrEqual(2 * stats.features);
    expect(buildRoadTile(data, z, x, y)).toEqual(first);
  });
});
