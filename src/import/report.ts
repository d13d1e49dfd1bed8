/**
 * The import report: built while an import runs, returned on success and attached to the error
 * on failure, so the CLI and the web can always show (and save) what was wrong where.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError, type ErrorDetail, ErrorIds } from '../errors.js';
import type { ImportIssue, ImportReport } from './types.js';

/** At most this many details go into an error body; the report keeps every issue. */
export const MAX_ERROR_DETAILS = 1000;

/** An AppError carrying the full report of the failed import (`err.report`). */
export class ImportError extends AppError {
  readonly report: ImportReport;

  constructor(err: AppError, report: ImportReport) {
    super(err.id, err.status, err.message, err.details);
    this.name = 'ImportError';
    this.report = report;
  }
}

/** The report attached to an error thrown by `runImport`, if any. */
export function reportOf(err: unknown): ImportReport | null {
  return err instanceof ImportError ? err.report : null;
}

/** An issue as an ErrorDetail (the shape of error bodies). */
export function issueToDetail(i: ImportIssue): ErrorDetail {
  const d: ErrorDetail = { reason: i.reason };
  if (i.line !== undefined) d.line = i.line;
  if (i.element !== undefined) d.element = i.element;
  if (i.field !== undefined) d.field = i.field;
  return d;
}

/** Rows (lines/elements) with at least one error. */
export function invalidRowCount(issues: ImportIssue[]): number {
  const rows = new Set<string>();
  for (const i of issues)
    if (i.severity === 'error' && (i.line !== undefined || i.element !== undefined))
      rows.add(i.line !== undefined ? `l${i.line}` : `e${i.element}`);
  return rows.size;
}

/** The 422 thrown when rows are invalid and `skipInvalid` is off. */
export function rowsError(report: ImportReport, invalidRows: number): ImportError {
  const errors = report.issues.filter((i) => i.severity === 'error');
  const details = errors.slice(0, MAX_ERROR_DETAILS).map(issueToDetail);
  if (errors.length > MAX_ERROR_DETAILS)
    details.push({ reason: `… and ${errors.length - MAX_ERROR_DETAILS} more errors (see the report)` });
  const first = errors[0];
  const where = first ? ` First: ${formatIssue(first)}` : '';
  return new ImportError(
    new AppError(
      ErrorIds.importRows,
      422,
      `${invalidRows} rows are invalid; nothing was imported.${where}`,
      details,
    ),
    report,
  );
}

/** `line 12, field lat: reason` — the same shape as formatDetail in src/errors.ts. */
export function formatIssue(i: ImportIssue): string {
  const where = [
    i.line !== undefined ? `line ${i.line}` : undefined,
    i.element,
    i.field ? `field ${i.field}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${i.reason}` : i.reason;
}

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Writes the report: `.json` is the whole report; `.csv` is the issue list (one row per issue:
 * severity, line, element, field, reason, code), the form people open in a spreadsheet.
 */
export function writeReport(report: ImportReport, file: string): void {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') {
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  if (ext === '.csv') {
    const lines = ['severity,line,element,field,reason,code'];
    for (const i of report.issues)
      lines.push([i.severity, i.line, i.element, i.field, i.reason, i.code].map(csvCell).join(','));
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return;
  }
  throw new AppError(ErrorIds.validation, 400, `Report file must end in .json or .csv: ${file}`, [
    { field: 'report', reason: 'unknown extension' },
  ]);
}
