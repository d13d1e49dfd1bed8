/**
 * Numbers, money, sizes and dates on the SOT-punkt pages, Swedish style (spec: dates, numbers
 * and units in Swedish style whatever the UI language).
 */
import { formatNumber } from '../i18n.js';

const oneDecimal = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });

/** `12.345` → `12,3` (one decimal at most); `–` for nothing. */
export function fmt1(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return oneDecimal.format(value);
}

/** Two decimals at most (power factors, multipliers). */
export function fmt2(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return twoDecimals.format(value);
}

/** `125000` → `125 000 kr`. */
export function formatSek(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${formatNumber(value)} kr`;
}

/** A share `0.123` → `12,3 %`. */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${oneDecimal.format(value * 100)} %`;
}

/** File size in kB or MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${oneDecimal.format(bytes / 1024)} kB`;
  return `${oneDecimal.format(bytes / 1024 / 1024)} MB`;
}

/** A `YYYY-MM-DD` date as is (the Swedish format), `–` for none. */
export function formatDate(date: string | null | undefined): string {
  return date ? date.slice(0, 10) : '–';
}

/** Numbers in form fields: Swedish decimal comma, no grouping (so they parse back unchanged). */
export function numberText(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(value).replace('.', ',');
}

/** The megabytes in a server reason like `at most 20971520 bytes`, or null. */
export function limitMegabytes(reason: string): number | null {
  const match = /(\d+)\s*bytes/.exec(reason);
  return match ? Math.round(Number(match[1]) / 1024 / 1024) : null;
}
