/**
 * When the generator must next be test-run, and whether it is overdue. MSB's guidance is at least
 * 4 hours a month and at least 12 hours at full load once a year (both configurable per point).
 *
 * Rules (Stockholm local dates, only passed runs count: a failed run must be repeated):
 * - Monthly: the passed hours of a calendar month must reach `monthlyHours`. The month the
 *   generator was installed is a grace month. The current month is `ok` once its hours are
 *   reached (next due: end of next month), otherwise `due` by its last day, or `overdue` when
 *   the previous month, which was required, fell short.
 * - Yearly: a passed full-load run of at least `yearlyFullLoadHours` within twelve months; due
 *   one year after the last one (or after installation), `due` from 30 days before, `overdue`
 *   after it.
 * - Nothing is required before a generator is installed (`not_applicable`).
 */
import { addDays, addMonths, daysBetween, monthEnd, monthStart } from './dates.js';
import type { TestSchedule } from './schemas.js';

export type DueStatus = 'ok' | 'due' | 'overdue' | 'not_applicable';

/** How many days before the yearly deadline it shows as `due`. */
export const YEARLY_DUE_WINDOW_DAYS = 30;

export interface RunFact {
  date: string;
  durationHours: number;
  fullLoad: boolean;
  passed: boolean;
}

export interface ScheduleStatus {
  monthly: {
    requiredHours: number;
    hoursThisMonth: number;
    hoursLastMonth: number;
    status: DueStatus;
    /** Last day by which the current requirement must be met. */
    dueDate: string | null;
    /** First day the point was overdue. */
    overdueSince: string | null;
  };
  yearly: {
    requiredHours: number;
    lastFullLoadDate: string | null;
    status: DueStatus;
    dueDate: string | null;
    overdueSince: string | null;
  };
  overdue: boolean;
  /** The earliest due date of the two. */
  nextDue: string | null;
  lastRunDate: string | null;
}

export interface ScheduleInput {
  schedule: TestSchedule;
  runs: RunFact[];
  /** Generator installed: the date if known, or true without a date, or false. */
  installed: boolean;
  installedDate: string | null;
  today: string;
}

function hoursIn(runs: RunFact[], from: string, to: string): number {
  let sum = 0;
  for (const r of runs) if (r.passed && r.date >= from && r.date <= to) sum += r.durationHours;
  return Math.round(sum * 100) / 100;
}

/** Next due, overdue, and the hours behind them. */
export function testScheduleStatus(input: ScheduleInput): ScheduleStatus {
  const { schedule, runs, today } = input;
  const relevant = runs.filter((r) => r.date <= today);
  const lastRunDate = relevant.reduce<string | null>((m, r) => (m === null || r.date > m ? r.date : m), null);
  const thisStart = monthStart(today);
  const lastMonthStart = addMonths(thisStart, -1);
  const hoursThisMonth = hoursIn(relevant, thisStart, monthEnd(today));
  const hoursLastMonth = hoursIn(relevant, lastMonthStart, monthEnd(lastMonthStart));
  const fullLoads = relevant.filter(
    (r) => r.passed && r.fullLoad && r.durationHours >= schedule.yearlyFullLoadHours,
  );
  const lastFullLoadDate = fullLoads.reduce<string | null>(
    (m, r) => (m === null || r.date > m ? r.date : m),
    null,
  );

  if (!input.installed) {
    return {
      monthly: {
        requiredHours: schedule.monthlyHours,
        hoursThisMonth,
        hoursLastMonth,
        status: 'not_applicable',
        dueDate: null,
        overdueSince: null,
      },
      yearly: {
        requiredHours: schedule.yearlyFullLoadHours,
        lastFullLoadDate,
        status: 'not_applicable',
        dueDate: null,
        overdueSince: null,
      },
      overdue: false,
      nextDue: null,
      lastRunDate,
    };
  }
  // Installed without a date: count from the first run, or from today if there is none.
  const firstRun = relevant.reduce<string | null>((m, r) => (m === null || r.date < m ? r.date : m), null);
  const start = input.installedDate ?? firstRun ?? today;
  /** A month is required when it starts after the installation (the installation month is grace). */
  const required = (monthFirstDay: string) => monthFirstDay > start;

  let monthly: ScheduleStatus['monthly'];
  const base = { requiredHours: schedule.monthlyHours, hoursThisMonth, hoursLastMonth };
  if (schedule.monthlyHours <= 0 || hoursThisMonth >= schedule.monthlyHours || !required(thisStart))
    monthly = { ...base, status: 'ok', dueDate: monthEnd(addMonths(thisStart, 1)), overdueSince: null };
  else if (required(lastMonthStart) && hoursLastMonth < schedule.monthlyHours)
    monthly = { ...base, status: 'overdue', dueDate: monthEnd(today), overdueSince: thisStart };
  else monthly = { ...base, status: 'due', dueDate: monthEnd(today), overdueSince: null };

  let yearly: ScheduleStatus['yearly'];
  const yBase = { requiredHours: schedule.yearlyFullLoadHours, lastFullLoadDate };
  if (schedule.yearlyFullLoadHours <= 0)
    yearly = { ...yBase, status: 'ok', dueDate: null, overdueSince: null };
  else {
    const dueDate = addMonths(lastFullLoadDate ?? start, 12);
    if (today > dueDate) yearly = { ...yBase, status: 'overdue', dueDate, overdueSince: addDays(dueDate, 1) };
    else if (daysBetween(today, dueDate) <= YEARLY_DUE_WINDOW_DAYS)
      yearly = { ...yBase, status: 'due', dueDate, overdueSince: null };
    else yearly = { ...yBase, status: 'ok', dueDate, overdueSince: null };
  }
  const dues = [monthly.dueDate, yearly.dueDate].filter((d): d is string => d !== null).sort();
  return {
    monthly,
    yearly,
    overdue: monthly.status === 'overdue' || yearly.status === 'overdue',
    nextDue: dues[0] ?? null,
    lastRunDate,
  };
}
