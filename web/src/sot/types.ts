/**
 * Shapes of the /api/sot answers, inferred from the server's response schemas (type-only
 * imports: nothing of the server reaches the bundle), so client and server cannot drift apart.
 */
import type { z } from 'zod';
import type { PowerDesign, PowerDesignInput } from '../../../src/power/design.js';
import type {
  accessListSchema,
  agreementSchema,
  boardItemSchema,
  boardSchema,
  checklistSchema,
  documentSchema,
  financingSchema,
  maintenanceSchema,
  memberSchema,
  organisationViewSchema,
  scheduleStatusSchema,
  sotPointListSchema,
  sotPointSchema,
  testRunLogSchema,
  testRunSchema,
  trainingSchema,
  transitionSchema,
} from '../../../src/server/routes/sot-schemas.js';

export type SotPoint = z.infer<typeof sotPointSchema>;
export type SotPointSummary = z.infer<typeof sotPointListSchema>['items'][number];
export type LinkedPoint = NonNullable<SotPoint['store']>;
export type PointAccess = SotPoint['access'];
export type Checklist = z.infer<typeof checklistSchema>;
export type CriterionResult = Checklist['criteria'][number];
export type CriterionStatus = CriterionResult['status'];
export type Transition = z.infer<typeof transitionSchema>;
export type Financing = z.infer<typeof financingSchema>;
export type Agreement = z.infer<typeof agreementSchema>;
export type SotDocument = z.infer<typeof documentSchema>;
export type OrganisationView = z.infer<typeof organisationViewSchema>;
export type Member = z.infer<typeof memberSchema>;
export type Training = z.infer<typeof trainingSchema>;
export type ScheduleStatus = z.infer<typeof scheduleStatusSchema>;
export type TestRun = z.infer<typeof testRunSchema>;
export type TestRunLog = z.infer<typeof testRunLogSchema>;
export type Maintenance = z.infer<typeof maintenanceSchema>;
export type AccessList = z.infer<typeof accessListSchema>;
export type Board = z.infer<typeof boardSchema>;
export type BoardItem = z.infer<typeof boardItemSchema>;

/** GET …/design: the power module's own types (Infinity arrives as null). */
export interface DesignView {
  pointId: number;
  input: PowerDesignInput | null;
  design: PowerDesign | null;
  facts: {
    requiredKva: number | null;
    recommendedKva: number | null;
    coversFuel: boolean | null;
    autonomyHours: number | null;
    targetHours: number;
    autonomyMet: boolean | null;
  };
}

/** `{ items }` answers of the list endpoints. */
export interface Items<T> {
  items: T[];
}
