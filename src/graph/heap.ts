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

/*
 * The kernels spell the rest of the layout as literals, since WebAssembly text has no imports of
 * constants: arity 4 (children of slot `i` are `4i + 1 … 4i + 4`), and the position marker -2 for
 * a popped (settled) item. `assemble.test.ts` keeps the embedded binaries equal to that text.
 */

/**
 * Position marker: never inserted since the last reset. TypeScript fills the `pos` array with
 * it when a workspace is allocated; the kernels test for it and reset to it.
 */
export const NOT_IN_HEAP = -1;
