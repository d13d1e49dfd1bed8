/**
 * Builds a road graph from an OSM file in two streaming passes, so memory stays proportional to
 * the road network, not the file:
 *
 * 1. ways: the car profile judges each way; drivable ones keep their node refs and verdict.
 * 2. nodes: coordinates (and node-level `ford`) of exactly the referenced nodes, looked up in a
 *    sorted id index. The pass stops as soon as every referenced node has been seen (files list
 *    nodes first), so the ways are not decoded twice.
 *
 * Then: split ways into segments at junctions, keep the largest strongly connected component
 * (reporting the rest), contract degree-2 chains, and lay out the CSR graph.
 */

import fs from 'node:fs';
import { readOsm } from '../osm/read.js';
import type { OsmEntity, OsmReader, OsmReadStats } from '../osm/types.js';
import { assembleRoadGraph } from './assemble.js';
import { contractChains } from './contract.js';
import { GRAPH_FORMAT_VERSION } from './format.js';
import { SortedIdIndex } from './id-index.js';
import { keepLargestComponent } from './largest-component.js';
import { type CarProfileOptions, carWay, resolveCarProfile } from './profile.js';
import type { RoadGraph } from './road-graph.js';
import { splitWays } from './segments.js';
import { WayCollector } from './way-collector.js';

export type BuildPhase = 'ways' | 'nodes' | 'graph';

export interface BuildOptions {
  profile?: CarProfileOptions;
  /** File progress per pass (bytes of the file on disk). */
  onProgress?(phase: BuildPhase, bytesRead: number, totalBytes: number): void;
  signal?: AbortSignal;
  /**
   * Make every road vertex a graph node and skip chain contraction: the layout of DIMACS road
   * graphs, used by the benchmark to get graphs of a given node count. Routing results are the
   * same up to edge-time rounding; searches just take longer.
   */
  fullResolution?: boolean;
}

/**
 * Feeds every batch of a reader to `each` and returns the reader's totals, which a `for await`
 * loop would drop (pass 1 wants the file's generator from them).
 */
async function eachBatch(reader: OsmReader, each: (batch: OsmEntity[]) => void): Promise<OsmReadStats> {
  let done = false;
  try {
    for (;;) {
      const r = await reader.next();
      if (r.done) {
        done = true;
        return r.value;
      }
      each(r.value);
    }
  } finally {
    // Like `for await`: a failing consumer still closes the file.
    if (!done) await reader.return(undefined as never).catch(() => {});
  }
}

const yes = (v: string | undefined) => v !== undefined && v !== 'no' && v !== 'false' && v !== '0';

/**
 * Reads `osmPath` (`.osm.pbf`, `.osm`, `.osm.gz`) and returns the car road graph.
 *
 * @throws AppError from the OSM reader (`file_not_found`, `osm_file_corrupt`, …).
 */
export async function buildRoadGraph(osmPath: string, opts: BuildOptions = {}): Promise<RoadGraph> {
  const profile = resolveCarProfile(opts.profile);
  const t0 = performance.now();

  const ways = new WayCollector();
  const pass1 = await eachBatch(
    readOsm(osmPath, {
      skipNodesWithoutTags: true,
      signal: opts.signal,
      onProgress: (r, t) => opts.onProgress?.('ways', r, t),
    }),
    (batch) => {
      for (const e of batch) {
        if (e.type !== 'way') continue;
        const p = carWay(e.tags, profile);
        if (p) ways.add(e, p);
      }
    },
  );
  const t1 = performance.now();

  const refs = ways.refs.data.subarray(0, ways.refs.length);
  const index = new SortedIdIndex(refs.slice());
  const refIndex = new Int32Array(refs.length);
  for (let i = 0; i < refs.length; i++) refIndex[i] = index.indexOf(refs[i]);
  ways.releaseRefs();

  const U = index.size;
  const vertices = {
    lat: new Int32Array(U),
    lon: new Int32Array(U),
    present: new Uint8Array(U),
    ford: new Uint8Array(U),
  };
  let found = 0;
  if (U > 0) {
    pass2: for await (const batch of readOsm(osmPath, {
      signal: opts.signal,
      onProgress: (r, t) => opts.onProgress?.('nodes', r, t),
    })) {
      for (const e of batch) {
        if (e.type !== 'node') continue;
        const i = index.indexOf(e.id);
        if (i < 0 || vertices.present[i]) continue;
        vertices.present[i] = 1;
        vertices.lat[i] = Math.round(e.lat * 1e7);
        vertices.lon[i] = Math.round(e.lon * 1e7);
        if (yes(e.tags.ford)) vertices.ford[i] = 1;
        if (++found === U) break pass2;
      }
    }
  }
  const t2 = performance.now();
  opts.onProgress?.('graph', 0, 1);

  const split = splitWays(ways, refIndex, vertices, opts.fullResolution === true);
  const jv = split.junctionVertex;
  const junctions = {
    lat: new Int32Array(jv.length),
    lon: new Int32Array(jv.length),
    osmId: new Float64Array(jv.length),
  };
  for (let j = 0; j < jv.length; j++) {
    junctions.lat[j] = vertices.lat[jv[j]];
    junctions.lon[j] = vertices.lon[jv[j]];
    junctions.osmId[j] = index.ids[jv[j]];
  }
  const { segments: kept, dropped } = keepLargestComponent(
    split.segments,
    jv.length,
    junctions.lat,
    junctions.lon,
  );
  let nodesBefore = 0;
  {
    const seen = new Uint8Array(jv.length);
    for (let i = 0; i < kept.count; i++) seen[kept.a[i]] = seen[kept.b[i]] = 1;
    for (let j = 0; j < jv.length; j++) nodesBefore += seen[j];
  }
  const segments = opts.fullResolution ? kept : contractChains(kept, jv.length).segments;
  const stat = fs.statSync(osmPath);
  const graph = assembleRoadGraph(segments, junctions, vertices, {
    formatVersion: GRAPH_FORMAT_VERSION,
    timeUnit: 'ds',
    // What wrote the file: the map credit depends on it (src/maptiles/attribution.ts).
    source: { path: osmPath, bytes: stat.size, generator: pass1.generator ?? null },
    builtAt: new Date().toISOString(),
    profile,
    counts: { osmWays: ways.count, osmRoadNodes: found, nodesBeforeContraction: nodesBefore },
    dropped,
  });
  const t3 = performance.now();
  graph.meta.buildMs = {
    readWays: Math.round(t1 - t0),
    readNodes: Math.round(t2 - t1),
    assemble: Math.round(t3 - t2),
  };
  opts.onProgress?.('graph', 1, 1);
  return graph;
}
