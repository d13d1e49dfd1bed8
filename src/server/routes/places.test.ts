import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeSchema } from '../../shared/service-point.js';
import { createTestApp, inside, loginAs, type Session, type TestContext } from '../../test/fixtures.js';

let t: TestContext;
const s: Record<string, Session> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['admin', 'muni2321', 'op2321']) s[who] = await loginAs(t.app, who);
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

describe('/api/places', () => {
  it('creates, lists by population, serves a GeoJSON layer, updates and deletes', async () => {
    const base = inside('2321');
    const made = [];
    for (const [name, population, seasonalPopulation, dLat] of [
      ['Duved', 700, 2500, 0],
      ['Kall', 250, 600, 0.1],
      ['Storlien', 60, 4000, 0.2],
    ] as const) {
      const res = await call('muni2321', 'POST', '/api/places', {
        name,
        population,
        seasonalPopulation,
        placeType: 'village',
        lat: base.lat + dLat,
        lon: base.lon,
      });
      expect(res.statusCode).toBe(201);
      made.push(placeSchema.parse(res.json()));
    }
    const list = await call('muni2321', 'GET', '/api/places?sort=population&order=desc');
    expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(['Duved', 'Kall', 'Storlien']);
    const layer = (await call('muni2321', 'GET', '/api/places?format=geojson&q=stor')).json();
    expect(layer.features).toHaveLength(1);
    expect(layer.features[0].properties).toMatchObject({
      name: 'Storlien',
      population: 60,
      seasonalPopulation: 4000,
    });

    const kall = made[1];
    const patched = await call('muni2321', 'PATCH', `/api/places/${kall.id}`, {
      version: 1,
      seasonalPopulation: 800,
    });
    expect(patched.json()).toMatchObject({
      population: 250,
      seasonalPopulation: 800,
      placeType: 'village',
      version: 2,
    });
    expect(
      (await call('muni2321', 'PATCH', `/api/places/${kall.id}`, { version: 1, population: 1 })).statusCode,
    ).toBe(409);
    expect((await call('muni2321', 'DELETE', `/api/places/${kall.id}`)).statusCode).toBe(204);
    expect((await call('admin', 'GET', `/api/places/${kall.id}`)).statusCode).toBe(404);
  });

  it('names invalid fields and refuses service kinds as a filter', async () => {
    const bad = await call('muni2321', 'POST', '/api/places', {
      name: 'X',
      lat: 63.2,
      lon: 13.2,
      population: 1.5,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('population');
    const sort = await call('muni2321', 'GET', '/api/places?sort=kind');
    expect(sort.statusCode).toBe(400);
    expect(sort.json().error.details[0].field).toBe('sort');
  });

  it('shows operators no places', async () => {
    const res = await call('op2321', 'GET', '/api/places');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
  });
});
