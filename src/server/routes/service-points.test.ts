import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicePointSchema } from '../../shared/service-point.js';
import {
  createTestApp,
  loginAs,
  type Session,
  servicePointInput,
  type TestContext,
} from '../../test/fixtures.js';

let t: TestContext;
const s: Record<string, Session> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['admin', 'county23', 'muni2321', 'muni2480', 'viewer2321'])
    s[who] = await loginAs(t.app, who);
});
afterAll(async () => t.close());

function call(who: string, method: InjectOptions['method'], url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: s[who].headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

describe('POST /api/service-points', () => {
  it('creates a point and answers 201 with the stored point', async () => {
    const res = await call(
      'muni2321',
      'POST',
      '/api/service-points',
      servicePointInput('2321', { name: 'Kall Lanthandel' }),
    );
    expect(res.statusCode).toBe(201);
    const body = servicePointSchema.parse(res.json());
    expect(body).toMatchObject({ name: 'Kall Lanthandel', municipalityCode: '2321', version: 1 });
  });

  it.each([
    ['unknown kind', { kind: 'casino' }, 'kind'],
    ['latitude out of range', { lat: 95 }, 'lat'],
    [
      'grocery attribute of the wrong type',
      { attributes: { assortmentArticles: 'lots' } },
      'attributes.assortmentArticles',
    ],
    ['missing name', { name: '' }, 'name'],
  ])('rejects %s naming the field', async (_label, over, field) => {
    const res = await call('muni2321', 'POST', '/api/service-points', {
      ...servicePointInput('2321'),
      ...over,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.id).toBe('validation_failed');
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('rejects an attribute the kind does not have', async () => {
    const res = await call('muni2321', 'POST', '/api/service-points', {
      ...servicePointInput('2321'),
      kind: 'pharmacy',
      attributes: { freshGroups: ['dairy'] },
    });
    expect(res.statusCode).toBe(400);
    const [detail] = res.json().error.details;
    expect(detail.field).toBe('attributes');
    expect(detail.reason).toMatch(/freshGroups.*pharmacy/);
  });

  it('forbids creating in another municipality', async () => {
    const res = await call('muni2321', 'POST', '/api/service-points', servicePointInput('2380'));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.id).toBe('forbidden');
  });

  it('rejects a position outside every municipality on lat and lon', async () => {
    const res = await call(
      'county23',
      'POST',
      '/api/service-points',
      servicePointInput('2321', { lat: 59, lon: 30 }),
    );
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['lat', 'lon']);
  });
});

describe('PATCH and DELETE /api/service-points/:id', () => {
  it('keeps fields the client did not send, answers 409 on a stale version', async () => {
    const created = (
      await call(
        'muni2321',
        'POST',
        '/api/service-points',
        servicePointInput('2321', {
          attributes: { assortmentArticles: 3000, freshGroups: ['bread'] },
          power: { type: 'backup', kva: 70 },
          externalIds: { osm: 'node/77' },
        }),
      )
    ).json();
    const res = await call('muni2321', 'PATCH', `/api/service-points/${created.id}`, {
      version: 1,
      openingHours: 'Mo-Su 08:00-21:00',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      version: 2,
      openingHours: 'Mo-Su 08:00-21:00',
      attributes: { assortmentArticles: 3000, freshGroups: ['bread'] },
      power: { type: 'backup', kva: 70 },
      externalIds: { osm: 'node/77' },
    });
    const stale = await call('muni2321', 'PATCH', `/api/service-points/${created.id}`, {
      version: 1,
      name: 'X',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.id).toBe('conflict');
    const missingVersion = await call('muni2321', 'PATCH', `/api/service-points/${created.id}`, {
      name: 'X',
    });
    expect(missingVersion.statusCode).toBe(400);
    expect(missingVersion.json().error.details[0].field).toBe('version');
  });

  it('lets a municipality user neither move a point out nor see other municipalities', async () => {
    const mine = (await call('muni2321', 'POST', '/api/service-points', servicePointInput('2321'))).json();
    const moved = await call('muni2321', 'PATCH', `/api/service-points/${mine.id}`, {
      version: 1,
      lat: 63.25,
      lon: 20.25,
    });
    expect(moved.statusCode).toBe(403);
    const theirs = (await call('muni2480', 'POST', '/api/service-points', servicePointInput('2480'))).json();
    expect((await call('muni2321', 'GET', `/api/service-points/${theirs.id}`)).statusCode).toBe(404);
    expect(
      (await call('muni2321', 'PATCH', `/api/service-points/${theirs.id}`, { version: 1 })).statusCode,
    ).toBe(404);
    expect((await call('muni2321', 'DELETE', `/api/service-points/${theirs.id}`)).statusCode).toBe(404);
    expect((await call('admin', 'GET', `/api/service-points/${theirs.id}`)).statusCode).toBe(200);
  });

  it('deletes with an optional version check and 404s afterwards', async () => {
    const p = (await call('muni2321', 'POST', '/api/service-points', servicePointInput('2321'))).json();
    expect((await call('muni2321', 'DELETE', `/api/service-points/${p.id}?version=5`)).statusCode).toBe(409);
    expect((await call('muni2321', 'DELETE', `/api/service-points/${p.id}?version=1`)).statusCode).toBe(204);
    expect((await call('muni2321', 'GET', `/api/service-points/${p.id}`)).statusCode).toBe(404);
    expect((await call('muni2321', 'GET', '/api/service-points/abc')).statusCode).toBe(400);
  });

  it('records create, update and delete with before and after in the audit log', async () => {
    const p = (await call('county23', 'POST', '/api/service-points', servicePointInput('2380'))).json();
    const u = (
      await call('county23', 'PATCH', `/api/service-points/${p.id}`, { version: 1, chain: 'Coop' })
    ).json();
    await call('county23', 'DELETE', `/api/service-points/${p.id}`);
    const audit = await call('county23', 'GET', `/api/audit?entityType=service_point&entityId=${p.id}`);
    expect(audit.statusCode).toBe(200);
    const items = audit.json().items as {
      action: string;
      before: unknown;
      after: unknown;
      username: string;
    }[];
    expect(items.map((i) => i.action)).toEqual(['delete', 'update', 'create']);
    expect(items.every((i) => i.username === 'county23')).toBe(true);
    expect(items[2]).toMatchObject({ before: null, after: p });
    expect(items[1]).toMatchObject({ before: p, after: u });
    expect(items[0]).toMatchObject({ before: u, after: null });
  });
});

describe('GET /api/service-points', () => {
  let ids: Record<string, number>;
  beforeAll(async () => {
    ids = {};
    const rows: [string, string, Record<string, unknown>][] = [
      ['hede', '2380', { name: 'Hede Handel', kind: 'grocery', lat: 63.1, lon: 14.1 }],
      [
        'mack',
        '2380',
        { name: 'Hede Mack', kind: 'fuel', attributes: { fuels: ['diesel'] }, lat: 63.4, lon: 14.4 },
      ],
      ['umea', '2480', { name: 'Umeå Livs', kind: 'grocery', chain: 'Hemköp' }],
    ];
    for (const [key, code, over] of rows)
      ids[key] = (
        await call('admin', 'POST', '/api/service-points', servicePointInput(code, over))
      ).json().id;
  });

  it('parses bbox, kinds, q, paging and sort from the query string', async () => {
    const bbox = await call('admin', 'GET', '/api/service-points?bbox=14,63,14.2,63.2');
    expect(bbox.json().items.map((p: { id: number }) => p.id)).toEqual([ids.hede]);
    const kinds = await call('admin', 'GET', '/api/service-points?kinds=fuel,pharmacy&municipality=2380');
    expect(kinds.json().items.map((p: { id: number }) => p.id)).toEqual([ids.mack]);
    const q = await call('admin', 'GET', '/api/service-points?q=hemk');
    expect(q.json().items.map((p: { id: number }) => p.id)).toEqual([ids.umea]);
    const paged = await call(
      'admin',
      'GET',
      '/api/service-points?q=hede&sort=name&order=desc&pageSize=1&page=2',
    );
    expect(paged.json()).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.json().items.map((p: { id: number }) => p.id)).toEqual([ids.hede]);
  });

  it('limits county users to their county', async () => {
    const res = await call('county23', 'GET', '/api/service-points?q=e&pageSize=1000');
    const codes = new Set(
      res.json().items.map((p: { municipalityCode: string }) => p.municipalityCode.slice(0, 2)),
    );
    expect(codes).toEqual(new Set(['23']));
    expect((await call('county23', 'GET', '/api/service-points?county=24')).json().total).toBe(0);
  });

  it('answers format=geojson with a FeatureCollection for the map', async () => {
    const res = await call('viewer2321', 'GET', '/api/service-points?format=geojson');
    expect(res.statusCode).toBe(200);
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.total).toBe(fc.features.length);
    const admin = (await call('admin', 'GET', `/api/service-points?format=geojson&q=Hede Mack`)).json();
    expect(admin.features).toEqual([
      {
        type: 'Feature',
        id: ids.mack,
        geometry: { type: 'Point', coordinates: [14.4, 63.4] },
        properties: expect.objectContaining({
          kind: 'fuel',
          name: 'Hede Mack',
          municipalityCode: '2380',
          power: 'grid',
        }),
      },
    ]);
  });

  it.each([
    ['bbox=1,2,3', 'bbox'],
    ['kinds=grocery,casino', 'kinds'],
    ['sort=population', 'sort'],
    ['pageSize=0', 'pageSize'],
    ['municipality=23', 'municipality'],
  ])('rejects %s naming %s', async (qs, field) => {
    const res = await call('admin', 'GET', `/api/service-points?${qs}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toMatch(new RegExp(`^${field}`));
  });
});
