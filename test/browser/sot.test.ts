/**
 * End-to-end tests of the SOT-punkt pages in headless Chromium against the real server and
 * database: a municipality user creates a point from a store and a fuel station and fills in
 * the facts through the UI until the checklist says "enligt lägstanivå" (each criterion flips to
 * met as its facts arrive); an operator logs a test run on a phone-sized screen; a county user
 * sees the readiness board but no member phone numbers; another municipality sees nothing. The
 * municipality changes and deletes a member's training record and downloads a kravspecifikation
 * shaped by the options it chose, which the next visit remembers.
 * Skipped, with a message, without Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/actor.js';
import { createServicePoint } from '../../src/domain/service-points.js';
import { loginAs, servicePointInput, TEST_PASSWORD } from '../../src/test/fixtures.js';
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

/** Member phone numbers entered in the first scenario; the county user must never see them. */
const PHONES = ['070-111 22 33', '070-222 33 44', '070-333 44 55'];

describeBrowser('SOT-punkter in Chromium', () => {
  let server: TestServer;
  let browser: BrowserSession;
  let pointId = 0;
  const shots = screenshotDir();
  const previousLimit = process.env.SOT_MAX_DOCUMENT_MB;

  beforeAll(async () => {
    // A small upload limit so the too-large message can be tested with a small file.
    process.env.SOT_MAX_DOCUMENT_MB = '1';
    const webRoot = await buildWebClient();
    server = await startServer(webRoot);
    // A fuel station about 110 m north of Kall Handel (the seeded Kall Drivmedel is ~1.2 km away).
    const { kall } = server.seeded;
    await createServicePoint(
      server.database.db,
      SYSTEM_ACTOR,
      servicePointInput('2321', {
        kind: 'fuel',
        name: 'Kall Bensin',
        lat: kall.lat + 0.001,
        lon: kall.lon,
        attributes: { fuels: ['diesel', 'petrol_95'] },
      }),
    );
    browser = await launchBrowser(chromiumPath as string, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (previousLimit === undefined) delete process.env.SOT_MAX_DOCUMENT_MB;
    else process.env.SOT_MAX_DOCUMENT_MB = previousLimit;
  });

  const newPage = () => browser.newPage({ timeoutMs: 10_000, acceptDialogs: true });

  const shot = (page: Page, name: string, fullPage = false) =>
    page.screenshot({ path: path.join(shots, `sot-${name}.png`), fullPage });

  const section = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Avsnitt' }).getByRole('link', { name, exact: true }).click();

  /** The checklist status of one criterion as the Lägstanivå section shows it. */
  async function criterion(page: Page, name: string): Promise<string | null> {
    return page.locator(`.criterion-card[data-criterion="${name}"]`).getAttribute('data-status');
  }

  async function openChecklist(page: Page) {
    await section(page, 'Lägstanivå');
    await page.locator('.criterion-card').first().waitFor();
  }

  it('creates a point from a store and a fuel station and reaches “enligt lägstanivå”', async () => {
    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'SOT-punkter' })
      .click();
    await page.getByRole('heading', { name: 'SOT-punkter', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Ny SOT-punkt' }).click();
    await page.getByRole('heading', { name: 'Ny SOT-punkt' }).waitFor();

    // Saving without a store names the missing field.
    await page.getByRole('button', { name: 'Skapa SOT-punkt' }).click();
    await page.locator('#f-storeId-error').waitFor();
    expect(await page.locator('#f-storeId').getAttribute('aria-invalid')).toBe('true');

    // The store search lists grocery stores only; the fuel stations come nearest first.
    await page.getByLabel('Sök dagligvarubutik').fill('Kall');
    await page.getByRole('radio', { name: /Kall Handel/ }).check();
    const near = page.getByRole('radio', { name: /Kall Bensin/ });
    await near.waitFor();
    const fuelLabels = await page.locator('#f-fuelStationId .picker-choice').allTextContents();
    expect(fuelLabels[0]).toContain('Ingen drivmedelsanläggning');
    expect(fuelLabels[1]).toMatch(/Kall Bensin.*11\d m från butiken.*inom 300 m/);
    expect(fuelLabels.some((l) => /Kall Drivmedel.*längre än 300 m/.test(l))).toBe(true);
    await near.check();
    await page.getByLabel('Etableringsmodell').selectOption('pilotort');
    await shot(page, 'create');
    await page.getByRole('button', { name: 'Skapa SOT-punkt' }).click();
    await page.getByRole('heading', { name: 'SOT-punkt Kall Handel', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'är skapad' }).waitFor();
    pointId = Number(new URL(page.url()).pathname.split('/')[2]);
    expect(pointId).toBeGreaterThan(0);
    expect(await page.locator('[data-fuel-within]').getAttribute('data-fuel-within')).toBe('true');
    expect(await page.locator('[data-lifecycle]').first().textContent()).toBe('idé');

    // Only the fuel criterion holds from the start.
    await openChecklist(page);
    expect(await criterion(page, 'fuel')).toBe('met');
    for (const c of ['store', 'power', 'communication', 'organisation'])
      expect(await criterion(page, c), c).toBe('not_met');
    expect(await page.locator('.checklist-verdict').textContent()).toContain('Inte enligt lägstanivå');
    await shot(page, 'checklist-start', true);

    // (1) The store's assortment is a registry fact: the checklist links to the registry form.
    await page
      .locator('.criterion-card[data-criterion="store"] [data-fact="store.attributes.freshGroups"]')
      .getByRole('link', { name: /ändra Kall Handel i registret/ })
      .click();
    await page.getByRole('heading', { name: 'Redigera Kall Handel' }).waitFor();
    for (const name of ['Chark', 'Ägg', 'Frukt och grönt'])
      await page.getByRole('checkbox', { name }).check();
    await page.getByRole('group', { name: 'Fasta lokaler' }).getByRole('radio', { name: 'Ja' }).check();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('status').filter({ hasText: 'Ändringarna är sparade.' }).waitFor();
    await page.goto(`${server.url}/sot-punkter/${pointId}/lagstaniva`);
    await page.locator('.criterion-card').first().waitFor();
    expect(await criterion(page, 'store')).toBe('met');

    // (3) Genset and load inventory: computed live, confirmed by the server after saving.
    await section(page, 'Reservkraft');
    await page.getByLabel('Aggregatet är installerat på plats').check();
    const addDevice = async (value: string, count: string) => {
      await page.getByLabel('Apparat att lägga till').selectOption(value);
      await page.getByRole('button', { name: 'Lägg till apparat' }).click();
      await page
        .locator('.item-card')
        .last()
        .getByLabel(/^Antal/)
        .fill(count);
    };
    await addDevice('lighting_led_100m2', '3');
    await addDevice('fridge_plugin', '4');
    await addDevice('freezer_chest', '3');
    await addDevice('fuel_dispenser', '2');
    await addDevice('submersible_pump', '2');
    await addDevice('checkout', '2');
    // 4 plug-in coolers: 4 × 1.2 kW / 0.8 = 6 kVA, shown on the row while typing.
    expect(await page.locator('.item-card').nth(1).locator('.item-sum').textContent()).toContain(
      '4,8 kW, 6 kVA',
    );
    const recommended = page.locator('[data-result="recommended"] dd');
    await expect.poll(() => recommended.textContent()).toMatch(/\d+ kVA/);
    const kva = Number(/(\d+) kVA/.exec((await recommended.textContent()) ?? '')?.[1]);
    expect(kva).toBeGreaterThanOrEqual(20);
    // The warning for a genset too small for the load shows before the right size is entered.
    await page.getByLabel(/^Märkeffekt/).fill('5');
    await page.locator('[data-warning="genset_overloaded"]').waitFor();
    await page.getByLabel(/^Märkeffekt/).fill(String(kva));
    await page.getByLabel(/^Tankvolym/).fill('1000');
    await expect.poll(() => page.locator('[data-warning="genset_overloaded"]').count()).toBe(0);
    expect(await page.locator('[data-result="autonomy"] .status-mark').getAttribute('data-status')).toBe(
      'met',
    );
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Ändringarna är sparade.' }).waitFor();
    await page.locator('.server-match[data-match="true"]').waitFor();
    await shot(page, 'power', true);
    await page.locator('#inventory').screenshot({ path: path.join(shots, 'sot-power-inventory.png') });
    await page.locator('.design-results').screenshot({ path: path.join(shots, 'sot-power-results.png') });
    // The kravspecifikation downloads with the session.
    for (const [format, type] of [
      ['pdf', 'application/pdf'],
      ['md', 'text/markdown'],
    ]) {
      const href = await page
        .getByRole('link', { name: new RegExp(`Ladda ner som ${format === 'pdf' ? 'PDF' : 'redigerbar'}`) })
        .getAttribute('href');
      const res = await page.request.get(`${server.url}${href}`);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
    }
    await openChecklist(page);
    expect(await criterion(page, 'power')).toBe('met');

    // (4) Communication means and notice board, and the activation procedure, on the overview.
    await section(page, 'Översikt');
    await page.getByRole('button', { name: 'Lägg till utrustning' }).click();
    await page.getByRole('button', { name: 'Lägg till utrustning' }).click();
    await page.locator('#f-communication-1-type').selectOption('notice_board');
    await page
      .getByLabel('Rutinen', { exact: true })
      .fill('Butiksägaren larmar FRG-ledaren, som öppnar containern och startar aggregatet.');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Ändringarna är sparade.' }).waitFor();
    expect(await page.locator('.sot-details').textContent()).toContain('1 × Rakel-terminal');
    await shot(page, 'overview-editor', true);
    await openChecklist(page);
    expect(await criterion(page, 'communication')).toBe('met');
    expect(await criterion(page, 'organisation')).toBe('not_met');

    // (5) The operating group with three reachable members…
    await section(page, 'Organisation');
    await page.getByLabel(/^Namn/).first().fill('FRG Kall');
    await page.getByRole('button', { name: 'Spara organisationen' }).click();
    await page.getByRole('status').filter({ hasText: 'Organisationen är sparad.' }).waitFor();
    const names = ['Anna Berg', 'Erik Lund', 'Sara Nilsson'];
    for (const [i, name] of names.entries()) {
      await page.getByRole('button', { name: 'Lägg till medlem' }).click();
      const form = page.locator('form.item-form');
      await form.getByLabel(/^Namn/).fill(name);
      await form.getByLabel(/^Telefon/).fill(PHONES[i]);
      if (i === 0) await form.getByRole('checkbox', { name: 'Aktiveringsledare' }).check();
      else await form.getByLabel('Ringer upp av').selectOption({ label: names[0] });
      await form.getByRole('button', { name: 'Spara medlemmen' }).click();
      await page.locator('.member-list .sot-card', { hasText: name }).waitFor();
    }
    expect(await page.locator('[data-reachable]').getAttribute('data-reachable')).toBe('3');
    // A training that has run out is flagged.
    await page.getByRole('button', { name: 'Lägg till utbildning Anna Berg' }).click();
    await page.getByLabel(/^Genomförd/).fill('2020-03-01');
    await page.getByLabel('Giltig till').fill('2023-03-01');
    await page.getByRole('button', { name: 'Spara utbildningen' }).click();
    await page.locator('[data-expired="true"]', { hasText: 'FRG grundutbildning' }).waitFor();
    await shot(page, 'organisation', true);

    // …a signed operating agreement in force…
    await section(page, 'Avtal');
    await page.getByRole('button', { name: 'Lägg till avtal' }).click();
    await page.getByLabel('Status').selectOption('signed');
    await page.getByLabel('Parter').fill('Kalls kommun\nKall Handel AB');
    await page.getByLabel('Gäller från').fill('2024-01-01');
    await page.getByLabel('Gäller till').fill('2099-12-31');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.locator('[data-in-force="true"]').waitFor();
    await shot(page, 'agreements');

    // …and the activation procedure saved earlier: criterion 5 and the whole checklist hold.
    await openChecklist(page);
    for (const c of ['store', 'fuel', 'power', 'communication', 'organisation'])
      expect(await criterion(page, c), c).toBe('met');
    expect(await page.locator('.checklist-verdict [data-compliant]').getAttribute('data-compliant')).toBe(
      'true',
    );
    expect(await page.locator('.point-meta').textContent()).toContain('Enligt lägstanivå');
    await shot(page, 'checklist-compliant', true);

    // i drift needs a passed test run: the server says so on the status field.
    await section(page, 'Livscykel');
    await page.getByLabel(/^Ny status/).selectOption('i_drift');
    await page.getByRole('button', { name: 'Byt status' }).click();
    const statusError = page.locator('#f-to-error');
    await expect.poll(() => statusError.textContent()).toContain('passed test run');
    expect(await page.getByLabel(/^Ny status/).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(/^Ny status/).selectOption('utredning');
    await page.getByRole('button', { name: 'Byt status' }).click();
    await page.getByRole('status').filter({ hasText: 'Status är nu utredning.' }).waitFor();
    await expect
      .poll(() => page.locator('.lifecycle-steps [aria-current="step"]').textContent())
      .toBe('utredning');
    expect(await page.locator('.data-table tbody tr').first().textContent()).toContain('idé → utredning');
    await shot(page, 'lifecycle');

    // Financing: a 7.4/6b application with too small a private share is flagged.
    await section(page, 'Finansiering');
    await page.getByRole('button', { name: 'Lägg till ansökan eller beslut' }).click();
    await page.getByLabel('Status').selectOption('ansokt');
    await page.getByLabel('Sökt belopp (kr)').fill('450 000');
    await page.getByLabel('Stödberättigande kostnad (kr)').fill('600 000');
    await page.getByLabel('Privat medfinansiering (kr)').fill('30 000');
    await page.getByLabel('Offentlig medfinansiering (kr)').fill('120 000');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    const financing = page.locator('[data-financing-id]');
    await financing.waitFor();
    expect(await financing.locator('[data-private-share-ok]').getAttribute('data-private-share-ok')).toBe(
      'false',
    );
    expect(await financing.textContent()).toContain('5 %');
    await financing.locator('[data-flag="private_share_below_required"]').waitFor();
    await shot(page, 'financing');

    // Documents: a PDF is accepted, a file above the limit is refused with the limit named.
    await section(page, 'Dokument');
    await page.getByLabel('Fil', { exact: true }).setInputFiles({
      name: 'driftavtal.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% test\n', 'latin1'),
    });
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    await page.locator('.doc-table', { hasText: 'driftavtal.pdf' }).waitFor();
    await page.getByLabel('Fil', { exact: true }).setInputFiles({
      name: 'stor.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1_200_000, 0x20)]),
    });
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    await expect
      .poll(() => page.locator('#f-file-error').textContent())
      .toBe('Filen är för stor: högst 1 MB.');
    expect(await page.getByLabel('Fil', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'documents');

    // The operator of the municipality is assigned to the point.
    await section(page, 'Översikt');
    await page
      .getByRole('group', { name: 'Tilldelade operatörer' })
      .getByRole('checkbox', { name: /op2321/ })
      .check();
    await page.getByRole('button', { name: 'Spara operatörer' }).click();
    await page.getByRole('status').filter({ hasText: 'Åtkomsten är sparad.' }).waitFor();
    expect(browser.externalRequests).toEqual([]);
    await page.close();
  });

  it('changes and deletes a training record, and the change holds after a reload', async () => {
    expect(pointId).toBeGreaterThan(0);
    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    await page.goto(`${server.url}/sot-punkter/${pointId}/organisation`);
    // Anna's own card (the others name her too, as the one who calls them).
    const cardOf = (p: Page) =>
      p.locator('.member-list .sot-card', { has: p.getByRole('heading', { name: 'Anna Berg', level: 4 }) });
    const anna = cardOf(page);
    const record = anna.locator('[data-training-id]');
    await record.waitFor();
    expect(await record.getAttribute('data-expired')).toBe('true');
    const what = 'FRG grundutbildning (2020-03-01) för Anna Berg';
    await page.getByRole('button', { name: `Ändra ${what}` }).click();
    const form = page.locator('form.item-form');
    expect(await form.getByLabel('Giltig till').inputValue()).toBe('2023-03-01');
    // The server refuses an expiry before the completion; its reason lands on that field.
    await form.getByLabel('Giltig till').fill('2019-12-31');
    await form.getByRole('button', { name: 'Spara utbildningen' }).click();
    await expect
      .poll(() => page.locator('#f-training-expiresOn-error').textContent())
      .toContain('lies before completion');
    expect(await form.getByLabel('Giltig till').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.error-summary').textContent()).toContain('Giltig till:');
    await form.getByLabel('Giltig till').fill('2099-03-01');
    await form.getByLabel('Utbildare').fill('Civilförsvarsförbundet');
    await form.getByLabel('Anteckning').fill('Repetition hösten 2026');
    await form.getByRole('button', { name: 'Spara utbildningen' }).click();
    await expect.poll(() => record.getAttribute('data-expired')).toBe('false');
    await shot(page, 'organisation-training-edited');
    await page.reload();
    await record.waitFor();
    expect(await record.getAttribute('data-expired')).toBe('false');
    expect(await record.textContent()).toContain('2020-03-01 – 2099-03-01, Civilförsvarsförbundet');
    expect(await record.locator('.training-note').textContent()).toBe('Repetition hösten 2026');
    await page.close();

    // The assigned operator reads the record but may not change it.
    const operator = await newPage();
    await logIn(operator, server.url, 'op2321', TEST_PASSWORD);
    await operator.goto(`${server.url}/sot-punkter/${pointId}/organisation`);
    await operator.locator('[data-training-id]').waitFor();
    expect(await operator.locator('.training-actions').count()).toBe(0);
    expect(await operator.getByRole('button', { name: new RegExp(`Ändra ${what}`) }).count()).toBe(0);
    await operator.close();

    // Deleting asks first; the record is gone, also after a reload and for the API.
    const again = await newPage();
    await logIn(again, server.url, 'muni2321', TEST_PASSWORD);
    await again.goto(`${server.url}/sot-punkter/${pointId}/organisation`);
    const annaAgain = cardOf(again);
    await annaAgain.locator('[data-training-id]').waitFor();
    const asked: string[] = [];
    again.on('dialog', (dialog) => asked.push(dialog.message()));
    await again.getByRole('button', { name: `Ta bort ${what}` }).click();
    await again.getByRole('status').filter({ hasText: 'är borttagen' }).waitFor();
    expect(asked).toEqual([`Ta bort utbildningen ${what}?`]);
    await expect.poll(() => annaAgain.locator('[data-training-id]').count()).toBe(0);
    await again.reload();
    await annaAgain.waitFor();
    expect(await annaAgain.locator('[data-training-id]').count()).toBe(0);
    const session = await loginAs(server.app, 'muni2321');
    const members = await server.app.inject({
      method: 'GET',
      url: `/api/sot/points/${pointId}/members`,
      headers: session.headers,
    });
    const annaRow = members.json().items.find((m: { name: string }) => m.name === 'Anna Berg');
    expect(annaRow.trainings).toEqual([]);
    await again.close();
  });

  it('shapes the kravspecifikation with the chosen options, and refuses a bad one by name', async () => {
    expect(pointId).toBeGreaterThan(0);
    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    await page.goto(`${server.url}/sot-punkter/${pointId}/reservkraft`);
    const temperature = page.getByLabel('Lägsta utomhustemperatur (°C)');
    await temperature.waitFor();
    expect(await temperature.inputValue()).toBe('-30');
    const pdf = page.getByRole('link', { name: 'Ladda ner som PDF' });
    const md = page.getByRole('link', { name: /Ladda ner som redigerbar/ });
    expect(
      new URL(`${server.url}${await pdf.getAttribute('href')}`).searchParams.get('minTemperatureC'),
    ).toBe('-30');

    // Too warm: the field says why, the notice names it, and there is nothing to download.
    await temperature.fill('5');
    await expect
      .poll(() => page.locator('#f-spec-minTemperatureC-error').textContent())
      .toBe('Värdet får vara högst 0.');
    expect(await temperature.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#spec-options-invalid').textContent()).toContain(
      'Rätta Lägsta utomhustemperatur (°C)',
    );
    expect(await pdf.count()).toBe(0);
    expect(await md.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ladda ner som PDF' }).isDisabled()).toBe(true);
    await page
      .locator('section[aria-labelledby="spec-title"]')
      .screenshot({ path: path.join(shots, 'sot-power-spec-invalid.png') });

    await temperature.fill('-42');
    await page.getByLabel('Förväntat snödjup (m)').fill('1,2');
    await page.getByLabel('Överkoppling mellan nät och aggregat').selectOption('automatic');
    await page.getByLabel('Diarienummer').fill('KS 2025/77');
    await expect.poll(() => page.locator('#spec-options-invalid').count()).toBe(0);
    for (const link of [pdf, md]) {
      const url = new URL(`${server.url}${await link.getAttribute('href')}`);
      expect(url.searchParams.get('minTemperatureC')).toBe('-42');
      expect(url.searchParams.get('snowDepthM')).toBe('1.2');
      expect(url.searchParams.get('transferSwitch')).toBe('automatic');
    }
    const markdown = await page.request.get(`${server.url}${await md.getAttribute('href')}`);
    expect(markdown.status()).toBe(200);
    const text = await markdown.text();
    expect(text).toContain('ned till -42 °C utomhustemperatur');
    expect(text).toContain('förväntat snödjup 1,2 m');
    expect(text).toContain('Överkopplingen ska ske med automatisk');
    expect(text).toContain('KS 2025/77');
    expect(text).not.toContain('ned till -30 °C');
    const file = await page.request.get(`${server.url}${await pdf.getAttribute('href')}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('application/pdf');
    await page.locator('.spec-options').screenshot({ path: path.join(shots, 'sot-power-spec-options.png') });

    // The next visit starts from the same choices (remembered in this browser).
    await page.reload();
    await temperature.waitFor();
    expect(await temperature.inputValue()).toBe('-42');
    expect(await page.getByLabel('Förväntat snödjup (m)').inputValue()).toBe('1,2');
    expect(await page.getByLabel('Diarienummer').inputValue()).toBe('KS 2025/77');

    // Back to the defaults, and they stay after a reload.
    await page.getByRole('button', { name: 'Återställ standardvärdena' }).click();
    expect(await temperature.inputValue()).toBe('-30');
    expect(await page.getByLabel('Diarienummer').inputValue()).toBe('');
    await page.reload();
    await temperature.waitFor();
    expect(await temperature.inputValue()).toBe('-30');
    await page.close();
  });

  it('lets the assigned operator log a test run on a phone', async () => {
    expect(pointId).toBeGreaterThan(0);
    const page = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, server.url, 'op2321', TEST_PASSWORD);
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'SOT-punkter' })
      .click();
    const card = page.locator('.sot-card', { hasText: 'SOT-punkt Kall Handel' });
    await card.waitFor();
    await card.getByRole('link', { name: 'Provkörning' }).click();
    await page.getByRole('heading', { name: 'Logga provkörning' }).waitFor();
    // Nothing to edit for an operator: only the logs.
    expect(await page.getByText('Du kan logga provkörningar och underhåll').count()).toBe(1);
    await page.getByRole('button', { name: 'Spara provkörningen' }).click();
    await page.locator('#f-run-durationHours-error').waitFor();
    expect(await page.locator('#f-run-durationHours-error').textContent()).toBe('Fyll i fältet.');
    await page.getByLabel(/^Körtid/).fill('4,5');
    await page.getByRole('radio', { name: 'Godkänd' }).check();
    await page.getByLabel('Bränsle använt (liter)').fill('18');
    await page.getByLabel('Problem eller anmärkningar').fill('Startade på andra försöket i kylan.');
    await page
      .locator('.touch-form')
      .first()
      .screenshot({ path: path.join(shots, 'sot-phone-test-run-form.png') });
    // Touch-friendly: the fields are at least 44 px high.
    const height = await page.getByLabel(/^Körtid/).evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(44);
    await page.getByRole('button', { name: 'Spara provkörningen' }).click();
    await page.getByRole('status').filter({ hasText: 'Provkörningen är sparad.' }).waitFor();
    const run = page.locator('.run-card').first();
    await run.waitFor();
    expect(await run.textContent()).toContain('4,5 h');
    expect(await run.textContent()).toContain('op2321');
    expect(await page.locator('[data-monthly]').getAttribute('data-monthly')).toBe('ok');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'phone-test-run-logged');
    await page.locator('.test-runs').screenshot({ path: path.join(shots, 'sot-phone-test-runs.png') });
    // The overview has no edit form for an operator.
    await section(page, 'Översikt');
    await page.locator('.sot-details').waitFor();
    expect(await page.getByRole('button', { name: 'Spara', exact: true }).count()).toBe(0);
    await page.close();
  });

  it('shows the county the board with the point, but no member phone numbers', async () => {
    expect(pointId).toBeGreaterThan(0);
    const page = await newPage();
    await logIn(page, server.url, 'county23', TEST_PASSWORD);
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'SOT-punkter' })
      .click();
    const row = page.locator(`tr[data-point-id="${pointId}"]`);
    await row.waitFor();
    expect(await row.locator('.criterion-dot[data-status="met"]').count()).toBe(5);
    expect(await row.textContent()).toContain('Enligt lägstanivå');
    expect(await row.textContent()).toContain('Landsbygdsprogrammet 7.4/6b');
    expect(await page.locator('.count-financing dd').textContent()).toBe('1');
    expect(await row.locator('.criterion-dot').first().textContent()).toContain('Dagligvarubutik');
    // Counties read but do not create.
    expect(await page.getByRole('link', { name: 'Ny SOT-punkt' }).count()).toBe(0);
    // The map holds the point.
    await page.waitForFunction(
      () => document.querySelector('.map-canvas')?.getAttribute('data-ready') === 'true',
    );
    await page.waitForFunction(
      (id) =>
        (window.__sotMap?.querySourceFeatures('sot-points') ?? []).some(
          (f) => Number(f.properties.id) === id,
        ),
      pointId,
    );
    // The export is marked internal, keeps the filters and answers with a file.
    await page.getByLabel('Kriterium som inte är uppfyllt').selectOption('power');
    await page.locator('.board-table .empty').waitFor();
    await page.getByLabel('Kriterium som inte är uppfyllt').selectOption('');
    await row.waitFor();
    expect(await page.locator('.exports .internal-badge').textContent()).toBe('Intern');
    const csv = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    expect(csv).toContain('/api/sot/board/export?format=csv');
    const file = await page.request.get(`${server.url}${csv}`);
    expect(file.status()).toBe(200);
    expect(await file.text()).toContain('Intern');
    await shot(page, 'board-county', true);

    // An autonomy worked out for a genset that is only planned gets no tick: at 3 a.m. a green
    // mark reads as "has power".
    expect(await row.locator('.status-mark[data-status="met"]').count()).toBe(1);
    expect(await row.locator('[data-autonomy="planned"]').count()).toBe(0);
    const session = await loginAs(server.app, 'muni2321');
    const setInstalled = async (installed: boolean) => {
      const current = await server.app.inject({
        method: 'GET',
        url: `/api/sot/points/${pointId}`,
        headers: session.headers,
      });
      const point = current.json();
      const res = await server.app.inject({
        method: 'PATCH',
        url: `/api/sot/points/${pointId}`,
        headers: session.headers,
        payload: { genset: { ...point.genset, installed }, version: point.version },
      });
      expect(res.statusCode).toBe(200);
    };
    await setInstalled(false);
    try {
      await page.reload();
      await row.locator('[data-autonomy="planned"]').waitFor();
      expect(await row.locator('.status-mark').count()).toBe(0);
      expect(await row.locator('[data-autonomy="planned"]').textContent()).toMatch(
        /^Planerat aggregat: [\d,]+ h av [\d,]+ h$/,
      );
      expect(await row.textContent()).toContain('Inget aggregat installerat');
    } finally {
      await setInstalled(true);
    }

    // The point's organisation: counts, no personal data.
    await row.getByRole('link', { name: 'SOT-punkt Kall Handel' }).click();
    await page.getByRole('heading', { name: 'SOT-punkt Kall Handel', level: 1 }).waitFor();
    expect(await page.getByText('Du har läsbehörighet').count()).toBe(1);
    await section(page, 'Organisation');
    await page.locator('[data-personal="false"]').waitFor();
    expect(await page.locator('[data-member-count]').getAttribute('data-member-count')).toBe('3');
    const text = (await page.locator('main').textContent()) ?? '';
    for (const phone of PHONES) expect(text).not.toContain(phone);
    expect(text).not.toContain('Anna Berg');
    expect(await page.getByRole('button', { name: 'Lägg till medlem' }).count()).toBe(0);
    await shot(page, 'organisation-county', true);
    await page.close();
  });

  it('asks to reload when someone else saved the point first', async () => {
    expect(pointId).toBeGreaterThan(0);
    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    await page.goto(`${server.url}/sot-punkter/${pointId}`);
    const name = page.getByLabel(/^Namn/);
    await name.waitFor();
    // Someone else changes the point after the form was opened.
    const session = await loginAs(server.app, 'muni2321');
    const current = await server.app.inject({
      method: 'GET',
      url: `/api/sot/points/${pointId}`,
      headers: session.headers,
    });
    const other = await server.app.inject({
      method: 'PATCH',
      url: `/api/sot/points/${pointId}`,
      headers: session.headers,
      payload: { note: 'Ändrad av en kollega', version: current.json().version },
    });
    expect(other.statusCode).toBe(200);
    await name.fill('SOT-punkt Kall');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Någon annan har ändrat' });
    await alert.waitFor();
    await shot(page, 'conflict');
    await alert.getByRole('button', { name: 'Ladda om' }).click();
    await expect
      .poll(() =>
        page
          .getByLabel(/^Anteckning/)
          .first()
          .inputValue(),
      )
      .toBe('Ändrad av en kollega');
    expect(await page.getByLabel(/^Namn/).inputValue()).toBe('SOT-punkt Kall Handel');
    await page.close();
  });

  it('lets a granted viewer read the point without personal data', async () => {
    expect(pointId).toBeGreaterThan(0);
    const session = await loginAs(server.app, 'muni2321');
    const grants = await server.app.inject({
      method: 'GET',
      url: `/api/sot/points/${pointId}/grants`,
      headers: session.headers,
    });
    const viewer = grants.json().candidates.find((u: { username: string }) => u.username === 'viewer2321');
    const put = await server.app.inject({
      method: 'PUT',
      url: `/api/sot/points/${pointId}/grants`,
      headers: session.headers,
      payload: { userIds: [viewer.id] },
    });
    expect(put.statusCode).toBe(200);
    const page = await newPage();
    await logIn(page, server.url, 'viewer2321', TEST_PASSWORD);
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'SOT-punkter' })
      .click();
    await page
      .locator('.sot-card', { hasText: 'SOT-punkt Kall Handel' })
      .getByRole('link', { name: 'SOT-punkt Kall Handel' })
      .click();
    await page.getByText('Du har läsbehörighet').waitFor();
    await section(page, 'Reservkraft');
    // The design is shown, the form is locked.
    await page.locator('[data-result="recommended"]').waitFor();
    expect(await page.getByLabel(/^Märkeffekt/).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Lägg till apparat' }).count()).toBe(0);
    await section(page, 'Provkörning');
    await page.getByRole('heading', { name: 'Logg över provkörningar' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Logga provkörning' }).count()).toBe(0);
    await section(page, 'Organisation');
    await page.locator('[data-personal="false"]').waitFor();
    expect(await page.locator('main').textContent()).not.toContain(PHONES[0]);
    await page.close();
  });

  it('keeps the point out of sight of another municipality', async () => {
    expect(pointId).toBeGreaterThan(0);
    const page = await newPage();
    await logIn(page, server.url, 'muni2480', TEST_PASSWORD);
    await page.goto(`${server.url}/sot-punkter`);
    await page.getByRole('status').filter({ hasText: 'SOT-punkter' }).waitFor();
    expect(await page.locator('.result-count').textContent()).toBe('0 SOT-punkter');
    expect(await page.getByText('SOT-punkt Kall Handel').count()).toBe(0);
    await page.goto(`${server.url}/sot-punkter/${pointId}`);
    await page.getByRole('heading', { name: /finns inte/ }).waitFor();
    expect(await page.getByText('Kall Handel').count()).toBe(0);
    await shot(page, 'other-municipality');
    // The API agrees.
    const session = await loginAs(server.app, 'muni2480');
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/sot/points/${pointId}/checklist`,
      headers: session.headers,
    });
    expect(res.statusCode).toBe(404);
    await page.close();
  });

  it('reads in English too', async () => {
    const page = await newPage();
    await logIn(page, server.url, 'muni2321', TEST_PASSWORD);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.goto(`${server.url}/sot-punkter/${pointId}/lagstaniva`);
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.locator('.criterion-card').first().waitFor();
    expect(await page.locator('.checklist-verdict').textContent()).toContain('Meets the minimum level');
    expect(
      await page.locator('.criterion-card[data-criterion="fuel"] .criterion-title').textContent(),
    ).toContain('Fuel station in the immediate vicinity');
    await shot(page, 'checklist-en');
    await page.evaluate(() => localStorage.removeItem('sot.lang'));
    expect(fs.existsSync(path.join(shots, 'sot-checklist-en.png'))).toBe(true);
    await page.close();
  });
});
