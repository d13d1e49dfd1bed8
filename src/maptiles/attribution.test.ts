import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGraphMeta } from '../access/graph-ref.js';
import { DEMO_FILES, generateDemoRegion, MIN_DEMO_NODES } from '../demo/generate.js';
import { buildRoadGraph } from '../graph/build.js';
import { readGraph, writeGraph } from '../graph/format.js';
import type { GraphMeta } from '../graph/road-graph.js';
import { DEMO_ATTRIBUTION, DEMO_OSM_GENERATOR, OSM_ATTRIBUTION, roadAttribution } from './attribution.js';
import { buildTestRoads } from './test-roads.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-attribution-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const withSource = (source: GraphMeta['source']): Pick<GraphMeta, 'source'> => ({ source });

describe('roadAttribution', () => {
  it('marks the demo region as fictional instead of crediting OpenStreetMap', () => {
    const text = roadAttribution(withSource({ path: 'region.osm', bytes: 1, generator: 'sot-demo' }));
    expect(text).toBe(DEMO_ATTRIBUTION);
    expect(text).toMatch(/fiktiv/i);
    expect(text).not.toMatch(/OpenStreetMap/);
  });

  it('credits OpenStreetMap for any other generator', () => {
    for (const generator of [
      'Osmium (http://wiki.openstreetmap.org/wiki/Osmium)',
      'osmconvert 0.8.11',
      'JOSM',
      'sot-test',
      // Only SOT's exact generator counts: a look-alike credits OSM.
      'SOT-DEMO',
      'sot-demo-fork',
    ])
      expect(roadAttribution(withSource({ path: 'x.osm.pbf', bytes: 1, generator })), generator).toBe(
        OSM_ATTRIBUTION,
      );
    expect(OSM_ATTRIBUTION).toBe('© OpenStreetMap contributors');
  });

  it('credits OpenStreetMap when the origin is unknown', () => {
    // No generator in the file, a graph built before generators were recorded, no source, no graph.
    expect(roadAttribution(withSource({ path: 'x.osm', bytes: 1, generator: null }))).toBe(OSM_ATTRIBUTION);
    expect(roadAttribution(withSource({ path: 'x.osm', bytes: 1 }))).toBe(OSM_ATTRIBUTION);
    expect(roadAttribution(withSource(null))).toBe(OSM_ATTRIBUTION);
    expect(roadAttribution(null)).toBe(OSM_ATTRIBUTION);
  });

  it('reads a graph file written before the generator was recorded, crediting OpenStreetMap', async () => {
    const roads = await buildTestRoads();
    const { generator, ...oldSource } = roads.meta.source ?? { path: '', bytes: 0 };
    expect(generator).toBe('sot-test');
    const file = path.join(dir, 'old.sotgraph');
    writeGraph(file, { ...roads, meta: { ...roads.meta, source: oldSource } });
    expect(fs.readFileSync(file).includes('generator')).toBe(false);
    const back = readGraph(file);
    expect(back.nodeCount).toBe(roads.nodeCount);
    expect(back.meta.source).toEqual(oldSource);
    expect(roadAttribution(back.meta)).toBe(OSM_ATTRIBUTION);
    expect(roadAttribution(readGraphMeta(file))).toBe(OSM_ATTRIBUTION);
  });

  it('gives the graph built from the generated demo region the fictional notice', async () => {
    const out = path.join(dir, 'demo');
    await generateDemoRegion({ seed: 7, nodes: MIN_DEMO_NODES, outDir: out });
    const graph = await buildRoadGraph(path.join(out, DEMO_FILES.osm));
    expect(graph.meta.source?.generator).toBe(DEMO_OSM_GENERATOR);
    expect(roadAttribution(graph.meta)).toBe(DEMO_ATTRIBUTION);
  }, 60_000);
});
