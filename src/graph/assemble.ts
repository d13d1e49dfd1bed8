/**
 * Turns the final segments into a {@link RoadGraph}: numbers the nodes along a Hilbert curve,
 * emits one directed edge per allowed direction with its time rounded to whole deciseconds
 * (at least 1, so no edge is free), and lays out CSR arrays for both directions.
 */
import { EdgeFlag } from './attributes.js';
import { csrFromArcs, reverseView } from './csr.js';
import { hilbertOrder } from './hilbert.js';
import type { GraphMeta, RoadGraph } from './road-graph.js';
import { Dir, type SegmentSet } from './segment-set.js';

/** Coordinates and OSM ids of the builder's nodes (segment ends index these). */
export interface NodeTable {
  lat: Int32Array;
  lon: Int32Array;
  osmId: Float64Array;
}

/** Deciseconds for an edge: rounded, never zero. */
export const toDeciseconds = (seconds: number) => Math.max(1, Math.round(seconds * 10));

/**
 * @param segments final segments; `a`/`b` index `nodes`, geometry indexes `vertices`.
 * @param nodes the junctions (segment ends).
 * @param vertices every road vertex (geometry points).
 */
export function assembleRoadGraph(
  segments: SegmentSet,
  nodes: NodeTable,
  vertices: { lat: Int32Array; lon: Int32Array },
  meta: Omit<GraphMeta, 'counts' | 'bbox'> & {
    counts: Pick<GraphMeta['counts'], 'osmWays' | 'osmRoadNodes' | 'nodesBeforeContraction'>;
  },
): RoadGraph {
  const S = segments.count;
  // Graph nodes: junctions that end a final segment, in Hilbert order.
  const junctionCount = nodes.lat.length;
  const used = new Uint8Array(junctionCount);
  for (let i = 0; i < S; i++) used[segments.a[i]] = used[segments.b[i]] = 1;
  let n = 0;
  for (let j = 0; j < junctionCount; j++) n += used[j];
  const usedList = new Int32Array(n);
  const lat0 = new Int32Array(n);
  const lon0 = new Int32Array(n);
  for (let j = 0, k = 0; j < junctionCount; j++) {
    if (!used[j]) continue;
    usedList[k] = j;
    lat0[k] = nodes.lat[j];
    lon0[k++] = nodes.lon[j];
  }
  const rank = hilbertOrder(lat0, lon0);
  const nodeOf = new Int32Array(junctionCount).fill(-1);
  const nodeLat = new Int32Array(n);
  const nodeLon = new Int32Array(n);
  const nodeOsmId = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const j = usedList[rank[r]];
    nodeOf[j] = r;
    nodeLat[r] = nodes.lat[j];
    nodeLon[r] = nodes.lon[j];
    nodeOsmId[r] = nodes.osmId[j];
  }

  let m = 0;
  for (let i = 0; i < S; i++)
    m += (segments.dir[i] & Dir.forward ? 1 : 0) + (segments.dir[i] & Dir.backward ? 1 : 0);
  const tails = new Int32Array(m);
  const heads = new Int32Array(m);
  const times = new Int32Array(m);
  const lengths = new Float32Array(m);
  const arcSeg = new Int32Array(m);
  const arcFlags = new Uint8Array(m);
  let k = 0;
  for (let i = 0; i < S; i++) {
    const a = nodeOf[segments.a[i]];
    const b = nodeOf[segments.b[i]];
    const t = toDeciseconds(segments.seconds[i]);
    for (let reversed = 0; reversed < 2; reversed++) {
      if (!(segments.dir[i] & (reversed ? Dir.backward : Dir.forward))) continue;
      tails[k] = reversed ? b : a;
      heads[k] = reversed ? a : b;
      times[k] = t;
      lengths[k] = segments.metres[i];
      arcSeg[k] = i;
      arcFlags[k] = segments.flags[i] | (reversed ? EdgeFlag.reversed : 0);
      k++;
    }
  }
  const { view: forward, order } = csrFromArcs(n, tails, heads, times, lengths, m);
  const edgeFlags = new Uint8Array(m);
  const edgeClass = new Uint8Array(m);
  const edgeSegment = new Int32Array(m);
  const segmentEdges = new Int32Array(2 * S).fill(-1);
  for (let e = 0; e < m; e++) {
    const arc = order[e];
    const s = arcSeg[arc];
    edgeFlags[e] = arcFlags[arc];
    edgeClass[e] = segments.cls[s];
    edgeSegment[e] = s;
    segmentEdges[2 * s + (arcFlags[arc] & EdgeFlag.reversed ? 1 : 0)] = e;
  }

  const points = segments.geomNode.length;
  const geometryLat = new Int32Array(points);
  const geometryLon = new Int32Array(points);
  for (let p = 0; p < points; p++) {
    geometryLat[p] = vertices.lat[segments.geomNode[p]];
    geometryLon[p] = vertices.lon[segments.geomNode[p]];
  }

  return {
    nodeCount: n,
    edgeCount: m,
    forward,
    backward: reverseView(n, forward),
    meta: {
      ...meta,
      counts: { ...meta.counts, nodes: n, edges: m, segments: S, geometryPoints: points },
      bbox: bboxOf(nodeLat, nodeLon),
    },
    nodeLat,
    nodeLon,
    nodeOsmId,
    edgeFlags,
    edgeClass,
    edgeSegment,
    segmentCount: S,
    segmentA: remap(segments.a, nodeOf),
    segmentB: remap(segments.b, nodeOf),
    segmentWay: segments.way,
    segmentEdges,
    geometryStart: segments.geomStart,
    geometryLat,
    geometryLon,
  };
}

function remap(ids: Int32Array, to: Int32Array): Int32Array {
  const out = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = to[ids[i]];
  return out;
}

function bboxOf(lat: Int32Array, lon: Int32Array): [number, number, number, number] | null {
  if (lat.length === 0) return null;
  let minLat = lat[0];
  let maxLat = lat[0];
  let minLon = lon[0];
  let maxLon = lon[0];
  for (let i = 1; i < lat.length; i++) {
    if (lat[i] < minLat) minLat = lat[i];
    if (lat[i] > maxLat) maxLat = lat[i];
    if (lon[i] < minLon) minLon = lon[i];
    if (lon[i] > maxLon) maxLon = lon[i];
  }
  return [minLon / 1e7, minLat / 1e7, maxLon / 1e7, maxLat / 1e7];
}
