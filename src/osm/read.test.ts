import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPbf } from '../test/pbf-writer.js';
import { sharedDataPath } from '../test/shared-data.js';
import { detectOsmFormat, readOsm } from './read.js';
import type { OsmReader, OsmReadStats } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'sot-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

const XML =
  '<?xml version="1.0"?>\n<osm version="0.6"><node id="1" lat="60" lon="15"><tag k="a" v="b"/></node></osm>\n';
const PBF = buildPbf([{ dense: [{ id: 1, lat: 60, lon: 15, tags: { a: 'b' } }] }]);

async function stats(reader: OsmReader): Promise<OsmReadStats> {
  for (;;) {
    const r = await reader.next();
    if (r.done) return r.value;
  }
}

describe('readOsm', () => {
  it('detects the format from content first, then from the name', async () => {
    expect(await detectOsmFormat(file('a.osm.pbf', PBF))).toBe('pbf');
    expect(await detectOsmFormat(file('a.osm', XML))).toBe('xml');
    expect(await detectOsmFormat(file('a.osm.gz', gzipSync(XML)))).toBe('xml');
    expect(await detectOsmFormat(file('upload-1234', PBF))).toBe('pbf');
    expect(await detectOsmFormat(file('upload-5678', `\ufeff  ${XML}`))).toBe('xml');
    // Misnamed: the content decides.
    expect(await detectOsmFormat(file('really-xml.pbf', XML))).toBe('xml');
    expect(await detectOsmFormat(file('really-pbf.osm', PBF))).toBe('pbf');
    // Undecidable content (garbage) falls back to the name.
    expect(await detectOsmFormat(file('junk.osm', 'junk'))).toBe('xml');
    expect(await detectOsmFormat(file('junk.bin', 'junk'))).toBe('pbf');
  });

  it('reads every format to the same elements', async () => {
    for (const [name, data] of [
      ['b.osm.pbf', PBF],
      ['b.osm', XML],
      ['b.xml', XML],
      ['b.osm.gz', gzipSync(XML)],
      ['b-bom.osm', `\ufeff${XML}`],
      ['b-no-extension', PBF],
    ] as const) {
      const path = file(name, data);
      const all = [];
      for await (const batch of readOsm(path)) all.push(...batch);
      expect(all, name).toEqual([{ type: 'node', id: 1, lat: 60, lon: 15, tags: { a: 'b' } }]);
      expect(await stats(readOsm(path))).toMatchObject({ nodes: 1, ways: 0, relations: 0 });
    }
  });

  it('reports a missing file as file_not_found', async () => {
    await expect(stats(readOsm(join(dir, 'missing.osm.pbf')))).rejects.toMatchObject({
      id: 'file_not_found',
    });
    await expect(detectOsmFormat(join(dir, 'missing'))).rejects.toMatchObject({ id: 'file_not_found' });
  });

  const andorra = sharedDataPath('osm/andorra-2013.osm.pbf');
  it.skipIf(!andorra)('passes progress in bytes of the file through', async () => {
    let last = 0;
    await stats(readOsm(andorra!, { onProgress: (read) => (last = read) }));
    expect(last).toBe(565_390);
  });
});
