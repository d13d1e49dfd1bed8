/**
 * Splits the collected ways into segments between graph nodes. A way vertex becomes a graph node
 * ("junction") when it ends a way, is used more than once (shared by ways, or a way crossing
 * itself), or borders a vertex missing from the file (extracts clip ways at their edge); every
 * other vertex is geometry only. Pieces touching a missing vertex are dropped.
 */
import { EdgeFlag } from './attributes.js';
import { haversineMetres } from './haversine.js';
import { SegmentBuilder, type SegmentSet } from './segment-set.js';
import type { WayCollector } from './way-collector.js';

/** Road vertices known after pass 2, by index of the sorted OSM node id. */
export interface VertexTable {
  /** Latitude/longitude × 10⁷. */
  lat: Int32Array;
  lon: Int32Array;
  /** 1 when the node was found in the file. */
  present: Uint8Array;
  /** 1 when the node itself is tagged `ford=yes`. */
  ford: Uint8Array;
}

/** Segments over junction numbers, plus the junction ↔ vertex mapping. */
export interface SplitResult {
  segments: SegmentSet;
  /** Vertex index of each junction. */
  junctionVertex: Int32Array;
}

const E7 = 1e-7;

/**
 * @param refIndex vertex index of every entry of `ways.refs`.
 * @param everyVertex make every way vertex a graph node (full-resolution graphs).
 */
export function splitWays(
  ways: WayCollector,
  refIndex: Int32Array,
  vertices: VertexTable,
  everyVertex = false,
): SplitResult {
  const vertexCount = vertices.lat.length;
  const { present } = vertices;
  // 0 unseen, 1 seen once, 2 junction.
  const mark = new Uint8Array(vertexCount);
  for (let w = 0; w < ways.count; w++) {
    const s = ways.start.data[w];
    const e = ways.end(w);
    for (let i = s; i < e; i++) {
      const v = refIndex[i];
      if (!present[v]) {
        if (i > s) mark[refIndex[i - 1]] = 2;
        if (i + 1 < e) mark[refIndex[i + 1]] = 2;
        continue;
      }
      mark[v] = everyVertex || i === s || i === e - 1 || mark[v] > 0 ? 2 : 1;
    }
  }
  const junctionOf = new Int32Array(vertexCount).fill(-1);
  let junctions = 0;
  for (let v = 0; v < vertexCount; v++) if (mark[v] === 2 && present[v]) junctionOf[v] = junctions++;
  const junctionVertex = new Int32Array(junctions);
  for (let v = 0; v < vertexCount; v++) if (junctionOf[v] >= 0) junctionVertex[junctionOf[v]] = v;

  const out = new SegmentBuilder();
  const { lat, lon, ford } = vertices;
  for (let w = 0; w < ways.count; w++) {
    const s = ways.start.data[w];
    const e = ways.end(w);
    const firstSegment = out.count;
    let from = -1; // vertex index of the current piece's start junction
    let metres = 0;
    let pieceFlags = 0;
    for (let i = s; i < e; i++) {
      const v = refIndex[i];
      if (!present[v]) {
        from = -1;
        out.dropPendingGeometry();
        continue;
      }
      if (from >= 0) {
        const u = refIndex[i - 1];
        metres += haversineMetres(lat[u] * E7, lon[u] * E7, lat[v] * E7, lon[v] * E7);
      }
      out.geomNode.push(v);
      if (ford[v]) pieceFlags |= EdgeFlag.ford;
      if (junctionOf[v] < 0) continue;
      if (from >= 0) {
        const speed = ways.speedKmh.data[w];
        out.add(
          junctionOf[from],
          junctionOf[v],
          ways.dir.data[w],
          ways.cls.data[w],
          ways.flags.data[w] | pieceFlags,
          metres,
          speed > 0 ? metres / (speed / 3.6) : 0,
          ways.wayId.data[w],
        );
        out.geomNode.push(v); // the next piece starts here
      }
      from = v;
      metres = 0;
      pieceFlags = ford[v] ? EdgeFlag.ford : 0;
    }
    out.dropPendingGeometry();
    spreadWayTime(out, firstSegment, ways.fixedSeconds.data[w], ways.extraSeconds.data[w]);
  }
  return { segments: out.finish(), junctionVertex };
}

/**
 * Ferries: a whole-way time (tagged duration) or a whole-way boarding time is shared among the
 * way's pieces in proportion to their length, so a crossing split by a junction still adds up.
 */
function spreadWayTime(out: SegmentBuilder, first: number, fixed: number, extra: number): void {
  if (Number.isNaN(fixed) && extra === 0) return;
  let total = 0;
  for (let i = first; i < out.count; i++) total += out.metresOf(i);
  const pieces = out.count - first;
  for (let i = first; i < out.count; i++) {
    const share = total > 0 ? out.metresOf(i) / total : 1 / pieces;
    const crossing = Number.isNaN(fixed) ? out.secondsOf(i) : fixed * share;
    out.setSeconds(i, crossing + extra * share);
  }
}
