/**
 * The form of one item of a point's part (an agreement, a financing entry, a member, a training
 * record): its state, checked in the browser with the server's own schema before anything is
 * sent, saved with `saveItem` (POST for a new item, PATCH for an existing one), and `onDone`
 * once the server has it. Failures stay in the form (see `useSave`).
 */
import type { FormEvent } from 'react';
import { useSot } from './i18n.js';
import { usePoint } from './point-context.js';
import { type SaveState, saveItem, useSave } from './save.js';
import {
  bindFields,
  type CheckedBody,
  type FieldBinding,
  type TextKey,
  useFormState,
} from './use-form-state.js';
import { type FieldErrors, zodErrors } from './validation.js';

/** What {@link useItemForm} needs to know about one item's form. */
export interface ItemFormOptions<F> {
  /** The point's part, as in `sotApi.part` (e.g. `agreements`). */
  part: string;
  /** The item being changed; undefined for a new one. */
  itemId: number | undefined;
  /** The form's first state (read once). */
  initial: () => F;
  /** Builds the body and checks it (from the model module). */
  check(form: F): CheckedBody;
  /** Client-side errors the schema cannot word well; they replace the schema's for their paths. */
  extraErrors?(form: F): FieldErrors;
  /** Optional: the prefix of the controls' paths (see `bindFields`). */
  prefix?: string;
  /** Called after a successful save. */
  onDone(): void;
}

/** One item's form, ready for its JSX. */
export interface ItemForm<F> {
  form: F;
  set(patch: Partial<F>): void;
  /** The save's state: `errors` for the fields, and the notice for `<Feedback>`. */
  save: SaveState;
  /** Ties a control to a field (see `bindFields`). */
  field(key: TextKey<F>): FieldBinding;
  /** The form's onSubmit. */
  submit(event: FormEvent): Promise<void>;
}

/** One item's form (see the module comment). */
export function useItemForm<F>({
  part,
  itemId,
  initial,
  check,
  extraErrors,
  prefix,
  onDone,
}: ItemFormOptions<F>): ItemForm<F> {
  const { t } = useSot();
  const { point } = usePoint();
  const { form, set } = useFormState(initial);
  const save = useSave();
  return {
    form,
    set,
    save,
    field: bindFields(form, set, save.errors, { prefix }),
    submit: async (event) => {
      event.preventDefault();
      const { body, result } = check(form);
      const errors = {
        ...(result.success ? {} : zodErrors(result.error.issues, t)),
        ...extraErrors?.(form),
      };
      if (await save.run(() => saveItem(point.id, part, itemId, body), undefined, errors)) onDone();
    },
  };
}
