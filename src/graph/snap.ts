/**
 * Attaching points (population cells, places, service points) to the road network: each point
 * goes to the nearest point *on* a road segment (projected onto the segment's geometry, not just
 * its nearest vertex), found through a uniform grid index over the geometry pieces.
 *
 * A snapped point sits at a position along a segment, between the segment's end nodes, and
 * reaches the network at walking-into-the-car cost: the off-road distance at
 * {@link DEFAULT_OFF_ROAD_KMH} (a crawl along a driveway or a forest road the map lacks). Points
 * further than the maximum snapping distance (default 5 km) are returned as unsnapped, for the
 * caller to report, never silently dropped.
 *
 * Distances within the search use a local equirectangular projection around the query point
 * (error well below a metre over 5 km); the reported off-road distance is the haversine distance
 * to the projected point.
 */
import type { Seeds } from './dijkstra.js';
import { UNREACHED } from './dijkstra.js';
import { haversineMetres } from './haversine.js';
import type { RoadGraph } from './road-graph.js';

/** Speed for the part between a point and its road, km/h. */
export const DEFAULT_OFF_ROAD_KMH = 20;
/** Points further than this from every road are reported as unsnappable. */
export const DEFAULT_MAX_SNAP_METRES = 5000;

const M_PER_DEG_LAT = 111_195; // mean Earth radius × π / 180
const E7 = 1e-7;

/** Where a point meets the road network. */
export interface Snap {
  segment: number;
  /** Metres along the segment's geometry from its node `a` to the snapped position. */
  along: number;
  /** Length of the segment's geometry, metres. */
  length: number;
  /** Off-road distance from the point to the snapped position, metres. */
  distance: number;
  /** The snapped position, degrees. */
  lat: number;
  lon: number;
}

/** Grid index over the straight pieces of every segment's geometry. */
export class SnapIndex {
  readonly graph: RoadGraph;
  private readonly minLat: number;
  private readonly minLon: number;
  private readonly cellLat: number;
  private readonly cellLon: number;
  private readonly cols: number;
  private readonly rows: number;
  /** CSR: pieces of cell c are `cellPieces[cellStart[c] … cellStart[c + 1] - 1]`. */
  private readonly cellStart: Int32Array;
  private readonly cellPieces: Int32Array;
  /** Segment of each piece (a piece is identified by its first geometry point). */
  private readonly pieceSegment: Int32Array;
  /** Metres along the segment at the start of each piece. */
  private readonly pieceAlong: Float64Array;
  private readonly segmentLength: Float64Array;
  private readonly stamp: Int32Array;
  private query = 0;

  constructor(graph: RoadGraph) {
    this.graph = graph;
    const { geometryStart: gs, geometryLat: glat, geometryLon: glon } = graph;
    const P = glat.length;
    this.pieceSegment = new Int32Array(P).fill(-1);
    this.pieceAlong = new Float64Array(P);
    this.segmentLength = new Float64Array(graph.segmentCount);
    let pieces = 0;
    for (let s = 0; s < graph.segmentCount; s++) {
      let along = 0;
      for (let p = gs[s]; p < gs[s + 1] - 1; p++) {
        this.pieceSegment[p] = s;
        this.pieceAlong[p] = along;
        along += haversineMetres(glat[p] * E7, glon[p] * E7, glat[p + 1] * E7, glon[p + 1] * E7);
        pieces++;
      }
      this.segmentLength[s] = along;
    }
    const bbox = graph.meta.bbox ?? [0, 0, 0, 0];
    // Geometry can bulge outside the node bbox: the grid covers every geometry point.
    let [minLon, minLat, maxLon, maxLat] = bbox;
    for (let p = 0; p < P; p++) {
      const la = glat[p] * E7;
      const lo = glon[p] * E7;
      if (la < minLat) minLat = la;
      if (la > maxLat) maxLat = la;
      if (lo < minLon) minLon = lo;
      if (lo > maxLon) maxLon = lo;
    }
    const cosMid = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    // About one piece per cell, but cells no smaller than ~50 m and at most ~16 M of them.
    const area = Math.max(1e-9, (maxLat - minLat) * (maxLon - minLon) * cosMid);
    let cellLat = Math.max(0.00045, Math.sqrt(area / Math.max(1, pieces)));
    while (((maxLat - minLat) / cellLat + 1) * ((maxLon - minLon) / (cellLat / cosMid) + 1) > 16e6)
      cellLat *= 2;
    this.cellLat = cellLat;
    this.cellLon = cellLat / cosMid;
    this.minLat = minLat;
    this.minLon = minLon;
    this.rows = Math.floor((maxLat - minLat) / this.cellLat) + 1;
    this.cols = Math.floor((maxLon - minLon) / this.cellLon) + 1;

    const cells = this.rows * this.cols;
    const cellStart = new Int32Array(cells + 1);
    const each = (visit: (cell: number, piece: number) => void) => {
      for (let p = 0; p < P; p++) {
        if (this.pieceSegment[p] < 0) continue;
        const r0 = this.row(Math.min(glat[p], glat[p + 1]) * E7);
        const r1 = this.row(Math.max(glat[p], glat[p + 1]) * E7);
        const c0 = this.col(Math.min(glon[p], glon[p + 1]) * E7);
        const c1 = this.col(Math.max(glon[p], glon[p + 1]) * E7);
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(r * this.cols + c, p);
      }
    };
    each((cell) => cellStart[cell + 1]++);
    for (let c = 0; c < cells; c++) cellStart[c + 1] += cellStart[c];
    const next = cellStart.slice(0, cells);
    const cellPieces = new Int32Array(cellStart[cells]);
    each((cell, p) => {
      cellPieces[next[cell]++] = p;
    });
    this.cellStart = cellStart;
    this.cellPieces = cellPieces;
    this.stamp = new Int32Array(P);
  }

  private row(lat: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((lat - this.minLat) / this.cellLat)));
  }

  private col(lon: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor((lon - this.minLon) / this.cellLon)));
  }

  /** The nearest position on any road within `maxMetres`, or null. */
  nearest(lat: number, lon: number, maxMetres = DEFAULT_MAX_SNAP_METRES): Snap | null {
    const { geometryLat: glat, geometryLon: glon } = this.graph;
    const mx = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
    const my = M_PER_DEG_LAT;
    const cellMetres = Math.min(this.cellLat * my, this.cellLon * mx);
    const qr = Math.floor((lat - this.minLat) / this.cellLat);
    const qc = Math.floor((lon - this.minLon) / this.cellLon);
    const stamp = ++this.query;
    let best = Number.POSITIVE_INFINITY;
    let bestPiece = -1;
    let bestT = 0;
    // Cells the query lies outside of (a point beyond the network's bounding box).
    const outside = Math.max(0, -qr, qr - this.rows + 1, -qc, qc - this.cols + 1);
    for (let ring = 0; ; ring++) {
      // Every piece in this ring or beyond lies at least (ring - 1) whole cells away.
      const reach = (ring - 1) * cellMetres;
      if (reach > best || reach > maxMetres || ring > outside + this.rows + this.cols) break;
      for (let r = qr - ring; r <= qr + ring; r++) {
        if (r < 0 || r >= this.rows) continue;
        const edgeRow = r === qr - ring || r === qr + ring;
        for (let c = qc - ring; c <= qc + ring; c += edgeRow ? 1 : 2 * ring) {
          if (c >= 0 && c < this.cols) {
            const cell = r * this.cols + c;
            for (let k = this.cellStart[cell]; k < this.cellStart[cell + 1]; k++) {
              const p = this.cellPieces[k];
              if (this.stamp[p] === stamp) continue;
              this.stamp[p] = stamp;
              const ax = (glon[p] * E7 - lon) * mx;
              const ay = (glat[p] * E7 - lat) * my;
              const bx = (glon[p + 1] * E7 - lon) * mx;
              const by = (glat[p + 1] * E7 - lat) * my;
              const dx = bx - ax;
              const dy = by - ay;
              const len2 = dx * dx + dy * dy;
              let t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
              if (t < 0) t = 0;
              else if (t > 1) t = 1;
              const px = ax + t * dx;
              const py = ay + t * dy;
              const d = Math.sqrt(px * px + py * py);
              if (d < best || (d === best && p < bestPiece)) {
                best = d;
                bestPiece = p;
                bestT = t;
              }
            }
          }
          if (ring === 0) break;
        }
      }
    }
    if (bestPiece < 0 || best > maxMetres) return null;
    const p = bestPiece;
    const sLat = (glat[p] + bestT * (glat[p + 1] - glat[p])) * E7;
    const sLon = (glon[p] + bestT * (glon[p + 1] - glon[p])) * E7;
    const pieceLength = haversineMetres(glat[p] * E7, glon[p] * E7, glat[p + 1] * E7, glon[p + 1] * E7);
    const s = this.pieceSegment[p];
    return {
      segment: s,
      along: this.pieceAlong[p] + bestT * pieceLength,
      length: this.segmentLength[s],
      distance: haversineMetres(lat, lon, sLat, sLon),
      lat: sLat,
      lon: sLon,
    };
  }
}

/** Snaps many points; `unsnapped` lists the indices of points beyond `maxMetres` from any road. */
export function snapPoints(
  index: SnapIndex,
  points: readonly { lat: number; lon: number }[],
  maxMetres = DEFAULT_MAX_SNAP_METRES,
): { snaps: (Snap | null)[]; unsnapped: number[] } {
  const snaps: (Snap | null)[] = [];
  const unsnapped: number[] = [];
  points.forEach((pt, i) => {
    const s = index.nearest(pt.lat, pt.lon, maxMetres);
    snaps.push(s);
    if (!s) unsnapped.push(i);
  });
  return { snaps, unsnapped };
}

/** Off-road time in deciseconds for a distance in metres. */
export function offRoadDeciseconds(metres: number, kmh = DEFAULT_OFF_ROAD_KMH): number {
  return (metres / (kmh / 3.6)) * 10;
}

/** Share of the segment from `a` to the snapped position (0 … 1). */
const fractionOf = (s: Snap) => (s.length > 0 ? Math.min(1, Math.max(0, s.along / s.length)) : 0);

/**
 * Seeds for a search on `graph.backward` from snapped destinations (services): a node is seeded
 * with the time to drive from it to the destination along the destination's segment, plus the
 * destination's off-road time. Node `a` reaches it over edge a → b (the first part of it), node
 * `b` over edge b → a; directions a one-way street forbids are left out. Part-edge times are
 * proportional to length.
 *
 * @param sources source index per snap (default: the snap's position in the list).
 */
export function destinationSeeds(
  graph: RoadGraph,
  snaps: readonly Snap[],
  sources?: readonly number[],
  offRoadKmh = DEFAULT_OFF_ROAD_KMH,
): Seeds & { nodes: number[]; times: number[]; dists: number[]; sources: number[] } {
  const out = {
    nodes: [] as number[],
    times: [] as number[],
    dists: [] as number[],
    sources: [] as number[],
  };
  snaps.forEach((s, i) => {
    const f = fractionOf(s);
    const off = offRoadDeciseconds(s.distance, offRoadKmh);
    const src = sources ? sources[i] : i;
    const ab = graph.segmentEdges[2 * s.segment];
    const ba = graph.segmentEdges[2 * s.segment + 1];
    if (ab >= 0) {
      out.nodes.push(graph.segmentA[s.segment]);
      out.times.push(off + f * graph.forward.time[ab]);
      out.dists.push(s.distance + f * s.length);
      out.sources.push(src);
    }
    if (ba >= 0) {
      out.nodes.push(graph.segmentB[s.segment]);
      out.times.push(off + (1 - f) * graph.forward.time[ba]);
      out.dists.push(s.distance + (1 - f) * s.length);
      out.sources.push(src);
    }
  });
  return out;
}

/**
 * Time (deciseconds) from a snapped origin (a resident) to the nearest destination, given node
 * times to the destinations from a backward search: leave along the segment towards `b` (edge
 * a → b) or towards `a` (edge b → a), whichever is allowed and faster, plus the off-road part.
 * Returns the time and the node the route enters the network at, or null when neither end
 * reaches a destination.
 *
 * Does not see a destination on the origin's own segment unless the route via an end node is as
 * short; callers compare such pairs directly (see {@link sameSegmentTime}).
 */
export function originTime(
  graph: RoadGraph,
  snap: Snap,
  nodeTime: Int32Array,
  offRoadKmh = DEFAULT_OFF_ROAD_KMH,
): { time: number; via: number } | null {
  const f = fractionOf(snap);
  const ab = graph.segmentEdges[2 * snap.segment];
  const ba = graph.segmentEdges[2 * snap.segment + 1];
  const a = graph.segmentA[snap.segment];
  const b = graph.segmentB[snap.segment];
  let best = Number.POSITIVE_INFINITY;
  let via = -1;
  if (ab >= 0 && nodeTime[b] !== UNREACHED) {
    const t = (1 - f) * graph.forward.time[ab] + nodeTime[b];
    if (t < best) {
      best = t;
      via = b;
    }
  }
  if (ba >= 0 && nodeTime[a] !== UNREACHED) {
    const t = f * graph.forward.time[ba] + nodeTime[a];
    if (t < best) {
      best = t;
      via = a;
    }
  }
  return via < 0 ? null : { time: best + offRoadDeciseconds(snap.distance, offRoadKmh), via };
}

/**
 * Direct time (deciseconds) between two points snapped to the same segment, driving along it in
 * an allowed direction, or null (different segments, or the one-way runs the other way).
 */
export function sameSegmentTime(
  graph: RoadGraph,
  from: Snap,
  to: Snap,
  offRoadKmh = DEFAULT_OFF_ROAD_KMH,
): number | null {
  if (from.segment !== to.segment) return null;
  const f0 = fractionOf(from);
  const f1 = fractionOf(to);
  const edge = graph.segmentEdges[2 * from.segment + (f1 >= f0 ? 0 : 1)];
  if (edge < 0) return null;
  return (
    Math.abs(f1 - f0) * graph.forward.time[edge] +
    offRoadDeciseconds(from.distance, offRoadKmh) +
    offRoadDeciseconds(to.distance, offRoadKmh)
  );
}
