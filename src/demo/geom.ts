/**
 * Planar geometry for the demo generator. The region is laid out in a local kilometre grid
 * (x east, y north, origin at the south-west corner of the bounding box) because distances and
 * clearances are then plain Euclidean sums; {@link Frame} converts to WGS 84 only on output. Over
 * 0.8° of latitude the equirectangular error is far below anything a fictional map cares about.
 */
import type { Rng } from './prng.js';

/** A point in the local km grid. */
export interface XY {
  x: number;
  y: number;
}

/** Axis-aligned rectangle in the local km grid. */
export interface Rect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Bounding box of the demo region in WGS 84 degrees plus the km scale used to lay it out. */
export interface Frame {
  minLat: number;
  minLon: number;
  maxLat: number;
  maxLon: number;
  kmPerDegLat: number;
  kmPerDegLon: number;
  /** Width and height of the bounding box in km. */
  width: number;
  height: number;
}

/** The fixed demo bounding box: Jämtland-like fjäll country, but every feature in it is invented. */
export function demoFrame(): Frame {
  const minLat = 63.6;
  const maxLat = 64.4;
  const minLon = 14.0;
  const maxLon = 16.0;
  const kmPerDegLat = 111.32;
  // Longitude degrees shrink with cos(latitude); the box centre (64°) is a fine compromise.
  const kmPerDegLon = 111.32 * Math.cos((64 * Math.PI) / 180);
  return {
    minLat,
    minLon,
    maxLat,
    maxLon,
    kmPerDegLat,
    kmPerDegLon,
    width: (maxLon - minLon) * kmPerDegLon,
    height: (maxLat - minLat) * kmPerDegLat,
  };
}

/** Latitude of a local y (km north of the frame's south edge). */
export const latOf = (f: Frame, y: number): number => f.minLat + y / f.kmPerDegLat;
/** Longitude of a local x (km east of the frame's west edge). */
export const lonOf = (f: Frame, x: number): number => f.minLon + x / f.kmPerDegLon;

/** Euclidean distance in km. */
export function dist(a: XY, b: XY): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** The point a fraction `t` of the way from a to b. */
export function lerp(a: XY, b: XY, t: number): XY {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

/** Twice the signed area of triangle abc; > 0 when c lies left of a→b. */
function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/**
 * True when segments ab and cd cross at a single interior point of both. Touching at an endpoint
 * (how roads meet at a shared junction) and collinear overlap do not count.
 */
export function segmentsCross(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0) || o1 === 0 || o2 === 0) return false;
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  return (o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0);
}

/** Distance from point p to segment ab. */
export function pointSegmentDistance(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = Math.min(1, Math.max(0, t));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Shortest distance between segments ab and cd (0 when they cross). */
export function segmentDistance(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): number {
  if (segmentsCross(ax, ay, bx, by, cx, cy, dx, dy)) return 0;
  return Math.min(
    pointSegmentDistance(ax, ay, cx, cy, dx, dy),
    pointSegmentDistance(bx, by, cx, cy, dx, dy),
    pointSegmentDistance(cx, cy, ax, ay, bx, by),
    pointSegmentDistance(dx, dy, ax, ay, bx, by),
  );
}

/** Even-odd point-in-polygon test for an open ring (the last point is not a repeat of the first). */
export function pointInRing(x: number, y: number, ring: readonly XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Signed area of an open ring; positive when counter-clockwise. */
export function ringArea(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += (ring[j].x - ring[i].x) * (ring[j].y + ring[i].y);
  }
  return s / 2;
}

/** Distance from a point to the boundary of an open ring. */
export function pointRingDistance(x: number, y: number, ring: readonly XY[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const d = pointSegmentDistance(x, y, ring[j].x, ring[j].y, ring[i].x, ring[i].y);
    if (d < best) best = d;
  }
  return best;
}

/** Shortest distance between two polylines (0 when they cross). */
export function polylineDistance(a: readonly XY[], b: readonly XY[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < a.length; i++) {
    for (let k = 1; k < b.length; k++) {
      const d = segmentDistance(
        a[i - 1].x,
        a[i - 1].y,
        a[i].x,
        a[i].y,
        b[k - 1].x,
        b[k - 1].y,
        b[k].x,
        b[k].y,
      );
      if (d < best) best = d;
    }
  }
  return best;
}

/** Bounding rectangle of a point set. */
export function rectOf(points: readonly XY[]): Rect {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  return { minX, minY, maxX, maxY };
}

/** A rectangle grown (or, with negative `by`, shrunk) by `by` km on every side. */
export function expandRect(r: Rect, by: number): Rect {
  return { minX: r.minX - by, minY: r.minY - by, maxX: r.maxX + by, maxY: r.maxY + by };
}

/** True when (x, y) lies in r, edges included. */
export function inRect(x: number, y: number, r: Rect): boolean {
  return x >= r.minX && x <= r.maxX && y >= r.minY && y <= r.maxY;
}

/** True when segment ab touches rectangle r (an endpoint inside or an edge crossed). */
export function segmentHitsRect(ax: number, ay: number, bx: number, by: number, r: Rect): boolean {
  if (inRect(ax, ay, r) || inRect(bx, by, r)) return true;
  if (Math.max(ax, bx) < r.minX || Math.min(ax, bx) > r.maxX) return false;
  if (Math.max(ay, by) < r.minY || Math.min(ay, by) > r.maxY) return false;
  const { minX, minY, maxX, maxY } = r;
  return (
    segmentsCross(ax, ay, bx, by, minX, minY, maxX, minY) ||
    segmentsCross(ax, ay, bx, by, maxX, minY, maxX, maxY) ||
    segmentsCross(ax, ay, bx, by, maxX, maxY, minX, maxY) ||
    segmentsCross(ax, ay, bx, by, minX, maxY, minX, minY)
  );
}

/**
 * A wiggly line from a to b by recursive midpoint displacement: each midpoint is pushed sideways
 * by up to `amplitude` × the current piece's length, until pieces are at most `maxSegment` long.
 * Gives the meandering look of valley roads and borders with a handful of parameters.
 * Returns both endpoints.
 */
export function wigglyLine(a: XY, b: XY, rng: Rng, amplitude: number, maxSegment: number): XY[] {
  const out: XY[] = [a];
  const rec = (p: XY, q: XY, amp: number): void => {
    const len = dist(p, q);
    if (len <= maxSegment) {
      out.push(q);
      return;
    }
    const off = rng.float(-1, 1) * amp * len;
    const m = {
      x: (p.x + q.x) / 2 - ((q.y - p.y) / len) * off,
      y: (p.y + q.y) / 2 + ((q.x - p.x) / len) * off,
    };
    // Decaying amplitude keeps the large bends and makes small ones gentler, like real roads.
    rec(p, m, amp * 0.75);
    rec(m, q, amp * 0.75);
  };
  rec(a, b, amplitude);
  return out;
}

/** A straight line from a to b with vertices at most `maxSegment` apart (both endpoints included). */
export function straightLine(a: XY, b: XY, maxSegment: number): XY[] {
  const n = Math.max(1, Math.ceil(dist(a, b) / maxSegment));
  const out: XY[] = [];
  for (let i = 0; i <= n; i++) out.push(lerp(a, b, i / n));
  return out;
}

/**
 * Uniform-grid spatial index of line segments, answering "would a new segment cross or crowd an
 * existing road?" in time proportional to the segments nearby rather than all of them. Grid
 * cells are `cellSize` km; segments are stored in flat number arrays (no per-segment objects).
 */
export class SegmentIndex {
  private readonly cells = new Map<number, number[]>();
  private readonly coords: number[] = [];
  private readonly stamps: number[] = [];
  private query = 0;

  constructor(private readonly cellSize = 0.5) {}

  get size(): number {
    return this.stamps.length;
  }

  private key(ix: number, iy: number): number {
    // Offsets keep keys positive for the small negative cells a margin can reach.
    return (ix + 1024) * 65536 + (iy + 1024);
  }

  add(ax: number, ay: number, bx: number, by: number): void {
    const id = this.stamps.length;
    this.coords.push(ax, ay, bx, by);
    this.stamps.push(0);
    const c = this.cellSize;
    const x0 = Math.floor(Math.min(ax, bx) / c);
    const x1 = Math.floor(Math.max(ax, bx) / c);
    const y0 = Math.floor(Math.min(ay, by) / c);
    const y1 = Math.floor(Math.max(ay, by) / c);
    for (let ix = x0; ix <= x1; ix++) {
      for (let iy = y0; iy <= y1; iy++) {
        const k = this.key(ix, iy);
        const list = this.cells.get(k);
        if (list) list.push(id);
        else this.cells.set(k, [id]);
      }
    }
  }

  /**
   * True when segment ab crosses an indexed segment, or comes closer than `clearance` to one that
   * shares no endpoint with it. Segments meeting ab at a shared endpoint are the roads it joins
   * at a junction, so they are exempt from the clearance rule.
   */
  conflicts(ax: number, ay: number, bx: number, by: number, clearance: number): boolean {
    const q = ++this.query;
    const c = this.cellSize;
    const x0 = Math.floor((Math.min(ax, bx) - clearance) / c);
    const x1 = Math.floor((Math.max(ax, bx) + clearance) / c);
    const y0 = Math.floor((Math.min(ay, by) - clearance) / c);
    const y1 = Math.floor((Math.max(ay, by) + clearance) / c);
    const co = this.coords;
    for (let ix = x0; ix <= x1; ix++) {
      for (let iy = y0; iy <= y1; iy++) {
        const list = this.cells.get(this.key(ix, iy));
        if (!list) continue;
        for (const id of list) {
          if (this.stamps[id] === q) continue;
          this.stamps[id] = q;
          const o = id * 4;
          const cx = co[o];
          const cy = co[o + 1];
          const dx = co[o + 2];
          const dy = co[o + 3];
          const shared =
            (cx === ax && cy === ay) ||
            (cx === bx && cy === by) ||
            (dx === ax && dy === ay) ||
            (dx === bx && dy === by);
          if (shared) continue;
          if (clearance > 0) {
            if (segmentDistance(ax, ay, bx, by, cx, cy, dx, dy) < clearance) return true;
          } else if (segmentsCross(ax, ay, bx, by, cx, cy, dx, dy)) return true;
        }
      }
    }
    return false;
  }
}
