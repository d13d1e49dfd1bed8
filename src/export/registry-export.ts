/**
 * Exports of the registry (service points, places) as CSV, GeoJSON or XLSX in WGS 84 or
 * SWEREF 99 TM, filtered like the list API and limited to what the actor may read. Used by
 * GET /api/…/export and by `sot export`.
 */
import { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import type { Actor } from '../domain/actor.js';
import { placePages } from '../domain/places.js';
import { servicePointPages } from '../domain/service-points.js';
import { type RegistryFilter, registryFilterSchema } from '../shared/service-point.js';
import { placeColumns, servicePointColumns } from './columns.js';
import { EXPORT_CRS, type ExportCrs } from './crs.js';
import { csvWriter, geojsonWriter, type RowWriter, xlsxWriter } from './writers.js';

export const EXPORT_ENTITIES = ['service_points', 'places'] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];
export const EXPORT_FORMATS = ['csv', 'geojson', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  entity: ExportEntity;
  format: ExportFormat;
  /** The list API's filters; `kinds` is ignored for places. */
  filter?: RegistryFilter;
  /** Default `wgs84`. */
  crs?: ExportCrs;
  /** Rows fetched per query (default 1000). */
  pageSize?: number;
}

/** Query string of the export routes: the registry filters plus format and coordinate system. */
export const exportQuerySchema = registryFilterSchema.extend({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  crs: z.enum(EXPORT_CRS).default('wgs84'),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const FILE_STEMS: Record<ExportEntity, string> = { service_points: 'service-points', places: 'places' };
const SHEET_NAMES: Record<ExportEntity, string> = { service_points: 'Servicepunkter', places: 'Orter' };

/** `service-points-2026-11-23.csv`, `places-2026-11-23-sweref99tm.geojson`. */
export function exportFilename(
  entity: ExportEntity,
  format: ExportFormat,
  crs: ExportCrs = 'wgs84',
  at = new Date(),
): string {
  const date = at.toISOString().slice(0, 10);
  return `${FILE_STEMS[entity]}-${date}${crs === 'sweref99tm' ? '-sweref99tm' : ''}.${format}`;
}

function writerFor<T extends { id: number; lat: number; lon: number }>(
  opts: ExportOptions,
  crs: ExportCrs,
  columns: import('./columns.js').Column<T>[],
  out: NodeJS.WritableStream,
): RowWriter<T> {
  switch (opts.format) {
    case 'csv':
      return csvWriter(out, columns);
    case 'geojson':
      return geojsonWriter(out, columns, crs);
    case 'xlsx':
      return xlsxWriter(out, columns, SHEET_NAMES[opts.entity]);
  }
}

async function drain<T extends { id: number; lat: number; lon: number }>(
  pages: AsyncGenerator<T[]>,
  writer: RowWriter<T>,
): Promise<number> {
  let count = 0;
  for await (const items of pages) {
    await writer.write(items);
    count += items.length;
  }
  await writer.close();
  return count;
}

/**
 * Writes the export to `out` and ends it (stdout stays open). Resolves with the row count once
 * everything is written; rejects if the database or the output fails, with `out` left unfinished.
 */
export async function exportRegistry(
  db: DbOrTx,
  actor: Actor,
  opts: ExportOptions,
  out: NodeJS.WritableStream,
): Promise<{ count: number }> {
  const crs = opts.crs ?? 'wgs84';
  const filter = opts.filter ?? {};
  const pageSize = opts.pageSize ?? 1000;
  if (opts.entity === 'service_points') {
    const writer = writerFor(opts, crs, servicePointColumns(crs), out);
    return { count: await drain(servicePointPages(db, actor, filter, pageSize), writer) };
  }
  const writer = writerFor(opts, crs, placeColumns(crs), out);
  return { count: await drain(placePages(db, actor, filter, pageSize), writer) };
}
