/**
 * A cached TerritoryIndex per database handle. Building the index parses every municipality
 * polygon, too slow to repeat on every write, but boundaries change only on a boundary import.
 *
 * Invalidation works across several app instances on one PostgreSQL database: the importer bumps
 * a counter in `meta` (key `boundaries_version`) in the same transaction that changes the
 * boundaries, and every lookup first reads that counter (one indexed single-row query) and reloads
 * the index when it differs from the version the cached index was built at. The counter is read
 * before the boundaries, so a cached index is never older than its recorded version; a concurrent
 * import at worst causes one extra reload.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { meta } from '../db/schema.js';
import { TerritoryIndex } from './territory-index.js';

/** The `meta` key holding the boundaries version counter. */
export const BOUNDARIES_VERSION_KEY = 'boundaries_version';

interface CacheEntry {
  version: number;
  index: Promise<TerritoryIndex>;
}

// Keyed by the handle object: the app's Db lives as long as the app; a transaction handle gets
// its own short-lived entry, so uncommitted boundaries never leak into the shared cache.
const cache = new WeakMap<object, CacheEntry>();

/** The stored boundaries version; 0 when boundaries were never imported through the importer. */
export async function boundariesVersion(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, BOUNDARIES_VERSION_KEY));
  const v = row ? Number(row.value) : 0;
  return Number.isFinite(v) ? v : 0;
}

/**
 * Marks the boundaries as changed. Call it inside the transaction that writes `municipalities`,
 * so the new version commits (or rolls back) together with the boundaries. Returns the new version.
 */
export async function bumpBoundariesVersion(tx: DbOrTx): Promise<number> {
  const [row] = await tx
    .insert(meta)
    .values({ key: BOUNDARIES_VERSION_KEY, value: 1 })
    .onConflictDoUpdate({
      target: meta.key,
      // The row lock taken by the update serialises concurrent bumps, so each gets its own number.
      set: { value: sql`to_jsonb(coalesce((${meta.value})::text::bigint, 0) + 1)`, updatedAt: new Date() },
    })
    .returning({ value: meta.value });
  return Number(row.value);
}

/**
 * The territory index for the current boundaries, loaded once per boundaries version.
 * Pass the handle the caller queries with; inside a transaction that changed the boundaries,
 * pass the transaction so the index sees them.
 */
export async function getTerritoryIndex(db: DbOrTx): Promise<TerritoryIndex> {
  const version = await boundariesVersion(db);
  const hit = cache.get(db);
  if (hit && hit.version === version) return hit.index;
  const index = TerritoryIndex.load(db);
  cache.set(db, { version, index });
  // A failed load must not poison the cache for later callers.
  index.catch(() => {
    if (cache.get(db)?.index === index) cache.delete(db);
  });
  return index;
}
