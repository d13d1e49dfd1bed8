/**
 * Deliberately plain reference implementations for tests: O(n²) Dijkstra over an arc list with
 * no heap and no typed-array tricks, so a bug in the fast code cannot be mirrored here.
 */

/** A directed arc with an integer time and a length. */
export interface RefArc {
  from: number;
  to: number;
  time: number;
  length?: number;
}

/** Shortest times from a set of seeds `(node, startTime)`; Infinity where unreachable. */
export function referenceTimes(
  nodeCount: number,
  arcs: readonly RefArc[],
  seeds: readonly { node: number; time: number }[],
): number[] {
  const time = new Array<number>(nodeCount).fill(Number.POSITIVE_INFINITY);
  const done = new Array<boolean>(nodeCount).fill(false);
  for (const s of seeds) time[s.node] = Math.min(time[s.node], s.time);
  for (;;) {
    let u = -1;
    for (let v = 0; v < nodeCount; v++)
      if (!done[v] && time[v] < Number.POSITIVE_INFINITY && (u < 0 || time[v] < time[u])) u = v;
    if (u < 0) return time;
    done[u] = true;
    for (const a of arcs) if (a.from === u && time[u] + a.time < time[a.to]) time[a.to] = time[u] + a.time;
  }
}

/** The same arcs turned around (for checking searches on the backward view). */
export function reversedArcs(arcs: readonly RefArc[]): RefArc[] {
  return arcs.map((a) => ({ ...a, from: a.to, to: a.from }));
}
