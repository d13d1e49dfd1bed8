/**
 * Indexed d-ary min-heap of integer items (node ids) keyed by integer times, with decrease-key.
 * Arity 4: shallower than a binary heap, and a node's four children share a cache line, which
 * wins on road graphs where most operations are decrease-keys. The C++ reference
 * (`native/dijkstra.cpp`) uses the same arity and the same sift rules, so timings compare the
 * languages, not the algorithms.
 *
 * Keys live beside the items in the heap array instead of being looked up through the item, so
 * sifting reads contiguous memory.
 */

/** Children of slot `i` are `ARITY * i + 1 … ARITY * i + ARITY`. */
export const HEAP_ARITY = 4;

/** Position marker: never inserted since the last reset. */
export const NOT_IN_HEAP = -1;
/** Position marker: popped (settled). */
export const POPPED = -2;

export class IndexedHeap {
  /** Item at each heap slot. */
  readonly items: Int32Array;
  /** Key at each heap slot. */
  readonly keys: Int32Array;
  /** Slot of each item, or NOT_IN_HEAP / POPPED. */
  readonly pos: Int32Array;
  size = 0;

  /** A heap for items `0 … capacity - 1`, all marked NOT_IN_HEAP. */
  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
    this.keys = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(NOT_IN_HEAP);
  }

  /**
   * Inserts `item`, or lowers its key when it is already queued. The caller guarantees the key is
   * lower than the queued one (searches compare against their label arrays first, so checking
   * again here would be wasted work) and that popped items are not pushed again.
   */
  push(item: number, key: number): void {
    const i = this.pos[item];
    this.siftUp(i === NOT_IN_HEAP ? this.size++ : i, item, key);
  }

  /** Removes the minimum and returns its item; read its key with {@link minKey} first. */
  pop(): number {
    const items = this.items;
    const keys = this.keys;
    const top = items[0];
    this.pos[top] = POPPED;
    const last = --this.size;
    if (last > 0) this.siftDown(items[last], keys[last], last);
    return top;
  }

  /** Key of the minimum (heap must be non-empty). */
  minKey(): number {
    return this.keys[0];
  }

  /** Marks `item` as never inserted (used when resetting only the touched items). */
  forget(item: number): void {
    this.pos[item] = NOT_IN_HEAP;
  }

  private siftUp(i: number, item: number, key: number): void {
    const items = this.items;
    const keys = this.keys;
    const pos = this.pos;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pk = keys[parent];
      if (pk <= key) break;
      const pi = items[parent];
      items[i] = pi;
      keys[i] = pk;
      pos[pi] = i;
      i = parent;
    }
    items[i] = item;
    keys[i] = key;
    pos[item] = i;
  }

  /** Places `item` with `key` starting at the root of a heap of `size` slots. */
  private siftDown(item: number, key: number, size: number): void {
    const items = this.items;
    const keys = this.keys;
    const pos = this.pos;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= size) break;
      let best = first;
      let bk = keys[first];
      const end = Math.min(first + 4, size);
      for (let c = first + 1; c < end; c++) {
        const ck = keys[c];
        if (ck < bk) {
          bk = ck;
          best = c;
        }
      }
      if (bk >= key) break;
      const bi = items[best];
      items[i] = bi;
      keys[i] = bk;
      pos[bi] = i;
      i = best;
    }
    items[i] = item;
    keys[i] = key;
    pos[item] = i;
  }
}
