/**
 * Multi-source Dijkstra over a CSR view: every source starts at once, and each node ends up with
 * the time to (or from) its nearest source, the length of that path and which source it is.
 * Run it on `graph.backward` to get each node's time *to* the nearest source (residents driving
 * to services), on `graph.forward` for the time *from* the sources.
 *
 * The search loop runs in WebAssembly (`wasm/dijkstra.wat`, driven from here): the same loop in
 * TypeScript measured 2.2–3.1× slower than the C++ reference, the kernel about 1.2× (see
 * src/graph/README.md, "Performance"). Its state lives in a {@link DijkstraWorkspace}: one
 * WebAssembly memory holding the labels, the heap and a copy of each view searched, allocated
 * once; a run resets only the entries the previous run touched, so repeated runs (one per
 * service kind, per scenario) allocate nothing.
 */
import type { CsrView } from './csr.js';
import { NOT_IN_HEAP } from './heap.js';
import { WASM_BYTES } from './wasm/dijkstra-wasm.js';
import { type ArraySpec, KernelMemory, type SearchKernel } from './wasm/kernel-memory.js';

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

/** The functions and state `wasm/dijkstra.wat` exports. */
interface Kernel extends SearchKernel {
  layout(
    time: number,
    dist: number,
    source: number,
    touched: number,
    items: number,
    keys: number,
    pos: number,
  ): void;
}

/** The kernel's per-node arrays (see wasm/dijkstra.wat for what each holds). */
const ARRAYS = {
  time: { type: 'i32', perNode: 1, fill: UNREACHED },
  source: { type: 'i32', perNode: 1, fill: -1 },
  touched: { type: 'i32', perNode: 1 },
  items: { type: 'i32', perNode: 1 },
  keys: { type: 'i32', perNode: 1 },
  pos: { type: 'i32', perNode: 1, fill: NOT_IN_HEAP },
  dist: { type: 'f64', perNode: 1 },
} as const satisfies ArraySpec;

/**
 * Reusable state and results of {@link multiSourceDijkstra} for graphs of up to `nodeCount`
 * nodes: a {@link KernelMemory} with the arrays above and a copy of each view searched.
 *
 * The first search on a view copies its four arrays in (the two most recently used views stay);
 * a view's arrays must not be changed afterwards — a changed network is a new view. The label
 * arrays are views onto that memory, valid until the next search: read them after the search
 * whose results you want.
 */
export class DijkstraWorkspace {
  readonly nodeCount: number;
  /** Nodes settled (reached within the bound) by the last run. */
  reached = 0;
  private readonly mem: KernelMemory<Kernel, typeof ARRAYS>;

  constructor(nodeCount: number) {
    this.nodeCount = nodeCount;
    this.mem = new KernelMemory<Kernel, typeof ARRAYS>(WASM_BYTES, nodeCount, ARRAYS);
    const o = this.mem.offsets;
    this.mem.kernel.layout(o.time, o.dist, o.source, o.touched, o.items, o.keys, o.pos);
  }

  /** Time to the nearest source, or UNREACHED. */
  get time(): Int32Array {
    return this.mem.arrays.time;
  }
  /** Metres along the chosen path (meaningless where time is UNREACHED). */
  get dist(): Float64Array {
    return this.mem.arrays.dist;
  }
  /** Index of the nearest source, or -1. */
  get source(): Int32Array {
    return this.mem.arrays.source;
  }
  /** Nodes given a label by the last run, in first-touch order; the first `touchedCount` count. */
  get touched(): Int32Array {
    return this.mem.arrays.touched;
  }
  get touchedCount(): number {
    return this.mem.touchedCount;
  }

  /** Runs the kernel's search from `seeds` on `view`; see {@link multiSourceDijkstra}. */
  search(view: CsrView, seeds: Seeds, maxTime: number): number {
    this.reached = this.mem.search(view, seeds, maxTime, UNREACHED - 1);
    return this.reached;
  }
}

/**
 * Runs the search and leaves the labels in `ws` (time, dist, source). Returns the number of nodes
 * reached. Edge times must be non-negative integers; seeds must be nodes of the view.
 */
export function multiSourceDijkstra(
  view: CsrView,
  seeds: Seeds,
  ws: DijkstraWorkspace,
  opts: SearchOptions = {},
): number {
  return ws.search(view, seeds, opts.maxTime ?? UNREACHED - 1);
}

/** Sum of the times of all reached nodes (the `graph paths` check value). */
export function sumReachedTimes(ws: DijkstraWorkspace): number {
  let sum = 0;
  const { time, touched } = ws;
  const count = ws.touchedCount;
  for (let i = 0; i < count; i++) {
    const t = time[touched[i]];
    if (t !== UNREACHED) sum += t;
  }
  return sum;
}
