/**
 * A crafted road network for the accessibility tests (coordinates from src/graph/test-osm.ts:
 * 1 unit ≈ 100 m; everything lies in test municipality 2380, lon 14–14.5, lat 63–63.5):
 *
 * ```
 *   9 ──────────── 5            way 14 (unclassified, 5–9–1) two-way, long
 *   │              ↑            way 13 (primary) one-way 3 → 5
 *   │      8       │            way 17 (residential) dead end 2–8
 *   │      │       │
 *   1 ──── 2 ──── 3 ──── 4 ═══ 6 ──── 7     10 tertiary, 11 residential, 12 tertiary,
 *                                           15 tertiary bridge=yes, 16 residential
 * ```
 *
 * Services: grocery at 1 and 4; fuel at 7 and 1; cash (ATM) in the middle of way 12 (x = 28);
 * pharmacy far away in municipality 2321 (beyond the 5 km snapping limit: unsnappable).
 * Places: T at 1, V at 3, P5 at 5 (only way out is way 14: the one-way test), P7 at 7 (across
 * the bridge), P8 at 8 (dead end), P9 on way 12 at x = 22 (same segment as the ATM), FAR in 2321
 * (unsnappable).
 *
 * Expected times are sums of the built graph's own edge times ({@link wayTime}), so the tests
 * check the analysis (directions, second-nearest, same-segment, bridges) independently of the
 * speed table.
 *
 * For the SOT-punkter tests the network can get a long road west from node 1 (way 18) to node 20
 * in municipality 2321, so a resident of one municipality can have a SOT-punkt of the other as
 * nearest ({@link WEST_NODES}, {@link seedTestSot}).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../db/client.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { createPlace } from '../domain/places.js';
import { createServicePoint, deleteServicePoint } from '../domain/service-points.js';
import { buildRoadGraph } from '../graph/build.js';
import { writeGraph } from '../graph/format.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { latOf, lonOf, type TestNode, type TestWay, writeTestOsm } from '../graph/test-osm.js';
import type { ServiceKind } from '../shared/kinds.js';
import { addTransition } from '../sot/lifecycle.js';
import { createPoint } from '../sot/points.js';
import type { SotStatus } from '../sot/schemas.js';
import { addTestRun } from '../sot/test-runs.js';

export const NODES: TestNode[] = [
  { id: 1, x: 0, y: 0 },
  { id: 2, x: 10, y: 0 },
  { id: 3, x: 20, y: 0 },
  { id: 4, x: 30, y: 0 },
  { id: 5, x: 20, y: 20 },
  { id: 6, x: 40, y: 0 },
  { id: 7, x: 50, y: 0 },
  { id: 8, x: 10, y: 10 },
  { id: 9, x: 0, y: 20 },
];

export const WAYS: TestWay[] = [
  { id: 10, refs: [1, 2], tags: { highway: 'tertiary' } },
  { id: 11, refs: [2, 3], tags: { highway: 'residential' } },
  { id: 12, refs: [3, 4], tags: { highway: 'tertiary' } },
  { id: 13, refs: [3, 5], tags: { highway: 'primary', oneway: 'yes' } },
  { id: 14, refs: [5, 9, 1], tags: { highway: 'unclassified' } },
  { id: 15, refs: [4, 6], tags: { highway: 'tertiary', bridge: 'yes', layer: '1' } },
  { id: 16, refs: [6, 7], tags: { highway: 'residential' } },
  { id: 17, refs: [2, 8], tags: { highway: 'residential' } },
];

/** Node 20 lies about 26 km west of node 1, inside test municipality 2321. */
export const WEST_NODES: TestNode[] = [{ id: 20, x: -260, y: 10 }];
export const WEST_WAYS: TestWay[] = [{ id: 18, refs: [1, 20], tags: { highway: 'tertiary' } }];

/** The test network as an OSM file; `west` adds the road to municipality 2321. */
export function writeTestNetwork(opts: { west?: boolean } = {}): string {
  return opts.west
    ? writeTestOsm([...NODES, ...WEST_NODES], [...WAYS, ...WEST_WAYS])
    : writeTestOsm(NODES, WAYS);
}

const at = (x: number, y: number) => ({ lat: latOf(y), lon: lonOf(x) });

/** Inside test municipality 2321, about 30 km west of the network. */
export const FAR = { lat: 63.25, lon: 13.25 };

export const TEST_SERVICES: { key: string; kind: ServiceKind; name: string; lat: number; lon: number }[] = [
  { key: 'G1', kind: 'grocery', name: 'Butik Ett', ...at(0, 0) },
  { key: 'G2', kind: 'grocery', name: 'Butik Fyra', ...at(30, 0) },
  { key: 'F1', kind: 'fuel', name: 'Mack Sju', ...at(50, 0) },
  { key: 'F2', kind: 'fuel', name: 'Mack Ett', ...at(0, 0) },
  { key: 'A1', kind: 'atm', name: 'Bankomat', ...at(28, 0) },
  { key: 'PH', kind: 'pharmacy', name: 'Apotek Långtbort', ...FAR },
];

export const TEST_PLACES: {
  key: string;
  name: string;
  population: number;
  seasonal?: number;
  lat: number;
  lon: number;
}[] = [
  { key: 'T', name: 'Tätort', population: 1000, seasonal: 1500, ...at(0, 0) },
  { key: 'V', name: 'Vby', population: 200, ...at(20, 0) },
  { key: 'P5', name: 'Enkelriktat', population: 100, ...at(20, 20) },
  { key: 'P7', name: 'Bortom bron', population: 50, ...at(50, 0) },
  { key: 'P8', name: 'Återvändsgränd', population: 30, ...at(10, 10) },
  { key: 'P9', name: 'Mitt på vägen', population: 20, ...at(22, 0) },
  { key: 'FAR', name: 'Fjällstuga', population: 15, ...FAR },
];

/**
 * Travel time (deciseconds) of way `wayId` driven from OSM node `from` to `to`, read from the
 * graph's edges. The test network has one segment per way.
 */
export function wayTime(g: RoadGraph, wayId: number, from: number, to: number): number {
  for (let s = 0; s < g.segmentCount; s++) {
    if (g.segmentWay[s] !== wayId) continue;
    const a = g.nodeOsmId[g.segmentA[s]];
    const b = g.nodeOsmId[g.segmentB[s]];
    const edge =
      a === from && b === to
        ? g.segmentEdges[2 * s]
        : b === from && a === to
          ? g.segmentEdges[2 * s + 1]
          : -2;
    if (edge === -2) continue;
    if (edge < 0) throw new Error(`way ${wayId} is one-way against ${from} → ${to}`);
    return g.forward.time[edge];
  }
  throw new Error(`way ${wayId} from ${from} to ${to} is not a segment of the graph`);
}

/** Length (metres) of way `wayId`. */
export function wayLength(g: RoadGraph, wayId: number): number {
  for (let s = 0; s < g.segmentCount; s++) {
    if (g.segmentWay[s] !== wayId) continue;
    const e = g.segmentEdges[2 * s] >= 0 ? g.segmentEdges[2 * s] : g.segmentEdges[2 * s + 1];
    return g.forward.length[e];
  }
  throw new Error(`way ${wayId} is not a segment of the graph`);
}

/**
 * Expected seconds to the nearest and second-nearest service of each group for each place that
 * snaps, as sums of way times. `null` = none.
 */
export function expectedTimes(g: RoadGraph): Record<string, Record<string, [number | null, number | null]>> {
  const t = (w: number, a: number, b: number) => wayTime(g, w, a, b);
  const s = (...ds: number[]) => ds.reduce((x, y) => x + y, 0) / 10;
  return {
    grocery: {
      T: [0, s(t(10, 1, 2), t(11, 2, 3), t(12, 3, 4))],
      V: [s(t(12, 3, 4)), s(t(11, 3, 2), t(10, 2, 1))],
      P5: [s(t(14, 5, 1)), s(t(14, 5, 1), t(10, 1, 2), t(11, 2, 3), t(12, 3, 4))],
      P7: [s(t(16, 7, 6), t(15, 6, 4)), s(t(16, 7, 6), t(15, 6, 4), t(12, 4, 3), t(11, 3, 2), t(10, 2, 1))],
      P8: [s(t(17, 8, 2), t(10, 2, 1)), s(t(17, 8, 2), t(11, 2, 3), t(12, 3, 4))],
    },
    fuel: {
      T: [0, s(t(10, 1, 2), t(11, 2, 3), t(12, 3, 4), t(15, 4, 6), t(16, 6, 7))],
      P7: [0, s(t(16, 7, 6), t(15, 6, 4), t(12, 4, 3), t(11, 3, 2), t(10, 2, 1))],
    },
    cash: {
      // The ATM is at 0.8 of way 12 (3 → 4), P9 at 0.2: directly along the way, 0.6 of it.
      P9: [s(0.6 * t(12, 3, 4)), null],
      V: [s(0.8 * t(12, 3, 4)), null],
    },
  };
}

/** Creates the test services and places in the registry; returns registry id per key. */
export async function seedTestRegistry(db: Db): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const sv of TEST_SERVICES) {
    const attributes = sv.kind === 'grocery' ? { assortmentArticles: 1500, yearRound: true } : {};
    const created = await createServicePoint(db, SYSTEM_ACTOR, {
      kind: sv.kind,
      name: sv.name,
      lat: sv.lat,
      lon: sv.lon,
      attributes,
      power: { type: 'grid' },
      externalIds: {},
    });
    ids[sv.key] = created.id;
  }
  for (const p of TEST_PLACES) {
    const created = await createPlace(db, SYSTEM_ACTOR, {
      name: p.name,
      population: p.population,
      seasonalPopulation: p.seasonal ?? null,
      lat: p.lat,
      lon: p.lon,
    });
    ids[p.key] = created.id;
  }
  return ids;
}

/** A fresh data directory with the test network built as graph `test`; returns it and the graph. */
export async function testDataDir(
  opts: { west?: boolean } = {},
): Promise<{ dataDir: string; graph: RoadGraph }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-access-data-'));
  const graph = await buildRoadGraph(writeTestNetwork(opts));
  writeGraph(path.join(dataDir, 'graphs', 'test.sotgraph'), graph);
  return { dataDir, graph };
}

/**
 * SOT-punkter on the network with the west road (after {@link seedTestRegistry}), keyed by name:
 * - `S1` at store G1 (node 1, municipality 2380), `i_drift`;
 * - `S2` at store G2 (node 4, 2380), `ide`;
 * - `SW` at the store `GW` at node 20 (2321, added here with place `W`, 40 residents), `beviljad`;
 * - `SX` at a store at node 8 (2380), `i_drift`, whose store is then deleted (no position).
 * Returns the new registry ids (stores, place, points) by key.
 */
export async function seedTestSot(db: Db, ids: Record<string, number>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const west = at(-260, 10);
  const store = async (name: string, p: { lat: number; lon: number }) =>
    (
      await createServicePoint(db, SYSTEM_ACTOR, {
        kind: 'grocery',
        name,
        ...p,
        attributes: {},
        power: { type: 'grid' },
        externalIds: {},
      })
    ).id;
  out.GW = await store('Västhandeln', west);
  out.W = (
    await createPlace(db, SYSTEM_ACTOR, { name: 'Västby', population: 40, seasonalPopulation: null, ...west })
  ).id;
  const gone = await store('Gamla handeln', at(10, 10));
  const point = async (name: string, storeId: number, status: SotStatus) => {
    const created = await createPoint(db, SYSTEM_ACTOR, {
      name,
      storeId,
      genset: { installed: true, kva: 70, fuelTankLitres: 1500 },
    });
    if (status === 'i_drift')
      await addTestRun(db, SYSTEM_ACTOR, created.id, { durationHours: 1, passed: true });
    if (status !== 'ide') await addTransition(db, SYSTEM_ACTOR, created.id, { to: status });
    return created.id;
  };
  out.S1 = await point('SOT-punkt Ett', ids.G1, 'i_drift');
  out.S2 = await point('SOT-punkt Fyra', ids.G2, 'ide');
  out.SW = await point('SOT-punkt Väst', out.GW, 'beviljad');
  out.SX = await point('SOT-punkt Gammal', gone, 'i_drift');
  await deleteServicePoint(db, SYSTEM_ACTOR, gone);
  return out;
}
