/**
 * Which service points an operator (store owner, FRG leader) is responsible for. Operators see
 * exactly these points and nothing else of the registry. Administrators assign anywhere; county
 * users assign operators of their county to points in their county.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/client.js';
import { servicePointAssignments, servicePoints, users } from '../db/schema.js';
import { type ErrorDetail, forbidden, notFound, validationError } from '../errors.js';
import { dbIdSchema } from '../shared/ids.js';
import { type Actor, canWriteTerritory } from './actor.js';
import { recordAudit } from './audit.js';
import { parseOrThrow } from './registry-common.js';

export const assignmentsBodySchema = z
  .object({
    servicePointIds: z.array(dbIdSchema).max(10_000),
  })
  .strict();
export type AssignmentsBody = z.infer<typeof assignmentsBodySchema>;

export interface Assignments {
  userId: number;
  servicePointIds: number[];
}

function requireAssigner(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'county')
    throw forbidden('Only administrators and county users assign service points');
}

/** The target operator, if the actor may manage them (404 for users outside the actor's county). */
async function operatorFor(db: DbOrTx, actor: Actor, userId: number) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || (actor.role === 'county' && user.countyCode !== actor.countyCode))
    throw notFound(`User ${userId}`);
  if (user.role !== 'operator')
    throw validationError('Only operators have assigned service points', [
      { field: 'id', reason: `user ${user.username} has role ${user.role}, not operator` },
    ]);
  return user;
}

async function assignedIds(db: DbOrTx, userId: number): Promise<number[]> {
  const rows = await db
    .select({ id: servicePointAssignments.servicePointId })
    .from(servicePointAssignments)
    .where(eq(servicePointAssignments.userId, userId))
    .orderBy(asc(servicePointAssignments.servicePointId));
  return rows.map((r) => r.id);
}

/** The service points assigned to an operator. */
export async function getAssignments(db: DbOrTx, actor: Actor, userId: number): Promise<Assignments> {
  requireAssigner(actor);
  await operatorFor(db, actor, userId);
  return { userId, servicePointIds: await assignedIds(db, userId) };
}

/**
 * Replaces an operator's assignments. Every point must lie in the actor's write territory; a point
 * that does not exist or lies outside it is reported by its position in the list
 * (`servicePointIds.2`) without saying which of the two it is.
 */
export async function setAssignments(
  db: Db,
  actor: Actor,
  userId: number,
  raw: unknown,
): Promise<Assignments> {
  requireAssigner(actor);
  const body = parseOrThrow(assignmentsBodySchema, raw, 'assignments');
  const ids = [...new Set(body.servicePointIds)].sort((a, b) => a - b);
  return db.transaction(async (tx) => {
    const user = await operatorFor(tx, actor, userId);
    const found =
      ids.length > 0
        ? await tx
            .select({ id: servicePoints.id, municipalityCode: servicePoints.municipalityCode })
            .from(servicePoints)
            .where(inArray(servicePoints.id, ids))
        : [];
    const writable = new Set(
      found.filter((p) => canWriteTerritory(actor, p.municipalityCode)).map((p) => p.id),
    );
    const problems: ErrorDetail[] = [];
    body.servicePointIds.forEach((id, i) => {
      if (!writable.has(id))
        problems.push({ field: `servicePointIds.${i}`, reason: `no service point ${id} in your territory` });
    });
    if (problems.length > 0) throw validationError('Unknown service points', problems);
    const before = await assignedIds(tx, userId);
    await tx.delete(servicePointAssignments).where(eq(servicePointAssignments.userId, userId));
    if (ids.length > 0)
      await tx
        .insert(servicePointAssignments)
        .values(ids.map((servicePointId) => ({ userId, servicePointId })));
    await recordAudit(tx, actor, {
      action: 'assignments.set',
      entityType: 'user',
      entityId: userId,
      municipalityCode: user.municipalityCode,
      countyCode: user.countyCode,
      before: { servicePointIds: before },
      after: { servicePointIds: ids },
    });
    return { userId, servicePointIds: ids };
  });
}
