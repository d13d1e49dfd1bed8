/**
 * Multi-source Dijkstra over a CSR view: every source starts at once, and each node ends up with
 * the time to (or from) its nearest source, the length of that path and which source it is.
 * Run it on `graph.backward` to get each node's time *to* the nearest source (residents driving
 * to services), on `graph.forward` for the time *from* the sources.
 *
 * All state lives in a {@link DijkstraWorkspace} allocated once per graph; a run resets only the
 * entries the previous run touched, so repeated runs (one per service kind, per scenario)
 * allocate nothing.
 */
import type { CsrView } from './csr.js';
import { IndexedHeap, NOT_IN_HEAP, POPPED } from './heap.js';

/** Time of a node no source reaches (within the bound). */
export const UNREACHED = 0x7fffffff;

/** Where a search starts. Several seeds may share a source (a service snapped between two nodes). */
export interface Seeds {
  /** Start node of each seed. */
  nodes: ArrayLike<number>;
  /** Time already spent when at the seed node (off-road and part-edge time); default 0. */
  times?: ArrayLike<number>;
  /** Metres already covered at the seed node; default 0. */
  dists?: ArrayLike<number>;
  /** Source index of each seed; default the seed's own index. */
  sources?: ArrayLike<number>;
}

export interface SearchOptions {
  /** Stop once the nearest unsettled node is further than this; nodes beyond stay UNREACHED. */
  maxTime?: number;
}

/** Reusable state and results of {@link multiSourceDijkstra} for graphs of up to `nodeCount` nodes. */
export class DijkstraWorkspace {
  readonly nodeCount: number;
  /** Time to the nearest source, or UNREACHED. */
  readonly time: Int32Array;
  /** Metres along the chosen path (meaningless where time is UNREACHED). */
  readonly dist: Float64Array;
  /** Index of the nearest source, or -1. */
  readonly source: Int32Array;
  /** Nodes given a label by the last run, in first-touch order; the first `touchedCount` count. */
  readonly touched: Int32Array;
  touchedCount = 0;
  /** Nodes settled (reached within the bound) by the last run. */
  reached = 0;
  readonly heap: IndexedHeap;

  constructor(nodeCount: number) {
    this.nodeCount = nodeCount;
    this.time = new Int32Array(nodeCount).fill(UNREACHED);
    this.dist = new Float64Array(nodeCount);
    this.source = new Int32Array(nodeCount).fill(-1);
    this.touched = new Int32Array(nodeCount);
    this.heap = new IndexedHeap(nodeCount);
  }

  /** Clears the previous run's labels (only those it touched). */
  reset(): void {
    const { time, source, touched } = this;
    const pos = this.heap.pos;
    for (let i = 0; i < this.touchedCount; i++) {
      const v = touched[i];
      time[v] = UNREACHED;
      source[v] = -1;
      pos[v] = NOT_IN_HEAP;
    }
    this.touchedCount = 0;
    this.reached = 0;
    this.heap.size = 0;
  }
}

/**
 * Runs the search and leaves the labels in `ws` (time, dist, source). Returns the number of nodes
 * reached. Edge times must be non-negative integers.
 */
export function multiSourceDijkstra(
  view: CsrView,
  seeds: Seeds,
  ws: DijkstraWorkspace,
  opts: SearchOptions = {},
): number {
  ws.reset();
  const { time, dist, source, touched, heap } = ws;
  let touchedCount = 0;
  const n = seeds.nodes.length;
  for (let i = 0; i < n; i++) {
    const v = seeds.nodes[i];
    const t = seeds.times ? Math.round(seeds.times[i]) : 0;
    if (t >= time[v]) continue;
    if (time[v] === UNREACHED) touched[touchedCount++] = v;
    time[v] = t;
    dist[v] = seeds.dists ? seeds.dists[i] : 0;
    source[v] = seeds.sources ? seeds.sources[i] : i;
    heap.push(v, t);
  }
  ws.touchedCount = touchedCount;
  ws.reached = settle(view, ws, opts.maxTime ?? UNREACHED - 1);
  if (heap.size > 0) clearTentative(ws);
  return ws.reached;
}

/**
 * The search loop, kept apart from seeding and clean-up so the optimising compiler sees one hot
 * function. The heap operations of {@link IndexedHeap} (same arity, same sift rules) are written
 * out inline on local array references: on road graphs, where most nodes have two edges and the
 * heap stays small, per-node overhead dominates, and inlining by hand measured ~30 % faster
 * than calling the heap's methods.
 */
function settle(view: CsrView, ws: DijkstraWorkspace, maxTime: number): number {
  const firstOut = view.firstOut;
  const head = view.head;
  const edgeTime = view.time;
  const length = view.length;
  const time = ws.time;
  const dist = ws.dist;
  const source = ws.source;
  const touched = ws.touched;
  const items = ws.heap.items;
  const keys = ws.heap.keys;
  const pos = ws.heap.pos;
  let size = ws.heap.size;
  let touchedCount = ws.touchedCount;
  let reached = 0;
  while (size > 0) {
    const tu = keys[0];
    if (tu > maxTime) break;
    // Pop the minimum: move the last slot down from the root.
    const u = items[0];
    pos[u] = POPPED;
    const last = --size;
    if (last > 0) {
      const item = items[last];
      const key = keys[last];
      let i = 0;
      for (;;) {
        const first = 4 * i + 1;
        if (first >= last) break;
        let best = first;
        let bk = keys[first];
        const stop = Math.min(first + 4, last);
        for (let c = first + 1; c < stop; c++) {
          const ck = keys[c];
          if (ck < bk) {
            bk = ck;
            best = c;
          }
        }
        if (bk >= key) break;
        const bi = items[best];
        items[i] = bi;
        keys[i] = bk;
        pos[bi] = i;
        i = best;
      }
      items[i] = item;
      keys[i] = key;
      pos[item] = i;
    }
    reached++;
    const du = dist[u];
    const su = source[u];
    const end = firstOut[u + 1];
    for (let e = firstOut[u]; e < end; e++) {
      const v = head[e];
      const t = tu + edgeTime[e];
      const tv = time[v];
      if (t < tv) {
        if (tv === UNREACHED) touched[touchedCount++] = v;
        time[v] = t;
        dist[v] = du + length[e];
        source[v] = su;
        // Insert or decrease: sift up from the node's slot (or a new last slot).
        let i = pos[v];
        if (i === NOT_IN_HEAP) i = size++;
        while (i > 0) {
          const parent = (i - 1) >> 2;
          const pk = keys[parent];
          if (pk <= t) break;
          const pi = items[parent];
          items[i] = pi;
          keys[i] = pk;
          pos[pi] = i;
          i = parent;
        }
        items[i] = v;
        keys[i] = t;
        pos[v] = i;
      }
    }
  }
  ws.heap.size = size;
  ws.touchedCount = touchedCount;
  return reached;
}

/**
 * Labels beyond the bound are tentative, not answers: clear them so UNREACHED means "not within
 * maxTime" consistently.
 */
function clearTentative(ws: DijkstraWorkspace): void {
  const { time, source, touched } = ws;
  const pos = ws.heap.pos;
  for (let i = 0; i < ws.touchedCount; i++) {
    const v = touched[i];
    if (pos[v] >= 0) {
      time[v] = UNREACHED;
      source[v] = -1;
    }
  }
}

/** Sum of the times of all reached nodes (the `graph paths` check value). */
export function sumReachedTimes(ws: DijkstraWorkspace): number {
  let sum = 0;
  const { time, touched } = ws;
  for (let i = 0; i < ws.touchedCount; i++) {
    const t = time[touched[i]];
    if (t !== UNREACHED) sum += t;
  }
  return sum;
}

/**
 * Runs every path of the search once on a tiny graph when the module loads. V8 compiles the hot
 * loop on-stack (OSR) during the first big search, before the code after the loop has ever run;
 * without type feedback for that code the compiled loop bailed out at every exit and each later
 * search started over in the interpreter (seen with --trace-deopt on Node 20). A warm-up that
 * has already executed everything costs microseconds and avoids that.
 */
function warmUp(): void {
  const view: CsrView = {
    firstOut: Int32Array.from([0, 1, 2, 2]),
    head: Int32Array.from([1, 2]),
    time: Int32Array.from([1, 5]),
    length: Float32Array.from([1, 1]),
  };
  const ws = new DijkstraWorkspace(3);
  // V8 allocates feedback vectors lazily, after a handful of calls: run enough to collect some.
  for (let i = 0; i < 32; i++) {
    multiSourceDijkstra(view, { nodes: [0] }, ws);
    multiSourceDijkstra(view, { nodes: [0, 1], times: [0, 1], dists: [0, 0], sources: [0, 0] }, ws, {
      maxTime: 2,
    });
  }
}
warmUp();
