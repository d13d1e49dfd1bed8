import { useEffect, useRef } from 'react';
import { type MessageKey, useI18n } from '../i18n.js';
import { fieldId } from './fields.js';
import type { FieldErrors } from './validation.js';

/**
 * The list of what is wrong, shown above a form after a failed save. It takes focus so keyboard
 * and screen-reader users land on it; each entry links to its field.
 */
export function ErrorSummary({
  errors,
  labels,
  shownPaths,
}: {
  errors: FieldErrors;
  /** Label key per field path. */
  labels: Record<string, MessageKey>;
  /** Paths that have a control on the page (others are listed without a link). */
  shownPaths: Set<string>;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);

  // Focus only when a new set of errors arrives (a save attempt), never while the user types.
  useEffect(() => {
    if (Object.keys(errors).length > 0) ref.current?.focus();
  }, [errors]);

  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('form.errorSummary')}</h2>
      <ul>
        {entries.map(([path, message]) => {
          const label = labels[path] ? t(labels[path]) : path;
          return (
            <li key={path || '_'}>
              {shownPaths.has(path) ? (
                <a
                  href={`#${fieldId(path)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    const el = document.getElementById(fieldId(path));
                    const target = el instanceof HTMLFieldSetElement ? (el.querySelector('input') ?? el) : el;
                    target?.focus();
                    target?.scrollIntoView({ block: 'center' });
                  }}
                >
                  {label}: {message}
                </a>
              ) : path ? (
                `${label}: ${message}`
              ) : (
                message
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
