/**
 * Reads service points or places from CSV or GeoJSON into validated candidates. Both formats map
 * their columns/properties the same way (src/import/mapping.ts) and share one row builder.
 */
import { AppError, ErrorIds } from '../errors.js';
import { type Delimiter, readCsv, sniffDelimiter } from './csv.js';
import { readGeoJson, representativePoint } from './geojson.js';
import { type ColumnMapping, type MappingField, normaliseHeader, resolveColumns } from './mapping.js';
import {
  type BuildContext,
  buildPlace,
  buildServicePoint,
  type Candidate,
  type RawRecord,
} from './records.js';
import type { ImportIssue, ImportProgress } from './types.js';

/** What to build from a CSV/GeoJSON file and how to map its columns. */
export interface TabularOptions {
  entity: 'service_point' | 'place';
  mapping?: ColumnMapping;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

/** Valid candidates plus every problem found while reading. */
export interface ReadResult {
  candidates: Candidate[];
  issues: ImportIssue[];
  /** Rows/features read. */
  read: number;
  /** Normalised column/property names. */
  columns: string[];
}

function formatError(message: string, field?: string): AppError {
  return new AppError(ErrorIds.importFormat, 400, message, [
    { ...(field ? { field } : {}), reason: message },
  ]);
}

/** Checks that the columns needed to build a row exist, and picks the coordinate system. */
function checkColumns(
  has: (f: MappingField) => boolean,
  opts: TabularOptions,
  columnNames: string[],
  what: string,
  geometryCoords: boolean,
): 'wgs84' | 'sweref99tm' {
  const list = columnNames.join(', ') || '(none)';
  if (!has('name'))
    throw formatError(`No name ${what} found (expected name or namn; the file has: ${list})`, 'name');
  if (opts.entity === 'service_point' && !has('kind') && !opts.mapping?.defaults?.kind)
    throw formatError(
      `No kind ${what} found (expected kind or typ, or set defaults.kind in the mapping; the file has: ${list})`,
      'kind',
    );
  const explicitCrs = opts.mapping?.crs;
  if (geometryCoords) return explicitCrs ?? 'wgs84';
  const latLon = has('lat') && has('lon');
  const xy = has('x') && has('y');
  if (!latLon && !xy)
    throw formatError(
      `No coordinate ${what}s found: expected lat/lon (latitude/longitude) in WGS 84 or x/y (E/N) in ` +
        `SWEREF 99 TM; the file has: ${list}`,
      'lat',
    );
  if (explicitCrs) return explicitCrs;
  return latLon ? 'wgs84' : 'sweref99tm';
}

function swapWarning(ctx: BuildContext, issues: ImportIssue[]): void {
  if (ctx.swapped.count > 0)
    issues.push({
      severity: 'warning',
      field: 'x',
      reason: `${ctx.swapped.count} rows had northing in x and easting in y (Swedish geodetic convention); read as N/E`,
    });
}

function build(
  rec: RawRecord,
  ctx: BuildContext,
  opts: TabularOptions,
  issues: ImportIssue[],
): Candidate | null {
  return opts.entity === 'service_point' ? buildServicePoint(rec, ctx, issues) : buildPlace(rec, ctx, issues);
}

const ROLE = { service_point: 'service_points', place: 'places' } as const;

/** Reads a CSV file (streaming); format problems throw, row problems are collected. */
export async function readCsvCandidates(path: string, opts: TabularOptions): Promise<ReadResult> {
  const declared = opts.mapping?.delimiter;
  const delimiter = sniffDelimiter(path, declared === 'tab' ? '\t' : (declared as Delimiter | undefined));
  const issues: ImportIssue[] = [];
  const candidates: Candidate[] = [];
  let header: string[] | null = null;
  let columns = new Map<MappingField, number>();
  let ctx: BuildContext | null = null;
  let read = 0;
  const rows = readCsv(path, {
    delimiter,
    signal: opts.signal,
    onBytes: (done, total) => opts.onProgress?.({ phase: 'read', done, total }),
  });
  for await (const row of rows) {
    if (header === null) {
      header = row.fields.map((h) => h.replace(/^\uFEFF/, '').trim());
      columns = resolveColumns(header, opts.mapping, ROLE[opts.entity]);
      const has = (f: MappingField) => columns.has(f);
      const crs = checkColumns(has, opts, header, 'column', false);
      ctx = { mapping: opts.mapping, has, crs, swapped: { count: 0 } };
      continue;
    }
    read++;
    const fields = row.fields;
    const rec: RawRecord = {
      loc: { line: row.line },
      get: (f) => {
        const idx = columns.get(f);
        return idx === undefined ? undefined : fields[idx];
      },
    };
    const c = build(rec, ctx as BuildContext, opts, issues);
    if (c) candidates.push(c);
  }
  if (header === null) throw formatError('The CSV file has no header line');
  if (ctx) swapWarning(ctx, issues);
  return { candidates, issues, read, columns: header.map(normaliseHeader) };
}

/** Reads point features (polygons become their centroid) from a GeoJSON file. */
export function readGeoJsonCandidates(path: string, opts: TabularOptions): ReadResult {
  const fc = readGeoJson(path, (done, total) => opts.onProgress?.({ phase: 'read', done, total }));
  const columns = resolveColumns(fc.propertyNames, opts.mapping, ROLE[opts.entity], 'property');
  const explicit = opts.mapping?.columns ?? {};
  // Coordinates come from the geometry unless the mapping names coordinate properties.
  const coordsFromProps = Boolean(explicit.lat || explicit.lon || explicit.x || explicit.y);
  const has = (f: MappingField) =>
    columns.has(f) || (!coordsFromProps && (f === 'lat' || f === 'lon' || f === 'x' || f === 'y'));
  const checked = checkColumns(has, opts, fc.propertyNames, 'property', !coordsFromProps);
  const ctx: BuildContext = {
    mapping: opts.mapping,
    has,
    crs: coordsFromProps ? checked : (opts.mapping?.crs ?? fc.crs),
    swapped: { count: 0 },
  };
  const issues: ImportIssue[] = [];
  const candidates: Candidate[] = [];
  fc.features.forEach((f, i) => {
    const props = f.properties ?? {};
    const line = i + 1;
    const point = coordsFromProps ? null : representativePoint(f.geometry);
    if (!coordsFromProps && !point) {
      issues.push({
        severity: 'error',
        line,
        field: 'geometry',
        reason: f.geometry
          ? `unsupported or malformed geometry ${f.geometry.type}: expected Point, MultiPoint, Polygon or MultiPolygon`
          : 'feature has no geometry',
      });
      return;
    }
    const rec: RawRecord = {
      loc: { line },
      get: (field) => {
        if (point && (field === 'lon' || field === 'x')) return point[0];
        if (point && (field === 'lat' || field === 'y')) return point[1];
        const idx = columns.get(field);
        if (idx !== undefined) return props[fc.propertyNames[idx]];
        if (field === 'externalId') return f.id;
        return undefined;
      },
    };
    const c = build(rec, ctx, opts, issues);
    if (c) candidates.push(c);
  });
  swapWarning(ctx, issues);
  return { candidates, issues, read: fc.features.length, columns: fc.propertyNames.map(normaliseHeader) };
}
