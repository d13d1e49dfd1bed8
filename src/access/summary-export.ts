/**
 * The accessibility summary of one persisted run as an XLSX workbook, for the web view's "XLSX"
 * button (GET /api/access/runs/:id/summary.xlsx) and any CLI that wants a spreadsheet.
 *
 * One sheet per service group, laid out like the web table (Swedish headers, one row per
 * municipality, each county's total after its municipalities, as Tillväxtanalys tabulates). Above
 * the table a few lines state what the figures are: the weighting (resident or seasonal
 * population), the run with its graph version and the moment the registry was read, and, in red,
 * that the run is stale when its inputs have changed since. Figures are numbers, shares are
 * fractions in percent-formatted cells, so the file can be computed on.
 *
 * Rows come from {@link getAccessSummary}: the reader's territory applies exactly as in the JSON
 * summary, so nobody gets a municipality they may not read.
 */
import ExcelJS from 'exceljs';
import type { DbOrTx } from '../db/client.js';
import type { Actor } from '../domain/actor.js';
import { conflict } from '../errors.js';
import {
  ACCESS_GROUP_LABELS,
  type AccessRunView,
  type AccessSummaryRow,
  SOT_GROUP,
  type WeightedSummary,
} from '../shared/access.js';
import { KIND_LABELS, type ServiceKind } from '../shared/kinds.js';
import { getAccessSummary } from './queries.js';

/** The two populations a summary can be weighted by (the keys of an {@link AccessSummaryRow}). */
export const SUMMARY_WEIGHTINGS = ['resident', 'seasonal'] as const;
export type SummaryWeighting = (typeof SUMMARY_WEIGHTINGS)[number];

/** What each weighting counts, in the words of the web view. */
export const WEIGHTING_LABELS_SV: Record<SummaryWeighting, string> = {
  resident: 'Folkbokförd befolkning',
  seasonal: 'Säsongsbefolkning (inkl. fritidsboende)',
};

/** The marker line of a stale run; readers (and tests) look for this prefix. */
export const STALE_MARKER = 'INAKTUELL';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type CellFormat = 'text' | 'people' | 'share' | 'minutes';

const NUM_FMT: Record<Exclude<CellFormat, 'text'>, string> = {
  people: '#,##0',
  share: '0.0%',
  minutes: '0.0',
};

/** One column of the summary sheet: Swedish header, cell format and its value for a row. */
export interface SummaryColumn {
  header: string;
  /** The header in the seasonal weighting, where it differs (as in the web table). */
  seasonalHeader?: string;
  width: number;
  format: CellFormat;
  value(row: AccessSummaryRow, s: WeightedSummary): string | number | null;
}

/** Area name as the web table shows it: the name, else `Län 23` / the code. */
function areaName(row: AccessSummaryRow): string {
  if (row.name) return row.name;
  return row.level === 'county' ? `Län ${row.code}` : row.code;
}

/**
 * The columns: first those of the web table (same headers), then the other figures a summary
 * holds that a spreadsheet reader may want.
 */
export const SUMMARY_COLUMNS: readonly SummaryColumn[] = [
  { header: 'Nivå', width: 8, format: 'text', value: (r) => (r.level === 'county' ? 'Län' : 'Kommun') },
  { header: 'Kod', width: 6, format: 'text', value: (r) => r.code },
  { header: 'Område', width: 22, format: 'text', value: (r) => areaName(r) },
  {
    header: 'Befolkning',
    seasonalHeader: 'Säsongsbefolkning',
    width: 12,
    format: 'people',
    value: (_r, s) => s.population,
  },
  { header: 'Andel ≤ 5 min', width: 11, format: 'share', value: (_r, s) => s.bands.lt5 ?? null },
  { header: '5–10 min', width: 10, format: 'share', value: (_r, s) => s.bands.m5to10 ?? null },
  { header: '10–30 min', width: 10, format: 'share', value: (_r, s) => s.bands.m10to30 ?? null },
  { header: '> 30 min', width: 10, format: 'share', value: (_r, s) => s.bands.gt30 ?? null },
  { header: 'Median, min', width: 11, format: 'minutes', value: (_r, s) => s.medianMin },
  { header: '90:e percentil, min', width: 12, format: 'minutes', value: (_r, s) => s.p90Min },
  {
    header: 'Ingen andra inom 30 min',
    width: 13,
    format: 'share',
    value: (_r, s) => s.noSecondWithin30.share,
  },
  { header: 'Beroende av en bro', width: 12, format: 'share', value: (_r, s) => s.bridgeDependent.share },
  { header: 'Medelrestid, min', width: 11, format: 'minutes', value: (_r, s) => s.meanMin },
  {
    header: 'Beroende av en väglänk',
    width: 12,
    format: 'share',
    value: (_r, s) => s.singleLinkDependent.share,
  },
  { header: 'Nås inte med bil', width: 11, format: 'share', value: (_r, s) => s.unreachable.share },
  { header: 'För långt från väg', width: 11, format: 'share', value: (_r, s) => s.unsnapped.share },
  { header: 'Befolkningspunkter', width: 12, format: 'people', value: (_r, s) => s.points },
];

/** `Dagligvaror`, or for a configured group without a Swedish name its kinds (`Närbutik/kiosk`). */
export function groupLabelSv(group: string, kinds: readonly string[] = []): string {
  const named = ACCESS_GROUP_LABELS[group];
  if (named) return named.sv;
  const labels = kinds.map((k) => KIND_LABELS[k as ServiceKind]?.sv ?? k);
  return labels.length > 0 ? `${group} (${labels.join(', ')})` : group;
}

/**
 * A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
 * A label too long for a tab gives way to the group key (the sheet's title has the label).
 */
function sheetName(label: string, group: string, taken: Set<string>): string {
  const base = (label.length <= 31 ? label : group).replace(/[[\]:*?/\\]/g, '-').slice(0, 31) || 'Grupp';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - `-${n}`.length)}-${n}`;
  taken.add(name.toLowerCase());
  return name;
}

const STOCKHOLM = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** `2025-03-01 14:05` in Swedish time; `–` when absent. */
export function swedishTime(iso: string | Date | null): string {
  if (iso === null) return '–';
  return STOCKHOLM.format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** Municipalities in code order, each county's total right after its municipalities. */
export function tillvaxtanalysOrder(rows: readonly AccessSummaryRow[]): AccessSummaryRow[] {
  const key = (r: AccessSummaryRow) => `${r.code.slice(0, 2)}|${r.level === 'county' ? 1 : 0}|${r.code}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The lines above each sheet's table: what the figures are and whether they are current. */
export function describeRun(run: AccessRunView, weighting: SummaryWeighting, exportedAt: Date): string[] {
  const snap = run.snapshot;
  return [
    `Befolkning: ${WEIGHTING_LABELS_SV[weighting]}`,
    `Beräkning ${run.id}: vägnät ${run.graph.name}, version ${run.graph.version}; ` +
      `registret avläst ${swedishTime(run.createdAt)}, klar ${swedishTime(run.finishedAt)}`,
    `Registerläge: ${snap.servicePoints.count} servicepunkter (senast ändrad ${swedishTime(snap.servicePoints.maxUpdatedAt)}), ` +
      `${snap.places.count} orter (senast ändrad ${swedishTime(snap.places.maxUpdatedAt)}), ` +
      `${snap.populationCells.count} befolkningsrutor` +
      // Only for readers of the `sot` group: others get the run without the SOT figures.
      (snap.sotPoints && SOT_GROUP in run.groups ? `, ${snap.sotPoints.count} SOT-punkter` : ''),
    run.stale
      ? `${STALE_MARKER}: underlaget har ändrats sedan beräkningen (${run.staleReasons.join('; ')}). Kör om analysen för aktuella siffror.`
      : `Aktuell: vägnät och register är oförändrade sedan beräkningen (kontrollerat ${swedishTime(exportedAt)}).`,
  ];
}

export interface SummaryWorkbookInput {
  run: AccessRunView;
  /** Summary rows as the reader may see them (any order). */
  rows: readonly AccessSummaryRow[];
  /** Groups to write, one sheet each, in this order. */
  groups: readonly string[];
  weighting: SummaryWeighting;
  exportedAt?: Date;
}

/** Row index (1-based) of the column headers in every sheet. */
export const HEADER_ROW = 7;

/** Builds the workbook (pure: no database). */
export function buildSummaryWorkbook(input: SummaryWorkbookInput): ExcelJS.Workbook {
  const { run, weighting } = input;
  const exportedAt = input.exportedAt ?? new Date();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SOT';
  workbook.created = exportedAt;
  workbook.title = `Tillgänglighet, beräkning ${run.id}`;
  workbook.subject = WEIGHTING_LABELS_SV[weighting];
  if (run.stale) workbook.keywords = STALE_MARKER;
  const info = describeRun(run, weighting, exportedAt);
  const taken = new Set<string>();
  for (const group of input.groups) {
    const label = groupLabelSv(group, run.groups[group]);
    const sheet = workbook.addWorksheet(sheetName(label, group, taken), {
      views: [{ state: 'frozen', ySplit: HEADER_ROW }],
      properties: run.stale ? { tabColor: { argb: 'FFB00000' } } : {},
    });
    sheet.columns = SUMMARY_COLUMNS.map((c) => ({ width: c.width }));
    const title = sheet.getRow(1);
    title.getCell(1).value = `Tillgänglighet – ${label}`;
    title.font = { bold: true, size: 14 };
    info.forEach((line, i) => {
      const row = sheet.getRow(2 + i);
      row.getCell(1).value = line;
      if (line.startsWith(STALE_MARKER)) row.font = { bold: true, color: { argb: 'FFB00000' } };
    });
    const header = sheet.getRow(HEADER_ROW);
    SUMMARY_COLUMNS.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = weighting === 'seasonal' ? (c.seasonalHeader ?? c.header) : c.header;
      cell.alignment = { wrapText: true, vertical: 'bottom' };
    });
    header.font = { bold: true };
    const rows = tillvaxtanalysOrder(input.rows.filter((r) => r.group === group));
    if (rows.length === 0) {
      sheet.getRow(HEADER_ROW + 1).getCell(1).value = 'Inga resultat i ditt område för gruppen.';
      continue;
    }
    rows.forEach((r, ri) => {
      const row = sheet.getRow(HEADER_ROW + 1 + ri);
      const s = r[weighting];
      SUMMARY_COLUMNS.forEach((c, ci) => {
        const cell = row.getCell(ci + 1);
        cell.value = c.value(r, s);
        if (c.format !== 'text') cell.numFmt = NUM_FMT[c.format];
      });
      if (r.level === 'county') row.font = { bold: true };
    });
    sheet.autoFilter = {
      from: { row: HEADER_ROW, column: 1 },
      to: { row: HEADER_ROW + rows.length, column: SUMMARY_COLUMNS.length },
    };
  }
  return workbook;
}

/** `tillganglighet-grocery-sasong-berakning12.xlsx` (ASCII: it travels in a header). */
export function summaryExportFilename(runId: number, group: string | undefined, weighting: SummaryWeighting) {
  return `tillganglighet-${group ?? 'alla'}-${weighting === 'seasonal' ? 'sasong' : 'folkbokforda'}-berakning${runId}.xlsx`;
}

export interface SummaryExportQuery {
  run: number;
  /** One group; default every group of the run (a sheet each). */
  group?: string;
  municipality?: string;
  county?: string;
  /** Default `resident`. */
  weighting?: SummaryWeighting;
}

/**
 * The summary of run `q.run` as an XLSX file, limited to the actor's territory.
 *
 * @throws AppError `not_found` (no such run), `validation_failed` (the run did not compute
 *   `group`), `conflict` (the run has not finished: it has no summary).
 */
export async function exportAccessSummaryXlsx(
  db: DbOrTx,
  actor: Actor,
  dataDir: string,
  q: SummaryExportQuery,
): Promise<{ body: Buffer; filename: string; contentType: string; run: AccessRunView }> {
  const weighting = q.weighting ?? 'resident';
  const { run, rows } = await getAccessSummary(db, actor, dataDir, {
    run: q.run,
    group: q.group,
    municipality: q.municipality,
    county: q.county,
  });
  // getAccessSummary throws for an unknown id, so a run is always there.
  if (!run) throw conflict(`Accessibility run ${q.run} has no summary`);
  if (run.status !== 'done')
    throw conflict(`Accessibility run ${q.run} has not finished (${run.status}): it has no summary yet`, [
      { field: 'id', reason: `the run is ${run.status}` },
    ]);
  const groups = q.group ? [q.group] : Object.keys(run.groups);
  const workbook = buildSummaryWorkbook({ run, rows, groups, weighting });
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    filename: summaryExportFilename(run.id, q.group, weighting),
    contentType: XLSX_CONTENT_TYPE,
    run,
  };
}
