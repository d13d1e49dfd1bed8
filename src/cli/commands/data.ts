/** `sot db migrate`, `sot backup <file>`, `sot restore <file>`: the data set as a whole. */
import fs from 'node:fs';
import path from 'node:path';
import { latestMigration } from '../../backup/format.js';
import { backupDatabase, restoreDatabase, verifyBackup } from '../../backup/index.js';
import type { Database } from '../../db/client.js';
import { demoInfo } from '../../setup/seed.js';
import type { Command, CommandContext } from '../command.js';
import { graphsDir } from '../graph.js';
import { formatBytes, formatTable, resolvePath, UsageError } from '../io.js';
import { createProgress } from '../progress.js';

const filesDir = (ctx: CommandContext) => path.join(ctx.config().dataDir, 'files');
const graphsDirOf = (ctx: CommandContext) => graphsDir(ctx.config().dataDir);

function countsTable(counts: Record<string, number>): string[] {
  return formatTable(
    ['table', 'rows'],
    Object.entries(counts).map(([t, n]) => [t, n]),
  ).map((l) => `  ${l}`);
}

export const dbMigrate: Command = {
  name: 'db migrate',
  summary: 'Apply pending database migrations (also done at every server start)',
  usage: '',
  args: { min: 0, max: 0 },
  options: {},
  async run(ctx) {
    const database = await ctx.database();
    ctx.out(`Database ${database.location} (${database.kind}) is at migration ${latestMigration()}.`);
    return 0;
  },
};

export const backup: Command = {
  name: 'backup',
  summary: 'Write the whole data set (all tables, stored files and road graphs) to one file',
  usage: '<file> [--force]',
  args: { min: 1, max: 1 },
  options: { force: { type: 'boolean', description: 'overwrite an existing file' } },
  help: [
    'The file is gzip-compressed NDJSON with a checksum; it holds password hashes and non-public data,',
    'so it is created readable by its owner only. On PostgreSQL the backup is a consistent snapshot',
    'taken while the server keeps running. Restore with `sot restore <file>` into an empty database.',
    'Stored documents (<data dir>/files) and road graphs (<data dir>/graphs/*.sotgraph) are included.',
  ],
  async run(ctx) {
    const file = resolvePath(ctx.io, ctx.positionals[0]);
    if (fs.existsSync(file) && ctx.values.force !== true)
      throw new UsageError(`${file} exists; choose another name or add --force to overwrite it`);
    const database = await ctx.database();
    const progress = createProgress(ctx.io.stderr, { label: 'backup' });
    const started = Date.now();
    try {
      const summary = await backupDatabase(database.db, file, {
        filesDir: filesDir(ctx),
        graphsDir: graphsDirOf(ctx),
        onProgress: (p) => progress.update({ phase: p.table, done: p.done, total: p.total }),
      });
      progress.finish();
      ctx.err(
        `Backup written to ${summary.file} (${formatBytes(summary.bytes)}, ${((Date.now() - started) / 1000).toFixed(1)} s):`,
      );
      for (const line of countsTable(summary.counts)) ctx.err(line);
      ctx.err(
        `  stored files: ${summary.files - summary.graphs}, road graphs: ${summary.graphs} (${formatBytes(summary.fileBytes)})`,
      );
      return 0;
    } finally {
      progress.finish();
    }
  },
};

/** Closes the database now and makes the CLI's own close at exit a no-op. */
async function closeOnce(database: Database): Promise<void> {
  const close = database.close.bind(database);
  database.close = async () => {};
  await close();
}

export const restore: Command = {
  name: 'restore',
  summary: 'Restore a backup into an empty database (embedded or PostgreSQL)',
  usage: '<file>',
  args: { min: 1, max: 1 },
  options: {},
  help: [
    'The whole file is checked (structure, counts, checksum) before anything is written, and the rows',
    'go in inside one transaction. The target must be empty: use a fresh SOT_DATA_DIR (or --data-dir),',
    'or an empty PostgreSQL database via DATABASE_URL. Demo passwords are not part of a backup; set new',
    'ones with `sot user passwd`.',
  ],
  async run(ctx) {
    const file = resolvePath(ctx.io, ctx.positionals[0]);
    // Check the file before opening (and perhaps creating) the target database.
    await verifyBackup(file);
    const cfg = ctx.config();
    // What this command creates it removes again when the restore fails (an embedded database
    // left behind, empty, would make the next attempt look like a restore into a used data set).
    const created = cfg.databaseUrl
      ? null
      : {
          dataDir: !fs.existsSync(cfg.dataDir),
          pgdata: !fs.existsSync(path.join(cfg.dataDir, 'pgdata')),
          files: !fs.existsSync(filesDir(ctx)),
          graphs: !fs.existsSync(graphsDirOf(ctx)),
        };
    const database = await ctx.database();
    const progress = createProgress(ctx.io.stderr, { label: 'restore' });
    const started = Date.now();
    try {
      const summary = await restoreDatabase(database, file, {
        filesDir: filesDir(ctx),
        graphsDir: graphsDirOf(ctx),
        onProgress: (p) => progress.update({ phase: p.table ?? p.phase, done: p.done, total: p.total }),
      });
      progress.finish();
      ctx.err(
        `Restored the backup of ${summary.createdAt} into ${database.location} in ${((Date.now() - started) / 1000).toFixed(1)} s:`,
      );
      for (const line of countsTable(summary.counts)) ctx.err(line);
      ctx.err(
        `  stored files: ${summary.files}, road graphs: ${summary.graphs} (${formatBytes(summary.fileBytes)})`,
      );
      const demo = await demoInfo(database.db);
      if (demo)
        ctx.err(
          `This is a demo data set; set passwords for its users with: sot user passwd ${demo.logins[0]}`,
        );
      return 0;
    } catch (err) {
      progress.finish();
      if (created?.pgdata) {
        await closeOnce(database);
        const removed = created.dataDir ? cfg.dataDir : path.join(cfg.dataDir, 'pgdata');
        fs.rmSync(removed, { recursive: true, force: true });
        if (!created.dataDir && created.files) fs.rmSync(filesDir(ctx), { recursive: true, force: true });
        if (!created.dataDir && created.graphs) fs.rmSync(graphsDirOf(ctx), { recursive: true, force: true });
        ctx.err(`note: removed the database created for this restore (${removed})`);
      }
      throw err;
    } finally {
      progress.finish();
    }
  },
};
