/**
 * Restores a backup written by `backupDatabase` into an empty database (PGlite or PostgreSQL,
 * whichever the backup came from). The whole file is verified first — header, every line, the
 * trailer's counts and checksum — so a truncated or corrupted file is rejected before anything is
 * written; then all rows go in inside one transaction and the serial sequences are moved past
 * the restored ids.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { type Database, type DbOrTx, migrateDatabase, type Tx } from '../db/client.js';
import { AppError, ErrorIds } from '../errors.js';
import { queryRows } from './backup.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  type BackupTrailer,
  type FileLine,
  knownMigrations,
  type RowLine,
  safeGraphName,
  safeRelativePath,
} from './format.js';
import { backupTables } from './tables.js';

export interface RestoreProgress {
  /** `verify`: reading the file (done/total in compressed bytes); `rows`: inserting; `files`: writing files. */
  phase: 'verify' | 'rows' | 'files';
  table?: string;
  done: number;
  total: number;
}

export interface RestoreOptions {
  /** Directory for stored documents (`<dataDir>/files`); required when the backup contains files. */
  filesDir?: string | null;
  /** Directory for road graphs (`<dataDir>/graphs`); required when the backup contains graphs. */
  graphsDir?: string | null;
  onProgress?: (p: RestoreProgress) => void;
  /** Upper bound of the JSON sent per insert statement. */
  batchBytes?: number;
}

export interface RestoreSummary {
  createdAt: string;
  migration: string;
  counts: Record<string, number>;
  /** Stored documents restored. */
  files: number;
  /** Road graph files restored. */
  graphs: number;
  /** Bytes of documents and graphs together. */
  fileBytes: number;
}

const invalid = (line: number, reason: string) =>
  new AppError(ErrorIds.backupInvalid, 400, `Backup file is invalid: line ${line}: ${reason}`, [
    { line, reason },
  ]);

type Line = { no: number; text: string };

/** Lines of the decompressed file; gzip errors (truncation, corruption) become backup_invalid. */
async function* readLines(
  file: string,
  onBytes?: (done: number, total: number) => void,
): AsyncGenerator<Line> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw new AppError(ErrorIds.fileNotFound, 404, `Backup file not found: ${file}`, [
      { field: 'file', reason: 'no such file' },
    ]);
  }
  const input = fs.createReadStream(file);
  if (onBytes) input.on('data', () => onBytes(input.bytesRead, stat.size));
  const gunzip = createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  const rl = readline.createInterface({ input: input.pipe(gunzip), crlfDelay: Number.POSITIVE_INFINITY });
  let no = 0;
  try {
    for await (const text of rl) {
      no++;
      yield { no, text };
    }
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR'
        ? 'the file ends early (truncated)'
        : `not a readable gzip file (${(err as Error).message})`;
    throw invalid(no + 1, reason);
  } finally {
    rl.close();
    input.destroy();
  }
}

function parseJson(line: Line): Record<string, unknown> {
  try {
    const v = JSON.parse(line.text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw invalid(line.no, 'not a JSON object');
}

export interface VerifiedBackup {
  header: BackupHeader;
  trailer: BackupTrailer;
  /** Relative paths of the stored files in the backup. */
  files: string[];
  /** File names of the road graphs in the backup. */
  graphs: string[];
}

/** `graphs/x.sotgraph` or the document path: one key per stored file of either root. */
const fileKey = (chunk: FileLine) => (chunk.root === 'graphs' ? `graphs:${chunk.f}` : `files:${chunk.f}`);

function checkHeader(h: Record<string, unknown>): BackupHeader {
  if (h.format !== BACKUP_FORMAT) throw invalid(1, 'not a SOT backup (missing sot-backup header)');
  if (typeof h.formatVersion !== 'number' || h.formatVersion > BACKUP_FORMAT_VERSION)
    throw invalid(
      1,
      `backup format version ${String(h.formatVersion)} is newer than this SOT supports; upgrade SOT`,
    );
  const header = h as unknown as BackupHeader;
  if (
    !Array.isArray(header.tables) ||
    typeof header.columns !== 'object' ||
    typeof header.counts !== 'object'
  )
    throw invalid(1, 'header lacks tables, columns or counts');
  if (!knownMigrations().includes(header.migration))
    throw invalid(
      1,
      `backup was made by a newer SOT (database migration ${String(header.migration)}); upgrade SOT first`,
    );
  const known = new Map(backupTables().map((t) => [t.name, t]));
  for (const name of header.tables) {
    const table = known.get(name);
    if (!table) throw invalid(1, `table ${name} is unknown to this version of SOT`);
    const cols = header.columns[name];
    if (!Array.isArray(cols)) throw invalid(1, `no column list for table ${name}`);
    const unknown = cols.filter((c) => !table.columns.includes(c));
    if (unknown.length > 0) throw invalid(1, `table ${name} has unknown columns: ${unknown.join(', ')}`);
  }
  return header;
}

/**
 * Reads the whole backup and checks its structure, counts and checksum without writing
 * anything. Throws backup_invalid naming the first bad line.
 */
export async function verifyBackup(
  file: string,
  onProgress?: (p: RestoreProgress) => void,
): Promise<VerifiedBackup> {
  const hash = createHash('sha256');
  let header: BackupHeader | null = null;
  let trailer: BackupTrailer | null = null;
  let trailerLine = 0;
  const counts: Record<string, number> = {};
  const files: string[] = [];
  const graphs: string[] = [];
  const seenFiles = new Set<string>();
  let currentFile: string | null = null;
  let nextOffset = 0;
  let tableIndex = 0;
  let lastLine = 0;
  const onBytes = onProgress
    ? (done: number, total: number) => onProgress({ phase: 'verify', done, total })
    : undefined;

  for await (const line of readLines(file, onBytes)) {
    lastLine = line.no;
    if (trailer) throw invalid(line.no, `unexpected data after the end marker on line ${trailerLine}`);
    const obj = parseJson(line);
    if (!header) {
      header = checkHeader(obj);
      for (const t of header.tables) counts[t] = 0;
      hash.update(`${line.text}\n`);
      continue;
    }
    if ('t' in obj) {
      const row = obj as unknown as RowLine;
      const idx = header.tables.indexOf(row.t);
      if (idx < 0) throw invalid(line.no, `row for table ${String(row.t)} not listed in the header`);
      if (idx < tableIndex) throw invalid(line.no, `row for table ${row.t} out of order`);
      if (!row.r || typeof row.r !== 'object' || Array.isArray(row.r))
        throw invalid(line.no, 'row is not an object');
      // The insert reads only the header's columns; any other key would be dropped silently.
      const columns = header.columns[row.t];
      for (const key of Object.keys(row.r))
        if (!columns.includes(key))
          throw invalid(
            line.no,
            `table ${row.t}: column ${key} is not one this version of SOT restores (the header lists ${columns.length} columns for ${row.t}); a backup from a newer SOT needs that SOT`,
          );
      tableIndex = idx;
      counts[row.t]++;
    } else if ('f' in obj) {
      const chunk = obj as unknown as FileLine;
      if (chunk.root !== undefined && chunk.root !== 'graphs')
        throw invalid(line.no, `unknown file root ${JSON.stringify(chunk.root)}`);
      if (chunk.root === 'graphs' ? !safeGraphName(chunk.f) : !safeRelativePath(chunk.f))
        throw invalid(line.no, `unsafe file path ${JSON.stringify(chunk.f)}`);
      if (typeof chunk.d !== 'string' || typeof chunk.o !== 'number')
        throw invalid(line.no, 'file chunk lacks data or offset');
      const key = fileKey(chunk);
      if (key !== currentFile) {
        if (chunk.o !== 0 || seenFiles.has(key))
          throw invalid(line.no, `file ${chunk.f} chunks out of order`);
        seenFiles.add(key);
        if (chunk.root === 'graphs') graphs.push(chunk.f);
        else files.push(chunk.f);
        currentFile = key;
        nextOffset = 0;
      }
      if (chunk.o !== nextOffset) throw invalid(line.no, `file ${chunk.f} chunk at wrong offset`);
      nextOffset += Buffer.byteLength(chunk.d, 'base64');
    } else if (obj.end === BACKUP_FORMAT) {
      trailer = obj as unknown as BackupTrailer;
      trailerLine = line.no;
      continue;
    } else {
      throw invalid(line.no, 'unrecognised line');
    }
    hash.update(`${line.text}\n`);
  }

  if (!header) throw invalid(1, 'the file is empty');
  if (!trailer)
    throw invalid(lastLine + 1, 'the file ends before its end marker: it is truncated or incomplete');
  if (trailer.sha256 !== hash.digest('hex'))
    throw invalid(trailerLine, 'checksum mismatch: the file has been changed or damaged');
  for (const t of header.tables) {
    if ((trailer.counts?.[t] ?? 0) !== counts[t])
      throw invalid(
        trailerLine,
        `table ${t}: end marker says ${trailer.counts?.[t]} rows, file has ${counts[t]}`,
      );
  }
  if (trailer.files !== files.length + graphs.length)
    throw invalid(
      trailerLine,
      `end marker says ${trailer.files} files, file has ${files.length + graphs.length}`,
    );
  return { header, trailer, files, graphs };
}

/** True when no table of the schema holds a row. */
export async function isDatabaseEmpty(db: DbOrTx): Promise<boolean> {
  for (const t of backupTables()) {
    const [row] = await queryRows(db, sql`select exists(select 1 from ${sql.identifier(t.name)}) as e`);
    if (row.e === true || row.e === 't') return false;
  }
  return true;
}

/** One backup row waiting to be inserted: its JSON and where it was in the file. */
interface PendingRow {
  json: string;
  line: number;
  key: string;
}

/**
 * The database's own words for a failed statement: the driver error's message, detail and
 * constraint. Never the query parameters, which hold whole rows (password hashes included).
 */
export function databaseReason(err: unknown): string {
  let e: unknown = err;
  // Drizzle wraps the driver error ("Failed query: … params: …") in `cause`.
  for (
    let i = 0;
    i < 5 && e && typeof e === 'object' && 'cause' in e && (e as { cause?: unknown }).cause;
    i++
  )
    e = (e as { cause: unknown }).cause;
  const d = (e ?? {}) as { message?: unknown; detail?: unknown; constraint?: unknown; column?: unknown };
  let message = typeof d.message === 'string' ? d.message : 'database error';
  if (message.startsWith('Failed query')) message = 'the database refused the rows';
  const extra = [
    typeof d.detail === 'string' ? d.detail : null,
    typeof d.column === 'string' ? `column ${d.column}` : null,
    typeof d.constraint === 'string' && !message.includes(d.constraint) ? `constraint ${d.constraint}` : null,
  ].filter(Boolean);
  return extra.length > 0 ? `${message} (${extra.join('; ')})` : message;
}

let primaryKeys: Map<string, string[]> | null = null;

/** `row id 17`: how a person finds the row again (its primary key). */
function rowKey(table: string, row: Record<string, unknown>): string {
  primaryKeys ??= new Map(backupTables().map((t) => [t.name, t.primaryKey]));
  const pk = primaryKeys.get(table) ?? [];
  const parts = pk.filter((k) => k in row).map((k) => `${k} ${JSON.stringify(row[k])}`);
  return parts.length > 0 ? `row ${parts.join(', ')}` : 'row';
}

function rowError(table: string, row: PendingRow | null, err: unknown): AppError {
  const reason = databaseReason(err);
  if (!row)
    return new AppError(
      ErrorIds.backupInvalid,
      400,
      `Backup could not be restored: table ${table}: ${reason}; nothing was restored`,
      [{ element: table, reason }],
    );
  const element = `${table} ${row.key}`;
  return new AppError(
    ErrorIds.backupInvalid,
    400,
    `Backup could not be restored: line ${row.line} (${element}): ${reason}; nothing was restored`,
    [{ line: row.line, element, reason }],
  );
}

/**
 * Inserts a batch inside a savepoint. When the database refuses it, the rows are retried one by
 * one (each in its own savepoint) to name the first row at fault; then the restore stops.
 */
async function insertChecked(tx: Tx, table: string, columns: string[], rows: PendingRow[]): Promise<void> {
  try {
    await tx.transaction((sp) =>
      insertBatch(
        sp,
        table,
        columns,
        rows.map((r) => r.json),
      ),
    );
    return;
  } catch (batchErr) {
    for (const row of rows) {
      try {
        await tx.transaction((sp) => insertBatch(sp, table, columns, [row.json]));
      } catch (err) {
        throw rowError(table, row, err);
      }
    }
    // Each row went in alone but not together (a constraint checked at the end of the batch).
    throw rowError(table, null, batchErr);
  }
}

async function insertBatch(tx: DbOrTx, table: string, columns: string[], rows: string[]): Promise<void> {
  const cols = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  const json = `[${rows.join(',')}]`;
  const t = sql.identifier(table);
  await tx.execute(
    sql`insert into ${t} (${cols}) select ${cols} from json_populate_recordset(null::${t}, ${json}::json)`,
  );
}

/**
 * Restores `file` into `database`, which must be empty (after migration). Never merges: a
 * non-empty target fails with restore_target_not_empty and is left as it was.
 */
export async function restoreDatabase(
  database: Database,
  file: string,
  opts: RestoreOptions = {},
): Promise<RestoreSummary> {
  const verified = await verifyBackup(file, opts.onProgress);
  const { header, trailer } = verified;
  if (verified.files.length > 0 && !opts.filesDir)
    throw new AppError(
      ErrorIds.validation,
      400,
      'The backup contains stored files but no files directory was given',
    );
  if (verified.graphs.length > 0 && !opts.graphsDir)
    throw new AppError(
      ErrorIds.validation,
      400,
      'The backup contains road graphs but no graphs directory was given',
    );

  await migrateDatabase(database);
  const db = database.db;
  if (!(await isDatabaseEmpty(db)))
    throw new AppError(
      ErrorIds.restoreNotEmpty,
      409,
      'The target database is not empty. Restore into a fresh data directory (SOT_DATA_DIR) or an empty PostgreSQL database.',
    );
  const existing = verified.files.filter((f) =>
    fs.existsSync(path.join(opts.filesDir!, safeRelativePath(f)!)),
  );
  if (existing.length > 0)
    throw new AppError(
      ErrorIds.restoreNotEmpty,
      409,
      `The files directory ${opts.filesDir} already holds files from this backup (${existing[0]}…); use a fresh data directory.`,
    );
  const existingGraph = verified.graphs.find((g) => fs.existsSync(path.join(opts.graphsDir!, g)));
  if (existingGraph)
    throw new AppError(
      ErrorIds.restoreNotEmpty,
      409,
      `The graphs directory ${opts.graphsDir} already holds ${existingGraph} from this backup; use a fresh data directory.`,
    );
  const totalFiles = verified.files.length + verified.graphs.length;

  const batchBytes = opts.batchBytes ?? 4 * 1024 * 1024;
  const tables = backupTables();
  const written: string[] = [];
  let fileBytes = 0;
  try {
    await db.transaction(async (tx) => {
      let batch: PendingRow[] = [];
      let batchTable = '';
      let size = 0;
      const done: Record<string, number> = {};
      const flush = async () => {
        if (batch.length === 0) return;
        await insertChecked(tx, batchTable, header.columns[batchTable], batch);
        done[batchTable] = (done[batchTable] ?? 0) + batch.length;
        opts.onProgress?.({
          phase: 'rows',
          table: batchTable,
          done: done[batchTable],
          total: trailer.counts[batchTable] ?? 0,
        });
        batch = [];
        size = 0;
      };
      let out: fs.promises.FileHandle | null = null;
      let fileNo = 0;
      try {
        for await (const line of readLines(file)) {
          if (line.no === 1) continue;
          const obj = JSON.parse(line.text) as Record<string, unknown>;
          if ('t' in obj) {
            const row = obj as unknown as RowLine;
            if (row.t !== batchTable || size > batchBytes) {
              await flush();
              batchTable = row.t;
            }
            const json = JSON.stringify(row.r);
            batch.push({ json, line: line.no, key: rowKey(row.t, row.r) });
            size += json.length;
          } else if ('f' in obj) {
            await flush();
            const chunk = obj as unknown as FileLine;
            const target =
              chunk.root === 'graphs'
                ? path.join(opts.graphsDir!, chunk.f)
                : path.join(opts.filesDir!, safeRelativePath(chunk.f)!);
            if (chunk.o === 0) {
              await out?.close();
              await fs.promises.mkdir(path.dirname(target), { recursive: true });
              out = await fs.promises.open(target, 'wx', 0o600);
              written.push(target);
              fileNo++;
              opts.onProgress?.({ phase: 'files', done: fileNo, total: totalFiles });
            }
            const data = Buffer.from(chunk.d, 'base64');
            await out!.write(data);
            fileBytes += data.length;
          }
        }
        await flush();
      } finally {
        await out?.close();
      }
      for (const t of tables) {
        for (const col of t.serialColumns) {
          const c = sql.identifier(col);
          await tx.execute(
            sql`select setval(pg_get_serial_sequence(${t.name}, ${col}), coalesce((select max(${c}) from ${sql.identifier(t.name)}), 0) + 1, false)`,
          );
        }
      }
    });
  } catch (err) {
    for (const f of written) await fs.promises.rm(f, { force: true });
    if (err instanceof AppError) throw err;
    // Anything else from the driver carries the failed query and its parameters: keep them out.
    const reason = databaseReason(err);
    throw new AppError(
      ErrorIds.backupInvalid,
      400,
      `Backup could not be restored: ${reason}; nothing was restored`,
      [{ reason }],
    );
  }
  return {
    createdAt: header.createdAt,
    migration: header.migration,
    counts: trailer.counts,
    files: verified.files.length,
    graphs: verified.graphs.length,
    fileBytes,
  };
}
