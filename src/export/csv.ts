/**
 * CSV encoding (RFC 4180, CRLF line ends, UTF-8 with a byte-order mark so Excel detects the
 * encoding and shows å, ä and ö correctly).
 */

export const UTF8_BOM = '\uFEFF';

// Spreadsheets run cells starting with these as formulas; an exported name like
// `=HYPERLINK(…)` must stay text. Only strings are guarded, so negative numbers stay numbers.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: numbers as-is, strings quoted when needed and guarded against formula injection. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record including its CRLF line end. */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
