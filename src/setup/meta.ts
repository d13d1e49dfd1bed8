/** Key/value facts about the data set in the `meta` table. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { meta } from '../db/schema.js';

export async function getMeta<T>(db: DbOrTx, key: string): Promise<T | null> {
  const [row] = await db.select().from(meta).where(eq(meta.key, key));
  return row ? (row.value as T) : null;
}

export async function setMeta(db: DbOrTx, key: string, value: unknown): Promise<void> {
  await db
    .insert(meta)
    .values({ key, value })
    .onConflictDoUpdate({ target: meta.key, set: { value, updatedAt: new Date() } });
}

/** Inserts only when the key is absent; true when this call inserted it (a claim). */
export async function claimMeta(db: DbOrTx, key: string, value: unknown): Promise<boolean> {
  const rows = await db
    .insert(meta)
    .values({ key, value })
    .onConflictDoNothing()
    .returning({ key: meta.key });
  return rows.length > 0;
}

export async function deleteMeta(db: DbOrTx, key: string): Promise<void> {
  await db.delete(meta).where(eq(meta.key, key));
}
