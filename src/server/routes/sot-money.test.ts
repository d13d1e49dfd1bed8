import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, stockholmDate } from '../../sot/dates.js';
import { call, storeAndFuel } from '../../sot/test-fixtures.js';
import { createTestApp, loginAs, type Session, type TestContext } from '../../test/fixtures.js';

let t: TestContext;
let muni: Session;
let county: Session;
let admin: Session;
let pointId: number;

beforeAll(async () => {
  t = await createTestApp();
  muni = await loginAs(t.app, 'muni2321');
  county = await loginAs(t.app, 'county23');
  admin = await loginAs(t.app, 'admin');
  const pair = await storeAndFuel(t.database.db, '2321', 100);
  pointId = (
    await call(t.app, muni, { method: 'POST', url: '/api/sot/points', payload: { storeId: pair.storeId } })
  ).body.id;
});
afterAll(async () => t.close());

describe('financing', () => {
  it('checks the private share for 7.4/6b and fills in the legal basis', async () => {
    const res = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/financing`,
      payload: {
        programme: 'landsbygdsprogrammet_7_4_6b',
        applicant: 'Åretest kommun',
        status: 'ansokt',
        applicationDate: '2026-01-15',
        appliedAmount: 800_000,
        totalEligibleCost: 880_000,
        privateCofinancing: 80_000,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.legalBasis).toMatch(/2015:406.*7\.4\/6b/);
    expect(res.body.checks.privateShare).toBeCloseTo(80_000 / 880_000, 10);
    expect(res.body.checks.privateShareOk).toBe(false);
    expect(res.body.checks.flags.map((f: { code: string }) => f.code)).toEqual([
      'private_share_below_required',
    ]);
    expect(res.body.checks.open).toBe(true);

    const fixed = await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}/financing/${res.body.id}`,
      payload: {
        privateCofinancing: 88_000,
        status: 'beviljad',
        grantedAmount: 792_000,
        decisionDate: '2026-04-02',
      },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.checks.privateShareOk).toBe(true);
    expect(fixed.body.checks.gap).toBe(0);
    expect(fixed.body.checks.flags).toEqual([]);
    // A PATCH keeps what it did not mention (payout status default not re-applied).
    expect(fixed.body.applicant).toBe('Åretest kommun');
    expect(fixed.body.payoutStatus).toBe('ej_utbetalt');

    const paid = await call(t.app, muni, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}/financing/${res.body.id}`,
      payload: { payoutStatus: 'utbetalt', paidAmount: 792_000 },
    });
    expect(paid.body.checks.open).toBe(false);
  });

  it('county users read financing but do not change it; validation names the field', async () => {
    expect(
      (await call(t.app, county, { method: 'GET', url: `/api/sot/points/${pointId}/financing` })).body.items,
    ).toHaveLength(1);
    expect(
      (
        await call(t.app, county, {
          method: 'POST',
          url: `/api/sot/points/${pointId}/financing`,
          payload: { programme: 'egna_medel' },
        })
      ).status,
    ).toBe(403);
    const bad = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/financing`,
      payload: { programme: 'lotteri' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('programme');
  });

  it('an item of another point is not found through this point', async () => {
    const pair = await storeAndFuel(t.database.db, '2321', 90);
    const other = (
      await call(t.app, muni, { method: 'POST', url: '/api/sot/points', payload: { storeId: pair.storeId } })
    ).body.id;
    const item = (
      await call(t.app, muni, {
        method: 'POST',
        url: `/api/sot/points/${other}/financing`,
        payload: { programme: 'egna_medel' },
      })
    ).body.id;
    expect(
      (await call(t.app, muni, { method: 'DELETE', url: `/api/sot/points/${pointId}/financing/${item}` }))
        .status,
    ).toBe(404);
    expect(
      (await call(t.app, muni, { method: 'DELETE', url: `/api/sot/points/${other}/financing/${item}` }))
        .status,
    ).toBe(204);
  });
});

describe('agreements and renewal reminders', () => {
  it('computes the reminder from end date, notice period and reminder days', async () => {
    const today = stockholmDate();
    // Ends in 5 months with 3 months' notice: notice deadline in 2 months, reminder 90 days before that (past).
    const due = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/agreements`,
      payload: {
        type: 'avtal_frg',
        parties: ['Kommunen', 'FRG Testby'],
        startDate: addMonths(today, -30),
        endDate: addMonths(today, 5),
        noticeMonths: 3,
        status: 'signed',
      },
    });
    expect(due.status).toBe(201);
    expect(due.body.renewal.noticeDeadline).toBe(addMonths(addMonths(today, 5), -3));
    expect(due.body.renewal.reminderDate).toBe(addDays(addMonths(addMonths(today, 5), -3), -90));
    expect(due.body.renewal.reminderDue).toBe(true);
    expect(due.body.renewal.inForce).toBe(true);

    const later = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/agreements`,
      payload: {
        type: 'driftavtal_butik',
        startDate: today,
        endDate: addMonths(today, 48),
        noticeMonths: 6,
        status: 'signed',
      },
    });
    expect(later.body.renewal.reminderDue).toBe(false);

    // Signing the renewal of the FRG agreement silences the reminder of the old one.
    await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/agreements`,
      payload: {
        type: 'avtal_frg',
        startDate: addMonths(today, 5),
        endDate: addMonths(today, 41),
        status: 'signed',
      },
    });
    const list = (await call(t.app, county, { method: 'GET', url: `/api/sot/points/${pointId}/agreements` }))
      .body.items;
    const old = list.find((a: { id: number }) => a.id === due.body.id);
    expect(old.renewal).toMatchObject({ superseded: true, reminderDue: false });
  });

  it('refuses an end before the start, also when only one date is patched', async () => {
    const res = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/agreements`,
      payload: { type: 'underhall', startDate: '2026-05-01', endDate: '2026-04-01' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('endDate');
    const ok = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/agreements`,
      payload: { type: 'underhall', startDate: '2026-05-01', endDate: '2027-04-01' },
    });
    const patched = await call(t.app, admin, {
      method: 'PATCH',
      url: `/api/sot/points/${pointId}/agreements/${ok.body.id}`,
      payload: { endDate: '2026-01-01' },
    });
    expect(patched.status).toBe(400);
  });

  it('every write is in the audit log with before and after', async () => {
    const audit = await call(t.app, admin, { method: 'GET', url: '/api/audit?entityType=sot_agreement' });
    expect(audit.body.items.length).toBeGreaterThanOrEqual(4);
    expect(audit.body.items.every((a: { municipalityCode: string }) => a.municipalityCode === '2321')).toBe(
      true,
    );
    const fin = await call(t.app, admin, {
      method: 'GET',
      url: '/api/audit?entityType=sot_financing&action=update',
    });
    const decision = fin.body.items.find((a: { before: { status: string } }) => a.before.status === 'ansokt');
    expect(decision.before.privateCofinancing).toBe(80_000);
    expect(decision.after).toMatchObject({ privateCofinancing: 88_000, status: 'beviljad' });
    expect(decision.username).toBe('muni2321');
  });
});
