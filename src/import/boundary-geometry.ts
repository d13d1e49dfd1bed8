/**
 * Structural checks for boundary polygons. A boundary that is degenerate (zero area) or crosses
 * itself makes point-in-polygon answers meaningless, and since a boundary import re-derives the
 * municipality of every stored row, one bad ring would silently move rows out of their territory.
 */

/** Rings with more segments than this are refused rather than risk an unbounded check. */
const MAX_RING_POSITIONS = 1_000_000;

type Pt = [number, number];

function positionProblem(p: unknown): string | null {
  if (!Array.isArray(p) || p.length < 2) return 'is not a [lon, lat] array';
  const [lon, lat] = p as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat))
    return `${JSON.stringify(p)} has non-numeric or non-finite coordinates`;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90)
    return `[${lon}, ${lat}] is outside WGS 84 (longitude ±180, latitude ±90)`;
  return null;
}

/** Twice the signed area (shoelace), relative to the first point to limit cancellation. */
function doubleArea(ring: Pt[]): number {
  const [x0, y0] = ring[0];
  let a = 0;
  for (let i = 1; i + 1 < ring.length; i++)
    a += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  return a;
}

function orient(a: Pt, b: Pt, c: Pt): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(a: Pt, b: Pt, p: Pt): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** Whether closed segments ab and cd share any point. */
function segmentsTouch(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return true;
  return (
    (o1 === 0 && onSegment(a, b, c)) ||
    (o2 === 0 && onSegment(a, b, d)) ||
    (o3 === 0 && onSegment(c, d, a)) ||
    (o4 === 0 && onSegment(c, d, b))
  );
}

/**
 * Finds two segments of a closed ring that meet anywhere other than at the vertex they share as
 * neighbours. Segments are bucketed into a grid of about one cell per segment, so typical
 * boundaries (short segments spread along the outline) are checked in near-linear time.
 *
 * @returns the 0-based indexes of the first offending pair, or null for a simple ring.
 */
export function findSelfIntersection(ring: Pt[]): [number, number] | null {
  const n = ring.length - 1; // segments; ring[n] equals ring[0]
  if (n < 3) return null;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const side = Math.max(1, Math.min(1024, Math.ceil(Math.sqrt(n))));
  const cw = (maxX - minX) / side || 1;
  const ch = (maxY - minY) / side || 1;
  const cellX = (x: number) => Math.min(side - 1, Math.floor((x - minX) / cw));
  const cellY = (y: number) => Math.min(side - 1, Math.floor((y - minY) / ch));
  const box = (i: number) => {
    const a = ring[i];
    const b = ring[i + 1];
    return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
  };
  const cells = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const [x0, y0, x1, y1] = box(i);
    for (let cx = cellX(x0); cx <= cellX(x1); cx++)
      for (let cy = cellY(y0); cy <= cellY(y1); cy++) {
        const key = cx * side + cy;
        const list = cells.get(key);
        if (list) list.push(i);
        else cells.set(key, [i]);
      }
  }
  const adjacent = (i: number, j: number) => j - i === 1 || (i === 0 && j === n - 1);
  for (const [key, list] of cells) {
    for (let p = 0; p < list.length; p++)
      for (let q = p + 1; q < list.length; q++) {
        const i = Math.min(list[p], list[q]);
        const j = Math.max(list[p], list[q]);
        const bi = box(i);
        const bj = box(j);
        if (bi[2] < bj[0] || bj[2] < bi[0] || bi[3] < bj[1] || bj[3] < bi[1]) continue;
        // Test each pair once: in the cell holding the lower corner of the boxes' overlap.
        if (cellX(Math.max(bi[0], bj[0])) * side + cellY(Math.max(bi[1], bj[1])) !== key) continue;
        const [a, b, c, d] = [ring[i], ring[i + 1], ring[j], ring[j + 1]];
        if (adjacent(i, j)) {
          // Neighbours share one vertex; they are bad only if they fold back over each other.
          const [s, far1, far2] = j - i === 1 ? [b, a, d] : [a, b, c];
          if (
            orient(s, far1, far2) === 0 &&
            (far1[0] - s[0]) * (far2[0] - s[0]) + (far1[1] - s[1]) * (far2[1] - s[1]) > 0
          )
            return [i, j];
          continue;
        }
        if (segmentsTouch(a, b, c, d)) return [i, j];
      }
  }
  return null;
}

function ringProblem(raw: unknown): string | null {
  if (!Array.isArray(raw)) return 'is not an array of positions';
  if (raw.length < 4) return `has ${raw.length} positions; a ring needs at least 4 (closed)`;
  if (raw.length > MAX_RING_POSITIONS) return `has more than ${MAX_RING_POSITIONS} positions`;
  for (let k = 0; k < raw.length; k++) {
    const p = positionProblem(raw[k]);
    if (p) return `position ${k + 1} ${p}`;
  }
  // Consecutive repeated positions are harmless noise in real files; drop them before the checks.
  const ring: Pt[] = [];
  for (const p of raw as number[][]) {
    const last = ring[ring.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push([p[0], p[1]]);
  }
  const first = raw[0] as number[];
  const end = raw[raw.length - 1] as number[];
  if (first[0] !== end[0] || first[1] !== end[1])
    return `is not closed: first position [${first[0]}, ${first[1]}] differs from last [${end[0]}, ${end[1]}]`;
  if (ring.length < 4) {
    const distinct = Math.max(1, ring.length - 1);
    return `has zero area: only ${distinct} distinct position${distinct === 1 ? '' : 's'} (a ring needs at least 3)`;
  }
  const flat = doubleArea(ring) === 0;
  const hit = findSelfIntersection(ring);
  if (hit) {
    const [i, j] = hit;
    const at = (k: number) => `[${ring[k][0]}, ${ring[k][1]}]`;
    return `${flat ? 'has zero area and ' : ''}crosses itself: the edge ${at(i)}–${at(i + 1)} meets the edge ${at(j)}–${at(j + 1)}`;
  }
  if (flat) return 'has zero area (all positions on one line or point)';
  return null;
}

/**
 * Checks a GeoJSON geometry is a usable boundary: a Polygon or MultiPolygon in WGS 84 whose every
 * ring has at least 4 positions, is closed, has finite in-range coordinates and non-zero area,
 * and does not cross itself.
 *
 * @returns a reason naming the polygon and ring at fault, or null when the geometry is valid.
 */
export function boundaryGeometryProblem(g: unknown): string | null {
  if (!g || typeof g !== 'object') return 'feature has no geometry';
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    return `expected a Polygon or MultiPolygon, got ${typeof type === 'string' ? type : 'no type'}`;
  if (!Array.isArray(coordinates) || coordinates.length === 0) return `${type} has no coordinates`;
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  for (let p = 0; p < polygons.length; p++) {
    const poly = polygons[p];
    const where = type === 'Polygon' ? '' : `polygon ${p + 1}, `;
    if (!Array.isArray(poly) || poly.length === 0) return `${where}has no rings`;
    for (let r = 0; r < poly.length; r++) {
      const problem = ringProblem(poly[r]);
      if (problem) return `${where}${r === 0 ? 'outer ring' : `hole ${r}`} ${problem}`;
    }
  }
  return null;
}
