/**
 * One hook for every SOT-punkt form: runs the save, and sorts the failure the way the registry
 * forms do — 409 means someone else saved first (ask to reload), 400 with details puts the
 * server's messages on the fields, a too-large upload names the limit, anything else is a notice.
 */
import { useCallback, useState } from 'react';
import { type ApiError, api } from '../api.js';
import { useErrorMessage } from '../components/LoadState.js';
import { limitMegabytes } from './format.js';
import { useSot } from './i18n.js';
import { sotApi } from './urls.js';
import { apiErrors, type FieldErrors } from './validation.js';

export interface SaveState {
  saving: boolean;
  errors: FieldErrors;
  notice: { kind: 'success' | 'error'; text: string } | null;
  conflict: boolean;
  setErrors(errors: FieldErrors): void;
  setNotice(notice: SaveState['notice']): void;
  /**
   * Runs `action`; on success shows `success` (if given) and returns true. Client-side errors
   * (non-empty `clientErrors`) stop it before anything is sent.
   */
  run(action: () => Promise<unknown>, success?: string, clientErrors?: FieldErrors): Promise<boolean>;
}

export function useSave(): SaveState {
  const { s } = useSot();
  const message = useErrorMessage();
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<SaveState['notice']>(null);
  const [conflict, setConflict] = useState(false);

  const run = useCallback(
    async (action: () => Promise<unknown>, success?: string, clientErrors: FieldErrors = {}) => {
      setNotice(null);
      setConflict(false);
      setErrors(clientErrors);
      if (Object.keys(clientErrors).length > 0) return false;
      setSaving(true);
      try {
        await action();
        if (success) setNotice({ kind: 'success', text: success });
        return true;
      } catch (err) {
        const e = err as ApiError;
        if (e.status === 409) setConflict(true);
        else if (e.status === 413) {
          const mb = limitMegabytes(e.details?.[0]?.reason ?? '');
          setErrors({ file: mb ? s('doc.tooLargeMb', { mb }) : s('doc.tooLarge') });
        } else if (e.status === 400 && e.details?.length > 0) setErrors(apiErrors(e.details));
        else setNotice({ kind: 'error', text: message(e) });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [message, s],
  );

  return { saving, errors, notice, conflict, setErrors, setNotice, run };
}

/** Saves one item of a point's part (agreement, financing, member …): PATCH when it exists, else POST. */
export function saveItem(pointId: number, part: string, itemId: number | undefined, body: unknown) {
  return itemId === undefined
    ? api.post(sotApi.part(pointId, part), body)
    : api.patch(sotApi.item(pointId, part, itemId), body);
}
