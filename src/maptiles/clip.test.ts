import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipLine, type Rect } from './clip.js';
import { segmentDistanceSquared } from './simplify.js';

const RECT: Rect = { minX: 0, minY: 0, maxX: 100, maxY: 100 };
const clip = (pts: number[], rect = RECT) => clipLine(pts, pts.length / 2, rect);

describe('clipLine', () => {
  it('keeps a line that lies inside as it is', () => {
    expect(clip([10, 10, 50, 20, 90, 90])).toEqual([[10, 10, 50, 20, 90, 90]]);
  });

  it('cuts a line crossing the border at the border, interpolated', () => {
    expect(clip([-50, 50, 50, 50])).toEqual([[0, 50, 50, 50]]);
    expect(clip([50, 50, 150, 100])).toEqual([[50, 50, 100, 75]]);
    // Crossing the whole rectangle diagonally, from corner region to corner region.
    expect(clip([-10, -10, 110, 110])).toEqual([[0, 0, 100, 100]]);
  });

  it('splits a line that leaves and comes back into parts, in line order', () => {
    expect(clip([10, 50, 150, 50, 150, 60, 10, 60])).toEqual([
      [10, 50, 100, 50],
      [100, 60, 10, 60],
    ]);
  });

  it('drops a line that misses the rectangle, even when its bounding box covers it', () => {
    // Both run along x + y = -10, past the corner (0, 0).
    expect(clip([-50, 40, 40, -50])).toEqual([]);
    expect(clip([-60, 50, 50, -60])).toEqual([]);
    expect(clip([200, 200, 300, 300])).toEqual([]);
  });

  it('counts points on the border as inside', () => {
    expect(clip([0, 0, 0, 100])).toEqual([[0, 0, 0, 100]]);
  });

  it('only returns points inside the rectangle that lie on the original line', () => {
    const c = fc.double({ min: -300, max: 400, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(c, c), { minLength: 2, maxLength: 12 }), (pts) => {
        const flat = pts.flat();
        for (const part of clip(flat)) {
          expect(part.length).toBeGreaterThanOrEqual(4);
          for (let i = 0; i < part.length; i += 2) {
            const [x, y] = [part[i], part[i + 1]];
            expect(x).toBeGreaterThanOrEqual(-1e-9);
            expect(x).toBeLessThanOrEqual(100 + 1e-9);
            expect(y).toBeGreaterThanOrEqual(-1e-9);
            expect(y).toBeLessThanOrEqual(100 + 1e-9);
            let nearest = Number.POSITIVE_INFINITY;
            for (let k = 0; k + 1 < pts.length; k++)
              nearest = Math.min(nearest, segmentDistanceSquared(x, y, ...pts[k], ...pts[k + 1]));
            expect(nearest).toBeLessThan(1e-12 * (1 + x * x + y * y) + 1e-9);
          }
        }
      }),
    );
  });

  it('keeps every point of the line that is inside', () => {
    const c = fc.integer({ min: -100, max: 200 });
    fc.assert(
      fc.property(fc.array(fc.tuple(c, c), { minLength: 2, maxLength: 12 }), (pts) => {
        const out = clip(pts.flat()).flatMap((part) => {
          const ps: string[] = [];
          for (let i = 0; i < part.length; i += 2) ps.push(`${part[i]},${part[i + 1]}`);
          return ps;
        });
        for (const [x, y] of pts)
          if (x >= 0 && x <= 100 && y >= 0 && y <= 100) expect(out).toContain(`${x},${y}`);
      }),
    );
  });
});
