import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, monthEnd, monthStart, stockholmDate } from '../../sot/dates.js';
import { call, storeAndFuel } from '../../sot/test-fixtures.js';
import { createTestApp, loginAs, type Session, type TestContext } from '../../test/fixtures.js';

let t: TestContext;
let muni: Session;
let county: Session;
let op: Session;
let pointId: number;
let version: number;
const today = stockholmDate();

beforeAll(async () => {
  t = await createTestApp();
  muni = await loginAs(t.app, 'muni2321');
  county = await loginAs(t.app, 'county23');
  op = await loginAs(t.app, 'op2321');
  const pair = await storeAndFuel(t.database.db, '2321', 100);
  const p = (
    await call(t.app, muni, { method: 'POST', url: '/api/sot/points', payload: { storeId: pair.storeId } })
  ).body;
  pointId = p.id;
  version = p.version;
  const ops = await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/operators` });
  const opId = ops.body.candidates.find((u: { username: string }) => u.username === 'op2321').id;
  await call(t.app, muni, {
    method: 'PUT',
    url: `/api/sot/points/${pointId}/operators`,
    payload: { userIds: [opId] },
  });
});
afterAll(async () => t.close());

describe('test runs', () => {
  it('nothing is due before a generator is installed', async () => {
    const res = await call(t.app, op, { method: 'GET', url: `/api/sot/points/${pointId}/test-runs` });
    expect(res.status).toBe(200);
    expect(res.body.schedule).toEqual({ monthlyHours: 4, yearlyFullLoadHours: 12 });
    expect(res.body.status.monthly.status).toBe('not_applicable');
    expect(res.body.status.overdue).toBe(false);
  });

  it('is overdue when last month had no 4 h and no full-load run within a year of installation', async () => {
    version = (
      await call(t.app, muni, {
        method: 'PATCH',
        url: `/api/sot/points/${pointId}`,
        payload: { version, genset: { installed: true, kva: 60, installedDate: addMonths(today, -14) } },
      })
    ).body.version;
    const res = await call(t.app, county, { method: 'GET', url: `/api/sot/points/${pointId}/test-runs` });
    expect(res.body.status.monthly).toMatchObject({ status: 'overdue', overdueSince: monthStart(today) });
    expect(res.body.status.yearly).toMatchObject({ status: 'overdue', dueDate: addMonths(today, -2) });
    expect(res.body.status.overdue).toBe(true);
  });

  it('an operator logs runs from a phone; the status follows', async () => {
    const lastMonth = monthStart(addMonths(today, -1));
    let res = await call(t.app, op, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/test-runs`,
      payload: { date: lastMonth, durationHours: 4, passed: true },
    });
    expect(res.status).toBe(201);
    res = await call(t.app, op, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/test-runs`,
      payload: { durationHours: 12, fullLoad: true, loadPercent: 100, fuelUsedLitres: 160, passed: true },
    });
    expect(res.body.run).toMatchObject({ date: today, fullLoad: true, username: 'op2321' });
    expect(res.body.status.monthly).toMatchObject({ status: 'ok', hoursThisMonth: 12 });
    expect(res.body.status.yearly).toMatchObject({
      status: 'ok',
      lastFullLoadDate: today,
      dueDate: addMonths(today, 12),
    });
    expect(res.body.status.overdue).toBe(false);
    expect(res.body.status.nextDue).toBe(monthEnd(addMonths(monthStart(today), 1)));
  });

  it('a failed run with problems is logged but does not count', async () => {
    const res = await call(t.app, op, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/test-runs`,
      payload: { durationHours: 0.5, passed: false, problems: 'Startbatteriet svagt' },
    });
    expect(res.status).toBe(201);
    expect(res.body.status.monthly.hoursThisMonth).toBe(12);
    const log = await call(t.app, county, { method: 'GET', url: `/api/sot/points/${pointId}/test-runs` });
    expect(log.body.runs[0]).toMatchObject({ passed: false, problems: 'Startbatteriet svagt' });
  });

  it('a changed schedule changes the verdict', async () => {
    version = (
      await call(t.app, muni, {
        method: 'PATCH',
        url: `/api/sot/points/${pointId}`,
        payload: { version, testSchedule: { monthlyHours: 16, yearlyFullLoadHours: 12 } },
      })
    ).body.version;
    const res = await call(t.app, county, { method: 'GET', url: `/api/sot/points/${pointId}/test-runs` });
    expect(res.body.status.monthly).toMatchObject({ requiredHours: 16, status: 'overdue' });
  });

  it('refuses future dates and bad numbers; county and viewers cannot log', async () => {
    const future = await call(t.app, op, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/test-runs`,
      payload: { date: addDays(today, 1), durationHours: 4, passed: true },
    });
    expect(future.status).toBe(400);
    expect(future.body.error.details[0].field).toBe('date');
    const zero = await call(t.app, op, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/test-runs`,
      payload: { durationHours: 0, passed: true },
    });
    expect(zero.body.error.details[0].field).toBe('durationHours');
    expect(
      (
        await call(t.app, county, {
          method: 'POST',
          url: `/api/sot/points/${pointId}/test-runs`,
          payload: { durationHours: 4, passed: true },
        })
      ).status,
    ).toBe(403);
  });

  it('only editors delete a wrong entry', async () => {
    const log = await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/test-runs` });
    const failed = log.body.runs.find((r: { passed: boolean }) => !r.passed);
    expect(
      (await call(t.app, op, { method: 'DELETE', url: `/api/sot/points/${pointId}/test-runs/${failed.id}` }))
        .status,
    ).toBe(403);
    expect(
      (
        await call(t.app, muni, {
          method: 'DELETE',
          url: `/api/sot/points/${pointId}/test-runs/${failed.id}`,
        })
      ).status,
    ).toBe(204);
  });
});

describe('maintenance', () => {
  it('operators log maintenance, newest first', async () => {
    await call(t.app, op, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/maintenance`,
      payload: { type: 'oil', date: addMonths(today, -1), note: '15W-40, 12 l' },
    });
    const res = await call(t.app, op, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/maintenance`,
      payload: { type: 'filters' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'filters', date: today, username: 'op2321' });
    const list = await call(t.app, county, { method: 'GET', url: `/api/sot/points/${pointId}/maintenance` });
    expect(list.body.items.map((m: { type: string }) => m.type)).toEqual(['filters', 'oil']);
    const bad = await call(t.app, op, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/maintenance`,
      payload: { type: 'wash' },
    });
    expect(bad.status).toBe(400);
  });
});
