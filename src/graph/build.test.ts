import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPbf } from '../test/pbf-writer.js';
import { sharedDataPath } from '../test/shared-data.js';
import { toDeciseconds } from './assemble.js';
import { EdgeFlag, ROAD_CLASS_CODE } from './attributes.js';
import { dependsOnBridge, roadGraphBridges } from './bridges.js';
import { buildRoadGraph } from './build.js';
import { DijkstraWorkspace, multiSourceDijkstra, UNREACHED } from './dijkstra.js';
import { readGraph, writeGraph } from './format.js';
import { haversineMetres } from './haversine.js';
import type { RoadGraph } from './road-graph.js';
import { latOf, lonOf, osmXml, type TestNode, type TestWay, writeTestOsm } from './test-osm.js';

// The network (x, y grid; ~100 m per unit):
//   1 -2- 3 -4   residential 100 (1,2,3) + 101 (3,4), two-way: node 3 contracts away
//   4 → 5 → 6 → 1 primary one-way: 102 (4,5,6) oneway=yes, 103 (1,6) oneway=-1; node 6 contracts
//   4 - 7 tertiary bridge (104), 7 - 8 tertiary (105): 7 stays (flags differ)
//   8 ~ 9 ferry (106, duration 00:20), 9 - 10 residential (107)
//   10 - 11 footway (108, ignored), 10 - 12 private (109), 10 - 13 track (110)
//   20 - 21 an island (111): dropped
//   10 - 14 - 99 residential (112), 99 missing from the file, 14 tagged ford=yes
//   10 → 15 one-way dead end (113): 15 is dropped
const nodes: TestNode[] = [
  { id: 1, x: 0, y: 0 },
  { id: 2, x: 1, y: 0 },
  { id: 3, x: 2, y: 0 },
  { id: 4, x: 3, y: 0 },
  { id: 5, x: 3, y: 1 },
  { id: 6, x: 0, y: 1 },
  { id: 7, x: 4, y: 0 },
  { id: 8, x: 5, y: 0 },
  { id: 9, x: 15, y: 0 },
  { id: 10, x: 16, y: 0 },
  { id: 11, x: 16, y: 1 },
  { id: 12, x: 17, y: 1 },
  { id: 13, x: 17, y: -1 },
  { id: 14, x: 16, y: -2, tags: { ford: 'yes' } },
  { id: 15, x: 18, y: 0 },
  { id: 20, x: 30, y: 30 },
  { id: 21, x: 31, y: 30 },
];
const res = { highway: 'residential' };
const ways: TestWay[] = [
  { id: 100, refs: [1, 2, 3], tags: res },
  { id: 101, refs: [3, 4], tags: res },
  { id: 102, refs: [4, 5, 6], tags: { highway: 'primary', oneway: 'yes' } },
  { id: 103, refs: [1, 6], tags: { highway: 'primary', oneway: '-1' } },
  { id: 104, refs: [4, 7], tags: { highway: 'tertiary', bridge: 'yes' } },
  { id: 105, refs: [7, 8], tags: { highway: 'tertiary' } },
  { id: 106, refs: [8, 9], tags: { route: 'ferry', duration: '00:20' } },
  { id: 107, refs: [9, 10], tags: res },
  { id: 108, refs: [10, 11], tags: { highway: 'footway' } },
  { id: 109, refs: [10, 12], tags: { highway: 'residential', access: 'private' } },
  { id: 110, refs: [10, 13], tags: { highway: 'track' } },
  { id: 111, refs: [20, 21], tags: res },
  { id: 112, refs: [10, 14, 99], tags: res },
  { id: 113, refs: [10, 15], tags: { highway: 'residential', oneway: 'yes' } },
];

const byOsm = (g: RoadGraph, id: number) => Array.from(g.nodeOsmId).indexOf(id);
/** Forward edges u → v (by OSM ids). */
function edges(g: RoadGraph, from: number, to: number): number[] {
  const u = byOsm(g, from);
  const v = byOsm(g, to);
  const out: number[] = [];
  for (let e = g.forward.firstOut[u]; e < g.forward.firstOut[u + 1]; e++)
    if (g.forward.head[e] === v) out.push(e);
  return out;
}
const dist = (a: number, b: number) => {
  const na = nodes.find((n) => n.id === a)!;
  const nb = nodes.find((n) => n.id === b)!;
  return haversineMetres(latOf(na.y), lonOf(na.x), latOf(nb.y), lonOf(nb.x));
};

describe('buildRoadGraph', () => {
  const file = writeTestOsm(nodes, ways);

  it('keeps junctions, contracts chains and drops what cars cannot use', async () => {
    const g = await buildRoadGraph(file);
    expect(Array.from(g.nodeOsmId).sort((a, b) => a - b)).toEqual([1, 4, 7, 8, 9, 10, 14]);
    expect(g.meta.counts.osmWays).toBe(11); // footway, private and track refused
    expect(g.meta.counts.nodes).toBe(7);
    // 1 … 4 residential: one two-way segment with the full geometry, length along it.
    const [e14] = edges(g, 1, 4);
    const [e41] = edges(g, 4, 1).filter((e) => g.edgeClass[e] === ROAD_CLASS_CODE.residential);
    expect(e14).toBeDefined();
    const metres = dist(1, 2) + dist(2, 3) + dist(3, 4);
    expect(g.forward.length[e14]).toBeCloseTo(metres, 1);
    expect(g.forward.time[e14]).toBe(toDeciseconds(metres / (35 / 3.6)));
    const s = g.edgeSegment[e14];
    expect(g.geometryStart[s + 1] - g.geometryStart[s]).toBe(4);
    expect(g.edgeSegment[e41]).toBe(s);
    expect(g.edgeFlags[e41] & EdgeFlag.reversed).toBe(EdgeFlag.reversed);
    // The primary loop 4 → 5 → 6 → 1 is one one-way edge across two ways.
    const primary = edges(g, 4, 1).filter((e) => g.edgeClass[e] === ROAD_CLASS_CODE.primary);
    expect(primary).toHaveLength(1);
    expect(edges(g, 1, 4).filter((e) => g.edgeClass[e] === ROAD_CLASS_CODE.primary)).toHaveLength(0);
    const pm = dist(4, 5) + dist(5, 6) + dist(6, 1);
    expect(g.forward.length[primary[0]]).toBeCloseTo(pm, 1);
    expect(g.forward.time[primary[0]]).toBe(toDeciseconds(pm / (80 / 3.6)));
    expect([102, 103]).toContain(g.segmentWay[g.edgeSegment[primary[0]]]);
  });

  it('keeps bridge, ford and ferry flags per edge and times ferries from their duration', async () => {
    const g = await buildRoadGraph(file);
    const [bridge] = edges(g, 4, 7);
    expect(g.edgeFlags[bridge] & EdgeFlag.bridge).toBeTruthy();
    const [plain] = edges(g, 7, 8);
    expect(g.edgeFlags[plain] & EdgeFlag.bridge).toBe(0);
    const [ferry] = edges(g, 8, 9);
    expect(g.edgeFlags[ferry] & EdgeFlag.ferry).toBeTruthy();
    expect(g.edgeClass[ferry]).toBe(ROAD_CLASS_CODE.ferry);
    expect(g.forward.time[ferry]).toBe((20 * 60 + 600) * 10); // duration + boarding
    const [ford] = edges(g, 10, 14);
    expect(g.edgeFlags[ford] & EdgeFlag.ford).toBeTruthy();
    expect(g.segmentWay[g.edgeSegment[ford]]).toBe(112);
  });

  it('finds the road bridges: the chain 4 - 7 - 8 ~ 9 - 10 - 14 hangs off the 1–4 loop', async () => {
    const g = await buildRoadGraph(file);
    const b = roadGraphBridges(g);
    const bridgeSegments = new Set<number>();
    for (const [u, v] of [
      [4, 7],
      [7, 8],
      [8, 9],
      [9, 10],
      [10, 14],
    ])
      bridgeSegments.add(g.edgeSegment[edges(g, u, v)[0]]);
    for (let s = 0; s < g.segmentCount; s++)
      expect(b.isBridge[s], `segment ${s}`).toBe(bridgeSegments.has(s) ? 1 : 0);
    expect(dependsOnBridge(b, byOsm(g, 10), byOsm(g, 1))).toBe(true);
    expect(dependsOnBridge(b, byOsm(g, 4), byOsm(g, 1))).toBe(false);
  });

  it('reports the dropped components with their size and location', async () => {
    const g = await buildRoadGraph(file);
    const d = g.meta.dropped;
    expect(d.components).toBe(2);
    expect(d.nodes).toBe(3);
    expect(d.largest[0]).toMatchObject({ nodes: 2, lat: latOf(30), lon: lonOf(30) });
    expect(d.largest[0].roadMetres).toBe(Math.round(dist(20, 21)));
    expect(d.largest[1].nodes).toBe(1);
  });

  it('includes tracks and private roads when asked', async () => {
    const g = await buildRoadGraph(file, { profile: { includeTracks: true, includePrivate: true } });
    expect(Array.from(g.nodeOsmId)).toEqual(expect.arrayContaining([12, 13]));
    expect(g.meta.profile).toMatchObject({ includeTracks: true, includePrivate: true });
  });

  it('gives every road vertex a node in full resolution, with the same shortest times', async () => {
    const contracted = await buildRoadGraph(file);
    const full = await buildRoadGraph(file, { fullResolution: true });
    expect(full.nodeCount).toBe(11); // 1–10 and 14
    const a = new DijkstraWorkspace(contracted.nodeCount);
    const b = new DijkstraWorkspace(full.nodeCount);
    multiSourceDijkstra(contracted.backward, { nodes: [byOsm(contracted, 10)] }, a);
    multiSourceDijkstra(full.backward, { nodes: [byOsm(full, 10)] }, b);
    for (const id of [1, 4, 7, 8, 9, 14]) {
      const ta = a.time[byOsm(contracted, id)];
      const tb = b.time[byOsm(full, id)];
      expect(ta).not.toBe(UNREACHED);
      // Rounding per edge: at most 1 ds per extra edge on the way.
      expect(Math.abs(ta - tb)).toBeLessThanOrEqual(6);
    }
  });

  it('records in the metadata what wrote the OSM file, XML or PBF, null when it names nothing', async () => {
    const g = await buildRoadGraph(file);
    expect(g.meta.source).toEqual({ path: file, bytes: fs.statSync(file).size, generator: 'sot-test' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-graph-'));
    const pbf = path.join(dir, 'roads.osm.pbf');
    fs.writeFileSync(
      pbf,
      buildPbf([
        { dense: nodes.map((n) => ({ id: n.id, lat: latOf(n.y), lon: lonOf(n.x), tags: n.tags })) },
        { ways: ways.map((w) => ({ id: w.id, refs: w.refs, tags: w.tags })) },
      ]),
    );
    const fromPbf = await buildRoadGraph(pbf);
    expect(fromPbf.meta.source?.generator).toBe('sot-test-writer');
    expect(fromPbf.nodeCount).toBe(g.nodeCount);
    const anonymous = path.join(dir, 'anonymous.osm');
    fs.writeFileSync(anonymous, osmXml(nodes, ways).replace(' generator="sot-test"', ''));
    const unnamed = await buildRoadGraph(anonymous);
    expect(unnamed.meta.source).toHaveProperty('generator', null);
    // It survives the file (the map credit is decided from the file's metadata).
    const out = path.join(dir, 'g.sotgraph');
    writeGraph(out, fromPbf);
    expect(readGraph(out).meta.source?.generator).toBe('sot-test-writer');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through the graph file', async () => {
    const g = await buildRoadGraph(file);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sot-graph-')), 'g.sotgraph');
    writeGraph(out, g);
    const back = readGraph(out);
    expect(back.meta).toEqual(JSON.parse(JSON.stringify(g.meta)));
    for (const key of [
      'nodeLat',
      'nodeLon',
      'nodeOsmId',
      'edgeFlags',
      'edgeClass',
      'edgeSegment',
      'segmentWay',
      'segmentEdges',
      'geometryStart',
      'geometryLat',
      'geometryLon',
    ] as const)
      expect(Array.from(back[key]), key).toEqual(Array.from(g[key]));
    for (const dir of ['forward', 'backward'] as const)
      for (const key of ['firstOut', 'head', 'time', 'length'] as const)
        expect(Array.from(back[dir][key]), `${dir}.${key}`).toEqual(Array.from(g[dir][key]));
    expect(Array.from(back.backward.edge)).toEqual(Array.from(g.backward.edge));
  });
});

describe('buildRoadGraph on the Andorra extract', () => {
  const andorra = sharedDataPath('osm/andorra-2013.osm.pbf');
  it.skipIf(!andorra)(
    'builds one strongly connected graph whose backward search reaches every node',
    async () => {
      const g = await buildRoadGraph(andorra!);
      expect(g.nodeCount).toBeGreaterThan(1000);
      // Real OSM data: the PBF header's writingprogram is kept (the map credits OpenStreetMap).
      expect(g.meta.source?.generator).toMatch(/\S/);
      const ws = new DijkstraWorkspace(g.nodeCount);
      // From the node nearest Andorra la Vella's centre, every node reaches it and it reaches all.
      let centre = 0;
      let best = Number.POSITIVE_INFINITY;
      for (let v = 0; v < g.nodeCount; v++) {
        const d = haversineMetres(g.nodeLat[v] / 1e7, g.nodeLon[v] / 1e7, 42.5075, 1.5218);
        if (d < best) {
          best = d;
          centre = v;
        }
      }
      expect(multiSourceDijkstra(g.backward, { nodes: [centre] }, ws)).toBe(g.nodeCount);
      expect(multiSourceDijkstra(g.forward, { nodes: [centre] }, ws)).toBe(g.nodeCount);
      // Nothing in Andorra is more than ~1 h by car from the capital.
      let worst = 0;
      for (let v = 0; v < g.nodeCount; v++) worst = Math.max(worst, ws.time[v]);
      expect(worst).toBeGreaterThan(5 * 600);
      expect(worst).toBeLessThan(60 * 600);
    },
  );
});
