/**
 * Test support for the importers: a fingerprint of every table (row count + md5 of the sorted
 * rows), so a test can prove a failed import left the database exactly as it was.
 */
import { getTableName, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { allTables } from '../db/schema.js';

/** `{ table: "<rows>:<md5 of all rows as text, sorted>" }` for every table. */
export async function databaseFingerprint(db: DbOrTx): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of Object.values(allTables)) {
    const name = getTableName(table);
    const result = (await db.execute(
      sql`select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h
          from ${sql.identifier(name)} t`,
    )) as unknown as { rows: { n: number; h: string }[] };
    const row = result.rows[0];
    out[name] = `${row.n}:${row.h}`;
  }
  return out;
}
