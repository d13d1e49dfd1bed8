/**
 * The small Change and Delete buttons beside a listed item (a card, a table row, a training
 * record). Where several items share a page, `name` is added out of sight so each button's
 * accessible name says which item it acts on ("Ändra Anna Berg", not five times "Ändra").
 */
import type { ReactNode } from 'react';
import { useSot } from '../i18n.js';

/** Opens an item's editor. */
export function EditButton({ name, onClick }: { name?: string; onClick(): void }) {
  const { s } = useSot();
  return (
    <button type="button" className="button button-small" onClick={onClick}>
      {s('common.edit')}
      <HiddenName name={name} />
    </button>
  );
}

/** Deletes an item (the caller asks first); "Ta bort" unless `label` says otherwise. */
export function DeleteButton({ name, label, onClick }: { name?: string; label?: string; onClick(): void }) {
  const { s } = useSot();
  return (
    <button type="button" className="button button-small button-danger" onClick={onClick}>
      {label ?? s('common.delete')}
      <HiddenName name={name} />
    </button>
  );
}

function HiddenName({ name }: { name: string | undefined }): ReactNode {
  return name === undefined ? null : <span className="visually-hidden"> {name}</span>;
}
