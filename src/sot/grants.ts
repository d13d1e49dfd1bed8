/**
 * Who besides the territory's own users sees a point: operators assigned to it (store owner, FRG
 * leader: they see it and log test runs) and viewers granted read access (e.g. rescue services).
 * Both must belong to the point's county. Listing them is for admins, county and municipality
 * users; changing them for the point's editors.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { sotPointGrants, sotPointOperators, users } from '../db/schema.js';
import { type Actor, countyOf } from '../domain/actor.js';
import { recordAudit } from '../domain/audit.js';
import { parseOrThrow } from '../domain/registry-common.js';
import { type ErrorDetail, forbidden, validationError } from '../errors.js';
import { loadPoint } from './access.js';
import { userIdsSchema } from './schemas.js';

export type AccessKind = 'operators' | 'grants';

const TABLES = { operators: sotPointOperators, grants: sotPointGrants } as const;
const ROLE: Record<AccessKind, 'operator' | 'viewer'> = { operators: 'operator', grants: 'viewer' };
const ENTITY: Record<AccessKind, string> = { operators: 'sot_point_operators', grants: 'sot_point_grants' };

export interface AccessUser {
  id: number;
  username: string;
  displayName: string;
  municipalityCode: string | null;
}

export interface AccessList {
  users: AccessUser[];
  /** Users of the right role in the point's county who could be added (only for editors). */
  candidates: AccessUser[];
}

const present = (u: typeof users.$inferSelect): AccessUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  municipalityCode: u.municipalityCode,
});

function requireManager(actor: Actor): void {
  if (actor.role === 'operator' || actor.role === 'viewer')
    throw forbidden('Only administrators, county and municipality users see who has access to a SOT-punkt');
}

async function assignedIds(db: DbOrTx, kind: AccessKind, pointId: number): Promise<number[]> {
  const t = TABLES[kind];
  const rows = await db.select({ userId: t.userId }).from(t).where(eq(t.pointId, pointId));
  return rows.map((r) => r.userId).sort((a, b) => a - b);
}

/** Users of `role` whose county is the point's county. */
async function eligible(db: DbOrTx, kind: AccessKind, municipalityCode: string) {
  return db
    .select()
    .from(users)
    .where(
      and(
        eq(users.role, ROLE[kind]),
        eq(users.countyCode, countyOf(municipalityCode) ?? '--'),
        eq(users.disabled, false),
      ),
    )
    .orderBy(asc(users.username));
}

export async function getAccessList(
  db: DbOrTx,
  actor: Actor,
  kind: AccessKind,
  pointId: number,
): Promise<AccessList> {
  const { row, access } = await loadPoint(db, actor, pointId);
  requireManager(actor);
  const ids = await assignedIds(db, kind, pointId);
  const assigned =
    ids.length > 0
      ? await db.select().from(users).where(inArray(users.id, ids)).orderBy(asc(users.username))
      : [];
  const candidates = access.write
    ? (await eligible(db, kind, row.municipalityCode)).filter((u) => !ids.includes(u.id))
    : [];
  return { users: assigned.map(present), candidates: candidates.map(present) };
}

/** Replaces the list; every user must have the right role and belong to the point's county. */
export async function setAccessList(
  db: Db,
  actor: Actor,
  kind: AccessKind,
  pointId: number,
  raw: unknown,
): Promise<AccessList> {
  const input = parseOrThrow(userIdsSchema, raw, ENTITY[kind]);
  const wanted = [...new Set(input.userIds)].sort((a, b) => a - b);
  await db.transaction(async (tx) => {
    const { row } = await loadPoint(tx, actor, pointId, 'write');
    const allowed = new Set((await eligible(tx, kind, row.municipalityCode)).map((u) => u.id));
    const problems: ErrorDetail[] = [];
    input.userIds.forEach((id, i) => {
      if (!allowed.has(id))
        problems.push({
          field: `userIds.${i}`,
          reason: `user ${id} is not an active ${ROLE[kind]} in county ${countyOf(row.municipalityCode)}`,
        });
    });
    if (problems.length > 0) throw validationError(`Invalid ${ENTITY[kind]}`, problems);
    const before = await assignedIds(tx, kind, pointId);
    const t = TABLES[kind];
    await tx.delete(t).where(eq(t.pointId, pointId));
    if (wanted.length > 0) await tx.insert(t).values(wanted.map((userId) => ({ pointId, userId })));
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: ENTITY[kind],
      entityId: pointId,
      municipalityCode: row.municipalityCode,
      before: { userIds: before },
      after: { userIds: wanted },
    });
  });
  return getAccessList(db, actor, kind, pointId);
}
