/**
 * The operator's test-run and maintenance forms (kept small: they are filled in on a phone next
 * to the generator) and the bodies the server's schemas accept.
 */
import {
  type MaintenanceType,
  maintenanceCreateSchema,
  testRunCreateSchema,
  testScheduleSchema,
} from '../../../../src/sot/schemas.js';
import { parseDecimal } from '../../i18n.js';

const optNum = (text: string): number | null => (text.trim() === '' ? null : (parseDecimal(text) ?? null));
const str = (text: string): string | null => (text.trim() === '' ? null : text.trim());

export interface TestRunForm {
  date: string;
  durationHours: string;
  loadPercent: string;
  loadKw: string;
  fullLoad: boolean;
  fuelUsedLitres: string;
  /** '' until the operator says. */
  passed: '' | 'true' | 'false';
  problems: string;
}

export function emptyTestRun(today: string): TestRunForm {
  return {
    date: today,
    durationHours: '',
    loadPercent: '',
    loadKw: '',
    fullLoad: false,
    fuelUsedLitres: '',
    passed: '',
    problems: '',
  };
}

export function checkTestRun(form: TestRunForm) {
  const body = {
    ...(form.date ? { date: form.date } : {}),
    durationHours: parseDecimal(form.durationHours),
    loadPercent: optNum(form.loadPercent),
    loadKw: optNum(form.loadKw),
    fullLoad: form.fullLoad,
    fuelUsedLitres: optNum(form.fuelUsedLitres),
    passed: form.passed === '' ? undefined : form.passed === 'true',
    problems: str(form.problems),
  };
  return { body, result: testRunCreateSchema.safeParse(body) };
}

export interface MaintenanceForm {
  type: MaintenanceType;
  date: string;
  note: string;
}

export function checkMaintenance(form: MaintenanceForm) {
  const body = { type: form.type, ...(form.date ? { date: form.date } : {}), note: str(form.note) };
  return { body, result: maintenanceCreateSchema.safeParse(body) };
}

export interface ScheduleForm {
  monthlyHours: string;
  yearlyFullLoadHours: string;
}

export function checkSchedule(form: ScheduleForm) {
  const body = {
    monthlyHours: parseDecimal(form.monthlyHours),
    yearlyFullLoadHours: parseDecimal(form.yearlyFullLoadHours),
  };
  return { body, result: testScheduleSchema.safeParse(body) };
}
