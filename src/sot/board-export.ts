/**
 * The readiness board as CSV or XLSX for internal use. SOT-punkter are confidential, so every file
 * is marked: a `klassning` column on every row (it survives copying rows elsewhere), plus in XLSX a
 * title row and a printed page header. These files are never produced by the registry exports.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../db/client.js';
import type { Actor } from '../domain/actor.js';
import { type Column, flatCell } from '../export/columns.js';
import { csvLine, UTF8_BOM } from '../export/csv.js';
import { type BoardFilter, type BoardItem, getBoard } from './board.js';
import {
  AGREEMENT_LABELS,
  CRITERION_LABELS,
  ESTABLISHMENT_LABELS,
  PROGRAMME_LABELS,
  STATUS_LABELS,
} from './schemas.js';

/** The marking every internal SOT file carries. */
export const INTERNAL_MARKING = 'Intern — innehåller uppgifter om SOT-punkter';

export type BoardExportFormat = 'csv' | 'xlsx';

export const BOARD_CONTENT_TYPES: Record<BoardExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** Columns of the board export (Swedish headers: the file is for Swedish coordinators). */
export const BOARD_COLUMNS: Column<BoardItem>[] = [
  { header: 'klassning', width: 40, value: () => INTERNAL_MARKING },
  { header: 'id', width: 6, value: (i) => i.id },
  { header: 'namn', width: 30, value: (i) => i.name },
  { header: 'kommunkod', width: 9, value: (i) => i.municipalityCode },
  { header: 'kommun', width: 16, value: (i) => i.municipalityName },
  { header: 'status', width: 12, value: (i) => STATUS_LABELS[i.status].sv },
  {
    header: 'etableringsmodell',
    width: 16,
    value: (i) => (i.establishmentModel ? ESTABLISHMENT_LABELS[i.establishmentModel].sv : null),
  },
  { header: 'butik', width: 24, value: (i) => i.storeName },
  { header: 'drivmedel', width: 24, value: (i) => i.fuelStationName },
  { header: 'enligt_lagstaniva', width: 10, value: (i) => (i.checklist.compliant ? 'ja' : 'nej') },
  {
    header: 'kriterier_ej_uppfyllda',
    width: 40,
    value: (i) => i.checklist.failing.map((c) => CRITERION_LABELS[c].sv).join('; '),
  },
  {
    header: 'kriterier_okanda',
    width: 30,
    value: (i) => i.checklist.unknown.map((c) => CRITERION_LABELS[c].sv).join('; '),
  },
  { header: 'aggregat_installerat', width: 10, value: (i) => (i.power.installed ? 'ja' : 'nej') },
  { header: 'aggregat_kva', width: 8, value: (i) => i.power.kva },
  { header: 'kravs_kva', width: 8, value: (i) => round1(i.power.requiredKva) },
  { header: 'tank_liter', width: 8, value: (i) => i.power.tankLitres },
  { header: 'uthallighet_h', width: 8, value: (i) => round1(i.power.autonomyHours) },
  { header: 'mal_h', width: 6, value: (i) => i.power.targetHours },
  { header: 'provkorning_forsenad', width: 10, value: (i) => (i.testRuns.overdue ? 'ja' : 'nej') },
  { header: 'nasta_provkorning', width: 11, value: (i) => i.testRuns.nextDue },
  { header: 'senaste_provkorning', width: 11, value: (i) => i.testRuns.lastRunDate },
  { header: 'avtal_i_kraft', width: 6, value: (i) => i.agreements.inForce },
  {
    header: 'avtal_att_fornya',
    width: 40,
    value: (i) =>
      i.agreements.expiring.map((a) => `${AGREEMENT_LABELS[a.type].sv} (slut ${a.endDate})`).join('; '),
  },
  {
    header: 'oppen_finansiering',
    width: 40,
    value: (i) =>
      i.financing.open
        .map((f) => `${PROGRAMME_LABELS[f.programme].sv}: ${f.status}, ${f.payoutStatus}`)
        .join('; '),
  },
  { header: 'medlemmar', width: 8, value: (i) => i.organisation.memberCount },
  { header: 'nabara_medlemmar', width: 8, value: (i) => i.organisation.reachableCount },
];

/** The export's file name, marked internal. */
export function boardExportFilename(format: BoardExportFormat, date: string): string {
  return `sot-punkter-INTERN-${date}.${format}`;
}

/** Builds the whole file (boards hold tens of points, not millions: no streaming needed). */
export async function exportBoard(
  db: Db,
  actor: Actor,
  format: BoardExportFormat,
  query: BoardFilter = {},
): Promise<{ body: Buffer; filename: string; contentType: string }> {
  const board = await getBoard(db, actor, query, `board_export_${format}`);
  const filename = boardExportFilename(format, board.evaluatedOn);
  if (format === 'csv') {
    let text = UTF8_BOM + csvLine(BOARD_COLUMNS.map((c) => c.header));
    for (const item of board.items) text += csvLine(BOARD_COLUMNS.map((c) => flatCell(c.value(item))));
    return { body: Buffer.from(text, 'utf8'), filename, contentType: BOARD_CONTENT_TYPES.csv };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.title = INTERNAL_MARKING;
  workbook.subject = INTERNAL_MARKING;
  workbook.keywords = 'INTERN';
  const sheet = workbook.addWorksheet('SOT-punkter (intern)', {
    views: [{ state: 'frozen', ySplit: 3 }],
    headerFooter: {
      oddHeader: `&L&B${INTERNAL_MARKING}&R&D`,
      oddFooter: `&L${INTERNAL_MARKING}&RSida &P av &N`,
    },
  });
  sheet.columns = BOARD_COLUMNS.map((c) => ({ key: c.header, width: c.width ?? 14 }));
  const title = sheet.addRow([`${INTERNAL_MARKING} · utdrag ${board.evaluatedOn}`]);
  title.font = { bold: true, color: { argb: 'FFB00000' } };
  sheet.addRow([]);
  const header = sheet.addRow(BOARD_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  for (const item of board.items) sheet.addRow(BOARD_COLUMNS.map((c) => flatCell(c.value(item))));
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return { body, filename, contentType: BOARD_CONTENT_TYPES.xlsx };
}
