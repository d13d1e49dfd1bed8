import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRoadGraph } from './build.js';
import { DijkstraWorkspace, multiSourceDijkstra } from './dijkstra.js';
import type { RoadGraph } from './road-graph.js';
import {
  destinationSeeds,
  offRoadDeciseconds,
  originTime,
  SnapIndex,
  sameSegmentTime,
  snapPoints,
} from './snap.js';
import { latOf, lonOf, type TestNode, type TestWay, writeTestOsm } from './test-osm.js';

const E7 = 1e-7;

/** Brute force over every geometry piece with the same local projection. */
function bruteNearest(g: RoadGraph, lat: number, lon: number): number {
  const mx = 111_195 * Math.cos((lat * Math.PI) / 180);
  let best = Number.POSITIVE_INFINITY;
  for (let s = 0; s < g.segmentCount; s++)
    for (let p = g.geometryStart[s]; p < g.geometryStart[s + 1] - 1; p++) {
      const ax = (g.geometryLon[p] * E7 - lon) * mx;
      const ay = (g.geometryLat[p] * E7 - lat) * 111_195;
      const bx = (g.geometryLon[p + 1] * E7 - lon) * mx;
      const by = (g.geometryLat[p + 1] * E7 - lat) * 111_195;
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(
        0,
        Math.min(1, dx * dx + dy * dy > 0 ? -(ax * dx + ay * dy) / (dx * dx + dy * dy) : 0),
      );
      best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
    }
  return best;
}

describe('SnapIndex', () => {
  let grid: RoadGraph;
  beforeAll(async () => {
    // A 6 × 6 street grid with bends (extra vertices) on the horizontal streets.
    const nodes: TestNode[] = [];
    const ways: TestWay[] = [];
    const id = (x: number, y: number) => 1 + y * 20 + x;
    for (let y = 0; y < 6; y++)
      for (let x = 0; x < 11; x++) nodes.push({ id: id(x, y), x: x * 2, y: y * 3 + (x % 2 ? 0.7 : 0) });
    for (let y = 0; y < 6; y++)
      ways.push({
        id: 100 + y,
        refs: Array.from({ length: 11 }, (_, x) => id(x, y)),
        tags: { highway: 'residential' },
      });
    for (let x = 0; x < 11; x += 2)
      ways.push({
        id: 200 + x,
        refs: Array.from({ length: 6 }, (_, y) => id(x, y)),
        tags: { highway: 'tertiary' },
      });
    grid = await buildRoadGraph(writeTestOsm(nodes, ways));
  });

  it('finds the nearest point on any segment, as brute force does', () => {
    const index = new SnapIndex(grid);
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 25, noNaN: true }),
        fc.double({ min: -5, max: 20, noNaN: true }),
        (x, y) => {
          const lat = latOf(y);
          const lon = lonOf(x);
          const snap = index.nearest(lat, lon, 1e6);
          expect(snap).not.toBeNull();
          const brute = bruteNearest(grid, lat, lon);
          // Reported as haversine; the search used the local projection: agree to well under 1 m.
          expect(Math.abs(snap!.distance - brute)).toBeLessThan(0.5);
          expect(snap!.along).toBeGreaterThanOrEqual(0);
          expect(snap!.along).toBeLessThanOrEqual(snap!.length + 1e-6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports points beyond the maximum distance instead of dropping them', () => {
    const index = new SnapIndex(grid);
    const near = { lat: latOf(1), lon: lonOf(1) };
    const far = { lat: latOf(100), lon: lonOf(1) }; // ≈ 8 km north of the grid
    const { snaps, unsnapped } = snapPoints(index, [near, far, near]);
    expect(unsnapped).toEqual([1]);
    expect(snaps[1]).toBeNull();
    expect(snaps[0]).not.toBeNull();
    expect(index.nearest(far.lat, far.lon, 20_000)).not.toBeNull();
  });
});

describe('travel between snapped points', () => {
  // One straight road 0 → 10 (≈ 1 km, 100 m per unit) with a vertex in the middle.
  async function road(oneway: boolean) {
    const osm = writeTestOsm(
      [
        { id: 1, x: 0, y: 0 },
        { id: 2, x: 5, y: 0 },
        { id: 3, x: 10, y: 0 },
      ],
      [{ id: 7, refs: [1, 2, 3], tags: { highway: 'residential', ...(oneway ? { oneway: 'yes' } : {}) } }],
    );
    return buildRoadGraph(osm);
  }

  it('goes either way along a two-way segment', async () => {
    const g = await road(false);
    const index = new SnapIndex(g);
    const shop = index.nearest(latOf(0.5), lonOf(8))!; // 50 m off the road at 80 %
    const home = index.nearest(latOf(-1), lonOf(2))!; // 100 m off the road at 20 %
    expect(shop.along / shop.length).toBeCloseTo(0.8, 2);
    expect(shop.distance).toBeCloseTo(0.5 * 0.0009 * 111_195, 0);
    const ws = new DijkstraWorkspace(g.nodeCount);
    multiSourceDijkstra(g.backward, destinationSeeds(g, [shop]), ws);
    const t = originTime(g, home, ws.time)!;
    const edge = g.forward.time[0];
    // Home → node a is 20 % back, then the whole way to 80 %: 100 % of the edge; home → b then
    // back to 80 % is also 100 %: the direct 60 % is only seen by sameSegmentTime.
    const off = offRoadDeciseconds(home.distance) + offRoadDeciseconds(shop.distance);
    expect(t.time).toBeCloseTo(off + edge, 0);
    expect(sameSegmentTime(g, home, shop)).toBeCloseTo(off + 0.6 * edge, 0);
  });

  it('seeds only the ends that can drive to the destination on a one-way street', async () => {
    const osm = writeTestOsm(
      [
        { id: 1, x: 0, y: 0 },
        { id: 2, x: 10, y: 0 },
        { id: 3, x: 5, y: 5 },
      ],
      [
        { id: 7, refs: [1, 2], tags: { highway: 'residential', oneway: 'yes' } },
        // Another class, so chain contraction keeps nodes 1 and 2.
        { id: 8, refs: [2, 3, 1], tags: { highway: 'tertiary', oneway: 'yes' } },
      ],
    );
    const g = await buildRoadGraph(osm);
    expect(g.nodeCount).toBe(2);
    const index = new SnapIndex(g);
    const shop = index.nearest(latOf(0), lonOf(7))!; // 70 % along 1 → 2
    const seeds = destinationSeeds(g, [shop]);
    expect(seeds.nodes).toEqual([g.segmentA[shop.segment]]);
    const ws = new DijkstraWorkspace(g.nodeCount);
    multiSourceDijkstra(g.backward, seeds, ws);
    const home = index.nearest(latOf(0), lonOf(3))!; // 30 % along, before the shop
    const edge = g.forward.time[g.segmentEdges[2 * shop.segment]];
    expect(sameSegmentTime(g, home, shop)).toBeCloseTo(0.4 * edge, 0);
    expect(sameSegmentTime(g, shop, home)).toBeNull(); // against the one-way
    // Via the network: home must drive on to node 2, round the loop to node 1, then 70 %.
    const loop = g.forward.time[g.segmentEdges[2 * g.edgeSegment.findIndex((s) => s !== shop.segment)]];
    expect(originTime(g, home, ws.time)!.time).toBeCloseTo(0.7 * edge + loop + 0.7 * edge, 0);
  });
});
