/**
 * A least-recently-used cache bounded by entry count and by total size. Uses a Map's insertion
 * order as the recency list: a hit is deleted and re-inserted, eviction takes the first key.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; size: number }>();
  private total = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxSize = Number.POSITIVE_INFINITY,
  ) {
    if (!(maxEntries >= 1)) throw new RangeError('an LRU cache needs room for one entry');
  }

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  /** Stores `value`; an entry larger than `maxSize` on its own is not stored. */
  set(key: K, value: V, size = 1): void {
    const old = this.map.get(key);
    if (old) {
      this.total -= old.size;
      this.map.delete(key);
    }
    if (size > this.maxSize) return;
    this.map.set(key, { value, size });
    this.total += size;
    while (this.map.size > this.maxEntries || this.total > this.maxSize) {
      const first = this.map.keys().next().value as K;
      this.total -= this.map.get(first)?.size ?? 0;
      this.map.delete(first);
    }
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  get size(): number {
    return this.map.size;
  }

  /** Sum of the stored entries' sizes. */
  get totalSize(): number {
    return this.total;
  }
}
