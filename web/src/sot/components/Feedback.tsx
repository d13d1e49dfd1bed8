import { Notice } from '../../components/Notice.js';
import { useSot } from '../i18n.js';
import type { SaveState } from '../save.js';

/**
 * The outcome of a save: the success or error notice, and for a stale version the request to
 * reload (the form is rebuilt from the server's current data; unsaved input is lost, as said).
 */
export function Feedback({ state, onReload }: { state: SaveState; onReload?: () => void }) {
  const { t } = useSot();
  return (
    <>
      {state.notice && (
        <Notice key={state.notice.text + state.notice.kind} kind={state.notice.kind} focus>
          {state.notice.text}
        </Notice>
      )}
      {state.conflict && (
        <Notice kind="error" focus>
          <p>{t('form.conflict')}</p>
          <button
            type="button"
            className="button"
            onClick={() => (onReload ? onReload() : window.location.reload())}
          >
            {t('form.reload')}
          </button>
        </Notice>
      )}
    </>
  );
}
