/**
 * Opens the configured database for the server or a CLI command: takes the data-directory lock
 * (embedded mode), opens PGlite or PostgreSQL, applies pending migrations.
 */
import fs from 'node:fs';
import type { Config } from '../config.js';
import { type Database, migrateDatabase, openDatabase } from '../db/client.js';
import { AppError, ErrorIds } from '../errors.js';
import { lockDataDir } from './lock.js';

export interface PrepareOptions {
  /** Who holds the data directory, shown to a second process that is refused (e.g. `the server`). */
  purpose?: string;
  /** Default true. */
  migrate?: boolean;
}

function connectError(config: Config, err: unknown): AppError {
  let where = 'the PostgreSQL server';
  try {
    const url = new URL(config.databaseUrl!);
    where = `PostgreSQL at ${url.host}${url.pathname}`;
  } catch {
    // keep the generic wording; never echo a URL that may hold a password
  }
  return new AppError(ErrorIds.config, 500, `Cannot connect to ${where}: ${(err as Error).message}`, [
    {
      field: 'DATABASE_URL',
      reason: 'check host, port, database name, user and password, and that the server runs',
    },
  ]);
}

/** The opened, migrated database; `close()` also releases the data-directory lock. */
export async function prepareDatabase(config: Config, opts: PrepareOptions = {}): Promise<Database> {
  if (config.databaseUrl) {
    let database: Database;
    try {
      database = await openDatabase({ databaseUrl: config.databaseUrl });
    } catch (err) {
      throw connectError(config, err);
    }
    try {
      if (opts.migrate !== false) await migrateDatabase(database);
    } catch (err) {
      await database.close();
      throw err;
    }
    return database;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const lock = lockDataDir(config.dataDir, opts.purpose ?? 'a SOT process');
  try {
    const database = await openDatabase({ dataDir: config.dataDir });
    try {
      if (opts.migrate !== false) await migrateDatabase(database);
    } catch (err) {
      await database.close();
      throw err;
    }
    return {
      ...database,
      close: async () => {
        try {
          await database.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}
