/**
 * `importPopulationGrid`: SCB population grid statistics (1 km or 250 m cells, SWEREF 99 TM) from
 * CSV or GeoPackage into `population_cells`.
 *
 * Like the registry importers: the whole file is read and validated first; any invalid row stops
 * the import with nothing written (unless `skipInvalid`); everything is written in one
 * transaction; re-importing updates cells by their canonical grid id (see ./grid.ts), so the same
 * file twice changes nothing. The municipality of each cell is derived from its centre through
 * the territory cache. One `import_batches` row and one audit entry record the import (per-cell
 * audit rows would be hundreds of thousands of statistical rows nobody reads).
 *
 * Who may import: editors (admin, county, municipality); non-admins only cells inside their
 * territory (cells elsewhere are row errors, as in the other importers).
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { importBatches } from '../db/schema.js';
import { type Actor, canEditRegistry, canWriteTerritory } from '../domain/actor.js';
import { recordAudit } from '../domain/audit.js';
import { getTerritoryIndex } from '../domain/territory-cache.js';
import { AppError, ErrorIds, forbidden, validationError } from '../errors.js';
import { BULK_CHUNK } from '../import/bulk.js';
import { ImportError, invalidRowCount, rowsError } from '../import/report.js';
import type { ImportIssue, ImportProgress, ImportReport } from '../import/types.js';
import { isCellSize } from './grid.js';
import { readGridCsv } from './read-csv.js';
import { readGridGpkg } from './read-gpkg.js';
import { type ResolvedCell, resolveCells } from './resolve.js';

export type PopulationFormat = 'csv' | 'gpkg';

export interface PopulationImportOptions {
  filePath: string;
  /** Detected from the extension, then the first bytes, when absent. */
  format?: PopulationFormat;
  /** 1000 or 250; needed only when the file states it nowhere and inference is not wanted. */
  cellSize?: number;
  /** Exact name of the population column (files with several count columns). */
  populationColumn?: string;
  /** GeoPackage layer, when the file has several. */
  layer?: string;
  /** Shown in the report; defaults to the file's base name. */
  sourceName?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

/** Thrown inside the transaction to roll a dry run back after counting. */
class DryRunRollback extends Error {}

/** `.gpkg` (or an SQLite header) → gpkg; anything else → csv. */
export function detectPopulationFormat(filePath: string, name?: string): PopulationFormat {
  const n = (name ?? filePath).toLowerCase();
  if (n.endsWith('.gpkg')) return 'gpkg';
  if (/\.(csv|tsv|txt)$/.test(n)) return 'csv';
  const fd = fs.openSync(filePath, 'r');
  const head = Buffer.alloc(16);
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head.toString('latin1').startsWith('SQLite format 3') ? 'gpkg' : 'csv';
}

function tally(issues: ImportIssue[], report: ImportReport): void {
  report.issues = issues;
  report.counts.errors = issues.filter((i) => i.severity === 'error').length;
  report.counts.warnings = issues.length - report.counts.errors;
}

const sizeLabel = (size: number) => (size === 1000 ? '1km' : `${size}m`);

/** Municipality per cell; cells outside the actor's territory become issues (non-admins). */
async function placeInTerritory(
  tx: Tx,
  actor: Actor,
  cells: ResolvedCell[],
  issues: ImportIssue[],
): Promise<{ cell: ResolvedCell; code: string | null }[]> {
  const index = await getTerritoryIndex(tx);
  if (index.size === 0)
    issues.push({
      severity: 'warning',
      field: 'municipalityCode',
      reason:
        'no municipality boundaries are loaded: cells get no municipality until boundaries are imported (which re-derives them)',
    });
  const out: { cell: ResolvedCell; code: string | null }[] = [];
  for (const cell of cells) {
    const code = index.municipalityAt(cell.lat, cell.lon);
    if (code === null && index.size > 0 && actor.role === 'admin')
      // Kept (an admin may load a grid before all boundaries), but never without a word: such
      // people count in no municipality's figures.
      issues.push({
        severity: 'warning',
        line: cell.line,
        ...(cell.element ? { element: cell.element } : {}),
        field: 'id',
        reason: `cell ${cell.gridId} (centre ${cell.lat.toFixed(5)}, ${cell.lon.toFixed(5)}) lies outside every municipality boundary; stored without a municipality`,
      });
    if (actor.role !== 'admin' && !canWriteTerritory(actor, code)) {
      issues.push({
        severity: 'error',
        line: cell.line,
        ...(cell.element ? { element: cell.element } : {}),
        field: 'id',
        reason:
          code === null
            ? `cell ${cell.gridId} lies outside every municipality`
            : `cell ${cell.gridId} lies in municipality ${code}, outside your territory`,
      });
      continue;
    }
    out.push({ cell, code });
  }
  return out;
}

/**
 * Upserts cells; returns how many were created and updated (the rest were unchanged). An
 * unchanged cell keeps its old batch id, so the registry snapshot of the accessibility analysis
 * does not see a change that did not happen.
 */
async function upsertCells(
  tx: Tx,
  rows: { cell: ResolvedCell; code: string | null }[],
  batchId: number,
  onProgress?: (p: ImportProgress) => void,
): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const payload = JSON.stringify(
      rows.slice(i, i + BULK_CHUNK).map(({ cell, code }) => ({
        grid_id: cell.gridId,
        population: cell.population,
        cell_size_m: cell.size,
        lat: cell.lat,
        lon: cell.lon,
        municipality_code: code,
        import_batch_id: batchId,
      })),
    );
    const result = (await tx.execute(sql`
      insert into population_cells (grid_id, population, cell_size_m, lat, lon, municipality_code, import_batch_id)
      select grid_id, population, cell_size_m, lat, lon, municipality_code, import_batch_id
        from jsonb_to_recordset(${payload}::jsonb) as v(grid_id text, population integer, cell_size_m integer,
             lat double precision, lon double precision, municipality_code text, import_batch_id integer)
      on conflict (grid_id) do update set
        population = excluded.population, cell_size_m = excluded.cell_size_m, lat = excluded.lat,
        lon = excluded.lon, municipality_code = excluded.municipality_code, import_batch_id = excluded.import_batch_id
      where (population_cells.population, population_cells.cell_size_m, population_cells.lat,
             population_cells.lon, population_cells.municipality_code)
        is distinct from (excluded.population, excluded.cell_size_m, excluded.lat, excluded.lon, excluded.municipality_code)
      returning (xmax::text = '0') as inserted`)) as unknown as { rows: { inserted: boolean }[] };
    for (const r of result.rows) {
      if (r.inserted) created++;
      else updated++;
    }
    onProgress?.({ phase: 'write', done: Math.min(rows.length, i + BULK_CHUNK), total: rows.length });
  }
  return { created, updated };
}

/**
 * Imports a population grid file.
 *
 * @returns the report (`target: 'population'`, `byKind` per cell size: `1km`, `250m`).
 * @throws ImportError (an AppError with `report`): `import_rows_invalid` 422 (line numbers in the
 *   details), `import_format_invalid` 400, `forbidden` 403, `file_not_found` 404.
 */
export async function importPopulationGrid(
  db: Db,
  actor: Actor,
  opts: PopulationImportOptions,
): Promise<ImportReport> {
  const started = Date.now();
  const report: ImportReport = {
    ok: false,
    dryRun: Boolean(opts.dryRun),
    target: 'population',
    format: opts.format ?? 'unknown',
    source: 'scb',
    sourceName: opts.sourceName ?? path.basename(opts.filePath),
    batchId: null,
    counts: { read: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, errors: 0, warnings: 0 },
    byKind: {},
    issues: [],
    durationMs: 0,
  };
  try {
    if (!canEditRegistry(actor)) throw forbidden('Your role may not import population data');
    if (!fs.existsSync(opts.filePath) || !fs.statSync(opts.filePath).isFile())
      throw new AppError(ErrorIds.fileNotFound, 404, `File not found: ${opts.filePath}`, [
        { field: 'file', reason: 'no such file' },
      ]);
    if (opts.cellSize !== undefined && !isCellSize(opts.cellSize))
      throw validationError('The cell size must be 1000 or 250 (metres)', [
        { field: 'cellSize', reason: `got ${opts.cellSize}` },
      ]);
    const format = opts.format ?? detectPopulationFormat(opts.filePath, opts.sourceName);
    report.format = format;
    const read =
      format === 'gpkg'
        ? await readGridGpkg(opts.filePath, opts)
        : await readGridCsv(opts.filePath, { ...opts });
    const issues = read.issues;
    report.counts.read = read.read;
    if (read.swapped > 0)
      issues.push({
        severity: 'warning',
        field: 'x',
        reason: `${read.swapped} rows had northing in x and easting in y (Swedish geodetic convention); read as N/E`,
      });
    const { cells } = resolveCells(read.cells, opts.cellSize, issues);
    // An error about the whole file (no line) cannot be skipped row by row.
    const fileError = issues.find((i) => i.severity === 'error' && i.line === undefined);
    if (fileError)
      throw new AppError(ErrorIds.importFormat, 400, fileError.reason, [
        { ...(fileError.field ? { field: fileError.field } : {}), reason: fileError.reason },
      ]);
    for (const c of cells) report.byKind[sizeLabel(c.size)] = (report.byKind[sizeLabel(c.size)] ?? 0) + 1;
    tally(issues, report);
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');

    try {
      await db.transaction(async (tx) => {
        const placed = await placeInTerritory(tx, actor, cells, issues);
        tally(issues, report);
        const invalid = invalidRowCount(issues);
        if (invalid > 0 && !opts.skipInvalid) throw rowsError(report, invalid);
        report.counts.skipped = invalid;
        const [batch] = await tx
          .insert(importBatches)
          .values({ target: 'population', format, source: 'scb', userId: actor.userId })
          .returning({ id: importBatches.id });
        const { created, updated } = await upsertCells(tx, placed, batch.id, opts.onProgress);
        Object.assign(report.counts, { created, updated, unchanged: placed.length - created - updated });
        if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
        if (opts.dryRun) throw new DryRunRollback();
        report.batchId = batch.id;
        const { counts } = report;
        await tx
          .update(importBatches)
          .set({
            counts: {
              created: counts.created,
              updated: counts.updated,
              unchanged: counts.unchanged,
              skipped: counts.skipped,
            },
            finishedAt: new Date(),
          })
          .where(eq(importBatches.id, batch.id));
        await recordAudit(tx, actor, {
          action: 'import',
          entityType: 'import_batch',
          entityId: batch.id,
          details: {
            target: 'population',
            format,
            source: 'scb',
            sourceName: report.sourceName,
            counts: report.counts,
            byKind: report.byKind,
          },
        });
      });
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
      report.batchId = null;
    }
    report.ok = true;
    report.durationMs = Date.now() - started;
    return report;
  } catch (err) {
    report.ok = false;
    report.batchId = null;
    report.durationMs = Date.now() - started;
    if (err instanceof ImportError) throw err;
    if (err instanceof AppError) {
      if (err.id !== ErrorIds.importRows)
        report.issues = [
          ...report.issues,
          ...err.details.map((d) => ({ severity: 'error' as const, ...d, reason: d.reason })),
        ];
      tally(report.issues, report);
      throw new ImportError(err, report);
    }
    throw err;
  }
}
