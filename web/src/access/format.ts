/**
 * Pure helpers of the accessibility page: time bands and their colours, the cumulative
 * distribution from the per-minute histogram, and the summary table as CSV.
 */
import type { AccessSummaryRow, WeightedSummary } from '../../../src/shared/access.js';

/** Map bands of the time to the nearest service; `none` = no route or too far from a road. */
export const TIME_BANDS = ['lt5', 'm5to10', 'm10to30', 'gt30', 'none'] as const;
export type TimeBand = (typeof TIME_BANDS)[number];

/** Colour-blind-safe sequential palette (blue to orange, apart for deuteranopes), grey for unreachable. */
export const BAND_COLORS: Record<TimeBand, string> = {
  lt5: '#0c4a8a',
  m5to10: '#4f9bd9',
  m10to30: '#f2b447',
  gt30: '#b34700',
  none: '#6b6b6b',
};

/** Okabe–Ito: a categorical palette safe for colour-blind readers (catchments). */
export const CATEGORY_COLORS = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#000000',
];

/** The band of a time in seconds (null = unreachable); upper limits inclusive like the summary. */
export function bandOf(timeS: number | null): TimeBand {
  if (timeS === null) return 'none';
  const min = timeS / 60;
  if (min <= 5) return 'lt5';
  if (min <= 10) return 'm5to10';
  if (min <= 30) return 'm10to30';
  return 'gt30';
}

/**
 * Cumulative share of the population within 1 … 120 minutes from the per-minute histogram:
 * `result[i]` = share with less than i+1 minutes. Null when nobody lives there.
 */
export function cumulativeShares(summary: WeightedSummary): number[] | null {
  if (summary.population <= 0) return null;
  const out: number[] = [];
  let sum = 0;
  for (const people of summary.minutes) {
    sum += people;
    out.push(sum / summary.population);
  }
  return out;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[";\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const pct = (share: number | null | undefined) =>
  share === null || share === undefined ? null : Math.round(share * 1000) / 10;

/** The summary rows as semicolon-separated CSV (Swedish Excel), with a header row. */
export function summaryCsv(rows: readonly AccessSummaryRow[], header: readonly string[]): string {
  const lines = [header.map(csvCell).join(';')];
  for (const row of rows) {
    const r = row.resident;
    lines.push(
      [
        row.level,
        row.code,
        row.name,
        Math.round(r.population),
        pct(r.bands.lt5),
        pct(r.bands.m5to10),
        pct(r.bands.m10to30),
        pct(r.bands.gt30),
        r.medianMin === null ? null : Math.round(r.medianMin * 10) / 10,
        r.p90Min === null ? null : Math.round(r.p90Min * 10) / 10,
        pct(r.noSecondWithin30.share),
        pct(r.bridgeDependent.share),
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Starts a download of `text` as a file (client-side export). */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([`\ufeff${text}`], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
