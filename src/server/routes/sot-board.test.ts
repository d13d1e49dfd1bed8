import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, stockholmDate } from '../../sot/dates.js';
import { COMPLETE_STORE_ATTRIBUTES, call, KALL_INVENTORY, storeAndFuel } from '../../sot/test-fixtures.js';
import { createTestApp, loginAs, type Session, type TestContext } from '../../test/fixtures.js';

let t: TestContext;
let muni: Session;
let muniOther: Session;
let county: Session;
let admin: Session;
let op: Session;
let ready: number;
let waiting: number;
let other: number;
const today = stockholmDate();

beforeAll(async () => {
  t = await createTestApp();
  muni = await loginAs(t.app, 'muni2321');
  muniOther = await loginAs(t.app, 'muni2480');
  county = await loginAs(t.app, 'county23');
  admin = await loginAs(t.app, 'admin');
  op = await loginAs(t.app, 'op2321');

  // A complete point in operation.
  const a = await storeAndFuel(t.database.db, '2321', 100, COMPLETE_STORE_ATTRIBUTES);
  const p = await call(t.app, muni, {
    method: 'POST',
    url: '/api/sot/points',
    payload: {
      name: 'SOT Klar',
      storeId: a.storeId,
      fuelStationId: a.fuelId,
      genset: { installed: true, kva: 70, fuelTankLitres: 2000, installedDate: addMonths(today, -3) },
      loadInventory: KALL_INVENTORY,
      communication: [
        { type: 'rakel', count: 1 },
        { type: 'notice_board', count: 1 },
      ],
      activation: { text: 'TiB ringer' },
    },
  });
  ready = p.body.id;
  await call(t.app, muni, {
    method: 'PUT',
    url: `/api/sot/points/${ready}/organisation`,
    payload: { type: 'frg', name: 'FRG Klar' },
  });
  for (const n of [1, 2, 3])
    await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${ready}/members`,
      payload: { name: `M${n}`, phone: `070-${n}` },
    });
  await call(t.app, muni, {
    method: 'POST',
    url: `/api/sot/points/${ready}/agreements`,
    payload: {
      type: 'avtal_frg',
      status: 'signed',
      startDate: addMonths(today, -30),
      endDate: addMonths(today, 4),
      noticeMonths: 3,
    },
  });
  await call(t.app, muni, {
    method: 'POST',
    url: `/api/sot/points/${ready}/test-runs`,
    payload: { durationHours: 12, fullLoad: true, passed: true },
  });
  await call(t.app, muni, {
    method: 'POST',
    url: `/api/sot/points/${ready}/transitions`,
    payload: { to: 'i_drift' },
  });

  // A granted point without a genset, with open financing.
  const b = await storeAndFuel(t.database.db, '2321', 250);
  waiting = (
    await call(t.app, muni, {
      method: 'POST',
      url: '/api/sot/points',
      payload: { name: 'SOT Väntar', storeId: b.storeId, fuelStationId: b.fuelId },
    })
  ).body.id;
  await call(t.app, muni, {
    method: 'POST',
    url: `/api/sot/points/${waiting}/financing`,
    payload: {
      programme: 'landsbygdsprogrammet_7_4_6b',
      status: 'beviljad',
      grantedAmount: 500_000,
      totalEligibleCost: 600_000,
      privateCofinancing: 40_000,
    },
  });
  await call(t.app, muni, {
    method: 'POST',
    url: `/api/sot/points/${waiting}/transitions`,
    payload: { to: 'beviljad' },
  });

  // A point in the other county.
  const c = await storeAndFuel(t.database.db, '2480', 100);
  other = (
    await call(t.app, muniOther, {
      method: 'POST',
      url: '/api/sot/points',
      payload: { name: 'SOT Annat län', storeId: c.storeId },
    })
  ).body.id;
});
afterAll(async () => t.close());

describe('readiness board', () => {
  it('shows every point of the county with status, failing criteria, autonomy, tests, agreements and money', async () => {
    const res = await call(t.app, county, { method: 'GET', url: '/api/sot/board' });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { id: number }) => i.id);
    expect(ids).toContain(ready);
    expect(ids).toContain(waiting);
    expect(ids).not.toContain(other);
    const r = res.body.items.find((i: { id: number }) => i.id === ready);
    expect(r.status).toBe('i_drift');
    expect(r.checklist.compliant).toBe(true);
    expect(r.power).toMatchObject({
      installed: true,
      kva: 70,
      tankLitres: 2000,
      targetHours: 72,
      autonomyMet: true,
    });
    expect(r.power.autonomyHours).toBeGreaterThan(72);
    expect(r.testRuns.overdue).toBe(false);
    expect(r.agreements.expiring).toHaveLength(1);
    expect(r.agreements.expiring[0]).toMatchObject({
      type: 'avtal_frg',
      endDate: addMonths(today, 4),
      expired: false,
    });
    expect(r.organisation).toEqual({ name: 'FRG Klar', memberCount: 3, reachableCount: 3, minMembers: 3 });
    const w = res.body.items.find((i: { id: number }) => i.id === waiting);
    expect(w.status).toBe('beviljad');
    expect(w.checklist.failing).toEqual(expect.arrayContaining(['power', 'communication', 'organisation']));
    expect(w.checklist.unknown).toEqual(['store']);
    expect(w.financing.open).toHaveLength(1);
    expect(w.financing.open[0].flags).toEqual(['private_share_below_required', 'financing_gap']);
    expect(res.body.summary).toMatchObject({
      total: 2,
      compliant: 1,
      expiringAgreements: 1,
      openFinancing: 1,
    });
    expect(res.body.summary.byStatus).toMatchObject({ i_drift: 1, beviljad: 1, ide: 0 });
  });

  it('filters by status, failing criterion, overdue and municipality', async () => {
    const ids = async (q: string) =>
      (await call(t.app, admin, { method: 'GET', url: `/api/sot/board?${q}` })).body.items.map(
        (i: { id: number }) => i.id,
      );
    expect(await ids('status=i_drift')).toEqual([ready]);
    expect((await ids('status=beviljad,ide')).sort()).toEqual([waiting, other].sort());
    expect(await ids('failing=power&municipality=2321')).toEqual([waiting]);
    expect(await ids('failing=store&municipality=2321')).toEqual([waiting]);
    expect(await ids('overdue=true')).toEqual([]);
    expect(await ids('expiring=true')).toEqual([ready]);
    expect(await ids('openFinancing=1')).toEqual([waiting]);
    expect(await ids('municipality=2480')).toEqual([other]);
    const bad = await call(t.app, admin, { method: 'GET', url: '/api/sot/board?status=open' });
    expect(bad.status).toBe(400);
  });

  it('is for county, municipality and admin users only, and every read is audited', async () => {
    expect((await call(t.app, op, { method: 'GET', url: '/api/sot/board' })).status).toBe(403);
    const m = await call(t.app, muni, { method: 'GET', url: '/api/sot/board' });
    expect(m.body.items.every((i: { municipalityCode: string }) => i.municipalityCode === '2321')).toBe(true);
    const audit = await call(t.app, admin, {
      method: 'GET',
      url: '/api/audit?entityType=sot_point_list&action=read',
    });
    const vias = audit.body.items.map((a: { details: { via: string } }) => a.details.via);
    expect(vias).toContain('board');
  });

  it('exports CSV marked internal on every row', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/sot/board/export?format=csv',
      headers: county.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/sot-punkter-INTERN-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].split(',')[0]).toBe('klassning');
    expect(lines).toHaveLength(3);
    for (const line of lines.slice(1))
      expect(line.startsWith('Intern — innehåller uppgifter om SOT-punkter,')).toBe(true);
    expect(res.body).toContain('SOT Klar');
    expect(res.body).not.toContain('SOT Annat län');
  });

  it('exports XLSX with the marking in the title row, the header and every row', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/sot/board/export?format=xlsx',
      headers: muni.headers,
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(String(sheet.getCell('A1').value)).toMatch(/^Intern — innehåller uppgifter om SOT-punkter/);
    expect(sheet.headerFooter.oddHeader).toContain('Intern — innehåller uppgifter om SOT-punkter');
    expect(sheet.getRow(3).getCell(1).value).toBe('klassning');
    const names: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 3) {
        expect(row.getCell(1).value).toBe('Intern — innehåller uppgifter om SOT-punkter');
        names.push(String(row.getCell(3).value));
      }
    });
    expect(names.sort()).toEqual(['SOT Klar', 'SOT Väntar']);
  });
});

describe('registry exports stay free of SOT data', () => {
  it('no export format mentions a SOT-punkt, its genset or its organisation', async () => {
    for (const format of ['csv', 'geojson', 'xlsx']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/service-points/export?format=${format}`,
        headers: admin.headers,
      });
      expect(res.statusCode).toBe(200);
      let text = res.body;
      if (format === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const cells: string[] = [];
        wb.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
        text = cells.join('\n');
      }
      // The linked stores are in the export (they are registry facts)…
      expect(text).toContain('Byhandeln 2321');
      // …but nothing says they are SOT-punkter.
      for (const needle of ['SOT Klar', 'SOT Väntar', 'FRG Klar', 'sot', 'SOT-punkt', 'rakel', 'i_drift']) {
        expect(text.toLowerCase(), `${format}: ${needle}`).not.toContain(needle.toLowerCase());
      }
      // The genset of the point is not copied onto the store's power facts.
      expect(text).not.toMatch(/(^|[,"\n])backup([,"\n]|$)/);
    }
  });
});
