/**
 * The state of one SOT-punkt form: a plain object of strings (and a few flags) that the model
 * modules turn into a request body. Every form patches it one field at a time and ties most of
 * its text, date and select controls to it the same way, so both live here once.
 */
import { type Dispatch, type SetStateAction, useCallback, useState } from 'react';
import type { z } from 'zod';
import type { FieldErrors } from './validation.js';

/** A form object, and how to change it. */
export interface FormState<F> {
  form: F;
  /** Replaces the named fields, keeping the rest (what every control's onChange does). */
  set(patch: Partial<F>): void;
  /** Replaces the whole form (to empty it after a logged entry, or to restore defaults). */
  setForm: Dispatch<SetStateAction<F>>;
}

/** Holds a form object; `initial` is read once, as with `useState`. */
export function useFormState<F>(initial: F | (() => F)): FormState<F> {
  const [form, setForm] = useState<F>(initial);
  const set = useCallback((patch: Partial<F>) => setForm((f) => ({ ...f, ...patch })), []);
  return { form, set, setForm };
}

/** What a model module's `check…` returns: the body to send and the schema's verdict on it. */
export interface CheckedBody {
  body: unknown;
  result: { success: true } | { success: false; error: { issues: readonly z.core.$ZodIssue[] } };
}

/** The keys of `F` whose values are strings: the ones a text, date, select or radio control edits. */
export type TextKey<F> = { [K in keyof F]-?: F[K] extends string ? K : never }[keyof F] & string;

/** What ties one control to one field: spread into TextField, DateField, SelectField or RadioGroup. */
export interface FieldBinding {
  path: string;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

/** Where a bound control's path and error come from. */
export interface BindOptions {
  /** Put before the field name in the control's path (and so its id). */
  prefix?: string;
  /**
   * Whether errors are named by the control's whole path (`genset.kva`, as the point's PATCH
   * names nested fields) rather than by the bare field name (`kva`, as an item's own schema does).
   */
  errorsByPath?: boolean;
}

/**
 * Binds controls to the fields of `form`. The control's path (and so its id) is the field under
 * `prefix` — two forms on one page must not share ids, and nested fields of the point keep their
 * server path. Controls whose path is not simply the field's name (renamed or list fields) keep
 * their props written out.
 */
export function bindFields<F>(
  form: F,
  set: (patch: Partial<F>) => void,
  errors: FieldErrors,
  { prefix = '', errorsByPath = false }: BindOptions = {},
): (key: TextKey<F>) => FieldBinding {
  return (key) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return {
      path,
      value: form[key] as string,
      error: errors[errorsByPath ? path : key],
      onChange: (value: string) => set({ [key]: value } as Partial<F>),
    };
  };
}
