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
});
afterAll(async () => t.close());

describe('/api/users', () => {
  it('lists users without password hashes and adds one', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toMatch(/scrypt|password/i);
    expect(list.json().items.map((u: { username: string }) => u.username)).toContain('op2321');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        username: 'frg.kall',
        password: 'a-long-password-1',
        role: 'operator',
        municipalityCode: '2321',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      username: 'frg.kall',
      role: 'operator',
      countyCode: '23',
      municipalityCode: '2321',
    });
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'frg.kall', password: 'a-long-password-1', role: 'viewer', countyCode: '23' },
    });
    expect(dup.statusCode).toBe(409);
    const noTerritory = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'lonely', password: 'a-long-password-1', role: 'municipality' },
    });
    expect(noTerritory.statusCode).toBe(400);
    expect(noTerritory.json().error.details[0].field).toBe('municipalityCode');
    // A misspelled key is named, not dropped (it would have created a user without its territory).
    const misspelled = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'typo', password: 'a-long-password-1', role: 'operator', municipality: '2321' },
    });
    expect(misspelled.statusCode).toBe(400);
    expect(misspelled.json().error.details).toContainEqual(
      expect.objectContaining({ field: 'municipality', reason: 'unknown field' }),
    );
  });

  it('assigns service points to an operator, who then sees exactly those', async () => {
    const ids: number[] = [];
    for (const code of ['2321', '2380'])
      ids.push(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/service-points',
            headers: admin.headers,
            payload: servicePointInput(code),
          })
        ).json().id,
      );
    const users = (await t.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers })).json()
      .items;
    const op = users.find((u: { username: string }) => u.username === 'op2321');
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${op.id}/assignments`,
      headers: county23.headers,
      payload: { servicePointIds: [ids[1]] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ userId: op.id, servicePointIds: [ids[1]] });
    const get = await t.app.inject({
      method: 'GET',
      url: `/api/users/${op.id}/assignments`,
      headers: admin.headers,
    });
    expect(get.json().servicePointIds).toEqual([ids[1]]);

    const operator = await loginAs(t.app, 'op2321');
    const seen = (
      await t.app.inject({ method: 'GET', url: '/api/service-points', headers: operator.headers })
    ).json();
    expect(seen.items.map((p: { id: number }) => p.id)).toEqual([ids[1]]);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/service-points/${ids[0]}`, headers: operator.headers }))
        .statusCode,
    ).toBe(404);

    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${op.id}/assignments`,
      headers: county23.headers,
      payload: { servicePointIds: ['x'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('servicePointIds.0');
  });
});
