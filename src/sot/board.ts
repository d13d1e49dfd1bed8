/**
 * The readiness board: every SOT-punkt the actor may see with its lifecycle status, which
 * minimum-level criteria fail, generator autonomy against the target, the next or overdue test
 * run, agreements due for renewal and open financing. For county and municipality users (and
 * admins); the read is audited like the point list.
 */
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { municipalities } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { forbidden } from '../errors.js';
import { renewalOf } from './agreements.js';
import { stockholmDate } from './dates.js';
import { checklistOf, loadPointFacts, type PointFacts } from './facts.js';
import { financingChecks } from './financing.js';
import type { CriterionStatus } from './lagstaniva.js';
import { isReachable } from './organisation.js';
import { auditListRead, gensetOf, visiblePointRows } from './points.js';
import {
  type AgreementType,
  type Criterion,
  criterionSchema,
  type EstablishmentModel,
  type FinancingProgramme,
  type FinancingStatus,
  type PayoutStatus,
  SOT_STATUSES,
  type SotStatus,
  sotStatusSchema,
} from './schemas.js';
import { scheduleStatusOf } from './test-runs.js';
import type { DueStatus } from './test-schedule.js';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Query of GET /api/sot/board (and its export). */
export const boardQuerySchema = z.object({
  municipality: z
    .string()
    .regex(/^\d{4}$/, 'a 4-digit municipality code')
    .optional(),
  county: z
    .string()
    .regex(/^\d{2}$/, 'a 2-digit county code')
    .optional(),
  /** One or more statuses, comma-separated. */
  status: z
    .string()
    .regex(
      new RegExp(`^(${SOT_STATUSES.join('|')})(,(${SOT_STATUSES.join('|')}))*$`),
      'comma-separated statuses',
    )
    .optional(),
  /** Only points where this criterion is not met (or unknown). */
  failing: criterionSchema.optional(),
  /** Only points with an overdue test run (true) or without (false). */
  overdue: flag.optional(),
  /** Only points with an agreement due for renewal. */
  expiring: flag.optional(),
  /** Only points with open financing. */
  openFinancing: flag.optional(),
  q: z.string().trim().max(200).optional(),
});
export type BoardQuery = z.input<typeof boardQuerySchema>;
/** A parsed board query (parse raw query strings with boardQuerySchema first). */
export type BoardFilter = z.output<typeof boardQuerySchema>;

export interface BoardItem {
  id: number;
  name: string;
  status: SotStatus;
  municipalityCode: string;
  municipalityName: string | null;
  establishmentModel: EstablishmentModel | null;
  storeName: string | null;
  fuelStationName: string | null;
  lat: number | null;
  lon: number | null;
  checklist: {
    compliant: boolean;
    status: CriterionStatus;
    failing: Criterion[];
    unknown: Criterion[];
    criteria: { criterion: Criterion; status: CriterionStatus }[];
  };
  power: {
    installed: boolean;
    kva: number | null;
    requiredKva: number | null;
    recommendedKva: number | null;
    tankLitres: number | null;
    autonomyHours: number | null;
    targetHours: number;
    autonomyMet: boolean | null;
  };
  testRuns: {
    overdue: boolean;
    nextDue: string | null;
    lastRunDate: string | null;
    monthly: { status: DueStatus; dueDate: string | null; hoursThisMonth: number; requiredHours: number };
    yearly: { status: DueStatus; dueDate: string | null; lastFullLoadDate: string | null };
  };
  agreements: {
    inForce: number;
    expiring: {
      id: number;
      type: AgreementType;
      endDate: string | null;
      noticeDeadline: string | null;
      reminderDate: string | null;
      expired: boolean;
    }[];
  };
  financing: {
    open: {
      id: number;
      programme: FinancingProgramme;
      status: FinancingStatus;
      appliedAmount: number | null;
      grantedAmount: number | null;
      payoutStatus: PayoutStatus;
      flags: string[];
    }[];
    flagged: number;
  };
  organisation: {
    name: string | null;
    memberCount: number;
    reachableCount: number;
    minMembers: number;
  };
}

export interface Board {
  evaluatedOn: string;
  items: BoardItem[];
  summary: {
    total: number;
    compliant: number;
    byStatus: Record<SotStatus, number>;
    failingByCriterion: Record<Criterion, number>;
    overdueTestRuns: number;
    expiringAgreements: number;
    openFinancing: number;
  };
}

/** One board row from a point's facts. */
export function boardItem(f: PointFacts, today: string, muniName: string | null): BoardItem {
  const row = f.row;
  const checklist = checklistOf(f, today);
  const genset = gensetOf(row);
  const schedule = scheduleStatusOf(row, f.testRuns, today);
  const renewals = f.agreements.map((a) => ({ a, r: renewalOf(a, f.agreements, today) }));
  const financing = f.financing.map((x) => ({
    x,
    c: financingChecks({
      programme: x.programme as FinancingProgramme,
      status: x.status as FinancingStatus,
      appliedAmount: x.appliedAmount,
      grantedAmount: x.grantedAmount,
      totalEligibleCost: x.totalEligibleCost,
      privateCofinancing: x.privateCofinancing,
      publicCofinancing: x.publicCofinancing,
      payoutStatus: x.payoutStatus as PayoutStatus,
    }),
  }));
  return {
    id: row.id,
    name: row.name,
    status: row.status as SotStatus,
    municipalityCode: row.municipalityCode,
    municipalityName: muniName,
    establishmentModel: (row.establishmentModel as EstablishmentModel | null) ?? null,
    storeName: f.store?.name ?? null,
    fuelStationName: f.fuel?.name ?? null,
    lat: f.store?.lat ?? null,
    lon: f.store?.lon ?? null,
    checklist: {
      compliant: checklist.compliant,
      status: checklist.status,
      failing: checklist.failing,
      unknown: checklist.unknown,
      criteria: checklist.criteria.map((c) => ({ criterion: c.criterion, status: c.status })),
    },
    power: {
      installed: genset.installed === true,
      kva: genset.kva ?? null,
      requiredKva: f.power.requiredKva,
      recommendedKva: f.power.recommendedKva,
      tankLitres: genset.fuelTankLitres ?? null,
      autonomyHours: f.power.autonomyHours,
      targetHours: f.power.targetHours,
      autonomyMet: f.power.autonomyMet,
    },
    testRuns: {
      overdue: schedule.overdue,
      nextDue: schedule.nextDue,
      lastRunDate: schedule.lastRunDate,
      monthly: {
        status: schedule.monthly.status,
        dueDate: schedule.monthly.dueDate,
        hoursThisMonth: schedule.monthly.hoursThisMonth,
        requiredHours: schedule.monthly.requiredHours,
      },
      yearly: {
        status: schedule.yearly.status,
        dueDate: schedule.yearly.dueDate,
        lastFullLoadDate: schedule.yearly.lastFullLoadDate,
      },
    },
    agreements: {
      inForce: renewals.filter(({ r }) => r.inForce).length,
      expiring: renewals
        .filter(({ r }) => r.reminderDue)
        .map(({ a, r }) => ({
          id: a.id,
          type: a.type as AgreementType,
          endDate: a.endDate,
          noticeDeadline: r.noticeDeadline,
          reminderDate: r.reminderDate,
          expired: r.expired,
        })),
    },
    financing: {
      open: financing
        .filter(({ c }) => c.open)
        .map(({ x, c }) => ({
          id: x.id,
          programme: x.programme as FinancingProgramme,
          status: x.status as FinancingStatus,
          appliedAmount: x.appliedAmount,
          grantedAmount: x.grantedAmount,
          payoutStatus: x.payoutStatus as PayoutStatus,
          flags: c.flags.map((fl) => fl.code),
        })),
      flagged: financing.filter(({ c }) => c.flags.length > 0).length,
    },
    organisation: {
      name: f.organisation?.name ?? null,
      memberCount: f.members.length,
      reachableCount: f.members.filter(isReachable).length,
      minMembers: row.minMembers,
    },
  };
}

function matches(item: BoardItem, filter: BoardFilter): boolean {
  if (
    filter.failing &&
    !item.checklist.failing.includes(filter.failing) &&
    !item.checklist.unknown.includes(filter.failing)
  )
    return false;
  if (filter.overdue !== undefined && item.testRuns.overdue !== filter.overdue) return false;
  if (filter.expiring !== undefined && item.agreements.expiring.length > 0 !== filter.expiring) return false;
  if (filter.openFinancing !== undefined && item.financing.open.length > 0 !== filter.openFinancing)
    return false;
  return true;
}

function requireBoardReader(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'county' && actor.role !== 'municipality')
    throw forbidden('The readiness board is for administrators, county and municipality users');
}

/** The board for the actor's territory, filtered (the read is audited). */
export async function getBoard(
  db: Db,
  actor: Actor,
  filter: BoardFilter = {},
  via = 'board',
): Promise<Board> {
  requireBoardReader(actor);
  const statuses = filter.status?.split(',').map((s) => sotStatusSchema.parse(s));
  const rows = await visiblePointRows(db, actor, {
    municipality: filter.municipality,
    county: filter.county,
    status: statuses,
    q: filter.q,
  });
  const facts = await loadPointFacts(db, rows);
  const names = new Map(
    (await db.select({ code: municipalities.code, name: municipalities.name }).from(municipalities)).map(
      (m) => [m.code, m.name],
    ),
  );
  const today = stockholmDate();
  const items = rows
    .map((r) => boardItem(facts.get(r.id)!, today, names.get(r.municipalityCode) ?? null))
    .filter((i) => matches(i, filter));
  await auditListRead(
    db,
    actor,
    via,
    items.map((i) => i.id),
    filter,
  );
  const byStatus = Object.fromEntries(SOT_STATUSES.map((s) => [s, 0])) as Record<SotStatus, number>;
  const failingByCriterion = { store: 0, fuel: 0, power: 0, communication: 0, organisation: 0 } as Record<
    Criterion,
    number
  >;
  for (const i of items) {
    byStatus[i.status]++;
    for (const c of i.checklist.failing) failingByCriterion[c]++;
  }
  return {
    evaluatedOn: today,
    items,
    summary: {
      total: items.length,
      compliant: items.filter((i) => i.checklist.compliant).length,
      byStatus,
      failingByCriterion,
      overdueTestRuns: items.filter((i) => i.testRuns.overdue).length,
      expiringAgreements: items.filter((i) => i.agreements.expiring.length > 0).length,
      openFinancing: items.filter((i) => i.financing.open.length > 0).length,
    },
  };
}
