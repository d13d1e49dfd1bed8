import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseBridges, componentsWithout, dependsOnBridge, findBridges } from './bridges.js';

/** Brute force: an edge is a bridge when removing it disconnects its endpoints. */
function bruteBridges(n: number, a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const cut = new Uint8Array(a.length);
    cut[i] = 1;
    const comp = componentsWithout(n, a, b, cut);
    out.push(comp[a[i]] !== comp[b[i]] ? 1 : 0);
  }
  return out;
}

/** Brute force: every x–y route crosses a bridge when removing some single bridge separates them. */
function bruteDepends(n: number, a: number[], b: number[], x: number, y: number): boolean {
  const all = componentsWithout(n, a, b, null);
  if (all[x] !== all[y]) return false;
  for (let i = 0; i < a.length; i++) {
    const cut = new Uint8Array(a.length);
    cut[i] = 1;
    const comp = componentsWithout(n, a, b, cut);
    if (comp[x] !== comp[y]) return true;
  }
  return false;
}

const graphArb = fc.integer({ min: 1, max: 16 }).chain((n) =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), {
      maxLength: 30,
    })
    .map((edges) => ({ n, a: edges.map((e) => e[0]), b: edges.map((e) => e[1]) })),
);

describe('bridges', () => {
  it('finds exactly the edges whose removal disconnects their endpoints', () => {
    fc.assert(
      fc.property(graphArb, ({ n, a, b }) => {
        expect(Array.from(findBridges(n, a, b))).toEqual(bruteBridges(n, a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('says whether every route between two nodes crosses a bridge', () => {
    fc.assert(
      fc.property(graphArb, fc.nat(), fc.nat(), ({ n, a, b }, x, y) => {
        const analysis = analyseBridges(n, a, b);
        expect(dependsOnBridge(analysis, x % n, y % n)).toBe(bruteDepends(n, a, b, x % n, y % n));
      }),
      { numRuns: 500 },
    );
  });

  it('handles a valley: a ring of villages hanging off one road, parallel roads and loops', () => {
    // Town ring 0-1-2-0; one road 2-3 into the valley; valley ring 3-4-5-3; a dead end 5-6
    // served by two parallel roads; a loop at 6.
    const edges = [
      [0, 1],
      [1, 2],
      [2, 0],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 3],
      [5, 6],
      [5, 6],
      [6, 6],
    ];
    const a = edges.map((e) => e[0]);
    const b = edges.map((e) => e[1]);
    const analysis = analyseBridges(7, a, b);
    expect(Array.from(analysis.isBridge)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(analysis.bridgeCount).toBe(1);
    expect(dependsOnBridge(analysis, 4, 0)).toBe(true);
    expect(dependsOnBridge(analysis, 6, 3)).toBe(false);
    expect(dependsOnBridge(analysis, 1, 2)).toBe(false);
  });

  it('runs without recursion on a 300 000-node path (every edge a bridge)', () => {
    const n = 300_000;
    const a = Int32Array.from({ length: n - 1 }, (_, i) => i);
    const b = Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
    const analysis = analyseBridges(n, a, b);
    expect(analysis.bridgeCount).toBe(n - 1);
    expect(dependsOnBridge(analysis, 0, n - 1)).toBe(true);
  });
});
