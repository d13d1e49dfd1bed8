/**
 * The list-and-edit state of a point's item lists (agreements, financing, members): the list
 * from the server, which item has its editor open — at most one, or the form for a new one —
 * and what follows a save or a deletion. After either, the editor closes, the list is fetched
 * again and the owner hears of it (the checklist reads these items, so it must follow). Keeping
 * this in one place keeps the lists behaving alike: a deletion elsewhere in the list also closes
 * an open editor, as a save does.
 */
import { useCallback, useState } from 'react';
import { type Loaded, useApi } from '../hooks.js';
import { usePoint } from './point-context.js';
import type { SaveState } from './save.js';
import type { Items } from './types.js';
import { sotApi } from './urls.js';
import { type DeleteRequest, useDeleteItem } from './use-delete-item.js';

/** Which editor is open: an item's (by id), the form for a new item, or none. */
export type EditTarget = number | 'new' | null;

/** Props every item editor takes from its list. */
export interface ItemEditorProps {
  /** Saved: close the editor and reload the list. */
  onDone(): void;
  /** Closed without saving. */
  onCancel(): void;
}

/** One item list with its editing state (see {@link useItemEditor}). */
export interface ItemEditor<T> {
  list: Loaded<Items<T>>;
  /** The loaded items (none while loading). */
  items: T[];
  editing: EditTarget;
  /** Opens the editor of an item, or the form for a new one (closing any other). */
  edit(target: number | 'new'): void;
  /** What an open editor needs: `onDone` after a save, `onCancel` to close it. */
  editorProps: ItemEditorProps;
  /** Closes the editor, reloads the list and calls the owner's `onChanged`. */
  done(): void;
  /** The deletions' outcome, for a `<Feedback>` above the list. */
  removal: SaveState;
  /**
   * Asks, deletes and then does what {@link ItemEditor.done} does. `part` defaults to the list's
   * own; an item's sub-records (a member's trainings) pass theirs.
   */
  remove(request: Omit<DeleteRequest, 'part'> & { part?: string }): Promise<void>;
}

/**
 * The items of the current point's `part` (as in `sotApi.part`), with the editor state.
 * `onChanged` runs after every save and deletion (typically `refreshChecklist`).
 */
export function useItemEditor<T>(part: string, onChanged: () => void): ItemEditor<T> {
  const { point } = usePoint();
  const list = useApi<Items<T>>(sotApi.part(point.id, part));
  const [editing, setEditing] = useState<EditTarget>(null);
  const { state: removal, deleteItem } = useDeleteItem();
  const done = () => {
    setEditing(null);
    list.reload();
    onChanged();
  };
  const cancel = useCallback(() => setEditing(null), []);
  return {
    list,
    items: list.data?.items ?? [],
    editing,
    edit: setEditing,
    editorProps: { onDone: done, onCancel: cancel },
    done,
    removal,
    remove: async (request) => {
      if (await deleteItem({ ...request, part: request.part ?? part })) done();
    },
  };
}
