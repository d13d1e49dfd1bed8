/**
 * Public types of the importers. The CLI (`sot import …`) and the web upload route build an
 * {@link ImportOptions}, call `runImport` and present the {@link ImportReport} it returns.
 */
import type { ColumnMapping } from './mapping.js';

export type ImportTarget = 'service_points' | 'places' | 'boundaries';
export type ImportFormat = 'csv' | 'geojson' | 'osm';

/**
 * Progress callback payload; `phase` is `read` (bytes of the file; OSM files are read in up to
 * three passes and each pass restarts at 0), `validate` (rows) or `write` (rows).
 */
export interface ImportProgress {
  phase: string;
  done: number;
  total: number;
}

export interface ImportOptions {
  /** `all` only for OSM: service points and places in one batch. */
  target: ImportTarget | 'all';
  filePath: string;
  /** Detected from the extension, then the content, when absent. */
  format?: ImportFormat;
  /** Shown in the report; the upload's original file name. Defaults to the file's base name. */
  sourceName?: string;
  /**
   * External-id namespace. Default: `osm` for OSM files; otherwise the mapping's `source`; else
   * `se-poi` when every id in the file is a URN (`urn:…`, as in the se-poi collection); else derived
   * from the file name (`Butiker 2024.csv` → `butiker-2024`), so unrelated files never share ids.
   */
  source?: string;
  mapping?: ColumnMapping;
  /** Boundaries only; inferred from the codes when absent. */
  boundaryLevel?: 'municipality' | 'county';
  dryRun?: boolean;
  /** Apply the valid rows and report the rest (default false: any row error fails the import). */
  skipInvalid?: boolean;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

/** One problem found in the input; `line` is 1-based (CSV line, GeoJSON feature index). */
export interface ImportIssue {
  severity: 'error' | 'warning';
  line?: number;
  element?: string;
  field?: string;
  /** English text for the CLI, API clients and report files. */
  reason: string;
  /**
   * Stable machine-readable id of the problem (`not_a_number`, `outside_territory`, …) so clients
   * can show `reason` in their own language; absent for problems without one yet.
   */
  code?: string;
  /** Values for the placeholders of `code`'s text (`{ value: 'abc' }`). */
  params?: Record<string, string | number>;
}

export interface ImportCounts {
  /** Rows, features or OSM elements read from the file. */
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Invalid rows left out because `skipInvalid` was set. */
  skipped: number;
  /** Number of error issues (not rows). */
  errors: number;
  warnings: number;
}

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  target: string;
  format: string;
  source: string;
  sourceName: string;
  /** The `import_batches` row; null for dry runs and failed imports. */
  batchId: number | null;
  counts: ImportCounts;
  /**
   * Valid rows per kind: service-point kind, `place:<placeType>` for places, `county` /
   * `municipality` for boundaries.
   */
  byKind: Record<string, number>;
  issues: ImportIssue[];
  /** Boundaries only: rows whose municipality changed because the boundaries changed. */
  rederived?: { servicePoints: number; places: number; populationCells: number };
  durationMs: number;
}
