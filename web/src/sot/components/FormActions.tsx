import { useSot } from '../i18n.js';

/**
 * The foot of every SOT-punkt form: the submit button — disabled and saying so while the save
 * runs, so a second click cannot send it twice — and, for editors that can be closed unsaved,
 * Cancel.
 */
export function FormActions({
  saving,
  label,
  savingLabel,
  buttonClass = 'button button-primary',
  onCancel,
}: {
  saving: boolean;
  /** The submit button's text; "Spara" unless given. */
  label?: string;
  /** Its text while saving; "Sparar…" unless given. */
  savingLabel?: string;
  /** The submit button's classes (the phone forms use a wide one, secondary forms a plain one). */
  buttonClass?: string;
  /** Shows Cancel, which calls this. */
  onCancel?(): void;
}) {
  const { t } = useSot();
  return (
    <div className="form-actions">
      <button type="submit" className={buttonClass} disabled={saving}>
        {saving ? (savingLabel ?? t('common.saving')) : (label ?? t('common.save'))}
      </button>
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  );
}
