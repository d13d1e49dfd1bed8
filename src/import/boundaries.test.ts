/**
 * Boundary imports on synthetic GeoJSON: code rules, placeholders, dry runs, and re-deriving the
 * municipality of rows imported before the boundaries (or moved by new boundaries).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import {
  auditLog,
  counties,
  meta,
  municipalities,
  places,
  populationCells,
  servicePoints,
} from '../db/schema.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { BOUNDARIES_VERSION_KEY } from '../domain/territory-cache.js';
import { createTestDatabase } from '../test/db.js';
import { square } from '../test/fixtures.js';
import { type ImportError, runImport } from './index.js';
import { databaseFingerprint } from './test-support.js';

let database: Database;
let dir: string;
let n = 0;

function geojson(features: { props: Record<string, unknown>; geometry: unknown }[]): string {
  const p = path.join(dir, `b${++n}.geojson`);
  fs.writeFileSync(
    p,
    JSON.stringify({
      type: 'FeatureCollection',
      features: features.map((f) => ({ type: 'Feature', properties: f.props, geometry: f.geometry })),
    }),
  );
  return p;
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-boundary-test-'));
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function fails(file: string, extra: object = {}): Promise<ImportError> {
  const before = await databaseFingerprint(database.db);
  const err = (await runImport(database.db, SYSTEM_ACTOR, {
    target: 'boundaries',
    filePath: file,
    ...extra,
  }).catch((e) => e)) as ImportError;
  expect(await databaseFingerprint(database.db)).toEqual(before);
  return err;
}

describe('boundary import', () => {
  it('derives the municipality of points and places imported before the boundaries', async () => {
    const csv = path.join(dir, 'early.csv');
    fs.writeFileSync(csv, 'id,kind,name,lat,lon\nE1,grocery,Early,63.25,13.25\nE2,atm,Other,63.25,14.25\n');
    await runImport(database.db, SYSTEM_ACTOR, { target: 'service_points', filePath: csv, source: 'early' });
    await database.db.insert(places).values({ name: 'Byn', lat: 63.3, lon: 13.3 });
    await database.db
      .insert(populationCells)
      .values({ gridId: 'cell-1', population: 12, cellSizeM: 1000, lat: 63.1, lon: 13.1 });
    const points = await database.db.select().from(servicePoints);
    expect(points.every((p) => p.municipalityCode === null)).toBe(true);

    // Generic property names (as the demo generator writes them); no counties yet.
    const file = geojson([
      { props: { code: '2321', name: 'Åre', county_code: '23' }, geometry: square(13, 63) },
      { props: { code: 2380, name: 'Östersund', county_code: 23 }, geometry: square(14, 63) },
    ]);
    const r = await runImport(database.db, SYSTEM_ACTOR, { target: 'boundaries', filePath: file });
    expect(r).toMatchObject({ ok: true, byKind: { municipality: 2 } });
    expect(r.counts).toMatchObject({ read: 2, created: 2 });
    expect(r.rederived).toEqual({ servicePoints: 2, places: 1, populationCells: 1 });
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        field: 'countyCode',
        reason: expect.stringContaining('Län 23'),
      }),
    );
    expect(await database.db.select().from(counties)).toEqual([
      expect.objectContaining({ code: '23', name: 'Län 23' }),
    ]);
    const after = await database.db.select().from(servicePoints).orderBy(servicePoints.name);
    expect(after.map((p) => [p.name, p.municipalityCode])).toEqual([
      ['Early', '2321'],
      ['Other', '2380'],
    ]);
    expect((await database.db.select().from(places))[0].municipalityCode).toBe('2321');
    expect((await database.db.select().from(populationCells))[0].municipalityCode).toBe('2321');
    const [m] = await database.db.select().from(municipalities).where(eq(municipalities.code, '2321'));
    expect([m.minLon, m.minLat, m.maxLon, m.maxLat]).toEqual([13, 63, 13.5, 63.5]);
    expect(m.importBatchId).toBe(r.batchId);
    const moved = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'service_point'), eq(auditLog.action, 'update')));
    expect(moved.map((x) => x.after)).toContainEqual({ municipalityCode: '2321' });
    const [version] = await database.db.select().from(meta).where(eq(meta.key, BOUNDARIES_VERSION_KEY));
    expect(Number(version.value)).toBeGreaterThanOrEqual(1);
  });

  it('county import fills in the placeholder; numeric l_id codes are padded', async () => {
    const file = geojson([{ props: { l_id: 23, name: 'Jämtland' }, geometry: square(13, 63, 2) }]);
    const r = await runImport(database.db, SYSTEM_ACTOR, { target: 'boundaries', filePath: file });
    expect(r.byKind).toEqual({ county: 1 });
    expect(r.counts).toMatchObject({ updated: 1, created: 0 });
    const [county] = await database.db.select().from(counties);
    expect(county).toMatchObject({ code: '23', name: 'Jämtland', minLon: 13, maxLon: 15 });
  });

  it('moved boundaries re-derive points; a dry run counts but changes nothing', async () => {
    // Åre grows east over the Östersund test square.
    const file = geojson([
      { props: { id: '2321', kom_namn: 'Åre', lan_code: '23' }, geometry: square(13, 63, 1.5) },
      { props: { id: '2380', kom_namn: 'Östersund', lan_code: '23' }, geometry: square(20, 63) },
    ]);
    const before = await databaseFingerprint(database.db);
    const dry = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'boundaries',
      filePath: file,
      dryRun: true,
    });
    expect(dry).toMatchObject({ ok: true, dryRun: true, batchId: null });
    expect(dry.counts.updated).toBe(2);
    expect(dry.rederived?.servicePoints).toBe(1);
    expect(await databaseFingerprint(database.db)).toEqual(before);

    const r = await runImport(database.db, SYSTEM_ACTOR, { target: 'boundaries', filePath: file });
    expect(r.counts).toMatchObject({ updated: 2, unchanged: 0 });
    const other = await database.db.select().from(servicePoints).where(eq(servicePoints.name, 'Other'));
    expect(other[0].municipalityCode).toBe('2321');
    const again = await runImport(database.db, SYSTEM_ACTOR, { target: 'boundaries', filePath: file });
    expect(again.counts).toMatchObject({ unchanged: 2, updated: 0 });
    expect(again.rederived).toBeUndefined();
  });

  it('invalid codes, county prefixes and geometries are row errors naming the feature', async () => {
    const err = await fails(
      geojson([
        { props: { code: '12345', name: 'Too long' }, geometry: square(1, 1) },
        { props: { code: '2499', name: 'Wrong county', county_code: '23' }, geometry: square(1, 1) },
        { props: { code: '2398', name: 'A point' }, geometry: { type: 'Point', coordinates: [1, 1] } },
        { props: { code: '2397' }, geometry: square(1, 1) },
        { props: { code: '2396', name: 'Dup' }, geometry: square(1, 1) },
        { props: { code: '2396', name: 'Dup' }, geometry: square(1, 1) },
      ]),
      { boundaryLevel: 'municipality' },
    );
    expect(err.id).toBe('import_rows_invalid');
    expect(err.message).toMatch(/^5 rows are invalid/);
    expect(err.details).toEqual([
      { line: 1, field: 'code', reason: "'12345' is not a 4-digit municipality code" },
      { line: 2, field: 'countyCode', reason: 'municipality code 2499 must start with its county code 23' },
      expect.objectContaining({ line: 3, field: 'geometry', reason: expect.stringContaining('got Point') }),
      { line: 4, field: 'name', reason: 'name is required' },
      { line: 6, field: 'code', reason: 'code 2396 also on feature 5' },
    ]);
  });

  it('files without a code property or in SWEREF are format errors', async () => {
    const noCode = await fails(geojson([{ props: { namn: 'X' }, geometry: square(1, 1) }]));
    expect(noCode.id).toBe('import_format_invalid');
    expect(noCode.message).toMatch(/No code property/);
    const p = path.join(dir, 'sweref.geojson');
    fs.writeFileSync(
      p,
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } },
        features: [{ type: 'Feature', properties: { code: '2321', name: 'X' }, geometry: square(1, 1) }],
      }),
    );
    expect((await fails(p)).message).toMatch(/WGS 84/);
    const csv = path.join(dir, 'b.csv');
    fs.writeFileSync(csv, 'code,name\n');
    expect((await fails(csv)).details[0]).toMatchObject({ field: 'format' });
  });
});

describe('boundary geometry and lost municipalities', () => {
  it('a zero-area or self-crossing ring is an error naming the feature; nothing is written', async () => {
    const err = await fails(
      geojson([
        { props: { code: '2321', name: 'Åre' }, geometry: square(13, 63) },
        {
          props: { code: '2380', name: 'Östersund' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [14, 64],
                [14, 64],
                [14, 64],
                [14, 64],
              ],
            ],
          },
        },
        {
          props: { code: '2309', name: 'Krokom' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [14, 64],
                [16, 64],
                [14, 65],
                [15, 65],
                [14, 64],
              ],
            ],
          },
        },
      ]),
      { boundaryLevel: 'municipality' },
    );
    expect(err.id).toBe('import_rows_invalid');
    expect(err.details).toEqual([
      {
        line: 2,
        element: 'feature 2 (2380 Östersund)',
        field: 'geometry',
        reason: expect.stringMatching(/^outer ring has zero area/),
      },
      {
        line: 3,
        element: 'feature 3 (2309 Krokom)',
        field: 'geometry',
        reason: expect.stringMatching(/^outer ring crosses itself/),
      },
    ]);
  });

  it('warns when rows that have a municipality would end up in none', async () => {
    const assigned = await database.db.select().from(servicePoints);
    expect(assigned.filter((p) => p.municipalityCode === '2321')).toHaveLength(2);
    // Åre moves far away: both points and the place would fall outside every municipality.
    const file = geojson([{ props: { code: '2321', name: 'Åre' }, geometry: square(30, 63) }]);
    const dry = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'boundaries',
      filePath: file,
      dryRun: true,
    });
    const warning = {
      severity: 'warning',
      field: 'geometry',
      reason: expect.stringMatching(
        /^2 service points and 1 places .* lie in no municipality .*\(2321: 2 service points, 1 places\)/,
      ),
    };
    expect(dry.issues).toContainEqual(warning);
    expect(dry.counts.warnings).toBe(1);
    const r = await runImport(database.db, SYSTEM_ACTOR, { target: 'boundaries', filePath: file });
    expect(r.issues).toContainEqual(warning);
    expect(r.rederived).toMatchObject({ servicePoints: 2, places: 1 });
    const after = await database.db.select().from(servicePoints);
    expect(after.every((p) => p.municipalityCode === null)).toBe(true);
  });
});
