import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForAccessJobs } from '../../access/jobs.js';
import { HEADER_ROW, STALE_MARKER, SUMMARY_COLUMNS } from '../../access/summary-export.js';
import { createAccessTestDb, insertTestRun } from '../../access/test-db.js';
import { seedTestRegistry, seedTestSot, testDataDir } from '../../access/test-network.js';
import { loadConfig } from '../../config.js';
import type { Database } from '../../db/client.js';
import { SOT_GROUP } from '../../shared/access.js';
import { loginAs, type Session } from '../../test/fixtures.js';
import { buildApp } from '../app.js';

let app: FastifyInstance;
let database: Database;
let ids: Record<string, number>;
/** The run the first test starts and every later read uses. */
let firstRunId: number;
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

/** The XLSX summary read back with exceljs: the lines above the table and the rows by code. */
async function readXlsx(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ExcelJS.Buffer);
  return book.worksheets.map((sheet) => {
    const info: string[] = [];
    for (let r = 2; r < HEADER_ROW; r++) info.push(String(sheet.getRow(r).getCell(1).value ?? ''));
    const rows = new Map<string, Record<string, ExcelJS.CellValue>>();
    for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const code = row.getCell(2).value;
      if (typeof code !== 'string') continue;
      rows.set(code, Object.fromEntries(SUMMARY_COLUMNS.map((c, i) => [c.header, row.getCell(i + 1).value])));
    }
    const headers = SUMMARY_COLUMNS.map((_, i) => String(sheet.getRow(HEADER_ROW).getCell(i + 1).value));
    return { name: sheet.name, info, headers, rows };
  });
}

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
    firstRunId = run.id;
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

  it('exports a run’s summary as XLSX with the JSON figures, per weighting and territory', async () => {
    const xlsx = (who: string, query: string) =>
      get(who, `/api/access/runs/${firstRunId}/summary.xlsx${query}`);
    const json = (await get('county23', `/api/access/summary?group=grocery&run=${firstRunId}`)).json();
    const res = await xlsx('county23', '?group=grocery&weight=seasonal');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain(
      `filename="tillganglighet-grocery-sasong-berakning${firstRunId}.xlsx"`,
    );
    const [sheet, ...more] = await readXlsx(res.rawPayload);
    expect(more).toEqual([]);
    expect(sheet.name).toBe('Dagligvaror');
    expect(sheet.info[0]).toBe('Befolkning: Säsongsbefolkning (inkl. fritidsboende)');
    expect(sheet.info[1]).toContain(
      `Beräkning ${firstRunId}: vägnät test, version ${json.run.graph.version}`,
    );
    expect(sheet.info[3]).toMatch(/^Aktuell/);
    expect(sheet.headers[3]).toBe('Säsongsbefolkning');
    expect([...sheet.rows.keys()]).toEqual(['2321', '2380', '23']);
    for (const r of json.rows) {
      const s = r.seasonal;
      const row = sheet.rows.get(r.code);
      expect(row, r.code).toBeDefined();
      expect(row?.Befolkning).toBe(s.population);
      expect(row?.['Andel ≤ 5 min']).toBe(s.bands.lt5);
      expect(row?.['5–10 min']).toBe(s.bands.m5to10);
      expect(row?.['10–30 min']).toBe(s.bands.m10to30);
      expect(row?.['> 30 min']).toBe(s.bands.gt30);
      expect(row?.['Median, min']).toBe(s.medianMin);
      expect(row?.['90:e percentil, min']).toBe(s.p90Min);
      expect(row?.['Ingen andra inom 30 min']).toBe(s.noSecondWithin30.share);
      expect(row?.['Beroende av en bro']).toBe(s.bridgeDependent.share);
    }
    // Tätort has 1 000 residents and 1 500 in the season: the weighting changes the figures.
    const seasonal2380 = json.rows.find((r: { code: string }) => r.code === '2380');
    expect(seasonal2380.seasonal.population).toBe(1900);
    expect(sheet.rows.get('2380')?.Befolkning).toBe(1900);
    const [resident] = await readXlsx((await xlsx('county23', '?group=grocery')).rawPayload);
    expect(resident.info[0]).toBe('Befolkning: Folkbokförd befolkning');
    expect(resident.rows.get('2380')?.Befolkning).toBe(seasonal2380.resident.population);
    // The 50 people beyond the bridge are a smaller share of the larger seasonal population.
    expect(resident.rows.get('2380')?.['Beroende av en bro']).toBe(
      seasonal2380.resident.bridgeDependent.share,
    );
    expect(sheet.rows.get('2380')?.['Beroende av en bro']).toBe(seasonal2380.seasonal.bridgeDependent.share);
    expect(seasonal2380.resident.bridgeDependent.share).toBeCloseTo(50 / 1400, 12);
    expect(seasonal2380.seasonal.bridgeDependent.share).toBeCloseTo(50 / 1900, 12);

    // Every group of the run without `group`, a sheet each; territory as in the JSON summary.
    const all = await readXlsx((await xlsx('admin', '')).rawPayload);
    expect(all.map((x) => x.name)).toEqual([
      'Dagligvaror',
      'Drivmedel',
      'Apotek',
      'Kontanter',
      'Paket och post',
      'SOT-punkt',
    ]);
    // Viewers do not have the SOT-punkter group: no sheet for it.
    const viewerAll = await readXlsx((await xlsx('viewer2321', '')).rawPayload);
    expect(viewerAll.map((x) => x.name)).toEqual([
      'Dagligvaror',
      'Drivmedel',
      'Apotek',
      'Kontanter',
      'Paket och post',
    ]);
    const viewer = await readXlsx((await xlsx('viewer2321', '?group=grocery')).rawPayload);
    expect([...viewer[0].rows.keys()]).toEqual(['2321']);
    const other = await xlsx('county24', '?group=grocery');
    expect(other.statusCode).toBe(200);
    expect((await readXlsx(other.rawPayload))[0].rows.size).toBe(0);
    expect((await xlsx('op2321', '?group=grocery')).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: `/api/access/runs/${firstRunId}/summary.xlsx` })).statusCode,
    ).toBe(401);
  });

  it('refuses a bad XLSX query with the field named, and an unknown run with 404', async () => {
    const field = async (url: string) => {
      const res = await get('county23', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.id).toBe('validation_failed');
      return res.json().error.details.map((d: { field: string }) => d.field);
    };
    expect(await field(`/api/access/runs/${firstRunId}/summary.xlsx?weight=both`)).toEqual(['weight']);
    expect(await field(`/api/access/runs/${firstRunId}/summary.xlsx?group=Bad-Group`)).toEqual(['group']);
    expect(await field(`/api/access/runs/${firstRunId}/summary.xlsx?group=nosuchgroup`)).toEqual(['group']);
    expect(await field(`/api/access/runs/${firstRunId}/summary.xlsx?municipality=23`)).toEqual([
      'municipality',
    ]);
    expect(await field('/api/access/runs/abc/summary.xlsx')).toEqual(['id']);
    const missing = await get('county23', '/api/access/runs/999999/summary.xlsx');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.id).toBe('not_found');
    const queued = await get('county23', `/api/access/runs/${await insertTestRun(database.db)}/summary.xlsx`);
    expect(queued.statusCode).toBe(409);
    expect(queued.json().error.id).toBe('conflict');
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

  it('marks the stale run in its XLSX summary', async () => {
    const res = await get('county23', `/api/access/runs/${firstRunId}/summary.xlsx?group=grocery`);
    expect(res.statusCode).toBe(200);
    const [sheet] = await readXlsx(res.rawPayload);
    expect(sheet.info[3]).toMatch(new RegExp(`^${STALE_MARKER}: .*service groups changed: grocery`));
    expect(sheet.rows.get('2380')?.Befolkning).toBe(1400);
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

describe('/api/access and the SOT-punkter group', () => {
  let sotApp: FastifyInstance;
  let sotDatabase: Database;
  let sotIds: Record<string, number>;
  let runId: number;
  const sotSessions: Record<string, Session> = {};
  const read = (who: string, url: string) =>
    sotApp.inject({ method: 'GET', url, headers: sotSessions[who].headers });
  const put = (who: string, payload: Record<string, unknown>) =>
    sotApp.inject({ method: 'PUT', url: '/api/access/config', headers: sotSessions[who].headers, payload });

  beforeAll(async () => {
    const t = await createAccessTestDb();
    sotDatabase = t.database;
    const { dataDir } = await testDataDir({ west: true });
    const registry = await seedTestRegistry(t.db);
    sotIds = { ...registry, ...(await seedTestSot(t.db, registry)) };
    sotApp = await buildApp({
      config: loadConfig({ SOT_NO_DEMO: '1', LOG_LEVEL: 'silent', SOT_DATA_DIR: dataDir }),
      database: sotDatabase,
      logger: false,
      webRoot: null,
    });
    await sotApp.ready();
    for (const u of ['admin', 'county23', 'muni2321', 'viewer2321', 'op2321'])
      sotSessions[u] = await loginAs(sotApp, u);
    const start = await sotApp.inject({
      method: 'POST',
      url: '/api/access/runs',
      headers: sotSessions.admin.headers,
      payload: {},
    });
    expect(start.statusCode).toBe(202);
    runId = start.json().run.id;
    await waitForAccessJobs();
  });
  afterAll(async () => {
    await waitForAccessJobs();
    await sotApp?.close();
    await sotDatabase?.close();
  });

  it('offers the group to editors only, and keeps the key sot reserved', async () => {
    const admin = (await read('admin', '/api/access/config')).json();
    expect(admin).toMatchObject({ sotStatuses: ['i_drift'] });
    expect(admin.readableGroups).toEqual(['grocery', 'fuel', 'pharmacy', 'cash', 'parcel', SOT_GROUP]);
    expect(Object.keys(admin.groups)).not.toContain(SOT_GROUP);
    expect((await read('muni2321', '/api/access/config')).json().readableGroups).toContain(SOT_GROUP);
    expect((await read('viewer2321', '/api/access/config')).json().readableGroups).not.toContain(SOT_GROUP);

    const reserved = await put('admin', { groups: { ...admin.groups, sot: ['grocery'] } });
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json().error.details.map((d: { field: string }) => d.field)).toEqual(['groups.sot']);
    const bogus = await put('admin', { sotStatuses: ['open'] });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().error.details[0].field).toMatch(/^sotStatuses/);
    expect((await put('county23', { sotStatuses: ['beviljad'] })).statusCode).toBe(403);
  });

  it('computes the group and lists it for editors, not for viewers', async () => {
    const admin = (await read('admin', `/api/access/runs/${runId}`)).json();
    expect(admin).toMatchObject({ status: 'done', groups: { sot: ['i_drift'] } });
    expect(admin.stats.services.sot).toMatchObject({
      total: 1,
      withoutStore: 1,
      withoutStoreIds: [sotIds.SX],
    });
    expect(admin.snapshot.sotPoints.count).toBe(4);
    const viewer = (await read('viewer2321', `/api/access/runs/${runId}`)).json();
    expect(viewer.status).toBe('done');
    expect(viewer.groups).not.toHaveProperty(SOT_GROUP);
    expect(viewer.stats.services).not.toHaveProperty(SOT_GROUP);
    expect(viewer.snapshot).not.toHaveProperty('sotPoints');
    const list = (await read('viewer2321', '/api/access/runs')).json().items;
    expect(list.map((r: { id: number }) => r.id)).toContain(runId);
    for (const r of list) expect(r.groups).not.toHaveProperty(SOT_GROUP);
  });

  it('answers 404 to a viewer asking for the group, wherever they ask', async () => {
    for (const url of [
      '/api/access/summary?group=sot',
      `/api/access/summary?group=sot&run=${runId}`,
      '/api/access/results?group=sot',
      '/api/access/results?group=sot&format=geojson',
      `/api/access/runs/${runId}/summary.xlsx?group=sot`,
    ]) {
      const res = await read('viewer2321', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.id, url).toBe('not_found');
    }
    const summary = (await read('viewer2321', '/api/access/summary')).json();
    expect(summary.rows.length).toBeGreaterThan(0);
    expect(summary.rows.some((r: { group: string }) => r.group === SOT_GROUP)).toBe(false);
    const point = (await read('viewer2321', `/api/access/points/place:${sotIds.W}`)).json();
    expect(point.groups.map((g: { group: string }) => g.group)).not.toContain(SOT_GROUP);
    // Operators read no accessibility data at all: the group makes no difference.
    expect((await read('op2321', '/api/access/summary?group=sot')).statusCode).toBe(
      (await read('op2321', '/api/access/summary?group=grocery')).statusCode,
    );
  });

  it('shows a municipality the time to the other municipality’s SOT-punkt without naming it', async () => {
    const muni = (await read('muni2321', '/api/access/results?group=sot&format=geojson')).json();
    const w = muni.features.find(
      (f: { properties: { ref: string } }) => f.properties.ref === `place:${sotIds.W}`,
    );
    // Only S1 (municipality 2380) is in operation: Västby's nearest SOT-punkt is across the border.
    expect(w.properties).toMatchObject({
      status: 'ok',
      nearestId: null,
      nearestName: null,
      nearestHidden: true,
    });
    const admin = (await read('admin', '/api/access/results?group=sot')).json();
    const wAdmin = admin.items.find((i: { ref: string }) => i.ref === `place:${sotIds.W}`);
    expect(wAdmin).toMatchObject({
      nearestId: sotIds.S1,
      nearestName: 'SOT-punkt Ett',
      nearestHidden: false,
    });
    expect(w.properties.time1S).toBe(wAdmin.time1S);
    expect(w.properties.time1S).toBeGreaterThan(0);

    const point = (await read('muni2321', `/api/access/points/place:${sotIds.W}`)).json();
    const sot = point.groups.find((g: { group: string }) => g.group === SOT_GROUP);
    expect(sot.nearest).toMatchObject({ id: null, name: null, lat: null, lon: null, hidden: true });
    expect(sot.nearest.timeS).toBe(wAdmin.time1S);
    const county = (await read('county23', `/api/access/points/place:${sotIds.W}`)).json();
    expect(county.groups.find((g: { group: string }) => g.group === SOT_GROUP).nearest).toMatchObject({
      id: sotIds.S1,
      name: 'SOT-punkt Ett',
      hidden: false,
    });
  });

  it('exports the group as a SOT-punkt sheet, and marks runs stale when the statuses change', async () => {
    const res = await read('county23', `/api/access/runs/${runId}/summary.xlsx?group=sot`);
    expect(res.statusCode).toBe(200);
    const [sheet] = await readXlsx(res.rawPayload);
    expect(sheet.name).toBe('SOT-punkt');
    expect(sheet.info[2]).toMatch(/4 SOT-punkter/);
    expect([...sheet.rows.keys()]).toEqual(['2321', '2380', '23']);
    const viewerSheet = await readXlsx(
      (await read('viewer2321', `/api/access/runs/${runId}/summary.xlsx`)).rawPayload,
    );
    expect(viewerSheet[0].info[2]).not.toMatch(/SOT/);

    expect((await put('admin', { sotStatuses: ['i_drift', 'beviljad'] })).statusCode).toBe(200);
    const summary = (await read('county23', '/api/access/summary?group=sot')).json();
    expect(summary.run).toMatchObject({
      id: runId,
      stale: true,
      staleReasons: ['SOT-punkt statuses changed'],
    });
    const viewer = (await read('viewer2321', `/api/access/runs/${runId}`)).json();
    expect(viewer).toMatchObject({ stale: true, staleReasons: ['other inputs changed'] });
  });

  it('keeps SOT-punkter out of the registry exports, the analysis notwithstanding', async () => {
    for (const url of [
      '/api/service-points/export?format=geojson',
      '/api/service-points/export?format=csv',
      '/api/places/export?format=csv',
    ]) {
      const res = await read('admin', url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(url.includes('places') ? 'Västby' : 'Västhandeln');
      expect(res.body, url).not.toMatch(/SOT-punkt|i_drift|beviljad/);
    }
  });
});
