/**
 * The operating organisation of a SOT-punkt: the group (FRG or other), its members with roles,
 * competences and training records, and the contact tree.
 *
 * Members and contact details are personal data. Only the point's municipality, its assigned
 * operators and admins read them (county users and granted viewers get counts per role); every
 * read is audited; audit images of members carry the id and roles only, never a name, phone,
 * e-mail or address, so removing a member deletes the person from the system completely.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { sotMembers, sotOrganisations, sotTrainings } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { recordAudit } from '../domain/audit.js';
import { parseOrThrow } from '../domain/registry-common.js';
import { notFound, validationError } from '../errors.js';
import { loadPoint, type SotPointRow } from './access.js';
import { sentFields } from './common.js';
import { addDays, stockholmDate } from './dates.js';
import {
  MEMBER_ROLES,
  type MemberRole,
  memberCreateSchema,
  memberUpdateSchema,
  type OrganisationType,
  organisationSchema,
  TRAINING_COURSES,
  type TrainingCourse,
  trainingCreateSchema,
  trainingUpdateSchema,
} from './schemas.js';

type MemberRow = typeof sotMembers.$inferSelect;
type TrainingRow = typeof sotTrainings.$inferSelect;
type OrgRow = typeof sotOrganisations.$inferSelect;

/** A training shows as expiring this many days before its expiry date. */
export const TRAINING_EXPIRY_WARNING_DAYS = 60;

export interface Training {
  id: number;
  memberId: number;
  course: TrainingCourse;
  title: string | null;
  completedOn: string;
  expiresOn: string | null;
  provider: string | null;
  note: string | null;
  expired: boolean;
  expiresSoon: boolean;
}

export interface Member {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  roles: MemberRole[];
  competences: string[];
  calledBy: number | null;
  callOrder: number;
  note: string | null;
  /** Has a phone number or e-mail address (counts towards minimum-level criterion 5). */
  reachable: boolean;
  trainings: Training[];
}

export interface OrganisationSummary {
  memberCount: number;
  reachableCount: number;
  minMembers: number;
  roles: Record<MemberRole, number>;
  /** Per course: members with a valid and with an expired record. */
  trainings: Record<TrainingCourse, { valid: number; expired: number }>;
}

export interface OrganisationView {
  organisation: {
    type: OrganisationType;
    name: string;
    /** Present only for callers who may read personal data. */
    contactName?: string | null;
    contactPhone?: string | null;
    contactEmail?: string | null;
    note: string | null;
    updatedAt: string;
  } | null;
  summary: OrganisationSummary;
  /** Whether contact details were included. */
  personal: boolean;
}

export const isReachable = (m: Pick<MemberRow, 'phone' | 'email' | 'name'>) =>
  m.name.trim().length > 0 && Boolean(m.phone?.trim() || m.email?.trim());

export function presentTraining(t: TrainingRow, today: string): Training {
  return {
    id: t.id,
    memberId: t.memberId,
    course: t.course as TrainingCourse,
    title: t.title,
    completedOn: t.completedOn,
    expiresOn: t.expiresOn,
    provider: t.provider,
    note: t.note,
    expired: t.expiresOn !== null && t.expiresOn < today,
    expiresSoon:
      t.expiresOn !== null &&
      t.expiresOn >= today &&
      t.expiresOn <= addDays(today, TRAINING_EXPIRY_WARNING_DAYS),
  };
}

function presentMember(m: MemberRow, trainings: TrainingRow[], today: string): Member {
  return {
    id: m.id,
    name: m.name,
    phone: m.phone,
    email: m.email,
    address: m.address,
    roles: m.roles as MemberRole[],
    competences: m.competences,
    calledBy: m.calledBy,
    callOrder: m.callOrder,
    note: m.note,
    reachable: isReachable(m),
    trainings: trainings.filter((t) => t.memberId === m.id).map((t) => presentTraining(t, today)),
  };
}

/** What an audit entry may say about a member: never who they are. */
const memberAuditImage = (m: Pick<MemberRow, 'id' | 'pointId' | 'roles'>) => ({
  id: m.id,
  pointId: m.pointId,
  roles: m.roles,
});

const trainingAuditImage = (t: TrainingRow) => ({
  id: t.id,
  memberId: t.memberId,
  pointId: t.pointId,
  course: t.course,
  completedOn: t.completedOn,
  expiresOn: t.expiresOn,
});

/** Counts per role and training for a set of points (the board and the redacted view use them). */
export function summarise(
  members: MemberRow[],
  trainings: TrainingRow[],
  minMembers: number,
  today: string,
): OrganisationSummary {
  const roles = Object.fromEntries(MEMBER_ROLES.map((r) => [r, 0])) as Record<MemberRole, number>;
  for (const m of members) for (const r of m.roles) if (r in roles) roles[r as MemberRole]++;
  const courses = Object.fromEntries(TRAINING_COURSES.map((c) => [c, { valid: 0, expired: 0 }])) as Record<
    TrainingCourse,
    { valid: number; expired: number }
  >;
  for (const course of TRAINING_COURSES) {
    const valid = new Set<number>();
    const expired = new Set<number>();
    for (const t of trainings) {
      if (t.course !== course) continue;
      if (t.expiresOn !== null && t.expiresOn < today) expired.add(t.memberId);
      else valid.add(t.memberId);
    }
    for (const id of valid) expired.delete(id);
    courses[course] = { valid: valid.size, expired: expired.size };
  }
  return {
    memberCount: members.length,
    reachableCount: members.filter(isReachable).length,
    minMembers,
    roles,
    trainings: courses,
  };
}

async function membersOf(db: DbOrTx, pointId: number): Promise<MemberRow[]> {
  return db
    .select()
    .from(sotMembers)
    .where(eq(sotMembers.pointId, pointId))
    .orderBy(asc(sotMembers.callOrder), asc(sotMembers.id));
}

async function trainingsOf(db: DbOrTx, pointId: number): Promise<TrainingRow[]> {
  return db
    .select()
    .from(sotTrainings)
    .where(eq(sotTrainings.pointId, pointId))
    .orderBy(asc(sotTrainings.completedOn), asc(sotTrainings.id));
}

/** Records a read of personal data (member list, contact tree, organisation contact). */
export async function auditPersonalRead(
  db: DbOrTx,
  actor: Actor,
  point: SotPointRow,
  entityType: string,
  count: number,
): Promise<void> {
  await recordAudit(db, actor, {
    action: 'read',
    entityType,
    entityId: point.id,
    municipalityCode: point.municipalityCode,
    details: { pointId: point.id, count },
  });
}

/** The organisation with counts; contact details only for callers who may read personal data. */
export async function getOrganisation(db: DbOrTx, actor: Actor, pointId: number): Promise<OrganisationView> {
  const { row: point, access } = await loadPoint(db, actor, pointId);
  const [org] = await db.select().from(sotOrganisations).where(eq(sotOrganisations.pointId, pointId));
  const summary = summarise(
    await membersOf(db, pointId),
    await trainingsOf(db, pointId),
    point.minMembers,
    stockholmDate(),
  );
  if (org && access.personal) await auditPersonalRead(db, actor, point, 'sot_organisation', 1);
  return { organisation: org ? presentOrg(org, access.personal) : null, summary, personal: access.personal };
}

function presentOrg(org: OrgRow, personal: boolean): NonNullable<OrganisationView['organisation']> {
  const base = {
    type: org.type as OrganisationType,
    name: org.name,
    note: org.note,
    updatedAt: org.updatedAt.toISOString(),
  };
  if (!personal) return base;
  return {
    ...base,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    contactEmail: org.contactEmail,
  };
}

/** The organisation's audit image: the contact person's details are personal data. */
const orgAuditImage = (o: OrgRow) => ({
  pointId: o.pointId,
  type: o.type,
  name: o.name,
  hasContact: Boolean(o.contactName || o.contactPhone || o.contactEmail),
});

/** Creates or replaces the organisation of a point. */
export async function putOrganisation(
  db: Db,
  actor: Actor,
  pointId: number,
  raw: unknown,
): Promise<OrganisationView> {
  const input = parseOrThrow(organisationSchema, raw, 'organisation');
  await db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const [before] = await tx.select().from(sotOrganisations).where(eq(sotOrganisations.pointId, pointId));
    const values = {
      type: input.type,
      name: input.name,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      contactEmail: input.contactEmail ?? null,
      note: input.note ?? null,
      updatedAt: new Date(),
    };
    const [after] = await tx
      .insert(sotOrganisations)
      .values({ pointId, ...values })
      .onConflictDoUpdate({ target: sotOrganisations.pointId, set: values })
      .returning();
    await recordAudit(tx, actor, {
      action: before ? 'update' : 'create',
      entityType: 'sot_organisation',
      entityId: pointId,
      municipalityCode: point.municipalityCode,
      before: before ? orgAuditImage(before) : undefined,
      after: orgAuditImage(after),
    });
  });
  return getOrganisation(db, actor, pointId);
}

/** The member list with contact details and trainings (personal data: audited). */
export async function listMembers(db: DbOrTx, actor: Actor, pointId: number): Promise<Member[]> {
  const { row: point } = await loadPoint(db, actor, pointId, 'personal');
  const members = await membersOf(db, pointId);
  const trainings = await trainingsOf(db, pointId);
  await auditPersonalRead(db, actor, point, 'sot_members', members.length);
  const today = stockholmDate();
  return members.map((m) => presentMember(m, trainings, today));
}

/** Members only, unaudited: for callers that audit the read themselves (contact tree). */
export async function membersForTree(db: DbOrTx, pointId: number): Promise<MemberRow[]> {
  return membersOf(db, pointId);
}

/** `calledBy` must name another member of the same point, without making a loop. */
async function checkCaller(
  tx: DbOrTx,
  pointId: number,
  memberId: number | null,
  calledBy: number | null | undefined,
) {
  if (calledBy === null || calledBy === undefined) return;
  const members = await membersOf(tx, pointId);
  const byId = new Map(members.map((m) => [m.id, m]));
  if (!byId.has(calledBy))
    throw validationError('Unknown caller', [
      { field: 'calledBy', reason: `no member ${calledBy} in this SOT-punkt` },
    ]);
  let at: number | null = calledBy;
  for (let steps = 0; at !== null && steps <= members.length; steps++) {
    if (at === memberId)
      throw validationError('The contact tree would loop', [
        { field: 'calledBy', reason: `member ${calledBy} is (indirectly) called by this member` },
      ]);
    at = byId.get(at)?.calledBy ?? null;
  }
}

async function memberOf(tx: DbOrTx, pointId: number, memberId: number): Promise<MemberRow> {
  const [m] = await tx.select().from(sotMembers).where(eq(sotMembers.id, memberId));
  if (!m || m.pointId !== pointId) throw notFound(`Member ${memberId}`);
  return m;
}

async function presentOne(tx: DbOrTx, pointId: number, memberId: number): Promise<Member> {
  const m = await memberOf(tx, pointId, memberId);
  const trainings = await tx.select().from(sotTrainings).where(eq(sotTrainings.memberId, memberId));
  return presentMember(m, trainings, stockholmDate());
}

export async function createMember(db: Db, actor: Actor, pointId: number, raw: unknown): Promise<Member> {
  const input = parseOrThrow(memberCreateSchema, raw, 'member');
  return db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    await checkCaller(tx, pointId, null, input.calledBy);
    const [m] = await tx
      .insert(sotMembers)
      .values({ ...input, pointId, calledBy: input.calledBy ?? null })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'sot_member',
      entityId: m.id,
      municipalityCode: point.municipalityCode,
      after: memberAuditImage(m),
    });
    return presentOne(tx, pointId, m.id);
  });
}

export async function updateMember(
  db: Db,
  actor: Actor,
  pointId: number,
  memberId: number,
  raw: unknown,
): Promise<Member> {
  const patch = sentFields(parseOrThrow(memberUpdateSchema, raw, 'member'), raw);
  return db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const before = await memberOf(tx, pointId, memberId);
    if ('calledBy' in patch) await checkCaller(tx, pointId, memberId, patch.calledBy);
    const [after] = await tx
      .update(sotMembers)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(sotMembers.id, memberId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'sot_member',
      entityId: memberId,
      municipalityCode: point.municipalityCode,
      before: memberAuditImage(before),
      after: memberAuditImage(after),
      // Which fields changed, never their values.
      details: { fields: Object.keys(patch).sort() },
    });
    return presentOne(tx, pointId, memberId);
  });
}

/**
 * Removes a member completely: the row and their training records are deleted (not hidden), the
 * members they used to call move up to this member's caller, and the audit keeps id and roles only.
 */
export async function deleteMember(db: Db, actor: Actor, pointId: number, memberId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const m = await memberOf(tx, pointId, memberId);
    const trainings = await tx
      .select({ id: sotTrainings.id })
      .from(sotTrainings)
      .where(eq(sotTrainings.memberId, memberId));
    await tx
      .update(sotMembers)
      .set({ calledBy: m.calledBy, updatedAt: new Date() })
      .where(eq(sotMembers.calledBy, memberId));
    await tx.delete(sotTrainings).where(eq(sotTrainings.memberId, memberId));
    await tx.delete(sotMembers).where(eq(sotMembers.id, memberId));
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'sot_member',
      entityId: memberId,
      municipalityCode: point.municipalityCode,
      before: memberAuditImage(m),
      details: { trainingsDeleted: trainings.length },
    });
  });
}

async function trainingOf(tx: DbOrTx, pointId: number, id: number): Promise<TrainingRow> {
  const [t] = await tx.select().from(sotTrainings).where(eq(sotTrainings.id, id));
  if (!t || t.pointId !== pointId) throw notFound(`Training ${id}`);
  return t;
}

function checkTrainingDates(completedOn: string, expiresOn: string | null | undefined): void {
  if (expiresOn && expiresOn < completedOn)
    throw validationError('The training expires before it was completed', [
      { field: 'expiresOn', reason: `expiry ${expiresOn} lies before completion ${completedOn}` },
    ]);
}

export async function createTraining(db: Db, actor: Actor, pointId: number, raw: unknown): Promise<Training> {
  const input = parseOrThrow(trainingCreateSchema, raw, 'training');
  checkTrainingDates(input.completedOn, input.expiresOn);
  return db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const [member] = await tx.select().from(sotMembers).where(eq(sotMembers.id, input.memberId));
    if (!member || member.pointId !== pointId)
      throw validationError('Unknown member', [
        { field: 'memberId', reason: `no member ${input.memberId} in this SOT-punkt` },
      ]);
    const [t] = await tx
      .insert(sotTrainings)
      .values({ ...input, pointId })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'sot_training',
      entityId: t.id,
      municipalityCode: point.municipalityCode,
      after: trainingAuditImage(t),
    });
    return presentTraining(t, stockholmDate());
  });
}

export async function updateTraining(
  db: Db,
  actor: Actor,
  pointId: number,
  id: number,
  raw: unknown,
): Promise<Training> {
  const patch = sentFields(parseOrThrow(trainingUpdateSchema, raw, 'training'), raw);
  return db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const before = await trainingOf(tx, pointId, id);
    checkTrainingDates(
      patch.completedOn ?? before.completedOn,
      'expiresOn' in patch ? patch.expiresOn : before.expiresOn,
    );
    const [t] = await tx.update(sotTrainings).set(patch).where(eq(sotTrainings.id, id)).returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'sot_training',
      entityId: id,
      municipalityCode: point.municipalityCode,
      before: trainingAuditImage(before),
      after: trainingAuditImage(t),
    });
    return presentTraining(t, stockholmDate());
  });
}

export async function deleteTraining(db: Db, actor: Actor, pointId: number, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { row: point } = await loadPoint(tx, actor, pointId, 'write');
    const before = await trainingOf(tx, pointId, id);
    await tx.delete(sotTrainings).where(eq(sotTrainings.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'sot_training',
      entityId: id,
      municipalityCode: point.municipalityCode,
      before: trainingAuditImage(before),
    });
  });
}

/** Member rows and trainings of many points at once (board). */
export async function membersAndTrainingsOf(
  db: DbOrTx,
  pointIds: number[],
): Promise<{ members: MemberRow[]; trainings: TrainingRow[] }> {
  if (pointIds.length === 0) return { members: [], trainings: [] };
  const members = await db
    .select()
    .from(sotMembers)
    .where(inArray(sotMembers.pointId, pointIds))
    .orderBy(sotMembers.id);
  const trainings = await db
    .select()
    .from(sotTrainings)
    .where(inArray(sotTrainings.pointId, pointIds))
    .orderBy(sotTrainings.id);
  return { members, trainings };
}

/** The organisation rows of many points. */
export async function organisationsOf(db: DbOrTx, pointIds: number[]): Promise<Map<number, OrgRow>> {
  if (pointIds.length === 0) return new Map();
  const rows = await db.select().from(sotOrganisations).where(inArray(sotOrganisations.pointId, pointIds));
  return new Map(rows.map((r) => [r.pointId, r]));
}
