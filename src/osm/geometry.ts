/**
 * Representative points for OSM areas, so a supermarket mapped as a building outline or a school
 * mapped as a multipolygon becomes one coordinate like a node-mapped shop.
 *
 * Closed rings use the area-weighted polygon centroid (the centre of mass), which unlike the
 * vertex mean does not drift towards the side that happens to have more vertices. It is computed
 * directly in lon/lat: the centroid commutes with the affine map to a local metric plane
 * (x = lon·cos φ₀, y = lat), so no projection is needed at feature scale. Open ways, rings that
 * do not close, and degenerate (zero-area) rings fall back to the mean of their distinct vertices.
 */

export interface LatLon {
  lat: number;
  lon: number;
}

/** Looks up a node's coordinates; undefined when the node is not in the file. */
export type CoordLookup = (nodeId: number) => LatLon | undefined;

/** Accumulates signed area and first moments of rings, plus a vertex mean as the fallback. */
class Centroid {
  private area = 0;
  private mx = 0;
  private my = 0;
  private sumLat = 0;
  private sumLon = 0;
  private count = 0;

  /** Adds a ring's vertices (closing vertex excluded) to the vertex mean. */
  addVertices(points: LatLon[]): void {
    for (const p of points) {
      this.sumLat += p.lat;
      this.sumLon += p.lon;
      this.count++;
    }
  }

  /** Adds a closed ring's area (outer rings add, holes subtract), vertices without the repeat. */
  addRing(points: LatLon[], sign: 1 | -1): void {
    const n = points.length;
    if (n < 3) return;
    // Coordinates relative to the first vertex keep the cross products well conditioned.
    const ox = points[0].lon;
    const oy = points[0].lat;
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < n; i++) {
      const p = points[i];
      const q = points[(i + 1) % n];
      const x0 = p.lon - ox;
      const y0 = p.lat - oy;
      const x1 = q.lon - ox;
      const y1 = q.lat - oy;
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (a === 0) return;
    const area = Math.abs(a / 2) * sign;
    this.area += area;
    this.mx += (cx / (3 * a) + ox) * area;
    this.my += (cy / (3 * a) + oy) * area;
  }

  result(): LatLon | null {
    // Relative tolerance: a sliver whose area is rounding noise is not a polygon.
    if (this.area > 1e-14) return { lat: this.my / this.area, lon: this.mx / this.area };
    if (this.count === 0) return null;
    return { lat: this.sumLat / this.count, lon: this.sumLon / this.count };
  }
}

/** Resolves node ids; returns the points found and whether every id resolved. */
function resolve(refs: readonly number[], lookup: CoordLookup): { points: LatLon[]; complete: boolean } {
  const points: LatLon[] = [];
  for (const id of refs) {
    const p = lookup(id);
    if (p) points.push(p);
  }
  return { points, complete: points.length === refs.length };
}

const isClosed = (refs: readonly number[]) => refs.length >= 4 && refs[0] === refs[refs.length - 1];

/** Representative point of a way, or null if none of its nodes is known. */
export function wayPoint(refs: readonly number[], lookup: CoordLookup): LatLon | null {
  const c = new Centroid();
  const closed = isClosed(refs);
  const { points, complete } = resolve(closed ? refs.slice(0, -1) : refs, lookup);
  c.addVertices(points);
  if (closed && complete) c.addRing(points, 1);
  return c.result();
}

/**
 * Joins way node lists that share end nodes into closed rings (multipolygon members are often
 * split into several ways). Returns null if any ring stays open.
 */
export function assembleRings(ways: readonly (readonly number[])[]): number[][] | null {
  const pool = ways.filter((w) => w.length >= 2).map((w) => [...w]);
  const rings: number[][] = [];
  while (pool.length > 0) {
    let ring = pool.pop()!;
    while (ring.length < 4 || ring[0] !== ring[ring.length - 1]) {
      const end = ring[ring.length - 1];
      const i = pool.findIndex((w) => w[0] === end || w[w.length - 1] === end);
      if (i < 0) return null;
      const [w] = pool.splice(i, 1);
      ring = ring.concat(w[0] === end ? w.slice(1) : w.slice(0, -1).reverse());
    }
    rings.push(ring);
  }
  return rings;
}

/**
 * Representative point of a multipolygon: area centroid of outer rings minus holes when all
 * rings close and resolve, else the vertex mean of the outer members.
 */
export function multipolygonPoint(
  outer: readonly (readonly number[])[],
  inner: readonly (readonly number[])[],
  lookup: CoordLookup,
): LatLon | null {
  const c = new Centroid();
  for (const w of outer) c.addVertices(resolve(isClosed(w) ? w.slice(0, -1) : w, lookup).points);
  const outerRings = assembleRings(outer);
  const innerRings = assembleRings(inner) ?? [];
  if (outerRings) {
    const rings = [
      ...outerRings.map((r) => ({ r, sign: 1 as const })),
      ...innerRings.map((r) => ({ r, sign: -1 as const })),
    ];
    const resolved = rings.map(({ r, sign }) => ({ ...resolve(r.slice(0, -1), lookup), sign }));
    if (resolved.every((x) => x.complete)) for (const x of resolved) c.addRing(x.points, x.sign);
  }
  return c.result();
}

/** Vertex mean of loose points (members of non-area relations such as `type=site`). */
export function meanPoint(points: readonly LatLon[]): LatLon | null {
  const c = new Centroid();
  c.addVertices(points as LatLon[]);
  return c.result();
}
