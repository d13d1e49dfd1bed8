/**
 * Number formatting for power texts. Hand-rolled instead of Intl because sv-SE Intl output uses
 * U+2212 minus and U+00A0 group separators, which the PDF's WinAnsi font cannot show reliably and
 * which make test expectations depend on the ICU version.
 */

/** `12345.678, 1` → `12 345,7` (Swedish: decimal comma, space as thousands separator). */
export function formatSv(n: number, decimals = 1): string {
  return format(n, decimals, ',', ' ');
}

/** `12345.678, 1` → `12,345.7`. */
export function formatEn(n: number, decimals = 1): string {
  return format(n, decimals, '.', ',');
}

function format(n: number, decimals: number, point: string, group: string): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : n < 0 ? '-∞' : '–';
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  // -0.0 and values rounding to zero print without a sign.
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + grouped + (frac ? point + frac : '');
}
