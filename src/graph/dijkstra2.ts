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
 *
 * The search runs in WebAssembly (`wasm/dijkstra2.wat`), for the reasons given in dijkstra.ts.
 */
import type { CsrView } from './csr.js';
import type { SearchOptions, Seeds } from './dijkstra.js';
import { UNREACHED } from './dijkstra.js';
import { NOT_IN_HEAP } from './heap.js';
import { WASM_BYTES } from './wasm/dijkstra2-wasm.js';
import { type ArraySpec, KernelMemory, type SearchKernel } from './wasm/kernel-memory.js';

/** Heap keys are `2·time + slot` in an Int32, so times must stay below 2^30 (≈ 3.4 years in ds). */
const MAX_TIME = 0x3ffffffe;

/** The functions and state `wasm/dijkstra2.wat` exports. */
interface Kernel extends SearchKernel {
  layout(
    time1: number,
    time2: number,
    source1: number,
    source2: number,
    dist1: number,
    dist2: number,
    touched: number,
    items: number,
    keys: number,
    pos: number,
  ): void;
}

/** The kernel's per-node arrays; the heap has one slot per label, two per node. */
const ARRAYS = {
  time1: { type: 'i32', perNode: 1, fill: UNREACHED },
  time2: { type: 'i32', perNode: 1, fill: UNREACHED },
  source1: { type: 'i32', perNode: 1, fill: -1 },
  source2: { type: 'i32', perNode: 1, fill: -1 },
  touched: { type: 'i32', perNode: 1 },
  items: { type: 'i32', perNode: 2 },
  keys: { type: 'i32', perNode: 2 },
  pos: { type: 'i32', perNode: 2, fill: NOT_IN_HEAP },
  dist1: { type: 'f64', perNode: 1 },
  dist2: { type: 'f64', perNode: 1 },
} as const satisfies ArraySpec;

/**
 * Reusable state and results of {@link twoSourceDijkstra}: a {@link KernelMemory} with the arrays
 * above and a copy of each view searched (see DijkstraWorkspace for the rules on views). The
 * label arrays are views onto that memory: read them after the search whose results you want.
 */
export class TwoSourceWorkspace {
  readonly nodeCount: number;
  private readonly mem: KernelMemory<Kernel, typeof ARRAYS>;

  constructor(nodeCount: number) {
    this.nodeCount = nodeCount;
    this.mem = new KernelMemory<Kernel, typeof ARRAYS>(WASM_BYTES, nodeCount, ARRAYS);
    const o = this.mem.offsets;
    this.mem.kernel.layout(
      o.time1,
      o.time2,
      o.source1,
      o.source2,
      o.dist1,
      o.dist2,
      o.touched,
      o.items,
      o.keys,
      o.pos,
    );
  }

  /** Time to the nearest source, or UNREACHED. */
  get time1(): Int32Array {
    return this.mem.arrays.time1;
  }
  /** Time to the nearest source other than `source1`, or UNREACHED. */
  get time2(): Int32Array {
    return this.mem.arrays.time2;
  }
  get dist1(): Float64Array {
    return this.mem.arrays.dist1;
  }
  get dist2(): Float64Array {
    return this.mem.arrays.dist2;
  }
  /** Source index per slot, -1 when empty. */
  get source1(): Int32Array {
    return this.mem.arrays.source1;
  }
  get source2(): Int32Array {
    return this.mem.arrays.source2;
  }
  /** Nodes given any label by the last run; the first `touchedCount` count. */
  get touched(): Int32Array {
    return this.mem.arrays.touched;
  }
  get touchedCount(): number {
    return this.mem.touchedCount;
  }

  /** Runs the kernel's search from `seeds` on `view`; see {@link twoSourceDijkstra}. */
  search(view: CsrView, seeds: Seeds, maxTime: number): number {
    return this.mem.search(view, seeds, maxTime, MAX_TIME);
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
  return ws.search(view, seeds, opts.maxTime ?? MAX_TIME);
}
