/**
 * Douglas–Peucker line simplification: keeps the two ends, then recursively the point furthest
 * from the chord between kept points while that distance exceeds the tolerance. With the
 * tolerance at about a tile unit, the dropped vertices are those that would not move the drawn
 * line at the tile's resolution.
 *
 * Iterative (an explicit stack) so a long road cannot overflow the call stack, and distances are
 * to the chord as a *segment*, not an infinite line, so a line that doubles back keeps its turn.
 */

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
export function segmentDistanceSquared(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  let x = ax;
  let y = ay;
  const dx = bx - ax;
  const dy = by - ay;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = bx;
      y = by;
    } else if (t > 0) {
      x = ax + t * dx;
      y = ay + t * dy;
    }
  }
  const ex = px - x;
  const ey = py - y;
  return ex * ex + ey * ey;
}

const stack: number[] = [];
let keep = new Uint8Array(1024);

/**
 * The simplified line of the flat coordinates `xy` (x0, y0, x1, y1, …): a new flat list that
 * starts and ends with the input's first and last points. Lines of one or two points come back
 * unchanged (copied).
 */
export function simplifyLine(xy: ArrayLike<number>, tolerance: number): number[] {
  const n = xy.length >> 1;
  if (n <= 2) return Array.from(xy);
  if (keep.length < n) keep = new Uint8Array(Math.max(n, keep.length * 2));
  keep.fill(0, 0, n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const tol2 = tolerance * tolerance;
  stack.length = 0;
  stack.push(0, n - 1);
  while (stack.length > 0) {
    const last = stack.pop() as number;
    const first = stack.pop() as number;
    const ax = xy[2 * first];
    const ay = xy[2 * first + 1];
    const bx = xy[2 * last];
    const by = xy[2 * last + 1];
    let worst = -1;
    let worstD = tol2;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistanceSquared(xy[2 * i], xy[2 * i + 1], ax, ay, bx, by);
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      if (worst - first > 1) stack.push(first, worst);
      if (last - worst > 1) stack.push(worst, last);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(xy[2 * i], xy[2 * i + 1]);
  return out;
}
