/**
 * Opens the database: embedded PGlite in the data directory by default, or a PostgreSQL server
 * when DATABASE_URL is set. Both are driven through the same Drizzle API and the same migrations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

/** The Drizzle database type shared by both drivers; domain code only ever sees this. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run queries: the database or an open transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Human-readable location for logs (never includes a password). */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory for the embedded database; `memory://` for a throwaway in-memory one (tests). */
  dataDir?: string;
}

/** Folder of the generated SQL migrations, found relative to this file in src/ and in dist/. */
export function migrationsFolder(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'drizzle');
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('drizzle/ migrations folder not found');
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection killed by the server (restart, failover, admin) must not crash the
    // process: the pool drops it and opens a new one on the next query.
    pool.on('error', (err) => {
      process.stderr.write(`database: idle connection lost (${err.message}); it will be replaced\n`);
    });
    // Fail fast with a clear message instead of on the first request.
    const client = await pool.connect();
    client.release();
    const url = new URL(opts.databaseUrl);
    return {
      db: drizzlePg(pool, { schema }) as unknown as Db,
      kind: 'postgres',
      location: `postgres://${url.host}${url.pathname}`,
      close: () => pool.end(),
    };
  }
  const dataDir = opts.dataDir ?? 'memory://';
  let dbDir = dataDir;
  if (!dataDir.startsWith('memory://')) {
    dbDir = path.join(dataDir, 'pgdata');
    fs.mkdirSync(dbDir, { recursive: true });
  }
  const client = await PGlite.create(dbDir);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: 'pglite',
    location: dbDir,
    close: () => client.close(),
  };
}

/** Applies pending migrations; safe to call on every start. */
export async function migrateDatabase(database: Database): Promise<void> {
  const migrationsConfig = { migrationsFolder: migrationsFolder() };
  if (database.kind === 'postgres') {
    await migratePg(database.db as never, migrationsConfig);
  } else {
    await migratePglite(database.db as never, migrationsConfig);
  }
}
