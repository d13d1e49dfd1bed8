/**
 * Money for a SOT-punkt: applications and decisions per programme, with the checks a
 * coordinator otherwise does by hand: the private co-financing share a programme requires
 * (Landsbygdsprogrammet 7.4/6b: at least 10 % of the eligible cost) and whether the sources
 * cover the eligible cost.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { sotFinancing } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { recordAudit } from '../domain/audit.js';
import { parseOrThrow } from '../domain/registry-common.js';
import { notFound } from '../errors.js';
import { loadPoint } from './access.js';
import { auditImage, sentFields } from './common.js';
import {
  type FinancingProgramme,
  type FinancingStatus,
  financingCreateSchema,
  financingUpdateSchema,
  type Label,
  type PayoutStatus,
  PROGRAMME_LEGAL_BASIS,
  REQUIRED_PRIVATE_SHARE,
} from './schemas.js';

type Row = typeof sotFinancing.$inferSelect;

export interface FinancingFlag {
  code:
    | 'private_share_below_required'
    | 'private_share_unknown'
    | 'financing_gap'
    | 'granted_exceeds_applied';
  message: Label;
}

export interface FinancingChecks {
  /** private co-financing / total eligible cost; null without both. */
  privateShare: number | null;
  requiredPrivateShare: number | null;
  /** null when the programme has no requirement or the share is unknown. */
  privateShareOk: boolean | null;
  /** Eligible cost not covered by granted + private + other public money (SEK, ≥ 0); null when unknown. */
  gap: number | null;
  /** Awaiting a decision, or granted and not fully paid out. */
  open: boolean;
  flags: FinancingFlag[];
}

export interface FinancingFacts {
  programme: FinancingProgramme;
  status: FinancingStatus;
  appliedAmount: number | null;
  grantedAmount: number | null;
  totalEligibleCost: number | null;
  privateCofinancing: number | null;
  publicCofinancing: number | null;
  payoutStatus: PayoutStatus;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

/** The computed checks of one financing item. */
export function financingChecks(f: FinancingFacts): FinancingChecks {
  const flags: FinancingFlag[] = [];
  const required = REQUIRED_PRIVATE_SHARE[f.programme];
  const privateShare =
    f.totalEligibleCost && f.totalEligibleCost > 0 && f.privateCofinancing !== null
      ? f.privateCofinancing / f.totalEligibleCost
      : null;
  let privateShareOk: boolean | null = null;
  if (required !== null) {
    if (privateShare === null)
      flags.push({
        code: 'private_share_unknown',
        message: {
          sv: `privat andel okänd: ange stödberättigande kostnad och privat medfinansiering (minst ${pct(required)})`,
          en: `private share unknown: enter the eligible cost and private co-financing (at least ${pct(required)})`,
        },
      });
    else {
      // A share that is a rounding hair below 10 % still fails: the rule is about money, not display.
      privateShareOk = privateShare + 1e-9 >= required;
      if (!privateShareOk)
        flags.push({
          code: 'private_share_below_required',
          message: {
            sv: `privat andel ${pct(privateShare)}, minst ${pct(required)} krävs`,
            en: `private share ${pct(privateShare)}, at least ${pct(required)} required`,
          },
        });
    }
  }
  let gap: number | null = null;
  if (f.totalEligibleCost !== null && f.grantedAmount !== null) {
    gap = Math.max(
      0,
      f.totalEligibleCost - f.grantedAmount - (f.privateCofinancing ?? 0) - (f.publicCofinancing ?? 0),
    );
    if (gap > 0)
      flags.push({
        code: 'financing_gap',
        message: {
          sv: `${gap.toLocaleString('sv-SE')} kr av kostnaden saknar finansiering`,
          en: `${gap.toLocaleString('en-GB')} SEK of the cost is not financed`,
        },
      });
  }
  if (f.appliedAmount !== null && f.grantedAmount !== null && f.grantedAmount > f.appliedAmount)
    flags.push({
      code: 'granted_exceeds_applied',
      message: {
        sv: 'beviljat belopp är större än sökt',
        en: 'granted amount exceeds the amount applied for',
      },
    });
  const open = f.status === 'ansokt' || (f.status === 'beviljad' && f.payoutStatus !== 'utbetalt');
  return { privateShare, requiredPrivateShare: required, privateShareOk, gap, open, flags };
}

export interface Financing extends FinancingFacts {
  id: number;
  pointId: number;
  legalBasis: string | null;
  applicant: string | null;
  applicationDate: string | null;
  decisionDate: string | null;
  decisionRef: string | null;
  paidAmount: number | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  checks: FinancingChecks;
}

export function presentFinancing(r: Row): Financing {
  const facts: FinancingFacts = {
    programme: r.programme as FinancingProgramme,
    status: r.status as FinancingStatus,
    appliedAmount: r.appliedAmount,
    grantedAmount: r.grantedAmount,
    totalEligibleCost: r.totalEligibleCost,
    privateCofinancing: r.privateCofinancing,
    publicCofinancing: r.publicCofinancing,
    payoutStatus: r.payoutStatus as PayoutStatus,
  };
  return {
    id: r.id,
    pointId: r.pointId,
    ...facts,
    legalBasis: r.legalBasis,
    applicant: r.applicant,
    applicationDate: r.applicationDate,
    decisionDate: r.decisionDate,
    decisionRef: r.decisionRef,
    paidAmount: r.paidAmount,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    checks: financingChecks(facts),
  };
}

const image = (r: Row) => auditImage(r);

export async function listFinancing(db: DbOrTx, actor: Actor, pointId: number): Promise<Financing[]> {
  await loadPoint(db, actor, pointId);
  const rows = await db
    .select()
    .from(sotFinancing)
    .where(eq(sotFinancing.pointId, pointId))
    .orderBy(asc(sotFinancing.id));
  return rows.map(presentFinancing);
}

export async function createFinancing(
  db: Db,
  actor: Actor,
  pointId: number,
  raw: unknown,
): Promise<Financing> {
  const input = parseOrThrow(financingCreateSchema, raw, 'financing');
  return db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const [row] = await tx
      .insert(sotFinancing)
      .values({
        ...input,
        pointId,
        legalBasis: input.legalBasis?.trim() || PROGRAMME_LEGAL_BASIS[input.programme] || null,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'sot_financing',
      entityId: row.id,
      municipalityCode: point.municipalityCode,
      after: image(row),
      details: { pointId },
    });
    return presentFinancing(row);
  });
}

async function itemOf(tx: DbOrTx, pointId: number, id: number): Promise<Row> {
  const [row] = await tx.select().from(sotFinancing).where(eq(sotFinancing.id, id));
  if (!row || row.pointId !== pointId) throw notFound(`Financing ${id}`);
  return row;
}

export async function updateFinancing(
  db: Db,
  actor: Actor,
  pointId: number,
  id: number,
  raw: unknown,
): Promise<Financing> {
  const patch = parseOrThrow(financingUpdateSchema, raw, 'financing');
  return db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const before = await itemOf(tx, pointId, id);
    const [row] = await tx
      .update(sotFinancing)
      .set({ ...sentFields(patch, raw), updatedAt: new Date() })
      .where(eq(sotFinancing.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'sot_financing',
      entityId: id,
      municipalityCode: point.municipalityCode,
      before: image(before),
      after: image(row),
      details: { pointId },
    });
    return presentFinancing(row);
  });
}

export async function deleteFinancing(db: Db, actor: Actor, pointId: number, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const before = await itemOf(tx, pointId, id);
    await tx.delete(sotFinancing).where(eq(sotFinancing.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'sot_financing',
      entityId: id,
      municipalityCode: point.municipalityCode,
      before: image(before),
      details: { pointId },
    });
  });
}
