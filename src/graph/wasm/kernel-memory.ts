/**
 * The memory side of a WebAssembly search kernel: one WebAssembly memory holding a search's
 * per-node arrays (labels, heap) and copies of the CSR views it searches, the typed-array views
 * TypeScript reads them through, and the checks that keep a kernel, which trusts its inputs as
 * C would, from writing outside its arrays.
 *
 * Layout (byte offsets): the Int32 arrays of the spec in order, then its Float64 arrays (8-byte
 * aligned), then per view searched `firstOut Int32[n+1], head Int32[m], time Int32[m],
 * length Float32[m]`. The two most recently searched views stay copied (a graph's forward and
 * backward view); a third evicts the older one and reuses its space when it fits.
 */
import type { CsrView } from '../csr.js';

/** The exports every search kernel has (each adds its own `layout`). */
export interface SearchKernel {
  /** Points the search at a copied view: byte offsets of firstOut, head, edge time, length. */
  setGraph(firstOut: number, head: number, edgeTime: number, length: number): void;
  /** Clears the labels the previous run touched and empties the heap. */
  reset(): void;
  /** Starts the search at a node with a time, distance and source index. */
  seed(node: number, time: number, dist: number, source: number): void;
  /** Runs the search up to `maxTime`; returns the number of nodes reached. */
  settle(maxTime: number): number;
  /** Clears the labels still queued (beyond the bound). */
  clearTentative(): void;
  heapSize: WebAssembly.Global;
  touchedCount: WebAssembly.Global;
}

/** Where a search starts (the same shape as dijkstra.ts' `Seeds`, declared here to avoid a cycle). */
interface SeedList {
  nodes: ArrayLike<number>;
  times?: ArrayLike<number>;
  dists?: ArrayLike<number>;
  sources?: ArrayLike<number>;
}

/** Per-node arrays of a kernel: element type, elements per node and initial value. */
export type ArraySpec = Record<string, { type: 'i32' | 'f64'; perNode: number; fill?: number }>;

/** The typed-array views for an {@link ArraySpec}. */
export type ArraysOf<S extends ArraySpec> = {
  [K in keyof S]: S[K]['type'] extends 'f64' ? Float64Array : Int32Array;
};

const PAGE = 65536;
/** wasm32 addresses are 32-bit: one memory holds at most 4 GiB. */
const MAX_BYTES = 2 ** 32;
/** Views kept copied at once: a graph's forward and backward view. */
const CACHED_VIEWS = 2;

/** A view copied into the memory, and where. */
interface GraphCopy {
  view: CsrView;
  /** The arrays copied, so a view whose arrays were replaced is copied again. */
  arrays: CsrArrays;
  offset: number;
  capacity: number;
  nodeCount: number;
  lastUsed: number;
}

type CsrArrays = [Int32Array, Int32Array, Int32Array, Float32Array];

/** Compiled modules, one per kernel binary and thread; instantiating one is cheap. */
const compiled = new WeakMap<Uint8Array, WebAssembly.Module>();

export class KernelMemory<K extends SearchKernel, S extends ArraySpec> {
  /** The kernel's exports. */
  readonly kernel: K;
  /** Byte offset of each per-node array (fixed; pass them to the kernel once). */
  readonly offsets: Record<keyof S, number>;
  private readonly memory: WebAssembly.Memory;
  private readonly spec: S;
  private readonly nodeCount: number;
  private readonly graphs: GraphCopy[] = [];
  private current: GraphCopy | undefined;
  private end: number;
  private uses = 0;
  private views!: ArraysOf<S>;

  constructor(binary: Uint8Array<ArrayBuffer>, nodeCount: number, spec: S) {
    if (!Number.isInteger(nodeCount) || nodeCount < 0)
      throw new RangeError(`invalid node count ${nodeCount}`);
    this.nodeCount = nodeCount;
    this.spec = spec;
    const offsets: Record<string, number> = {};
    let at = 0;
    for (const type of ['i32', 'f64'] as const) {
      at = align8(at);
      for (const [name, a] of Object.entries(spec)) {
        if (a.type !== type) continue;
        offsets[name] = at;
        at += (type === 'i32' ? 4 : 8) * a.perNode * nodeCount;
      }
    }
    this.offsets = offsets as Record<keyof S, number>;
    this.end = align8(at);
    if (this.end > MAX_BYTES) throw new RangeError(`${nodeCount} nodes do not fit in one search workspace`);
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(this.end / PAGE) });
    let module = compiled.get(binary);
    if (!module) {
      module = new WebAssembly.Module(binary);
      compiled.set(binary, module);
    }
    this.kernel = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as unknown as K;
    this.refreshViews();
    for (const [name, a] of Object.entries(spec)) if (a.fill) this.views[name].fill(a.fill);
  }

  /** Views onto the per-node arrays; replaced when the memory grows, so read them after a search. */
  get arrays(): ArraysOf<S> {
    return this.views;
  }

  /** Nodes given a label by the last run (the first entries of the kernel's `touched` array). */
  get touchedCount(): number {
    return this.kernel.touchedCount.value;
  }

  /**
   * One search: selects `view`, checks and plants the seeds, settles up to `maxTime` and clears
   * what is left beyond it. `timeLimit` is the largest time the kernel can represent; seed times
   * above it are clamped (such a seed is beyond any bound). Returns the nodes reached.
   */
  search(view: CsrView, seeds: SeedList, maxTime: number, timeLimit: number): number {
    const viewNodes = this.selectGraph(view);
    const k = this.kernel;
    k.reset();
    const n = seeds.nodes.length;
    for (let i = 0; i < n; i++) {
      const v = seeds.nodes[i];
      if (!Number.isInteger(v) || v < 0 || v >= viewNodes)
        throw new RangeError(`seed ${i}: node ${v} is not in the graph (0…${viewNodes - 1})`);
      const raw = seeds.times ? seeds.times[i] : 0;
      const t = Math.min(Math.round(raw), timeLimit);
      if (!(t >= 0)) throw new RangeError(`seed ${i}: time ${raw} is out of range`);
      k.seed(v, t, seeds.dists ? seeds.dists[i] : 0, seeds.sources ? seeds.sources[i] : i);
    }
    const reached = k.settle(Math.max(Math.min(Math.floor(maxTime), timeLimit), -1));
    if (k.heapSize.value > 0) k.clearTentative();
    return reached;
  }

  /**
   * Points the kernel at `view`, copying it in on first use, and returns its node count. Throws
   * a RangeError, before the kernel sees anything, for a view the kernel could not search safely.
   */
  selectGraph(view: CsrView): number {
    const arrays: CsrArrays = [view.firstOut, view.head, view.time, view.length];
    this.uses++;
    let copy =
      this.current && this.current.view === view && sameArrays(this.current.arrays, arrays)
        ? this.current
        : this.graphs.find((g) => g.view === view && sameArrays(g.arrays, arrays));
    if (!copy) copy = this.copyIn(view, arrays);
    copy.lastUsed = this.uses;
    if (copy !== this.current) {
      this.current = copy;
      const head = copy.offset + 4 * (copy.nodeCount + 1);
      const m = view.head.length;
      this.kernel.setGraph(copy.offset, head, head + 4 * m, head + 8 * m);
    }
    return copy.nodeCount;
  }

  private copyIn(view: CsrView, arrays: CsrArrays): GraphCopy {
    const nodeCount = checkView(view, this.nodeCount);
    const m = view.head.length;
    const bytes = 4 * (nodeCount + 1) + 12 * m;
    let evicted: GraphCopy | undefined;
    if (this.graphs.length >= CACHED_VIEWS) {
      evicted = this.graphs.reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a));
      this.graphs.splice(this.graphs.indexOf(evicted), 1);
      if (this.current === evicted) this.current = undefined;
    }
    let offset: number;
    let capacity: number;
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
    const head = offset + 4 * (nodeCount + 1);
    new Int32Array(buffer, offset, nodeCount + 1).set(view.firstOut);
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
    this.refreshViews();
  }

  private refreshViews(): void {
    const buffer = this.memory.buffer;
    const views: Record<string, Int32Array | Float64Array> = {};
    for (const [name, a] of Object.entries(this.spec)) {
      const length = a.perNode * this.nodeCount;
      views[name] =
        a.type === 'i32'
          ? new Int32Array(buffer, this.offsets[name], length)
          : new Float64Array(buffer, this.offsets[name], length);
    }
    this.views = views as ArraysOf<S>;
  }
}

function align8(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

function sameArrays(a: CsrArrays, b: CsrArrays): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/** One pass over a view before it is copied: an edge to a node beyond the labels would corrupt them. */
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
