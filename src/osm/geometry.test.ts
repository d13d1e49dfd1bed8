import { describe, expect, it } from 'vitest';
import { assembleRings, type LatLon, meanPoint, multipolygonPoint, wayPoint } from './geometry.js';

/** Nodes on a grid: id = 100 * x + y, at lon = x / 1000, lat = 60 + y / 1000. */
const lookup = (id: number): LatLon | undefined =>
  id >= 0 && id < 10_000 ? { lon: Math.floor(id / 100) / 1000, lat: 60 + (id % 100) / 1000 } : undefined;
const n = (x: number, y: number) => 100 * x + y;
const close = (p: LatLon | null, lat: number, lon: number) => {
  expect(p).not.toBeNull();
  expect(p!.lat).toBeCloseTo(lat, 9);
  expect(p!.lon).toBeCloseTo(lon, 9);
};

describe('wayPoint', () => {
  it('uses the area centroid of a closed way, not the vertex mean', () => {
    // L-shape: 2x2 square with 1x1 notch removed from the top right; extra vertices on one edge.
    const ring = [n(0, 0), n(1, 0), n(2, 0), n(2, 1), n(1, 1), n(1, 2), n(0, 2), n(0, 1), n(0, 0)];
    // Area 3: squares at (0.5,0.5),(1.5,0.5),(0.5,1.5) → centroid (5/6, 5/6) in grid units.
    close(wayPoint(ring, lookup), 60 + 5 / 6 / 1000, 5 / 6 / 1000);
    // Vertex mean would be (5/8, 7/8) in grid units (x, y) — clearly different.
  });

  it('is independent of orientation', () => {
    const cw = [n(0, 0), n(0, 4), n(4, 4), n(4, 0), n(0, 0)];
    close(wayPoint(cw, lookup), 60.002, 0.002);
    close(wayPoint([...cw].reverse(), lookup), 60.002, 0.002);
  });

  it('falls back to the vertex mean for open, degenerate or partly missing ways', () => {
    close(wayPoint([n(0, 0), n(2, 0), n(4, 0)], lookup), 60, 0.002);
    close(wayPoint([n(0, 0), n(2, 0), n(4, 0), n(0, 0)], lookup), 60, 0.002);
    close(wayPoint([n(0, 0), n(0, 2), 99_999, n(2, 0), n(0, 0)], lookup), 60 + 2 / 3000, 2 / 3000);
    expect(wayPoint([99_998, 99_999], lookup)).toBeNull();
  });
});

describe('multipolygons', () => {
  it('assembles rings from ways split and reversed', () => {
    const rings = assembleRings([
      [n(0, 0), n(4, 0)],
      [n(4, 4), n(4, 0)],
      [n(4, 4), n(0, 4), n(0, 0)],
    ]);
    expect(rings).toHaveLength(1);
    expect(rings![0][0]).toBe(rings![0].at(-1));
    expect(new Set(rings![0]).size).toBe(4);
    expect(assembleRings([[n(0, 0), n(4, 0), n(4, 4)]])).toBeNull();
  });

  it('weights outer rings by area and subtracts holes', () => {
    const outer = [[n(0, 0), n(4, 0), n(4, 4), n(0, 4), n(0, 0)]];
    // A 2x2 hole in the right half moves the centroid left: (16*2 - 4*3) / 12 = 5/3.
    const hole = [[n(2, 1), n(4, 1), n(4, 3), n(2, 3), n(2, 1)]];
    close(multipolygonPoint(outer, hole, lookup), 60.002, 5 / 3 / 1000);
    // Two disjoint squares of areas 4 and 1.
    const two = [
      [n(0, 0), n(2, 0), n(2, 2), n(0, 2), n(0, 0)],
      [n(10, 0), n(11, 0), n(11, 1), n(10, 1), n(10, 0)],
    ];
    close(multipolygonPoint(two, [], lookup), 60 + (4 * 1 + 0.5) / 5 / 1000, (4 * 1 + 10.5) / 5 / 1000);
  });

  it('falls back to the vertex mean when rings do not close', () => {
    close(multipolygonPoint([[n(0, 0), n(4, 0)]], [], lookup), 60, 0.002);
    expect(multipolygonPoint([], [], lookup)).toBeNull();
    expect(meanPoint([])).toBeNull();
    close(meanPoint([lookup(n(0, 0))!, lookup(n(2, 2))!]), 60.001, 0.001);
  });
});
