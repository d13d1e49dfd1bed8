import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRoadGraph } from '../graph/build.js';
import type { RoadGraph } from '../graph/road-graph.js';
import {
  buildDemoModel,
  DEMO_FILES,
  type DemoManifest,
  generateDemoRegion,
  writeDemoRegion,
} from './generate.js';
import { ROUTING_NODES_PER_NODE, SETTLEMENT_FROM_NODES } from './settlement.js';

// The demo region as the routing engine sees it: after the car profile and degree-2 chain
// contraction, real Swedish road data keeps roughly one routing node per 8–15 OSM nodes. The
// demo must too, or a "1 M-node" benchmark region would be a graph of a thousand nodes.

const root = await mkdtemp(join(tmpdir(), 'sot-demo-routing-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

type P = [number, number];
function inRing(p: P, ring: P[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

async function features(dir: string, file: string) {
  return JSON.parse(await readFile(join(dir, file), 'utf8')).features as {
    properties: Record<string, string>;
    geometry: { coordinates: unknown };
  }[];
}

describe('demo region as a car routing graph', () => {
  it('keeps about one routing node per nine file nodes above the default size', async () => {
    const nodes = 100_000;
    const dir = join(root, 'ratio');
    const manifest = await generateDemoRegion({ seed: 42, nodes, outDir: dir });
    const graph = await buildRoadGraph(join(dir, DEMO_FILES.osm));
    const routing = graph.meta.counts.nodes;
    expect(manifest.nodes).toBe(nodes);
    // Everything drivable hangs together: no stranded farm or forest road.
    expect(graph.meta.dropped.components).toBe(0);
    expect(routing / nodes).toBeGreaterThanOrEqual(0.08);
    // …and the structure is what the generator aimed for, not an accident of the baseline.
    expect(routing).toBeGreaterThanOrEqual(ROUTING_NODES_PER_NODE * (nodes - SETTLEMENT_FROM_NODES));
    expect(routing / nodes).toBeLessThan(0.2);
  }, 60_000);

  it('grows a tiled region in area: connected tiles, one municipality each, all inside the county', async () => {
    const seed = 5;
    const nodes = 100_000;
    const dir = join(root, 'tiles');
    // 30 000 nodes per tile instead of 1 M: a 2 × 2 region at a test-friendly size.
    const model = buildDemoModel(seed, nodes, { tileNodes: 30_000 });
    const manifest: DemoManifest = await writeDemoRegion(model, { seed, nodes, outDir: dir });
    expect(manifest.nodes).toBe(nodes);
    expect(manifest.tiles).toEqual({ cols: 2, rows: 2 });
    const [minLon, minLat, maxLon, maxLat] = manifest.bbox;
    expect([minLon, minLat]).toEqual([14, 63.6]);
    expect(maxLon).toBeCloseTo(18, 9);
    expect(maxLat).toBeCloseTo(65.2, 9);

    const graph: RoadGraph = await buildRoadGraph(join(dir, DEMO_FILES.osm));
    expect(graph.meta.dropped.components).toBe(0);
    // Every tile has roads in the (single, connected) routing graph.
    const perTile = [0, 0, 0, 0];
    for (let v = 0; v < graph.nodeLat.length; v++) {
      const lon = graph.nodeLon[v] / 1e7;
      const lat = graph.nodeLat[v] / 1e7;
      expect(lon > minLon && lon < maxLon && lat > minLat && lat < maxLat).toBe(true);
      perTile[(lon >= 16 ? 1 : 0) + (lat >= 64.4 ? 2 : 0)]++;
    }
    for (const n of perTile) expect(n).toBeGreaterThan(500);

    const municipalities = await features(dir, DEMO_FILES.municipalities);
    const county = await features(dir, DEMO_FILES.counties);
    const places = await features(dir, DEMO_FILES.places);
    const home = model.municipalities.length - 3;
    expect(home).toBeGreaterThanOrEqual(3);
    expect(home).toBeLessThanOrEqual(4);
    expect(municipalities.map((m) => m.properties.code)).toEqual(
      model.municipalities.map((_, i) => `99${String(i + 1).padStart(2, '0')}`),
    );
    const rings = municipalities.map((m) => (m.geometry.coordinates as P[][])[0]);
    const [countyRing] = county[0].geometry.coordinates as P[][];
    // Probes over the whole region: each in exactly one municipality, all in the county.
    for (let i = 0; i < 48; i++) {
      for (let k = 0; k < 48; k++) {
        const p: P = [
          minLon + ((maxLon - minLon) * (i + 0.5137)) / 48,
          minLat + ((maxLat - minLat) * (k + 0.4719)) / 48,
        ];
        expect(inRing(p, countyRing)).toBe(true);
        expect(rings.filter((r) => inRing(p, r))).toHaveLength(1);
      }
    }
    // The localities stay in the home municipalities, as for a one-tile region of the same seed.
    const homeCodes = new Set(municipalities.slice(0, home).map((m) => m.properties.code));
    for (const f of places) expect(homeCodes.has(f.properties.municipality_code)).toBe(true);
    const single = buildDemoModel(seed, nodes);
    expect(model.places.map((p) => [p.name, p.population, p.municipality])).toEqual(
      single.places.map((p) => [p.name, p.population, p.municipality]),
    );
    expect(model.servicePoints).toEqual(single.servicePoints);
  }, 60_000);
});
