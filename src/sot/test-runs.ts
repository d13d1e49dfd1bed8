/**
 * The generator's test-run log and maintenance log. Assigned operators may add entries (from a
 * phone, so the bodies are small); corrections (deleting an entry) are for the point's editors.
 */
import { desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { sotMaintenance, sotTestRuns } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { recordAudit } from '../domain/audit.js';
import { parseOrThrow } from '../domain/registry-common.js';
import { notFound, validationError } from '../errors.js';
import { loadPoint, type SotPointRow } from './access.js';
import { auditImage } from './common.js';
import { stockholmDate } from './dates.js';
import { gensetOf, scheduleOf } from './points.js';
import {
  type MaintenanceType,
  maintenanceCreateSchema,
  type TestSchedule,
  testRunCreateSchema,
} from './schemas.js';
import { type ScheduleStatus, testScheduleStatus } from './test-schedule.js';

type RunRow = typeof sotTestRuns.$inferSelect;
type MaintenanceRow = typeof sotMaintenance.$inferSelect;

export interface TestRun {
  id: number;
  pointId: number;
  date: string;
  durationHours: number;
  loadPercent: number | null;
  loadKw: number | null;
  fullLoad: boolean;
  fuelUsedLitres: number | null;
  passed: boolean;
  problems: string | null;
  userId: number | null;
  username: string | null;
  createdAt: string;
}

export interface MaintenanceEntry {
  id: number;
  pointId: number;
  type: MaintenanceType;
  date: string;
  note: string | null;
  userId: number | null;
  username: string | null;
  createdAt: string;
}

export interface TestRunLog {
  schedule: TestSchedule;
  status: ScheduleStatus;
  runs: TestRun[];
}

const presentRun = (r: RunRow): TestRun => ({
  id: r.id,
  pointId: r.pointId,
  date: r.date,
  durationHours: r.durationHours,
  loadPercent: r.loadPercent,
  loadKw: r.loadKw,
  fullLoad: r.fullLoad,
  fuelUsedLitres: r.fuelUsedLitres,
  passed: r.passed,
  problems: r.problems,
  userId: r.userId,
  username: r.username,
  createdAt: r.createdAt.toISOString(),
});

const presentMaintenance = (r: MaintenanceRow): MaintenanceEntry => ({
  id: r.id,
  pointId: r.pointId,
  type: r.type as MaintenanceType,
  date: r.date,
  note: r.note,
  userId: r.userId,
  username: r.username,
  createdAt: r.createdAt.toISOString(),
});

/** The schedule status of a point from its stored runs. */
export function scheduleStatusOf(
  point: SotPointRow,
  runs: Pick<RunRow, 'date' | 'durationHours' | 'fullLoad' | 'passed'>[],
  today: string,
): ScheduleStatus {
  const genset = gensetOf(point);
  return testScheduleStatus({
    schedule: scheduleOf(point),
    runs,
    installed: genset.installed === true,
    installedDate: genset.installedDate ?? null,
    today,
  });
}

export async function listTestRuns(db: DbOrTx, actor: Actor, pointId: number): Promise<TestRunLog> {
  const { row } = await loadPoint(db, actor, pointId);
  const rows = await db
    .select()
    .from(sotTestRuns)
    .where(eq(sotTestRuns.pointId, pointId))
    .orderBy(desc(sotTestRuns.date), desc(sotTestRuns.id));
  return {
    schedule: scheduleOf(row),
    status: scheduleStatusOf(row, rows, stockholmDate()),
    runs: rows.map(presentRun),
  };
}

function notInFuture(date: string, today: string): void {
  if (date > today)
    throw validationError('The date lies in the future', [
      { field: 'date', reason: `${date} is after today (${today})` },
    ]);
}

/** Logs a test run (operators of the point may). Returns the run and the updated schedule status. */
export async function addTestRun(
  db: Db,
  actor: Actor,
  pointId: number,
  raw: unknown,
): Promise<{ run: TestRun; status: ScheduleStatus }> {
  const input = parseOrThrow(testRunCreateSchema, raw, 'test run');
  const today = stockholmDate();
  const date = input.date ?? today;
  notInFuture(date, today);
  return db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'log');
    const [run] = await tx
      .insert(sotTestRuns)
      .values({ ...input, date, pointId, userId: actor.userId, username: actor.username })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'sot_test_run',
      entityId: run.id,
      municipalityCode: point.municipalityCode,
      after: auditImage(run),
    });
    const runs = await tx
      .select()
      .from(sotTestRuns)
      .where(eq(sotTestRuns.pointId, pointId))
      .orderBy(sotTestRuns.id);
    return { run: presentRun(run), status: scheduleStatusOf(point, runs, today) };
  });
}

export async function deleteTestRun(db: Db, actor: Actor, pointId: number, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const [run] = await tx.select().from(sotTestRuns).where(eq(sotTestRuns.id, id));
    if (!run || run.pointId !== pointId) throw notFound(`Test run ${id}`);
    await tx.delete(sotTestRuns).where(eq(sotTestRuns.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'sot_test_run',
      entityId: id,
      municipalityCode: point.municipalityCode,
      before: auditImage(run),
    });
  });
}

export async function listMaintenance(
  db: DbOrTx,
  actor: Actor,
  pointId: number,
): Promise<MaintenanceEntry[]> {
  await loadPoint(db, actor, pointId);
  const rows = await db
    .select()
    .from(sotMaintenance)
    .where(eq(sotMaintenance.pointId, pointId))
    .orderBy(desc(sotMaintenance.date), desc(sotMaintenance.id));
  return rows.map(presentMaintenance);
}

export async function addMaintenance(
  db: Db,
  actor: Actor,
  pointId: number,
  raw: unknown,
): Promise<MaintenanceEntry> {
  const input = parseOrThrow(maintenanceCreateSchema, raw, 'maintenance entry');
  const today = stockholmDate();
  const date = input.date ?? today;
  notInFuture(date, today);
  return db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'log');
    const [row] = await tx
      .insert(sotMaintenance)
      .values({
        type: input.type,
        note: input.note ?? null,
        date,
        pointId,
        userId: actor.userId,
        username: actor.username,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'sot_maintenance',
      entityId: row.id,
      municipalityCode: point.municipalityCode,
      after: auditImage(row),
    });
    return presentMaintenance(row);
  });
}

export async function deleteMaintenance(db: Db, actor: Actor, pointId: number, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const [row] = await tx.select().from(sotMaintenance).where(eq(sotMaintenance.id, id));
    if (!row || row.pointId !== pointId) throw notFound(`Maintenance entry ${id}`);
    await tx.delete(sotMaintenance).where(eq(sotMaintenance.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'sot_maintenance',
      entityId: id,
      municipalityCode: point.municipalityCode,
      before: auditImage(row),
    });
  });
}
