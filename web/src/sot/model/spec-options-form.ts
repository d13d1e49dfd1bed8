/**
 * The kravspecifikation options as a form: text fields prefilled with the documented defaults,
 * checked with the very schema the server reads the download's query string with
 * (src/power/spec-options.ts), and turned into the query both download links carry.
 */
import {
  REQUIREMENT_SPEC_DEFAULTS,
  requirementSpecQuerySchema,
  TRANSFER_SWITCHES,
  type TransferSwitch,
} from '../../../../src/power/spec-options.js';
import { numberText } from '../format.js';

export interface SpecOptionsForm {
  minTemperatureC: string;
  snowDepthM: string;
  climateNote: string;
  transferSwitch: TransferSwitch;
  noiseLimitDbAAt7m: string;
  trainedOperators: string;
  warrantyMonths: string;
  issuedDate: string;
  reference: string;
  contact: string;
}

/** Fields typed as numbers (a Swedish decimal comma is fine). */
const NUMBER_FIELDS: ReadonlySet<keyof SpecOptionsForm> = new Set([
  'minTemperatureC',
  'snowDepthM',
  'noiseLimitDbAAt7m',
  'trainedOperators',
  'warrantyMonths',
]);

/** The form with the defaults the server applies to an option that is not given. */
export function defaultSpecOptions(): SpecOptionsForm {
  const d = REQUIREMENT_SPEC_DEFAULTS;
  return {
    minTemperatureC: numberText(d.minTemperatureC),
    snowDepthM: numberText(d.snowDepthM),
    climateNote: d.climateNote ?? '',
    transferSwitch: d.transferSwitch,
    noiseLimitDbAAt7m: numberText(d.noiseLimitDbAAt7m),
    trainedOperators: numberText(d.trainedOperators),
    warrantyMonths: numberText(d.warrantyMonths),
    issuedDate: d.issuedDate ?? '',
    reference: d.reference ?? '',
    contact: d.contact ?? '',
  };
}

/**
 * Where this browser keeps the options last chosen for a point, so that a specification drafted
 * over several visits (or reissued later) comes out the same. Kept in the browser, not on the
 * server: the options only shape a download, and another user's choices should not change ours.
 */
export function specOptionsStorageKey(pointId: number): string {
  return `sot.specOptions.${pointId}`;
}

/**
 * The form as stored under specOptionsStorageKey, field by field: a field that is missing, of
 * the wrong type or (for the transfer switch) not a known choice takes its default, so a stored
 * value from an older version or a hand-edited one can never break the form. Values that are
 * text but wrong stay, so the form shows what is wrong with them, as when they were typed.
 */
export function restoreSpecOptions(stored: string | null): SpecOptionsForm {
  const form = defaultSpecOptions();
  if (!stored) return form;
  let saved: unknown;
  try {
    saved = JSON.parse(stored);
  } catch {
    return form;
  }
  if (typeof saved !== 'object' || saved === null) return form;
  const values = saved as Record<string, unknown>;
  for (const key of Object.keys(form) as (keyof SpecOptionsForm)[]) {
    const value = values[key];
    if (typeof value !== 'string') continue;
    if (key === 'transferSwitch') {
      if ((TRANSFER_SWITCHES as readonly string[]).includes(value))
        form.transferSwitch = value as TransferSwitch;
    } else form[key] = value;
  }
  return form;
}

/** True when every field holds its default (nothing worth remembering). */
export function isDefaultSpecOptions(form: SpecOptionsForm): boolean {
  const d = defaultSpecOptions();
  return (Object.keys(d) as (keyof SpecOptionsForm)[]).every((key) => form[key] === d[key]);
}

/** `− 3,5` → `-3.5`: a number as a Swede types it, as the query string must carry it. */
export function decimalText(text: string): string {
  return text
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.')
    .replace('\u2212', '-');
}

/**
 * The query parameters of the form and the server schema's verdict on them. Empty fields are
 * left out (the server then applies its default); `query` is null while something is wrong.
 */
export function checkSpecOptions(form: SpecOptionsForm) {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(form) as [keyof SpecOptionsForm, string][]) {
    const text = NUMBER_FIELDS.has(key) ? decimalText(value) : value.trim();
    if (text !== '') raw[key] = text;
  }
  const result = requirementSpecQuerySchema.safeParse(raw);
  const query = result.success
    ? Object.fromEntries(
        Object.entries(result.data)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      )
    : null;
  return { query, result };
}
