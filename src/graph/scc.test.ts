import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrOrder } from './csr.js';
import { largestComponent, stronglyConnectedComponents } from './scc.js';
import { randomGraph } from './test-graphs.js';

function reach(n: number, arcs: { from: number; to: number }[], from: number): boolean[] {
  const seen = new Array<boolean>(n).fill(false);
  const stack = [from];
  seen[from] = true;
  while (stack.length) {
    const v = stack.pop()!;
    for (const a of arcs)
      if (a.from === v && !seen[a.to]) {
        seen[a.to] = true;
        stack.push(a.to);
      }
  }
  return seen;
}

describe('stronglyConnectedComponents', () => {
  it('puts two nodes together exactly when each reaches the other', () => {
    fc.assert(
      fc.property(randomGraph(18, 50), (g) => {
        const { firstOut, order } = csrOrder(
          g.nodeCount,
          g.arcs.map((a) => a.from),
        );
        const head = Array.from(order, (i) => g.arcs[i].to);
        const c = stronglyConnectedComponents(g.nodeCount, firstOut, head);
        const r = Array.from({ length: g.nodeCount }, (_, v) => reach(g.nodeCount, g.arcs, v));
        for (let u = 0; u < g.nodeCount; u++)
          for (let v = 0; v < g.nodeCount; v++)
            expect(c.component[u] === c.component[v]).toBe(r[u][v] && r[v][u]);
        const sizes = new Array<number>(c.count).fill(0);
        for (const x of c.component) sizes[x]++;
        expect(Array.from(c.size)).toEqual(sizes);
        expect(c.size[largestComponent(c)]).toBe(Math.max(...sizes));
      }),
      { numRuns: 300 },
    );
  });

  it('handles a 300 000-node cycle iteratively', () => {
    const n = 300_000;
    const firstOut = Int32Array.from({ length: n + 1 }, (_, i) => i);
    const head = Int32Array.from({ length: n }, (_, i) => (i + 1) % n);
    const c = stronglyConnectedComponents(n, firstOut, head);
    expect(c.count).toBe(1);
  });
});
