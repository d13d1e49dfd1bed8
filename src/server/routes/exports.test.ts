import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  inside,
  loginAs,
  type Session,
  servicePointInput,
  type TestContext,
} from '../../test/fixtures.js';

let t: TestContext;
let admin: Session;
let muni: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  muni = await loginAs(t.app, 'muni2321');
  const points = [
    servicePointInput('2321', { name: 'Åre Livs' }),
    servicePointInput('2321', { name: 'Åre Mack', kind: 'fuel', attributes: {} }),
    servicePointInput('2480', { name: 'Umeå Livs' }),
  ];
  for (const payload of points)
    await t.app.inject({ method: 'POST', url: '/api/service-points', headers: admin.headers, payload });
  await t.app.inject({
    method: 'POST',
    url: '/api/places',
    headers: admin.headers,
    payload: { name: 'Kall', population: 250, ...inside('2321') },
  });
});
afterAll(async () => t.close());

describe('registry exports over HTTP', () => {
  it('sends CSV as an attachment, filtered and scoped', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/service-points/export?format=csv&kinds=grocery',
      headers: muni.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="service-points-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = parse(res.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.name)).toEqual(['Åre Livs']);
  });

  it('sends GeoJSON in SWEREF 99 TM', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/places/export?format=geojson&crs=sweref99tm',
      headers: admin.headers,
    });
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.headers['content-disposition']).toMatch(/places-.*-sweref99tm\.geojson"$/);
    const fc = res.json();
    expect(fc.features).toHaveLength(1);
    const [e, n] = fc.features[0].geometry.coordinates;
    // Lon 13.25 lies west of the 15° central meridian: easting below 500 km; lat 63.25 ≈ 7 000 km north.
    expect(e).toBeGreaterThan(350_000);
    expect(e).toBeLessThan(500_000);
    expect(n).toBeGreaterThan(6_950_000);
    expect(n).toBeLessThan(7_100_000);
  });

  it('sends XLSX that exceljs reads back', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/service-points/export?format=xlsx',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Servicepunkter')!.rowCount).toBe(4);
  });

  it('rejects an unknown format naming the field', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/service-points/export?format=pdf',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('format');
  });
});
