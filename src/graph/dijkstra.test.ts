import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsrView, graphFromArcs } from './csr.js';
import { DijkstraWorkspace, multiSourceDijkstra, sumReachedTimes, UNREACHED } from './dijkstra.js';
import { type RefArc, referenceTimes, reversedArcs } from './reference.js';
import { randomGraph, toCsr } from './test-graphs.js';

const asRef = (t: number) => (t === UNREACHED ? Number.POSITIVE_INFINITY : t);

/** Every reached non-seed node must have a tight predecessor carrying its source and distance. */
function checkLabelsConsistent(
  view: CsrView,
  ws: DijkstraWorkspace,
  seedNodes: number[],
  seedSource: number[],
) {
  const n = ws.nodeCount;
  for (let v = 0; v < n; v++) {
    if (ws.time[v] === UNREACHED) continue;
    const seedIdx = seedNodes.findIndex((s, i) => s === v && ws.source[v] === seedSource[i]);
    if (seedIdx >= 0 && ws.time[v] === 0 && ws.dist[v] === 0) continue;
    let ok = false;
    for (let u = 0; u < n && !ok; u++) {
      for (let e = view.firstOut[u]; e < view.firstOut[u + 1]; e++) {
        if (view.head[e] !== v || ws.time[u] === UNREACHED) continue;
        if (
          ws.time[u] + view.time[e] === ws.time[v] &&
          ws.source[u] === ws.source[v] &&
          Math.abs(ws.dist[u] + view.length[e] - ws.dist[v]) < 1e-6
        )
          ok = true;
      }
    }
    expect(ok, `node ${v} has no predecessor explaining its label`).toBe(true);
  }
}

describe('multiSourceDijkstra', () => {
  it('matches the O(n²) reference on random graphs, forward and backward', () => {
    fc.assert(
      fc.property(randomGraph(), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (g, rawSeeds) => {
        const seeds = rawSeeds.map((s) => s % g.nodeCount);
        const graph = toCsr(g);
        const ws = new DijkstraWorkspace(g.nodeCount);
        const seedSpec = { nodes: seeds };
        for (const [view, arcs] of [
          [graph.forward, g.arcs],
          [graph.backward, reversedArcs(g.arcs)],
        ] as [CsrView, RefArc[]][]) {
          multiSourceDijkstra(view, seedSpec, ws);
          const ref = referenceTimes(
            g.nodeCount,
            arcs,
            seeds.map((node) => ({ node, time: 0 })),
          );
          expect(Array.from(ws.time, asRef)).toEqual(ref);
          expect(ws.reached).toBe(ref.filter(Number.isFinite).length);
          // The nearest source really is at that time.
          for (let v = 0; v < g.nodeCount; v++) {
            if (ws.time[v] === UNREACHED) continue;
            const own = referenceTimes(g.nodeCount, arcs, [{ node: seeds[ws.source[v]], time: 0 }]);
            expect(own[v]).toBe(ws.time[v]);
          }
          checkLabelsConsistent(
            view,
            ws,
            seeds,
            seeds.map((_, i) => i),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('honours seed start times, shared sources and the time bound', () => {
    fc.assert(
      fc.property(
        randomGraph(),
        fc.array(
          fc.record({ node: fc.nat(), time: fc.integer({ min: 0, max: 30 }), source: fc.nat({ max: 2 }) }),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        fc.integer({ min: 0, max: 60 }),
        (g, raw, bound) => {
          const seeds = raw.map((s) => ({ ...s, node: s.node % g.nodeCount }));
          const graph = toCsr(g);
          const ws = new DijkstraWorkspace(g.nodeCount);
          multiSourceDijkstra(
            graph.forward,
            {
              nodes: seeds.map((s) => s.node),
              times: seeds.map((s) => s.time),
              sources: seeds.map((s) => s.source),
            },
            ws,
            { maxTime: bound },
          );
          const ref = referenceTimes(g.nodeCount, g.arcs, seeds).map((t) =>
            t <= bound ? t : Number.POSITIVE_INFINITY,
          );
          expect(Array.from(ws.time, asRef)).toEqual(ref);
          for (let v = 0; v < g.nodeCount; v++) {
            if (ws.time[v] === UNREACHED) {
              expect(ws.source[v]).toBe(-1);
              continue;
            }
            const own = referenceTimes(
              g.nodeCount,
              g.arcs,
              seeds.filter((s) => s.source === ws.source[v]),
            );
            expect(own[v]).toBe(ws.time[v]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same answers when a workspace is reused', () => {
    fc.assert(
      fc.property(randomGraph(), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 40 }), (g, a, b, bound) => {
        const graph = toCsr(g);
        const reused = new DijkstraWorkspace(g.nodeCount);
        multiSourceDijkstra(graph.forward, { nodes: [a % g.nodeCount] }, reused, { maxTime: bound });
        multiSourceDijkstra(graph.backward, { nodes: [b % g.nodeCount] }, reused);
        const fresh = new DijkstraWorkspace(g.nodeCount);
        multiSourceDijkstra(graph.backward, { nodes: [b % g.nodeCount] }, fresh);
        expect(Array.from(reused.time)).toEqual(Array.from(fresh.time));
        expect(Array.from(reused.source)).toEqual(Array.from(fresh.source));
        expect(sumReachedTimes(reused)).toBe(sumReachedTimes(fresh));
      }),
      { numRuns: 200 },
    );
  });

  it('respects one-way streets: the backward view gives the time to the source', () => {
    // 0 → 1 one-way (10), 1 → 2 → 0 the long way back (50 + 50).
    const g = graphFromArcs(3, [0, 1, 2], [1, 2, 0], [10, 50, 50]);
    const ws = new DijkstraWorkspace(3);
    multiSourceDijkstra(g.forward, { nodes: [1] }, ws);
    expect(ws.time[0]).toBe(100); // from the service at 1 to node 0
    multiSourceDijkstra(g.backward, { nodes: [1] }, ws);
    expect(ws.time[0]).toBe(10); // from node 0 to the service at 1
    expect(ws.time[2]).toBe(60);
  });

  it('leaves nodes no source can reach UNREACHED and does not count them', () => {
    // 0 - 1 connected, 2 isolated, 3 only reachable towards 0 (3 → 0).
    const g = graphFromArcs(4, [0, 1, 3], [1, 0, 0], [5, 5, 7]);
    const ws = new DijkstraWorkspace(4);
    expect(multiSourceDijkstra(g.forward, { nodes: [0] }, ws)).toBe(2);
    expect(ws.time[2]).toBe(UNREACHED);
    expect(ws.time[3]).toBe(UNREACHED);
    expect(ws.source[3]).toBe(-1);
    expect(sumReachedTimes(ws)).toBe(5);
  });

  it('keeps answering correctly when one workspace alternates between more views than it caches', () => {
    // Three different graphs on 4 nodes: the workspace keeps two copies, so the third evicts one
    // (reusing its region when it fits) and every answer must still come from the right graph.
    const views = [
      graphFromArcs(4, [0, 1, 2], [1, 2, 3], [1, 1, 1]).forward,
      graphFromArcs(4, [0, 0, 0], [1, 2, 3], [5, 6, 7]).forward,
      graphFromArcs(4, [0, 1, 2, 0], [1, 2, 3, 3], [2, 2, 2, 1]).forward,
    ];
    const expected = [
      [0, 1, 2, 3],
      [0, 5, 6, 7],
      [0, 2, 4, 1],
    ];
    const ws = new DijkstraWorkspace(4);
    for (const i of [0, 1, 2, 0, 2, 1, 1, 0]) {
      multiSourceDijkstra(views[i], { nodes: [0] }, ws);
      expect(Array.from(ws.time), `view ${i}`).toEqual(expected[i]);
    }
  });

  it('copies a view again when its arrays were replaced', () => {
    const g = graphFromArcs(2, [0], [1], [3]);
    const ws = new DijkstraWorkspace(2);
    multiSourceDijkstra(g.forward, { nodes: [0] }, ws);
    expect(ws.time[1]).toBe(3);
    g.forward.time = Int32Array.from([9]);
    multiSourceDijkstra(g.forward, { nodes: [0] }, ws);
    expect(ws.time[1]).toBe(9);
  });

  it('searches a smaller graph in a larger workspace', () => {
    const g = graphFromArcs(2, [0], [1], [4]);
    const ws = new DijkstraWorkspace(10);
    expect(multiSourceDijkstra(g.forward, { nodes: [0] }, ws)).toBe(2);
    expect(ws.time[1]).toBe(4);
  });

  it('rejects seeds outside the graph and graphs the kernel could not search safely', () => {
    const g = graphFromArcs(3, [0, 1], [1, 2], [1, 1]);
    const ws = new DijkstraWorkspace(3);
    expect(() => multiSourceDijkstra(g.forward, { nodes: [3] }, ws)).toThrow(
      /seed 0: node 3 is not in the graph/,
    );
    expect(() => multiSourceDijkstra(g.forward, { nodes: [-1] }, ws)).toThrow(/node -1/);
    expect(() => multiSourceDijkstra(g.forward, { nodes: [0], times: [Number.NaN] }, ws)).toThrow(
      /seed 0: time NaN is out of range/,
    );
    expect(() => multiSourceDijkstra(g.forward, { nodes: [1.5] }, ws)).toThrow(/node 1.5/);
    expect(() => multiSourceDijkstra(g.forward, { nodes: [0] }, new DijkstraWorkspace(2))).toThrow(
      /graph has 3 nodes, the workspace 2/,
    );
    const badHead: CsrView = { ...g.forward, head: Int32Array.from([1, 7]) };
    expect(() => multiSourceDijkstra(badHead, { nodes: [0] }, ws)).toThrow(/edge 1 leads to node 7/);
    const badOffsets: CsrView = { ...g.forward, firstOut: Int32Array.from([0, 2, 1, 2]) };
    expect(() => multiSourceDijkstra(badOffsets, { nodes: [0] }, ws)).toThrow(/offsets decrease at node 1/);
    const negative: CsrView = { ...g.forward, time: Int32Array.from([1, -4]) };
    expect(() => multiSourceDijkstra(negative, { nodes: [0] }, ws)).toThrow(/edge 1 has negative time -4/);
    // A rejected search leaves the workspace usable.
    expect(multiSourceDijkstra(g.forward, { nodes: [0] }, ws)).toBe(3);
    expect(Array.from(ws.time)).toEqual([0, 1, 2]);
  });

  it('stops at the bound and leaves nodes beyond it UNREACHED', () => {
    const g = graphFromArcs(4, [0, 1, 2], [1, 2, 3], [10, 10, 10]);
    const ws = new DijkstraWorkspace(4);
    expect(multiSourceDijkstra(g.forward, { nodes: [0] }, ws, { maxTime: 20 })).toBe(3);
    expect(Array.from(ws.time)).toEqual([0, 10, 20, UNREACHED]);
    expect(ws.source[3]).toBe(-1);
    expect(multiSourceDijkstra(g.forward, { nodes: [0] }, ws, { maxTime: -1 })).toBe(0);
    expect(ws.time[0]).toBe(UNREACHED);
  });
});
