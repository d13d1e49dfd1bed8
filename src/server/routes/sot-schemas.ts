/**
 * Response schemas of the /api/sot routes (request bodies live in src/sot/schemas.ts, shared
 * with the web client). They document the API in OpenAPI and keep responses to exactly these
 * fields.
 */
import { z } from 'zod';
import { idParamsSchema, itemParamsSchema } from '../../shared/ids.js';
import {
  activationSchema,
  agreementStatusSchema,
  agreementTypeSchema,
  commItemSchema,
  criterionSchema,
  documentCategorySchema,
  establishmentModelSchema,
  financingProgrammeSchema,
  financingStatusSchema,
  gensetSchema,
  localFunctionSchema,
  maintenanceTypeSchema,
  memberRoleSchema,
  organisationTypeSchema,
  payoutStatusSchema,
  sotStatusSchema,
  testScheduleSchema,
  trainingCourseSchema,
} from '../../sot/schemas.js';

export const pointParams = idParamsSchema;
export const itemParams = itemParamsSchema;

const label = z.object({ sv: z.string(), en: z.string() });
const date = z.string();
const nullableDate = z.string().nullable();

export const pointAccessSchema = z.object({
  read: z.boolean(),
  write: z.boolean(),
  personal: z.boolean(),
  log: z.boolean(),
});

const linkedSchema = z.object({
  id: z.number(),
  kind: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  municipalityCode: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  openingHours: z.string().nullable(),
  /** The reader may open it in the registry (operators read only their assigned points). */
  readable: z.boolean(),
});

export const sotPointSchema = z.object({
  id: z.number(),
  name: z.string(),
  status: sotStatusSchema,
  municipalityCode: z.string(),
  municipalityName: z.string().nullable(),
  establishmentModel: establishmentModelSchema.nullable(),
  store: linkedSchema.nullable(),
  fuelStation: linkedSchema.nullable(),
  fuelDistanceM: z.number().nullable(),
  fuelWithinLimit: z.boolean().nullable(),
  genset: gensetSchema.partial().loose(),
  loadInventory: z.record(z.string(), z.unknown()).nullable(),
  targetAutonomyHours: z.number(),
  communication: z.array(commItemSchema.partial().loose()),
  localFunctions: z.array(localFunctionSchema.partial().loose()),
  activation: activationSchema.partial().loose().nullable(),
  fuelMaxDistanceM: z.number(),
  minMembers: z.number(),
  testSchedule: testScheduleSchema,
  note: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  access: pointAccessSchema,
});

export const sotPointListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      status: sotStatusSchema,
      municipalityCode: z.string(),
      municipalityName: z.string().nullable(),
      storeId: z.number().nullable(),
      storeName: z.string().nullable(),
      fuelStationId: z.number().nullable(),
      fuelStationName: z.string().nullable(),
      lat: z.number().nullable(),
      lon: z.number().nullable(),
      version: z.number(),
      updatedAt: z.string(),
    }),
  ),
});

const criterionStatus = z.enum(['met', 'not_met', 'unknown']);

export const checklistSchema = z.object({
  pointId: z.number(),
  evaluatedOn: date,
  compliant: z.boolean(),
  status: criterionStatus,
  failing: z.array(criterionSchema),
  unknown: z.array(criterionSchema),
  criteria: z.array(
    z.object({
      criterion: criterionSchema,
      number: z.number(),
      label,
      status: criterionStatus,
      reason: label,
      missing: z.array(z.string()),
    }),
  ),
});

export const transitionSchema = z.object({
  id: z.number(),
  pointId: z.number(),
  from: sotStatusSchema.nullable(),
  to: sotStatusSchema,
  date,
  note: z.string().nullable(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  createdAt: z.string(),
});

const money = z.number().nullable();

export const financingSchema = z.object({
  id: z.number(),
  pointId: z.number(),
  programme: financingProgrammeSchema,
  legalBasis: z.string().nullable(),
  applicant: z.string().nullable(),
  status: financingStatusSchema,
  applicationDate: nullableDate,
  appliedAmount: money,
  grantedAmount: money,
  decisionDate: nullableDate,
  decisionRef: z.string().nullable(),
  totalEligibleCost: money,
  privateCofinancing: money,
  publicCofinancing: money,
  payoutStatus: payoutStatusSchema,
  paidAmount: money,
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  checks: z.object({
    privateShare: z.number().nullable(),
    requiredPrivateShare: z.number().nullable(),
    privateShareOk: z.boolean().nullable(),
    gap: money,
    open: z.boolean(),
    flags: z.array(
      z.object({
        code: z.enum([
          'private_share_below_required',
          'private_share_unknown',
          'financing_gap',
          'granted_exceeds_applied',
        ]),
        message: label,
      }),
    ),
  }),
});

export const agreementSchema = z.object({
  id: z.number(),
  pointId: z.number(),
  type: agreementTypeSchema,
  title: z.string().nullable(),
  parties: z.array(z.string()),
  startDate: nullableDate,
  endDate: nullableDate,
  noticeMonths: z.number(),
  status: agreementStatusSchema,
  signedDate: nullableDate,
  reminderDays: z.number(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  renewal: z.object({
    inForce: z.boolean(),
    noticeDeadline: nullableDate,
    reminderDate: nullableDate,
    reminderDue: z.boolean(),
    expired: z.boolean(),
    superseded: z.boolean(),
    daysToEnd: z.number().nullable(),
  }),
});

export const documentSchema = z.object({
  id: z.number(),
  pointId: z.number(),
  filename: z.string(),
  mime: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  size: z.number(),
  sha256: z.string(),
  category: documentCategorySchema,
  title: z.string().nullable(),
  uploadedBy: z.number().nullable(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
});

const countsByRole = z.record(memberRoleSchema, z.number());
const countsByCourse = z.record(trainingCourseSchema, z.object({ valid: z.number(), expired: z.number() }));

export const organisationViewSchema = z.object({
  organisation: z
    .object({
      type: organisationTypeSchema,
      name: z.string(),
      contactName: z.string().nullable().optional(),
      contactPhone: z.string().nullable().optional(),
      contactEmail: z.string().nullable().optional(),
      note: z.string().nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
  summary: z.object({
    memberCount: z.number(),
    reachableCount: z.number(),
    minMembers: z.number(),
    roles: countsByRole,
    trainings: countsByCourse,
  }),
  personal: z.boolean(),
});

export const trainingSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  course: trainingCourseSchema,
  title: z.string().nullable(),
  completedOn: date,
  expiresOn: nullableDate,
  provider: z.string().nullable(),
  note: z.string().nullable(),
  expired: z.boolean(),
  expiresSoon: z.boolean(),
});

export const memberSchema = z.object({
  id: z.number(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  roles: z.array(memberRoleSchema),
  competences: z.array(z.string()),
  calledBy: z.number().nullable(),
  callOrder: z.number(),
  note: z.string().nullable(),
  reachable: z.boolean(),
  trainings: z.array(trainingSchema),
});

export interface ContactNodeShape {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  roles: z.infer<typeof memberRoleSchema>[];
  children: ContactNodeShape[];
}

const contactNodeSchema: z.ZodType<ContactNodeShape> = z.lazy(() =>
  z.object({
    id: z.number(),
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    roles: z.array(memberRoleSchema),
    children: z.array(contactNodeSchema),
  }),
);

export const contactTreeSchema = z.object({
  pointId: z.number(),
  pointName: z.string(),
  organisationName: z.string().nullable(),
  organisationType: organisationTypeSchema.nullable(),
  contact: z.string().nullable(),
  printedOn: date,
  roots: z.array(contactNodeSchema),
  memberCount: z.number(),
});

const dueStatus = z.enum(['ok', 'due', 'overdue', 'not_applicable']);

export const scheduleStatusSchema = z.object({
  monthly: z.object({
    requiredHours: z.number(),
    hoursThisMonth: z.number(),
    hoursLastMonth: z.number(),
    status: dueStatus,
    dueDate: nullableDate,
    overdueSince: nullableDate,
  }),
  yearly: z.object({
    requiredHours: z.number(),
    lastFullLoadDate: nullableDate,
    status: dueStatus,
    dueDate: nullableDate,
    overdueSince: nullableDate,
  }),
  overdue: z.boolean(),
  nextDue: nullableDate,
  lastRunDate: nullableDate,
});

export const testRunSchema = z.object({
  id: z.number(),
  pointId: z.number(),
  date,
  durationHours: z.number(),
  loadPercent: z.number().nullable(),
  loadKw: z.number().nullable(),
  fullLoad: z.boolean(),
  fuelUsedLitres: z.number().nullable(),
  passed: z.boolean(),
  problems: z.string().nullable(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  createdAt: z.string(),
});

export const testRunLogSchema = z.object({
  schedule: testScheduleSchema,
  status: scheduleStatusSchema,
  runs: z.array(testRunSchema),
});

export const maintenanceSchema = z.object({
  id: z.number(),
  pointId: z.number(),
  type: maintenanceTypeSchema,
  date,
  note: z.string().nullable(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  createdAt: z.string(),
});

const accessUser = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  municipalityCode: z.string().nullable(),
});

export const accessListSchema = z.object({ users: z.array(accessUser), candidates: z.array(accessUser) });

export const boardItemSchema = z.object({
  id: z.number(),
  name: z.string(),
  status: sotStatusSchema,
  municipalityCode: z.string(),
  municipalityName: z.string().nullable(),
  establishmentModel: establishmentModelSchema.nullable(),
  storeName: z.string().nullable(),
  fuelStationName: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  checklist: z.object({
    compliant: z.boolean(),
    status: criterionStatus,
    failing: z.array(criterionSchema),
    unknown: z.array(criterionSchema),
    criteria: z.array(z.object({ criterion: criterionSchema, status: criterionStatus })),
  }),
  power: z.object({
    installed: z.boolean(),
    kva: z.number().nullable(),
    requiredKva: z.number().nullable(),
    recommendedKva: z.number().nullable(),
    tankLitres: z.number().nullable(),
    autonomyHours: z.number().nullable(),
    targetHours: z.number(),
    autonomyMet: z.boolean().nullable(),
  }),
  testRuns: z.object({
    overdue: z.boolean(),
    nextDue: nullableDate,
    lastRunDate: nullableDate,
    monthly: z.object({
      status: dueStatus,
      dueDate: nullableDate,
      hoursThisMonth: z.number(),
      requiredHours: z.number(),
    }),
    yearly: z.object({ status: dueStatus, dueDate: nullableDate, lastFullLoadDate: nullableDate }),
  }),
  agreements: z.object({
    inForce: z.number(),
    expiring: z.array(
      z.object({
        id: z.number(),
        type: agreementTypeSchema,
        endDate: nullableDate,
        noticeDeadline: nullableDate,
        reminderDate: nullableDate,
        expired: z.boolean(),
      }),
    ),
  }),
  financing: z.object({
    open: z.array(
      z.object({
        id: z.number(),
        programme: financingProgrammeSchema,
        status: financingStatusSchema,
        appliedAmount: money,
        grantedAmount: money,
        payoutStatus: payoutStatusSchema,
        flags: z.array(z.string()),
      }),
    ),
    flagged: z.number(),
  }),
  organisation: z.object({
    name: z.string().nullable(),
    memberCount: z.number(),
    reachableCount: z.number(),
    minMembers: z.number(),
  }),
});

export const boardSchema = z.object({
  evaluatedOn: date,
  items: z.array(boardItemSchema),
  summary: z.object({
    total: z.number(),
    compliant: z.number(),
    byStatus: z.record(sotStatusSchema, z.number()),
    failingByCriterion: z.record(criterionSchema, z.number()),
    overdueTestRuns: z.number(),
    expiringAgreements: z.number(),
    openFinancing: z.number(),
  }),
});
