import type { ApiError } from '../api.js';
import { useI18n } from '../i18n.js';
import { Notice } from './Notice.js';

/** The message for an API failure in the current language. */
export function useErrorMessage(): (error: ApiError | Error) => string {
  const { t } = useI18n();
  return (error) => {
    const id = (error as ApiError).id;
    if (id === 'network') return t('error.network');
    if (id === 'forbidden') return t('error.forbidden');
    if (id === 'unauthenticated') return t('error.sessionExpired');
    return t('error.generic', { message: error.message });
  };
}

/** Loading text, or an error with a retry button; renders nothing once loaded. */
export function LoadState({
  loading,
  error,
  onRetry,
}: {
  loading: boolean;
  error: Error | null;
  onRetry?: () => void;
}) {
  const { t } = useI18n();
  const message = useErrorMessage();
  if (error) {
    return (
      <Notice kind="error">
        <p>{message(error)}</p>
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )}
      </Notice>
    );
  }
  if (loading) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  return null;
}
