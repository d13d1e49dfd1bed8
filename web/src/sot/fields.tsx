/**
 * Form controls the registry form does not need: dates, a single checkbox, and an error summary
 * whose labels are already translated. They follow web/src/forms/fields.tsx: a visible label,
 * hint and error tied with aria-describedby, aria-invalid while the error stands, and the API
 * field path as the control's id (so server errors land on it).
 */
import { useEffect, useRef } from 'react';
import { fieldId } from '../forms/fields.js';
import { useSot } from './i18n.js';
import type { FieldErrors } from './validation.js';

export { CheckboxGroup, fieldId, RadioGroup, SelectField, TextField, YesNoField } from '../forms/fields.js';

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

/** A calendar date (`YYYY-MM-DD`), with the browser's date picker. */
export function DateField({
  path,
  label,
  value,
  onChange,
  error,
  hint,
  required,
  max,
}: {
  path: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: string;
  required?: boolean;
  max?: string;
}) {
  const { t } = useSot();
  const id = fieldId(path);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required"> {t('form.requiredMark')}</span>}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        name={path}
        type="date"
        value={value}
        max={max}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        required={required}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** One yes/no checkbox with its label beside it. */
export function CheckboxField({
  path,
  label,
  checked,
  onChange,
  error,
  hint,
}: {
  path: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  error?: string;
  hint?: string;
}) {
  const id = fieldId(path);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="choice" htmlFor={id}>
        <input
          id={id}
          name={path}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
    </div>
  );
}

/**
 * What is wrong after a failed save, with a link to each field; takes focus when new errors
 * arrive. `labels` maps a field path to its (translated) label; unknown paths show as is.
 */
export function ErrorList({
  errors,
  labels,
  idPrefix,
}: {
  errors: FieldErrors;
  labels: (path: string) => string | undefined;
  /** Distinguishes several forms on one page. */
  idPrefix: string;
}) {
  const { t } = useSot();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    if (Object.keys(errors).length > 0) ref.current?.focus();
  }, [errors]);
  if (entries.length === 0) return null;
  const titleId = `${idPrefix}-errors-title`;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <h2 id={titleId}>{t('form.errorSummary')}</h2>
      <ul>
        {entries.map(([path, message]) => {
          const label = labels(path);
          const text = path ? `${label ?? path}: ${message}` : message;
          return (
            <li key={path || '_'}>
              {path ? (
                <a
                  href={`#${fieldId(path)}`}
                  onClick={(e) => {
                    const el = document.getElementById(fieldId(path));
                    if (!el) return;
                    e.preventDefault();
                    const target = el instanceof HTMLFieldSetElement ? (el.querySelector('input') ?? el) : el;
                    target.focus();
                    target.scrollIntoView({ block: 'center' });
                  }}
                >
                  {text}
                </a>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
