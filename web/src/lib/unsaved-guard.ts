/**
 * The pure part of the "unsaved changes" guard: a registry of forms that may hold unsaved edits,
 * which the router asks before it leaves the page, and the comparison that tells whether a form
 * still equals what was loaded. No DOM and no React here (see ./use-unsaved-guard.ts for those),
 * so the rules are unit-tested in Node.
 */

/** One form that may hold unsaved edits. */
export interface LeaveGuard {
  /** True while the form differs from what was loaded or last saved. */
  dirty(): boolean;
  /** The question to ask before its edits are thrown away. */
  message(): string;
}

/** The guards currently on screen. */
export interface LeaveGuards {
  /** Registers a guard; the returned function removes it again. */
  add(guard: LeaveGuard): () => void;
  /** The first guard with unsaved edits, or undefined. */
  blocking(): LeaveGuard | undefined;
  /**
   * Whether leaving may go ahead: true when nothing is dirty, else what `ask` answers (asked once,
   * with the first dirty guard's message, however many forms are dirty).
   */
  confirmLeave(ask: (message: string) => boolean): boolean;
}

/** A fresh registry (the app uses {@link leaveGuards}; tests make their own). */
export function createLeaveGuards(): LeaveGuards {
  const guards = new Set<LeaveGuard>();
  const blocking = () => [...guards].find((g) => g.dirty());
  return {
    add(guard) {
      // Each registration gets its own entry, so the same guard object may be added twice safely.
      const entry: LeaveGuard = { dirty: () => guard.dirty(), message: () => guard.message() };
      guards.add(entry);
      return () => {
        guards.delete(entry);
      };
    },
    blocking,
    confirmLeave(ask) {
      const guard = blocking();
      return guard ? ask(guard.message()) : true;
    },
  };
}

/** The app's one registry, consulted by the router on every navigation. */
export const leaveGuards: LeaveGuards = createLeaveGuards();

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * True when two form states differ. Key order does not matter and a key holding undefined equals
 * a missing key (forms spread patches, which reorders and adds keys); array order does matter,
 * since it is sent as it is.
 */
export function formsDiffer(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return true;
    return a.some((value, i) => formsDiffer(value, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (formsDiffer(a[key], b[key])) return true;
    return false;
  }
  return true;
}
