/**
 * A form that changes the point itself (Översikt, Reservkraft): filled from the point, checked
 * with the server's schema, sent as a PATCH carrying the version it was read at, and on success
 * the point the server returns replaces the page's (the form keeps what the user typed). A stale
 * version comes back as 409, which `<Feedback onReload>` offers to resolve.
 */
import type { FormEvent } from 'react';
import { api } from '../api.js';
import { useSot } from './i18n.js';
import { usePoint } from './point-context.js';
import { type SaveState, useSave } from './save.js';
import type { SotPoint } from './types.js';
import { sotApi } from './urls.js';
import { type CheckedBody, type FormState, useFormState } from './use-form-state.js';
import { zodErrors } from './validation.js';

/** The point's form: its state, its save (errors, notice, conflict) and its onSubmit. */
export interface PointFormState<F> extends FormState<F> {
  save: SaveState;
  /** The form's onSubmit. */
  submit(event: FormEvent): Promise<void>;
}

/**
 * The point's form: `fromPoint` fills it (once), `check` builds the PATCH body with the version
 * (from the model module).
 */
export function usePointForm<F>(
  fromPoint: (point: SotPoint) => F,
  check: (form: F, version: number) => CheckedBody,
): PointFormState<F> {
  const { t } = useSot();
  const { point, setPoint } = usePoint();
  const state = useFormState(() => fromPoint(point));
  const save = useSave();
  return {
    ...state,
    save,
    submit: async (event) => {
      event.preventDefault();
      const { body, result } = check(state.form, point.version);
      const clientErrors = result.success ? {} : zodErrors(result.error.issues, t);
      await save.run(
        async () => setPoint(await api.patch<SotPoint>(sotApi.point(point.id), body)),
        t('form.saved'),
        clientErrors,
      );
    },
  };
}
