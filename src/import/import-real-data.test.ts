/**
 * The importers on the real files in ../shared/data (skipped when absent): Sweden's 11,388
 * service points with the real municipality boundaries, and the Andorra OSM extract.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import {
  counties,
  externalRefs,
  importBatches,
  municipalities,
  places,
  servicePoints,
} from '../db/schema.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { readOsm } from '../osm/read.js';
import { classifyServiceTags } from '../osm/registry-tags.js';
import { createTestDatabase } from '../test/db.js';
import { sharedDataPath } from '../test/shared-data.js';
import { type ImportReport, runImport } from './index.js';
import { databaseFingerprint } from './test-support.js';

const csvPath = sharedDataPath('sweden/service-points.csv');
const municipalitiesPath = sharedDataPath('sweden/municipalities.geojson');
const regionsPath = sharedDataPath('sweden/regions.geojson');
const pbfPath = sharedDataPath('osm/andorra-2013.osm.pbf');

/** Per-kind counts stated in ../shared/data/README.md. */
const README_COUNTS = {
  grocery: 2854,
  fuel: 2927,
  pharmacy: 1361,
  atm: 2833,
  convenience: 556,
  alcohol_store: 448,
  alcohol_agent: 409,
};

async function kindCounts(database: Database): Promise<Record<string, number>> {
  const rows = await database.db
    .select({ kind: servicePoints.kind, n: count() })
    .from(servicePoints)
    .groupBy(servicePoints.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

const timings: string[] = [];
afterAll(() => {
  const db = process.env.SOT_TEST_DB === 'postgres' ? 'PostgreSQL' : 'PGlite';
  if (timings.length > 0) console.log(`import timings (${db}): ${timings.join('; ')}`);
});

describe.skipIf(!csvPath || !municipalitiesPath || !regionsPath)(
  'Sweden: service points and boundaries',
  () => {
    let database: Database;
    let first: ImportReport;

    beforeAll(async () => {
      database = await createTestDatabase();
      await runImport(database.db, SYSTEM_ACTOR, { target: 'boundaries', filePath: regionsPath as string });
      await runImport(database.db, SYSTEM_ACTOR, {
        target: 'boundaries',
        filePath: municipalitiesPath as string,
      });
      const started = Date.now();
      first = await runImport(database.db, SYSTEM_ACTOR, {
        target: 'service_points',
        filePath: csvPath as string,
      });
      timings.push(`Sweden CSV 11,388 rows ${Date.now() - started} ms`);
    });
    afterAll(async () => database?.close());

    it('loads 21 counties and 290 municipalities with padded codes', async () => {
      const c = await database.db.select().from(counties);
      expect(c).toHaveLength(21);
      expect(c.find((x) => x.code === '01')?.name).toBe('Stockholm');
      expect(c.find((x) => x.code === '23')?.name).toBe('Jämtland');
      const m = await database.db
        .select({ code: municipalities.code, county: municipalities.countyCode })
        .from(municipalities);
      expect(m).toHaveLength(290);
      for (const x of m) expect(x.code.startsWith(x.county)).toBe(true);
    });

    it('imports the per-kind counts of the README', async () => {
      expect(first.ok).toBe(true);
      expect(first.counts.read).toBe(11388);
      expect(first.counts.created).toBe(11388);
      expect(first.byKind).toEqual(README_COUNTS);
      expect(await kindCounts(database)).toEqual(README_COUNTS);
      const [{ n }] = await database.db.select({ n: count() }).from(servicePoints);
      expect(n).toBe(11388);
    });

    it('puts every row in the municipality its municipality_code column names', async () => {
      const rows = parse(fs.readFileSync(csvPath as string), { columns: true, bom: true }) as Record<
        string,
        string
      >[];
      expect(rows).toHaveLength(11388);
      const key = (kind: string, name: string, lat: number, lon: number) => `${kind}|${name}|${lat}|${lon}`;
      const expected = new Map(
        rows.map((r) => [key(r.kind, r.name, Number(r.lat), Number(r.lon)), r.municipality_code]),
      );
      expect(expected.size).toBe(11388);
      const stored = await database.db
        .select({
          kind: servicePoints.kind,
          name: servicePoints.name,
          lat: servicePoints.lat,
          lon: servicePoints.lon,
          code: servicePoints.municipalityCode,
        })
        .from(servicePoints);
      const wrong: string[] = [];
      for (const s of stored) {
        const k = key(s.kind, s.name, s.lat, s.lon);
        if (!expected.has(k)) wrong.push(`not in CSV: ${k}`);
        else if (expected.get(k) !== s.code) wrong.push(`${k}: ${s.code} ≠ ${expected.get(k)}`);
        expected.delete(k);
      }
      expect(wrong).toEqual([]);
      expect(expected.size).toBe(0);
      expect(first.issues.filter((i) => i.field === 'municipalityCode')).toEqual([]);
      // 278 rows lie in Jämtland (README).
      const [{ n }] = await database.db
        .select({ n: count() })
        .from(servicePoints)
        .where(sql`${servicePoints.municipalityCode} like '23%'`);
      expect(n).toBe(278);
    });

    it('re-import creates nothing, changes nothing and duplicates nothing', async () => {
      const before = await databaseFingerprint(database.db);
      const started = Date.now();
      const again = await runImport(database.db, SYSTEM_ACTOR, {
        target: 'service_points',
        filePath: csvPath as string,
      });
      timings.push(`Sweden CSV re-import ${Date.now() - started} ms`);
      expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 11388 });
      const after = await databaseFingerprint(database.db);
      for (const t of ['service_points', 'external_refs', 'counties', 'municipalities'])
        expect(after[t], t).toBe(before[t]);
      const [{ n }] = await database.db.select({ n: count() }).from(servicePoints);
      expect(n).toBe(11388);
      const [{ refs }] = await database.db
        .select({ refs: count() })
        .from(externalRefs)
        .where(eq(externalRefs.source, 'se-poi'));
      expect(refs).toBe(11388);
    });

    it('a dry run reports counts and writes nothing', async () => {
      const before = await databaseFingerprint(database.db);
      const dry = await runImport(database.db, SYSTEM_ACTOR, {
        target: 'service_points',
        filePath: csvPath as string,
        dryRun: true,
      });
      expect(dry).toMatchObject({ ok: true, dryRun: true, batchId: null });
      expect(dry.counts.unchanged).toBe(11388);
      expect(await databaseFingerprint(database.db)).toEqual(before);
    });

    it('re-importing the boundaries is unchanged and keeps every derived municipality', async () => {
      const before = await databaseFingerprint(database.db);
      const r = await runImport(database.db, SYSTEM_ACTOR, {
        target: 'boundaries',
        filePath: municipalitiesPath as string,
      });
      expect(r.counts).toMatchObject({ created: 0, updated: 0, unchanged: 290 });
      const after = await databaseFingerprint(database.db);
      expect(after.service_points).toBe(before.service_points);
      expect(after.municipalities).toBe(before.municipalities);
    });
  },
);

describe.skipIf(!csvPath || !municipalitiesPath)('Sweden: points before boundaries', () => {
  it('a later boundary import derives the municipality of points imported before it', async () => {
    const database = await createTestDatabase();
    try {
      const r = await runImport(database.db, SYSTEM_ACTOR, {
        target: 'service_points',
        filePath: csvPath as string,
      });
      expect(r.issues.some((i) => i.reason.includes('no municipality boundaries are loaded'))).toBe(true);
      const [{ none }] = await database.db
        .select({ none: count() })
        .from(servicePoints)
        .where(sql`${servicePoints.municipalityCode} is null`);
      expect(none).toBe(11388);
      const b = await runImport(database.db, SYSTEM_ACTOR, {
        target: 'boundaries',
        filePath: municipalitiesPath as string,
      });
      expect(b.rederived?.servicePoints).toBe(11388);
      // Counties did not exist: placeholders with a warning.
      expect(b.issues.some((i) => i.field === 'countyCode' && i.severity === 'warning')).toBe(true);
      expect(await database.db.select().from(counties)).toHaveLength(21);
      const [{ jamtland }] = await database.db
        .select({ jamtland: count() })
        .from(servicePoints)
        .where(sql`${servicePoints.municipalityCode} like '23%'`);
      expect(jamtland).toBe(278);
    } finally {
      await database.close();
    }
  });
});

describe.skipIf(!pbfPath)('Andorra OSM extract', () => {
  let database: Database;
  let report: ImportReport;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-osm-test-'));

  beforeAll(async () => {
    database = await createTestDatabase();
    const started = Date.now();
    report = await runImport(database.db, SYSTEM_ACTOR, { target: 'all', filePath: pbfPath as string });
    timings.push(`Andorra PBF ${Date.now() - started} ms`);
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports its 19 fuel stations and its places (69 place tags, 2 of them countries) with OSM ids', async () => {
    expect(report.ok).toBe(true);
    expect(report.source).toBe('osm');
    const kinds = await kindCounts(database);
    expect(kinds.fuel).toBe(19);
    // Count place tags independently: the README's 69 include place=country (Andorra itself and
    // France's boundary), which are not localities and are not imported as places.
    const placeValues: string[] = [];
    const reader = readOsm(pbfPath as string);
    for (;;) {
      const r = await reader.next();
      if (r.done) break;
      for (const e of r.value) if (e.tags.place !== undefined) placeValues.push(e.tags.place);
    }
    expect(placeValues).toHaveLength(69);
    const countries = placeValues.filter((v) => v === 'country').length;
    expect(countries).toBe(2);
    const [{ n }] = await database.db.select({ n: count() }).from(places);
    expect(n).toBe(69 - countries);
    expect(await database.db.select().from(places).where(eq(places.name, 'Andorra'))).toEqual([]);
    const [p] = await database.db.select().from(places).limit(1);
    expect(p.externalIds.osm).toMatch(/^(node|way|relation)\/\d+$/);
    expect(report.byKind.fuel).toBe(19);
  });

  it('imports the service points its shops make, kind by kind', async () => {
    // Read the file independently and classify every shop element with the documented rules.
    const shopKinds = new Map<string, string>();
    let shops = 0;
    const reader = readOsm(pbfPath as string);
    for (;;) {
      const r = await reader.next();
      if (r.done) break;
      for (const e of r.value) {
        if (e.tags.shop === undefined) continue;
        shops++;
        const m = classifyServiceTags(e.tags);
        if (m) shopKinds.set(`${e.type}/${e.id}`, m.kind);
      }
    }
    expect(shops).toBe(46);
    expect(shopKinds.size).toBeGreaterThan(0);
    const expected: Record<string, number> = {};
    for (const k of shopKinds.values()) expected[k] = (expected[k] ?? 0) + 1;
    const stored = await database.db
      .select({ kind: servicePoints.kind, ref: sql<string>`${servicePoints.externalIds}->>'osm'` })
      .from(servicePoints);
    const actual: Record<string, number> = {};
    for (const s of stored)
      if (shopKinds.has(s.ref)) {
        expect(s.kind).toBe(shopKinds.get(s.ref));
        actual[s.kind] = (actual[s.kind] ?? 0) + 1;
      }
    expect(actual).toEqual(expected);
  });

  it('re-import is idempotent', async () => {
    const before = await databaseFingerprint(database.db);
    const again = await runImport(database.db, SYSTEM_ACTOR, { target: 'all', filePath: pbfPath as string });
    expect(again.counts.created).toBe(0);
    expect(again.counts.updated).toBe(0);
    expect(again.counts.unchanged).toBe(report.counts.created);
    const after = await databaseFingerprint(database.db);
    for (const t of ['service_points', 'places', 'external_refs']) expect(after[t], t).toBe(before[t]);
  });

  const corrupt: [string, (src: Buffer) => Buffer, string][] = [
    ['truncated', (src) => src.subarray(0, Math.floor(src.length * 0.6)), 'truncated'],
    [
      'corrupted',
      (src) => {
        const b = Buffer.from(src);
        for (let i = 0; i < 64; i++) b[200_000 + i] ^= 0x5a;
        return b;
      },
      'zlib',
    ],
  ];
  for (const [what, damage, words] of corrupt) {
    it(`a ${what} PBF is osm_file_corrupt and changes nothing`, async () => {
      const file = path.join(tmp, `${what}.osm.pbf`);
      fs.writeFileSync(file, damage(fs.readFileSync(pbfPath as string)));
      const before = await databaseFingerprint(database.db);
      const err = await runImport(database.db, SYSTEM_ACTOR, { target: 'all', filePath: file }).catch(
        (e) => e,
      );
      expect(err.id).toBe('osm_file_corrupt');
      expect(err.message).toContain(words);
      expect(err.details[0].field).toMatch(/byte offset \d+/);
      expect(err.report.ok).toBe(false);
      expect(await databaseFingerprint(database.db)).toEqual(before);
      const [{ n }] = await database.db.select({ n: count() }).from(importBatches);
      expect(n).toBe(2);
    });
  }
});
