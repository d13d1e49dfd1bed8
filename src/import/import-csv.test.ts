/**
 * CSV (and GeoJSON point) imports on the small test territory: delimiters, mappings, coordinate
 * systems, validation errors that leave the database untouched, idempotency and territory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import proj4 from 'proj4';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { auditLog, externalRefs, importBatches, places, servicePoints } from '../db/schema.js';
import { type Actor, SYSTEM_ACTOR } from '../domain/actor.js';
import { createTestDatabase } from '../test/db.js';
import { inside, seedTerritory } from '../test/fixtures.js';
import { type ImportError, type ImportOptions, parseMapping, runImport } from './index.js';
import { databaseFingerprint } from './test-support.js';

const MUNI_2321: Actor = {
  userId: 9001,
  username: 'muni2321',
  role: 'municipality',
  countyCode: '23',
  municipalityCode: '2321',
};
const VIEWER: Actor = { ...MUNI_2321, userId: 9002, username: 'viewer', role: 'viewer' };
const COUNTY_23: Actor = {
  userId: 9003,
  username: 'c23',
  role: 'county',
  countyCode: '23',
  municipalityCode: null,
};

let database: Database;
let dir: string;
const a = inside('2321');
const b = inside('2380');
const c = inside('2480');

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTerritory(database);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-csv-test-'));
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let fileNo = 0;
function file(content: string | Buffer, name = `f${++fileNo}.csv`): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

async function importFails(actor: Actor, opts: ImportOptions): Promise<ImportError> {
  const before = await databaseFingerprint(database.db);
  const err = (await runImport(database.db, actor, opts).catch((e) => e)) as ImportError;
  expect(err).toBeInstanceOf(Error);
  expect(await databaseFingerprint(database.db)).toEqual(before);
  return err;
}

async function pointsWithRef(source: string, ref: string) {
  return database.db
    .select({ sp: servicePoints })
    .from(externalRefs)
    .innerJoin(servicePoints, eq(servicePoints.id, externalRefs.entityId))
    .where(
      and(
        eq(externalRefs.entity, 'service_point'),
        eq(externalRefs.source, source),
        eq(externalRefs.ref, ref),
      ),
    )
    .then((rows) => rows.map((r) => r.sp));
}

describe('CSV with default column names', () => {
  it('imports, derives the municipality and keys rows by source and id', async () => {
    const p = file(
      `id,kind,name,chain,lat,lon\nA1,grocery,Lanthandeln,ICA,${a.lat},${a.lon}\nA2,fuel,Macken,,${b.lat},${b.lon}\n`,
      'Butiker Åre.csv',
    );
    const r = await runImport(database.db, SYSTEM_ACTOR, { target: 'service_points', filePath: p });
    expect(r).toMatchObject({ ok: true, format: 'csv', source: 'butiker-are', batchId: expect.any(Number) });
    expect(r.counts).toMatchObject({ read: 2, created: 2, updated: 0, unchanged: 0, errors: 0 });
    expect(r.byKind).toEqual({ grocery: 1, fuel: 1 });
    const [shop] = await pointsWithRef('butiker-are', 'A1');
    expect(shop).toMatchObject({ name: 'Lanthandeln', chain: 'ICA', municipalityCode: '2321', version: 1 });
    expect(shop.externalIds).toEqual({ 'butiker-are': 'A1' });
    expect(shop.importBatchId).toBe(r.batchId);
    const [fuel] = await pointsWithRef('butiker-are', 'A2');
    expect(fuel.municipalityCode).toBe('2380');
    expect(fuel.chain).toBeNull();
    // One audit row per created row plus one for the batch.
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'import'))
      .orderBy(auditLog.id);
    expect(audits.at(-1)?.entityId).toBe(String(r.batchId));
    const creates = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'create'), eq(auditLog.entityId, String(shop.id))));
    expect(creates).toHaveLength(1);
    expect(creates[0].municipalityCode).toBe('2321');
    expect(creates[0].before).toBeNull();
  });

  it('sniffs semicolons, Swedish headers, BOM and decimal commas', async () => {
    const lat = String(a.lat).replace('.', ',');
    const lon = String(a.lon).replace('.', ',');
    const p = file(
      `\uFEFFtyp;namn;kedja;latitud;longitud;source_ref\nDagligvarubutik;Handlarn;Coop;${lat};${lon};S1\n`,
      'Butiker Åre.csv',
    );
    const r = await runImport(database.db, SYSTEM_ACTOR, { target: 'service_points', filePath: p });
    expect(r.source).toBe('butiker-are');
    const [row] = await pointsWithRef('butiker-are', 'S1');
    expect(row).toMatchObject({ kind: 'grocery', name: 'Handlarn', chain: 'Coop', lat: a.lat, lon: a.lon });
  });

  it('reports the starting line of rows after a value with a line break', async () => {
    const p = file(
      `id,kind,name,lat,lon\nL1,grocery,"Two\nlines",${a.lat},${a.lon}\n\nL2,bakery,X,${a.lat},${a.lon}\n`,
    );
    const err = await importFails(SYSTEM_ACTOR, { target: 'service_points', filePath: p });
    expect(err.details).toEqual([expect.objectContaining({ line: 5, field: 'kind' })]);
  });

  it('reads tab-separated files', async () => {
    const p = file(`kind\tname\tlat\tlon\tid\npharmacy\tApoteket\t${a.lat}\t${a.lon}\tT1\n`, 'tab.tsv');
    const r = await runImport(database.db, SYSTEM_ACTOR, { target: 'service_points', filePath: p });
    expect(r.counts.created).toBe(1);
    expect(r.byKind).toEqual({ pharmacy: 1 });
  });

  it('stores attribute columns for the kinds that have them', async () => {
    const p = file(
      'id,kind,name,lat,lon,assortment_articles,year_round,fuels,staffed\n' +
        `G1,grocery,Butik,${a.lat},${a.lon},3500,ja,,\n` +
        `F1,fuel,Station,${a.lat},${a.lon},,,diesel|petrol_95,nej\n`,
    );
    const r = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p,
      source: 'attr',
    });
    expect(r.counts.created).toBe(2);
    expect((await pointsWithRef('attr', 'G1'))[0].attributes).toEqual({
      assortmentArticles: 3500,
      yearRound: true,
    });
    expect((await pointsWithRef('attr', 'F1'))[0].attributes).toEqual({
      fuels: ['diesel', 'petrol_95'],
      staffed: false,
    });
  });

  it('warns when lat and lon look swapped and when municipality_code disagrees', async () => {
    const p = file(
      `id,kind,name,lat,lon,municipality_code\nW1,atm,Swapped,${a.lon},${a.lat},\nW2,atm,Wrong code,${a.lat},${a.lon},2480\n`,
    );
    const r = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p,
      source: 'warn',
    });
    expect(r.ok).toBe(true);
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        line: 2,
        field: 'lat',
        reason: expect.stringContaining('swapped'),
      }),
    );
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        line: 3,
        field: 'municipalityCode',
        reason: expect.stringContaining('2480'),
      }),
    );
    expect((await pointsWithRef('warn', 'W2'))[0].municipalityCode).toBe('2321');
  });
});

describe('progress and cancellation', () => {
  it('reports read, validate and write progress', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `P${i},grocery,Butik ${i},${a.lat},${a.lon}`).join(
      '\n',
    );
    const seen: { phase: string; done: number; total: number }[] = [];
    await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file(`id,kind,name,lat,lon\n${rows}\n`),
      source: 'progress',
      onProgress: (p) => seen.push(p),
    });
    expect([...new Set(seen.map((p) => p.phase))]).toEqual(['read', 'validate', 'write']);
    const last = (phase: string) => seen.filter((p) => p.phase === phase).at(-1);
    expect(last('read')?.done).toBe(last('read')?.total);
    expect(last('validate')).toEqual({ phase: 'validate', done: 50, total: 50 });
    expect(last('write')).toEqual({ phase: 'write', done: 50, total: 50 });
  });

  it('an aborted import changes nothing', async () => {
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    const err = await importFails(SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file(`kind,name,lat,lon\ngrocery,X,${a.lat},${a.lon}\n`),
      signal: controller.signal,
    });
    expect(err.message).toBe('user cancelled');
  });
});

describe('format errors change nothing', () => {
  it('a semicolon file read with a comma mapping: wrong delimiter, line 1', async () => {
    const p = file(`kind;name;lat;lon\ngrocery;X;${a.lat};${a.lon}\n`);
    const err = await importFails(SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p,
      mapping: parseMapping('{"delimiter": ","}'),
    });
    expect(err.id).toBe('import_format_invalid');
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/wrong delimiter.*1 column.*';'/i);
    expect(err.details[0]).toMatchObject({ line: 1, field: 'delimiter' });
    expect(err.report.ok).toBe(false);
  });

  it('a comma file with a semicolon row: the line with the wrong column count', async () => {
    const p = file(
      `kind,name,lat,lon\ngrocery,X,${a.lat},${a.lon}\ngrocery;Y;${a.lat};${a.lon}\ngrocery,Z,${a.lat},${a.lon}\n`,
    );
    const err = await importFails(SYSTEM_ACTOR, { target: 'service_points', filePath: p });
    expect(err.id).toBe('import_format_invalid');
    expect(err.message).toMatch(/Line 3 has 1 column but the header has 4/);
    expect(err.details[0].line).toBe(3);
  });

  it('a pipe-separated file names the delimiter it found', async () => {
    const p = file(`kind|name|lat|lon\ngrocery|X|${a.lat}|${a.lon}\n`);
    const err = await importFails(SYSTEM_ACTOR, { target: 'service_points', filePath: p });
    expect(err.id).toBe('import_format_invalid');
    expect(err.message).toContain("'|'");
  });

  it('a file without coordinate columns, an unclosed quote, a Latin-1 file', async () => {
    const noCoords = await importFails(SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file('kind,name,x1,y1\ngrocery,X,1,2\n'),
    });
    expect(noCoords.message).toMatch(/No coordinate columns.*kind, name, x1, y1/);
    const quote = await importFails(SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file(`kind,name,lat,lon\ngrocery,"X,${a.lat},${a.lon}\n`),
    });
    expect(quote.id).toBe('import_format_invalid');
    expect(quote.message).toMatch(/never closed/);
    const latin1 = await importFails(SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file(Buffer.from(`kind,name,lat,lon\ngrocery,\u00c5re,${a.lat},${a.lon}\n`, 'latin1')),
    });
    expect(latin1.message).toMatch(/not UTF-8/);
  });

  it('a mapping naming a column the file lacks names the mapping key', async () => {
    const err = await importFails(SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file(`kind,name,lat,lon\ngrocery,X,${a.lat},${a.lon}\n`),
      mapping: parseMapping('{"columns": {"lat": "latitud"}}'),
    });
    expect(err.details[0].field).toBe('columns.lat');
    expect(err.details[0].reason).toContain("'latitud' not found");
  });
});

describe('row errors fail the whole import and change nothing', () => {
  it('bad coordinates name the line and field', async () => {
    const p = file(
      `id,kind,name,lat,lon\nB1,grocery,Ok,${a.lat},${a.lon}\nB2,grocery,Text,abc,${a.lon}\nB3,grocery,Far,123,${a.lon}\n`,
    );
    const err = await importFails(SYSTEM_ACTOR, { target: 'service_points', filePath: p, source: 'bad' });
    expect(err.id).toBe('import_rows_invalid');
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/^2 rows are invalid; nothing was imported/);
    expect(err.details).toContainEqual({ line: 3, field: 'lat', reason: "not a number: 'abc'" });
    expect(err.details).toContainEqual(
      expect.objectContaining({ line: 4, field: 'lat', reason: expect.stringContaining('outside -90…90') }),
    );
    expect(err.report.counts).toMatchObject({ read: 3, errors: 2, created: 0 });
    expect(await pointsWithRef('bad', 'B1')).toEqual([]);
  });

  it('an unknown kind names the value and the allowed kinds', async () => {
    const p = file(`id,kind,name,lat,lon\nK1,bakery,Bageriet,${a.lat},${a.lon}\n`);
    const err = await importFails(SYSTEM_ACTOR, { target: 'service_points', filePath: p });
    expect(err.id).toBe('import_rows_invalid');
    expect(err.details[0]).toMatchObject({ line: 2, field: 'kind' });
    expect(err.details[0].reason).toMatch(/unknown kind 'bakery'.*grocery/);
  });

  it('zod validation names the field (empty name, bad attribute)', async () => {
    const p = file(
      `id,kind,name,lat,lon,assortment_articles\nZ1,grocery,,${a.lat},${a.lon},\nZ2,grocery,X,${a.lat},${a.lon},-5\n`,
    );
    const err = await importFails(SYSTEM_ACTOR, { target: 'service_points', filePath: p });
    expect(err.details).toContainEqual({ line: 2, field: 'name', reason: 'name is required' });
    expect(err.details).toContainEqual(
      expect.objectContaining({ line: 3, field: 'attributes.assortmentArticles' }),
    );
  });

  it('skipInvalid imports the valid rows and counts the rest', async () => {
    const p = file(`id,kind,name,lat,lon\nS1,grocery,Ok,${a.lat},${a.lon}\nS2,bakery,No,${a.lat},${a.lon}\n`);
    const r = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p,
      source: 'skip',
      skipInvalid: true,
    });
    expect(r.ok).toBe(true);
    expect(r.counts).toMatchObject({ read: 2, created: 1, skipped: 1, errors: 1 });
    expect(await pointsWithRef('skip', 'S1')).toHaveLength(1);
  });
});

describe('idempotency and updates', () => {
  const csv = (name: string) =>
    `id,kind,name,lat,lon\nI1,grocery,${name},${a.lat},${a.lon}\nI2,atm,Bankomat,${a.lat},${a.lon}\n`;

  it('re-import is unchanged; a changed row is updated and audited; other fields survive', async () => {
    const first = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file(csv('Butiken')),
      source: 'idem',
    });
    expect(first.counts.created).toBe(2);
    const [row] = await pointsWithRef('idem', 'I1');
    // Someone adds facts in SOT that the file does not carry.
    await database.db
      .update(servicePoints)
      .set({ attributes: { assortmentArticles: 900 }, address: 'Byvägen 1' })
      .where(eq(servicePoints.id, row.id));

    const dry = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file(csv('Butiken')),
      source: 'idem',
      dryRun: true,
    });
    expect(dry.counts).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const renamed = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file(csv('Nya Butiken')),
      source: 'idem',
    });
    expect(renamed.counts).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const [after] = await pointsWithRef('idem', 'I1');
    expect(after).toMatchObject({
      id: row.id,
      name: 'Nya Butiken',
      version: 2,
      address: 'Byvägen 1',
      attributes: { assortmentArticles: 900 },
      importBatchId: renamed.batchId,
    });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'update'), eq(auditLog.entityId, String(row.id))));
    expect(audit.before).toEqual({ name: 'Butiken' });
    expect(audit.after).toEqual({ name: 'Nya Butiken' });

    const [{ n }] = await database.db
      .select({ n: count() })
      .from(externalRefs)
      .where(eq(externalRefs.source, 'idem'));
    expect(n).toBe(2);
  });

  it('rows without ids get derived ids; duplicate ids are told apart by chain', async () => {
    const p = file(
      `id,kind,name,chain,lat,lon\n,atm,Uttag 1,Bank,${a.lat},${a.lon}\nD1,grocery,Coop X,Coop,${a.lat},${a.lon}\nD1,grocery,Tempo Y,Tempo,${b.lat},${b.lon}\n`,
    );
    const r = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p,
      source: 'dups',
    });
    expect(r.counts.created).toBe(3);
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        reason: expect.stringMatching(/^1 rows have no external id/),
      }),
    );
    expect(r.issues).toContainEqual(
      expect.objectContaining({ line: 4, reason: expect.stringContaining('stored as D1#Tempo') }),
    );
    expect(await pointsWithRef('dups', 'D1#Coop')).toHaveLength(1);
    const again = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p,
      source: 'dups',
    });
    expect(again.counts).toMatchObject({ created: 0, unchanged: 3 });
  });

  it('identical duplicate rows are errors', async () => {
    const line = `E1,grocery,Same,Chain,${a.lat},${a.lon}`;
    const err = await importFails(SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file(`id,kind,name,chain,lat,lon\n${line}\n${line}\n`),
    });
    expect(err.details[0]).toMatchObject({ line: 3, field: 'externalId' });
  });
});

describe('coordinate systems and mappings', () => {
  it('SWEREF 99 TM easting/northing lands at the right place (Östersund)', async () => {
    // Independent definition of EPSG:3006 (transverse Mercator spelled out, not UTM 33).
    const sweref =
      '+proj=tmerc +lat_0=0 +lon_0=15 +k=0.9996 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    const [e, n] = proj4('WGS84', sweref).forward([14.6357, 63.1792]);
    // Sanity of the test itself: Östersund is ~18 km west of the 15° central meridian, ~7,006 km north.
    expect(e).toBeGreaterThan(480_000);
    expect(e).toBeLessThan(483_000);
    expect(n).toBeGreaterThan(7_000_000);
    expect(n).toBeLessThan(7_010_000);
    // E/N headers, and X/Y in the Swedish convention (X = northing), both work.
    const p1 = file(`id,kind,name,E,N\nOS1,grocery,Östersund,${e.toFixed(3)},${n.toFixed(3)}\n`);
    const p2 = file(`id,typ,namn,X,Y\nOS2,grocery,Östersund,${n.toFixed(3)},${e.toFixed(3)}\n`);
    const r1 = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p1,
      source: 'sw',
    });
    const r2 = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p2,
      source: 'sw',
    });
    expect(r1.ok && r2.ok).toBe(true);
    expect(r2.issues).toContainEqual(
      expect.objectContaining({ field: 'x', reason: expect.stringContaining('northing') }),
    );
    for (const ref of ['OS1', 'OS2']) {
      const [row] = await pointsWithRef('sw', ref);
      expect(row.lat).toBeCloseTo(63.1792, 6);
      expect(row.lon).toBeCloseTo(14.6357, 6);
    }
  });

  it('coordinates outside SWEREF 99 TM are row errors', async () => {
    const err = await importFails(SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file('id,kind,name,x,y\nQ1,grocery,X,12,34\n'),
    });
    expect(err.details[0]).toMatchObject({ line: 2, field: 'x' });
    expect(err.details[0].reason).toContain('SWEREF 99 TM');
  });

  it('a mapping file renames columns, maps kind values, sets defaults and the source', async () => {
    const mapping = parseMapping(
      JSON.stringify({
        source: 'kommunens-lista',
        columns: {
          name: 'Benämning',
          kind: 'Verksamhet',
          lat: 'Lat WGS84',
          lon: 'Lon WGS84',
          externalId: 'Nr',
        },
        kindValues: { Livsmedel: 'grocery', Drivmedel: 'fuel' },
        defaults: { chain: 'Oberoende' },
      }),
    );
    const p = file(
      `Nr;Benämning;Verksamhet;Lat WGS84;Lon WGS84\n7;Byns handel;livsmedel;${a.lat};${a.lon}\n8;Mack;Drivmedel;${a.lat};${a.lon}\n`,
    );
    const r = await runImport(database.db, SYSTEM_ACTOR, { target: 'service_points', filePath: p, mapping });
    expect(r.source).toBe('kommunens-lista');
    expect(r.byKind).toEqual({ grocery: 1, fuel: 1 });
    const [row] = await pointsWithRef('kommunens-lista', '7');
    expect(row).toMatchObject({ kind: 'grocery', name: 'Byns handel', chain: 'Oberoende' });
  });

  it('imports places from CSV', async () => {
    const p = file(
      `id,name,place_type,population,seasonal_population,lat,lon\nP1,Byn,village,1 234,5000,${a.lat},${a.lon}\nP2,Gården,,,,${b.lat},${b.lon}\n`,
    );
    const r = await runImport(database.db, SYSTEM_ACTOR, { target: 'places', filePath: p, source: 'orter' });
    expect(r.byKind).toEqual({ 'place:village': 1, 'place:locality': 1 });
    const rows = await database.db.select().from(places).orderBy(places.id);
    expect(rows.find((x) => x.name === 'Byn')).toMatchObject({
      population: 1234,
      seasonalPopulation: 5000,
      placeType: 'village',
      municipalityCode: '2321',
      externalIds: { orter: 'P1' },
    });
    const bad = await importFails(SYSTEM_ACTOR, {
      target: 'places',
      filePath: file(`name,population,lat,lon\nX,many,${a.lat},${a.lon}\n`),
    });
    expect(bad.details[0]).toMatchObject({ line: 2, field: 'population' });
  });
});

describe('GeoJSON points', () => {
  it('imports Point and Polygon features (centroid) with feature ids', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'g1',
          geometry: { type: 'Point', coordinates: [a.lon, a.lat] },
          properties: { name: 'Punkt', kind: 'post' },
        },
        {
          type: 'Feature',
          id: 'g2',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [14.1, 63.1],
                [14.3, 63.1],
                [14.3, 63.3],
                [14.1, 63.3],
                [14.1, 63.1],
              ],
            ],
          },
          properties: { name: 'Hallen', kind: 'community_hall' },
        },
      ],
    };
    const p = file(JSON.stringify(fc), 'punkter.geojson');
    const r = await runImport(database.db, SYSTEM_ACTOR, { target: 'service_points', filePath: p });
    expect(r.format).toBe('geojson');
    expect(r.counts.created).toBe(2);
    const [hall] = await pointsWithRef('punkter', 'g2');
    expect(hall.lat).toBeCloseTo(63.2, 9);
    expect(hall.lon).toBeCloseTo(14.2, 9);
    expect(hall.municipalityCode).toBe('2380');
  });

  it('invalid JSON, non-GeoJSON and features without geometry are reported', async () => {
    const broken = await importFails(SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file('{"type": "FeatureCollection",\n "features": [ {"type": ', 'broken.geojson'),
    });
    expect(broken.id).toBe('import_format_invalid');
    expect(broken.message).toMatch(/not valid JSON/);
    const notGeo = await importFails(SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file('{"hello": 1}', 'x.json'),
    });
    expect(notGeo.message).toMatch(/not GeoJSON/);
    const noGeom = await importFails(SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [{ type: 'Feature', geometry: null, properties: { name: 'X', kind: 'atm' } }],
        }),
        'nogeom.geojson',
      ),
    });
    expect(noGeom.details[0]).toMatchObject({
      line: 1,
      field: 'geometry',
      reason: 'feature has no geometry',
    });
  });
});

describe('who may import what', () => {
  beforeEach(() => undefined);

  it('a municipality user imports rows in its municipality only', async () => {
    const p = file(
      `id,kind,name,lat,lon\nM1,grocery,Mine,${a.lat},${a.lon}\nM2,grocery,Theirs,${c.lat},${c.lon}\n`,
    );
    const err = await importFails(MUNI_2321, { target: 'service_points', filePath: p, source: 'muni' });
    expect(err.id).toBe('import_rows_invalid');
    expect(err.details).toEqual([
      { line: 3, field: 'lat', reason: 'the point lies in municipality 2480, outside your territory' },
    ]);
    const r = await runImport(database.db, MUNI_2321, {
      target: 'service_points',
      filePath: p,
      source: 'muni',
      skipInvalid: true,
    });
    expect(r.counts).toMatchObject({ created: 1, skipped: 1 });
    const [batch] = await database.db
      .select()
      .from(importBatches)
      .where(eq(importBatches.id, r.batchId as number));
    expect(batch.userId).toBe(MUNI_2321.userId);
  });

  it('a municipality user cannot take over a row stored in another municipality', async () => {
    await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file(`id,kind,name,lat,lon\nX1,grocery,Elsewhere,${c.lat},${c.lon}\n`),
      source: 'move',
    });
    const err = await importFails(MUNI_2321, {
      target: 'service_points',
      filePath: file(`id,kind,name,lat,lon\nX1,grocery,Moved here,${a.lat},${a.lon}\n`),
      source: 'move',
    });
    expect(err.details[0]).toMatchObject({ line: 2, field: 'externalId' });
    expect(err.details[0].reason).toContain('municipality 2480');
  });

  it('a county user may import in the whole county; points outside every municipality are admin-only', async () => {
    const p = file(
      `id,kind,name,lat,lon\nC1,grocery,A,${a.lat},${a.lon}\nC2,grocery,B,${b.lat},${b.lon}\nC3,grocery,Sea,10,10\n`,
    );
    const err = await importFails(COUNTY_23, { target: 'service_points', filePath: p, source: 'county' });
    expect(err.details).toEqual([
      expect.objectContaining({
        line: 4,
        field: 'lat',
        reason: expect.stringContaining('only administrators'),
      }),
    ]);
    const ok = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p,
      source: 'county',
    });
    expect(ok.counts.created).toBe(3);
  });

  it('viewers may not import; only admins import boundaries', async () => {
    const p = file(`kind,name,lat,lon\ngrocery,X,${a.lat},${a.lon}\n`);
    const viewer = await importFails(VIEWER, { target: 'service_points', filePath: p });
    expect(viewer.status).toBe(403);
    const geo = file('{"type":"FeatureCollection","features":[]}', 'b.geojson');
    const boundaries = await importFails(MUNI_2321, { target: 'boundaries', filePath: geo });
    expect(boundaries.id).toBe('forbidden');
    expect(boundaries.status).toBe(403);
    expect(boundaries.report.ok).toBe(false);
  });
});
