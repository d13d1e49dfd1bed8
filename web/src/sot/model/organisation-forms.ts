/**
 * Operating group, member and training forms as text fields, and the bodies the server's
 * schemas accept. Members and their contact details are personal data: these forms are shown
 * only to users the server gives personal access.
 */
import {
  type MemberRole,
  memberCreateSchema,
  type OrganisationType,
  organisationSchema,
  type TrainingCourse,
  trainingCreateSchema,
  trainingUpdateSchema,
} from '../../../../src/sot/schemas.js';
import { parseDecimal } from '../../i18n.js';
import type { Member, OrganisationView, Training } from '../types.js';

const str = (text: string): string | null => (text.trim() === '' ? null : text.trim());

export interface OrganisationForm {
  type: OrganisationType;
  name: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  note: string;
}

export function organisationForm(view: OrganisationView): OrganisationForm {
  const o = view.organisation;
  return {
    type: o?.type ?? 'frg',
    name: o?.name ?? '',
    contactName: o?.contactName ?? '',
    contactPhone: o?.contactPhone ?? '',
    contactEmail: o?.contactEmail ?? '',
    note: o?.note ?? '',
  };
}

export function checkOrganisation(form: OrganisationForm) {
  const body = {
    type: form.type,
    name: form.name.trim(),
    contactName: str(form.contactName),
    contactPhone: str(form.contactPhone),
    contactEmail: str(form.contactEmail),
    note: str(form.note),
  };
  return { body, result: organisationSchema.safeParse(body) };
}

export interface MemberForm {
  name: string;
  phone: string;
  email: string;
  address: string;
  roles: MemberRole[];
  /** Comma-separated. */
  competences: string;
  /** '' = first to be called. */
  calledBy: string;
  callOrder: string;
  note: string;
}

export function emptyMember(): MemberForm {
  return {
    name: '',
    phone: '',
    email: '',
    address: '',
    roles: [],
    competences: '',
    calledBy: '',
    callOrder: '0',
    note: '',
  };
}

export function memberForm(m: Member): MemberForm {
  return {
    name: m.name,
    phone: m.phone ?? '',
    email: m.email ?? '',
    address: m.address ?? '',
    roles: m.roles,
    competences: m.competences.join(', '),
    calledBy: m.calledBy === null ? '' : String(m.calledBy),
    callOrder: String(m.callOrder),
    note: m.note ?? '',
  };
}

export function checkMember(form: MemberForm) {
  const body = {
    name: form.name.trim(),
    phone: str(form.phone),
    email: str(form.email),
    address: str(form.address),
    roles: form.roles,
    competences: form.competences
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean),
    calledBy: form.calledBy === '' ? null : Number(form.calledBy),
    callOrder: parseDecimal(form.callOrder) ?? 0,
    note: str(form.note),
  };
  return { body, result: memberCreateSchema.safeParse(body) };
}

export interface TrainingForm {
  memberId: string;
  course: TrainingCourse;
  title: string;
  completedOn: string;
  expiresOn: string;
  provider: string;
  note: string;
}

export function emptyTraining(memberId: number | null): TrainingForm {
  return {
    memberId: memberId === null ? '' : String(memberId),
    course: 'frg_grundutbildning',
    title: '',
    completedOn: '',
    expiresOn: '',
    provider: '',
    note: '',
  };
}

/** The form of an existing training record, for changing it. */
export function trainingForm(t: Training): TrainingForm {
  return {
    memberId: String(t.memberId),
    course: t.course,
    title: t.title ?? '',
    completedOn: t.completedOn,
    expiresOn: t.expiresOn ?? '',
    provider: t.provider ?? '',
    note: t.note ?? '',
  };
}

/**
 * The body for a new record (POST, names the member) or for a change of an existing one (PATCH:
 * the record stays with its member, and the server refuses a `memberId`), checked with the
 * server's schema for that request.
 */
export function checkTraining(form: TrainingForm, existing = false) {
  const fields = {
    course: form.course,
    title: str(form.title),
    completedOn: form.completedOn,
    expiresOn: str(form.expiresOn),
    provider: str(form.provider),
    note: str(form.note),
  };
  if (existing) return { body: fields, result: trainingUpdateSchema.safeParse(fields) };
  const body = { memberId: Number(form.memberId), ...fields };
  return { body, result: trainingCreateSchema.safeParse(body) };
}
