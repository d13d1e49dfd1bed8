/**
 * Clipping a polyline to an axis-parallel rectangle (a tile plus its buffer), piece by piece with
 * the Liang–Barsky parametric test. A line that leaves the rectangle and comes back becomes
 * several parts; the points where it crosses the border are interpolated, so a road running off
 * the tile ends exactly on the buffer's edge and the neighbouring tile continues it.
 */

/** A rectangle in the coordinates of the line (tile units). */
export interface Rect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The parameter range of the piece being clipped (module state keeps the hot loop allocation-free). */
let t0 = 0;
let t1 = 1;

/** Narrows [t0, t1] to where p·t ≤ q; false when nothing is left. */
function edge(p: number, q: number): boolean {
  if (p === 0) return q >= 0;
  const r = q / p;
  if (p < 0) {
    if (r > t1) return false;
    if (r > t0) t0 = r;
  } else {
    if (r < t0) return false;
    if (r < t1) t1 = r;
  }
  return true;
}

/**
 * Clips the line through points `xy[0 … 2n - 1]` (flat x, y) to `rect`. Each part of the result
 * is a flat coordinate list with at least two points; parts follow the line's direction.
 * Points on the border count as inside.
 */
export function clipLine(xy: ArrayLike<number>, n: number, rect: Rect): number[][] {
  const parts: number[][] = [];
  let current: number[] | null = null;
  const { minX, minY, maxX, maxY } = rect;
  for (let i = 0; i + 1 < n; i++) {
    const x0 = xy[2 * i];
    const y0 = xy[2 * i + 1];
    const x1 = xy[2 * i + 2];
    const y1 = xy[2 * i + 3];
    const dx = x1 - x0;
    const dy = y1 - y0;
    // Liang–Barsky: for each border, p·t ≤ q keeps the point inside.
    t0 = 0;
    t1 = 1;
    const visible =
      edge(-dx, x0 - minX) && edge(dx, maxX - x0) && edge(-dy, y0 - minY) && edge(dy, maxY - y0);
    if (!visible) {
      current = null;
      continue;
    }
    if (current === null || t0 > 0) {
      current = [t0 > 0 ? x0 + t0 * dx : x0, t0 > 0 ? y0 + t0 * dy : y0];
      parts.push(current);
    }
    current.push(t1 < 1 ? x0 + t1 * dx : x1, t1 < 1 ? y0 + t1 * dy : y1);
    // Left the rectangle: the next visible piece starts a new part.
    if (t1 < 1) current = null;
  }
  return parts.filter((p) => p.length >= 4);
}
