import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROAD_CLASS_CODE } from '../graph/attributes.js';
import { buildRoadGraph } from '../graph/build.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { lonOf, writeTestOsm } from '../graph/test-osm.js';
import { mercatorX, mercatorY, WORLD_UNITS } from './mercator.js';
import {
  bandSegmentsInRect,
  buildRoadTileData,
  type RoadTileData,
  roadTileBounds,
} from './road-tile-data.js';
import { BAND_OF_CLASS, ROAD_ZOOM_BANDS } from './road-zoom.js';
import { buildTestRoads } from './test-roads.js';

let graph: RoadGraph;
let data: RoadTileData;

beforeAll(async () => {
  graph = await buildTestRoads();
  data = buildRoadTileData(graph);
});

/** Segments with a piece whose bounding box meets the rectangle, found by looking at all of them. */
function bruteForce(band: number, minX: number, minY: number, maxX: number, maxY: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < data.segmentCount; s++) {
    if (BAND_OF_CLASS[data.segmentClass[s]] !== band) continue;
    for (let p = data.geometryStart[s]; p < data.geometryStart[s + 1] - 1; p++) {
      const x0 = Math.min(data.worldX[p], data.worldX[p + 1]);
      const x1 = Math.max(data.worldX[p], data.worldX[p + 1]);
      const y0 = Math.min(data.worldY[p], data.worldY[p + 1]);
      const y1 = Math.max(data.worldY[p], data.worldY[p + 1]);
      if (x1 >= minX && x0 <= maxX && y1 >= minY && y0 <= maxY) {
        out.push(s);
        break;
      }
    }
  }
  return out;
}

describe('road tile data', () => {
  it('takes class and road flags from the segment’s edges and projects every point', () => {
    expect(data.segmentCount).toBe(graph.segmentCount);
    for (let s = 0; s < graph.segmentCount; s++) {
      const e = graph.segmentEdges[2 * s] >= 0 ? graph.segmentEdges[2 * s] : graph.segmentEdges[2 * s + 1];
      expect(data.segmentClass[s]).toBe(graph.edgeClass[e]);
      expect(data.segmentFlags[s] & 128).toBe(0);
    }
    const p = 3;
    expect(data.worldX[p] / WORLD_UNITS).toBeCloseTo(mercatorX(graph.geometryLon[p] * 1e-7), 9);
    expect(data.worldY[p] / WORLD_UNITS).toBeCloseTo(mercatorY(graph.geometryLat[p] * 1e-7), 9);
  });

  it('puts each segment in the grid of its zoom band', () => {
    const counts = data.bands.map((b) => b.segmentCount);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(graph.segmentCount);
    // motorway (5 segments), trunk, primary in the first band.
    expect(counts[0]).toBe(7);
    expect(BAND_OF_CLASS[ROAD_CLASS_CODE.ferry]).toBe(1);
    expect(data.bands.map((b) => b.minZoom)).toEqual(ROAD_ZOOM_BANDS.map((b) => b.minZoom));
  });

  it('finds exactly the segments a full scan finds, for any rectangle', () => {
    const xs = Array.from(data.worldX);
    const ys = Array.from(data.worldY);
    const span = (v: number[]) => [Math.min(...v), Math.max(...v)] as const;
    const [x0, x1] = span(xs);
    const [y0, y1] = span(ys);
    const pad = (x1 - x0) / 4;
    const coord = (lo: number, hi: number) => fc.double({ min: lo - pad, max: hi + pad, noNaN: true });
    const stamp = new Int32Array(data.segmentCount);
    let mark = 0;
    fc.assert(
      fc.property(coord(x0, x1), coord(x0, x1), coord(y0, y1), coord(y0, y1), (a, b, c, d) => {
        const [minX, maxX] = [Math.min(a, b), Math.max(a, b)];
        const [minY, maxY] = [Math.min(c, d), Math.max(c, d)];
        data.bands.forEach((grid, band) => {
          const got: number[] = [];
          bandSegmentsInRect(grid, minX, minY, maxX, maxY, stamp, ++mark, got);
          // The grid may return a few extra candidates (whole cells), never miss one.
          const want = bruteForce(band, minX, minY, maxX, maxY);
          for (const s of want) expect(got).toContain(s);
          expect(got).toEqual([...got].sort((p, q) => p - q));
          expect(new Set(got).size).toBe(got.length);
          for (const s of got) expect(BAND_OF_CLASS[data.segmentClass[s]]).toBe(band);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('returns nothing for a rectangle away from the network', () => {
    const out: number[] = [];
    for (const grid of data.bands)
      bandSegmentsInRect(grid, 0, 0, 1000, 1000, new Int32Array(data.segmentCount), 1, out);
    expect(out).toEqual([]);
  });

  it('bounds every road with at least one zoom-14 tile to spare, in whole grid cells', async () => {
    // Also a road starting exactly on a cell border (lon 14.0625 is a tile border from zoom 7 up),
    // where whole cells alone would leave no room west of it.
    const onBorder = buildRoadTileData(
      await buildRoadGraph(
        writeTestOsm(
          [
            { id: 1, x: 31.25, y: 0 },
            { id: 2, x: 40, y: 5 },
          ],
          [{ id: 1, refs: [1, 2], tags: { highway: 'primary' } }],
        ),
      ),
    );
    expect(lonOf(31.25)).toBe(14.0625);
    for (const d of [data, onBorder]) expectBounded(d);
  });

  function expectBounded(d: RoadTileData): void {
    const bounds = roadTileBounds(d);
    expect(bounds).not.toBeNull();
    const [west, south, east, north] = bounds as [number, number, number, number];
    const xs = Array.from(d.worldX);
    const ys = Array.from(d.worldY);
    const z14 = 2 ** 18;
    // World units of the bounds (y grows south); 1 unit of slack for the round trip via degrees.
    expect(mercatorX(west) * WORLD_UNITS).toBeLessThanOrEqual(Math.min(...xs) - z14 + 1);
    expect(mercatorX(east) * WORLD_UNITS).toBeGreaterThanOrEqual(Math.max(...xs) + z14 - 1);
    expect(mercatorY(north) * WORLD_UNITS).toBeLessThanOrEqual(Math.min(...ys) - z14 + 1);
    expect(mercatorY(south) * WORLD_UNITS).toBeGreaterThanOrEqual(Math.max(...ys) + z14 - 1);
    // No wider than the coarsest grid's cells (plus the margin) around the roads.
    const cell = Math.max(...d.bands.filter((b) => b.cols > 0).map((b) => b.cellSize));
    expect(mercatorX(west) * WORLD_UNITS).toBeGreaterThan(Math.min(...xs) - cell - z14 - 1);
    expect(mercatorX(east) * WORLD_UNITS).toBeLessThan(Math.max(...xs) + cell + z14 + 1);
    expect(mercatorY(north) * WORLD_UNITS).toBeGreaterThan(Math.min(...ys) - cell - z14 - 1);
    expect(mercatorY(south) * WORLD_UNITS).toBeLessThan(Math.max(...ys) + cell + z14 + 1);
    expect(west).toBeLessThan(east);
    expect(south).toBeLessThan(north);
  }

  it('has no bounds without roads', () => {
    const empty = { ...data, bands: data.bands.map((b) => ({ ...b, cols: 0, rows: 0 })) };
    expect(roadTileBounds(empty)).toBeNull();
  });
});
