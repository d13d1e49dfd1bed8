/**
 * A small road network for the tile tests, one way per road class, on the grid of
 * src/graph/test-osm.ts (x east, y north, 1 unit ≈ 100 m; lon 14 + 0.002·x, lat 63 + 0.0009·y):
 *
 * ```
 *  (20,30) residential (40,30) uncl. (wiggly) (60,30) service (80,30) track (100,30)
 *     │trunk                 │primary            │secondary      │tertiary    │living_street
 *     │                      │                   │tunnel         │bridge      │
 *  (0,0)══════════(20,0)═════(40,0)═════════════(60,0)══════════(80,0)══════(100,0)  motorway
 *     ┊ ferry
 *  (0,-40)
 * ```
 *
 * The motorway runs along latitude 63 exactly, so its tile y is known; the unclassified road
 * has 39 extra vertices that wiggle by 1 m, which simplification removes at small zooms (it lies
 * within one tile from zoom 10 down; lon 14.0625 is a tile border at every zoom from 7 up).
 */
import { buildRoadGraph } from '../graph/build.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { latOf, lonOf, type TestNode, type TestWay, writeTestOsm } from '../graph/test-osm.js';

export const WIGGLE_NODES = 39;

function network(): { nodes: TestNode[]; ways: TestWay[] } {
  const nodes: TestNode[] = [
    { id: 1, x: 0, y: 0 },
    { id: 2, x: 20, y: 0 },
    { id: 3, x: 40, y: 0 },
    { id: 4, x: 60, y: 0 },
    { id: 5, x: 80, y: 0 },
    { id: 6, x: 100, y: 0 },
    { id: 21, x: 20, y: 30 },
    { id: 31, x: 40, y: 30 },
    { id: 41, x: 60, y: 30 },
    { id: 51, x: 80, y: 30 },
    { id: 61, x: 100, y: 30 },
    { id: 71, x: 0, y: -40 },
  ];
  const wiggle: number[] = [];
  for (let i = 1; i <= WIGGLE_NODES; i++) {
    const id = 1000 + i;
    nodes.push({ id, x: 40 + i * 0.5, y: 30 + (i % 2 === 0 ? 0.01 : -0.01) });
    wiggle.push(id);
  }
  const ways: TestWay[] = [
    { id: 100, refs: [1, 2, 3, 4, 5, 6], tags: { highway: 'motorway', oneway: 'no' } },
    { id: 101, refs: [2, 21], tags: { highway: 'trunk' } },
    { id: 102, refs: [3, 31], tags: { highway: 'primary' } },
    { id: 103, refs: [4, 41], tags: { highway: 'secondary', tunnel: 'yes', layer: '-1' } },
    { id: 104, refs: [5, 51], tags: { highway: 'tertiary', bridge: 'yes', layer: '1' } },
    { id: 105, refs: [21, 31], tags: { highway: 'residential' } },
    { id: 106, refs: [31, ...wiggle, 41], tags: { highway: 'unclassified' } },
    { id: 107, refs: [41, 51], tags: { highway: 'service' } },
    { id: 108, refs: [51, 61], tags: { highway: 'track' } },
    { id: 109, refs: [61, 6], tags: { highway: 'living_street' } },
    { id: 110, refs: [1, 71], tags: { route: 'ferry', motor_vehicle: 'yes' } },
  ];
  return { nodes, ways };
}

/** The test network built as a road graph (tracks included). */
export async function buildTestRoads(): Promise<RoadGraph> {
  const { nodes, ways } = network();
  return buildRoadGraph(writeTestOsm(nodes, ways), { profile: { includeTracks: true } });
}

/** A lone road far from the test network (a second graph for graph-choice tests). */
export async function buildOtherRoads(): Promise<RoadGraph> {
  return buildRoadGraph(
    writeTestOsm(
      [
        { id: 1, x: 0, y: 500 },
        { id: 2, x: 30, y: 500 },
      ],
      [{ id: 1, refs: [1, 2], tags: { highway: 'primary' } }],
    ),
  );
}

/**
 * A street grid of n × n junctions 100 m apart, south-west corner at grid point (0, 200): tiles
 * there hold a few hundred features (for tests that need a tile of some size).
 */
export async function buildGridRoads(n = 20): Promise<RoadGraph> {
  const nodes: TestNode[] = [];
  const ways: TestWay[] = [];
  const id = (i: number, j: number) => 1 + i * n + j;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) nodes.push({ id: id(i, j), x: j, y: 200 + i });
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    const col: number[] = [];
    for (let j = 0; j < n; j++) {
      row.push(id(i, j));
      col.push(id(j, i));
    }
    ways.push({ id: 1 + i, refs: row, tags: { highway: 'residential' } });
    ways.push({ id: 1 + n + i, refs: col, tags: { highway: 'residential' } });
  }
  return buildRoadGraph(writeTestOsm(nodes, ways));
}

/** Position of a grid point, degrees. */
export const at = (x: number, y: number) => ({ lon: lonOf(x), lat: latOf(y) });
