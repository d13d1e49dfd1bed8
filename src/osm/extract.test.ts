import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPbf } from '../test/pbf-writer.js';
import { sharedDataPath } from '../test/shared-data.js';
import { extractRegistryFeatures } from './extract.js';
import { readOsm } from './read.js';
import type { OsmEntity } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'sot-extract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

/** Grid nodes: id 100·x + y at lon 14 + x/1000, lat 63 + y/1000. Deliberately written after the ways. */
const grid = (ids: number[]) =>
  ids
    .map(
      (id) => `<node id="${id}" lat="${63 + (id % 100) / 1000}" lon="${14 + Math.floor(id / 100) / 1000}"/>`,
    )
    .join('\n');

const FIXTURE = `<?xml version="1.0"?>
<osm version="0.6">
  <way id="10"><nd ref="0"/><nd ref="400"/><nd ref="404"/><nd ref="4"/><nd ref="0"/>
    <tag k="shop" v="supermarket"/><tag k="name" v="ICA Nära"/><tag k="brand" v="ICA"/></way>
  <way id="11"><nd ref="9001"/><nd ref="9002"/><tag k="amenity" v="fuel"/></way>
  <way id="30"><nd ref="1000"/><nd ref="1004"/><nd ref="1404"/></way>
  <way id="31"><nd ref="1404"/><nd ref="1400"/><nd ref="1000"/></way>
  <way id="32"><nd ref="1101"/><nd ref="1301"/><nd ref="1303"/><nd ref="1103"/><nd ref="1101"/></way>
  <relation id="40">
    <member type="way" ref="30" role="outer"/><member type="way" ref="31" role="outer"/>
    <member type="way" ref="32" role="inner"/>
    <tag k="type" v="multipolygon"/><tag k="amenity" v="school"/><tag k="name" v="Kalls skola"/>
  </relation>
  <relation id="41">
    <member type="node" ref="2000"/><member type="node" ref="2002"/><member type="way" ref="999"/>
    <tag k="type" v="site"/><tag k="amenity" v="community_centre"/>
  </relation>
  <relation id="42">
    <member type="way" ref="998" role="outer"/>
    <tag k="type" v="multipolygon"/><tag k="amenity" v="hospital"/>
  </relation>
  <node id="1" lat="63.1792" lon="14.6357">
    <tag k="amenity" v="fuel"/><tag k="shop" v="convenience"/><tag k="fuel:diesel" v="yes"/>
    <tag k="backup_generator" v="yes"/><tag k="backup_generator:kva" v="70"/>
  </node>
  <node id="2" lat="63.2" lon="14.2"><tag k="amenity" v="atm"/></node>
  <node id="3" lat="63.3" lon="14.3">
    <tag k="place" v="village"/><tag k="name" v="Kall"/>
    <tag k="population" v="1 234"/><tag k="population:seasonal" v="4 000"/>
  </node>
  <node id="5" lat="63.4" lon="14.4"><tag k="place" v="hamlet"/><tag k="population" v="ca 40"/></node>
  <node id="6" lat="63.5" lon="14.5"><tag k="place" v="country"/><tag k="name" v="Nowhere"/></node>
  <node id="7" lat="63.6" lon="14.6"><tag k="amenity" v="bench"/></node>
  ${grid([0, 400, 404, 4, 1000, 1004, 1404, 1400, 1101, 1301, 1303, 1103, 2000, 2002])}
</osm>
`;

describe('extractRegistryFeatures', () => {
  it('extracts nodes, ways and relations with representative points, places and issues', async () => {
    const passes: number[] = [];
    const r = await extractRegistryFeatures(file('fixture.osm', FIXTURE), {
      onPass: (p) => passes.push(p),
      skipNodesWithoutTags: true, // must not hide the nodes areas are made of
    });
    // Relation 40's member ways name nodes no matching way needs, but in this unsorted file the
    // nodes come after the ways, so pass 2 already finds them.
    expect(passes).toEqual([1, 2]);
    expect(r.stats).toMatchObject({ nodes: 20, ways: 5, relations: 3 });

    const byId = new Map(r.servicePoints.map((s) => [s.externalId, s]));
    expect([...byId.keys()].sort()).toEqual(['node/1', 'node/2', 'relation/40', 'relation/41', 'way/10']);

    expect(byId.get('node/1')).toMatchObject({
      kind: 'fuel',
      lat: 63.1792,
      lon: 14.6357,
      attributes: { matchedTag: 'amenity=fuel', otherKinds: ['convenience'], fuels: ['diesel'] },
      power: { type: 'backup', kva: 70 },
    });
    expect(byId.get('node/2')).toMatchObject({ kind: 'atm', name: null, chain: null });

    const shop = byId.get('way/10')!;
    expect(shop).toMatchObject({ kind: 'grocery', name: 'ICA Nära', chain: 'ICA' });
    expect(shop.lat).toBeCloseTo(63.002, 9);
    expect(shop.lon).toBeCloseTo(14.002, 9);

    // 4x4 square at x 10..14 with a 2x2 hole at x 11..13, y 1..3: centroid stays in the middle.
    const school = byId.get('relation/40')!;
    expect(school).toMatchObject({ kind: 'school', name: 'Kalls skola' });
    expect(school.lat).toBeCloseTo(63.002, 9);
    expect(school.lon).toBeCloseTo(14.012, 9);

    // A site relation: mean of its node members (the missing way is ignored).
    const hall = byId.get('relation/41')!;
    expect(hall.kind).toBe('community_hall');
    expect(hall.lat).toBeCloseTo(63.001, 9);
    expect(hall.lon).toBeCloseTo(14.02, 9);

    expect(r.places).toEqual([
      {
        externalId: 'node/3',
        name: 'Kall',
        placeType: 'village',
        population: 1234,
        seasonalPopulation: 4000,
        lat: 63.3,
        lon: 14.3,
      },
      {
        externalId: 'node/5',
        name: null,
        placeType: 'hamlet',
        population: null,
        seasonalPopulation: null,
        lat: 63.4,
        lon: 14.4,
      },
    ]);

    expect(r.issues).toEqual(
      expect.arrayContaining([
        { element: 'node/5', field: 'population', reason: 'not a whole number: "ca 40"' },
        {
          element: 'way/11',
          reason: 'fuel feature has no resolvable coordinates (its nodes are not in the file)',
        },
        {
          element: 'relation/42',
          reason: 'health_centre feature has no resolvable coordinates (its nodes are not in the file)',
        },
        {
          element: 'node/6',
          field: 'place',
          reason: expect.stringContaining('place=country is not a locality type'),
        },
      ]),
    );
    expect(r.issues).toHaveLength(4);
  });

  it('needs a single pass when only nodes match', async () => {
    const pbf = buildPbf([
      {
        dense: [
          { id: 1, lat: 60, lon: 15, tags: { shop: 'general', name: 'Lanthandeln' } },
          { id: 2, lat: 61, lon: 16 },
        ],
      },
    ]);
    const passes: number[] = [];
    const r = await extractRegistryFeatures(file('nodes.osm.pbf', pbf), { onPass: (p) => passes.push(p) });
    expect(passes).toEqual([1]);
    expect(r.servicePoints).toMatchObject([{ externalId: 'node/1', kind: 'grocery', name: 'Lanthandeln' }]);
    expect(r.stats).toMatchObject({ nodes: 2, ways: 0, relations: 0 });
  });

  it('takes a third pass when a sorted file names relation member nodes only after them', async () => {
    const square = (x: number) =>
      [0, 1, 2, 3].map((i) => ({ id: x + i, lat: 60 + (i >> 1) / 100, lon: 15 + (i & 1) / 100 }));
    const pbf = buildPbf([
      { dense: [...square(1), ...square(11)] },
      {
        ways: [
          { id: 1, refs: [1, 2, 4, 3, 1], tags: { shop: 'supermarket' } },
          { id: 2, refs: [11, 12, 14] },
          { id: 3, refs: [14, 13, 11] },
        ],
      },
      {
        relations: [
          {
            id: 5,
            members: [
              { type: 'way', ref: 2, role: 'outer' },
              { type: 'way', ref: 3, role: 'outer' },
            ],
            tags: { type: 'multipolygon', amenity: 'fire_station' },
          },
        ],
      },
    ]);
    const passes: number[] = [];
    const r = await extractRegistryFeatures(file('sorted.osm.pbf', pbf), { onPass: (p) => passes.push(p) });
    expect(passes).toEqual([1, 2, 3]);
    expect(r.servicePoints.map((s) => [s.externalId, s.kind])).toEqual([
      ['way/1', 'grocery'],
      ['relation/5', 'rescue_station'],
    ]);
    for (const s of r.servicePoints) {
      expect(s.lat).toBeCloseTo(60.005, 9);
      expect(s.lon).toBeCloseTo(15.005, 9);
    }
  });

  it('propagates read errors', async () => {
    await expect(extractRegistryFeatures(join(dir, 'missing.osm.pbf'))).rejects.toMatchObject({
      id: 'file_not_found',
    });
    const cut = FIXTURE.slice(0, 300);
    await expect(extractRegistryFeatures(file('cut.osm', cut))).rejects.toMatchObject({
      id: 'osm_file_corrupt',
    });
  });
});

const andorra = sharedDataPath('osm/andorra-2013.osm.pbf');

describe.skipIf(!andorra)('extractRegistryFeatures on the Andorra extract', () => {
  it('finds the service points and places a plain tag count predicts', async () => {
    const path = andorra!;
    // Independent expectation: count raw tags with simple predicates, element by element.
    const expected: Record<string, number> = {};
    let placeCount = 0;
    const bump = (k: string) => {
      expected[k] = (expected[k] ?? 0) + 1;
    };
    const seen: OsmEntity[] = [];
    for await (const batch of readOsm(path, { skipNodesWithoutTags: true })) seen.push(...batch);
    for (const { tags: t } of seen) {
      if (['city', 'town', 'village', 'hamlet', 'locality', 'neighbourhood'].includes(t.place)) placeCount++;
      if (t.amenity === 'fuel') bump('fuel');
      else if (t.shop === 'supermarket') bump('grocery');
      else if (t.shop === 'convenience') bump('convenience');
      else if (t.amenity === 'pharmacy') bump('pharmacy');
      else if (t.amenity === 'hospital') bump('health_centre');
      else if (t.amenity === 'bank') bump('cash_service');
      else if (t.amenity === 'atm') bump('atm');
      else if (t.amenity === 'school') bump('school');
      else if (t.amenity === 'post_office') bump('post');
    }

    const r = await extractRegistryFeatures(path);
    const got: Record<string, number> = {};
    for (const s of r.servicePoints) got[s.kind] = (got[s.kind] ?? 0) + 1;

    expect(got).toEqual(expected);
    expect(got.fuel).toBe(19);
    expect(got.grocery + got.convenience).toBe(17);
    // 69 elements carry place=*; two are place=country (Andorra, France), which are no localities.
    expect(r.places).toHaveLength(placeCount);
    expect(placeCount).toBe(67);
    // The two non-localities are accounted for in the report, so all 69 place elements show up.
    expect(r.issues).toEqual([
      expect.objectContaining({ element: 'node/148874198', field: 'place' }),
      expect.objectContaining({ element: 'relation/11980', field: 'place' }),
    ]);
    expect(r.places.length + r.issues.filter((i) => i.field === 'place').length).toBe(69);
    expect(r.stats).toMatchObject({ nodes: 69_644, ways: 2_725, relations: 74, bytes: 565_390 });

    for (const p of [...r.servicePoints, ...r.places]) {
      expect(p.lat, p.externalId).toBeGreaterThan(42.4);
      expect(p.lat, p.externalId).toBeLessThan(42.7);
      expect(p.lon, p.externalId).toBeGreaterThan(1.4);
      expect(p.lon, p.externalId).toBeLessThan(1.8);
    }
    expect(r.places.find((p) => p.name === 'Andorra la Vella')).toMatchObject({
      placeType: 'town',
      population: 24_678,
    });
  });
});
