/**
 * Accessible form controls: every control has a visible label, an optional hint and an error
 * message tied to it with aria-describedby, and aria-invalid while the error stands.
 * `path` is the API field path (`lat`, `attributes.fuels`), so server errors land on the field.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n.js';

/** The DOM id of the control for an API field path. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

interface Common {
  path: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  const { t } = useI18n();
  return (
    <label htmlFor={id}>
      {label}
      {required && <span className="required"> {t('form.requiredMark')}</span>}
    </label>
  );
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

/** A one-line (or, with `rows`, multi-line) text input. */
export function TextField({
  path,
  label,
  error,
  hint,
  required,
  value,
  onChange,
  rows,
  inputMode,
  autoComplete,
  maxLength,
}: Common & {
  value: string;
  onChange(value: string): void;
  rows?: number;
  inputMode?: 'text' | 'decimal' | 'numeric';
  autoComplete?: string;
  maxLength?: number;
}) {
  const id = fieldId(path);
  const props = {
    id,
    name: path,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint, error),
    'aria-required': required || undefined,
    maxLength,
  };
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label id={id} label={label} required={required} />
      <HintAndError id={id} hint={hint} error={error} />
      {rows ? (
        <textarea {...props} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...props}
          type="text"
          inputMode={inputMode}
          autoComplete={autoComplete ?? 'off'}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}

/** A drop-down list; `emptyLabel` adds a first option with the empty value. */
export function SelectField({
  path,
  label,
  error,
  hint,
  required,
  value,
  onChange,
  options,
  emptyLabel,
}: Common & {
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string }[];
  emptyLabel?: string;
}) {
  const id = fieldId(path);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label id={id} label={label} required={required} />
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        name={path}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes for a multi-valued field (fresh groups, fuels, payment). */
export function CheckboxGroup({
  path,
  label,
  error,
  hint,
  values,
  onChange,
  options,
}: Common & {
  values: string[];
  onChange(values: string[]): void;
  options: { value: string; label: string }[];
}) {
  const id = fieldId(path);
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value));
  return (
    <fieldset
      id={id}
      className={`field checkbox-group${error ? ' has-error' : ''}`}
      aria-describedby={describedBy(id, hint, error)}
      aria-invalid={error ? true : undefined}
      tabIndex={-1}
    >
      <legend>{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className="choices">
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input
              type="checkbox"
              name={path}
              value={o.value}
              checked={values.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Radio buttons for one of a few values (also used for yes / no / unknown). */
export function RadioGroup({
  path,
  label,
  error,
  hint,
  value,
  onChange,
  options,
  children,
}: Common & {
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string }[];
  children?: ReactNode;
}) {
  const id = fieldId(path);
  return (
    <fieldset
      id={id}
      className={`field radio-group${error ? ' has-error' : ''}`}
      aria-describedby={describedBy(id, hint, error)}
      aria-invalid={error ? true : undefined}
      tabIndex={-1}
    >
      <legend>{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className="choices">
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input
              type="radio"
              name={path}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
      {children}
    </fieldset>
  );
}

/** Yes / no / unknown for an optional boolean attribute. */
export function YesNoField({
  value,
  onChange,
  ...common
}: Common & { value: boolean | undefined; onChange(value: boolean | undefined): void }) {
  const { t } = useI18n();
  return (
    <RadioGroup
      {...common}
      value={value === undefined ? '' : String(value)}
      onChange={(v) => onChange(v === '' ? undefined : v === 'true')}
      options={[
        { value: 'true', label: t('common.yes') },
        { value: 'false', label: t('common.no') },
        { value: '', label: t('common.unknown') },
      ]}
    />
  );
}
