/**
 * Seeded pseudo-random numbers for the demo generator.
 *
 * `Math.random` cannot be seeded, and the demo region must be byte-identical for the same seed, so
 * everything random in `src/demo` draws from an {@link Rng}. The core is mulberry32: tiny, fast,
 * and good enough for layout noise (this is not cryptography).
 */

/** Avalanche mix of a 32-bit integer (murmur3's fmix32); spreads nearby seeds far apart. */
export function mix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units, used to derive named sub-streams. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Folds any safe integer (negative and above 2^32 included) into a 32-bit PRNG seed, so that
 * e.g. seeds 1 and 2^32 + 1 still give different regions.
 */
export function seed32(seed: number): number {
  const big = BigInt(seed);
  const lo = Number(BigInt.asUintN(32, big));
  const hi = Number(BigInt.asUintN(32, big >> 32n));
  return mix32(lo ^ mix32(hi ^ 0x9e3779b9));
}

/** A seeded random stream (mulberry32) with the few helpers the generator needs. */
export class Rng {
  /** The seed this stream started from; {@link fork} derives from it, not from the current state. */
  readonly seed: number;
  private state: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.state = this.seed;
  }

  /** A stream for a user-facing seed (any safe integer). */
  static fromSeed(seed: number): Rng {
    return new Rng(seed32(seed));
  }

  /**
   * An independent stream named `label`. It depends only on this stream's seed and the label,
   * never on how many numbers were drawn so far, so adding draws to one part of the generator
   * (e.g. more tracks for a larger node count) cannot reshuffle another part (e.g. the places).
   */
  fork(label: string): Rng {
    return new Rng(mix32(hashString(label, this.seed) ^ 0x6a09e667));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element; the array must not be empty. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal deviate (Box–Muller; one of the pair is discarded to keep state simple). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }
}
