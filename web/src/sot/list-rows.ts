/**
 * Rows edited in place inside one form (communication equipment, local functions, load items):
 * they have no ids of their own, so a row is addressed by its index and every change builds a
 * new array, as React state wants.
 */

/** `rows` with row `index` changed by `patch`. */
export function patchAt<R>(rows: readonly R[], index: number, patch: Partial<R>): R[] {
  return rows.map((row, j) => (j === index ? { ...row, ...patch } : row));
}

/** `rows` without row `index`. */
export function removeAt<R>(rows: readonly R[], index: number): R[] {
  return rows.filter((_, j) => j !== index);
}
