/**
 * End-to-end test of the accessibility page in headless Chromium: a real server over a database
 * seeded with the test territory, the small road network of src/access/test-network.ts and a
 * finished analysis run. A municipality user sees the summary row of their municipality, the
 * population points on the map, a place's nearest grocery and its driving time, and the English
 * texts after switching language; switching to the seasonal population changes the table to the
 * seasonal figures the API reports, and the CSV and XLSX downloads carry them and say so. The
 * "SOT-punkt" group shows the municipality its map and table, names its own SOT-punkt and only
 * says "SOT-punkt i annan kommun" of the neighbour's; a viewer is not offered the group.
 * Skipped, with a message, without Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { updateAccessConfig } from '../../src/access/config.js';
import { waitForAccessJobs } from '../../src/access/jobs.js';
import { runAccessAnalysis } from '../../src/access/runs.js';
import { expectedTimes, seedTestRegistry, seedTestSot, testDataDir } from '../../src/access/test-network.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { SYSTEM_ACTOR } from '../../src/domain/actor.js';
import { addUser } from '../../src/domain/users.js';
import { buildApp } from '../../src/server/app.js';
import type { AccessRunView, AccessSummaryRow } from '../../src/shared/access.js';
import { createTestDatabase } from '../../src/test/db.js';
import { seedTerritory, seedUsers, TEST_PASSWORD } from '../../src/test/fixtures.js';
import { summaryCells } from '../../web/src/access/format.js';
import { LANG_STORAGE_KEY } from '../../web/src/i18n.js';
import {
  type BrowserSession,
  buildWebClient,
  chromiumPath,
  describeBrowser,
  launchBrowser,
  logIn,
  screenshotDir,
} from './harness.js';

describeBrowser('accessibility page in Chromium', () => {
  let database: Database;
  let app: FastifyInstance;
  let url: string;
  let dataDir: string;
  let browser: BrowserSession;
  let expectedV: number;
  const shots = screenshotDir();

  beforeAll(async () => {
    const webRoot = await buildWebClient();
    database = await createTestDatabase();
    await seedTerritory(database);
    await seedUsers(database);
    // The test network lies in municipality 2380, which the shared fixtures give no user.
    await addUser(database.db, SYSTEM_ACTOR, {
      username: 'muni2380',
      password: TEST_PASSWORD,
      role: 'municipality',
      municipalityCode: '2380',
    });
    // With the road west into 2321 and its SOT-punkt, so 2380 has a neighbour's SOT-punkt to reach.
    const built = await testDataDir({ west: true });
    dataDir = built.dataDir;
    const registry = await seedTestRegistry(database.db);
    await seedTestSot(database.db, registry);
    // Granted points count too: SW in 2321 (granted) is Tätort's second-nearest SOT-punkt.
    await updateAccessConfig(database.db, SYSTEM_ACTOR, { sotStatuses: ['i_drift', 'beviljad'] });
    const run = await runAccessAnalysis(database.db, SYSTEM_ACTOR, dataDir);
    expect(run.status).toBe('done');
    expectedV = expectedTimes(built.graph).grocery.V[0] as number;
    const config = loadConfig({ SOT_NO_DEMO: '1', LOG_LEVEL: 'silent', SOT_DATA_DIR: dataDir });
    app = await buildApp({ config, database, logger: false, webRoot });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser(chromiumPath as string, url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await waitForAccessJobs();
    await database?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const newPage = () => browser.newPage({ timeoutMs: 15_000 });

  it('shows a municipality its summary, the map and a place’s nearest service, in Swedish and English', async () => {
    const page = await newPage();
    await logIn(page, url, 'muni2380', TEST_PASSWORD);
    await page.getByRole('link', { name: 'Tillgänglighet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tillgänglighet' }).waitFor();

    // The summary table: the municipality's row with its whole test population (1 400 people).
    const row = page.locator('table.access-summary tr[data-code="2380"]');
    await row.waitFor();
    await expect(row.getByRole('rowheader').textContent()).resolves.toBe('Östertest');
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]?.replace(/\s/g, '')).toBe('1400');
    await expect(page.locator('table.access-summary tr[data-code="2321"]').count()).resolves.toBe(0);

    // The map holds the population points of the results layer.
    await page.locator('.access-map .map-canvas[data-ready="true"]').waitFor();
    await page.waitForFunction(() => {
      const map = window.__sotMap;
      const source = map?.getSource('access-points') as unknown as { _data?: { features?: unknown[] } };
      return (
        map?.loaded() &&
        (map.querySourceFeatures('access-points').length > 0 || (source?._data?.features?.length ?? 0) > 0)
      );
    });
    // The six test places of municipality 2380 (the mountain hut in 2321 is someone else's).
    await page.getByText('6 befolkningspunkter').waitFor();

    // Choosing a place shows its nearest grocery and the driving time.
    await page.getByLabel('Välj ort eller ruta').selectOption({ label: 'Vby' });
    const panel = page.locator('.access-point');
    await panel.getByRole('heading', { name: 'Restid från Vby' }).waitFor();
    const minutes = (expectedV / 60).toLocaleString('sv-SE', { maximumFractionDigits: 1 });
    await expect(panel.locator('dd').first().textContent()).resolves.toContain(`Butik Fyra: ${minutes} min`);

    // The distribution chart is an image with a text alternative.
    await expect(page.getByRole('img', { name: /^Östertest: andel av befolkningen/ }).count()).resolves.toBe(
      1,
    );
    await page.screenshot({ path: path.join(shots, 'access-sv.png'), fullPage: true });

    // Catchments: the points are coloured by their nearest service instead of by time.
    await page.getByLabel('Närmaste service (upptagningsområde)').check();
    await page.waitForFunction(() =>
      JSON.stringify(window.__sotMap?.getPaintProperty('access-points-circle', 'circle-color')).includes(
        'nearestId',
      ),
    );
    const legend = page.getByRole('region', { name: 'Teckenförklaring' });
    await legend.getByText('Butik Fyra').waitFor();
    await legend.getByText('Butik Ett').waitFor();

    // An editor runs the analysis again and follows it to the end.
    await page.getByRole('button', { name: 'Kör om' }).click();
    await page.getByText('Beräkningen är klar.').waitFor({ timeout: 60_000 });
    await row.waitFor();

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accessibility' }).waitFor();
    await page.getByRole('columnheader', { name: 'Share ≤ 5 min' }).waitFor();
    await page.getByRole('heading', { name: 'Driving time from Vby' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'access-en.png'), fullPage: true });
    expect(browser.externalRequests).toEqual([]);
    await page.close();
  });

  it('switches table, chart and downloads to the seasonal population', async () => {
    const page = await newPage();
    // The profile remembers the previous test's English; this one reads the Swedish texts.
    await page.addInitScript((key) => window.localStorage.setItem(key, 'sv'), LANG_STORAGE_KEY);
    await logIn(page, url, 'muni2380', TEST_PASSWORD);
    await page.getByRole('link', { name: 'Tillgänglighet' }).click();
    const row = page.locator('table.access-summary tr[data-code="2380"]');
    await row.waitFor();
    const table = page.locator('table.access-summary');
    await expect(table.locator('caption').textContent()).resolves.toContain('folkbokförd befolkning');

    // What the API reports for the municipality, in the user's own session.
    const api = (await (await page.request.get(`${url}/api/access/summary?group=grocery`)).json()) as {
      run: AccessRunView;
      rows: AccessSummaryRow[];
    };
    const figures = api.rows.find((r) => r.code === '2380') as AccessSummaryRow;
    // Tätort has 1 000 residents and 1 500 people in the season.
    expect(figures.resident.population).toBe(1400);
    expect(figures.seasonal.population).toBe(1900);
    await expect(row.locator('td').allTextContents()).resolves.toEqual(summaryCells(figures.resident));

    await page.getByLabel('Säsong (inkl. fritidsboende)').check();
    await page.getByRole('columnheader', { name: 'Säsongsbefolkning' }).waitFor();
    await expect.poll(() => row.locator('td').allTextContents()).toEqual(summaryCells(figures.seasonal));
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]?.replace(/\s/g, '')).toBe('1900');
    // The 50 people beyond the bridge are a smaller share of the seasonal population.
    expect(cells[8]).not.toBe(summaryCells(figures.resident)[8]);
    await expect(table.locator('caption').textContent()).resolves.toContain(
      'säsongsbefolkning (inkl. fritidsboende)',
    );
    await page
      .getByRole('heading', {
        name: 'Andel av befolkningen inom restid – säsongsbefolkning (inkl. fritidsboende)',
      })
      .waitFor();

    // XLSX from the server: the run shown, the group and the seasonal weighting.
    const xlsx = page.getByRole('link', { name: 'Ladda ner XLSX' });
    await expect(xlsx.getAttribute('href')).resolves.toBe(
      `/api/access/runs/${api.run.id}/summary.xlsx?group=grocery&weight=seasonal`,
    );
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), xlsx.click()]);
    expect(xlsxDownload.suggestedFilename()).toBe(
      `tillganglighet-grocery-sasong-berakning${api.run.id}.xlsx`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await xlsxDownload.path());
    const sheet = book.worksheets[0];
    expect(sheet.getRow(2).getCell(1).value).toBe('Befolkning: Säsongsbefolkning (inkl. fritidsboende)');
    const xlsxRows = sheet.getRows(1, sheet.rowCount) ?? [];
    const x2380 = xlsxRows.find((r) => r.getCell(2).value === '2380');
    expect(x2380?.getCell(4).value).toBe(1900);
    expect(xlsxRows.some((r) => r.getCell(2).value === '2321')).toBe(false);

    // CSV built in the browser: the seasonal figures, the weighting on every row.
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner CSV' }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toBe('tillganglighet-grocery-sasong.csv');
    const csvText = fs.readFileSync(await csvDownload.path(), 'utf8');
    // A byte-order mark so that Excel reads the file as UTF-8.
    expect(csvText.startsWith('\ufeff')).toBe(true);
    const csv = csvText.slice(1).split('\r\n');
    expect(csv[0]).toMatch(/^Nivå;Kod;Område;Säsongsbefolkning;.*;Viktning$/);
    const c2380 = csv.find((l) => l.startsWith('Kommun;2380;'));
    expect(c2380).toMatch(/^Kommun;2380;Östertest;1900;.*;säsongsbefolkning \(inkl\. fritidsboende\)$/);
    // Decimal commas, as Swedish Excel reads numbers.
    expect(c2380?.split(';').slice(4, 12).join(';')).not.toContain('.');

    // The GeoJSON is plain JSON: no byte-order mark, parses as it is.
    const [geoDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ner GeoJSON' }).click(),
    ]);
    const geo = JSON.parse(fs.readFileSync(await geoDownload.path(), 'utf8')) as { type: string };
    expect(geo.type).toBe('FeatureCollection');

    // Back to registered residents.
    await page.getByLabel('Folkbokförda').check();
    await expect.poll(() => row.locator('td').allTextContents()).toEqual(summaryCells(figures.resident));
    await expect(xlsx.getAttribute('href')).resolves.toContain('weight=resident');
    await page.screenshot({ path: path.join(shots, 'access-seasonal.png'), fullPage: true });
    expect(browser.externalRequests).toEqual([]);
    await page.close();
  });

  it('shows the SOT-punkt group to a municipality, naming only its own SOT-punkter', async () => {
    const page = await newPage();
    await page.addInitScript((key) => window.localStorage.setItem(key, 'sv'), LANG_STORAGE_KEY);
    await logIn(page, url, 'muni2380', TEST_PASSWORD);
    await page.getByRole('link', { name: 'Tillgänglighet' }).click();
    await page.locator('table.access-summary tr[data-code="2380"]').waitFor();
    await page.getByLabel('Servicegrupp').selectOption({ label: 'SOT-punkt' });
    const table = page.locator('table.access-summary');
    await expect.poll(() => table.locator('caption').textContent()).toContain('SOT-punkt');
    const row = table.locator('tr[data-code="2380"]');
    await row.waitFor();
    const api = (await (await page.request.get(`${url}/api/access/summary?group=sot`)).json()) as {
      rows: AccessSummaryRow[];
    };
    const figures = api.rows.find((r) => r.code === '2380') as AccessSummaryRow;
    await expect.poll(() => row.locator('td').allTextContents()).toEqual(summaryCells(figures.resident));
    await page.getByText('6 befolkningspunkter').waitFor();
    // The map's layer now holds the SOT-punkt group's results.
    await page.waitForFunction(
      () =>
        window.__sotMap?.querySourceFeatures('access-points').some((f) => f.properties?.group === 'sot') ??
        false,
    );

    // Tätort: its own SOT-punkt by name, the neighbour's only as "another municipality".
    await page.getByLabel('Välj ort eller ruta').selectOption({ label: 'Tätort' });
    const panel = page.locator('.access-point');
    await panel.getByRole('heading', { name: 'Restid från Tätort' }).waitFor();
    const dds = panel.locator('dd');
    await expect.poll(() => dds.first().textContent()).toMatch(/^SOT-punkt Ett: 0 min/);
    await expect.poll(() => dds.nth(1).textContent()).toMatch(/^SOT-punkt i annan kommun: \d/);
    await expect(panel.textContent()).resolves.not.toContain('SOT-punkt Väst');
    await page.getByLabel('Närmaste service (upptagningsområde)').check();
    await page.getByRole('region', { name: 'Teckenförklaring' }).getByText('SOT-punkt Ett').waitFor();
    await page.screenshot({ path: path.join(shots, 'access-sot.png'), fullPage: true });
    expect(browser.externalRequests).toEqual([]);
    await page.close();
  });

  it('does not offer the SOT-punkt group to a viewer', async () => {
    const page = await newPage();
    await page.addInitScript((key) => window.localStorage.setItem(key, 'sv'), LANG_STORAGE_KEY);
    await logIn(page, url, 'viewer2321', TEST_PASSWORD);
    await page.getByRole('link', { name: 'Tillgänglighet' }).click();
    const select = page.getByLabel('Servicegrupp');
    await select.locator('option', { hasText: 'Dagligvaror' }).waitFor({ state: 'attached' });
    const options = await select.locator('option').allTextContents();
    expect(options).toContain('Dagligvaror');
    expect(options).not.toContain('SOT-punkt');
    await page.close();
  });

  it('lets a county officer narrow table, map and downloads to one municipality', async () => {
    const page = await newPage();
    await page.addInitScript((key) => window.localStorage.setItem(key, 'sv'), LANG_STORAGE_KEY);
    await logIn(page, url, 'county23', TEST_PASSWORD);
    await page.getByRole('link', { name: 'Tillgänglighet' }).click();
    const table = page.locator('table.access-summary');
    await table.locator('tr[data-code="2321"]').waitFor();
    await table.locator('tr[data-code="2380"]').waitFor();
    const pointsText = page.locator('.access-side > p').first();
    const allPoints = Number(/\d+/.exec((await pointsText.textContent()) ?? '')?.[0]);
    const pick = page.getByRole('combobox', { name: /^Kommun/ });
    expect(await pick.inputValue()).toBe('');
    await pick.selectOption('2380');
    await expect.poll(() => table.locator('tr[data-code="2321"]').count()).toBe(0);
    await table.locator('tr[data-code="2380"]').waitFor();
    await expect
      .poll(async () => Number(/\d+/.exec((await pointsText.textContent()) ?? '')?.[0]))
      .toBeLessThan(allPoints);
    const xlsx = page.getByRole('link', { name: 'Ladda ner XLSX' });
    await expect(xlsx.getAttribute('href')).resolves.toContain('municipality=2380');
    // The other municipality stays on offer, and "Hela området" brings everything back.
    expect(await pick.locator('option').count()).toBe(3);
    await pick.selectOption('');
    await table.locator('tr[data-code="2321"]').waitFor();
    await page.close();
  });
});
