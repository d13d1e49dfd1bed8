import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROAD_CLASS_CODE } from '../graph/attributes.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { mercatorX, mercatorY, WORLD_UNITS } from './mercator.js';
import { bandSegmentsInRect, buildRoadTileData, type RoadTileData } from './road-tile-data.js';
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
});
