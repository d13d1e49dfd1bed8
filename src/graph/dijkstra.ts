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
import { WASM_BYTES } from './wasm/dijkstra-wasm.js';

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
interface Kernel {
  layout(
    time: number,
    dist: number,
    source: number,
    touched: number,
    items: number,
    keys: number,
    pos: number,
  ): void;
  setGraph(firstOut: number, head: number, edgeTime: number, length: number): void;
  reset(): void;
  seed(node: number, time: number, dist: number, source: number): void;
  settle(maxTime: number): number;
  clearTentative(): void;
  heapSize: WebAssembly.Global;
  touchedCount: WebAssembly.Global;
}

let compiled: WebAssembly.Module | undefined;

/** Compiled once per thread; instantiating it per workspace is cheap. */
function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(WASM_BYTES);
  return compiled;
}

const PAGE = 65536;
/** wasm32 addresses are 32-bit: one memory holds at most 4 GiB. */
const MAX_BYTES = 2 ** 32;

/** A view copied into the workspace's memory, and where. */
interface GraphCopy {
  view: CsrView;
  /** The arrays copied, so a view whose arrays were replaced is copied again. */
  arrays: [Int32Array, Int32Array, Int32Array, Float32Array];
  offset: number;
  capacity: number;
  nodeCount: number;
  lastUsed: number;
}

/** Views kept copied at once: a graph's forward and backward view. */
const CACHED_VIEWS = 2;

/**
 * Reusable state and results of {@link multiSourceDijkstra} for graphs of up to `nodeCount`
 * nodes.
 *
 * Memory layout (one WebAssembly memory, byte offsets; n = nodeCount):
 *
 *     0        time     Int32[n]    time to the nearest source, or UNREACHED
 *     4n       source   Int32[n]    index of the nearest source, or -1
 *     8n       touched  Int32[n]    nodes labelled by the last run, first-touch order
 *     12n      items    Int32[n]    heap: node at each slot
 *     16n      keys     Int32[n]    heap: key at each slot
 *     20n      pos      Int32[n]    heap: slot of each node, or -1 (never queued) / -2 (settled)
 *     24n↑8    dist     Float64[n]  metres along the chosen path
 *     then     per view searched: firstOut Int32[n+1], head Int32[m], time Int32[m], length Float32[m]
 *
 * The first search on a view copies its four arrays in (the two most recently used views stay);
 * a view's arrays must not be changed afterwards — a changed network is a new view. The label
 * arrays below are views onto that memory, valid until the next search: read them after the
 * search whose results you want.
 */
export class DijkstraWorkspace {
  readonly nodeCount: number;
  /** Nodes settled (reached within the bound) by the last run. */
  reached = 0;
  private readonly memory: WebAssembly.Memory;
  private readonly kernel: Kernel;
  private readonly graphs: GraphCopy[] = [];
  private current: GraphCopy | undefined;
  private end: number;
  private uses = 0;
  private labels!: { time: Int32Array; source: Int32Array; touched: Int32Array; dist: Float64Array };

  constructor(nodeCount: number) {
    if (!Number.isInteger(nodeCount) || nodeCount < 0)
      throw new RangeError(`invalid node count ${nodeCount}`);
    this.nodeCount = nodeCount;
    const n = nodeCount;
    const distOffset = align8(24 * n);
    this.end = distOffset + 8 * n;
    if (this.end > MAX_BYTES) throw new RangeError(`${n} nodes do not fit in one search workspace`);
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(this.end / PAGE) });
    this.kernel = new WebAssembly.Instance(kernelModule(), { env: { memory: this.memory } })
      .exports as unknown as Kernel;
    this.kernel.layout(0, distOffset, 4 * n, 8 * n, 12 * n, 16 * n, 20 * n);
    this.refreshLabels();
    this.labels.time.fill(UNREACHED);
    this.labels.source.fill(-1);
    new Int32Array(this.memory.buffer, 20 * n, n).fill(-1);
  }

  /** Time to the nearest source, or UNREACHED. */
  get time(): Int32Array {
    return this.labels.time;
  }
  /** Metres along the chosen path (meaningless where time is UNREACHED). */
  get dist(): Float64Array {
    return this.labels.dist;
  }
  /** Index of the nearest source, or -1. */
  get source(): Int32Array {
    return this.labels.source;
  }
  /** Nodes given a label by the last run, in first-touch order; the first `touchedCount` count. */
  get touched(): Int32Array {
    return this.labels.touched;
  }
  get touchedCount(): number {
    return this.kernel.touchedCount.value;
  }

  /** Runs the kernel's search from `seeds` on `view`; see {@link multiSourceDijkstra}. */
  search(view: CsrView, seeds: Seeds, maxTime: number): number {
    const viewNodes = this.select(view);
    const k = this.kernel;
    k.reset();
    const n = seeds.nodes.length;
    for (let i = 0; i < n; i++) {
      const v = seeds.nodes[i];
      if (!Number.isInteger(v) || v < 0 || v >= viewNodes)
        throw new RangeError(`seed ${i}: node ${v} is not in the graph (0…${viewNodes - 1})`);
      const t = seeds.times ? Math.round(seeds.times[i]) : 0;
      if (!(t >= 0 && t < UNREACHED))
        throw new RangeError(`seed ${i}: time ${seeds.times?.[i]} is out of range`);
      k.seed(v, t, seeds.dists ? seeds.dists[i] : 0, seeds.sources ? seeds.sources[i] : i);
    }
    const bound = Math.min(Math.floor(maxTime), UNREACHED - 1);
    this.reached = k.settle(Math.max(bound, -1));
    if (k.heapSize.value > 0) k.clearTentative();
    return this.reached;
  }

  /** Points the kernel at a copy of `view`, copying it in on first use; returns its node count. */
  private select(view: CsrView): number {
    const arrays: GraphCopy['arrays'] = [view.firstOut, view.head, view.time, view.length];
    this.uses++;
    const cur = this.current;
    if (cur && cur.view === view && sameArrays(cur.arrays, arrays)) {
      cur.lastUsed = this.uses;
      return cur.nodeCount;
    }
    let copy = this.graphs.find((g) => g.view === view && sameArrays(g.arrays, arrays));
    if (!copy) copy = this.copyIn(view, arrays);
    copy.lastUsed = this.uses;
    this.current = copy;
    const { offset, nodeCount } = copy;
    const m = view.head.length;
    const head = offset + 4 * (nodeCount + 1);
    this.kernel.setGraph(offset, head, head + 4 * m, head + 8 * m);
    return nodeCount;
  }

  private copyIn(view: CsrView, arrays: GraphCopy['arrays']): GraphCopy {
    const nodeCount = checkView(view, this.nodeCount);
    const m = view.head.length;
    const bytes = 4 * (nodeCount + 1) + 12 * m;
    let offset: number;
    let capacity: number;
    const evicted =
      this.graphs.length >= CACHED_VIEWS
        ? this.graphs.splice(this.graphs.indexOf(leastRecentlyUsed(this.graphs)), 1)[0]
        : undefined;
    if (evicted && evicted.capacity >= bytes) {
      offset = evicted.offset;
      capacity = evicted.capacity;
    } else {
      offset = this.end;
      capacity = align8(bytes);
      this.grow(offset + capacity);
      this.end = offset + capacity;
    }
    const buffer = this.memory.buffer;
    new Int32Array(buffer, offset, nodeCount + 1).set(view.firstOut);
    const head = offset + 4 * (nodeCount + 1);
    new Int32Array(buffer, head, m).set(view.head);
    new Int32Array(buffer, head + 4 * m, m).set(view.time);
    new Float32Array(buffer, head + 8 * m, m).set(view.length);
    const copy: GraphCopy = { view, arrays, offset, capacity, nodeCount, lastUsed: 0 };
    this.graphs.push(copy);
    return copy;
  }

  /** Grows the memory to hold `bytes`; growing detaches the old buffer, so views are rebuilt. */
  private grow(bytes: number): void {
    if (bytes > MAX_BYTES) throw new RangeError('graph too large for one search workspace (4 GiB)');
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / PAGE));
    this.refreshLabels();
  }

  private refreshLabels(): void {
    const buffer = this.memory.buffer;
    const n = this.nodeCount;
    this.labels = {
      time: new Int32Array(buffer, 0, n),
      source: new Int32Array(buffer, 4 * n, n),
      touched: new Int32Array(buffer, 8 * n, n),
      dist: new Float64Array(buffer, align8(24 * n), n),
    };
  }
}

function align8(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

function sameArrays(a: GraphCopy['arrays'], b: GraphCopy['arrays']): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

function leastRecentlyUsed(graphs: GraphCopy[]): GraphCopy {
  return graphs.reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a));
}

/**
 * The kernel trusts the arrays it is given, as C would: an edge to a node beyond the workspace
 * would write outside the labels. Checked once per copied view, in one pass.
 */
function checkView(view: CsrView, workspaceNodes: number): number {
  const { firstOut, head, time, length } = view;
  const nodeCount = firstOut.length - 1;
  const m = head.length;
  if (nodeCount < 0 || nodeCount > workspaceNodes)
    throw new RangeError(`graph has ${nodeCount} nodes, the workspace ${workspaceNodes}`);
  if (time.length !== m || length.length !== m)
    throw new RangeError(
      `graph edge arrays differ in length (${m} heads, ${time.length} times, ${length.length} lengths)`,
    );
  if (firstOut[0] !== 0 || firstOut[nodeCount] !== m)
    throw new RangeError(`graph offsets do not span its ${m} edges`);
  for (let v = 0; v < nodeCount; v++)
    if (firstOut[v + 1] < firstOut[v]) throw new RangeError(`graph offsets decrease at node ${v}`);
  for (let e = 0; e < m; e++) {
    const h = head[e];
    if (h < 0 || h >= nodeCount)
      throw new RangeError(`edge ${e} leads to node ${h}, outside 0…${nodeCount - 1}`);
    if (time[e] < 0) throw new RangeError(`edge ${e} has negative time ${time[e]}`);
  }
  return nodeCount;
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
