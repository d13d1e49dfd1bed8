/**
 * The accessibility computation on a loaded road graph: for every population point and every
 * service group, the time and distance to the nearest and second-nearest distinct service, which
 * they are, and whether every route to the nearest crosses a bridge. Pure and synchronous over
 * typed arrays: the worker (./worker.ts) runs it off the main thread, the benchmark calls it
 * directly.
 *
 * Per group, one two-label search runs on the *reversed* graph from all the group's snapped
 * services at once (residents drive to services, and one-way streets make the directions differ).
 * A resident snapped onto a segment leaves it towards either end node the segment's direction
 * allows, paying the part of the edge and the off-road distance; the best two distinct sources
 * over both ends (two labels each) plus services on the resident's own segment (compared
 * directly, as the search only sees routes through end nodes) give the nearest and second.
 *
 * Bridge dependence uses the undirected segment graph (src/graph/bridges.ts): a resident depends
 * on a link for its nearest service when they lie on different sides of it, that is in different
 * components once the link is removed. Two flavours are reported:
 * - `singleLink`: any graph bridge (edge whose removal disconnects the network), e.g. the one road
 *   into a valley;
 * - `bridge`: a graph bridge that is also an OSM `bridge`: "people whose only road crosses one
 *   bridge" (SPEC §3 B).
 * A resident or service snapped between two nodes is taken at the nearer end node of its segment:
 * a shop at the far end of a dead-end road depends on that road, a house next to the junction
 * does not. The network is one strongly connected component, so "different components" always
 * means "connected only across the cut link", never "not connected at all".
 */
import { EdgeFlag } from '../graph/attributes.js';
import { componentsWithout, roadGraphBridges } from '../graph/bridges.js';
import { UNREACHED } from '../graph/dijkstra.js';
import { TwoSourceWorkspace, twoSourceDijkstra } from '../graph/dijkstra2.js';
import type { RoadGraph } from '../graph/road-graph.js';
import {
  DEFAULT_MAX_SNAP_METRES,
  DEFAULT_OFF_ROAD_KMH,
  destinationSeeds,
  offRoadDeciseconds,
  type Snap,
  SnapIndex,
  sameSegmentTime,
} from '../graph/snap.js';

export interface AccessComputeInput {
  /** Population points, WGS 84 degrees. */
  pointLat: Float64Array;
  pointLon: Float64Array;
  /** Service points of each group (indices are the group's own, 0 … k-1). */
  groups: { key: string; lat: Float64Array; lon: Float64Array }[];
  maxSnapMetres?: number;
  offRoadKmh?: number;
}

/** Flag bits of {@link GroupOutput.flags}. */
export const AccessFlag = { bridge: 1, singleLink: 2 } as const;

export interface GroupOutput {
  key: string;
  /** Seconds to the nearest service; NaN when none is reachable or the point is unsnapped. */
  time1: Float64Array;
  /** Metres along the route (off-road parts included). */
  dist1: Float64Array;
  /** Index of the nearest service in the group's list, -1 when none. */
  source1: Int32Array;
  time2: Float64Array;
  dist2: Float64Array;
  source2: Int32Array;
  /** {@link AccessFlag} bits per point. */
  flags: Uint8Array;
  /** 1 for each service of the group that snapped to a road. */
  serviceSnapped: Uint8Array;
}

export interface AccessComputeOutput {
  /** Off-road metres per point; NaN = further than the snapping limit from every road. */
  pointSnapM: Float64Array;
  groups: GroupOutput[];
  ms: { index: number; snap: number; bridges: number; search: number };
}

export type ComputeProgress = (phase: string, done: number, total: number) => void;

const fraction = (s: Snap) => (s.length > 0 ? Math.min(1, Math.max(0, s.along / s.length)) : 0);

/** The end node of its segment a snapped position is taken at for bridge dependence. */
const nearerEnd = (g: RoadGraph, s: Snap) =>
  fraction(s) <= 0.5 ? g.segmentA[s.segment] : g.segmentB[s.segment];

export function computeAccess(
  graph: RoadGraph,
  input: AccessComputeInput,
  onProgress: ComputeProgress = () => {},
): AccessComputeOutput {
  const maxSnap = input.maxSnapMetres ?? DEFAULT_MAX_SNAP_METRES;
  const kmh = input.offRoadKmh ?? DEFAULT_OFF_ROAD_KMH;
  const n = input.pointLat.length;
  const ms = { index: 0, snap: 0, bridges: 0, search: 0 };

  let t0 = performance.now();
  onProgress('index', 0, 1);
  const index = new SnapIndex(graph);
  ms.index = performance.now() - t0;

  t0 = performance.now();
  const pointSnaps: (Snap | null)[] = new Array(n);
  const pointSnapM = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = index.nearest(input.pointLat[i], input.pointLon[i], maxSnap);
    pointSnaps[i] = s;
    pointSnapM[i] = s ? s.distance : Number.NaN;
    if ((i & 0x3fff) === 0) onProgress('snap', i, n);
  }
  onProgress('snap', n, n);
  ms.snap = performance.now() - t0;

  t0 = performance.now();
  onProgress('bridges', 0, 1);
  const bridges = roadGraphBridges(graph);
  const physical = new Uint8Array(graph.segmentCount);
  let anyPhysical = false;
  for (let s = 0; s < graph.segmentCount; s++) {
    if (!bridges.isBridge[s]) continue;
    const e = graph.segmentEdges[2 * s] >= 0 ? graph.segmentEdges[2 * s] : graph.segmentEdges[2 * s + 1];
    if (e >= 0 && graph.edgeFlags[e] & EdgeFlag.bridge) {
      physical[s] = 1;
      anyPhysical = true;
    }
  }
  const bridgeComp = anyPhysical
    ? componentsWithout(graph.nodeCount, graph.segmentA, graph.segmentB, physical)
    : bridges.connected;
  ms.bridges = performance.now() - t0;

  t0 = performance.now();
  const ws = new TwoSourceWorkspace(graph.nodeCount);
  const snapCache = new Map<string, Snap | null>();
  const groups: GroupOutput[] = [];
  input.groups.forEach((group, gi) => {
    onProgress(`group ${group.key}`, gi, input.groups.length);
    groups.push(
      searchGroup(
        graph,
        index,
        ws,
        group,
        pointSnaps,
        snapCache,
        maxSnap,
        kmh,
        bridges.component,
        bridgeComp,
      ),
    );
  });
  onProgress('done', input.groups.length, input.groups.length);
  ms.search = performance.now() - t0;
  return { pointSnapM, groups, ms };
}

function searchGroup(
  graph: RoadGraph,
  index: SnapIndex,
  ws: TwoSourceWorkspace,
  group: AccessComputeInput['groups'][number],
  pointSnaps: (Snap | null)[],
  snapCache: Map<string, Snap | null>,
  maxSnap: number,
  kmh: number,
  linkComp: Int32Array,
  bridgeComp: Int32Array,
): GroupOutput {
  const n = pointSnaps.length;
  const k = group.lat.length;
  const out: GroupOutput = {
    key: group.key,
    time1: new Float64Array(n).fill(Number.NaN),
    dist1: new Float64Array(n).fill(Number.NaN),
    source1: new Int32Array(n).fill(-1),
    time2: new Float64Array(n).fill(Number.NaN),
    dist2: new Float64Array(n).fill(Number.NaN),
    source2: new Int32Array(n).fill(-1),
    flags: new Uint8Array(n),
    serviceSnapped: new Uint8Array(k),
  };
  const serviceSnaps: (Snap | null)[] = new Array(k);
  const snaps: Snap[] = [];
  const sources: number[] = [];
  const bySegment = new Map<number, number[]>();
  for (let j = 0; j < k; j++) {
    const key = `${group.lat[j]},${group.lon[j]}`;
    let s = snapCache.get(key);
    if (s === undefined) {
      s = index.nearest(group.lat[j], group.lon[j], maxSnap);
      snapCache.set(key, s);
    }
    serviceSnaps[j] = s;
    if (!s) continue;
    out.serviceSnapped[j] = 1;
    snaps.push(s);
    sources.push(j);
    const list = bySegment.get(s.segment);
    if (list) list.push(j);
    else bySegment.set(s.segment, [j]);
  }
  if (snaps.length === 0) return out;

  twoSourceDijkstra(graph.backward, destinationSeeds(graph, snaps, sources, kmh), ws);
  const { time1, time2, source1, source2, dist1, dist2 } = ws;
  const edgeTime = graph.forward.time;
  // Up to four labels from the end nodes plus services on the same segment.
  const candT: number[] = [];
  const candS: number[] = [];
  const candD: number[] = [];
  const add = (t: number, s: number, d: number) => {
    candT.push(t);
    candS.push(s);
    candD.push(d);
  };
  for (let i = 0; i < n; i++) {
    const ps = pointSnaps[i];
    if (!ps) continue;
    candT.length = 0;
    candS.length = 0;
    candD.length = 0;
    const f = fraction(ps);
    const off = offRoadDeciseconds(ps.distance, kmh);
    const seg = ps.segment;
    const ab = graph.segmentEdges[2 * seg];
    const ba = graph.segmentEdges[2 * seg + 1];
    const via = (node: number, part: number, partLen: number) => {
      if (time1[node] !== UNREACHED)
        add(part + time1[node] + off, source1[node], partLen + dist1[node] + ps.distance);
      if (time2[node] !== UNREACHED)
        add(part + time2[node] + off, source2[node], partLen + dist2[node] + ps.distance);
    };
    if (ab >= 0) via(graph.segmentB[seg], (1 - f) * edgeTime[ab], (1 - f) * ps.length);
    if (ba >= 0) via(graph.segmentA[seg], f * edgeTime[ba], f * ps.length);
    const same = bySegment.get(seg);
    if (same)
      for (const j of same) {
        const ss = serviceSnaps[j] as Snap;
        const t = sameSegmentTime(graph, ps, ss, kmh);
        if (t !== null) add(t, j, Math.abs(fraction(ss) - f) * ps.length + ps.distance + ss.distance);
      }
    let b1 = -1;
    for (let c = 0; c < candT.length; c++) if (b1 < 0 || candT[c] < candT[b1]) b1 = c;
    if (b1 < 0) continue;
    let b2 = -1;
    for (let c = 0; c < candT.length; c++)
      if (candS[c] !== candS[b1] && (b2 < 0 || candT[c] < candT[b2])) b2 = c;
    out.time1[i] = candT[b1] / 10;
    out.dist1[i] = candD[b1];
    out.source1[i] = candS[b1];
    if (b2 >= 0) {
      out.time2[i] = candT[b2] / 10;
      out.dist2[i] = candD[b2];
      out.source2[i] = candS[b2];
    }
    const x = nearerEnd(graph, ps);
    const y = nearerEnd(graph, serviceSnaps[candS[b1]] as Snap);
    out.flags[i] =
      (linkComp[x] !== linkComp[y] ? AccessFlag.singleLink : 0) |
      (bridgeComp[x] !== bridgeComp[y] ? AccessFlag.bridge : 0);
  }
  return out;
}
