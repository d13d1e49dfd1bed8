import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForAccessJobs } from '../../access/jobs.js';
import { createAccessTestDb } from '../../access/test-db.js';
import { seedTestRegistry, testDataDir } from '../../access/test-network.js';
import { loadConfig } from '../../config.js';
import type { Database } from '../../db/client.js';
import { loginAs, type Session } from '../../test/fixtures.js';
import { buildApp } from '../app.js';

let app: FastifyInstance;
let database: Database;
let ids: Record<string, number>;
const sessions: Record<string, Session> = {};

async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  const t = await createAccessTestDb();
  database = t.database;
  const { dataDir } = await testDataDir();
  ids = await seedTestRegistry(t.db);
  app = await buildApp({
    config: loadConfig({ SOT_NO_DEMO: '1', LOG_LEVEL: 'silent', SOT_DATA_DIR: dataDir }),
    database,
    logger: false,
    webRoot: null,
  });
  await app.ready();
  for (const u of ['admin', 'county23', 'county24', 'muni2321', 'viewer2321', 'op2321'])
    sessions[u] = await loginAs(app, u);
});
afterAll(async () => {
  await waitForAccessJobs();
  await app?.close();
  await database?.close();
});

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: sessions[who].headers });

describe('/api/access', () => {
  it('starts a run (202), reports progress until done, and lists it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/access/runs',
      headers: sessions.county23.headers,
      payload: {},
    });
    expect(res.statusCode).toBe(202);
    const { run, reused } = res.json();
    expect(reused).toBe(false);
    expect(run).toMatchObject({ status: 'queued', graph: { name: 'test' }, requestedBy: 'county23' });
    await until(async () => (await get('viewer2321', `/api/access/runs/${run.id}`)).json().status === 'done');
    const done = (await get('viewer2321', `/api/access/runs/${run.id}`)).json();
    expect(done).toMatchObject({ progress: 1, stale: false, stats: { points: 7, unsnappedPoints: 1 } });
    const list = (await get('muni2321', '/api/access/runs')).json();
    expect(list.items[0].id).toBe(run.id);
    await waitForAccessJobs();
  });

  it('serves the summary of the reader’s territory only', async () => {
    const county = (await get('county23', '/api/access/summary?group=grocery')).json();
    expect(county.run.status).toBe('done');
    expect(county.rows.map((r: { level: string; code: string }) => `${r.level}:${r.code}`).sort()).toEqual([
      'county:23',
      'municipality:2321',
      'municipality:2380',
    ]);
    const m2380 = county.rows.find((r: { code: string }) => r.code === '2380');
    expect(m2380.resident.population).toBe(1400);
    expect(
      m2380.resident.bands.lt5 +
        m2380.resident.bands.m5to10 +
        m2380.resident.bands.m10to30 +
        m2380.resident.bands.gt30,
    ).toBeCloseTo(1, 12);
    const viewer = (await get('viewer2321', '/api/access/summary')).json();
    expect(new Set(viewer.rows.map((r: { code: string }) => r.code))).toEqual(new Set(['2321']));
    expect((await get('county24', '/api/access/summary')).json().rows).toEqual([]);
    expect((await get('op2321', '/api/access/summary')).statusCode).toBe(403);
    expect((await get('county23', '/api/access/summary?municipality=23')).statusCode).toBe(400);
  });

  it('serves the results layer as JSON and GeoJSON with times and nearest ids', async () => {
    const json = (await get('county23', '/api/access/results?group=grocery')).json();
    expect(json.items).toHaveLength(7);
    const v = json.items.find((i: { ref: string }) => i.ref === `place:${ids.V}`);
    expect(v).toMatchObject({ nearestId: ids.G2, nearestName: 'Butik Fyra', secondId: ids.G1, status: 'ok' });
    expect(v.time1S).toBeGreaterThan(0);
    expect(v.time2S).toBeGreaterThan(v.time1S);
    const geo = (
      await get('county23', '/api/access/results?group=grocery&format=geojson&bbox=14,63,14.05,63.01')
    ).json();
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.length).toBeGreaterThan(0);
    expect(geo.features.length).toBeLessThan(7);
    for (const f of geo.features) expect(f.geometry.coordinates[0]).toBeLessThanOrEqual(14.05);
    const limited = (await get('county23', '/api/access/results?group=grocery&limit=2')).json();
    expect(limited).toMatchObject({ truncated: true });
    expect(limited.items).toHaveLength(2);
    const viewer = (await get('viewer2321', '/api/access/results?group=grocery')).json();
    expect(viewer.items.map((i: { ref: string }) => i.ref)).toEqual([`place:${ids.FAR}`]);
    expect((await get('county23', '/api/access/results')).statusCode).toBe(400);
  });

  it('answers for one point, 404 outside the reader’s territory', async () => {
    const p = (await get('county23', `/api/access/points/place:${ids.P7}`)).json();
    expect(p.point.name).toBe('Bortom bron');
    const grocery = p.groups.find((g: { group: string }) => g.group === 'grocery');
    expect(grocery).toMatchObject({ bridgeDependent: true, nearest: { id: ids.G2, kind: 'grocery' } });
    expect((await get('muni2321', `/api/access/points/place:${ids.P7}`)).statusCode).toBe(404);
    expect((await get('county23', '/api/access/points/place:999999')).statusCode).toBe(404);
    expect((await get('county23', '/api/access/points/bogus')).statusCode).toBe(400);
  });

  it('lets administrators change the groups; runs on the old groups become stale', async () => {
    const before = (await get('viewer2321', '/api/access/config')).json();
    expect(before).toMatchObject({ currentGraph: 'test', graph: null, maxSnapMetres: 5000 });
    expect(Object.keys(before.groups)).toEqual(['grocery', 'fuel', 'pharmacy', 'cash', 'parcel']);
    const put = (who: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: '/api/access/config', headers: sessions[who].headers, payload });
    expect((await put('county23', { maxSnapMetres: 3000 })).statusCode).toBe(403);
    expect((await put('admin', { groups: { grocery: ['nonsense'] } })).statusCode).toBe(400);
    const changed = await put('admin', { groups: { ...before.groups, grocery: ['grocery', 'convenience'] } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().groups.grocery).toEqual(['grocery', 'convenience']);
    expect(Object.keys(changed.json().groups)).toEqual(['grocery', 'fuel', 'pharmacy', 'cash', 'parcel']);
    const summary = (await get('county23', '/api/access/summary?group=grocery')).json();
    expect(summary.run.stale).toBe(true);
    expect(summary.run.staleReasons).toEqual(['service groups changed: grocery']);
  });

  it('cancels a run for its starter or an administrator only', async () => {
    const start = await app.inject({
      method: 'POST',
      url: '/api/access/runs',
      headers: sessions.muni2321.headers,
      payload: { groups: ['fuel'] },
    });
    const id = start.json().run.id;
    const del = (who: string) =>
      app.inject({ method: 'DELETE', url: `/api/access/runs/${id}`, headers: sessions[who].headers });
    expect((await del('county23')).statusCode).toBe(403);
    expect((await del('viewer2321')).statusCode).toBe(403);
    expect((await del('muni2321')).statusCode).toBe(200);
    await waitForAccessJobs();
    expect((await get('admin', `/api/access/runs/${id}`)).json().status).toBe('cancelled');
    expect((await del('admin')).statusCode).toBe(409);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/access/runs',
      headers: sessions.admin.headers,
      payload: { graph: 'no-such-graph' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.id).toBe('not_found');
  });
});
