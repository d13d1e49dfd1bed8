/**
 * The importers' one entry point. The CLI (`sot import …`) and the web upload route both call
 * {@link runImport}; it reads the file (CSV, GeoJSON or OSM), validates every row, and applies
 * everything in ONE transaction, so a failed import leaves the database exactly as it was.
 *
 * Errors: a file that cannot be read as its format throws `import_format_invalid` (or
 * `osm_file_corrupt`); invalid rows throw `import_rows_invalid` (422) unless `skipInvalid`.
 * Every error thrown here is an {@link ImportError} carrying the full report (`err.report`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { importBatches } from '../db/schema.js';
import { type Actor, canEditRegistry } from '../domain/actor.js';
import { recordAudit } from '../domain/audit.js';
import { TerritoryIndex } from '../domain/territory-index.js';
import { AppError, conflict, ErrorIds, forbidden, validationError } from '../errors.js';
import { planRows, writePlan } from './apply.js';
import { planBoundaries, readBoundaries, rederiveMunicipalities, writeBoundaries } from './boundaries.js';
import { readOsmCandidates } from './osm.js';
import { type ReadResult, readCsvCandidates, readGeoJsonCandidates } from './read-tabular.js';
import { type Candidate, kindKey } from './records.js';
import { assignRefs } from './refs.js';
import { ImportError, invalidRowCount, rowsError } from './report.js';
import type { ImportFormat, ImportIssue, ImportOptions, ImportReport } from './types.js';

export { type ColumnMapping, parseMapping, parseMappingFile } from './mapping.js';
export { ImportError, reportOf, writeReport } from './report.js';
export type {
  ImportCounts,
  ImportFormat,
  ImportIssue,
  ImportOptions,
  ImportProgress,
  ImportReport,
  ImportTarget,
} from './types.js';

/** Thrown inside the transaction to roll back a dry run that had to write to compute its counts. */
class DryRunRollback extends Error {}

const SOURCE_PATTERN = /^[a-z0-9][a-z0-9._:-]{0,39}$/i;

/** Format from the file name, else from the first bytes. */
export function detectFormat(filePath: string, name?: string): ImportFormat {
  const n = (name ?? filePath).toLowerCase();
  if (/\.(csv|tsv|txt)$/.test(n)) return 'csv';
  if (/\.(geojson|json)$/.test(n)) return 'geojson';
  if (/\.(pbf|osm|osm\.gz|xml)$/.test(n)) return 'osm';
  const fd = fs.openSync(filePath, 'r');
  const head = Buffer.alloc(256);
  let got = 0;
  try {
    got = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const b = head.subarray(0, got);
  if ((b[0] === 0 && b[1] === 0) || (b[0] === 0x1f && b[1] === 0x8b)) return 'osm';
  const t = b.toString('utf8').replace(/^\uFEFF?\s*/, '');
  if (t.startsWith('{') || t.startsWith('[')) return 'geojson';
  if (t.startsWith('<')) return 'osm';
  return 'csv';
}

/** A default source from a file name: `Butiker 2024.csv` → `butiker-2024`. */
function sourceFromName(name: string): string {
  const base = path
    .basename(name)
    .replace(/(\.osm)?\.[^.]+$/i, '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'file';
}

/** `urn:<issuer>:…` (issuers may be Swedish: `urn:hemköp:…`): an id unique across files and sources. */
const URN = /^urn:[\p{L}\p{N}][\p{L}\p{N}-]*:\S+$/iu;

/** The source of files whose every external id is a URN (the se-poi collection's store ids). */
export const URN_SOURCE = 'se-poi';

/**
 * The external-id namespace of an import: `--source`, `osm` for OSM files, the mapping's
 * `source`; then `se-poi` when every row that has an id has a URN id
 * (`urn:systembolaget:store:id:0219`: such ids name their issuer, so files cannot collide; rows
 * without an id get content-derived ids, see refs.ts); otherwise derived from the file name.
 *
 * The default is never one constant shared by all files: two unrelated files that both number
 * their rows 1, 2, 3 would otherwise update each other's rows.
 */
function resolveSource(
  opts: ImportOptions,
  format: ImportFormat,
  sourceName: string,
  candidates: Candidate[],
): string {
  if (opts.source) return opts.source;
  if (format === 'osm') return 'osm';
  if (opts.mapping?.source) return opts.mapping.source;
  const refs = candidates.filter((c) => c.ref !== null);
  if (refs.length > 0 && refs.every((c) => URN.test(c.ref as string))) return URN_SOURCE;
  return sourceFromName(sourceName);
}

/** Role first (403 whatever the file), then the file, then option combinations. */
function checkOptions(actor: Actor, opts: ImportOptions): ImportFormat {
  if (opts.target === 'boundaries') {
    if (actor.role !== 'admin') throw forbidden('Only administrators may import boundaries');
  } else if (!canEditRegistry(actor)) throw forbidden('Your role may not import into the registry');
  if (!fs.existsSync(opts.filePath) || !fs.statSync(opts.filePath).isFile())
    throw new AppError(ErrorIds.fileNotFound, 404, `File not found: ${opts.filePath}`, [
      { field: 'file', reason: 'no such file' },
    ]);
  const format = opts.format ?? detectFormat(opts.filePath, opts.sourceName);
  if (opts.target === 'boundaries' && format !== 'geojson')
    throw validationError('Boundaries are imported from GeoJSON', [
      { field: 'format', reason: `expected geojson, got ${format}` },
    ]);
  if (opts.target === 'all' && format !== 'osm')
    throw validationError('target "all" is only for OSM files (service points and places together)', [
      { field: 'target', reason: 'use service_points or places' },
    ]);
  if (opts.source !== undefined && !SOURCE_PATTERN.test(opts.source))
    throw validationError('Invalid source', [
      { field: 'source', reason: 'use letters, digits, . _ : - (max 40 characters)' },
    ]);
  return format;
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason ?? new Error('Import aborted');
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++)
    if ((e as { code?: unknown }).code === '23505') return true;
  return false;
}

function tally(issues: ImportIssue[], report: ImportReport): void {
  report.issues = issues;
  report.counts.errors = issues.filter((i) => i.severity === 'error').length;
  report.counts.warnings = issues.length - report.counts.errors;
}

async function openBatch(tx: Tx, actor: Actor, report: ImportReport): Promise<number> {
  const [batch] = await tx
    .insert(importBatches)
    .values({
      target: report.target === 'all' ? 'osm' : report.target,
      format: report.format,
      source: report.source,
      userId: actor.userId,
    })
    .returning({ id: importBatches.id });
  return batch.id;
}

async function closeBatch(tx: Tx, actor: Actor, report: ImportReport, extra: Record<string, unknown> = {}) {
  const batchId = report.batchId as number;
  const { created, updated, unchanged, skipped } = report.counts;
  await tx
    .update(importBatches)
    .set({ counts: { created, updated, unchanged, skipped, ...extra }, finishedAt: new Date() })
    .where(eq(importBatches.id, batchId));
  await recordAudit(tx, actor, {
    action: 'import',
    entityType: 'import_batch',
    entityId: batchId,
    details: {
      target: report.target,
      format: report.format,
      source: report.source,
      sourceName: report.sourceName,
      counts: report.counts,
      byKind: report.byKind,
      ...extra,
    },
  });
}

async function readRows(opts: ImportOptions, format: ImportFormat): Promise<ReadResult> {
  if (format === 'osm') {
    const r = await readOsmCandidates(opts.filePath, {
      servicePoints: opts.target === 'service_points' || opts.target === 'all',
      places: opts.target === 'places' || opts.target === 'all',
      onProgress: opts.onProgress,
      signal: opts.signal,
    });
    return { ...r, columns: [] };
  }
  if (opts.target !== 'service_points' && opts.target !== 'places')
    throw validationError(`target ${opts.target} is not supported for ${format}`, [
      { field: 'target', reason: 'invalid' },
    ]);
  const tabular = {
    entity: opts.target === 'places' ? ('place' as const) : ('service_point' as const),
    mapping: opts.mapping,
    onProgress: opts.onProgress,
    signal: opts.signal,
  };
  return format === 'csv'
    ? readCsvCandidates(opts.filePath, tabular)
    : readGeoJsonCandidates(opts.filePath, tabular);
}

async function importRows(db: Db, actor: Actor, opts: ImportOptions, report: ImportReport): Promise<void> {
  const format = report.format as ImportFormat;
  const read = await readRows(opts, format);
  const issues = read.issues;
  report.counts.read = read.read;
  report.source = resolveSource(opts, format, report.sourceName, read.candidates);
  const candidates = assignRefs(read.candidates, issues);
  tally(issues, report);
  throwIfAborted(opts.signal);

  await db.transaction(async (tx) => {
    const index = await TerritoryIndex.load(tx);
    if (index.size === 0)
      issues.push({
        severity: 'warning',
        field: 'municipalityCode',
        reason:
          'no municipality boundaries are loaded: rows get no municipality until boundaries are imported (which re-derives them)',
      });
    const plan = await planRows(tx, actor, report.source, candidates, index, issues, opts.onProgress);
    const valid = [...plan.creates, ...plan.updates, ...plan.unchanged];
    for (const p of valid) {
      const k = kindKey(p.candidate);
      report.byKind[k] = (report.byKind[k] ?? 0) + 1;
    }
    report.counts.created = plan.creates.length;
    report.counts.updated = plan.updates.length;
    report.counts.unchanged = plan.unchanged.length;
    tally(issues, report);
    const invalid = invalidRowCount(issues);
    if (invalid > 0 && !opts.skipInvalid) {
      // A dry run keeps what the valid rows would do; a real import did nothing.
      if (!opts.dryRun) Object.assign(report.counts, { created: 0, updated: 0, unchanged: 0 });
      throw rowsError(report, invalid);
    }
    report.counts.skipped = invalid;
    throwIfAborted(opts.signal);
    if (opts.dryRun) return;
    report.batchId = await openBatch(tx, actor, report);
    await writePlan(tx, actor, report.source, plan, report.batchId, opts.onProgress);
    throwIfAborted(opts.signal);
    await closeBatch(tx, actor, report);
  });
}

async function importBoundaryFile(
  db: Db,
  actor: Actor,
  opts: ImportOptions,
  report: ImportReport,
): Promise<void> {
  const read = readBoundaries(opts.filePath, opts.mapping, opts.boundaryLevel, opts.onProgress);
  const issues = read.issues;
  report.counts.read = read.read;
  report.source = opts.source ?? opts.mapping?.source ?? sourceFromName(report.sourceName);
  report.byKind = read.rows.length > 0 ? { [read.level]: read.rows.length } : {};
  tally(issues, report);
  const invalid = invalidRowCount(issues);
  if (invalid > 0 && !opts.skipInvalid) throw rowsError(report, invalid);
  report.counts.skipped = invalid;
  throwIfAborted(opts.signal);
  try {
    await db.transaction(async (tx) => {
      const plan = await planBoundaries(tx, read, issues);
      report.counts.created = plan.creates.length;
      report.counts.updated = plan.updates.length;
      report.counts.unchanged = plan.unchanged;
      tally(issues, report);
      const batchId = await openBatch(tx, actor, report);
      report.batchId = batchId;
      opts.onProgress?.({ phase: 'write', done: 0, total: read.rows.length });
      await writeBoundaries(tx, actor, plan, batchId);
      if (plan.level === 'municipality' && plan.creates.length + plan.updates.length > 0)
        report.rederived = await rederiveMunicipalities(tx, actor, batchId);
      opts.onProgress?.({ phase: 'write', done: read.rows.length, total: read.rows.length });
      throwIfAborted(opts.signal);
      // A dry run writes to learn how many points would move, then rolls everything back.
      if (opts.dryRun) throw new DryRunRollback();
      await closeBatch(tx, actor, report, report.rederived ? { rederived: report.rederived } : {});
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
    report.batchId = null;
  }
}

/**
 * Imports a file. Boundaries require an admin; service points and places require an editor
 * (admin, county, municipality), and non-admins may only import rows inside their territory
 * (rows outside are row errors).
 *
 * @returns the report (`ok: true`); with `dryRun`, the counts the import would produce.
 * @throws ImportError (an AppError with `report`): `import_rows_invalid` 422,
 *   `import_format_invalid` 400, `osm_file_corrupt` 400, `forbidden` 403, `file_not_found` 404.
 */
export async function runImport(db: Db, actor: Actor, opts: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const sourceName = opts.sourceName ?? path.basename(opts.filePath);
  const report: ImportReport = {
    ok: false,
    dryRun: Boolean(opts.dryRun),
    target: opts.target,
    format: opts.format ?? 'unknown',
    source: opts.source ?? '',
    sourceName,
    batchId: null,
    counts: { read: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, errors: 0, warnings: 0 },
    byKind: {},
    issues: [],
    durationMs: 0,
  };
  try {
    report.format = checkOptions(actor, opts);
    if (opts.target === 'boundaries') await importBoundaryFile(db, actor, opts, report);
    else await importRows(db, actor, opts, report);
    report.ok = true;
    report.durationMs = Date.now() - started;
    return report;
  } catch (err) {
    report.ok = false;
    report.batchId = null;
    report.durationMs = Date.now() - started;
    if (err instanceof ImportError) throw err;
    if (err instanceof AppError) {
      if (report.issues.length === 0 || err.id !== ErrorIds.importRows)
        report.issues = [
          ...report.issues,
          ...err.details.map((d) => ({ severity: 'error' as const, ...d, reason: d.reason })),
        ];
      tally(report.issues, report);
      throw new ImportError(err, report);
    }
    if (isUniqueViolation(err))
      throw new ImportError(
        conflict('Another import of the same source ran at the same time; nothing was imported. Try again.'),
        report,
      );
    throw err;
  }
}
