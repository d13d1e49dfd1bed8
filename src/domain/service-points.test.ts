import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, counties, externalRefs, municipalities, servicePoints } from '../db/schema.js';
import { AppError } from '../errors.js';
import { geometryBBox, isAreaGeometry } from '../lib/geo.js';
import type { ServiceKind } from '../shared/kinds.js';
import { servicePointInput } from '../test/fixtures.js';
import { assignDirect, createRegistryTestDb, type RegistryTestDb } from '../test/registry-fixtures.js';
import { sharedDataPath } from '../test/shared-data.js';
import { SYSTEM_ACTOR } from './actor.js';
import {
  createServicePoint,
  deleteServicePoint,
  getServicePoint,
  listServicePoints,
  servicePointsToFeatureCollection,
  updateServicePoint,
} from './service-points.js';
import { bumpBoundariesVersion } from './territory-cache.js';

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

const fields = (e: AppError) => e.details.map((d) => d.field);

let t: RegistryTestDb;
beforeAll(async () => {
  t = await createRegistryTestDb();
});
afterAll(async () => t.close());

describe('createServicePoint', () => {
  it('derives the municipality from the boundaries and audits the new row', async () => {
    const p = await createServicePoint(
      t.db,
      t.actors.muni2321,
      servicePointInput('2321', { name: 'Kall Handel' }),
    );
    expect(p.municipalityCode).toBe('2321');
    expect(p.version).toBe(1);
    expect(new Date(p.createdAt).toISOString()).toBe(p.createdAt);
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'service_point'), eq(auditLog.entityId, String(p.id))));
    expect(entries).toHaveLength(1);
    expect(entries[0].action).toBe('create');
    expect(entries[0].username).toBe('muni2321');
    expect(entries[0].countyCode).toBe('23');
    expect(entries[0].before).toBeNull();
    expect(entries[0].after).toEqual(p);
  });

  it('names the offending field for bad input', async () => {
    const badKind = await failure(
      createServicePoint(t.db, t.actors.admin, {
        ...servicePointInput('2321'),
        kind: 'casino' as ServiceKind,
      }),
    );
    expect(badKind.status).toBe(400);
    expect(fields(badKind)).toEqual(['kind']);

    const badLat = await failure(
      createServicePoint(t.db, t.actors.admin, servicePointInput('2321', { lat: 95 })),
    );
    expect(fields(badLat)).toEqual(['lat']);

    const badAttr = await failure(
      createServicePoint(
        t.db,
        t.actors.admin,
        servicePointInput('2321', { attributes: { assortmentArticles: 'many' } }),
      ),
    );
    expect(fields(badAttr)).toEqual(['attributes.assortmentArticles']);

    const notAllowed = await failure(
      createServicePoint(
        t.db,
        t.actors.admin,
        servicePointInput('2321', { kind: 'fuel', attributes: { assortmentArticles: 900 } }),
      ),
    );
    expect(notAllowed.details[0].field).toBe('attributes');
    expect(notAllowed.details[0].reason).toContain('assortmentArticles');
    expect(notAllowed.details[0].reason).toContain('fuel');
  });

  it('rejects a point outside every municipality for non-admins, keeps it unassigned for admins', async () => {
    const far = { lat: 60, lon: 30 };
    const err = await failure(createServicePoint(t.db, t.actors.county23, servicePointInput('2321', far)));
    expect(err.status).toBe(400);
    expect(fields(err).sort()).toEqual(['lat', 'lon']);
    const p = await createServicePoint(t.db, t.actors.admin, servicePointInput('2321', far));
    expect(p.municipalityCode).toBeNull();
  });

  it('forbids creating in another territory and for read-only roles', async () => {
    expect(
      (await failure(createServicePoint(t.db, t.actors.muni2321, servicePointInput('2380')))).status,
    ).toBe(403);
    expect(
      (await failure(createServicePoint(t.db, t.actors.county23, servicePointInput('2480')))).status,
    ).toBe(403);
    expect(
      (await failure(createServicePoint(t.db, t.actors.viewer2321, servicePointInput('2321')))).status,
    ).toBe(403);
    expect((await failure(createServicePoint(t.db, t.actors.op2321, servicePointInput('2321')))).status).toBe(
      403,
    );
    const ok = await createServicePoint(t.db, t.actors.county23, servicePointInput('2380'));
    expect(ok.municipalityCode).toBe('2380');
  });

  it('records external ids and refuses one already used by another point (409)', async () => {
    const a = await createServicePoint(
      t.db,
      t.actors.admin,
      servicePointInput('2321', { externalIds: { osm: 'node/4711' } }),
    );
    const refs = await t.db.select().from(externalRefs).where(eq(externalRefs.entityId, a.id));
    expect(refs).toEqual([{ entity: 'service_point', source: 'osm', ref: 'node/4711', entityId: a.id }]);
    const before = (await t.db.select().from(servicePoints)).length;
    const err = await failure(
      createServicePoint(
        t.db,
        t.actors.admin,
        servicePointInput('2321', { externalIds: { osm: 'node/4711' } }),
      ),
    );
    expect(err.status).toBe(409);
    expect(err.id).toBe('conflict');
    expect(fields(err)).toEqual(['externalIds.osm']);
    // The failed create rolled back completely.
    expect((await t.db.select().from(servicePoints)).length).toBe(before);
  });
});

describe('updateServicePoint', () => {
  it('changes only the sent fields, bumps the version and audits before/after', async () => {
    const p = await createServicePoint(
      t.db,
      t.actors.muni2321,
      servicePointInput('2321', { attributes: { assortmentArticles: 2000, yearRound: true }, chain: 'ICA' }),
    );
    const u = await updateServicePoint(t.db, t.actors.muni2321, p.id, { version: 1, name: 'Nytt namn' });
    expect(u.name).toBe('Nytt namn');
    expect(u.version).toBe(2);
    expect(u.attributes).toEqual({ assortmentArticles: 2000, yearRound: true });
    expect(u.chain).toBe('ICA');
    expect(u.updatedAt >= p.updatedAt).toBe(true);
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(p.id)), eq(auditLog.action, 'update')));
    expect(entry.before).toEqual(p);
    expect(entry.after).toEqual(u);
  });

  it('answers a stale version with 409 conflict and changes nothing', async () => {
    const p = await createServicePoint(t.db, t.actors.admin, servicePointInput('2321'));
    await updateServicePoint(t.db, t.actors.admin, p.id, { version: 1, name: 'Första' });
    const err = await failure(updateServicePoint(t.db, t.actors.admin, p.id, { version: 1, name: 'Andra' }));
    expect(err.status).toBe(409);
    expect(err.id).toBe('conflict');
    expect(fields(err)).toEqual(['version']);
    expect((await getServicePoint(t.db, t.actors.admin, p.id)).name).toBe('Första');
  });

  it('validates the merged point: a new kind must accept the stored attributes', async () => {
    const p = await createServicePoint(t.db, t.actors.admin, servicePointInput('2321'));
    const err = await failure(updateServicePoint(t.db, t.actors.admin, p.id, { version: 1, kind: 'fuel' }));
    expect(err.status).toBe(400);
    expect(err.details[0].field).toBe('attributes');
    const ok = await updateServicePoint(t.db, t.actors.admin, p.id, {
      version: 1,
      kind: 'fuel',
      attributes: { fuels: ['diesel'] },
    });
    expect(ok.kind).toBe('fuel');
    const badAttr = await failure(
      updateServicePoint(t.db, t.actors.admin, p.id, { version: 2, attributes: { staffed: 'yes' } }),
    );
    expect(fields(badAttr)).toEqual(['attributes.staffed']);
  });

  it('re-derives the municipality when moved; moving out of ones territory is 403', async () => {
    const p = await createServicePoint(t.db, t.actors.muni2321, servicePointInput('2321'));
    const err = await failure(
      updateServicePoint(t.db, t.actors.muni2321, p.id, { version: 1, lat: 63.25, lon: 14.25 }),
    );
    expect(err.status).toBe(403);
    expect((await getServicePoint(t.db, t.actors.admin, p.id)).municipalityCode).toBe('2321');
    const moved = await updateServicePoint(t.db, t.actors.county23, p.id, {
      version: 1,
      lat: 63.25,
      lon: 14.25,
    });
    expect(moved.municipalityCode).toBe('2380');
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(p.id)), eq(auditLog.action, 'update')));
    expect(entry.municipalityCode).toBe('2380');
    expect(entry.details).toEqual({ movedFrom: '2321' });
    // Now outside muni2321's territory: reading it is a 404, not a 403.
    expect((await failure(getServicePoint(t.db, t.actors.muni2321, p.id))).status).toBe(404);
    expect((await failure(updateServicePoint(t.db, t.actors.muni2321, p.id, { version: 2 }))).status).toBe(
      404,
    );
  });

  it('replaces external ids only when sent', async () => {
    const p = await createServicePoint(
      t.db,
      t.actors.admin,
      servicePointInput('2321', { externalIds: { osm: 'node/1' } }),
    );
    await updateServicePoint(t.db, t.actors.admin, p.id, { version: 1, name: 'x' });
    const kept = await t.db.select().from(externalRefs).where(eq(externalRefs.entityId, p.id));
    expect(kept.map((r) => r.ref)).toEqual(['node/1']);
    await updateServicePoint(t.db, t.actors.admin, p.id, { version: 2, externalIds: { 'se-poi': 'abc' } });
    const replaced = await t.db.select().from(externalRefs).where(eq(externalRefs.entityId, p.id));
    expect(replaced.map((r) => `${r.source}:${r.ref}`)).toEqual(['se-poi:abc']);
  });
});

describe('deleteServicePoint', () => {
  it('deletes within the territory, audits the row as it was, and removes its refs', async () => {
    const p = await createServicePoint(
      t.db,
      t.actors.admin,
      servicePointInput('2321', { externalIds: { osm: 'node/99' } }),
    );
    expect((await failure(deleteServicePoint(t.db, t.actors.muni2480, p.id))).status).toBe(404);
    expect((await failure(deleteServicePoint(t.db, t.actors.muni2321, p.id, 7))).status).toBe(409);
    await deleteServicePoint(t.db, t.actors.muni2321, p.id, 1);
    expect((await failure(getServicePoint(t.db, t.actors.admin, p.id))).status).toBe(404);
    expect(await t.db.select().from(externalRefs).where(eq(externalRefs.entityId, p.id))).toEqual([]);
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, String(p.id)), eq(auditLog.action, 'delete')));
    expect(entry.before).toEqual(p);
    expect(entry.after).toBeNull();
  });
});

describe('listServicePoints', () => {
  let fresh: RegistryTestDb;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    fresh = await createRegistryTestDb();
    const rows: [string, string, Partial<Parameters<typeof servicePointInput>[1]>][] = [
      ['a', '2321', { name: 'Åre Livs', chain: 'ICA', kind: 'grocery', lat: 63.1, lon: 13.1 }],
      [
        'b',
        '2321',
        { name: 'Kall Bensin', kind: 'fuel', attributes: {}, lat: 63.4, lon: 13.4, city: 'Kall' },
      ],
      ['c', '2321', { name: 'Apoteket Åre', kind: 'pharmacy', attributes: {}, address: 'Storvägen 1' }],
      ['d', '2380', { name: 'Östersund Coop', chain: 'Coop', kind: 'grocery' }],
      ['e', '2380', { name: '100% Rabatt', kind: 'convenience', attributes: {} }],
      ['f', '2480', { name: 'Umeå ICA', chain: 'ICA', kind: 'grocery' }],
    ];
    for (const [key, code, over] of rows)
      ids[key] = (await createServicePoint(fresh.db, SYSTEM_ACTOR, servicePointInput(code, over))).id;
    await assignDirect(fresh.db, fresh.actors.op2321.userId!, [ids.b]);
  });
  afterAll(async () => fresh.close());

  const names = (page: { items: { name: string }[] }) => page.items.map((p) => p.name);
  const idsOf = (page: { items: { id: number }[] }) => page.items.map((p) => p.id).sort((x, y) => x - y);

  it('scopes by territory: county, municipality, operator assignments, admin', async () => {
    expect((await listServicePoints(fresh.db, fresh.actors.admin)).total).toBe(6);
    expect(idsOf(await listServicePoints(fresh.db, fresh.actors.county23))).toEqual(
      [ids.a, ids.b, ids.c, ids.d, ids.e].sort((x, y) => x - y),
    );
    expect(idsOf(await listServicePoints(fresh.db, fresh.actors.muni2321))).toEqual([ids.a, ids.b, ids.c]);
    expect(idsOf(await listServicePoints(fresh.db, fresh.actors.viewer2321))).toEqual([ids.a, ids.b, ids.c]);
    expect(idsOf(await listServicePoints(fresh.db, fresh.actors.op2321))).toEqual([ids.b]);
    expect(idsOf(await listServicePoints(fresh.db, fresh.actors.county24))).toEqual([ids.f]);
  });

  it('reads one point only inside the scope (404 outside, also for operators)', async () => {
    expect((await getServicePoint(fresh.db, fresh.actors.op2321, ids.b)).name).toBe('Kall Bensin');
    expect((await failure(getServicePoint(fresh.db, fresh.actors.op2321, ids.a))).status).toBe(404);
    expect((await failure(getServicePoint(fresh.db, fresh.actors.county23, ids.f))).status).toBe(404);
    expect((await failure(getServicePoint(fresh.db, fresh.actors.muni2321, ids.d))).status).toBe(404);
    expect((await getServicePoint(fresh.db, fresh.actors.county23, ids.d)).municipalityCode).toBe('2380');
  });

  it('filters by bbox, kinds, municipality, county and text', async () => {
    const a = fresh.actors.admin;
    expect(names(await listServicePoints(fresh.db, a, { bbox: [13, 63, 13.2, 63.2] }))).toEqual(['Åre Livs']);
    expect(idsOf(await listServicePoints(fresh.db, a, { kinds: ['fuel', 'pharmacy'] }))).toEqual([
      ids.b,
      ids.c,
    ]);
    expect(idsOf(await listServicePoints(fresh.db, a, { municipality: '2380' }))).toEqual([ids.d, ids.e]);
    expect(idsOf(await listServicePoints(fresh.db, a, { county: '24' }))).toEqual([ids.f]);
    // Case-insensitive, in name, chain, address and city.
    expect(idsOf(await listServicePoints(fresh.db, a, { q: 'ica' }))).toEqual([ids.a, ids.f]);
    expect(idsOf(await listServicePoints(fresh.db, a, { q: 'storvägen' }))).toEqual([ids.c]);
    expect(idsOf(await listServicePoints(fresh.db, a, { q: 'KALL' }))).toEqual([ids.b]);
    // LIKE wildcards in the search text match literally.
    expect(idsOf(await listServicePoints(fresh.db, a, { q: '%' }))).toEqual([ids.e]);
    // Filters combine with the scope, never widen it.
    expect((await listServicePoints(fresh.db, fresh.actors.muni2321, { municipality: '2380' })).total).toBe(
      0,
    );
    expect(idsOf(await listServicePoints(fresh.db, fresh.actors.county23, { kinds: ['grocery'] }))).toEqual([
      ids.a,
      ids.d,
    ]);
  });

  it('sorts and pages with a stable total', async () => {
    const a = fresh.actors.admin;
    const all = await listServicePoints(fresh.db, a, { sort: 'name', order: 'asc', pageSize: 100 });
    const sorted = [...names(all)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    expect(names(all)).toHaveLength(6);
    // Postgres collation may order Å/Ö differently from JS; check ASCII-initial names keep their order.
    expect(names(all).filter((n) => /^[A-Z0-9]/.test(n))).toEqual(sorted.filter((n) => /^[A-Z0-9]/.test(n)));
    const desc = await listServicePoints(fresh.db, a, { sort: 'id', order: 'desc' });
    expect(desc.items.map((p) => p.id)).toEqual(Object.values(ids).sort((x, y) => y - x));
    const p1 = await listServicePoints(fresh.db, a, { sort: 'id', page: 1, pageSize: 4 });
    const p2 = await listServicePoints(fresh.db, a, { sort: 'id', page: 2, pageSize: 4 });
    expect(p1.total).toBe(6);
    expect(p2.total).toBe(6);
    expect(p1.items).toHaveLength(4);
    expect(p2.items).toHaveLength(2);
    expect([...p1.items, ...p2.items].map((p) => p.id)).toEqual(Object.values(ids).sort((x, y) => x - y));
    const byKind = await listServicePoints(fresh.db, a, { sort: 'kind' });
    const kinds = byKind.items.map((p) => p.kind);
    expect(kinds).toEqual([...kinds].sort());
  });

  it('makes a GeoJSON layer with lon/lat order and the map properties', async () => {
    const page = await listServicePoints(fresh.db, fresh.actors.muni2321, { kinds: ['grocery'] });
    const fc = servicePointsToFeatureCollection(page.items);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1);
    const f = fc.features[0];
    expect(f.geometry).toEqual({ type: 'Point', coordinates: [13.1, 63.1] });
    expect(f.properties).toMatchObject({
      id: ids.a,
      kind: 'grocery',
      name: 'Åre Livs',
      chain: 'ICA',
      municipalityCode: '2321',
      power: 'grid',
    });
  });
});

const realCsv = sharedDataPath('sweden/service-points.csv');
const realBoundaries = sharedDataPath('sweden/municipalities.geojson');

describe.skipIf(!realCsv || !realBoundaries)('real Jämtland data', () => {
  it('derives the same municipality as the published point-in-polygon for real stores', async () => {
    const fresh = await createRegistryTestDb();
    try {
      // Replace the test territory with Jämtland's real municipalities.
      await fresh.db.delete(municipalities);
      const geo = JSON.parse(fs.readFileSync(realBoundaries!, 'utf8')) as {
        features: { properties: { id: string; kom_namn: string }; geometry: unknown }[];
      };
      await fresh.db.insert(counties).values({ code: '23', name: 'Jämtlands län' }).onConflictDoNothing();
      for (const f of geo.features) {
        const code = String(f.properties.id).padStart(4, '0');
        if (!code.startsWith('23') || !isAreaGeometry(f.geometry)) continue;
        const [minLon, minLat, maxLon, maxLat] = geometryBBox(f.geometry);
        await fresh.db.insert(municipalities).values({
          code,
          countyCode: '23',
          name: f.properties.kom_namn,
          geometry: f.geometry,
          minLon,
          minLat,
          maxLon,
          maxLat,
        });
      }
      // What the boundary importer does in its transaction: tell every cached index to reload.
      await bumpBoundariesVersion(fresh.db);
      const rows = parse(fs.readFileSync(realCsv!, 'utf8'), { columns: true }) as Record<string, string>[];
      const jamtland = rows.filter((r) => r.municipality_code?.startsWith('23') && r.kind === 'grocery');
      expect(jamtland.length).toBeGreaterThan(30);
      let agree = 0;
      let in2380 = 0;
      for (const r of jamtland) {
        // As the system (admin): a store on a coastline the simplified polygons miss stays unassigned.
        const p = await createServicePoint(fresh.db, SYSTEM_ACTOR, {
          kind: 'grocery',
          name: r.name,
          chain: r.chain || null,
          city: r.city || null,
          lat: Number(r.lat),
          lon: Number(r.lon),
        });
        if (p.municipalityCode === r.municipality_code) agree++;
        if (p.municipalityCode === '2380') in2380++;
      }
      expect(agree / jamtland.length).toBeGreaterThan(0.97);
      expect(in2380).toBeGreaterThan(5);
      const page = await listServicePoints(fresh.db, fresh.actors.county23, { municipality: '2380' });
      expect(page.total).toBe(in2380);
    } finally {
      await fresh.close();
    }
  });
});
