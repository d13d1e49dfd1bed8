/** Ring checks for boundary polygons: each rule on a minimal shape, and the grid against brute force. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundaryGeometryProblem, findSelfIntersection } from './boundary-geometry.js';

const poly = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });
const sq: number[][] = [
  [14, 64],
  [15, 64],
  [15, 65],
  [14, 65],
  [14, 64],
];

describe('boundaryGeometryProblem', () => {
  it('accepts a square, a square with a hole, and repeated consecutive positions', () => {
    expect(boundaryGeometryProblem(poly(sq))).toBeNull();
    const hole = [
      [14.2, 64.2],
      [14.2, 64.4],
      [14.4, 64.4],
      [14.2, 64.2],
    ];
    expect(boundaryGeometryProblem(poly(sq, hole))).toBeNull();
    expect(boundaryGeometryProblem(poly([sq[0], ...sq]))).toBeNull();
    expect(boundaryGeometryProblem({ type: 'MultiPolygon', coordinates: [[sq], [hole]] })).toBeNull();
  });

  it.each([
    ['no geometry', null, /no geometry/],
    ['a point', { type: 'Point', coordinates: [1, 1] }, /got Point/],
    ['empty coordinates', poly(), /no coordinates/],
    ['too few positions', poly(sq.slice(0, 3)), /outer ring has 3 positions/],
    ['an open ring', poly([...sq.slice(0, 4), [14, 64.5]]), /outer ring is not closed/],
    [
      'a null coordinate',
      poly([sq[0], [null as unknown as number, 64], ...sq.slice(2)]),
      /position 2 .*non-finite/,
    ],
    [
      'an out-of-range latitude',
      poly([sq[0], [15, 91], ...sq.slice(2)]),
      /position 2 \[15, 91\] is outside WGS 84/,
    ],
    ['one point four times', poly([sq[0], sq[0], sq[0], sq[0]]), /zero area: only 1 distinct position/],
    [
      'a flat ring',
      poly([
        [14, 64],
        [15, 64],
        [16, 64],
        [14, 64],
      ]),
      /zero area/,
    ],
    [
      'a symmetric bowtie (its signed areas cancel)',
      poly([
        [14, 64],
        [15, 64],
        [14, 65],
        [15, 65],
        [14, 64],
      ]),
      /^outer ring has zero area and crosses itself/,
    ],
    [
      'a bowtie',
      poly([
        [14, 64],
        [16, 64],
        [14, 65],
        [15, 65],
        [14, 64],
      ]),
      /crosses itself: the edge \[16, 64\]–\[14, 65\] meets the edge \[15, 65\]–\[14, 64\]/,
    ],
    [
      'a spike folding back',
      poly([
        [14, 64],
        [15, 64],
        [15, 65],
        [15, 64.5],
        [15, 66],
        [14, 64],
      ]),
      /crosses itself/,
    ],
    [
      'a ring touching itself at a vertex',
      poly([
        [0, 0],
        [2, 0],
        [1, 1],
        [2, 2],
        [0, 2],
        [1, 1],
        [0, 0],
      ]),
      /crosses itself/,
    ],
  ])('refuses %s', (_label, geometry, reason) => {
    expect(boundaryGeometryProblem(geometry)).toMatch(reason);
  });

  it('names the polygon and hole of a MultiPolygon', () => {
    const bad = [
      [14.2, 64.2],
      [14.2, 64.2],
      [14.2, 64.2],
      [14.2, 64.2],
    ];
    expect(boundaryGeometryProblem({ type: 'MultiPolygon', coordinates: [[sq], [sq, bad]] })).toMatch(
      /^polygon 2, hole 1 has zero area/,
    );
  });
});

/** Every pair of non-neighbouring edges, the slow way. */
function bruteForce(ring: [number, number][]): boolean {
  const n = ring.length - 1;
  const o = (a: number[], b: number[], c: number[]) =>
    Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const on = (a: number[], b: number[], p: number[]) =>
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1]);
  for (let i = 0; i < n; i++)
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const [a, b, c, d] = [ring[i], ring[i + 1], ring[j], ring[j + 1]];
      const [o1, o2, o3, o4] = [o(a, b, c), o(a, b, d), o(c, d, a), o(c, d, b)];
      if (o1 * o2 < 0 && o3 * o4 < 0) return true;
      if (
        (o1 === 0 && on(a, b, c)) ||
        (o2 === 0 && on(a, b, d)) ||
        (o3 === 0 && on(c, d, a)) ||
        (o4 === 0 && on(c, d, b))
      )
        return true;
    }
  return false;
}

describe('findSelfIntersection', () => {
  it('agrees with a brute-force check on random rings (ignoring folded neighbours)', () => {
    const pt = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }));
    fc.assert(
      fc.property(fc.array(pt, { minLength: 3, maxLength: 40 }), (pts) => {
        const open = pts.filter((p, k) => k === 0 || p[0] !== pts[k - 1][0] || p[1] !== pts[k - 1][1]);
        if (open.length < 3 || (open[0][0] === open.at(-1)?.[0] && open[0][1] === open.at(-1)?.[1])) return;
        const ring = [...open, open[0]] as [number, number][];
        const hit = findSelfIntersection(ring);
        const n = ring.length - 1;
        if (!hit) expect(bruteForce(ring)).toBe(false);
        // The grid also refuses neighbours folding back onto each other, which brute force skips.
        else if (!bruteForce(ring))
          expect(hit[1] - hit[0] === 1 || (hit[0] === 0 && hit[1] === n - 1)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('checks a 200 000-vertex circle quickly', () => {
    const n = 200_000;
    const ring: [number, number][] = [];
    for (let k = 0; k < n; k++)
      ring.push([15 + Math.cos((2 * Math.PI * k) / n), 62 + Math.sin((2 * Math.PI * k) / n)]);
    ring.push(ring[0]);
    const t = performance.now();
    expect(findSelfIntersection(ring)).toBeNull();
    expect(performance.now() - t).toBeLessThan(5000);
  });
});
