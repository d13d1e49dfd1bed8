/**
 * Turns zod issues (client-side check with the shared schemas) and API error details
 * (server-side check) into one message per field path, in the user's language.
 */
import type { z } from 'zod';
import type { ApiErrorDetail } from '../api.js';
import type { MessageKey, Params } from '../i18n.js';

/** Field path → message. The empty path holds errors that belong to no single field. */
export type FieldErrors = Record<string, string>;

type Translate = (key: MessageKey, params?: Params) => string;

/** The path of a zod issue as the API names fields: `attributes.fuels` (array indexes dropped). */
export function issuePath(path: readonly PropertyKey[]): string {
  return path
    .filter((p) => typeof p !== 'number')
    .map(String)
    .join('.');
}

/** A user-facing message for one zod issue; `empty` says whether the user left the field blank. */
export function issueMessage(issue: z.core.$ZodIssue, t: Translate, empty: boolean): string {
  switch (issue.code) {
    case 'invalid_type':
      if (empty) return t('val.required');
      if (issue.expected === 'int') return t('val.integer');
      if (issue.expected === 'number') return t('val.number');
      return t('val.invalid');
    case 'too_small':
      if (issue.origin === 'string') return t('val.required');
      if (issue.origin === 'number')
        return t(issue.inclusive === false ? 'val.gt' : 'val.min', { min: String(issue.minimum) });
      return t('val.invalid');
    case 'too_big':
      if (issue.origin === 'string') return t('val.tooLong', { max: String(issue.maximum) });
      if (issue.origin === 'number') return t('val.max', { max: String(issue.maximum) });
      return t('val.invalid');
    case 'custom':
      return issue.message || t('val.invalid');
    default:
      return t('val.invalid');
  }
}

/** Zod issues → field errors (first issue per field wins). */
export function zodFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  t: Translate,
  isEmpty: (path: string) => boolean,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issuePath(issue.path);
    if (!(path in errors)) errors[path] = issueMessage(issue, t, isEmpty(path));
  }
  return errors;
}

/**
 * Server error details → field errors. A detail whose field the form does not show is kept
 * under its own path so the error summary can still list it; details without a field go to ''.
 */
export function serverFieldErrors(details: readonly ApiErrorDetail[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const d of details) {
    const path = (d.field ?? '').replace(/\[\d+\]/g, '').replace(/\.\d+(?=\.|$)/g, '');
    errors[path] = errors[path] ? `${errors[path]} ${d.reason}` : d.reason;
  }
  return errors;
}
