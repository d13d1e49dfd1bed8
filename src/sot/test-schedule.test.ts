import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, monthEnd, monthStart, stockholmDate } from './dates.js';
import { type RunFact, testScheduleStatus } from './test-schedule.js';

const schedule = { monthlyHours: 4, yearlyFullLoadHours: 12 };
const run = (date: string, durationHours: number, extra: Partial<RunFact> = {}): RunFact => ({
  date,
  durationHours,
  fullLoad: false,
  passed: true,
  ...extra,
});
const status = (
  runs: RunFact[],
  today: string,
  installedDate: string | null = '2025-01-10',
  installed = true,
) => testScheduleStatus({ schedule, runs, installed, installedDate, today });

describe('Stockholm dates', () => {
  it('a run logged at 00:30 on the 1st in Stockholm belongs to the new month', () => {
    // 2026-02-28T23:30Z is 00:30 on 1 March in Stockholm (CET, UTC+1).
    expect(stockholmDate(new Date('2026-02-28T23:30:00Z'))).toBe('2026-03-01');
    // Summer time: UTC+2.
    expect(stockholmDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(stockholmDate(new Date('2026-06-30T21:30:00Z'))).toBe('2026-06-30');
  });

  it('month arithmetic clamps to the month end and handles leap years', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
    expect(monthEnd('2026-02-10')).toBe('2026-02-28');
    expect(monthStart('2026-02-10')).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
  });
});

describe('testScheduleStatus: monthly', () => {
  it('is ok once this month has 4 passed hours, next due at the end of next month', () => {
    const s = status([run('2026-06-02', 2), run('2026-06-10', 2)], '2026-06-15');
    expect(s.monthly).toMatchObject({ status: 'ok', hoursThisMonth: 4, dueDate: '2026-07-31' });
  });

  it('is due (not overdue) while this month is short but last month was done', () => {
    const yearly = run('2025-09-01', 12, { fullLoad: true });
    const s = status([yearly, run('2026-05-20', 4), run('2026-06-02', 1)], '2026-06-15');
    expect(s.monthly).toMatchObject({
      status: 'due',
      hoursThisMonth: 1,
      hoursLastMonth: 4,
      dueDate: '2026-06-30',
    });
    expect(s.overdue).toBe(false);
    // Without this year's full-load run the point is overdue all the same.
    expect(status([run('2026-05-20', 4), run('2026-06-02', 1)], '2026-06-15').overdue).toBe(true);
  });

  it('is overdue since the 1st when last month fell short', () => {
    const s = status([run('2026-05-20', 3.5)], '2026-06-15');
    expect(s.monthly).toMatchObject({ status: 'overdue', overdueSince: '2026-06-01', dueDate: '2026-06-30' });
    expect(s.overdue).toBe(true);
  });

  it('failed runs do not count', () => {
    const s = status(
      [run('2026-05-20', 4, { passed: false }), run('2026-06-01', 5, { passed: false })],
      '2026-06-15',
    );
    expect(s.monthly.status).toBe('overdue');
    expect(s.monthly.hoursThisMonth).toBe(0);
    expect(s.lastRunDate).toBe('2026-06-01');
  });

  it('the installation month is a grace month, and the month after it is only due', () => {
    expect(status([], '2026-06-20', '2026-06-05').monthly).toMatchObject({
      status: 'ok',
      dueDate: '2026-07-31',
    });
    expect(status([], '2026-07-20', '2026-06-05').monthly).toMatchObject({
      status: 'due',
      dueDate: '2026-07-31',
    });
    expect(status([], '2026-08-02', '2026-06-05').monthly.status).toBe('overdue');
  });

  it('ignores runs dated after today', () => {
    expect(status([run('2026-06-20', 4)], '2026-06-15').monthly.hoursThisMonth).toBe(0);
  });

  it('counts a run on the last day of the month in that month', () => {
    const s = status([run('2026-05-31', 4)], '2026-06-01');
    expect(s.monthly).toMatchObject({ status: 'due', hoursLastMonth: 4 });
  });
});

describe('testScheduleStatus: yearly full load', () => {
  it('is due a year after the last passed full-load run of at least 12 h', () => {
    const s = status([run('2025-09-10', 12, { fullLoad: true })], '2026-06-15');
    expect(s.yearly).toMatchObject({ status: 'ok', lastFullLoadDate: '2025-09-10', dueDate: '2026-09-10' });
  });

  it('short, failed or part-load runs do not count', () => {
    const s = status(
      [
        run('2026-03-01', 11.5, { fullLoad: true }),
        run('2026-03-02', 12, { fullLoad: true, passed: false }),
        run('2026-03-03', 14),
      ],
      '2026-06-15',
      '2025-01-10',
    );
    expect(s.yearly.lastFullLoadDate).toBeNull();
    // Counted from the installation: due 2026-01-10, overdue since the day after.
    expect(s.yearly).toMatchObject({ status: 'overdue', dueDate: '2026-01-10', overdueSince: '2026-01-11' });
  });

  it('shows as due within 30 days of the deadline', () => {
    expect(status([run('2025-07-10', 12, { fullLoad: true })], '2026-06-15').yearly.status).toBe('due');
    expect(status([run('2025-07-16', 12, { fullLoad: true })], '2026-06-15').yearly.status).toBe('ok');
  });

  it('nextDue is the earlier of the two deadlines', () => {
    const s = status([run('2025-07-10', 12, { fullLoad: true }), run('2026-06-01', 4)], '2026-06-15');
    expect(s.monthly.dueDate).toBe('2026-07-31');
    expect(s.yearly.dueDate).toBe('2026-07-10');
    expect(s.nextDue).toBe('2026-07-10');
  });
});

describe('testScheduleStatus: no generator', () => {
  it('requires nothing before a generator is installed', () => {
    const s = status([], '2026-06-15', null, false);
    expect(s.monthly.status).toBe('not_applicable');
    expect(s.yearly.status).toBe('not_applicable');
    expect(s.overdue).toBe(false);
    expect(s.nextDue).toBeNull();
  });

  it('installed without a date counts from the first run', () => {
    const s = status([run('2026-04-03', 1)], '2026-06-15', null);
    expect(s.yearly.dueDate).toBe('2027-04-03');
    expect(s.monthly.status).toBe('overdue');
  });

  it('a schedule of 0 hours is always met', () => {
    const s = testScheduleStatus({
      schedule: { monthlyHours: 0, yearlyFullLoadHours: 0 },
      runs: [],
      installed: true,
      installedDate: '2020-01-01',
      today: '2026-06-15',
    });
    expect(s.overdue).toBe(false);
    expect(s.monthly.status).toBe('ok');
    expect(s.yearly.status).toBe('ok');
  });
});
