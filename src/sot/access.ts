/**
 * Who may see and do what with a SOT-punkt. SOT-punkter are civil-defence information: unlike the
 * registry, a viewer sees a point only when explicitly granted, an operator only when assigned,
 * and members' personal data is narrower still.
 *
 * | role         | read                      | write  | personal data | log test runs |
 * |--------------|---------------------------|--------|---------------|---------------|
 * | admin        | all                       | yes    | yes           | yes           |
 * | county       | points in the county      | no     | no            | no            |
 * | municipality | points in the municipality| yes    | yes           | yes           |
 * | operator     | assigned points           | no     | yes           | yes           |
 * | viewer       | granted points            | no     | no            | no            |
 *
 * Outside the read scope a point does not exist (404); inside it, a forbidden action is a 403.
 */
import { and, eq, inArray, like, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { sotPointGrants, sotPointOperators, sotPoints } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { escapeLike } from '../domain/registry-common.js';
import { forbidden, notFound } from '../errors.js';

export type SotPointRow = typeof sotPoints.$inferSelect;

export interface PointAccess {
  read: boolean;
  /** Edit the point and everything attached to it. */
  write: boolean;
  /** Read members, their contact details and the organisation's contact person. */
  personal: boolean;
  /** Log test runs and maintenance. */
  log: boolean;
}

const NONE: PointAccess = { read: false, write: false, personal: false, log: false };

/** The SQL condition limiting sot_points to what the actor may read; undefined = everything. */
export function pointScopeCondition(db: DbOrTx, actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'admin':
      return undefined;
    case 'county':
      return like(sotPoints.municipalityCode, `${escapeLike(actor.countyCode ?? '--')}%`);
    case 'municipality':
      return actor.municipalityCode ? eq(sotPoints.municipalityCode, actor.municipalityCode) : sql`false`;
    case 'operator':
      return inArray(
        sotPoints.id,
        db
          .select({ id: sotPointOperators.pointId })
          .from(sotPointOperators)
          .where(eq(sotPointOperators.userId, actor.userId ?? -1)),
      );
    case 'viewer':
      return inArray(
        sotPoints.id,
        db
          .select({ id: sotPointGrants.pointId })
          .from(sotPointGrants)
          .where(eq(sotPointGrants.userId, actor.userId ?? -1)),
      );
  }
}

/** What the actor may do with one point. */
export async function accessTo(
  db: DbOrTx,
  actor: Actor,
  point: Pick<SotPointRow, 'id' | 'municipalityCode'>,
): Promise<PointAccess> {
  switch (actor.role) {
    case 'admin':
      return { read: true, write: true, personal: true, log: true };
    case 'county':
      return point.municipalityCode.startsWith(actor.countyCode ?? '--') ? { ...NONE, read: true } : NONE;
    case 'municipality':
      return point.municipalityCode === actor.municipalityCode
        ? { read: true, write: true, personal: true, log: true }
        : NONE;
    case 'operator': {
      const [row] = await db
        .select({ id: sotPointOperators.pointId })
        .from(sotPointOperators)
        .where(
          and(eq(sotPointOperators.pointId, point.id), eq(sotPointOperators.userId, actor.userId ?? -1)),
        );
      return row ? { read: true, write: false, personal: true, log: true } : NONE;
    }
    case 'viewer': {
      const [row] = await db
        .select({ id: sotPointGrants.pointId })
        .from(sotPointGrants)
        .where(and(eq(sotPointGrants.pointId, point.id), eq(sotPointGrants.userId, actor.userId ?? -1)));
      return row ? { ...NONE, read: true } : NONE;
    }
  }
}

export interface LoadedPoint {
  row: SotPointRow;
  access: PointAccess;
}

export type Need = keyof PointAccess;

const NEED_MESSAGES: Record<Need, string> = {
  read: 'You may not read this SOT-punkt',
  write: 'Your role may not change this SOT-punkt',
  personal: 'Your role may not read the personal data of this SOT-punkt',
  log: 'Your role may not log test runs or maintenance for this SOT-punkt',
};

/**
 * The point if the actor may read it (404 otherwise, so existence is not leaked) and may do
 * `need` with it (403 otherwise).
 */
export async function loadPoint(
  db: DbOrTx,
  actor: Actor,
  id: number,
  need: Need = 'read',
): Promise<LoadedPoint> {
  const [row] = await db.select().from(sotPoints).where(eq(sotPoints.id, id));
  if (!row) throw notFound(`SOT-punkt ${id}`);
  const access = await accessTo(db, actor, row);
  if (!access.read) throw notFound(`SOT-punkt ${id}`);
  if (!access[need]) throw forbidden(NEED_MESSAGES[need]);
  return { row, access };
}
