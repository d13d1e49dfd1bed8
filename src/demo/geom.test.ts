import { describe, expect, it } from 'vitest';
import { dist, pointInRing, SegmentIndex, segmentDistance, segmentsCross, wigglyLine } from './geom.js';
import { Rng } from './prng.js';

describe('geometry', () => {
  it('counts only proper crossings as crossings', () => {
    expect(segmentsCross(0, 0, 2, 2, 0, 2, 2, 0)).toBe(true);
    expect(segmentsCross(0, 0, 1, 1, 1, 1, 2, 0)).toBe(false); // shared endpoint (a junction)
    expect(segmentsCross(0, 0, 2, 0, 0, 1, 2, 1)).toBe(false); // parallel
    expect(segmentsCross(0, 0, 1, 0, 2, -1, 2, 1)).toBe(false); // would meet only if extended
    expect(segmentDistance(0, 0, 2, 0, 0, 1, 2, 1)).toBeCloseTo(1);
  });

  it('tests points against rings', () => {
    const square = [
      { x: 0, y: 0 },
      { x: 2, y: 0 },
      { x: 2, y: 2 },
      { x: 0, y: 2 },
    ];
    expect(pointInRing(1, 1, square)).toBe(true);
    expect(pointInRing(3, 1, square)).toBe(false);
  });

  it('draws wiggly lines between the given ends with short segments', () => {
    const a = { x: 0, y: 0 };
    const b = { x: 10, y: 3 };
    const line = wigglyLine(a, b, Rng.fromSeed(3), 0.12, 0.4);
    expect(line[0]).toEqual(a);
    expect(line[line.length - 1]).toEqual(b);
    for (let i = 1; i < line.length; i++) expect(dist(line[i - 1], line[i])).toBeLessThanOrEqual(0.4);
  });
});

describe('SegmentIndex', () => {
  const index = new SegmentIndex(0.5);
  index.add(0, 0, 4, 0);

  it('finds crossings', () => {
    expect(index.conflicts(2, -1, 2, 1, 0)).toBe(true);
    expect(index.conflicts(2, 1, 2, 2, 0)).toBe(false);
  });

  it('enforces clearance except against segments sharing an endpoint', () => {
    expect(index.conflicts(1, 0.05, 3, 0.05, 0.1)).toBe(true);
    expect(index.conflicts(1, 0.5, 3, 0.5, 0.1)).toBe(false);
    expect(index.conflicts(4, 0, 5, 0.01, 0.1)).toBe(false); // joins at (4, 0)
  });

  it('handles segments spanning many cells and far-away queries', () => {
    expect(index.size).toBe(1);
    expect(index.conflicts(50, 50, 51, 51, 0.1)).toBe(false);
  });
});
