import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../shared/audit-codes.js';
import { call, storeAndFuel } from '../../sot/test-fixtures.js';
import {
  createTestApp,
  loginAs,
  type Session,
  servicePointInput,
  type TestContext,
} from '../../test/fixtures.js';

let t: TestContext;
let admin: Session;
let county23: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  county23 = await loginAs(t.app, 'county23');
  for (const code of ['2321', '2380', '2480'])
    await t.app.inject({
      method: 'POST',
      url: '/api/service-points',
      headers: admin.headers,
      payload: servicePointInput(code),
    });
});
afterAll(async () => t.close());

describe('GET /api/audit', () => {
  it('gives admins every entry and county users only their county', async () => {
    const all = (
      await t.app.inject({ method: 'GET', url: '/api/audit?action=create', headers: admin.headers })
    ).json();
    expect(all.items.map((e: { municipalityCode: string }) => e.municipalityCode).sort()).toEqual([
      '2321',
      '2380',
      '2480',
    ]);
    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/audit?action=create', headers: county23.headers })
    ).json();
    expect(mine.items.map((e: { municipalityCode: string }) => e.municipalityCode).sort()).toEqual([
      '2321',
      '2380',
    ]);
    expect(mine.total).toBe(2);
  });

  it('validates the filters', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit?from=last-week',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('from');
  });

  it('accepts every recorded action and names a bad one', async () => {
    for (const action of AUDIT_ACTIONS) {
      const res = await call(t.app, admin, { method: 'GET', url: `/api/audit?action=${action}` });
      expect(res.status, action).toBe(200);
      for (const item of res.body.items) expect(item.action).toBe(action);
    }
    for (const bad of ['drop', 'Create', 'user']) {
      const res = await call(t.app, admin, { method: 'GET', url: `/api/audit?action=${bad}` });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.details[0].field).toBe('action');
    }
  });

  it('lists logins, with the user in the row and the user id as entity', async () => {
    const logins = await call(t.app, admin, {
      method: 'GET',
      url: '/api/audit?action=login&entityType=session',
    });
    const admins = logins.body.items.filter((e: { username: string }) => e.username === 'admin');
    expect(admins.length).toBeGreaterThan(0);
    expect(admins[0].entityId).toBe(String(admins[0].userId));
    const own = await call(t.app, county23, { method: 'GET', url: '/api/audit?action=login' });
    const who = new Set(own.body.items.map((e: { username: string }) => e.username));
    expect(who.has('county23')).toBe(true);
    expect(who.has('admin')).toBe(false);
  });

  it('answers who read the members of one SOT-punkt, within the county', async () => {
    const muni = await loginAs(t.app, 'muni2321');
    const { storeId } = await storeAndFuel(t.database.db, '2321');
    const point = await call(t.app, muni, { method: 'POST', url: '/api/sot/points', payload: { storeId } });
    expect(point.status).toBe(201);
    const id = point.body.id as number;
    expect((await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${id}/members` })).status).toBe(
      200,
    );
    const url = `/api/audit?action=read&entityType=sot_members&entityId=${id}`;
    const reads = await call(t.app, county23, { method: 'GET', url });
    expect(reads.status).toBe(200);
    expect(reads.body.items.map((e: { username: string }) => e.username)).toEqual(['muni2321']);
    expect(reads.body.items[0].details).toMatchObject({ pointId: id });
    const county24 = await loginAs(t.app, 'county24');
    expect((await call(t.app, county24, { method: 'GET', url })).body.total).toBe(0);
  });
});
