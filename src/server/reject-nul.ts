/**
 * Refuses text containing U+0000 before any route sees it. PostgreSQL `text` and `jsonb` cannot
 * store a NUL character, so such a value would otherwise reach the database and fail there as a
 * bare 500; here it becomes a 400 naming the field (`name`, `attributes.note`, `q`).
 * Multipart uploads are not walked: their files are checked by the import and document code.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validationError } from '../errors.js';

const NUL = '\u0000';

/** The dotted path (`attributes.note`, `parties.0`) of the first string or key containing NUL, else null. */
export function findNul(value: unknown, root: string): string | null {
  // An explicit stack, not recursion: a deeply nested JSON body must not overflow the call stack.
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: root }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop() as { value: unknown; path: string };
    if (typeof v === 'string') {
      if (v.includes(NUL)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(path, String(i)) });
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      const entries = Object.entries(v);
      for (const [key] of entries) if (key.includes(NUL)) return join(path, key);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        stack.push({ value: child, path: join(path, key) });
      }
    }
  }
  return null;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function rejectIn(value: unknown, where: 'body' | 'query' | 'params'): void {
  const path = findNul(value, '');
  if (path === null) return;
  const field = path || where;
  throw validationError(
    `Invalid ${where}: ${field} contains a NUL character (U+0000), which cannot be stored`,
    [{ field, reason: 'contains a NUL character (U+0000)' }],
  );
}

/** Registers the hook on every route of `app` (call before the routes are registered). */
export function registerRejectNul(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    rejectIn(request.params, 'params');
    rejectIn(request.query, 'query');
    if (!request.isMultipart()) rejectIn(request.body, 'body');
  });
}
