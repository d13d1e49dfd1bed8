/**
 * Agreements of a SOT-punkt (with the store, the operating group, maintenance, fuel supply) and
 * their renewal reminders. Agreements typically run 3–5 years; the notice period decides the last
 * day to renegotiate, and the reminder comes `reminderDays` (default 90) before that:
 *
 *   noticeDeadline = endDate − noticeMonths
 *   reminderDate   = noticeDeadline − reminderDays
 *   reminder due   ⇔ signed ∧ endDate set ∧ reminderDate ≤ today ∧ not superseded
 *
 * An agreement is superseded when a later signed agreement of the same type exists (the renewal).
 */
import { asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { sotAgreements } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { recordAudit } from '../domain/audit.js';
import { parseOrThrow } from '../domain/registry-common.js';
import { notFound, validationError } from '../errors.js';
import { loadPoint } from './access.js';
import { auditImage, sentFields } from './common.js';
import { addDays, addMonths, daysBetween, stockholmDate } from './dates.js';
import { agreementInForce } from './lagstaniva.js';
import {
  type AgreementStatus,
  type AgreementType,
  agreementCreateSchema,
  agreementUpdateSchema,
} from './schemas.js';

type Row = typeof sotAgreements.$inferSelect;

export interface RenewalFacts {
  type: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
  noticeMonths: number;
  reminderDays: number;
}

export interface Renewal {
  inForce: boolean;
  /** Last day to give notice or renegotiate; null without an end date. */
  noticeDeadline: string | null;
  reminderDate: string | null;
  reminderDue: boolean;
  expired: boolean;
  /** A later signed agreement of the same type replaces this one. */
  superseded: boolean;
  /** Days from today to the end date (negative once expired). */
  daysToEnd: number | null;
}

/** Renewal state of one agreement, given its siblings on the same point. */
export function renewalOf(a: RenewalFacts, siblings: RenewalFacts[], today: string): Renewal {
  const inForce = agreementInForce(a, today);
  const superseded = siblings.some(
    (s) =>
      s !== a &&
      s.type === a.type &&
      s.status === 'signed' &&
      s.startDate !== null &&
      (a.startDate === null || s.startDate > a.startDate),
  );
  if (!a.endDate)
    return {
      inForce,
      noticeDeadline: null,
      reminderDate: null,
      reminderDue: false,
      expired: false,
      superseded,
      daysToEnd: null,
    };
  const noticeDeadline = addMonths(a.endDate, -a.noticeMonths);
  const reminderDate = addDays(noticeDeadline, -a.reminderDays);
  const expired = a.endDate < today;
  return {
    inForce,
    noticeDeadline,
    reminderDate,
    reminderDue: a.status === 'signed' && !superseded && reminderDate <= today,
    expired,
    superseded,
    daysToEnd: daysBetween(today, a.endDate),
  };
}

export interface Agreement {
  id: number;
  pointId: number;
  type: AgreementType;
  title: string | null;
  parties: string[];
  startDate: string | null;
  endDate: string | null;
  noticeMonths: number;
  status: AgreementStatus;
  signedDate: string | null;
  reminderDays: number;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  renewal: Renewal;
}

export function presentAgreements(rows: Row[], today: string): Agreement[] {
  return rows.map((r) => ({
    id: r.id,
    pointId: r.pointId,
    type: r.type as AgreementType,
    title: r.title,
    parties: r.parties,
    startDate: r.startDate,
    endDate: r.endDate,
    noticeMonths: r.noticeMonths,
    status: r.status as AgreementStatus,
    signedDate: r.signedDate,
    reminderDays: r.reminderDays,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    renewal: renewalOf(r, rows, today),
  }));
}

function checkDates(a: { startDate?: string | null; endDate?: string | null }): void {
  if (a.startDate && a.endDate && a.endDate < a.startDate)
    throw validationError('The agreement ends before it starts', [
      { field: 'endDate', reason: `end ${a.endDate} lies before start ${a.startDate}` },
    ]);
}

async function rowsOf(db: DbOrTx, pointId: number): Promise<Row[]> {
  return db
    .select()
    .from(sotAgreements)
    .where(eq(sotAgreements.pointId, pointId))
    .orderBy(asc(sotAgreements.id));
}

export async function listAgreements(db: DbOrTx, actor: Actor, pointId: number): Promise<Agreement[]> {
  await loadPoint(db, actor, pointId);
  return presentAgreements(await rowsOf(db, pointId), stockholmDate());
}

async function presentOne(tx: DbOrTx, pointId: number, id: number): Promise<Agreement> {
  const all = presentAgreements(await rowsOf(tx, pointId), stockholmDate());
  const found = all.find((a) => a.id === id);
  if (!found) throw notFound(`Agreement ${id}`);
  return found;
}

export async function createAgreement(
  db: Db,
  actor: Actor,
  pointId: number,
  raw: unknown,
): Promise<Agreement> {
  const input = parseOrThrow(agreementCreateSchema, raw, 'agreement');
  checkDates(input);
  return db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const [row] = await tx
      .insert(sotAgreements)
      .values({ ...input, pointId })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'sot_agreement',
      entityId: row.id,
      municipalityCode: point.municipalityCode,
      after: auditImage(row),
      details: { pointId },
    });
    return presentOne(tx, pointId, row.id);
  });
}

async function itemOf(tx: DbOrTx, pointId: number, id: number): Promise<Row> {
  const [row] = await tx.select().from(sotAgreements).where(eq(sotAgreements.id, id));
  if (!row || row.pointId !== pointId) throw notFound(`Agreement ${id}`);
  return row;
}

export async function updateAgreement(
  db: Db,
  actor: Actor,
  pointId: number,
  id: number,
  raw: unknown,
): Promise<Agreement> {
  const patch = sentFields(parseOrThrow(agreementUpdateSchema, raw, 'agreement'), raw);
  return db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const before = await itemOf(tx, pointId, id);
    checkDates({
      startDate: 'startDate' in patch ? patch.startDate : before.startDate,
      endDate: 'endDate' in patch ? patch.endDate : before.endDate,
    });
    const [row] = await tx
      .update(sotAgreements)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(sotAgreements.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'sot_agreement',
      entityId: id,
      municipalityCode: point.municipalityCode,
      before: auditImage(before),
      after: auditImage(row),
      details: { pointId },
    });
    return presentOne(tx, pointId, id);
  });
}

export async function deleteAgreement(db: Db, actor: Actor, pointId: number, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const before = await itemOf(tx, pointId, id);
    await tx.delete(sotAgreements).where(eq(sotAgreements.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'sot_agreement',
      entityId: id,
      municipalityCode: point.municipalityCode,
      before: auditImage(before),
      details: { pointId },
    });
  });
}
