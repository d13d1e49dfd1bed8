/**
 * The lifecycle of a SOT-punkt: idé → utredning → beslut → ansökan → beviljad → upphandlad →
 * levererad → i drift, and avvecklad from anywhere. Every change is a dated transition row with
 * its user and note.
 *
 * Rules (decided here, shown to users as reasons):
 * - moving forward may skip steps (a point registered late may already be granted);
 * - moving backward, or out of `avvecklad`, needs a note saying why;
 * - `i_drift` needs the generator installed and at least one passed test run;
 * - the effective date may not lie in the future.
 * Only administrators and municipality users change status (the routes and loadPoint enforce it).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { sotPoints, sotTestRuns, sotTransitions } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { recordAudit } from '../domain/audit.js';
import { parseOrThrow } from '../domain/registry-common.js';
import { conflict, type ErrorDetail, validationError } from '../errors.js';
import { loadPoint } from './access.js';
import { stockholmDate } from './dates.js';
import { gensetOf } from './points.js';
import { SOT_STATUSES, type SotStatus, STATUS_LABELS, transitionCreateSchema } from './schemas.js';

export interface TransitionContext {
  from: SotStatus;
  to: SotStatus;
  note: string | null | undefined;
  gensetInstalled: boolean;
  passedTestRuns: number;
  date: string;
  today: string;
}

const order = (s: SotStatus) => SOT_STATUSES.indexOf(s);

/** True when `to` lies before `from` in the lifecycle, or leaves `avvecklad`. */
export function isBackward(from: SotStatus, to: SotStatus): boolean {
  if (to === 'avvecklad') return false;
  return from === 'avvecklad' || order(to) < order(from);
}

/** What stands in the way of a transition; empty when it is allowed. */
export function transitionProblems(c: TransitionContext): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (c.from === c.to)
    problems.push({ field: 'to', reason: `the point is already ${STATUS_LABELS[c.to].en} (${c.to})` });
  if (isBackward(c.from, c.to) && !c.note?.trim())
    problems.push({
      field: 'note',
      reason: `moving back from ${c.from} to ${c.to} needs a note saying why`,
    });
  if (c.to === 'i_drift') {
    if (!c.gensetInstalled)
      problems.push({
        field: 'to',
        reason: 'i_drift needs the backup generator installed (genset.installed)',
      });
    if (c.passedTestRuns === 0)
      problems.push({ field: 'to', reason: 'i_drift needs at least one passed test run' });
  }
  if (c.date > c.today) problems.push({ field: 'date', reason: `the date ${c.date} lies in the future` });
  return problems;
}

export interface Transition {
  id: number;
  pointId: number;
  from: SotStatus | null;
  to: SotStatus;
  date: string;
  note: string | null;
  userId: number | null;
  username: string | null;
  createdAt: string;
}

const present = (r: typeof sotTransitions.$inferSelect): Transition => ({
  id: r.id,
  pointId: r.pointId,
  from: (r.fromStatus as SotStatus | null) ?? null,
  to: r.toStatus as SotStatus,
  date: r.date,
  note: r.note,
  userId: r.userId,
  username: r.username,
  createdAt: r.createdAt.toISOString(),
});

/** The point's transitions, oldest first. */
export async function listTransitions(db: DbOrTx, actor: Actor, pointId: number): Promise<Transition[]> {
  await loadPoint(db, actor, pointId);
  const rows = await db
    .select()
    .from(sotTransitions)
    .where(eq(sotTransitions.pointId, pointId))
    .orderBy(asc(sotTransitions.createdAt), asc(sotTransitions.id));
  return rows.map(present);
}

/** Moves the point to a new status (400 naming the rule that stops it). */
export async function addTransition(
  db: Db,
  actor: Actor,
  pointId: number,
  raw: unknown,
): Promise<{ transition: Transition; status: SotStatus; version: number }> {
  const input = parseOrThrow(transitionCreateSchema, raw, 'transition');
  return db.transaction(async (tx) => {
    const { row } = await loadPoint(tx, actor, pointId, 'write');
    const today = stockholmDate();
    const passed = await tx
      .select({ id: sotTestRuns.id })
      .from(sotTestRuns)
      .where(and(eq(sotTestRuns.pointId, pointId), eq(sotTestRuns.passed, true)))
      .limit(1);
    const from = row.status as SotStatus;
    const date = input.date ?? today;
    const problems = transitionProblems({
      from,
      to: input.to,
      note: input.note,
      gensetInstalled: gensetOf(row).installed === true,
      passedTestRuns: passed.length,
      date,
      today,
    });
    if (problems.length > 0)
      throw validationError(`SOT-punkt ${pointId} cannot move from ${from} to ${input.to}`, problems);
    const [updated] = await tx
      .update(sotPoints)
      .set({ status: input.to, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(sotPoints.id, pointId), eq(sotPoints.version, row.version)))
      .returning();
    if (!updated) throw conflict(`SOT-punkt ${pointId} was changed by someone else; reload and try again`);
    const [t] = await tx
      .insert(sotTransitions)
      .values({
        pointId,
        fromStatus: from,
        toStatus: input.to,
        date,
        note: input.note ?? null,
        userId: actor.userId,
        username: actor.username,
      })
      .returning();
    const transition = present(t);
    await recordAudit(tx, actor, {
      action: 'transition',
      entityType: 'sot_point',
      entityId: pointId,
      municipalityCode: row.municipalityCode,
      before: { status: from, version: row.version },
      after: { status: input.to, version: updated.version },
      details: { transitionId: t.id, date, note: input.note ?? null },
    });
    return { transition, status: input.to, version: updated.version };
  });
}
