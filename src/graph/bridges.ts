/**
 * Bridges of the road network in the graph-theory sense: undirected edges whose removal splits
 * the network (one road into a valley, one causeway to an island). A resident depends on a bridge
 * for a service when every route between them crosses one, which holds exactly when the two lie
 * in different 2-edge-connected components (the bridge tree path between them is non-empty).
 *
 * Tarjan's low-link algorithm, iterative so 4-million-node graphs don't overflow the call stack.
 * Direction is ignored on purpose: a closed bridge cuts the valley off whichever way its lanes
 * run. Parallel edges (two ways between the same junctions) are not bridges; self-loops never are.
 */

import type { RoadGraph } from './road-graph.js';

/** Result of {@link analyseBridges}. */
export interface BridgeAnalysis {
  /** 1 for each undirected edge that is a bridge. */
  isBridge: Uint8Array;
  bridgeCount: number;
  /** 2-edge-connected component of each node. */
  component: Int32Array;
  /** Connected component of each node (nodes in different ones have no route at all). */
  connected: Int32Array;
}

/**
 * Finds bridges of the undirected multigraph with edges `a[i]`–`b[i]`.
 *
 * @returns a 0/1 mark per edge.
 */
export function findBridges(nodeCount: number, a: ArrayLike<number>, b: ArrayLike<number>): Uint8Array {
  const m = a.length;
  const { start, node: adjNode, edge: adjEdge } = undirectedAdjacency(nodeCount, a, b);
  const isBridge = new Uint8Array(m);
  const disc = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const parentEdge = new Int32Array(nodeCount);
  const iter = new Int32Array(nodeCount);
  const stack = new Int32Array(nodeCount);
  let clock = 0;
  for (let root = 0; root < nodeCount; root++) {
    if (disc[root] !== -1) continue;
    let sp = 0;
    stack[sp++] = root;
    disc[root] = low[root] = clock++;
    parentEdge[root] = -1;
    iter[root] = start[root];
    while (sp > 0) {
      const v = stack[sp - 1];
      if (iter[v] < start[v + 1]) {
        const k = iter[v]++;
        const id = adjEdge[k];
        if (id === parentEdge[v]) continue;
        const w = adjNode[k];
        if (disc[w] === -1) {
          disc[w] = low[w] = clock++;
          parentEdge[w] = id;
          iter[w] = start[w];
          stack[sp++] = w;
        } else if (disc[w] < low[v]) {
          low[v] = disc[w];
        }
      } else {
        sp--;
        if (sp > 0) {
          const p = stack[sp - 1];
          if (low[v] < low[p]) low[p] = low[v];
          if (low[v] > disc[p]) isBridge[parentEdge[v]] = 1;
        }
      }
    }
  }
  return isBridge;
}

/**
 * Labels nodes by the components left when the edges with `cut[i] = 1` are removed (all zeros:
 * connected components; the bridges: 2-edge-connected components).
 */
export function componentsWithout(
  nodeCount: number,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  cut: Uint8Array | null,
): Int32Array {
  const { start, node: adjNode, edge: adjEdge } = undirectedAdjacency(nodeCount, a, b);
  const comp = new Int32Array(nodeCount).fill(-1);
  const queue = new Int32Array(nodeCount);
  let label = 0;
  for (let root = 0; root < nodeCount; root++) {
    if (comp[root] !== -1) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    comp[root] = label;
    while (head < tail) {
      const v = queue[head++];
      for (let k = start[v]; k < start[v + 1]; k++) {
        if (cut?.[adjEdge[k]]) continue;
        const w = adjNode[k];
        if (comp[w] === -1) {
          comp[w] = label;
          queue[tail++] = w;
        }
      }
    }
    label++;
  }
  return comp;
}

/** Bridges plus the component labels needed to answer {@link dependsOnBridge}. */
export function analyseBridges(
  nodeCount: number,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): BridgeAnalysis {
  const isBridge = findBridges(nodeCount, a, b);
  let bridgeCount = 0;
  for (let i = 0; i < isBridge.length; i++) bridgeCount += isBridge[i];
  return {
    isBridge,
    bridgeCount,
    component: componentsWithout(nodeCount, a, b, isBridge),
    connected: componentsWithout(nodeCount, a, b, null),
  };
}

/**
 * Whether every route between nodes x and y crosses a bridge. False when they are connected
 * without one, and also when there is no route at all (that is unreachability, reported as such
 * by the search, not bridge dependence).
 */
export function dependsOnBridge(analysis: BridgeAnalysis, x: number, y: number): boolean {
  return analysis.connected[x] === analysis.connected[y] && analysis.component[x] !== analysis.component[y];
}

function undirectedAdjacency(
  nodeCount: number,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): { start: Int32Array; node: Int32Array; edge: Int32Array } {
  const m = a.length;
  const start = new Int32Array(nodeCount + 1);
  for (let i = 0; i < m; i++) {
    start[a[i] + 1]++;
    start[b[i] + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) start[v + 1] += start[v];
  const next = start.slice(0, nodeCount);
  const node = new Int32Array(2 * m);
  const edge = new Int32Array(2 * m);
  for (let i = 0; i < m; i++) {
    let k = next[a[i]]++;
    node[k] = b[i];
    edge[k] = i;
    k = next[b[i]]++;
    node[k] = a[i];
    edge[k] = i;
  }
  return { start, node, edge };
}

/**
 * Bridge analysis of a road graph: its segments are the undirected edges (both directions of a
 * two-way road are one edge, so a two-way road alone is never mistaken for a cycle). `isBridge`
 * is indexed by segment.
 */
export function roadGraphBridges(
  graph: Pick<RoadGraph, 'nodeCount' | 'segmentA' | 'segmentB'>,
): BridgeAnalysis {
  return analyseBridges(graph.nodeCount, graph.segmentA, graph.segmentB);
}
