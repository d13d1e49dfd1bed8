import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentDistanceSquared, simplifyLine } from './simplify.js';

describe('segmentDistanceSquared', () => {
  it('measures to the segment, not the infinite line', () => {
    expect(segmentDistanceSquared(5, 3, 0, 0, 10, 0)).toBe(9);
    expect(segmentDistanceSquared(13, 4, 0, 0, 10, 0)).toBe(25);
    expect(segmentDistanceSquared(-3, 0, 0, 0, 10, 0)).toBe(9);
    expect(segmentDistanceSquared(3, 4, 0, 0, 0, 0)).toBe(25);
  });
});

describe('simplifyLine (Douglas–Peucker)', () => {
  it('drops vertices closer to the chord than the tolerance and keeps the ends', () => {
    expect(simplifyLine([0, 0, 1, 0.4, 2, -0.3, 3, 0.2, 10, 0], 1)).toEqual([0, 0, 10, 0]);
    expect(simplifyLine([0, 0, 5, 0, 10, 0], 0.01)).toEqual([0, 0, 10, 0]);
  });

  it('keeps a vertex that moves the line by more than the tolerance', () => {
    expect(simplifyLine([0, 0, 5, 3, 10, 0], 1)).toEqual([0, 0, 5, 3, 10, 0]);
    expect(simplifyLine([0, 0, 5, 0.9, 10, 0], 1)).toEqual([0, 0, 10, 0]);
  });

  it('keeps the turn of a line that doubles back on itself', () => {
    // The far end lies on the infinite line through the ends, but far from the chord segment.
    expect(simplifyLine([0, 0, 20, 0, 10, 0], 1)).toEqual([0, 0, 20, 0, 10, 0]);
  });

  it('returns lines of one or two points unchanged', () => {
    expect(simplifyLine([1, 2], 5)).toEqual([1, 2]);
    expect(simplifyLine([1, 2, 1.1, 2], 5)).toEqual([1, 2, 1.1, 2]);
    expect(simplifyLine([], 5)).toEqual([]);
  });

  it('returns a subsequence with the same ends, every dropped vertex within tolerance of its chord', () => {
    const c = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(c, c), { minLength: 2, maxLength: 60 }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (pts, tol) => {
          const out = simplifyLine(pts.flat(), tol);
          const kept: number[] = [];
          let j = 0;
          for (let i = 0; i < out.length; i += 2) {
            while (j < pts.length && (pts[j][0] !== out[i] || pts[j][1] !== out[i + 1])) j++;
            expect(j).toBeLessThan(pts.length);
            kept.push(j++);
          }
          expect(kept[0]).toBe(0);
          expect(kept[kept.length - 1]).toBe(pts.length - 1);
          for (let k = 0; k + 1 < kept.length; k++)
            for (let i = kept[k] + 1; i < kept[k + 1]; i++)
              expect(
                segmentDistanceSquared(...pts[i], ...pts[kept[k]], ...pts[kept[k + 1]]),
              ).toBeLessThanOrEqual(tol * tol + 1e-9);
        },
      ),
    );
  });

  it('handles long lines without recursion limits', () => {
    const pts: number[] = [];
    for (let i = 0; i < 50_000; i++) pts.push(i, Math.sin(i / 50) * 100);
    const out = simplifyLine(pts, 0.5);
    expect(out.slice(0, 2)).toEqual([0, 0]);
    expect(out.slice(-2)).toEqual(pts.slice(-2));
    expect(out.length).toBeLessThan(pts.length / 5);
  });
});
