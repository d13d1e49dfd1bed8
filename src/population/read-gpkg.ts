/**
 * Population grid cells from a GeoPackage (the form SCB publishes its grids in), read with sql.js
 * (SQLite compiled to WebAssembly: no native build, works offline).
 *
 * The layer is the features table listed in `gpkg_contents` (or the one named by `layer`); its
 * geometry column and SRS come from `gpkg_geometry_columns` and must be EPSG:3006. A polygon gives
 * the cell square (SW corner = minimum x/y, size = width); a point is a corner or centre like an
 * x/y column. Attribute columns are detected as in CSV files. Rows are numbered 1, 2, … in
 * feature id order, and issues name the feature id too (`fid 12`).
 */
import fs from 'node:fs';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { AppError, ErrorIds } from '../errors.js';
import type { ImportIssue } from '../import/types.js';
import { detectColumns, formatError, hasPosition } from './columns.js';
import { GeometryError, parseGpkgGeometry } from './gpkg-geometry.js';
import type { GridReadOptions, GridReadResult } from './read-csv.js';
import { issue, parsePopulation, type RawCell, readPosition } from './records.js';

/** The SQLite file header every GeoPackage starts with. */
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface GpkgReadOptions extends GridReadOptions {
  /** Features table to read when the file has several. */
  layer?: string;
}

function rows(db: Database, sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const stmt = db.prepare(sql, params);
  const out: Record<string, SqlValue>[] = [];
  try {
    while (stmt.step()) out.push(stmt.getAsObject());
  } finally {
    stmt.free();
  }
  return out;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface Layer {
  table: string;
  geometryColumn: string | null;
  srsId: number | null;
}

function pickLayer(db: Database, wanted: string | undefined): Layer {
  const hasContents = rows(
    db,
    "select name from sqlite_master where type = 'table' and name = 'gpkg_contents'",
  );
  if (hasContents.length === 0)
    throw formatError('The file is an SQLite database but not a GeoPackage (no gpkg_contents table)');
  const layers = rows(
    db,
    "select table_name, data_type, srs_id from gpkg_contents where data_type in ('features', 'attributes') order by data_type desc, table_name",
  );
  const names = layers.map((l) => String(l.table_name));
  let chosen: Record<string, SqlValue> | undefined;
  if (wanted !== undefined) {
    chosen = layers.find((l) => l.table_name === wanted);
    if (!chosen)
      throw formatError(
        `The GeoPackage has no layer "${wanted}" (layers: ${names.join(', ') || 'none'})`,
        'layer',
      );
  } else {
    const features = layers.filter((l) => l.data_type === 'features');
    const candidates = features.length > 0 ? features : layers;
    if (candidates.length === 0) throw formatError('The GeoPackage has no feature or attribute layer');
    if (candidates.length > 1)
      throw formatError(
        `The GeoPackage has ${candidates.length} layers (${candidates.map((l) => l.table_name).join(', ')}); name one with the layer option`,
        'layer',
      );
    chosen = candidates[0];
  }
  const table = String(chosen.table_name);
  const geom = rows(db, 'select column_name, srs_id from gpkg_geometry_columns where table_name = ?', [
    table,
  ]);
  return {
    table,
    geometryColumn: geom[0] ? String(geom[0].column_name) : null,
    srsId: geom[0]?.srs_id !== undefined && geom[0]?.srs_id !== null ? Number(geom[0].srs_id) : null,
  };
}

/** EPSG code of a GeoPackage SRS id, from gpkg_spatial_ref_sys. */
function epsgOf(db: Database, srsId: number): number | null {
  const found = rows(
    db,
    'select organization, organization_coordsys_id from gpkg_spatial_ref_sys where srs_id = ?',
    [srsId],
  )[0];
  if (!found) return srsId === 3006 ? 3006 : null;
  return String(found.organization).toUpperCase() === 'EPSG' ? Number(found.organization_coordsys_id) : null;
}

function checkSrs(db: Database, srsId: number | null): void {
  if (srsId === null) return;
  const epsg = epsgOf(db, srsId);
  if (epsg !== 3006)
    throw formatError(
      `The layer's coordinates are in ${epsg ? `EPSG:${epsg}` : `SRS ${srsId}`}; SOT reads SCB grids in SWEREF 99 TM (EPSG:3006)`,
      'geometry',
    );
}

let sqlJs: ReturnType<typeof initSqlJs> | null = null;

export async function readGridGpkg(path: string, opts: GpkgReadOptions = {}): Promise<GridReadResult> {
  if (!fs.existsSync(path))
    throw new AppError(ErrorIds.fileNotFound, 404, `File not found: ${path}`, [
      { field: 'file', reason: 'no such file' },
    ]);
  const bytes = fs.readFileSync(path);
  if (bytes.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC)
    throw formatError('The file is not a GeoPackage (no SQLite header)');
  opts.onProgress?.({ phase: 'read', done: bytes.length, total: bytes.length });
  sqlJs ??= initSqlJs();
  const SQL = await sqlJs;
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (err) {
    throw formatError(`The GeoPackage cannot be opened: ${(err as Error).message}`);
  }
  try {
    return readLayer(db, opts);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw formatError(`The GeoPackage cannot be read: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

function readLayer(db: Database, opts: GpkgReadOptions): GridReadResult {
  const layer = pickLayer(db, opts.layer);
  checkSrs(db, layer.srsId);
  const info = rows(db, `pragma table_info(${quoteIdent(layer.table)})`);
  const pk = info.find((c) => Number(c.pk) === 1);
  const attributeNames = info
    .map((c) => String(c.name))
    .filter((n) => n !== layer.geometryColumn && n !== pk?.name);
  const columns = detectColumns(attributeNames, {
    populationColumn: opts.populationColumn,
    what: 'attribute',
  });
  if (!hasPosition(columns) && layer.geometryColumn === null)
    throw formatError(
      `The layer has no geometry and no grid id or x/y attributes (attributes: ${attributeNames.join(', ')})`,
      'geometry',
    );
  const name = (i: number | undefined) => (i === undefined ? undefined : attributeNames[i]);
  const order = pk ? ` order by ${quoteIdent(String(pk.name))}` : ' order by rowid';
  const selected = [
    pk ? `${quoteIdent(String(pk.name))} as __fid` : 'rowid as __fid',
    ...(layer.geometryColumn ? [`${quoteIdent(layer.geometryColumn)} as __geom`] : []),
    ...attributeNames.map(quoteIdent),
  ];
  const stmt = db.prepare(`select ${selected.join(', ')} from ${quoteIdent(layer.table)}${order}`);
  const issues: ImportIssue[] = [];
  const cells: RawCell[] = [];
  const swapped = { count: 0 };
  let read = 0;
  try {
    while (stmt.step()) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
      const r = stmt.getAsObject();
      read++;
      const cell: RawCell = { line: read, element: `fid ${r.__fid}`, population: 0 };
      const pop = parsePopulation(r[name(columns.population) as string]);
      if (typeof pop === 'string') {
        issues.push(issue(cell, 'population', pop));
        continue;
      }
      cell.population = pop;
      if (r.__geom instanceof Uint8Array && !readGeometry(cell, r.__geom, layer.srsId, issues)) continue;
      const attr = (i: number | undefined) => (i === undefined ? undefined : r[name(i) as string]);
      if (
        !readPosition(
          cell,
          { id: attr(columns.id), x: attr(columns.x), y: attr(columns.y), size: attr(columns.size) },
          issues,
          swapped,
        )
      )
        continue;
      cells.push(cell);
    }
  } finally {
    stmt.free();
  }
  return { cells, issues, read, swapped: swapped.count };
}

/** Geometry → `box` (polygon) or `coord` (point) on the cell; false with an issue when unusable. */
function readGeometry(
  cell: RawCell,
  blob: Uint8Array,
  layerSrs: number | null,
  issues: ImportIssue[],
): boolean {
  try {
    const { srsId, geometry } = parseGpkgGeometry(blob);
    if (layerSrs !== null && srsId !== layerSrs && srsId > 0) {
      issues.push(issue(cell, 'geometry', `geometry SRS ${srsId} differs from the layer's ${layerSrs}`));
      return false;
    }
    if (geometry.type === 'point') cell.coord = { e: geometry.x, n: geometry.y };
    else if (geometry.type === 'box') {
      const w = geometry.maxX - geometry.minX;
      const h = geometry.maxY - geometry.minY;
      if (Math.abs(w - h) > 0.01 * Math.max(w, h)) {
        issues.push(
          issue(cell, 'geometry', `the cell polygon is ${w.toFixed(1)} × ${h.toFixed(1)} m, not a square`),
        );
        return false;
      }
      cell.box = geometry;
      cell.size = Math.round(w);
    }
    return true;
  } catch (err) {
    if (!(err instanceof GeometryError)) throw err;
    issues.push(issue(cell, 'geometry', err.message));
    return false;
  }
}
