/**
 * A real, empty, migrated database for each test file: in-memory PGlite by default, or a fresh
 * database on the PostgreSQL server named by DATABASE_URL (created here, dropped in `close`) when
 * the `postgres` Vitest project runs (SOT_TEST_DB=postgres, see vitest.config.ts).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, migrateDatabase, openDatabase } from '../db/client.js';

export async function createTestDatabase(): Promise<Database> {
  const url = process.env.SOT_TEST_DB === 'postgres' ? process.env.DATABASE_URL : undefined;
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    return database;
  }
  const name = `sot_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: testUrl.toString() });
  await migrateDatabase(database);
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      // pool.end() resolves before its sockets are gone; dropping "with (force)" while one is
      // still open kills it with 57P01, which surfaces as an unhandled error in a later test.
      for (let i = 0; i < 100; i++) {
        const r = await cleanup.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
          name,
        ]);
        if (r.rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
