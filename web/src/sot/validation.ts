/**
 * Field errors of the SOT-punkt forms. Unlike the registry form, these forms have lists (load
 * items, communication equipment), so paths keep their indexes: `loadInventory.items.2.count`
 * lands on the count of the third item.
 */
import type { z } from 'zod';
import type { ApiErrorDetail } from '../api.js';
import { type FieldErrors, issueMessage } from '../forms/validation.js';
import type { MessageKey, Params } from '../i18n.js';

export type { FieldErrors };

type Translate = (key: MessageKey, params?: Params) => string;

/** `['items', 2, 'count']` → `items.2.count`. */
export function indexedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Zod issues → field errors (first issue per path wins), paths under `prefix`. */
export function zodErrors(
  issues: readonly z.core.$ZodIssue[],
  t: Translate,
  isEmpty: (path: string) => boolean = () => false,
  prefix = '',
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const own = indexedPath(issue.path);
    const path = prefix && own ? `${prefix}.${own}` : prefix || own;
    if (!(path in errors)) errors[path] = issueMessage(issue, t, isEmpty(path));
  }
  return errors;
}

/** Server details → field errors; `items[2].count` and `items.2.count` both become `items.2.count`. */
export function apiErrors(details: readonly ApiErrorDetail[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const d of details) {
    const path = (d.field ?? '').replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
    errors[path] = errors[path] ? `${errors[path]} ${d.reason}` : d.reason;
  }
  return errors;
}

/** Errors whose path starts with `prefix.` (or is `prefix`), e.g. those of one list row. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).filter(([path]) => path === prefix || path.startsWith(`${prefix}.`)),
  );
}

/**
 * The same errors with `prefix.` before each path, for forms whose control ids carry a prefix
 * (two forms on one page must not share ids) while the server names the bare fields.
 */
export function prefixErrors(errors: FieldErrors, prefix: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k ? `${prefix}.${k}` : k, v]));
}
