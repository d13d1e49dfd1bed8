/**
 * Shapes of the API answers the web client reads. Registry rows use the shared zod types so the
 * client and server agree; the rest mirror the route schemas.
 */
import type { Role } from '../../src/shared/kinds.js';

export type { Place, ServicePoint } from '../../src/shared/service-point.js';

/** The logged-in user as `/api/auth/me` and login return it. */
export interface User {
  userId: number | null;
  username: string;
  displayName?: string;
  role: Role;
  countyCode: string | null;
  municipalityCode: string | null;
}

/** Answer of login and `/api/auth/me`. */
export interface Me {
  user: User;
  csrfToken: string;
}

/** Public configuration: the optional raster tile background and whether demo data is loaded. */
export interface AppConfig {
  tileUrl?: string | null;
  tileAttribution?: string | null;
  demo?: boolean;
  version?: string;
}

/** `[minLon, minLat, maxLon, maxLat]` */
export type BBox = [number, number, number, number];

export interface County {
  code: string;
  name: string;
  bbox?: BBox | null;
}

export interface Municipality {
  code: string;
  name: string;
  countyCode: string;
  bbox?: BBox | null;
}

export interface Territories {
  counties: County[];
  municipalities: Municipality[];
}

/** A page of rows from a list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ImportIssue {
  severity: 'error' | 'warning' | string;
  line?: number;
  element?: string;
  field?: string;
  reason: string;
  /** Stable code of the common problems; the page translates it (web/src/lib/import-issue-text.ts). */
  code?: string;
  params?: Record<string, string | number>;
}

export interface ImportCounts {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: number;
  warnings: number;
}

/** What an import (or a dry run) did or would do. */
export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  counts: ImportCounts;
  byKind?: Record<string, number | Partial<ImportCounts>>;
  issues: ImportIssue[];
  durationMs?: number;
  batchId?: number | null;
}

export interface ImportBatch {
  id: number;
  target: string;
  format: string;
  source: string;
  status?: string;
  username?: string | null;
  startedAt: string;
  finishedAt?: string | null;
  counts?: Partial<ImportCounts> | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId?: number | null;
  username?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  municipalityCode?: string | null;
  countyCode?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}
