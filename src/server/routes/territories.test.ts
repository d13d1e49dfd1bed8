import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestContext } from '../../test/fixtures.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('/api/territories', () => {
  it('lists the territories the caller may read', async () => {
    const muni = await loginAs(t.app, 'muni2321');
    const res = await t.app.inject({ method: 'GET', url: '/api/territories', headers: muni.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      counties: [{ code: '23', name: 'Testlän A', bbox: null }],
      municipalities: [{ code: '2321', name: 'Åretest', countyCode: '23', bbox: [13, 63, 13.5, 63.5] }],
    });
  });

  it('serves the home county boundaries as GeoJSON polygons', async () => {
    const county = await loginAs(t.app, 'county24');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/territories/boundaries',
      headers: county.headers,
    });
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f: { id: string }) => f.id)).toEqual(['2480']);
    expect(fc.features[0].geometry.coordinates[0][0]).toEqual([20, 63]);
    expect(fc.features[0].properties).toEqual({
      code: '2480',
      name: 'Umetest',
      countyCode: '24',
      readable: true,
    });
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/territories/boundaries?county=2',
      headers: county.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('county');
  });
});
