/**
 * Multi-source Dijkstra that keeps, per node, the nearest source *and* the nearest different
 * source: "if the nearest store closes, how far is the next one?".
 *
 * This is the k = 2 case of label-setting with distinct sources. Each node owns two label slots;
 * slot 1 holds the best (time, source) seen, slot 2 the best whose source differs from slot 1's.
 * Both slots sit in one heap as items `2v` and `2v + 1` with key `2·time + slot`, so a node's
 * first label always settles before its second. Settling a label relaxes the node's edges with
 * that label's source. A candidate (t, s) arriving at node w:
 *
 * - slot 1 settled: ignored if s is slot 1's source or slot 2 is settled; else it competes for
 *   slot 2.
 * - otherwise, same source as slot 1: may improve slot 1. Different source and better than slot
 *   1: slot 1 moves down to slot 2 (its source differs from s) and s takes slot 1. Else it
 *   competes for slot 2 (replacing it when better, whatever its source).
 *
 * Why two labels per node suffice: if the second-best source s of w reached w through v, then s
 * is among v's two best distinct sources; otherwise v's two better, distinct sources would both
 * reach w sooner than s through the same edge, and one of them differs from w's best. The tests
 * check this against single-source searches from every source.
 */
import type { CsrView } from './csr.js';
import type { SearchOptions, Seeds } from './dijkstra.js';
import { UNREACHED } from './dijkstra.js';
import { IndexedHeap, NOT_IN_HEAP, POPPED } from './heap.js';

/** Heap keys are `2·time + slot` in an Int32, so times must stay below 2^30 (≈ 3.4 years in ds). */
const MAX_TIME = 0x3ffffffe;

/** Reusable state and results of {@link twoSourceDijkstra}. */
export class TwoSourceWorkspace {
  readonly nodeCount: number;
  /** Time to the nearest source, or UNREACHED. */
  readonly time1: Int32Array;
  /** Time to the nearest source other than `source1`, or UNREACHED. */
  readonly time2: Int32Array;
  readonly dist1: Float64Array;
  readonly dist2: Float64Array;
  /** Source index per slot, -1 when empty. */
  readonly source1: Int32Array;
  readonly source2: Int32Array;
  /** Nodes given any label by the last run; the first `touchedCount` count. */
  readonly touched: Int32Array;
  touchedCount = 0;
  readonly heap: IndexedHeap;

  constructor(nodeCount: number) {
    this.nodeCount = nodeCount;
    this.time1 = new Int32Array(nodeCount).fill(UNREACHED);
    this.time2 = new Int32Array(nodeCount).fill(UNREACHED);
    this.dist1 = new Float64Array(nodeCount);
    this.dist2 = new Float64Array(nodeCount);
    this.source1 = new Int32Array(nodeCount).fill(-1);
    this.source2 = new Int32Array(nodeCount).fill(-1);
    this.touched = new Int32Array(nodeCount);
    this.heap = new IndexedHeap(2 * nodeCount);
  }

  reset(): void {
    const { time1, time2, source1, source2, touched, heap } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      const v = touched[i];
      time1[v] = UNREACHED;
      time2[v] = UNREACHED;
      source1[v] = -1;
      source2[v] = -1;
      heap.forget(2 * v);
      heap.forget(2 * v + 1);
    }
    this.touchedCount = 0;
    heap.size = 0;
  }
}

/**
 * Offers label (t, s, d) to node w; see the module documentation for the rules. A plain
 * module-level function (not a closure over the search's locals) so the compiler inlines it
 * into the search loop without context-variable traffic.
 */
function offer(ws: TwoSourceWorkspace, w: number, t: number, s: number, d: number): void {
  const pos = ws.heap.pos;
  const i1 = 2 * w;
  const time2 = ws.time2;
  if (pos[i1] === POPPED) {
    if (s === ws.source1[w] || pos[i1 + 1] === POPPED || t >= time2[w]) return;
    time2[w] = t;
    ws.source2[w] = s;
    ws.dist2[w] = d;
    ws.heap.push(i1 + 1, 2 * t + 1);
    return;
  }
  const time1 = ws.time1;
  const source1 = ws.source1;
  const t1 = time1[w];
  if (t1 === UNREACHED && time2[w] === UNREACHED) ws.touched[ws.touchedCount++] = w;
  if (s === source1[w]) {
    if (t >= t1) return;
    time1[w] = t;
    ws.dist1[w] = d;
    ws.heap.push(i1, 2 * t);
  } else if (t < t1) {
    if (t1 !== UNREACHED) {
      time2[w] = t1;
      ws.source2[w] = source1[w];
      ws.dist2[w] = ws.dist1[w];
      ws.heap.push(i1 + 1, 2 * t1 + 1);
    }
    time1[w] = t;
    source1[w] = s;
    ws.dist1[w] = d;
    ws.heap.push(i1, 2 * t);
  } else if (t < time2[w]) {
    time2[w] = t;
    ws.source2[w] = s;
    ws.dist2[w] = d;
    ws.heap.push(i1 + 1, 2 * t + 1);
  }
}

/**
 * Runs the two-label search; results stay in `ws`. Returns the number of nodes with a first
 * label (reached by some source within the bound).
 */
export function twoSourceDijkstra(
  view: CsrView,
  seeds: Seeds,
  ws: TwoSourceWorkspace,
  opts: SearchOptions = {},
): number {
  ws.reset();
  const maxTime = Math.min(opts.maxTime ?? MAX_TIME, MAX_TIME);
  const n = seeds.nodes.length;
  for (let i = 0; i < n; i++) {
    const t = seeds.times ? Math.round(seeds.times[i]) : 0;
    offer(
      ws,
      seeds.nodes[i],
      Math.min(t, MAX_TIME),
      seeds.sources ? seeds.sources[i] : i,
      seeds.dists ? seeds.dists[i] : 0,
    );
  }
  const reached = search(view, ws, maxTime);
  if (ws.heap.size > 0) clearTentative(ws);
  return reached;
}

function search(view: CsrView, ws: TwoSourceWorkspace, maxTime: number): number {
  const { firstOut, head, time: edgeTime, length } = view;
  const { source1, source2, dist1, dist2, heap } = ws;
  const keys = heap.keys;
  let reached = 0;
  while (heap.size > 0) {
    const t = keys[0] >> 1;
    if (t > maxTime) break;
    const item = heap.pop();
    const u = item >> 1;
    let s: number;
    let d: number;
    if ((item & 1) === 0) {
      reached++;
      s = source1[u];
      d = dist1[u];
    } else {
      s = source2[u];
      d = dist2[u];
    }
    const end = firstOut[u + 1];
    for (let e = firstOut[u]; e < end; e++) offer(ws, head[e], t + edgeTime[e], s, d + length[e]);
  }
  return reached;
}

/** Labels still queued are beyond the bound: not answers. */
function clearTentative(ws: TwoSourceWorkspace): void {
  const { time1, time2, source1, source2, touched } = ws;
  const pos = ws.heap.pos;
  for (let i = 0; i < ws.touchedCount; i++) {
    const v = touched[i];
    const p1 = pos[2 * v];
    if (p1 !== POPPED && p1 !== NOT_IN_HEAP) {
      time1[v] = UNREACHED;
      source1[v] = -1;
    }
    if (pos[2 * v + 1] !== POPPED) {
      time2[v] = UNREACHED;
      source2[v] = -1;
    }
  }
}
