/**
 * End-to-end tests of the web client in headless Chromium against the real server and database:
 * login (mouse and keyboard only), the map with service points, editing a point and finding the
 * change in the table, territory isolation between municipalities, server validation errors on
 * the form fields, and the Swedish/English switch. Skipped, with a message, without Chromium.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inside, loginAs, TEST_PASSWORD } from '../../src/test/fixtures.js';
import {
  type BrowserSession,
  buildWebClient,
  chromiumPath,
  describeBrowser,
  launchBrowser,
  logIn,
  type Page,
  screenshotDir,
  startServer,
  type TestServer,
} from './harness.js';

describeBrowser('web client in Chromium', () => {
  let server: TestServer;
  let browser: BrowserSession;
  const shots = screenshotDir();

  beforeAll(async () => {
    const webRoot = await buildWebClient();
    server = await startServer(webRoot);
    browser = await launchBrowser(chromiumPath as string, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page with no session: every scenario logs in as its own user. */
  const newPage = () => browser.newPage({ timeoutMs: 10_000 });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });

  it('is Swedish by default and switches to English, updating the lang attribute', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/karta`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('sv');
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await shot(page, 'login-sv');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByLabel('Username').count()).toBe(1);
    // The choice survives a reload (localStorage).
    await page.reload();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByRole('button', { name: 'Byt till svenska' }).click();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await page.close();
  });

  it('announces a wrong password with role=alert', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Användarnamn').fill('muni2321');
    await page.getByLabel('Lösenord').fill('not-the-password');
    await page.getByRole('button', { name: 'Logga in' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Fel användarnamn eller lösenord');
    expect(await page.getByLabel('Användarnamn').getAttribute('aria-invalid')).toBe('true');
    await page.close();
  });

  it('logs in with the keyboard only', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Användarnamn').waitFor();
    // Tab from the top of the page to the username field, type, tab to password, Enter.
    await page.keyboard.press('Tab');
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'login-username' && guard++ < 10) {
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-username');
    await page.keyboard.type('viewer2321');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    // The skip link is the first stop and moves focus to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till innehållet');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Viewers get no editing or import in the UI.
    expect(await page.getByRole('link', { name: 'Import' }).count()).toBe(0);
    await page.close();
  });

  it('shows the municipality’s service points on the map, legend and list', async () => {
    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    // The map canvas is drawn and the MapLibre source holds exactly the user's points.
    await page.waitForFunction(
      () => document.querySelector('.map-canvas')?.getAttribute('data-ready') === 'true',
    );
    expect(await page.locator('canvas.maplibregl-canvas').count()).toBe(1);
    await page.waitForFunction(
      () => (window.__sotMap?.querySourceFeatures('service-points').length ?? 0) > 0,
      undefined,
      { timeout: 15_000 },
    );
    const names = await page.evaluate(() => {
      const features = window.__sotMap?.querySourceFeatures('service-points') ?? [];
      return [...new Set(features.map((f) => String(f.properties.name)))].sort();
    });
    expect(names).toEqual(['Apoteksombud Huså', 'Kall Drivmedel', 'Kall Handel']);
    const rendered = await page.evaluate(
      () => window.__sotMap?.queryRenderedFeatures({ layers: ['service-points-circle'] }).length ?? 0,
    );
    expect(rendered).toBeGreaterThan(0);
    // Places are drawn too.
    await page.waitForFunction(() => (window.__sotMap?.querySourceFeatures('places').length ?? 0) >= 2);
    // The legend counts per kind, and the summary.
    expect(await page.locator('[data-kind-count="grocery"]').textContent()).toBe('1');
    expect(await page.locator('[data-kind-count="fuel"]').textContent()).toBe('1');
    expect(await page.locator('.map-summary').textContent()).toBe('3 av 3 servicepunkter visas');
    await shot(page, 'map-muni2321');

    // The legend checkboxes filter the list and the map.
    await page.getByRole('checkbox', { name: /Drivmedel/ }).uncheck();
    expect(await page.locator('.map-summary').textContent()).toBe('2 av 3 servicepunkter visas');
    expect(await page.locator('.point-list').getByText('Kall Drivmedel').count()).toBe(0);
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            window.__sotMap
              ?.queryRenderedFeatures({ layers: ['service-points-circle'] })
              .filter((f) => f.properties.kind === 'fuel').length,
        ),
      )
      .toBe(0);
    await page.getByRole('checkbox', { name: /Drivmedel/ }).check();

    // The side list opens a popup on the map with a link to the edit page.
    await page.locator('.point-list').getByText('Kall Handel').click();
    const popup = page.locator('.maplibregl-popup');
    await popup.waitFor();
    expect(await popup.locator('.popup-title').textContent()).toBe('Kall Handel');
    await shot(page, 'map-popup');
    await popup.getByRole('button', { name: 'Redigera' }).click();
    await page.getByRole('heading', { name: 'Redigera Kall Handel' }).waitFor();
    expect(browser.externalRequests).toEqual([]);
    await page.close();
  });

  it('edits a point’s name and finds the change in the table', async () => {
    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    await page.goto(`${server.url}/servicepunkter/${server.seeded.fuel.id}`);
    const name = page.getByLabel(/^Namn/);
    await name.waitFor();
    expect(await name.inputValue()).toBe('Kall Drivmedel');
    // Kind-specific fields are on the form.
    expect(await page.getByRole('checkbox', { name: 'Diesel', exact: true }).isChecked()).toBe(true);
    await name.fill('Kall Drivmedel och Laddning');
    await page.getByRole('checkbox', { name: 'Elladdning' }).check();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('status').filter({ hasText: 'Ändringarna är sparade.' }).waitFor();
    await shot(page, 'form-saved');

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Tabell' }).click();
    await page.getByLabel('Sök', { exact: true }).fill('Laddning');
    const rows = page.locator('.data-table tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Kall Drivmedel och Laddning');
    expect(page.url()).toContain('q=Laddning');
    await shot(page, 'table-search');

    // Sorting by kind sets aria-sort on the header.
    await page.getByLabel('Sök', { exact: true }).fill('');
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByRole('button', { name: /^Typ/ }).click();
    expect(await page.locator('th', { hasText: 'Typ' }).getAttribute('aria-sort')).toBe('ascending');
    // The export buttons carry the current filters.
    const csv = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    expect(csv).toContain('/api/service-points/export?format=csv');
    expect(csv).toContain('sort=kind');
    // …and the server answers them with a file (the browser session's cookie is used).
    const download = await page.request.get(`${server.url}${csv}`);
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain('Kall Drivmedel och Laddning');
    await page.close();
  });

  it('shows the server’s validation error on the field', async () => {
    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    await page.goto(`${server.url}/servicepunkter/${server.seeded.pharmacy.id}`);
    await page.getByLabel(/^Latitud/).waitFor();
    // The client-side check catches an impossible latitude first…
    await page.getByLabel(/^Latitud/).fill('95');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.locator('#f-lat-error').waitFor();
    expect(await page.locator('#f-lat-error').textContent()).toBe('Värdet får vara högst 90.');
    // …so to see the server's own check, rewrite the request on its way out.
    await page.getByLabel(/^Latitud/).fill('63.35');
    await page.route('**/api/service-points/*', async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      const body = JSON.parse(route.request().postData() ?? '{}');
      return route.continue({ postData: JSON.stringify({ ...body, lat: 95, chain: 'x'.repeat(300) }) });
    });
    await page.getByRole('button', { name: 'Spara' }).click();
    const latError = page.locator('#f-lat-error');
    await expect.poll(() => latError.textContent()).toMatch(/90/);
    expect(await page.getByLabel(/^Latitud/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(/^Latitud/).getAttribute('aria-describedby')).toContain('f-lat-error');
    expect(await page.locator('#f-chain-error').count()).toBe(1);
    // The error summary lists both and has focus.
    const summary = page.locator('.error-summary');
    expect(await summary.textContent()).toContain('Latitud');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    await shot(page, 'form-server-errors');
    await page.unroute('**/api/service-points/*');
    await page.close();
  });

  it('keeps another municipality’s points out of sight', async () => {
    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    const { umetest, ostertest } = server.seeded;
    // Not in the table, even when searched for by name.
    await page.goto(`${server.url}/tabell?q=Ume`);
    await page.getByRole('status').filter({ hasText: 'träffar' }).waitFor();
    expect(await page.locator('.result-count').textContent()).toBe('0 träffar');
    // Not in the map data.
    await page.goto(`${server.url}/karta`);
    await page.locator('.map-summary', { hasText: 'servicepunkter visas' }).waitFor();
    const total = await page.locator('.map-summary').getAttribute('data-total');
    expect(total).toBe('3');
    const mapNames = await page.evaluate(() =>
      (window.__sotMap?.querySourceFeatures('service-points') ?? []).map((f) => String(f.properties.name)),
    );
    expect(mapNames).not.toContain(umetest.name);
    expect(mapNames).not.toContain(ostertest.name);
    // A direct link to its page says "not found".
    await page.goto(`${server.url}/servicepunkter/${umetest.id}`);
    await page.getByRole('heading', { name: /finns inte/ }).waitFor();
    expect(await page.getByText(umetest.name).count()).toBe(0);
    // The tab says so too, rather than keeping the loading title.
    await expect
      .poll(() => page.title())
      .toBe('Uppgiften finns inte, eller så har du inte behörighet att se den. – SOT');
    await shot(page, 'not-found-other-municipality');
    await page.close();
  });

  it('creates a point as a county user and lands on its page', async () => {
    const page = await newPage();
    await logIn(page, server.url, 'county23', TEST_PASSWORD);
    await page.goto(`${server.url}/tabell`);
    await page.getByRole('link', { name: 'Ny servicepunkt' }).click();
    await page.getByRole('heading', { name: 'Ny servicepunkt' }).waitFor();
    await page.getByLabel(/^Typ/).selectOption('fuel');
    await page.getByLabel(/^Namn/).fill('Östra Macken');
    // The map picker fills in the coordinates of a click (inside the county's territory).
    await page.getByRole('button', { name: 'Välj position på kartan' }).click();
    const picker = page.locator('.location-picker-map canvas');
    await picker.waitFor();
    await page.waitForTimeout(500);
    await picker.click({ position: { x: 200, y: 140 } });
    await expect.poll(() => page.getByLabel(/^Latitud/).inputValue()).toMatch(/^63\.\d{6}$/);
    const pickedLon = Number(await page.getByLabel(/^Longitud/).inputValue());
    expect(pickedLon).toBeGreaterThan(12.9);
    expect(pickedLon).toBeLessThan(14.6);
    await shot(page, 'form-picker');
    await page.getByLabel(/^Latitud/).fill('63,2');
    await page.getByLabel(/^Longitud/).fill('14,3');
    await page.getByRole('checkbox', { name: 'HVO100' }).check();
    await page.getByRole('radio', { name: 'Reservkraftverk' }).check();
    await page.getByLabel('Effekt (kVA)').fill('40');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { name: 'Redigera Östra Macken' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Servicepunkten är skapad.' }).waitFor();
    // The server placed it in Östertest (2380) from its position.
    expect(await page.locator('.meta').textContent()).toContain('Östertest');
    expect(page.url()).toMatch(/\/servicepunkter\/\d+$/);
    const id = Number(page.url().split('/').pop());
    const session = await loginAs(server.app, 'county23');
    const stored = await server.app.inject({
      method: 'GET',
      url: `/api/service-points/${id}`,
      headers: session.headers,
    });
    expect(stored.json()).toMatchObject({
      kind: 'fuel',
      municipalityCode: '2380',
      lat: 63.2,
      lon: 14.3,
      attributes: { fuels: ['hvo100'] },
      power: { type: 'backup', kva: 40 },
    });
    await page.close();
  });

  it('asks to reload when someone else saved first', async () => {
    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    const { kall } = server.seeded;
    await page.goto(`${server.url}/servicepunkter/${kall.id}`);
    await page.getByLabel(/^Namn/).waitFor();
    // Someone else changes the point after the form was opened.
    const session = await loginAs(server.app, 'county23');
    const current = await server.app.inject({
      method: 'GET',
      url: `/api/service-points/${kall.id}`,
      headers: session.headers,
    });
    const other = await server.app.inject({
      method: 'PATCH',
      url: `/api/service-points/${kall.id}`,
      headers: session.headers,
      payload: { openingHours: 'Mo-Su 08:00-21:00', version: current.json().version },
    });
    expect(other.statusCode).toBe(200);
    await page.getByLabel(/^Namn/).fill('Kall Handel & Café');
    await page.getByRole('button', { name: 'Spara' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Någon annan har ändrat' });
    await alert.waitFor();
    await shot(page, 'form-conflict');
    await alert.getByRole('button', { name: 'Ladda om' }).click();
    await expect.poll(() => page.getByLabel(/^Öppettider/).inputValue()).toBe('Mo-Su 08:00-21:00');
    expect(await page.getByLabel(/^Namn/).inputValue()).toBe('Kall Handel');
    await page.close();
  });

  it('lets a viewer read a point but offers no editing', async () => {
    const page = await newPage();
    await logIn(page, server.url, 'viewer2321', TEST_PASSWORD);
    await page.goto(`${server.url}/servicepunkter/${server.seeded.kall.id}`);
    await page.getByRole('heading', { name: 'Kall Handel' }).waitFor();
    expect(await page.getByRole('button', { name: 'Spara' }).count()).toBe(0);
    expect(await page.getByText('Reservkraftverk, 70 kVA, 1 200 l').count()).toBe(1);
    await page.goto(`${server.url}/tabell`);
    await page.locator('.data-table').waitFor();
    expect(await page.getByRole('link', { name: 'Ny servicepunkt' }).count()).toBe(0);
    await page.close();
  });
  it('asks before throwing away unsaved edits, and keeps them on "stay"', async () => {
    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    const { pharmacy } = server.seeded;
    // Arrive by a link, so Back is a move inside the app.
    await page.goto(`${server.url}/tabell`);
    await page.getByRole('link', { name: pharmacy.name }).click();
    const name = page.getByLabel(/^Namn/);
    await name.waitFor();
    const itemUrl = `${server.url}/servicepunkter/${pharmacy.id}`;
    expect(page.url()).toBe(itemUrl);
    const asked: string[] = [];
    const answerNext = (accept: boolean) =>
      page.once('dialog', (dialog) => {
        asked.push(dialog.message());
        void (accept ? dialog.accept() : dialog.dismiss());
      });

    // Unchanged: Avbryt does not ask (the dialog would be dismissed and the page would stay).
    await page.getByRole('link', { name: 'Avbryt' }).click();
    await page.getByRole('heading', { name: 'Tabell' }).waitFor();
    expect(asked).toEqual([]);
    await page.goBack();
    await name.waitFor();

    // Reloading or closing the tab: the browser is asked to warn only while there are edits.
    const reloadWarns = () =>
      page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true })));
    expect(await reloadWarns()).toBe(false);
    await name.fill('Apoteksombud Huså (ändrat)');
    expect(await reloadWarns()).toBe(true);
    answerNext(false);
    await page.getByRole('link', { name: 'Avbryt' }).click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toBe('Du har ändringar som inte är sparade. Lämna sidan ändå?');
    expect(page.url()).toBe(itemUrl);
    expect(await name.inputValue()).toBe('Apoteksombud Huså (ändrat)');
    // The main menu asks too…
    answerNext(false);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Karta' }).click();
    await expect.poll(() => asked.length).toBe(2);
    expect(page.url()).toBe(itemUrl);
    // …and so does the browser's Back button: "stay" puts the address back.
    answerNext(false);
    await page.goBack();
    await expect.poll(() => asked.length).toBe(3);
    await expect.poll(() => page.url()).toBe(itemUrl);
    expect(await name.inputValue()).toBe('Apoteksombud Huså (ändrat)');
    await shot(page, 'form-unsaved-stay');

    // "Leave" goes, and the change is not saved.
    answerNext(true);
    await page.getByRole('link', { name: 'Avbryt' }).click();
    await page.getByRole('heading', { name: 'Tabell' }).waitFor();
    expect(asked).toHaveLength(4);
    expect(page.url()).toBe(`${server.url}/tabell`);
    expect(await page.getByRole('link', { name: pharmacy.name, exact: true }).count()).toBe(1);
    await page.close();
  });

  it('shows place types in Swedish and offers them as a list, keeping an unknown type', async () => {
    const session = await loginAs(server.app, 'muni2321');
    const create = async (name: string, placeType: string, dLat: number) => {
      const at = inside('2321');
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/places',
        headers: session.headers,
        payload: { name, placeType, population: 120, lat: at.lat + dLat, lon: at.lon - 0.05 },
      });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: number };
    };
    const village = await create('Typtestby', 'village', 0.01);
    const island = await create('Typtestholmen', 'island', 0.02);

    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    await page.goto(`${server.url}/tabell/orter`);
    const search = page.getByLabel('Sök', { exact: true });
    expect(await search.getAttribute('placeholder')).toBe('Ortens namn…');
    await search.fill('Typtest');
    const rows = page.locator('.data-table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const typeColumn = await page.locator('.data-table thead th').allTextContents();
    const typeIndex = typeColumn.indexOf('Typ av ort');
    expect(typeIndex).toBeGreaterThan(0);
    const typeOf = (rowName: string) =>
      rows.filter({ hasText: rowName }).locator('td').nth(typeIndex).textContent();
    expect(await typeOf('Typtestby')).toBe('By');
    // A type the app does not know is shown as stored.
    expect(await typeOf('Typtestholmen')).toBe('island');
    await shot(page, 'table-place-types');

    await page.getByRole('link', { name: 'Typtestby' }).click();
    const type = page.getByLabel('Typ av ort');
    await type.waitFor();
    expect(await type.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await type.inputValue()).toBe('village');
    expect(await type.locator('option:checked').textContent()).toBe('By');
    expect(await type.locator('option').count()).toBe(10);

    await page.goto(`${server.url}/orter/${island.id}`);
    await type.waitFor();
    expect(await type.inputValue()).toBe('island');
    expect(await type.locator('option').count()).toBe(11);
    await type.selectOption({ label: 'Småby' });
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('status').filter({ hasText: 'Ändringarna är sparade.' }).waitFor();
    // Saved: leaving does not ask (an unexpected dialog would be dismissed and keep the page).
    await page.getByRole('link', { name: 'Avbryt' }).click();
    await page.getByRole('heading', { name: 'Tabell' }).waitFor();
    expect(page.url()).toBe(`${server.url}/tabell/orter`);
    const stored = await server.app.inject({
      method: 'GET',
      url: `/api/places/${island.id}`,
      headers: session.headers,
    });
    expect(stored.json()).toMatchObject({ placeType: 'hamlet' });
    const unchanged = await server.app.inject({
      method: 'GET',
      url: `/api/places/${village.id}`,
      headers: session.headers,
    });
    expect(unchanged.json()).toMatchObject({ placeType: 'village' });
    await page.close();
  });

  it('tells a viewer the create form is not theirs and leads back to the table', async () => {
    const page = await newPage();
    await logIn(page, server.url, 'viewer2321', TEST_PASSWORD);
    await page.goto(`${server.url}/servicepunkter/ny`);
    await page.getByRole('heading', { name: 'Ingen behörighet' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Du har inte behörighet att göra detta.');
    expect(await page.title()).toBe('Ingen behörighet – SOT');
    await page.getByRole('link', { name: 'Tillbaka till tabellen' }).click();
    await page.getByRole('heading', { name: 'Tabell' }).waitFor();
    expect(page.url()).toBe(`${server.url}/tabell`);
    await page.close();
  });

  it('dry-runs a CSV import and shows the validation report with line numbers', async () => {
    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import' }).waitFor();
    expect(await page.getByLabel('Provkör utan att spara').isChecked()).toBe(true);
    // Uploading without a file is caught before anything is sent.
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    await page.getByText('Välj en fil att läsa in.').waitFor();
    const csv = [
      'id,kind,name,lat,lon',
      'web-1,grocery,Nya Lanthandeln,63.31,13.31',
      'web-2,grocery,Trasig rad,95,13.3',
      'web-3,grocery,Bokstäver,abc,13.3',
    ].join('\n');
    await page.getByLabel('Fil', { exact: true }).setInputFiles({
      name: 'punkter.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    const report = page.locator('.import-report');
    await report.waitFor();
    expect(await report.locator('.count-read dd').textContent()).toBe('3');
    const issues = report.locator('table.issues tbody tr');
    await expect.poll(() => issues.count()).toBeGreaterThan(0);
    const firstIssue = await issues.first().locator('td').allTextContents();
    expect(firstIssue[0]).toBe('Fel');
    expect(firstIssue[1]).toBe('3');
    // The server's English reasons are shown in Swedish.
    expect(firstIssue[4]).toBe('latituden 95 ligger utanför -90…90 (har lat och lon bytt plats?)');
    const letters = await issues.filter({ hasText: 'abc' }).locator('td').allTextContents();
    expect(letters[1]).toBe('4');
    expect(letters[4]).toBe("inte ett tal: 'abc'");
    await shot(page, 'import-report');
    // A dry run saves nothing: the valid row is not in the table.
    await page.goto(`${server.url}/tabell?q=Nya%20Lanthandeln`);
    await page.getByRole('status').filter({ hasText: 'träffar' }).waitFor();
    expect(await page.locator('.result-count').textContent()).toBe('0 träffar');
    await page.close();
  });

  it('shows a county user the audit log with before and after', async () => {
    // A change by the municipality user, made through the API so this scenario stands alone.
    const session = await loginAs(server.app, 'muni2321');
    const { pharmacy } = server.seeded;
    const current = await server.app.inject({
      method: 'GET',
      url: `/api/service-points/${pharmacy.id}`,
      headers: session.headers,
    });
    const patched = await server.app.inject({
      method: 'PATCH',
      url: `/api/service-points/${pharmacy.id}`,
      headers: session.headers,
      payload: { name: 'Apoteksombud Huså Fjällgård', version: current.json().version },
    });
    expect(patched.statusCode).toBe(200);
    const page = await newPage();
    await logIn(page, server.url, 'county23', TEST_PASSWORD);
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Ändringslogg' })
      .click();
    await page.getByRole('heading', { name: 'Ändringslogg' }).waitFor();
    // The rename made by muni2321 in an earlier scenario is listed with its field diff.
    await page.getByLabel('Händelse').selectOption('update');
    const row = page.locator('.audit-table > tbody > tr', { hasText: 'Apoteksombud Huså Fjällgård' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Ändrad');
    expect(await row.textContent()).toContain('muni2321');
    await row.locator('summary').click();
    const nameChange = row.locator('.diff-table tr', { hasText: 'name' });
    expect(await nameChange.locator('.diff-before').textContent()).toBe('Apoteksombud Huså');
    expect(await nameChange.locator('.diff-after').textContent()).toBe('Apoteksombud Huså Fjällgård');
    await shot(page, 'audit-county23');
    // Reads of SOT data are listed with Swedish labels and link to what was read.
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/sot/points',
      headers: session.headers,
      payload: { storeId: server.seeded.kall.id },
    });
    expect(created.statusCode).toBe(201);
    const pointId = created.json().id as number;
    const members = await server.app.inject({
      method: 'GET',
      url: `/api/sot/points/${pointId}/members`,
      headers: session.headers,
    });
    expect(members.statusCode).toBe(200);
    await page.getByLabel('Händelse').selectOption({ label: 'Visad' });
    await page.getByLabel('Objekttyp').selectOption({ label: 'Medlemslista' });
    await page.getByLabel('Objekt-id').fill(String(pointId));
    await expect.poll(() => page.url()).toContain(`entityId=${pointId}`);
    const read = page.locator('.audit-table > tbody > tr', { hasText: 'muni2321' }).first();
    await read.waitFor();
    expect(await read.locator('td').nth(2).textContent()).toBe('Visad');
    const link = read.getByRole('link', { name: `Medlemslista, SOT-punkt ${pointId}` });
    expect(await link.getAttribute('href')).toBe(`/sot-punkter/${pointId}/organisation`);
    // A login names no object id: the recorded id is the user's, shown by name already.
    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await page.getByLabel('Händelse').selectOption({ label: 'Inloggning' });
    const login = page.locator('.audit-table > tbody > tr', { hasText: 'county23' }).first();
    await login.waitFor();
    expect(await login.locator('td').nth(3).textContent()).toBe('Inloggning');
    await shot(page, 'audit-county23-logins');
    await page.close();
  });

  it('fits a phone screen and works in English', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    await page.locator('.map-summary', { hasText: 'service points shown' }).waitFor();
    expect(await page.locator('[data-kind-count="grocery"]').locator('..').textContent()).toContain(
      'Grocery store',
    );
    await page.waitForFunction(
      () => document.querySelector('.map-canvas')?.getAttribute('data-ready') === 'true',
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'phone-map-en');
    await page.goto(`${server.url}/tabell`);
    await page.locator('.data-table').waitFor();
    expect(await page.getByRole('heading', { name: 'Table' }).count()).toBe(1);
    await shot(page, 'phone-table-en');
    await page.evaluate(() => localStorage.removeItem('sot.lang'));
    await page.close();
  });
});
