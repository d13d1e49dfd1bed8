import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphFromArcs } from './csr.js';
import { UNREACHED } from './dijkstra.js';
import { TwoSourceWorkspace, twoSourceDijkstra } from './dijkstra2.js';
import { referenceTimes } from './reference.js';
import { randomGraph, toCsr } from './test-graphs.js';

const seedArb = fc.array(
  fc.record({ node: fc.nat(), time: fc.integer({ min: 0, max: 15 }), source: fc.nat({ max: 4 }) }),
  { minLength: 1, maxLength: 8 },
);

describe('twoSourceDijkstra', () => {
  it('finds the nearest and the nearest distinct second source, as brute force over sources does', () => {
    fc.assert(
      fc.property(
        randomGraph(20, 70),
        seedArb,
        fc.option(fc.integer({ min: 0, max: 50 })),
        (g, raw, bound) => {
          const seeds = raw.map((s) => ({ ...s, node: s.node % g.nodeCount }));
          const graph = toCsr(g);
          const ws = new TwoSourceWorkspace(g.nodeCount);
          const limit = bound ?? Number.POSITIVE_INFINITY;
          twoSourceDijkstra(
            graph.backward,
            {
              nodes: seeds.map((s) => s.node),
              times: seeds.map((s) => s.time),
              sources: seeds.map((s) => s.source),
            },
            ws,
            bound === null ? {} : { maxTime: bound },
          );
          // Brute force: one search per source (on the reversed arcs = times *to* the source).
          const reversed = g.arcs.map((a) => ({ ...a, from: a.to, to: a.from }));
          const perSource = new Map<number, number[]>();
          for (const s of new Set(seeds.map((x) => x.source)))
            perSource.set(
              s,
              referenceTimes(
                g.nodeCount,
                reversed,
                seeds.filter((x) => x.source === s),
              ),
            );
          for (let v = 0; v < g.nodeCount; v++) {
            const best = [...perSource.values()]
              .map((t) => t[v])
              .filter((t) => t <= limit)
              .sort((a, b) => a - b);
            const want1 = best[0] ?? Number.POSITIVE_INFINITY;
            const want2 = best[1] ?? Number.POSITIVE_INFINITY;
            const got1 = ws.time1[v] === UNREACHED ? Number.POSITIVE_INFINITY : ws.time1[v];
            const got2 = ws.time2[v] === UNREACHED ? Number.POSITIVE_INFINITY : ws.time2[v];
            expect([got1, got2]).toEqual([want1, want2]);
            if (got1 < Number.POSITIVE_INFINITY) expect(perSource.get(ws.source1[v])![v]).toBe(got1);
            else expect(ws.source1[v]).toBe(-1);
            if (got2 < Number.POSITIVE_INFINITY) {
              expect(ws.source2[v]).not.toBe(ws.source1[v]);
              expect(perSource.get(ws.source2[v])![v]).toBe(got2);
            } else expect(ws.source2[v]).toBe(-1);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('tracks path lengths for both labels and survives workspace reuse', () => {
    // A line 0 - 1 - 2 - 3 with sources at both ends; lengths 100 m per edge, times 10.
    const t = [0, 1, 1, 2, 2, 3];
    const h = [1, 0, 2, 1, 3, 2];
    const g = graphFromArcs(4, t, h, [10, 10, 10, 10, 10, 10], [100, 100, 100, 100, 100, 100]);
    const ws = new TwoSourceWorkspace(4);
    twoSourceDijkstra(g.backward, { nodes: [0, 0], sources: [7, 7] }, ws); // one source twice
    expect(ws.time2[3]).toBe(UNREACHED);
    twoSourceDijkstra(g.backward, { nodes: [0, 3], sources: [7, 9] }, ws);
    expect([ws.time1[1], ws.source1[1], ws.dist1[1]]).toEqual([10, 7, 100]);
    expect([ws.time2[1], ws.source2[1], ws.dist2[1]]).toEqual([20, 9, 200]);
    expect([ws.time1[3], ws.source1[3], ws.time2[3], ws.source2[3]]).toEqual([0, 9, 30, 7]);
  });

  it('answers from the right graph when one workspace alternates between views, and rejects bad seeds', () => {
    const line = graphFromArcs(3, [0, 1, 1, 2], [1, 0, 2, 1], [5, 5, 5, 5]);
    const star = graphFromArcs(3, [0, 1, 0, 2], [1, 0, 2, 0], [1, 1, 8, 8]);
    const ws = new TwoSourceWorkspace(3);
    for (const [g, want] of [
      [line, [5, 0, 5]],
      [star, [1, 0, 9]],
      [line, [5, 0, 5]],
    ] as const) {
      twoSourceDijkstra(g.forward, { nodes: [1] }, ws);
      expect(Array.from(ws.time1)).toEqual(want);
    }
    expect(() => twoSourceDijkstra(line.forward, { nodes: [5] }, ws)).toThrow(
      /seed 0: node 5 is not in the graph/,
    );
    expect(() => twoSourceDijkstra(line.forward, { nodes: [0], times: [-3] }, ws)).toThrow(/seed 0: time -3/);
  });
});
