import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryTestDb, type RegistryTestDb } from '../test/registry-fixtures.js';
import { boundaryFeatures, listTerritories } from './territories.js';

let t: RegistryTestDb;
beforeAll(async () => {
  t = await createRegistryTestDb();
});
afterAll(async () => t.close());

const codes = (xs: { code: string }[]) => xs.map((x) => x.code);

describe('territories', () => {
  it('lists what each actor may read', async () => {
    const admin = await listTerritories(t.db, t.actors.admin);
    expect(codes(admin.counties)).toEqual(['23', '24']);
    expect(codes(admin.municipalities)).toEqual(['2321', '2380', '2480']);
    expect(admin.municipalities[0].bbox).toEqual([13, 63, 13.5, 63.5]);
    const county = await listTerritories(t.db, t.actors.county23);
    expect(codes(county.counties)).toEqual(['23']);
    expect(codes(county.municipalities)).toEqual(['2321', '2380']);
    for (const who of ['muni2321', 'viewer2321', 'op2321']) {
      const mine = await listTerritories(t.db, t.actors[who]);
      expect(codes(mine.counties)).toEqual(['23']);
      expect(codes(mine.municipalities)).toEqual(['2321']);
    }
  });

  it('gives the boundaries of the home county, marking the readable ones', async () => {
    const muni = await boundaryFeatures(t.db, t.actors.muni2321);
    expect(muni.features.map((f) => [f.id, f.properties.readable])).toEqual([
      ['2321', true],
      ['2380', false],
    ]);
    expect(muni.features[0].geometry.type).toBe('Polygon');
    expect((await boundaryFeatures(t.db, t.actors.county24)).features.map((f) => f.id)).toEqual(['2480']);
    expect((await boundaryFeatures(t.db, t.actors.admin)).features).toHaveLength(3);
    expect(
      (await boundaryFeatures(t.db, t.actors.admin, { county: '24' })).features.map((f) => f.id),
    ).toEqual(['2480']);
    expect((await boundaryFeatures(t.db, t.actors.muni2321, { county: '24' })).features).toEqual([]);
  });
});
