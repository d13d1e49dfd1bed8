import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { ProtoWriter } from '../maptiles/proto-writer.js';
import { buildPbf, frame, type TestBlock } from '../test/pbf-writer.js';
import { sharedDataPath } from '../test/shared-data.js';
import { readPbf } from './pbf.js';
import type { OsmEntity, OsmReader, OsmReadOptions, OsmReadStats } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'sot-pbf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const tempFile = (data: Uint8Array) => {
  const p = join(dir, `f${fileNo++}.osm.pbf`);
  writeFileSync(p, data);
  return p;
};

async function drain(
  reader: OsmReader,
): Promise<{ entities: OsmEntity[]; batches: number; stats: OsmReadStats }> {
  const entities: OsmEntity[] = [];
  let batches = 0;
  for (;;) {
    const r = await reader.next();
    if (r.done) return { entities, batches, stats: r.value };
    batches++;
    entities.push(...r.value);
  }
}

async function readError(path: string, opts?: OsmReadOptions): Promise<AppError> {
  try {
    await drain(readPbf(path, opts));
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected the read to fail');
}

const blocks: TestBlock[] = [
  {
    dense: [
      { id: 1, lat: 63.1792, lon: 14.6357, tags: { shop: 'general', name: 'Handlarn i Kall' } },
      { id: 2, lat: 63.18, lon: 14.64 },
      { id: 5, lat: -33.8688, lon: -151.2093, tags: { 'name:sv': 'Åre – fjäll ❄' } },
      { id: 4, lat: 0, lon: 0 },
    ],
  },
  {
    raw: true,
    nodes: [
      { id: -7, lat: 59.3293, lon: 18.0686, tags: { amenity: 'fuel' } },
      { id: 8, lat: 59.33, lon: 18.07 },
    ],
    ways: [
      { id: 10, refs: [1, 2, 5, 1], tags: { building: 'yes', shop: 'supermarket' } },
      { id: -11, refs: [8, 4] },
    ],
  },
  {
    granularity: 1000,
    latOffset: 500_000_000,
    lonOffset: -250_000_000,
    dense: [{ id: 100, lat: 62.5, lon: 17.25, tags: { place: 'village' } }],
    relations: [
      {
        id: 20,
        members: [
          { type: 'way', ref: 10, role: 'outer' },
          { type: 'node', ref: -7, role: '' },
          { type: 'relation', ref: 21, role: 'subarea' },
        ],
        tags: { type: 'multipolygon', amenity: 'school' },
      },
    ],
  },
];

describe('readPbf on generated files', () => {
  it('decodes dense and plain nodes, ways and relations from compressed and raw blobs', async () => {
    const { entities, batches, stats } = await drain(
      readPbf(tempFile(buildPbf(blocks, { rawHeader: true }))),
    );
    expect(batches).toBe(3);
    expect(stats).toMatchObject({ nodes: 7, ways: 2, relations: 1 });
    const byKey = new Map(entities.map((e) => [`${e.type}/${e.id}`, e]));
    expect(byKey.get('node/1')).toEqual({
      type: 'node',
      id: 1,
      lat: 63.1792,
      lon: 14.6357,
      tags: { shop: 'general', name: 'Handlarn i Kall' },
    });
    expect(byKey.get('node/2')).toEqual({ type: 'node', id: 2, lat: 63.18, lon: 14.64, tags: {} });
    expect(byKey.get('node/5')).toMatchObject({
      lat: -33.8688,
      lon: -151.2093,
      tags: { 'name:sv': 'Åre – fjäll ❄' },
    });
    expect(byKey.get('node/-7')).toEqual({
      type: 'node',
      id: -7,
      lat: 59.3293,
      lon: 18.0686,
      tags: { amenity: 'fuel' },
    });
    expect(byKey.get('way/10')).toEqual({
      type: 'way',
      id: 10,
      refs: [1, 2, 5, 1],
      tags: { building: 'yes', shop: 'supermarket' },
    });
    expect(byKey.get('way/-11')).toEqual({ type: 'way', id: -11, refs: [8, 4], tags: {} });
    const village = byKey.get('node/100');
    expect(village).toMatchObject({ tags: { place: 'village' } });
    expect((village as { lat: number }).lat).toBeCloseTo(62.5, 9);
    expect((village as { lon: number }).lon).toBeCloseTo(17.25, 9);
    expect(byKey.get('relation/20')).toEqual({
      type: 'relation',
      id: 20,
      members: [
        { type: 'way', ref: 10, role: 'outer' },
        { type: 'node', ref: -7, role: '' },
        { type: 'relation', ref: 21, role: 'subarea' },
      ],
      tags: { type: 'multipolygon', amenity: 'school' },
    });
  });

  it('drops untagged nodes on request but still counts them', async () => {
    const path = tempFile(buildPbf(blocks));
    const { entities, stats } = await drain(readPbf(path, { skipNodesWithoutTags: true }));
    expect(entities.filter((e) => e.type === 'node').map((e) => e.id)).toEqual([1, 5, -7, 100]);
    expect(stats.nodes).toBe(7);
  });

  it('accepts HistoricalInformation and rejects unknown required features', async () => {
    const ok = buildPbf(blocks, {
      requiredFeatures: ['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation'],
    });
    expect((await drain(readPbf(tempFile(ok)))).stats.ways).toBe(2);
    const bad = buildPbf(blocks, {
      requiredFeatures: ['OsmSchema-V0.6', 'LocationsOnWays', 'Sort.Geographic'],
    });
    const err = await readError(tempFile(bad));
    expect(err).toBeInstanceOf(AppError);
    expect(err.id).toBe('osm_feature_unsupported');
    expect(err.message).toContain('LocationsOnWays, Sort.Geographic');
  });

  it("returns the header's writingprogram as the generator, and none when it is missing", async () => {
    // The test writer names itself in field 16, after the required features.
    const { stats } = await drain(readPbf(tempFile(buildPbf(blocks))));
    expect(stats).toMatchObject({ nodes: 7, generator: 'sot-test-writer' });
    const data = buildPbf(blocks).subarray(buildPbf([]).length);
    const header = (fields: (w: ProtoWriter) => ProtoWriter) =>
      frame('OSMHeader', fields(new ProtoWriter()).finish(), false);
    // writingprogram before the features, with a bounding box (field 1) to skip in between.
    const first = header((w) =>
      w
        .stringField(16, 'sot-demo')
        .message(1, new ProtoWriter().svarintField(1, -1).svarintField(2, 1))
        .stringField(4, 'OsmSchema-V0.6')
        .stringField(4, 'DenseNodes'),
    );
    const named = await drain(readPbf(tempFile(Buffer.concat([first, data]))));
    expect(named.stats).toMatchObject({ nodes: 7, ways: 2, relations: 1, generator: 'sot-demo' });
    for (const program of [null, '']) {
      const none = header((w) => {
        w.stringField(4, 'OsmSchema-V0.6').stringField(4, 'DenseNodes');
        return program === null ? w : w.stringField(16, program);
      });
      const { stats: unnamed } = await drain(readPbf(tempFile(Buffer.concat([none, data]))));
      expect(unnamed.ways).toBe(2);
      expect(unnamed).not.toHaveProperty('generator');
    }
  });

  it('rejects LZMA-compressed blobs as unsupported, not as corrupt', async () => {
    // Blob { raw_size = 1; lzma_data = "x" } after a valid header frame.
    const header = buildPbf([]);
    const blob = Buffer.from([0x10, 0x01, 0x22, 0x01, 0x78]);
    const blobHeader = Buffer.concat([
      Buffer.from([0x0a, 7]),
      Buffer.from('OSMData'),
      Buffer.from([0x18, blob.length]),
    ]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(blobHeader.length);
    const err = await readError(tempFile(Buffer.concat([header, len, blobHeader, blob])));
    expect(err.id).toBe('osm_feature_unsupported');
    expect(err.message).toContain('LZMA');
  });

  it('rejects files that are empty, garbage or data without a header block', async () => {
    for (const data of [Buffer.alloc(0), Buffer.from('not a pbf file at all, just text'), Buffer.alloc(3)]) {
      const err = await readError(tempFile(data));
      expect(err.id).toBe('osm_file_corrupt');
      expect(err.details[0].field).toMatch(/^byte offset \d+$/);
    }
    const garbageBlock = Buffer.concat([buildPbf([]), frame('OSMData', Buffer.alloc(64, 0xff), true)]);
    expect((await readError(tempFile(garbageBlock))).message).toContain('invalid protobuf data');
    const noHeader = buildPbf(blocks).subarray(buildPbf([]).length);
    expect((await readError(tempFile(noHeader))).message).toContain('before the OSMHeader');
  });

  it('reports invalid zlib data and an inflated size that does not match raw_size', async () => {
    const good = buildPbf([blocks[0]]);
    const headerLen = buildPbf([]).length;
    // Replace the data blob's zlib stream with a deflate of something else of another length.
    const other = deflateSync(Buffer.from('x'.repeat(10)));
    const data = Buffer.from(good);
    const z = data.indexOf(deflateSync(Buffer.alloc(0)).subarray(0, 2), headerLen + 20);
    other.copy(data, z);
    const err = await readError(tempFile(data));
    expect(err.id).toBe('osm_file_corrupt');
    expect(err.details[0].field).toBe(`byte offset ${headerLen}`);
    expect(err.message).toMatch(/inflates to 10 bytes|zlib data is invalid/);
  });

  it('reports a missing file as file_not_found', async () => {
    const err = await readError(join(dir, 'nope.osm.pbf'));
    expect(err.id).toBe('file_not_found');
    expect((await readError(dir)).id).toBe('file_not_found');
  });
});

const andorra = sharedDataPath('osm/andorra-2013.osm.pbf');

describe.skipIf(!andorra)('readPbf on the Andorra extract', () => {
  const path = andorra!;

  it('yields every element of the file, with the documented tag counts', async () => {
    const { entities, batches, stats } = await drain(readPbf(path));
    expect(stats).toEqual({
      nodes: 69_644,
      ways: 2_725,
      relations: 74,
      bytes: 565_390,
      generator: expect.stringMatching(/\S/),
    });
    expect(batches).toBeGreaterThan(1);
    const count = (pred: (e: OsmEntity) => boolean) => entities.filter(pred).length;
    expect(count((e) => e.type === 'node')).toBe(69_644);
    expect(count((e) => e.type === 'way')).toBe(2_725);
    expect(count((e) => e.type === 'relation')).toBe(74);
    // The data README's "1,717 highway ways" counts every element with a highway tag.
    expect(count((e) => 'highway' in e.tags)).toBe(1_717);
    expect(count((e) => e.type === 'way' && 'highway' in e.tags)).toBe(1_615);
    expect(count((e) => 'shop' in e.tags)).toBe(46);
    expect(count((e) => e.tags.amenity === 'fuel')).toBe(19);
    expect(count((e) => 'place' in e.tags)).toBe(69);
    // Checksums from an independent decoder (a throwaway Python script) over the same file.
    let idSum = 0;
    let latSum = 0;
    let lonSum = 0;
    let refSum = 0;
    for (const e of entities) {
      idSum += e.id;
      if (e.type === 'node') {
        latSum += e.lat;
        lonSum += e.lon;
      } else if (e.type === 'way') for (const r of e.refs) refSum += r;
    }
    expect(idSum).toBe(79_876_578_337_999);
    expect(refSum).toBe(83_250_526_560_871);
    expect(latSum).toBeCloseTo(2_963_040.3206, 3);
    expect(lonSum).toBeCloseTo(109_380.4255, 3);
    const town = entities.find((e) => e.tags.name === 'Andorra la Vella' && e.tags.place === 'town');
    expect(town).toMatchObject({ type: 'node', id: 58957648, lat: 42.5069391, lon: 1.5212467 });
  });

  it('reports progress up to the file size', async () => {
    const seen: number[] = [];
    const totals = new Set<number>();
    const onProgress = (read: number, total: number) => {
      seen.push(read);
      totals.add(total);
    };
    await drain(readPbf(path, { onProgress }));
    expect([...totals]).toEqual([565_390]);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(565_390);
  });

  it('rejects the file cut at any of several lengths as corrupt, with the byte offset', async () => {
    const full = readFileSync(path);
    for (const len of [2, 10, 200, 70_000, 300_001, 565_389]) {
      const err = await readError(tempFile(full.subarray(0, len)));
      expect(err, `cut at ${len}`).toBeInstanceOf(AppError);
      expect(err.id).toBe('osm_file_corrupt');
      expect(err.message).toMatch(/truncated/);
      const offset = Number(/byte offset (\d+)/.exec(err.details[0].field ?? '')?.[1]);
      expect(offset).toBeLessThan(len);
    }
  });

  it('rejects flipped bytes inside blobs as corrupt without crashing or hanging', async () => {
    const full = readFileSync(path);
    for (const at of [40, 1_000, 100_000, 250_000, 400_000, 560_000]) {
      const data = Buffer.from(full);
      for (let i = 0; i < 8; i++) data[at + i] ^= 0x5a;
      const err = await readError(tempFile(data));
      expect(err.id, `flip at ${at}`).toBe('osm_file_corrupt');
    }
  });

  it('never fails with anything but an AppError when random bytes are damaged', async () => {
    const full = readFileSync(path);
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 25; i++) {
      const data = Buffer.from(full);
      const at = Math.floor(random() * (full.length - 4));
      data.writeUInt32LE(Math.floor(random() * 2 ** 32), at);
      try {
        await drain(readPbf(tempFile(data)));
      } catch (err) {
        expect(err, `damage at ${at}`).toBeInstanceOf(AppError);
        expect(['osm_file_corrupt', 'osm_feature_unsupported']).toContain((err as AppError).id);
      }
    }
  });

  it('stops with the abort reason when the signal fires between blocks', async () => {
    const ac = new AbortController();
    let batches = 0;
    const run = async () => {
      for await (const _ of readPbf(path, { signal: ac.signal })) {
        if (++batches === 2) ac.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(batches).toBe(2);
    const pre = AbortSignal.abort(new Error('cancelled by user'));
    await expect(drain(readPbf(path, { signal: pre }))).rejects.toThrow('cancelled by user');
  });

  it('can be abandoned early (break) and read again', async () => {
    for await (const batch of readPbf(path)) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
    expect((await drain(readPbf(path))).stats.ways).toBe(2_725);
  });
});
