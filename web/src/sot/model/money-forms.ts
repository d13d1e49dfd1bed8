/**
 * Financing and agreement forms as text fields and the bodies the server's schemas accept.
 * Amounts are whole kronor typed the Swedish way (`125 000`).
 */
import {
  type AgreementStatus,
  type AgreementType,
  agreementCreateSchema,
  type FinancingProgramme,
  type FinancingStatus,
  financingCreateSchema,
  type PayoutStatus,
} from '../../../../src/sot/schemas.js';
import { parseDecimal } from '../../i18n.js';
import { numberText } from '../format.js';
import type { Agreement, Financing } from '../types.js';

const optNum = (text: string): number | null => (text.trim() === '' ? null : (parseDecimal(text) ?? null));
const num = (text: string): number | undefined => parseDecimal(text);
const str = (text: string): string | null => (text.trim() === '' ? null : text.trim());

export interface FinancingForm {
  programme: FinancingProgramme;
  legalBasis: string;
  applicant: string;
  status: FinancingStatus;
  applicationDate: string;
  appliedAmount: string;
  grantedAmount: string;
  decisionDate: string;
  decisionRef: string;
  totalEligibleCost: string;
  privateCofinancing: string;
  publicCofinancing: string;
  payoutStatus: PayoutStatus;
  paidAmount: string;
  note: string;
}

export function emptyFinancing(): FinancingForm {
  return {
    programme: 'landsbygdsprogrammet_7_4_6b',
    legalBasis: '',
    applicant: '',
    status: 'utkast',
    applicationDate: '',
    appliedAmount: '',
    grantedAmount: '',
    decisionDate: '',
    decisionRef: '',
    totalEligibleCost: '',
    privateCofinancing: '',
    publicCofinancing: '',
    payoutStatus: 'ej_utbetalt',
    paidAmount: '',
    note: '',
  };
}

export function financingForm(f: Financing): FinancingForm {
  return {
    programme: f.programme,
    legalBasis: f.legalBasis ?? '',
    applicant: f.applicant ?? '',
    status: f.status,
    applicationDate: f.applicationDate ?? '',
    appliedAmount: numberText(f.appliedAmount),
    grantedAmount: numberText(f.grantedAmount),
    decisionDate: f.decisionDate ?? '',
    decisionRef: f.decisionRef ?? '',
    totalEligibleCost: numberText(f.totalEligibleCost),
    privateCofinancing: numberText(f.privateCofinancing),
    publicCofinancing: numberText(f.publicCofinancing),
    payoutStatus: f.payoutStatus,
    paidAmount: numberText(f.paidAmount),
    note: f.note ?? '',
  };
}

export function financingBody(form: FinancingForm): Record<string, unknown> {
  return {
    programme: form.programme,
    legalBasis: str(form.legalBasis),
    applicant: str(form.applicant),
    status: form.status,
    applicationDate: str(form.applicationDate),
    appliedAmount: optNum(form.appliedAmount),
    grantedAmount: optNum(form.grantedAmount),
    decisionDate: str(form.decisionDate),
    decisionRef: str(form.decisionRef),
    totalEligibleCost: optNum(form.totalEligibleCost),
    privateCofinancing: optNum(form.privateCofinancing),
    publicCofinancing: optNum(form.publicCofinancing),
    payoutStatus: form.payoutStatus,
    paidAmount: optNum(form.paidAmount),
    note: str(form.note),
  };
}

export function checkFinancing(form: FinancingForm) {
  const body = financingBody(form);
  return { body, result: financingCreateSchema.safeParse(body) };
}

export interface AgreementForm {
  type: AgreementType;
  title: string;
  /** One party per line. */
  parties: string;
  startDate: string;
  endDate: string;
  noticeMonths: string;
  status: AgreementStatus;
  signedDate: string;
  reminderDays: string;
  note: string;
}

export function emptyAgreement(): AgreementForm {
  return {
    type: 'driftavtal_butik',
    title: '',
    parties: '',
    startDate: '',
    endDate: '',
    noticeMonths: '0',
    status: 'draft',
    signedDate: '',
    reminderDays: '90',
    note: '',
  };
}

export function agreementForm(a: Agreement): AgreementForm {
  return {
    type: a.type,
    title: a.title ?? '',
    parties: a.parties.join('\n'),
    startDate: a.startDate ?? '',
    endDate: a.endDate ?? '',
    noticeMonths: String(a.noticeMonths),
    status: a.status,
    signedDate: a.signedDate ?? '',
    reminderDays: String(a.reminderDays),
    note: a.note ?? '',
  };
}

export function agreementBody(form: AgreementForm): Record<string, unknown> {
  return {
    type: form.type,
    title: str(form.title),
    parties: form.parties
      .split(/\n|;/)
      .map((p) => p.trim())
      .filter(Boolean),
    startDate: str(form.startDate),
    endDate: str(form.endDate),
    noticeMonths: num(form.noticeMonths),
    status: form.status,
    signedDate: str(form.signedDate),
    reminderDays: num(form.reminderDays),
    note: str(form.note),
  };
}

export function checkAgreement(form: AgreementForm) {
  const body = agreementBody(form);
  return { body, result: agreementCreateSchema.safeParse(body) };
}
