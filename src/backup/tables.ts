/**
 * What backup and restore need to know about each table, derived from the Drizzle schema so a
 * new table in `allTables` is backed up without touching this module.
 */
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { allTables } from '../db/schema.js';

export interface TableInfo {
  /** SQL table name. */
  name: string;
  /** SQL column names in schema order. */
  columns: string[];
  /** SQL names of the primary key columns (keyset pagination order); empty when the table has none. */
  primaryKey: string[];
  /** SQL names of serial columns whose sequences must be reset after a restore. */
  serialColumns: string[];
}

function describe(table: PgTable): TableInfo {
  const config = getTableConfig(table);
  const cols = Object.values(getTableColumns(table));
  const single = cols.filter((c) => c.primary).map((c) => c.name);
  const composite = config.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
  return {
    name: config.name,
    columns: cols.map((c) => c.name),
    primaryKey: single.length > 0 ? single : composite,
    serialColumns: cols.filter((c) => /Serial/.test(c.columnType)).map((c) => c.name),
  };
}

/** Every table in dependency order (parents before children), as listed in `allTables`. */
export function backupTables(): TableInfo[] {
  return Object.values(allTables).map((t) => describe(t as PgTable));
}
