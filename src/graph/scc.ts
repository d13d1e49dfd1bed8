/**
 * Strongly connected components (Tarjan, iterative). The routing graph keeps only the largest
 * one: a node outside it either cannot be left or cannot be reached by car (a one-way stub, a
 * mapping error, an island without a ferry), and searching from it would report nonsense times.
 */

/** Component of each node (0 … count - 1) and each component's size. */
export interface Components {
  component: Int32Array;
  count: number;
  size: Int32Array;
}

/** SCCs of the directed graph given as CSR (`firstOut`, `head`). */
export function stronglyConnectedComponents(
  nodeCount: number,
  firstOut: ArrayLike<number>,
  head: ArrayLike<number>,
): Components {
  const index = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const onStack = new Uint8Array(nodeCount);
  const stack = new Int32Array(nodeCount);
  const calls = new Int32Array(nodeCount);
  const iter = new Int32Array(nodeCount);
  const component = new Int32Array(nodeCount).fill(-1);
  const sizes: number[] = [];
  let sp = 0;
  let clock = 0;
  for (let root = 0; root < nodeCount; root++) {
    if (index[root] !== -1) continue;
    let cp = 0;
    calls[cp++] = root;
    index[root] = low[root] = clock++;
    stack[sp++] = root;
    onStack[root] = 1;
    iter[root] = firstOut[root];
    while (cp > 0) {
      const v = calls[cp - 1];
      if (iter[v] < firstOut[v + 1]) {
        const w = head[iter[v]++];
        if (index[w] === -1) {
          index[w] = low[w] = clock++;
          stack[sp++] = w;
          onStack[w] = 1;
          iter[w] = firstOut[w];
          calls[cp++] = w;
        } else if (onStack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      cp--;
      if (low[v] === index[v]) {
        const c = sizes.length;
        let size = 0;
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          component[w] = c;
          size++;
        } while (w !== v);
        sizes.push(size);
      }
      if (cp > 0) {
        const p = calls[cp - 1];
        if (low[v] < low[p]) low[p] = low[v];
      }
    }
  }
  return { component, count: sizes.length, size: Int32Array.from(sizes) };
}

/** Index of the largest component (the lowest index among equals), or -1 for an empty graph. */
export function largestComponent(c: Components): number {
  let best = -1;
  for (let i = 0; i < c.count; i++) if (best === -1 || c.size[i] > c.size[best]) best = i;
  return best;
}
