/**
 * Degree-2 chain contraction: a node touched by exactly two segments that continue each other is
 * not a decision point, so the two become one segment and the node disappears from the routing
 * graph (its position survives in the merged geometry, for display and snapping).
 *
 * Two segments merge across a node only when they agree on everything a search or a scenario
 * distinguishes: road class, road flags (bridge, tunnel, ford, ferry, unpaved) and direction
 * (both two-way, or one-way the same way through the node). Time and length are summed; the
 * merged segment keeps the OSM way id of its longest piece, so a chain spanning several ways
 * (split by the mapper at a municipality border, a speed change) reports one representative way.
 * Loops (a chain returning to its start) are kept: people live along cul-de-sac loops too.
 */
import { Dir, SegmentBuilder, type SegmentSet } from './segment-set.js';

/** Swaps the forward and backward bits. */
const flip = (d: number) => ((d & Dir.forward) << 1) | ((d & Dir.backward) >> 1);

/** Contracts chains; returns the new segments and how many nodes disappeared. */
export function contractChains(
  set: SegmentSet,
  nodeCount: number,
): { segments: SegmentSet; removedNodes: number } {
  const { a, b, dir, cls, flags } = set;
  const start = new Int32Array(nodeCount + 1);
  for (let i = 0; i < set.count; i++) {
    start[a[i] + 1]++;
    start[b[i] + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) start[v + 1] += start[v];
  const next = start.slice(0, nodeCount);
  const inc = new Int32Array(2 * set.count);
  for (let i = 0; i < set.count; i++) {
    inc[next[a[i]]++] = i;
    inc[next[b[i]]++] = i;
  }

  /** Direction of segment s when travelled away from node v. */
  const dirFrom = (s: number, v: number) => (a[s] === v ? dir[s] : flip(dir[s]));
  const contractible = new Uint8Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) {
    if (start[v + 1] - start[v] !== 2) continue;
    const s1 = inc[start[v]];
    const s2 = inc[start[v] + 1];
    if (s1 === s2 || cls[s1] !== cls[s2] || flags[s1] !== flags[s2]) continue;
    // Into v along s1 must equal out of v along s2.
    if (flip(dirFrom(s1, v)) === dirFrom(s2, v)) contractible[v] = 1;
  }
  const other = (v: number, s: number) => (inc[start[v]] === s ? inc[start[v] + 1] : inc[start[v]]);
  const across = (s: number, v: number) => (a[s] === v ? b[s] : a[s]);

  const out = new SegmentBuilder();
  const visited = new Uint8Array(set.count);
  let removedNodes = 0;
  for (let s = 0; s < set.count; s++) {
    if (visited[s]) continue;
    // Walk back to the chain's first node (or, for a pure cycle, stop at s's own start).
    let first = s;
    let from = a[s];
    while (contractible[from]) {
      const prev = other(from, first);
      if (prev === s) {
        first = s;
        from = a[s];
        break;
      }
      from = across(prev, from);
      first = prev;
    }
    // Walk forward, appending geometry.
    const chainDir = dirFrom(first, from);
    let at = from;
    let seg = first;
    let metres = 0;
    let seconds = 0;
    let way = set.way[first];
    let wayMetres = -1;
    for (;;) {
      visited[seg] = 1;
      const g0 = set.geomStart[seg];
      const g1 = set.geomStart[seg + 1];
      const skip = seg === first ? 0 : 1; // the joint is already there
      if (a[seg] === at) for (let g = g0 + skip; g < g1; g++) out.geomNode.push(set.geomNode[g]);
      else for (let g = g1 - 1 - skip; g >= g0; g--) out.geomNode.push(set.geomNode[g]);
      metres += set.metres[seg];
      seconds += set.seconds[seg];
      if (set.metres[seg] > wayMetres) {
        wayMetres = set.metres[seg];
        way = set.way[seg];
      }
      at = across(seg, at);
      if (at === from || !contractible[at]) break;
      removedNodes++;
      seg = other(at, seg);
    }
    out.add(from, at, chainDir, cls[first], flags[first], metres, seconds, way);
  }
  return { segments: out.finish(), removedNodes };
}
