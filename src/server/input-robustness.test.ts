/**
 * Hostile input across the API: NUL characters in any text field, ids beyond the int4 columns
 * and misspelled fields must each be a 400 `validation_failed` naming the field, never a 500
 * and never silently dropped.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DB_INT } from '../shared/ids.js';
import { storeAndFuel } from '../sot/test-fixtures.js';
import {
  createTestApp,
  loginAs,
  type Session,
  servicePointInput,
  type TestContext,
} from '../test/fixtures.js';

let t: TestContext;
let admin: Session;
let muni: Session;
let spId: number;
let placeId: number;
let sotId: number;
let operatorId: number;

function call(who: Session | null, method: InjectOptions['method'], url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: who?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Asserts a 400 validation_failed whose details name `field`. */
function expectFieldError(res: { statusCode: number; json(): unknown }, field: string) {
  const body = res.json() as { error: { id: string; details: { field?: string }[] } };
  expect({ status: res.statusCode, id: body.error?.id }).toEqual({ status: 400, id: 'validation_failed' });
  expect(body.error.details.map((d) => d.field)).toContain(field);
}

async function servicePointVersion(id: number): Promise<number> {
  return (await call(admin, 'GET', `/api/service-points/${id}`)).json().version;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  muni = await loginAs(t.app, 'muni2321');
  const sp = await call(
    muni,
    'POST',
    '/api/service-points',
    servicePointInput('2321', { name: 'Byhandeln' }),
  );
  spId = sp.json().id;
  const place = await call(admin, 'POST', '/api/places', { name: 'Byn', lat: 63.2, lon: 14.2 });
  placeId = place.json().id;
  const { storeId } = await storeAndFuel(t.database.db, '2321');
  const sot = await call(muni, 'POST', '/api/sot/points', { storeId });
  sotId = sot.json().id;
  const users = (await call(admin, 'GET', '/api/users')).json().items as { id: number; username: string }[];
  operatorId = users.find((u) => u.username === 'op2321')?.id ?? 0;
  expect([sp.statusCode, place.statusCode, sot.statusCode]).toEqual([201, 201, 201]);
  expect(operatorId).toBeGreaterThan(0);
});
afterAll(async () => t.close());

describe('NUL (U+0000) in text', () => {
  it('login username: 400 naming username, not a 500', async () => {
    const res = await call(null, 'POST', '/api/auth/login', { username: 'admin\u0000', password: 'x' });
    expectFieldError(res, 'username');
  });

  it.each([
    ['name', { name: 'Nul\u0000namn' }, 'name'],
    ['address', { address: 'Storgatan 1\u0000' }, 'address'],
    ['openingHours', { openingHours: 'Mo-Fr\u0000' }, 'openingHours'],
    ['an attribute inside jsonb', { attributes: { note: 'a\u0000b' } }, 'attributes.note'],
    ['an attribute key', { attributes: { 'no\u0000te': 'x' } }, 'attributes.no\u0000te'],
  ])('POST /api/service-points with NUL in %s names it', async (_label, over, field) => {
    const before = (await call(admin, 'GET', '/api/service-points?pageSize=1')).json().total;
    const res = await call(muni, 'POST', '/api/service-points', { ...servicePointInput('2321'), ...over });
    expectFieldError(res, field);
    expect((await call(admin, 'GET', '/api/service-points?pageSize=1')).json().total).toBe(before);
  });

  it('PATCH /api/service-points/:id with NUL is refused and changes nothing', async () => {
    const version = await servicePointVersion(spId);
    const res = await call(muni, 'PATCH', `/api/service-points/${spId}`, { version, name: 'X\u0000' });
    expectFieldError(res, 'name');
    expect(await servicePointVersion(spId)).toBe(version);
  });

  it('PATCH /api/sot/points/:id name', async () => {
    const version = (await call(muni, 'GET', `/api/sot/points/${sotId}`)).json().version;
    const res = await call(muni, 'PATCH', `/api/sot/points/${sotId}`, { version, name: 'X\u0000' });
    expectFieldError(res, 'name');
  });

  it('names the element of an array (member competences)', async () => {
    const res = await call(muni, 'POST', `/api/sot/points/${sotId}/members`, {
      name: 'Anna',
      competences: ['sjukvård', 'el\u0000'],
    });
    expectFieldError(res, 'competences.1');
  });

  it('POST /api/places name', async () => {
    const res = await call(admin, 'POST', '/api/places', { name: 'N\u0000', lat: 63.2, lon: 14.2 });
    expectFieldError(res, 'name');
  });

  it('GET /api/service-points?q=%00 names q', async () => {
    expectFieldError(await call(muni, 'GET', '/api/service-points?q=%00'), 'q');
  });

  it('a NUL in a path parameter is a 400, not a database error', async () => {
    const res = await call(admin, 'GET', '/api/access/points/service_point%3A1%00');
    expectFieldError(res, 'ref');
  });

  it('other unusual text still passes (emoji, combining marks, RTL override)', async () => {
    const name = '🛒 Åäö e\u0301 \u202e';
    const res = await call(muni, 'POST', '/api/service-points', servicePointInput('2321', { name }));
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe(name);
  });
});

describe('ids beyond the int4 columns', () => {
  const big = MAX_DB_INT + 1;

  const cases: [string, InjectOptions['method'], () => string, unknown, string][] = [
    ['GET service point', 'GET', () => `/api/service-points/${big}`, undefined, 'id'],
    ['PATCH service point', 'PATCH', () => `/api/service-points/${big}`, { version: 1, name: 'Y' }, 'id'],
    ['DELETE service point', 'DELETE', () => `/api/service-points/${big}`, undefined, 'id'],
    ['GET place', 'GET', () => `/api/places/${big}`, undefined, 'id'],
    ['GET access run', 'GET', () => `/api/access/runs/${big}`, undefined, 'id'],
    ['GET SOT point', 'GET', () => `/api/sot/points/${big}`, undefined, 'id'],
    ['DELETE SOT document', 'DELETE', () => `/api/sot/points/${sotId}/documents/${big}`, undefined, 'itemId'],
    [
      'PUT assignments of a huge user id',
      'PUT',
      () => `/api/users/${big}/assignments`,
      { servicePointIds: [1] },
      'id',
    ],
    [
      'PUT assignments with a huge service point id',
      'PUT',
      () => `/api/users/${operatorId}/assignments`,
      { servicePointIds: [1, big] },
      'servicePointIds.1',
    ],
    ['POST SOT point with a huge storeId', 'POST', () => '/api/sot/points', { storeId: big }, 'storeId'],
    [
      'PATCH with a huge version',
      'PATCH',
      () => `/api/service-points/${spId}`,
      { version: 99_999_999_999, name: 'Y' },
      'version',
    ],
    [
      'DELETE with a huge version',
      'DELETE',
      () => `/api/service-points/${spId}?version=${big}`,
      undefined,
      'version',
    ],
  ];
  it.each(cases)('%s → 400 naming the field', async (_label, method, url, payload, field) => {
    expectFieldError(await call(admin, method, url(), payload), field);
  });

  it('the largest int4 id is valid input: a plain 404', async () => {
    for (const url of [`/api/service-points/${MAX_DB_INT}`, `/api/sot/points/${MAX_DB_INT}`]) {
      const res = await call(admin, 'GET', url);
      expect({ url, status: res.statusCode, id: res.json().error.id }).toEqual({
        url,
        status: 404,
        id: 'not_found',
      });
    }
  });
});

describe('unknown and misspelled fields', () => {
  it('POST /api/service-points with opening_hours: 400 naming it, nothing created', async () => {
    const before = (await call(admin, 'GET', '/api/service-points?pageSize=1')).json().total;
    const res = await call(muni, 'POST', '/api/service-points', {
      ...servicePointInput('2321'),
      opening_hours: 'Mo-Fr 08-20',
    });
    expectFieldError(res, 'opening_hours');
    expect((await call(admin, 'GET', '/api/service-points?pageSize=1')).json().total).toBe(before);
  });

  it('PATCH with only a misspelled field: 400 and the version is not bumped', async () => {
    const version = await servicePointVersion(spId);
    const res = await call(muni, 'PATCH', `/api/service-points/${spId}`, {
      version,
      opening_hours: 'Mo-Su 00-24',
    });
    expectFieldError(res, 'opening_hours');
    expect(await servicePointVersion(spId)).toBe(version);
  });

  it('names every unknown key', async () => {
    const res = await call(admin, 'POST', '/api/places', {
      name: 'X',
      lat: 63.2,
      lon: 14.2,
      pop: 3,
      typ: 'by',
    });
    expectFieldError(res, 'pop');
    expectFieldError(res, 'typ');
  });

  it('PATCH /api/places/:id with a misspelled field', async () => {
    const version = (await call(admin, 'GET', `/api/places/${placeId}`)).json().version;
    expectFieldError(
      await call(admin, 'PATCH', `/api/places/${placeId}`, { version, populaton: 10 }),
      'populaton',
    );
  });

  it('a nested unknown key is named with its path', async () => {
    const version = (await call(muni, 'GET', `/api/sot/points/${sotId}`)).json().version;
    const res = await call(muni, 'PATCH', `/api/sot/points/${sotId}`, {
      version,
      genset: { installed: true, kwa: 40 },
    });
    expectFieldError(res, 'genset.kwa');
  });

  it.each([
    ['POST', '/api/auth/login', { username: 'admin', password: 'x', remember: true }, 'remember'],
    ['PUT', '/api/access/config', { maxSnapMetre: 500 }, 'maxSnapMetre'],
    ['POST', '/api/access/runs', { group: 'grocery' }, 'group'],
    ['PUT', '/api/users/1/assignments', { servicePointIds: [], userId: 3 }, 'userId'],
  ] as const)('%s %s refuses an unknown key', async (method, url, payload, field) => {
    expectFieldError(await call(admin, method, url, payload), field);
  });
});
