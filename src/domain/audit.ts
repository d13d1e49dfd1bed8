/**
 * The audit log: every write records who, when, what, and the row before and after. Writes call
 * `recordAudit` inside their own transaction, so a change and its audit entry commit together.
 */

import type { DbOrTx } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import { type Actor, countyOf } from './actor.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  municipalityCode?: string | null;
  /** Defaults to the county of municipalityCode. */
  countyCode?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

export async function recordAudit(db: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(auditRow(actor, entry));
}

/** Builds one audit row (exported for bulk inserts by importers). */
export function auditRow(actor: Actor, entry: AuditEntry): typeof auditLog.$inferInsert {
  const municipalityCode = entry.municipalityCode ?? null;
  return {
    userId: actor.userId,
    username: actor.username,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    municipalityCode,
    countyCode: entry.countyCode ?? countyOf(municipalityCode),
    before: toJson(entry.before),
    after: toJson(entry.after),
    details: toJson(entry.details),
  };
}

/** Dates become ISO strings so before/after compare the same way after a round-trip through jsonb. */
function toJson(v: unknown): unknown {
  if (v === undefined) return null;
  return JSON.parse(JSON.stringify(v));
}
