/**
 * Compressed sparse row (CSR) adjacency: the layout every search in SOT runs on. Node `v`'s
 * outgoing edges are `firstOut[v] … firstOut[v + 1] - 1`; each has a head node, an integer travel
 * time and a length. Plain typed arrays, so a graph file can be mapped straight into them and a
 * search touches a few contiguous arrays instead of millions of objects.
 */

/** One direction of a graph in CSR form. */
export interface CsrView {
  /** `nodeCount + 1` offsets into the edge arrays. */
  firstOut: Int32Array;
  /** Head node of each edge (for the backward view: the tail of the original edge). */
  head: Int32Array;
  /** Travel time of each edge in the graph's integer unit (deciseconds for road graphs). */
  time: Int32Array;
  /** Length of each edge in metres (zeros when the source format has none, e.g. DIMACS). */
  length: Float32Array;
}

/** The reversed graph: edge `i` of the backward view is forward edge `edge[i]` turned around. */
export interface BackwardView extends CsrView {
  edge: Int32Array;
}

/** A directed graph with both search directions. */
export interface CsrGraph {
  nodeCount: number;
  edgeCount: number;
  forward: CsrView;
  /**
   * Searches that start at the destinations (from services, to find each resident's time *to*
   * the nearest service) must run here: on a one-way street the time from A to B is not the time
   * from B to A.
   */
  backward: BackwardView;
}

/**
 * Groups arcs by tail with a counting sort. Returns the offsets and `order`, where `order[i]` is
 * the input arc placed at CSR position `i` (stable: arcs of one tail keep their input order).
 */
export function csrOrder(
  nodeCount: number,
  tails: ArrayLike<number>,
  arcCount = tails.length,
): { firstOut: Int32Array; order: Int32Array } {
  const firstOut = new Int32Array(nodeCount + 1);
  for (let i = 0; i < arcCount; i++) firstOut[tails[i] + 1]++;
  for (let v = 0; v < nodeCount; v++) firstOut[v + 1] += firstOut[v];
  const next = firstOut.slice(0, nodeCount);
  const order = new Int32Array(arcCount);
  for (let i = 0; i < arcCount; i++) order[next[tails[i]]++] = i;
  return { firstOut, order };
}

/** Builds a forward view from arcs given in any order; `order` maps CSR positions to input arcs. */
export function csrFromArcs(
  nodeCount: number,
  tails: ArrayLike<number>,
  heads: ArrayLike<number>,
  times: ArrayLike<number>,
  lengths: ArrayLike<number> | null,
  arcCount = tails.length,
): { view: CsrView; order: Int32Array } {
  const { firstOut, order } = csrOrder(nodeCount, tails, arcCount);
  const head = new Int32Array(arcCount);
  const time = new Int32Array(arcCount);
  const length = new Float32Array(arcCount);
  for (let i = 0; i < arcCount; i++) {
    const a = order[i];
    head[i] = heads[a];
    time[i] = times[a];
    if (lengths) length[i] = lengths[a];
  }
  return { view: { firstOut, head, time, length }, order };
}

/** The backward view of a forward view, with times and lengths copied for locality. */
export function reverseView(nodeCount: number, fwd: CsrView): BackwardView {
  const m = fwd.head.length;
  const tails = new Int32Array(m);
  for (let v = 0; v < nodeCount; v++)
    for (let e = fwd.firstOut[v]; e < fwd.firstOut[v + 1]; e++) tails[e] = v;
  const { firstOut, order } = csrOrder(nodeCount, fwd.head);
  const head = new Int32Array(m);
  const time = new Int32Array(m);
  const length = new Float32Array(m);
  for (let i = 0; i < m; i++) {
    const e = order[i];
    head[i] = tails[e];
    time[i] = fwd.time[e];
    length[i] = fwd.length[e];
  }
  return { firstOut, head, time, length, edge: order };
}

/** A complete graph from arcs (used by the DIMACS reader and tests). */
export function graphFromArcs(
  nodeCount: number,
  tails: ArrayLike<number>,
  heads: ArrayLike<number>,
  times: ArrayLike<number>,
  lengths: ArrayLike<number> | null = null,
  arcCount = tails.length,
): CsrGraph {
  const { view } = csrFromArcs(nodeCount, tails, heads, times, lengths, arcCount);
  return { nodeCount, edgeCount: arcCount, forward: view, backward: reverseView(nodeCount, view) };
}
