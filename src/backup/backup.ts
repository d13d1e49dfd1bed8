/**
 * Writes a backup of the whole data set (every table, stored files and road graphs) to one gzip file. Reads
 * run in one repeatable-read transaction, so the file is a consistent snapshot even while the
 * server keeps writing (PostgreSQL), and rows are paged by primary key so memory stays flat.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  type BackupTrailer,
  FILE_CHUNK_BYTES,
  type FileLine,
  latestMigration,
  safeGraphName,
} from './format.js';
import { backupTables, type TableInfo } from './tables.js';

export interface BackupProgress {
  /** Table being written, or `files` while stored files are copied. */
  table: string;
  done: number;
  total: number;
}

export interface BackupOptions {
  /** Directory of stored documents (`<dataDir>/files`); included when it exists. */
  filesDir?: string | null;
  /** Directory of road graphs (`<dataDir>/graphs`); its `*.sotgraph` files are included. */
  graphsDir?: string | null;
  onProgress?: (p: BackupProgress) => void;
  /** Rows per query; small values exercise paging in tests. */
  pageSize?: number;
}

export interface BackupSummary {
  file: string;
  counts: Record<string, number>;
  /** Stored documents and road graphs together. */
  files: number;
  /** Road graph files among `files`. */
  graphs: number;
  fileBytes: number;
  /** Size of the compressed backup file. */
  bytes: number;
}

type Row = Record<string, unknown>;

/** Rows of a raw query, for both drivers (PGlite and node-postgres both return `{ rows }`). */
export async function queryRows(db: DbOrTx, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

const ident = (name: string) => sql.identifier(name);

/** One page of a table as JSON text, ordered by primary key and starting after `after`. */
async function readPage(
  tx: DbOrTx,
  table: TableInfo,
  after: unknown[] | null,
  offset: number,
  limit: number,
): Promise<{ json: string[]; last: unknown[] | null }> {
  const t = ident(table.name);
  if (table.primaryKey.length === 0) {
    // No primary key: physical order is stable inside our snapshot.
    const rows = await queryRows(
      tx,
      sql`select row_to_json(t)::text as j from ${t} t order by t.ctid limit ${limit} offset ${offset}`,
    );
    return { json: rows.map((r) => String(r.j)), last: null };
  }
  const keys = sql.join(
    table.primaryKey.map((k) => sql`t.${ident(k)}`),
    sql`, `,
  );
  const keyAliases = sql.join(
    table.primaryKey.map((k, i) => sql`t.${ident(k)} as ${ident(`k${i}`)}`),
    sql`, `,
  );
  const where = after
    ? sql`where (${keys}) > (${sql.join(
        after.map((v) => sql`${v}`),
        sql`, `,
      )})`
    : sql``;
  const rows = await queryRows(
    tx,
    sql`select row_to_json(t)::text as j, ${keyAliases} from ${t} t ${where} order by ${keys} limit ${limit}`,
  );
  const lastRow = rows[rows.length - 1];
  const last = lastRow
    ? table.primaryKey.map((_, i) => {
        const v = lastRow[`k${i}`];
        return typeof v === 'bigint' ? v.toString() : v;
      })
    : null;
  return { json: rows.map((r) => String(r.j)), last };
}

/** Stored files under `dir`, as sorted `/`-separated relative paths. */
export function listStoredFiles(dir: string | null | undefined): string[] {
  if (!dir || !fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(childRel);
      else if (entry.isFile()) out.push(childRel);
    }
  };
  walk('');
  return out.sort();
}

/** Road graph files directly under `dir` (sorted names); temporary and other files are left out. */
export function listGraphFiles(dir: string | null | undefined): string[] {
  if (!dir || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && safeGraphName(e.name))
    .map((e) => e.name)
    .sort();
}

/**
 * Writes the backup to `file` (via a temporary file renamed at the end, so a failed backup
 * never leaves a file that looks complete). The file is created readable by the owner only:
 * it holds password hashes and non-public SOT data.
 */
export async function backupDatabase(db: Db, file: string, opts: BackupOptions = {}): Promise<BackupSummary> {
  const tables = backupTables();
  const pageSize = opts.pageSize ?? 1000;
  const target = path.resolve(file);
  const tmp = `${target}.partial-${process.pid}`;
  const storedFiles: { rel: string; abs: string; root?: 'graphs' }[] = [
    ...listStoredFiles(opts.filesDir).map((rel) => ({ rel, abs: path.join(opts.filesDir!, rel) })),
    ...listGraphFiles(opts.graphsDir).map((rel) => ({
      rel,
      abs: path.join(opts.graphsDir!, rel),
      root: 'graphs' as const,
    })),
  ];
  let fileBytes = 0;
  let counts: Record<string, number> = {};

  try {
    await db.transaction(
      async (tx) => {
        const initial: Record<string, number> = {};
        for (const table of tables) {
          const [row] = await queryRows(tx, sql`select count(*)::int as n from ${ident(table.name)}`);
          initial[table.name] = Number(row.n);
        }
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          createdAt: new Date().toISOString(),
          migration: latestMigration(),
          tables: tables.map((t) => t.name),
          columns: Object.fromEntries(tables.map((t) => [t.name, t.columns])),
          counts: initial,
        };
        const hash = createHash('sha256');
        const written: Record<string, number> = {};

        async function* lines(): AsyncGenerator<string> {
          const emit = (s: string) => {
            hash.update(s);
            return s;
          };
          yield emit(`${JSON.stringify(header)}\n`);
          for (const table of tables) {
            const prefix = `{"t":${JSON.stringify(table.name)},"r":`;
            let after: unknown[] | null = null;
            let done = 0;
            for (;;) {
              const page = await readPage(tx, table, after, done, pageSize);
              if (page.json.length === 0) break;
              yield emit(page.json.map((j) => `${prefix}${j}}\n`).join(''));
              done += page.json.length;
              after = page.last;
              opts.onProgress?.({ table: table.name, done, total: initial[table.name] });
              if (page.json.length < pageSize) break;
            }
            written[table.name] = done;
          }
          let fileNo = 0;
          for (const { rel, abs, root } of storedFiles) {
            const handle = await fs.promises.open(abs, 'r');
            try {
              const buf = Buffer.alloc(FILE_CHUNK_BYTES);
              let offset = 0;
              for (;;) {
                const { bytesRead } = await handle.read(buf, 0, FILE_CHUNK_BYTES, offset);
                // An empty file still gets one (empty) chunk so restore recreates it.
                if (bytesRead === 0 && offset > 0) break;
                const line: FileLine = {
                  f: rel,
                  o: offset,
                  d: buf.subarray(0, bytesRead).toString('base64'),
                  ...(root ? { root } : {}),
                };
                yield emit(`${JSON.stringify(line)}\n`);
                offset += bytesRead;
                if (bytesRead < FILE_CHUNK_BYTES) break;
              }
              fileBytes += offset;
            } finally {
              await handle.close();
            }
            fileNo++;
            opts.onProgress?.({ table: 'files', done: fileNo, total: storedFiles.length });
          }
          const trailer: BackupTrailer = {
            end: BACKUP_FORMAT,
            counts: written,
            files: storedFiles.length,
            fileBytes,
            sha256: hash.digest('hex'),
          };
          yield `${JSON.stringify(trailer)}\n`;
          counts = written;
        }

        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(tmp, { mode: 0o600 }));
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await fs.promises.rename(tmp, target);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
  const bytes = (await fs.promises.stat(target)).size;
  const graphs = storedFiles.filter((f) => f.root === 'graphs').length;
  return { file: target, counts, files: storedFiles.length, graphs, fileBytes, bytes };
}
