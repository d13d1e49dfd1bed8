/**
 * The road background in headless Chromium: with a road graph in the data directory and no
 * raster tile URL, the registry map fetches our road vector tiles (all answered 200 by our own
 * server, nothing from the internet), draws the roads under the service points and shows the
 * credit the graph calls for (a demo graph: the fictional-region notice). Skipped, with a message,
 * without Chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphFileOf } from '../../src/access/graph-ref.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { SYSTEM_ACTOR } from '../../src/domain/actor.js';
import { createServicePoint } from '../../src/domain/service-points.js';
import { writeGraph } from '../../src/graph/format.js';
import { DEMO_ATTRIBUTION, DEMO_OSM_GENERATOR } from '../../src/maptiles/attribution.js';
import { at, buildTestRoads } from '../../src/maptiles/test-roads.js';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase } from '../../src/test/db.js';
import { seedTerritory, seedUsers, servicePointInput, TEST_PASSWORD } from '../../src/test/fixtures.js';
import {
  type BrowserSession,
  buildWebClient,
  chromiumPath,
  describeBrowser,
  launchBrowser,
  logIn,
  screenshotDir,
} from './harness.js';

describeBrowser('road background in Chromium', () => {
  let database: Database;
  let app: FastifyInstance;
  let url: string;
  let dataDir: string;
  let browser: BrowserSession;
  const shots = screenshotDir();

  beforeAll(async () => {
    const webRoot = await buildWebClient();
    database = await createTestDatabase();
    await seedTerritory(database);
    await seedUsers(database);
    // A store on the test network's motorway, in municipality 2380.
    await createServicePoint(
      database.db,
      SYSTEM_ACTOR,
      servicePointInput('2380', { name: 'Vägkrogen', ...at(50, 1) }),
    );
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-map-data-'));
    // Marked as the demo's: the map must call its roads fictional, not credit OpenStreetMap.
    const roads = await buildTestRoads();
    const source = { path: 'demo/region.osm', bytes: 1, generator: DEMO_OSM_GENERATOR };
    writeGraph(graphFileOf(dataDir, 'roads'), { ...roads, meta: { ...roads.meta, source } });
    const config = loadConfig({ SOT_NO_DEMO: '1', LOG_LEVEL: 'silent', SOT_DATA_DIR: dataDir });
    app = await buildApp({ config, database, logger: false, webRoot });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser(chromiumPath as string, url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const newPage = () => browser.newPage({ timeoutMs: 15_000 });

  it('fetches road tiles from our server and draws the roads under the points', async () => {
    const page = await newPage();
    const tiles: { url: string; status: number; type: string | undefined }[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/api/map/roads/'))
        tiles.push({ url: res.url(), status: res.status(), type: res.headers()['content-type'] });
    });
    await logIn(page, url, 'county23', TEST_PASSWORD);
    await page.waitForFunction(
      () => document.querySelector('.map-canvas')?.getAttribute('data-ready') === 'true',
    );
    const style = await page.evaluate(() => {
      const map = window.__sotMap;
      return {
        sources: Object.keys(map?.getStyle().sources ?? {}),
        layers: map?.getStyle().layers.map((l) => l.id),
      };
    });
    expect(style.sources).toContain('roads');
    expect(style.layers).toEqual(expect.arrayContaining(['roads-casing', 'roads-fill', 'roads-ferry']));

    // Zoom in on the network, then wait until its tiles are loaded and drawn.
    const centre = at(50, 10);
    await page.evaluate(
      ([lon, lat]) => window.__sotMap?.jumpTo({ center: [lon, lat], zoom: 13 }),
      [centre.lon, centre.lat],
    );
    // Until the zoom-13 tiles arrive the map keeps drawing the coarser tiles it had, which hold
    // only the major classes: wait for the minor ones rather than for any drawn road.
    const minorClassesDrawn = () => {
      const features = window.__sotMap?.querySourceFeatures('roads', { sourceLayer: 'roads' }) ?? [];
      const classes = new Set(features.map((f) => String(f.properties.class)));
      const drawn = (window.__sotMap?.queryRenderedFeatures({ layers: ['roads-casing'] }).length ?? 0) > 0;
      return drawn && ['motorway', 'primary', 'residential', 'unclassified'].every((c) => classes.has(c));
    };
    await page.waitForFunction(minorClassesDrawn, undefined, { timeout: 15_000 });
    // The store on the motorway is drawn above the roads.
    await page.waitForFunction(
      () => (window.__sotMap?.queryRenderedFeatures({ layers: ['service-points-circle'] }).length ?? 0) > 0,
    );
    await page.screenshot({ path: path.join(shots, 'map-roads.png') });

    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.filter((t) => t.status !== 200 && t.status !== 304)).toEqual([]);
    expect(
      tiles.filter((t) => t.status === 200).every((t) => t.type === 'application/vnd.mapbox-vector-tile'),
    ).toBe(true);
    expect(tiles.some((t) => /\/api\/map\/roads\/13\/\d+\/\d+\.mvt\?v=[\w-]+$/.test(t.url))).toBe(true);
    // The credit comes from the server's TileJSON, which knows where the graph came from.
    const credit = await page.evaluate(
      () => document.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent ?? '',
    );
    expect(credit).toContain(DEMO_ATTRIBUTION);
    expect(credit).not.toMatch(/OpenStreetMap/);
    expect(browser.externalRequests).toEqual([]);
    await page.close();
  });
});
