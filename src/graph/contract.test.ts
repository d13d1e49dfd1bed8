import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractChains } from './contract.js';
import { type RefArc, referenceTimes } from './reference.js';
import { Dir, SegmentBuilder, type SegmentSet } from './segment-set.js';

interface Seg {
  a: number;
  b: number;
  dir: number;
  cls: number;
  flags: number;
  seconds: number;
}

function toSet(segs: Seg[]): SegmentSet {
  const out = new SegmentBuilder();
  segs.forEach((s, i) => {
    out.geomNode.push(s.a);
    out.geomNode.push(s.b);
    out.add(s.a, s.b, s.dir, s.cls, s.flags, s.seconds * 10, s.seconds, 1000 + i);
  });
  return out.finish();
}

function arcsOf(set: SegmentSet): RefArc[] {
  const arcs: RefArc[] = [];
  for (let i = 0; i < set.count; i++) {
    if (set.dir[i] & Dir.forward) arcs.push({ from: set.a[i], to: set.b[i], time: set.seconds[i] });
    if (set.dir[i] & Dir.backward) arcs.push({ from: set.b[i], to: set.a[i], time: set.seconds[i] });
  }
  return arcs;
}

const segArb = (n: number) =>
  fc.record({
    a: fc.integer({ min: 0, max: n - 1 }),
    b: fc.integer({ min: 0, max: n - 1 }),
    dir: fc.constantFrom(1, 2, 3, 3),
    cls: fc.integer({ min: 0, max: 1 }),
    flags: fc.constantFrom(0, 0, 0, 1),
    seconds: fc.integer({ min: 1, max: 50 }),
  });
const setArb = fc
  .integer({ min: 1, max: 12 })
  .chain((n) => fc.array(segArb(n), { maxLength: 20 }).map((segs) => ({ n, segs })));

describe('contractChains', () => {
  it('keeps shortest times between remaining nodes, lengths and geometry ends', () => {
    fc.assert(
      fc.property(setArb, ({ n, segs }) => {
        const before = toSet(segs);
        const { segments: after, removedNodes } = contractChains(before, n);
        const kept = new Set<number>();
        for (let i = 0; i < after.count; i++) kept.add(after.a[i]).add(after.b[i]);
        const touched = new Set(segs.flatMap((s) => [s.a, s.b]));
        // Pure cycles keep one node each, so removed + kept never exceeds the touched nodes.
        expect(kept.size + removedNodes).toBe(touched.size);
        const arcsBefore = arcsOf(before);
        const arcsAfter = arcsOf(after);
        for (const u of kept) {
          const tb = referenceTimes(n, arcsBefore, [{ node: u, time: 0 }]);
          const ta = referenceTimes(n, arcsAfter, [{ node: u, time: 0 }]);
          for (const v of kept) expect(ta[v]).toBe(tb[v]);
        }
        const sum = (s: SegmentSet) => s.metres.reduce((x, y) => x + y, 0);
        expect(sum(after)).toBeCloseTo(sum(before), 6);
        for (let i = 0; i < after.count; i++) {
          expect(after.geomNode[after.geomStart[i]]).toBe(after.a[i]);
          expect(after.geomNode[after.geomStart[i + 1] - 1]).toBe(after.b[i]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('merges only pieces with equal class, flags and direction', () => {
    // 0 - 1 - 2 - 3 - 4 - 5: 0-1 two-way, 1-2 two-way (merge), 2→3 one-way (stop), 3→4 one-way
    // (merge), 4-5 a bridge (stop).
    const set = toSet([
      { a: 0, b: 1, dir: 3, cls: 0, flags: 0, seconds: 1 },
      { a: 2, b: 1, dir: 3, cls: 0, flags: 0, seconds: 2 },
      { a: 2, b: 3, dir: 1, cls: 0, flags: 0, seconds: 3 },
      { a: 4, b: 3, dir: 2, cls: 0, flags: 0, seconds: 4 },
      { a: 4, b: 5, dir: 1, cls: 0, flags: 1, seconds: 5 },
    ]);
    const { segments, removedNodes } = contractChains(set, 6);
    expect(removedNodes).toBe(2);
    const rows = Array.from({ length: segments.count }, (_, i) => [
      segments.a[i],
      segments.b[i],
      segments.dir[i],
      segments.seconds[i],
      Array.from(segments.geomNode.subarray(segments.geomStart[i], segments.geomStart[i + 1])),
    ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [0, 2, Dir.both, 3, [0, 1, 2]],
        [2, 4, Dir.forward, 7, [2, 3, 4]],
        [4, 5, Dir.forward, 5, [4, 5]],
      ]),
    );
    expect(segments.count).toBe(3);
    // The longest piece names the way (seconds × 10 = metres here).
    const i = rows.findIndex((r) => r[0] === 2);
    expect(segments.way[i]).toBe(1003);
  });

  it('keeps a ring without junctions as a loop at one of its nodes', () => {
    const set = toSet([
      { a: 0, b: 1, dir: 3, cls: 0, flags: 0, seconds: 1 },
      { a: 1, b: 2, dir: 3, cls: 0, flags: 0, seconds: 1 },
      { a: 2, b: 0, dir: 3, cls: 0, flags: 0, seconds: 1 },
    ]);
    const { segments } = contractChains(set, 3);
    expect(segments.count).toBe(1);
    expect(segments.a[0]).toBe(segments.b[0]);
    expect(segments.seconds[0]).toBe(3);
    expect(segments.geomStart[1]).toBe(4);
  });
});
