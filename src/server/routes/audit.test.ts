import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
