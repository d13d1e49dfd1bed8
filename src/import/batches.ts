/**
 * Recent import batches for the imports page. Batches have no territory of their own (one file
 * can span many municipalities), so administrators see every batch and other editors see the
 * batches they ran themselves; the per-row audit entries carry the territory.
 */
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { importBatches, users } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';

export interface ImportBatchSummary {
  id: number;
  target: string;
  format: string;
  source: string;
  userId: number | null;
  username: string | null;
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, unknown> | null;
}

/** The newest batches first (at most `limit`). */
export async function listImportBatches(db: DbOrTx, actor: Actor, limit = 50): Promise<ImportBatchSummary[]> {
  const base = db
    .select({
      id: importBatches.id,
      target: importBatches.target,
      format: importBatches.format,
      source: importBatches.source,
      userId: importBatches.userId,
      username: users.username,
      startedAt: importBatches.startedAt,
      finishedAt: importBatches.finishedAt,
      counts: importBatches.counts,
    })
    .from(importBatches)
    .leftJoin(users, eq(users.id, importBatches.userId));
  const rows = await (actor.role === 'admin'
    ? base.orderBy(desc(importBatches.id)).limit(limit)
    : base
        .where(eq(importBatches.userId, actor.userId ?? -1))
        .orderBy(desc(importBatches.id))
        .limit(limit));
  return rows.map((r) => ({
    ...r,
    username: r.username ?? (r.userId === null ? 'system' : null),
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
    counts: (r.counts as Record<string, unknown> | null) ?? null,
  }));
}
