import { describe, expect, it } from 'vitest';
import { Rng, seed32 } from './prng.js';

const draw = (rng: Rng, n = 5) => Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    expect(draw(Rng.fromSeed(42))).toEqual(draw(Rng.fromSeed(42)));
    expect(draw(Rng.fromSeed(42))).not.toEqual(draw(Rng.fromSeed(43)));
  });

  it('folds every safe integer into a distinct-looking 32-bit seed', () => {
    const seeds = [0, 1, -1, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER].map(seed32);
    expect(new Set(seeds).size).toBe(seeds.length);
    for (const s of seeds) expect(s >>> 0).toBe(s);
  });

  it('forks streams that depend on the label, not on draws made before', () => {
    const a = Rng.fromSeed(7);
    const b = Rng.fromSeed(7);
    draw(b, 100);
    expect(draw(a.fork('tracks'))).toEqual(draw(b.fork('tracks')));
    expect(draw(a.fork('tracks'))).not.toEqual(draw(a.fork('lanes')));
  });

  it('keeps values in range', () => {
    const rng = Rng.fromSeed(1);
    const ints = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const f = rng.float(-2, 3);
      expect(f).toBeGreaterThanOrEqual(-2);
      expect(f).toBeLessThan(3);
      ints.add(rng.int(1, 4));
    }
    expect([...ints].sort()).toEqual([1, 2, 3, 4]);
    expect(Number.isFinite(rng.normal())).toBe(true);
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
