/**
 * The SOT backup file format (version 2): gzip-compressed NDJSON, one JSON object per line.
 *
 * 1. Header: `{ format: 'sot-backup', formatVersion: 1, createdAt, migration, tables, columns, counts }`.
 * 2. Rows, table by table in `allTables` order: `{ "t": "<table>", "r": { <db column>: value } }`.
 *    Values are exactly what PostgreSQL's `row_to_json` produces (timestamps as ISO strings with
 *    microseconds and offset), so nothing is lost between PGlite and PostgreSQL.
 * 3. Stored files (documents under `<dataDir>/files`), in chunks: `{ "f": "<relative path>", "o": <offset>, "d": "<base64>" }`;
 *    from version 2 also the road graphs (`<dataDir>/graphs/*.sotgraph`) with `"root": "graphs"`
 *    and `f` the bare file name. Version 1 files (no graphs) still restore.
 * 4. Trailer: `{ end: 'sot-backup', counts, files, fileBytes, sha256 }` where sha256 covers every byte
 *    (uncompressed, newlines included) before the trailer line. A truncated or edited file fails the check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { migrationsFolder } from '../db/client.js';

export const BACKUP_FORMAT = 'sot-backup';
export const BACKUP_FORMAT_VERSION = 2;
/** Raw bytes per file chunk line; base64 makes each line about 1.4 MB at most. */
export const FILE_CHUNK_BYTES = 1024 * 1024;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** Tag of the newest migration applied to the source database's schema, e.g. `0000_init`. */
  migration: string;
  /** SQL table names in restore order. */
  tables: string[];
  /** SQL column names per table, as they were in the source schema. */
  columns: Record<string, string[]>;
  /** Row count per table at the start of the backup (same snapshot as the rows). */
  counts: Record<string, number>;
}

export interface BackupTrailer {
  end: typeof BACKUP_FORMAT;
  counts: Record<string, number>;
  files: number;
  fileBytes: number;
  sha256: string;
}

export interface RowLine {
  t: string;
  r: Record<string, unknown>;
}

/** Where a stored file belongs: documents (`files`, the default) or road graphs (`graphs`). */
export type FileRoot = 'files' | 'graphs';

export interface FileLine {
  f: string;
  o: number;
  d: string;
  /** Absent for documents. */
  root?: 'graphs';
}

/** Road graph files in a backup: plain names, nothing that could reach another folder. */
export function safeGraphName(p: string): boolean {
  return typeof p === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.sotgraph$/.test(p);
}

/** Migration tags known to this version of SOT, oldest first. */
export function knownMigrations(): string[] {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8'),
  ) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((e) => e.tag);
}

/** The migration a freshly migrated database of this version is at. */
export function latestMigration(): string {
  const tags = knownMigrations();
  return tags[tags.length - 1] ?? 'none';
}

/**
 * A stored file's path relative to the files directory, or null when it is unsafe (absolute,
 * escaping with `..`, or odd characters) — a crafted backup must not write outside the data dir.
 */
export function safeRelativePath(p: string): string | null {
  if (typeof p !== 'string' || p.length === 0 || p.length > 1000) return null;
  if (p.includes('\\') || p.includes('\0') || p.startsWith('/')) return null;
  const parts = p.split('/');
  if (parts.some((s) => s === '' || s === '.' || s === '..')) return null;
  return parts.join(path.sep);
}
