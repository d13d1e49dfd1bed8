import { describe, expect, it } from 'vitest';
import { forEachNode, nodeCount, refCount, type Way, wayLength } from './network.js';

const way = (pts: [number, number, number][], extra: number, closed = false): Way => ({
  pts: pts.map(([x, y, j]) => ({ x, y, j })),
  tags: [],
  role: 'track',
  closed,
  zone: 'main',
  urban: false,
  load: 0,
  extra,
});

const visit = (w: Way) => {
  const out: [number, number, number][] = [];
  forEachNode(w, (x, y, j) => out.push([x, y, j]));
  return out;
};

describe('forEachNode', () => {
  it('visits control vertices plus exactly `extra` interpolated nodes on the segments', () => {
    const w = way(
      [
        [0, 0, 5],
        [1, 0, -1],
        [1, 3, 9],
      ],
      7,
    );
    const nodes = visit(w);
    expect(nodes).toHaveLength(nodeCount(w));
    expect(nodes).toHaveLength(10);
    expect(nodes[0]).toEqual([0, 0, 5]);
    expect(nodes[nodes.length - 1]).toEqual([1, 3, 9]);
    // The long segment gets more of the extra nodes, and every node lies on the polyline.
    const onFirst = nodes.filter(([x, y]) => y === 0 && x > 0 && x < 1).length;
    const onSecond = nodes.filter(([x, y]) => x === 1 && y > 0 && y < 3).length;
    expect(onFirst + onSecond).toBe(7);
    expect(onSecond).toBeGreaterThan(onFirst);
    expect(wayLength(w)).toBeCloseTo(4);
  });

  it('walks the closing segment of a ring without repeating the first node', () => {
    const ring = way(
      [
        [0, 0, -1],
        [1, 0, -1],
        [1, 1, -1],
        [0, 1, -1],
      ],
      4,
      true,
    );
    const nodes = visit(ring);
    expect(nodes).toHaveLength(8);
    expect(refCount(ring)).toBe(9);
    expect(nodes.some(([x, y]) => x === 0 && y > 0 && y < 1)).toBe(true); // on the closing edge
    expect(new Set(nodes.map(([x, y]) => `${x},${y}`)).size).toBe(8);
  });

  it('visits only the vertices when there is nothing to add', () => {
    expect(
      visit(
        way(
          [
            [0, 0, -1],
            [2, 0, 3],
          ],
          0,
        ),
      ),
    ).toEqual([
      [0, 0, -1],
      [2, 0, 3],
    ]);
  });
});
