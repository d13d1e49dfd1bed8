import { PassThrough, Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { createPlace } from '../domain/places.js';
import { createServicePoint } from '../domain/service-points.js';
import { servicePointInput } from '../test/fixtures.js';
import { createRegistryTestDb, type RegistryTestDb } from '../test/registry-fixtures.js';
import { toSweref99tm } from './crs.js';
import { csvField } from './csv.js';
import { type ExportOptions, exportFilename, exportRegistry } from './registry-export.js';

/** Runs an export into memory. */
async function run(
  t: RegistryTestDb,
  who: string,
  opts: ExportOptions,
): Promise<{ count: number; data: Buffer }> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  const { count } = await exportRegistry(t.db, t.actors[who], opts, out);
  return { count, data: Buffer.concat(chunks) };
}

const csvRows = (data: Buffer) =>
  parse(data.toString('utf8'), { columns: true, bom: true }) as Record<string, string>[];

let t: RegistryTestDb;
const ids: number[] = [];
beforeAll(async () => {
  t = await createRegistryTestDb();
  // 12 points, so page size 5 needs three pages. (Test municipality 2380 spans lon 14–14.5.)
  for (let i = 0; i < 5; i++)
    ids.push(
      (
        await createServicePoint(
          t.db,
          SYSTEM_ACTOR,
          servicePointInput('2321', { name: `Åre ${i}`, lat: 63.1 + i * 0.05 }),
        )
      ).id,
    );
  ids.push(
    (
      await createServicePoint(t.db, SYSTEM_ACTOR, {
        ...servicePointInput('2380'),
        kind: 'fuel',
        name: 'Mack "Öst", Östersund',
        lat: 63.18,
        lon: 14.44,
        attributes: { fuels: ['diesel', 'hvo100'] },
        power: { type: 'backup', kva: 70, fuelLitres: 1000 },
        externalIds: { osm: 'node/42' },
      })
    ).id,
  );
  for (let i = 0; i < 6; i++)
    ids.push(
      (await createServicePoint(t.db, SYSTEM_ACTOR, servicePointInput('2480', { name: `=Umeå ${i}` }))).id,
    );
  await createPlace(t.db, SYSTEM_ACTOR, {
    name: 'Kall',
    population: 250,
    seasonalPopulation: 600,
    lat: 63.45,
    lon: 13.25,
  });
  await createPlace(t.db, SYSTEM_ACTOR, { name: 'Umeå', population: 90000, lat: 63.25, lon: 20.25 });
});
afterAll(async () => t.close());

describe('CSV export', () => {
  it('writes a BOM, a header and one row per readable point across pages', async () => {
    const { count, data } = await run(t, 'admin', { entity: 'service_points', format: 'csv', pageSize: 5 });
    expect(count).toBe(12);
    expect(data.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = csvRows(data);
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => Number(r.id))).toEqual(ids);
    expect(Object.keys(rows[0])).toEqual([
      'id',
      'kind',
      'kind_sv',
      'name',
      'chain',
      'operator_name',
      'address',
      'postcode',
      'city',
      'municipality_code',
      'lat',
      'lon',
      'power',
      'backup_kva',
      'backup_fuel_litres',
      'opening_hours',
      'external_ids',
      'attributes',
      'updated_at',
    ]);
    const fuel = rows.find((r) => r.kind === 'fuel')!;
    expect(fuel.name).toBe('Mack "Öst", Östersund');
    expect(fuel.kind_sv).toBe('Drivmedel');
    expect(fuel).toMatchObject({
      power: 'backup',
      backup_kva: '70',
      backup_fuel_litres: '1000',
      municipality_code: '2380',
    });
    expect(JSON.parse(fuel.external_ids)).toEqual({ osm: 'node/42' });
    expect(JSON.parse(fuel.attributes)).toEqual({ fuels: ['diesel', 'hvo100'] });
    expect(Number(fuel.lat)).toBe(63.18);
    // A name that a spreadsheet would run as a formula is kept as text.
    expect(rows.find((r) => r.municipality_code === '2480')!.name).toBe("'=Umeå 0");
  });

  it('respects the filter and the actor scope', async () => {
    const county = await run(t, 'county23', { entity: 'service_points', format: 'csv' });
    expect(county.count).toBe(6);
    expect(new Set(csvRows(county.data).map((r) => r.municipality_code))).toEqual(new Set(['2321', '2380']));
    const fuel = await run(t, 'county23', {
      entity: 'service_points',
      format: 'csv',
      filter: { kinds: ['fuel'] },
    });
    expect(csvRows(fuel.data).map((r) => r.name)).toEqual(['Mack "Öst", Östersund']);
    const muni = await run(t, 'muni2480', {
      entity: 'service_points',
      format: 'csv',
      filter: { municipality: '2321' },
    });
    expect(muni.count).toBe(0);
    expect(csvRows(muni.data)).toEqual([]);
    const op = await run(t, 'op2321', { entity: 'service_points', format: 'csv' });
    expect(op.count).toBe(0);
    const bbox = await run(t, 'admin', {
      entity: 'service_points',
      format: 'csv',
      filter: { bbox: [13, 63, 13.5, 63.19] },
    });
    expect(csvRows(bbox.data).map((r) => r.name)).toEqual(['Åre 0', 'Åre 1']);
  });

  it('exports places with population', async () => {
    const { data } = await run(t, 'muni2321', { entity: 'places', format: 'csv' });
    expect(csvRows(data)).toEqual([
      expect.objectContaining({
        name: 'Kall',
        population: '250',
        seasonal_population: '600',
        municipality_code: '2321',
      }),
    ]);
  });
});

describe('GeoJSON export', () => {
  it('writes a FeatureCollection with lon/lat points and the properties', async () => {
    const { count, data } = await run(t, 'admin', {
      entity: 'service_points',
      format: 'geojson',
      pageSize: 5,
    });
    const fc = JSON.parse(data.toString('utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.crs).toBeUndefined();
    expect(fc.features).toHaveLength(count);
    const fuel = fc.features.find((f: { properties: { kind: string } }) => f.properties.kind === 'fuel');
    expect(fuel.geometry).toEqual({ type: 'Point', coordinates: [14.44, 63.18] });
    expect(fuel.properties.attributes).toEqual({ fuels: ['diesel', 'hvo100'] });
    expect(fuel.properties.lat).toBeUndefined();
  });

  it('writes an empty but valid collection when nothing matches', async () => {
    const { data } = await run(t, 'viewer2321', {
      entity: 'places',
      format: 'geojson',
      filter: { q: 'nothing' },
    });
    expect(JSON.parse(data.toString('utf8'))).toEqual({ type: 'FeatureCollection', features: [] });
  });
});

describe('XLSX export', () => {
  it('reads back with exceljs: header row plus one row per point', async () => {
    const { count, data } = await run(t, 'county23', {
      entity: 'service_points',
      format: 'xlsx',
      pageSize: 4,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Servicepunkter')!;
    expect(sheet.rowCount).toBe(count + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['id', 'kind', 'kind_sv', 'name']);
    const lat = header.indexOf('lat') + 1;
    const names = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      names.push(sheet.getRow(r).getCell(4).value);
      expect(typeof sheet.getRow(r).getCell(lat).value).toBe('number');
    }
    expect(names).toContain('Mack "Öst", Östersund');
    expect(names).not.toContain('=Umeå 0');
  });
});

describe('SWEREF 99 TM', () => {
  // EPSG:3006 written out as the transverse Mercator it is, independent of the module's UTM string.
  const epsg3006 =
    '+proj=tmerc +lat_0=0 +lon_0=15 +k=0.9996 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

  it('projects Östersund to about E 482 000, N 7 006 000', () => {
    const [e, n] = proj4('WGS84', epsg3006, [14.64, 63.18]);
    expect(Math.abs(e - 482_000)).toBeLessThan(1_000);
    expect(Math.abs(n - 7_006_000)).toBeLessThan(1_000);
    const ours = toSweref99tm(63.18, 14.64);
    expect(ours.easting).toBeCloseTo(e, 1);
    expect(ours.northing).toBeCloseTo(n, 1);
  });

  it('gives easting/northing in metres that match an independent projection', async () => {
    const [e, n] = proj4('WGS84', epsg3006, [14.44, 63.18]);
    const { data } = await run(t, 'admin', { entity: 'service_points', format: 'csv', crs: 'sweref99tm' });
    const fuel = csvRows(data).find((r) => r.kind === 'fuel')!;
    expect(fuel.lat).toBeUndefined();
    expect(Number(fuel.easting)).toBeCloseTo(e, 1);
    expect(Number(fuel.northing)).toBeCloseTo(n, 1);
  });

  it('labels GeoJSON in SWEREF 99 TM with its CRS', async () => {
    const { data } = await run(t, 'admin', { entity: 'places', format: 'geojson', crs: 'sweref99tm' });
    const fc = JSON.parse(data.toString('utf8'));
    expect(fc.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::3006');
    const [e, n] = proj4('WGS84', epsg3006, [13.25, 63.45]);
    const kall = fc.features.find((f: { properties: { name: string } }) => f.properties.name === 'Kall');
    expect(kall.geometry.coordinates[0]).toBeCloseTo(e, 1);
    expect(kall.geometry.coordinates[1]).toBeCloseTo(n, 1);
  });
});

describe('output handling', () => {
  it('ends the output stream and names files by entity, date and CRS', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c) => chunks.push(c));
    const ended = new Promise((resolve) => out.on('end', resolve));
    await exportRegistry(t.db, t.actors.admin, { entity: 'places', format: 'csv' }, out);
    await ended;
    expect(csvRows(Buffer.concat(chunks))).toHaveLength(2);
    const at = new Date('2026-03-01T10:00:00Z');
    expect(exportFilename('service_points', 'xlsx', 'wgs84', at)).toBe('service-points-2026-03-01.xlsx');
    expect(exportFilename('places', 'geojson', 'sweref99tm', at)).toBe(
      'places-2026-03-01-sweref99tm.geojson',
    );
  });

  it('rejects when the output fails mid-way', async () => {
    const out = new Writable({
      write(_chunk, _enc, cb) {
        cb(new Error('disk full'));
      },
    });
    out.on('error', () => {});
    await expect(
      exportRegistry(t.db, t.actors.admin, { entity: 'service_points', format: 'csv' }, out),
    ).rejects.toThrow(/disk full|closed/);
  });

  it('quotes CSV fields only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField('-12')).toBe("'-12");
    expect(csvField(null)).toBe('');
  });
});
