/**
 * Reading the audit log: administrators see every entry, county users the entries of their
 * county (by the territory recorded with each entry). Nobody else reads it.
 */
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import { forbidden } from '../errors.js';
import { AUDIT_ACTIONS } from '../shared/audit-codes.js';
import type { Actor } from './actor.js';
import { type Page, parseOrThrow } from './registry-common.js';

const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** Filters of GET /api/audit and `sot audit`. */
export const auditQuerySchema = z.object({
  /** Any recorded type (see AUDIT_ENTITY_TYPES); an unknown one simply matches nothing. */
  entityType: z.string().trim().min(1).max(60).optional(),
  entityId: z.string().trim().min(1).max(100).optional(),
  /** One of the recorded actions, so a typo is a 400 rather than an empty page. */
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Inclusive start: a date (`2026-01-31`) or a date-time with offset. */
  from: dateOrDateTime.optional(),
  /** End: a date includes that whole day (UTC); a date-time is exclusive. */
  to: dateOrDateTime.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export interface AuditItem {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  municipalityCode: string | null;
  countyCode: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

const isDateOnly = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

function endOf(to: string): Date {
  if (!isDateOnly(to)) return new Date(to);
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** Newest first. Throws 403 for roles that may not read the audit log. */
export async function listAudit(db: DbOrTx, actor: Actor, raw: AuditQuery = {}): Promise<Page<AuditItem>> {
  const query = parseOrThrow(auditQuerySchema, raw, 'audit query');
  const parts: (SQL | undefined)[] = [];
  if (actor.role === 'county') parts.push(eq(auditLog.countyCode, actor.countyCode ?? '--'));
  else if (actor.role !== 'admin') throw forbidden('Only administrators and county users read the audit log');
  if (query.entityType) parts.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) parts.push(eq(auditLog.entityId, query.entityId));
  if (query.action) parts.push(eq(auditLog.action, query.action));
  if (query.from)
    parts.push(gte(auditLog.at, new Date(isDateOnly(query.from) ? `${query.from}T00:00:00Z` : query.from)));
  if (query.to) parts.push(lt(auditLog.at, endOf(query.to)));
  const where = and(...parts);
  const [{ total }] = await db.select({ total: count() }).from(auditLog).where(where);
  const rows = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
