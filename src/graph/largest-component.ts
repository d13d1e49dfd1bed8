/**
 * Keeps the largest strongly connected component of the segment graph and describes what was
 * dropped, so a user can see that (say) an island without a mapped ferry fell out of the
 * analysis instead of silently getting no times.
 */
import { csrOrder } from './csr.js';
import { stronglyConnectedComponents } from './scc.js';
import { Dir, type SegmentSet, selectSegments } from './segment-set.js';

/** One dropped component. */
export interface DroppedComponent {
  /** Graph nodes (junctions) in it. */
  nodes: number;
  /** Road length starting in it, metres. */
  roadMetres: number;
  /** Where it is: one of its nodes, WGS 84 degrees. */
  lat: number;
  lon: number;
}

/** What the largest-component filter removed. */
export interface DroppedReport {
  components: number;
  nodes: number;
  roadMetres: number;
  /** The largest dropped components, at most {@link MAX_LISTED}, biggest first. */
  largest: DroppedComponent[];
}

/** Components listed individually in the report (the rest are only counted). */
export const MAX_LISTED = 100;

/**
 * @param nodeCount number of junctions (segment end ids are below it).
 * @param lat,lon junction coordinates × 10⁷ (for the report).
 */
export function keepLargestComponent(
  segments: SegmentSet,
  nodeCount: number,
  lat: Int32Array,
  lon: Int32Array,
): { segments: SegmentSet; dropped: DroppedReport } {
  const tails = new Int32Array(2 * segments.count);
  const heads = new Int32Array(2 * segments.count);
  let arcs = 0;
  const used = new Uint8Array(nodeCount);
  for (let i = 0; i < segments.count; i++) {
    const a = segments.a[i];
    const b = segments.b[i];
    used[a] = used[b] = 1;
    if (segments.dir[i] & Dir.forward) {
      tails[arcs] = a;
      heads[arcs++] = b;
    }
    if (segments.dir[i] & Dir.backward) {
      tails[arcs] = b;
      heads[arcs++] = a;
    }
  }
  const { firstOut, order } = csrOrder(nodeCount, tails, arcs);
  const head = new Int32Array(arcs);
  for (let i = 0; i < arcs; i++) head[i] = heads[order[i]];
  const scc = stronglyConnectedComponents(nodeCount, firstOut, head);

  // Size by used junctions only: junctions whose every piece was clipped away are not roads.
  const size = new Int32Array(scc.count);
  const metres = new Float64Array(scc.count);
  const where = new Int32Array(scc.count).fill(-1);
  for (let v = 0; v < nodeCount; v++) {
    if (!used[v]) continue;
    const c = scc.component[v];
    size[c]++;
    if (where[c] < 0) where[c] = v;
  }
  for (let i = 0; i < segments.count; i++) metres[scc.component[segments.a[i]]] += segments.metres[i];
  let best = -1;
  for (let c = 0; c < scc.count; c++) if (size[c] > 0 && (best < 0 || size[c] > size[best])) best = c;

  const keep = new Uint8Array(segments.count);
  for (let i = 0; i < segments.count; i++) {
    keep[i] = scc.component[segments.a[i]] === best && scc.component[segments.b[i]] === best ? 1 : 0;
  }
  const dropped: DroppedComponent[] = [];
  let droppedNodes = 0;
  let droppedMetres = 0;
  for (let c = 0; c < scc.count; c++) {
    if (c === best || size[c] === 0) continue;
    droppedNodes += size[c];
    droppedMetres += metres[c];
    dropped.push({
      nodes: size[c],
      roadMetres: Math.round(metres[c]),
      lat: lat[where[c]] / 1e7,
      lon: lon[where[c]] / 1e7,
    });
  }
  dropped.sort((x, y) => y.nodes - x.nodes || y.roadMetres - x.roadMetres);
  return {
    segments: selectSegments(segments, keep),
    dropped: {
      components: dropped.length,
      nodes: droppedNodes,
      roadMetres: Math.round(droppedMetres),
      largest: dropped.slice(0, MAX_LISTED),
    },
  };
}
