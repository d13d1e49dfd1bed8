/**
 * The indexed d-ary min-heap both search kernels use (`wasm/dijkstra.wat`, `wasm/dijkstra2.wat`):
 * integer items (node ids, or label slots) keyed by integer times, with decrease-key. The heap
 * lives in three arrays of the kernel's memory: `items` and `keys` per heap slot, `pos` per item.
 *
 * Arity 4: shallower than a binary heap, and a node's four children share a cache line, which
 * wins on road graphs where most operations are decrease-keys. Keys live beside the items in the
 * heap array instead of being looked up through the item, so sifting reads contiguous memory.
 * The C++ reference (`native/dijkstra.cpp`) uses the same arity and the same sift rules, so
 * timings compare the languages, not the algorithms.
 */

/** Children of slot `i` are `ARITY * i + 1 … ARITY * i + ARITY`. */
export const HEAP_ARITY = 4;

/** Position marker: never inserted since the last reset. */
export const NOT_IN_HEAP = -1;
/** Position marker: popped (settled). */
export const POPPED = -2;
