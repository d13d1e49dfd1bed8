/**
 * The kravspecifikation downloads of the Reservkraft tab, with the options the municipality
 * chooses (temperature, snow depth, transfer switch …) prefilled with the server's defaults.
 * The options are checked as they are typed with the server's own query schema; while one is
 * wrong its field says why, a notice names it and the downloads are off. Anyone who reads the
 * point may download: the options only shape the file. They are remembered per point in this
 * browser (not on the server), so the next visit starts from the last choices; "Återställ"
 * goes back to the defaults and forgets them.
 */
import { useEffect, useMemo } from 'react';
import { TRANSFER_SWITCHES } from '../../../../src/power/spec-options.js';
import { DateField, SelectField, TextField } from '../fields.js';
import { type SotKey, useSot } from '../i18n.js';
import {
  checkSpecOptions,
  defaultSpecOptions,
  isDefaultSpecOptions,
  restoreSpecOptions,
  type SpecOptionsForm,
  specOptionsStorageKey,
} from '../model/spec-options-form.js';
import { sotApi } from '../urls.js';
import { bindFields, type TextKey, useFormState } from '../use-form-state.js';
import { zodErrors } from '../validation.js';

const LABELS: Record<keyof SpecOptionsForm, SotKey> = {
  minTemperatureC: 'pw.spec.minTemperatureC',
  snowDepthM: 'pw.spec.snowDepthM',
  climateNote: 'pw.spec.climateNote',
  transferSwitch: 'pw.spec.transferSwitch',
  noiseLimitDbAAt7m: 'pw.spec.noiseLimitDbAAt7m',
  trainedOperators: 'pw.spec.trainedOperators',
  warrantyMonths: 'pw.spec.warrantyMonths',
  issuedDate: 'pw.spec.issuedDate',
  reference: 'pw.spec.reference',
  contact: 'pw.spec.contact',
};

export function SpecSection({ pointId, hasSavedItems }: { pointId: number; hasSavedItems: boolean }) {
  const { s, t } = useSot();
  const storageKey = specOptionsStorageKey(pointId);
  const { form, set, setForm } = useFormState<SpecOptionsForm>(() =>
    restoreSpecOptions(readStored(storageKey)),
  );
  useEffect(() => {
    writeStored(storageKey, isDefaultSpecOptions(form) ? null : JSON.stringify(form));
  }, [storageKey, form]);
  const { query, errors } = useMemo(() => {
    const { query, result } = checkSpecOptions(form);
    return { query, errors: result.success ? {} : zodErrors(result.error.issues, t) };
  }, [form, t]);
  // Control ids carry a prefix so they never meet the power form's fields on the same page.
  const field = bindFields(form, set, errors, { prefix: 'spec' });
  const text = (
    key: TextKey<SpecOptionsForm>,
    extra: { hint?: string; rows?: number; inputMode?: 'decimal' | 'numeric' } = {},
  ) => (
    <TextField
      {...field(key)}
      label={s(LABELS[key])}
      hint={extra.hint}
      rows={extra.rows}
      inputMode={extra.inputMode}
    />
  );
  const wrong = Object.keys(errors).map((key) =>
    key in LABELS ? s(LABELS[key as keyof SpecOptionsForm]) : key,
  );

  return (
    <section aria-labelledby="spec-title">
      <h3 id="spec-title">{s('pw.specTitle')}</h3>
      {!hasSavedItems ? (
        <p>{s('pw.specNeedsItems')}</p>
      ) : (
        <>
          <p>{s('pw.specIntro')}</p>
          <fieldset className="form-section spec-options entity-form">
            <legend>{s('pw.spec.options')}</legend>
            <p className="hint">{s('pw.spec.optionsHint')}</p>
            <div className="field-row">
              {/* No decimal keypad: phones' decimal keypads have no minus sign. */}
              {text('minTemperatureC', { hint: s('pw.spec.minTemperatureHint') })}
              {text('snowDepthM', { hint: s('pw.spec.snowDepthHint'), inputMode: 'decimal' })}
            </div>
            {text('climateNote', { hint: s('pw.spec.climateNoteHint'), rows: 2 })}
            <div className="field-row">
              <SelectField
                {...field('transferSwitch')}
                label={s('pw.spec.transferSwitch')}
                options={TRANSFER_SWITCHES.map((v) => ({ value: v, label: s(`pw.spec.transfer.${v}`) }))}
              />
              {text('noiseLimitDbAAt7m', { inputMode: 'decimal' })}
            </div>
            <div className="field-row">
              {text('trainedOperators', { inputMode: 'numeric' })}
              {text('warrantyMonths', { inputMode: 'numeric' })}
            </div>
            <div className="field-row">
              <DateField {...field('issuedDate')} label={s('pw.spec.issuedDate')} />
              {text('reference')}
              {text('contact')}
            </div>
            <button
              type="button"
              className="button button-small"
              onClick={() => setForm(defaultSpecOptions())}
            >
              {s('pw.spec.reset')}
            </button>
          </fieldset>
          <div aria-live="polite">
            {query === null && (
              <p className="notice notice-error" id="spec-options-invalid">
                {s('pw.spec.fixFirst', { fields: wrong.join(', ') })}
              </p>
            )}
          </div>
          <p className="exports">
            <Download href={query && sotApi.spec(pointId, 'pdf', query)} label={s('pw.specPdf')} />
            <Download href={query && sotApi.spec(pointId, 'md', query)} label={s('pw.specMd')} />
          </p>
        </>
      )}
    </section>
  );
}

/** localStorage can be switched off or full (private windows); the form then simply forgets. */
function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Not remembered this time; the download itself does not depend on it.
  }
}

/** A download link, or a disabled button pointing at the notice while the options are wrong. */
function Download({ href, label }: { href: string | null; label: string }) {
  if (href)
    return (
      <a className="button" href={href} download>
        {label}
      </a>
    );
  return (
    <button type="button" className="button" disabled aria-describedby="spec-options-invalid">
      {label}
    </button>
  );
}
