/**
 * Pure helpers of the accessibility page: time bands and their colours, catchments (with the
 * SOT-punkter a reader may not see named as one anonymous category), the cumulative distribution
 * from the per-minute histogram, the summary table's cells in the chosen weighting (resident or
 * seasonal population), and its exports (CSV here, XLSX from the server).
 */
import type { AccessResult, AccessSummaryRow, WeightedSummary } from '../../../src/shared/access.js';

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

/**
 * Catchment colour of the points whose nearest is a SOT-punkt the reader may not see (another
 * municipality's): light grey, apart from the dark grey of "not reachable" and from the palette.
 */
export const HIDDEN_COLOR = '#c4c4c4';

/** Catchment colour of a service by id, as the map paints it. */
export function catchmentColor(id: number): string {
  return CATEGORY_COLORS[id % CATEGORY_COLORS.length] as string;
}

export interface LegendItem {
  key: string;
  color: string;
  text: string;
}

/**
 * The catchment legend of a results layer: each service that is someone's nearest (by name, with
 * its map colour), one entry for all hidden SOT-punkter (they are not told apart: that would
 * reveal how many there are), then "not reachable".
 */
export function catchmentLegend(
  items: readonly Pick<AccessResult, 'nearestId' | 'nearestName' | 'nearestHidden'>[],
  texts: { hidden: string; none: string },
): LegendItem[] {
  const seen = new Map<number, string>();
  let hidden = false;
  for (const p of items) {
    if (p.nearestHidden) hidden = true;
    else if (p.nearestId !== null && !seen.has(p.nearestId))
      seen.set(p.nearestId, p.nearestName ?? `#${p.nearestId}`);
  }
  const named = [...seen]
    .sort(([, x], [, y]) => x.localeCompare(y, 'sv'))
    .map(([id, name]) => ({ key: String(id), color: catchmentColor(id), text: name }));
  return [
    ...named,
    ...(hidden ? [{ key: 'hidden', color: HIDDEN_COLOR, text: texts.hidden }] : []),
    { key: 'none', color: BAND_COLORS.none, text: texts.none },
  ];
}

/** How the point panel names a nearest service: its name, `#id`, or the hidden SOT-punkt text. */
export function serviceLabel(
  s: { id: number | null; name: string | null; hidden: boolean },
  hiddenText: string,
): string {
  if (s.hidden) return hiddenText;
  return s.name ?? (s.id === null ? '–' : `#${s.id}`);
}

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

/**
 * The populations a summary is weighted by, the keys of a summary row: residents as registered
 * (folkbokförda), or the seasonal population counting holiday-home residents where a place has
 * such a figure (resident elsewhere).
 */
export const WEIGHTINGS = ['resident', 'seasonal'] as const;
export type Weighting = (typeof WEIGHTINGS)[number];

/** A share 0 … 1 as `12,5 %` (Swedish digits); `–` when unknown. */
export function pctText(v: number | null | undefined): string {
  return v === null || v === undefined
    ? '–'
    : `${(v * 100).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} %`;
}

/** Minutes with one decimal, `–` when unknown (the percentile falls among people without a route). */
export function minText(v: number | null): string {
  return v === null ? '–' : v.toLocaleString('sv-SE', { maximumFractionDigits: 1 });
}

/** Whole people with Swedish digit grouping. */
export function peopleText(v: number): string {
  return Math.round(v).toLocaleString('sv-SE');
}

/**
 * The figures of one table row in column order: population, < 5, 5–10, 10–30, > 30 min, median,
 * 90th percentile, no second within 30 min, bridge-dependent.
 */
export function summaryCells(s: WeightedSummary): string[] {
  return [
    peopleText(s.population),
    pctText(s.bands.lt5),
    pctText(s.bands.m5to10),
    pctText(s.bands.m10to30),
    pctText(s.bands.gt30),
    minText(s.medianMin),
    minText(s.p90Min),
    pctText(s.noSecondWithin30.share),
    pctText(s.bridgeDependent.share),
  ];
}

/** `tillganglighet-grocery-sasong.csv`: the weighting is in the name of every exported file. */
export function exportFilename(group: string, weighting: Weighting, ext: string): string {
  return `tillganglighet-${group}-${weighting === 'seasonal' ? 'sasong' : 'folkbokforda'}.${ext}`;
}

/** The server's XLSX of run `runId`'s summary for `group` in `weighting` (one municipality, or all). */
export function summaryXlsxUrl(
  runId: number,
  group: string,
  weighting: Weighting,
  municipality: string | null = null,
): string {
  const q = new URLSearchParams({ group, weight: weighting });
  if (municipality) q.set('municipality', municipality);
  return `/api/access/runs/${runId}/summary.xlsx?${q.toString()}`;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  // Semicolon CSV is what Swedish Excel reads; it also expects decimal commas.
  const text = typeof value === 'number' ? String(value).replace('.', ',') : value;
  return /[";\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const pct = (share: number | null | undefined) =>
  share === null || share === undefined ? null : Math.round(share * 1000) / 10;

/**
 * The summary rows in `weighting` as semicolon-separated CSV with decimal commas (what Swedish
 * Excel opens as columns and numbers), with a header row (`header` names the 12 figure columns
 * and then the weighting column) and `weightingText` on every row, so the weighting stays with
 * rows copied elsewhere. `levelName` turns `municipality`/`county` into the reader's words.
 */
export function summaryCsv(
  rows: readonly AccessSummaryRow[],
  header: readonly string[],
  weighting: Weighting,
  weightingText: string,
  levelName: (level: AccessSummaryRow['level']) => string = (level) => level,
): string {
  const lines = [header.map(csvCell).join(';')];
  for (const row of rows) {
    const r = row[weighting];
    lines.push(
      [
        levelName(row.level),
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
        weightingText,
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Starts a download of `text` as a file (client-side export). `bom` puts a byte-order mark first,
 * which Excel needs to read a CSV as UTF-8 (å, ä, ö); never for JSON, which must not have one.
 */
export function downloadText(filename: string, text: string, type: string, { bom = false } = {}): void {
  const url = URL.createObjectURL(new Blob([bom ? `\ufeff${text}` : text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
