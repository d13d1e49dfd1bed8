/**
 * Sorted set of OSM ids with fast lookup, instead of a Map of millions of entries: 8 bytes per id
 * plus a small bucket table. Node ids are dense enough in practice that bucketing on the id value
 * narrows each lookup to a handful of entries before the binary search.
 */
export class SortedIdIndex {
  /** The ids, ascending and unique. Position in this array is the id's index. */
  readonly ids: Float64Array;
  private readonly bucketStart: Int32Array;
  private readonly min: number;
  private readonly scale: number;

  /** Builds the index from ids in any order, duplicates allowed (`ids` is sorted in place). */
  constructor(ids: Float64Array) {
    ids.sort();
    let n = 0;
    for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[n - 1]) ids[n++] = ids[i];
    this.ids = ids.slice(0, n);
    const buckets = Math.max(1, n >> 2);
    this.min = n > 0 ? this.ids[0] : 0;
    const range = n > 0 ? this.ids[n - 1] - this.min + 1 : 1;
    this.scale = buckets / range;
    this.bucketStart = new Int32Array(buckets + 1);
    for (let i = 0; i < n; i++) this.bucketStart[this.bucketOf(this.ids[i]) + 1]++;
    for (let b = 0; b < buckets; b++) this.bucketStart[b + 1] += this.bucketStart[b];
  }

  get size(): number {
    return this.ids.length;
  }

  /** Index of `id`, or -1 when it is not in the set. */
  indexOf(id: number): number {
    const ids = this.ids;
    if (ids.length === 0 || id < this.min || id > ids[ids.length - 1]) return -1;
    const b = this.bucketOf(id);
    let lo = this.bucketStart[b];
    let hi = this.bucketStart[b + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid];
      if (v < id) lo = mid + 1;
      else if (v > id) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  private bucketOf(id: number): number {
    const b = Math.floor((id - this.min) * this.scale);
    return b < this.bucketStart.length - 1 ? b : this.bucketStart.length - 2;
  }
}
