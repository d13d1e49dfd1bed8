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
import { type Database, type DbOrTx, migrateDatabase } from '../db/client.js';
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
  onProgress?: (p: RestoreProgress) => void;
  /** Upper bound of the JSON sent per insert statement. */
  batchBytes?: number;
}

export interface RestoreSummary {
  createdAt: string;
  migration: string;
  counts: Record<string, number>;
  files: number;
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
}

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
      tableIndex = idx;
      counts[row.t]++;
    } else if ('f' in obj) {
      const chunk = obj as unknown as FileLine;
      if (!safeRelativePath(chunk.f)) throw invalid(line.no, `unsafe file path ${JSON.stringify(chunk.f)}`);
      if (typeof chunk.d !== 'string' || typeof chunk.o !== 'number')
        throw invalid(line.no, 'file chunk lacks data or offset');
      if (chunk.f !== currentFile) {
        if (chunk.o !== 0 || files.includes(chunk.f))
          throw invalid(line.no, `file ${chunk.f} chunks out of order`);
        files.push(chunk.f);
        currentFile = chunk.f;
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
  if (trailer.files !== files.length)
    throw invalid(trailerLine, `end marker says ${trailer.files} files, file has ${files.length}`);
  return { header, trailer, files };
}

/** True when no table of the schema holds a row. */
export async function isDatabaseEmpty(db: DbOrTx): Promise<boolean> {
  for (const t of backupTables()) {
    const [row] = await queryRows(db, sql`select exists(select 1 from ${sql.identifier(t.name)}) as e`);
    if (row.e === true || row.e === 't') return false;
  }
  return true;
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

  const batchBytes = opts.batchBytes ?? 4 * 1024 * 1024;
  const tables = backupTables();
  const written: string[] = [];
  let fileBytes = 0;
  try {
    await db.transaction(async (tx) => {
      let batch: string[] = [];
      let batchTable = '';
      let size = 0;
      const done: Record<string, number> = {};
      const flush = async () => {
        if (batch.length === 0) return;
        await insertBatch(tx, batchTable, header.columns[batchTable], batch);
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
            batch.push(json);
            size += json.length;
          } else if ('f' in obj) {
            await flush();
            const chunk = obj as unknown as FileLine;
            const target = path.join(opts.filesDir!, safeRelativePath(chunk.f)!);
            if (chunk.o === 0) {
              await out?.close();
              await fs.promises.mkdir(path.dirname(target), { recursive: true });
              out = await fs.promises.open(target, 'wx', 0o600);
              written.push(target);
              fileNo++;
              opts.onProgress?.({ phase: 'files', done: fileNo, total: verified.files.length });
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
    throw err;
  }
  return {
    createdAt: header.createdAt,
    migration: header.migration,
    counts: trailer.counts,
    files: verified.files.length,
    fileBytes,
  };
}
