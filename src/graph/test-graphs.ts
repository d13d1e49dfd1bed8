/**
 * Random graphs for property tests (fast-check arbitraries) and small helpers to turn them into
 * CSR graphs. Not shipped code paths; kept beside the modules the tests check.
 */
import fc from 'fast-check';
import { type CsrGraph, graphFromArcs } from './csr.js';
import type { RefArc } from './reference.js';

/** A random directed multigraph: self-loops, parallel arcs, zero times and isolated nodes included. */
export interface RandomGraph {
  nodeCount: number;
  arcs: RefArc[];
}

export function randomGraph(maxNodes = 24, maxArcs = 80, maxTime = 20): fc.Arbitrary<RandomGraph> {
  return fc.integer({ min: 1, max: maxNodes }).chain((nodeCount) =>
    fc
      .array(
        fc.record({
          from: fc.integer({ min: 0, max: nodeCount - 1 }),
          to: fc.integer({ min: 0, max: nodeCount - 1 }),
          time: fc.integer({ min: 0, max: maxTime }),
          length: fc.integer({ min: 0, max: 1000 }),
        }),
        { maxLength: maxArcs },
      )
      .map((arcs) => ({ nodeCount, arcs })),
  );
}

/** The CSR graph of a random graph. */
export function toCsr(g: RandomGraph): CsrGraph {
  return graphFromArcs(
    g.nodeCount,
    g.arcs.map((a) => a.from),
    g.arcs.map((a) => a.to),
    g.arcs.map((a) => a.time),
    g.arcs.map((a) => a.length ?? 0),
  );
}
