/**
 * Deleting one item of a point's part (an agreement, a member, a test run, a document …): every
 * list asks first, sends the DELETE and reports the outcome in one notice above the list. The
 * caller decides what follows (reload the list, refresh the checklist).
 */
import { useCallback } from 'react';
import { api } from '../api.js';
import { usePoint } from './point-context.js';
import { type SaveState, useSave } from './save.js';
import { sotApi } from './urls.js';

/** One deletion: which item, the question asked first and the notice once it is gone. */
export interface DeleteRequest {
  /** The point's part the item belongs to, as in `sotApi.item` (e.g. `agreements`). */
  part: string;
  id: number;
  /** Asked with `window.confirm`; nothing is sent unless the user agrees. */
  confirm: string;
  /** The success notice. */
  success: string;
}

/** The deletions of one list. */
export interface ItemDeleter {
  /** Their outcome, for a `<Feedback>` above the list (errors, or `success`). */
  state: SaveState;
  /** Asks, then deletes; true once the server has deleted the item. */
  deleteItem(request: DeleteRequest): Promise<boolean>;
}

/** Deletes items of the current point (see {@link ItemDeleter}). */
export function useDeleteItem(): ItemDeleter {
  const { point } = usePoint();
  const state = useSave();
  const { run } = state;
  const deleteItem = useCallback(
    async ({ part, id, confirm, success }: DeleteRequest) => {
      if (!window.confirm(confirm)) return false;
      return run(() => api.delete(sotApi.item(point.id, part, id)), success);
    },
    [point.id, run],
  );
  return { state, deleteItem };
}
