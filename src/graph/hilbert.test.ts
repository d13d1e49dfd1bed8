import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hilbertIndex, hilbertOrder, radixOrder } from './hilbert.js';
import { SortedIdIndex } from './id-index.js';

describe('hilbertIndex', () => {
  it('visits every cell of a grid once, each step to a neighbouring cell', () => {
    const order = 4;
    const side = 1 << order;
    const at = new Map<number, [number, number]>();
    for (let x = 0; x < side; x++) for (let y = 0; y < side; y++) at.set(hilbertIndex(order, x, y), [x, y]);
    expect(at.size).toBe(side * side);
    for (let d = 1; d < side * side; d++) {
      const [x0, y0] = at.get(d - 1)!;
      const [x1, y1] = at.get(d)!;
      expect(Math.abs(x0 - x1) + Math.abs(y0 - y1)).toBe(1);
    }
  });

  it('orders points as a permutation', () => {
    const lat = Int32Array.from([10, 20, 30, 10]);
    const lon = Int32Array.from([5, 5, 5, 6]);
    expect(Array.from(hilbertOrder(lat, lon)).sort()).toEqual([0, 1, 2, 3]);
  });
});

describe('radixOrder', () => {
  it('sorts stably by 32-bit key', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff })), (keys) => {
        const k = Uint32Array.from(keys);
        const want = keys.map((key, i) => ({ key, i })).sort((a, b) => a.key - b.key || a.i - b.i);
        expect(Array.from(radixOrder(k))).toEqual(want.map((x) => x.i));
      }),
    );
  });
});

describe('SortedIdIndex', () => {
  it('finds exactly the ids it holds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 2 ** 40 })),
        fc.array(fc.integer({ min: 0, max: 2 ** 40 })),
        (ids, probes) => {
          const index = new SortedIdIndex(Float64Array.from(ids));
          const unique = [...new Set(ids)].sort((a, b) => a - b);
          expect(Array.from(index.ids)).toEqual(unique);
          for (const p of [...probes, ...ids]) expect(index.indexOf(p)).toBe(unique.indexOf(p));
        },
      ),
    );
  });
});
