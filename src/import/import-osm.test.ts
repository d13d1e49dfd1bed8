/**
 * OSM imports from small hand-written OSM XML files on the test territory (the real PBF is
 * covered in import-real-data.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { places, servicePoints } from '../db/schema.js';
import { type Actor, SYSTEM_ACTOR } from '../domain/actor.js';
import { createTestDatabase } from '../test/db.js';
import { inside, seedTerritory } from '../test/fixtures.js';
import { type ImportError, runImport } from './index.js';
import { databaseFingerprint } from './test-support.js';

const a = inside('2321');
const c = inside('2480');
const MUNI_2321: Actor = {
  userId: 7,
  username: 'muni2321',
  role: 'municipality',
  countyCode: '23',
  municipalityCode: '2321',
};

function osmXml(opts: { fuelName?: string; withAddress?: boolean } = {}): string {
  const fuelName = opts.fuelName ?? 'Macken';
  return `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="${a.lat}" lon="${a.lon}">
    <tag k="amenity" v="fuel"/>
    <tag k="name" v="${fuelName}"/>
    <tag k="brand" v="Preem"/>
    <tag k="fuel:diesel" v="yes"/>
    <tag k="fuel:octane_95" v="yes"/>
    ${opts.withAddress ? '<tag k="addr:street" v="Storgatan"/><tag k="addr:housenumber" v="3"/>' : ''}
  </node>
  <node id="2" lat="${a.lat + 0.01}" lon="${a.lon}">
    <tag k="shop" v="supermarket"/>
  </node>
  <node id="3" lat="${a.lat + 0.02}" lon="${a.lon}">
    <tag k="place" v="village"/>
    <tag k="name" v="Byn"/>
    <tag k="population" v="1 200"/>
  </node>
  <node id="4" lat="${a.lat}" lon="${a.lon}">
    <tag k="place" v="country"/>
    <tag k="name" v="Landet"/>
  </node>
  <node id="5" lat="${c.lat}" lon="${c.lon}">
    <tag k="amenity" v="pharmacy"/>
    <tag k="name" v="Apoteket Långt Bort"/>
  </node>
  <node id="10" lat="63.10" lon="13.10"/>
  <node id="11" lat="63.10" lon="13.20"/>
  <node id="12" lat="63.20" lon="13.20"/>
  <node id="13" lat="63.20" lon="13.10"/>
  <way id="20">
    <nd ref="10"/><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="10"/>
    <tag k="shop" v="general"/>
    <tag k="name" v="Lanthandeln"/>
  </way>
</osm>
`;
}

let database: Database;
let dir: string;
let n = 0;
function file(content: string): string {
  const p = path.join(dir, `t${++n}.osm`);
  fs.writeFileSync(p, content);
  return p;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTerritory(database);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-osm-xml-test-'));
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const byRef = async (ref: string) =>
  (
    await database.db.select().from(servicePoints).where(sql`${servicePoints.externalIds}->>'osm' = ${ref}`)
  )[0];

describe('OSM XML import', () => {
  it('imports service points and places with osm ids, fallback names and attributes', async () => {
    const r = await runImport(database.db, SYSTEM_ACTOR, { target: 'all', filePath: file(osmXml()) });
    expect(r).toMatchObject({ ok: true, format: 'osm', source: 'osm', target: 'all' });
    expect(r.byKind).toEqual({ fuel: 1, grocery: 2, pharmacy: 1, 'place:village': 1 });
    const fuel = await byRef('node/1');
    expect(fuel).toMatchObject({ kind: 'fuel', name: 'Macken', chain: 'Preem', municipalityCode: '2321' });
    expect(fuel.attributes.fuels).toEqual(['diesel', 'petrol_95']);
    const unnamed = await byRef('node/2');
    expect(unnamed.name).toBe('Dagligvarubutik node/2');
    expect(r.issues).toContainEqual(
      expect.objectContaining({ severity: 'warning', element: 'node/2', field: 'name' }),
    );
    const way = await byRef('way/20');
    expect(way.lat).toBeCloseTo(63.15, 6);
    expect(way.lon).toBeCloseTo(13.15, 6);
    const [village] = await database.db.select().from(places).where(eq(places.name, 'Byn'));
    expect(village).toMatchObject({ population: 1200, placeType: 'village', externalIds: { osm: 'node/3' } });
    expect(await database.db.select().from(places).where(eq(places.name, 'Landet'))).toEqual([]);
  });

  it('re-import is unchanged; a renamed element is updated; absent tags keep stored values', async () => {
    const fuel = await byRef('node/1');
    await database.db
      .update(servicePoints)
      .set({ address: 'Entered by hand' })
      .where(eq(servicePoints.id, fuel.id));
    const same = await runImport(database.db, SYSTEM_ACTOR, { target: 'all', filePath: file(osmXml()) });
    expect(same.counts).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    const renamed = await runImport(database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: file(osmXml({ fuelName: 'Nya Macken', withAddress: true })),
    });
    expect(renamed.counts).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await byRef('node/1')).toMatchObject({
      id: fuel.id,
      name: 'Nya Macken',
      address: 'Storgatan 3',
      version: 2,
    });
  });

  it('an XML file cut mid-element is osm_file_corrupt with its line, and changes nothing', async () => {
    const full = osmXml({ fuelName: 'Cut' });
    const cut = full.slice(0, full.indexOf('<tag k="population"') + 12);
    const before = await databaseFingerprint(database.db);
    const err = (await runImport(database.db, SYSTEM_ACTOR, { target: 'all', filePath: file(cut) }).catch(
      (e) => e,
    )) as ImportError;
    expect(err.id).toBe('osm_file_corrupt');
    expect(err.message).toMatch(/OSM XML file is corrupt or truncated/);
    expect(err.details[0].line).toBeGreaterThan(1);
    expect(err.report.ok).toBe(false);
    expect(await databaseFingerprint(database.db)).toEqual(before);
  });

  it('a municipality user imports only the elements in its municipality', async () => {
    const p = file(osmXml({ fuelName: 'Muni' }));
    const before = await databaseFingerprint(database.db);
    const err = (await runImport(database.db, MUNI_2321, { target: 'service_points', filePath: p }).catch(
      (e) => e,
    )) as ImportError;
    expect(err.id).toBe('import_rows_invalid');
    expect(err.details).toEqual([
      {
        element: 'node/5',
        field: 'lat',
        reason: 'the point lies in municipality 2480, outside your territory',
      },
    ]);
    expect(await databaseFingerprint(database.db)).toEqual(before);
    const ok = await runImport(database.db, MUNI_2321, {
      target: 'service_points',
      filePath: p,
      skipInvalid: true,
    });
    expect(ok.counts).toMatchObject({ updated: 1, unchanged: 2, skipped: 1 });
  });

  it('target "all" is for OSM only', async () => {
    const csv = path.join(dir, 'x.csv');
    fs.writeFileSync(csv, 'kind,name,lat,lon\n');
    const err = (await runImport(database.db, SYSTEM_ACTOR, { target: 'all', filePath: csv }).catch(
      (e) => e,
    )) as ImportError;
    expect(err.id).toBe('validation_failed');
    expect(err.details[0].field).toBe('target');
  });
});
