import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { OsmEntity, OsmReader, OsmReadStats } from './types.js';
import { readOsmXml } from './xml.js';

const dir = mkdtempSync(join(tmpdir(), 'sot-xml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const tempFile = (data: string | Uint8Array, ext = '.osm') => {
  const p = join(dir, `f${fileNo++}${ext}`);
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

async function readError(path: string): Promise<AppError> {
  try {
    await drain(readOsmXml(path));
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected the read to fail');
}

const FIXTURE = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
  <bounds minlat="63.0" minlon="14.0" maxlat="63.5" maxlon="15.0"/>
  <node id="1" lat="63.1792" lon="14.6357" version="3" user="a &amp; b">
    <tag k="shop" v="general"/>
    <tag k="name" v="Handlarn &quot;Kall&quot; – Åre"/>
  </node>
  <node id="2" lat="63.18" lon="14.64"/>
  <node id="3" lat="63.18" lon="14.65"/>
  <node id="4" lat="63.19" lon="14.65"/>
  <node id="5" lat="63.19" lon="14.64"/>
  <node id="6" lat="63.1" lon="14.1" visible="false"><tag k="amenity" v="fuel"/></node>
  <way id="10">
    <nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="5"/><nd ref="2"/>
    <tag k="building" v="retail"/>
    <tag k="shop" v="supermarket"/>
  </way>
  <way id="11" action="delete"><nd ref="2"/><nd ref="3"/></way>
  <relation id="20">
    <member type="way" ref="10" role="outer"/>
    <member type="node" ref="1" role=""/>
    <member type="relation" ref="21"/>
    <tag k="type" v="multipolygon"/>
    <tag k="amenity" v="school"/>
  </relation>
</osm>
`;

describe('readOsmXml', () => {
  it('reads nodes, ways and relations with tags, members and entities decoded', async () => {
    const { entities, stats } = await drain(readOsmXml(tempFile(FIXTURE)));
    expect(stats).toMatchObject({ nodes: 5, ways: 1, relations: 1 });
    expect(entities[0]).toEqual({
      type: 'node',
      id: 1,
      lat: 63.1792,
      lon: 14.6357,
      tags: { shop: 'general', name: 'Handlarn "Kall" – Åre' },
    });
    expect(entities[1]).toEqual({ type: 'node', id: 2, lat: 63.18, lon: 14.64, tags: {} });
    expect(entities.find((e) => e.type === 'way')).toEqual({
      type: 'way',
      id: 10,
      refs: [2, 3, 4, 5, 2],
      tags: { building: 'retail', shop: 'supermarket' },
    });
    expect(entities.find((e) => e.type === 'relation')).toEqual({
      type: 'relation',
      id: 20,
      members: [
        { type: 'way', ref: 10, role: 'outer' },
        { type: 'node', ref: 1, role: '' },
        { type: 'relation', ref: 21, role: '' },
      ],
      tags: { type: 'multipolygon', amenity: 'school' },
    });
    // visible="false" and action="delete" elements do not exist in the described data.
    expect(entities.some((e) => e.id === 6 || e.id === 11)).toBe(false);
  });

  it('skips untagged nodes on request but counts them', async () => {
    const { entities, stats } = await drain(readOsmXml(tempFile(FIXTURE), { skipNodesWithoutTags: true }));
    expect(entities.filter((e) => e.type === 'node').map((e) => e.id)).toEqual([1]);
    expect(stats.nodes).toBe(5);
  });

  it('reads gzip-compressed files', async () => {
    const { stats } = await drain(readOsmXml(tempFile(gzipSync(FIXTURE), '.osm.gz')));
    expect(stats).toMatchObject({ nodes: 5, ways: 1, relations: 1, generator: 'hand' });
  });

  it("returns the root element's generator, and none when the file names none", async () => {
    expect((await drain(readOsmXml(tempFile(FIXTURE)))).stats.generator).toBe('hand');
    const demo = FIXTURE.replace('generator="hand"', 'generator="sot-demo"');
    expect((await drain(readOsmXml(tempFile(demo)))).stats.generator).toBe('sot-demo');
    const change = '<osmChange version="0.6" generator="JOSM"><create/></osmChange>';
    expect((await drain(readOsmXml(tempFile(change)))).stats.generator).toBe('JOSM');
    for (const root of ['<osm version="0.6">', '<osm version="0.6" generator="">']) {
      const { stats } = await drain(
        readOsmXml(tempFile(FIXTURE.replace('<osm version="0.6" generator="hand">', root))),
      );
      expect(stats.nodes, root).toBe(5);
      expect(stats, root).not.toHaveProperty('generator');
    }
    // A generator attribute on anything but the root is not the file's.
    const nested = '<osm version="0.6"><node id="1" lat="1" lon="2" generator="x"/></osm>';
    expect((await drain(readOsmXml(tempFile(nested)))).stats.generator).toBeUndefined();
  });

  it('reports a file cut mid-element as corrupt with the line number', async () => {
    const cut = FIXTURE.slice(0, FIXTURE.indexOf('<tag k="shop" v="supermarket"/>') + 12);
    const err = await readError(tempFile(cut));
    expect(err).toBeInstanceOf(AppError);
    expect(err.id).toBe('osm_file_corrupt');
    expect(err.details[0].line).toBe(16);
    const unclosed = await readError(tempFile(FIXTURE.slice(0, FIXTURE.indexOf('</osm>'))));
    expect(unclosed.id).toBe('osm_file_corrupt');
    expect(unclosed.message).toMatch(/unclosed tag/);
    expect(unclosed.details[0].line).toBeGreaterThanOrEqual(24);
  });

  it('reports a truncated gzip file as corrupt', async () => {
    const gz = gzipSync(FIXTURE);
    const err = await readError(tempFile(gz.subarray(0, gz.length - 30), '.osm.gz'));
    expect(err.id).toBe('osm_file_corrupt');
  });

  it('reports malformed attributes and invalid values with line and element', async () => {
    const unquoted = FIXTURE.replace('<node id="3" lat="63.18"', '<node id="3" lat=63.18');
    const e1 = await readError(tempFile(unquoted));
    expect(e1.id).toBe('osm_file_corrupt');
    expect(e1.details[0].line).toBe(9);

    const badLat = await readError(
      tempFile(FIXTURE.replace('lat="63.19" lon="14.65"', 'lat="abc" lon="14.65"')),
    );
    expect(badLat.details[0]).toMatchObject({ line: 10, element: 'node/4' });
    expect(badLat.message).toContain('invalid lat="abc"');

    const badRef = await readError(tempFile(FIXTURE.replace('<nd ref="4"/>', '<nd ref="x4"/>')));
    expect(badRef.details[0]).toMatchObject({ line: 14, element: 'way/10' });

    const badMember = await readError(
      tempFile(FIXTURE.replace('type="relation" ref="21"', 'type="area" ref="21"')),
    );
    expect(badMember.details[0]).toMatchObject({ line: 22, element: 'relation/20' });
  });

  it('rejects files that are not OSM XML', async () => {
    expect((await readError(tempFile('<html><body/></html>'))).message).toContain('root element is <html>');
    expect((await readError(tempFile(''))).id).toBe('osm_file_corrupt');
    expect((await readError(tempFile('<osm><node id="1" lat="1" lon="1"></way></osm>'))).id).toBe(
      'osm_file_corrupt',
    );
  });

  it('reports a missing file as file_not_found', async () => {
    expect((await readError(join(dir, 'missing.osm'))).id).toBe('file_not_found');
  });

  it('streams: a 200k-node file arrives in many batches, not at once', async () => {
    const path = join(dir, 'large.osm');
    const out = createWriteStream(path);
    out.write('<?xml version="1.0"?>\n<osm version="0.6">\n');
    for (let i = 1; i <= 200_000; i++) {
      const line = `  <node id="${i}" lat="${(60 + i * 1e-6).toFixed(7)}" lon="15.0000000" version="1"/>\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end('</osm>\n');
    await once(out, 'finish');

    const reader = readOsmXml(path);
    const first = await reader.next();
    expect(first.done).toBe(false);
    // The first batch is handed out long before the file has been parsed.
    expect((first.value as OsmEntity[]).length).toBeLessThan(50_000);
    const rest = await drain(reader);
    expect(rest.batches).toBeGreaterThan(3);
    expect(rest.stats.nodes).toBe(200_000);
    expect((first.value as OsmEntity[]).length + rest.entities.length).toBe(200_000);

    const ac = new AbortController();
    const aborted = (async () => {
      for await (const _ of readOsmXml(path, { signal: ac.signal })) ac.abort();
    })();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops with the abort reason', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(drain(readOsmXml(tempFile(FIXTURE), { signal: ac.signal }))).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
