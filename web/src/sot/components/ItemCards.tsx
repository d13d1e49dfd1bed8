/**
 * A point's items as a list of cards that the point's editors change in place: each card turns
 * into its editor when "Ändra" is pressed, "Ta bort" asks first, and the form for a new item
 * opens below the list. Avtal and Finansiering are exactly this; the member list (with its
 * training records inside each card) builds on the same hook and pieces instead.
 */
import type { ReactNode } from 'react';
import { LoadState } from '../../components/LoadState.js';
import { useSot } from '../i18n.js';
import { usePoint } from '../point-context.js';
import { type ItemEditorProps, useItemEditor } from '../use-item-editor.js';
import { Feedback } from './Feedback.js';
import { DeleteButton, EditButton } from './ItemButtons.js';

/** The items of the current point's `part` as editable cards (see the module comment). */
export function ItemCards<T extends { id: number }>({
  part,
  onChanged,
  idAttribute,
  empty,
  addLabel,
  deleteConfirm,
  card,
  editor,
}: {
  /** The point's part, as in `sotApi.part` (e.g. `agreements`). */
  part: string;
  /** After every save and deletion (the checklist reads these items). */
  onChanged(): void;
  /** The data attribute that carries each card's item id (for tests and styles). */
  idAttribute: `data-${string}-id`;
  /** Said when there are none. */
  empty: string;
  /** The button that opens the form for a new item. */
  addLabel: string;
  /** The question asked before deleting. */
  deleteConfirm: string;
  /** An item as shown. */
  card(item: T): ReactNode;
  /** The form for an item (null: a new one). */
  editor(item: T | null, props: ItemEditorProps): ReactNode;
}) {
  const { s } = useSot();
  const { point } = usePoint();
  const items = useItemEditor<T>(part, onChanged);
  const { list } = items;
  return (
    <>
      <Feedback state={items.removal} />
      <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
      {list.data && items.items.length === 0 && <p>{empty}</p>}
      <ul className="sot-card-list">
        {items.items.map((item) => (
          <li key={item.id} className="sot-card" {...{ [idAttribute]: item.id }}>
            {items.editing === item.id ? (
              editor(item, items.editorProps)
            ) : (
              <>
                {card(item)}
                {point.access.write && (
                  <p className="sot-card-actions">
                    <EditButton onClick={() => items.edit(item.id)} />
                    <DeleteButton
                      onClick={() =>
                        items.remove({ id: item.id, confirm: deleteConfirm, success: s('common.deleted') })
                      }
                    />
                  </p>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {point.access.write && (
        <NewItem open={items.editing === 'new'} label={addLabel} onOpen={() => items.edit('new')}>
          {editor(null, items.editorProps)}
        </NewItem>
      )}
    </>
  );
}

/** Below a list: the button that opens the form for a new item, or that form, on a card. */
export function NewItem({
  open,
  label,
  onOpen,
  children,
}: {
  open: boolean;
  label: string;
  onOpen(): void;
  /** The form, shown while `open`. */
  children: ReactNode;
}) {
  return open ? (
    <div className="sot-card">{children}</div>
  ) : (
    <button type="button" className="button" onClick={onOpen}>
      {label}
    </button>
  );
}
