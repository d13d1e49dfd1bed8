import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema.js';
import { AppError } from '../errors.js';
import { inside } from '../test/fixtures.js';
import { createRegistryTestDb, type RegistryTestDb } from '../test/registry-fixtures.js';
import { SYSTEM_ACTOR } from './actor.js';
import {
  createPlace,
  deletePlace,
  getPlace,
  listPlaces,
  placesToFeatureCollection,
  updatePlace,
} from './places.js';

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

let t: RegistryTestDb;
const ids: Record<string, number> = {};
beforeAll(async () => {
  t = await createRegistryTestDb();
  const rows: [string, string, string, number | null, number | null][] = [
    ['kall', '2321', 'Kall', 250, 600],
    ['are', '2321', 'Åre', 1400, 9000],
    ['duved', '2321', 'Duved', null, null],
    ['ostersund', '2380', 'Östersund', 50000, null],
    ['umea', '2480', 'Umeå', 90000, null],
  ];
  let i = 0;
  for (const [key, code, name, population, seasonalPopulation] of rows) {
    const pos = inside(code);
    ids[key] = (
      await createPlace(t.db, SYSTEM_ACTOR, {
        name,
        placeType: 'village',
        population,
        seasonalPopulation,
        lat: pos.lat + i++ * 0.01,
        lon: pos.lon,
      })
    ).id;
  }
});
afterAll(async () => t.close());

describe('places', () => {
  it('sorts by population with unknown populations last, both ways', async () => {
    const desc = await listPlaces(t.db, t.actors.admin, { sort: 'population', order: 'desc' });
    expect(desc.items.map((p) => p.name)).toEqual(['Umeå', 'Östersund', 'Åre', 'Kall', 'Duved']);
    const asc = await listPlaces(t.db, t.actors.muni2321, { sort: 'population', order: 'asc' });
    expect(asc.items.map((p) => p.name)).toEqual(['Kall', 'Åre', 'Duved']);
  });

  it('scopes reads; operators see no places', async () => {
    expect((await listPlaces(t.db, t.actors.county23)).total).toBe(4);
    expect((await listPlaces(t.db, t.actors.op2321)).total).toBe(0);
    expect((await failure(getPlace(t.db, t.actors.op2321, ids.kall))).status).toBe(404);
    expect((await failure(getPlace(t.db, t.actors.muni2321, ids.ostersund))).status).toBe(404);
    expect((await getPlace(t.db, t.actors.viewer2321, ids.kall)).seasonalPopulation).toBe(600);
  });

  it('filters by text, municipality, county and bbox', async () => {
    const a = t.actors.admin;
    expect((await listPlaces(t.db, a, { q: 'ÅRE' })).items.map((p) => p.name)).toEqual(['Åre']);
    expect((await listPlaces(t.db, a, { municipality: '2380' })).items.map((p) => p.name)).toEqual([
      'Östersund',
    ]);
    expect((await listPlaces(t.db, a, { county: '24' })).items.map((p) => p.name)).toEqual(['Umeå']);
    expect((await listPlaces(t.db, a, { bbox: [19, 62, 21, 64] })).items.map((p) => p.name)).toEqual([
      'Umeå',
    ]);
  });

  it('validates fields, checks versions and territory, and audits every write', async () => {
    const bad = await failure(
      createPlace(t.db, t.actors.muni2321, { name: 'X', lat: 63.2, lon: 13.2, population: -5 }),
    );
    expect(bad.details.map((d) => d.field)).toEqual(['population']);
    expect(
      (await failure(createPlace(t.db, t.actors.muni2321, { name: 'X', ...inside('2480') }))).status,
    ).toBe(403);

    const p = await createPlace(t.db, t.actors.muni2321, {
      name: 'Undersåker',
      population: 500,
      ...inside('2321'),
    });
    expect(p.placeType).toBe('locality');
    const u = await updatePlace(t.db, t.actors.muni2321, p.id, { version: 1, seasonalPopulation: 2000 });
    expect(u).toMatchObject({ population: 500, seasonalPopulation: 2000, placeType: 'locality', version: 2 });
    expect(
      (await failure(updatePlace(t.db, t.actors.muni2321, p.id, { version: 1, population: 1 }))).status,
    ).toBe(409);
    expect(
      (await failure(updatePlace(t.db, t.actors.muni2321, p.id, { version: 2, ...inside('2380') }))).status,
    ).toBe(403);
    await deletePlace(t.db, t.actors.county23, p.id);

    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'place'), eq(auditLog.entityId, String(p.id))));
    expect(entries.map((e) => e.action).sort()).toEqual(['create', 'delete', 'update']);
    const update = entries.find((e) => e.action === 'update');
    expect(update?.before).toEqual(p);
    expect(update?.after).toEqual(u);
    expect(entries.find((e) => e.action === 'delete')?.before).toEqual(u);
  });

  it('makes a GeoJSON layer with population properties', async () => {
    const fc = placesToFeatureCollection((await listPlaces(t.db, t.actors.admin, { q: 'kall' })).items);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].properties).toMatchObject({
      name: 'Kall',
      population: 250,
      seasonalPopulation: 600,
    });
    expect(fc.features[0].geometry.coordinates[0]).toBeCloseTo(13.25);
  });
});
