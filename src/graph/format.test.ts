import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRoadGraph } from './build.js';
import { GRAPH_FORMAT_VERSION, readGraph, writeGraph } from './format.js';
import { writeTestOsm } from './test-osm.js';

async function sampleFile(): Promise<string> {
  const osm = writeTestOsm(
    [
      { id: 1, x: 0, y: 0 },
      { id: 2, x: 1, y: 0 },
      { id: 3, x: 1, y: 1 },
    ],
    [{ id: 9, refs: [1, 2, 3, 1], tags: { highway: 'residential' } }],
  );
  const g = await buildRoadGraph(osm);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sot-fmt-')), 'g.sotgraph');
  writeGraph(file, g);
  return file;
}

describe('graph file format', () => {
  it('starts with the magic and version, and aligns every section to 8 bytes', async () => {
    const buf = fs.readFileSync(await sampleFile());
    expect(buf.subarray(0, 8).toString('latin1')).toBe('SOTGRAPH');
    expect(buf.readUInt32LE(8)).toBe(GRAPH_FORMAT_VERSION);
    const k = buf.readUInt32LE(12);
    expect(k).toBeGreaterThanOrEqual(23);
    const tags: string[] = [];
    for (let i = 0; i < k; i++) {
      const at = 24 + 24 * i;
      tags.push(buf.subarray(at, at + 4).toString('latin1'));
      const offset = Number(buf.readBigUInt64LE(at + 8));
      const length = Number(buf.readBigUInt64LE(at + 16));
      expect(offset % 8).toBe(0);
      expect(offset + length).toBeLessThanOrEqual(buf.length);
    }
    expect(tags).toEqual(expect.arrayContaining(['META', 'FOFS', 'FHED', 'FTIM', 'BOFS', 'BEDG', 'GLAT']));
  });

  it('loads arrays as views over one buffer', async () => {
    const g = readGraph(await sampleFile());
    expect(g.forward.head.buffer).toBe(g.nodeLat.buffer);
    expect(g.backward.time.buffer).toBe(g.geometryLon.buffer);
    // A closed residential ring with one junction: a single loop segment.
    expect(g.segmentCount).toBe(1);
    expect(g.nodeCount).toBe(1);
  });

  it('rejects other files, other versions, truncation and missing sections', async () => {
    const file = await sampleFile();
    const good = fs.readFileSync(file);
    const variant = (mutate: (b: Buffer) => Buffer) => {
      const f = `${file}.bad`;
      fs.writeFileSync(f, mutate(Buffer.from(good)));
      return f;
    };
    const reason = (f: string) => {
      try {
        readGraph(f);
        return 'loaded';
      } catch (err) {
        expect((err as { id: string }).id).toBe('graph_file_invalid');
        return (err as Error).message;
      }
    };
    expect(reason(variant((b) => Buffer.concat([Buffer.from('NOTGRAPH'), b.subarray(8)])))).toMatch(
      /no SOTGRAPH header/,
    );
    expect(
      reason(
        variant((b) => {
          b.writeUInt32LE(99, 8);
          return b;
        }),
      ),
    ).toMatch(/version 99.*rebuild/);
    expect(reason(variant((b) => b.subarray(0, b.length - 16)))).toMatch(/outside the file/);
    expect(
      reason(
        variant((b) => {
          b.write('XXXX', 24 + 24 * 2, 'latin1'); // rename the FHED section
          return b;
        }),
      ),
    ).toMatch(/section FHED missing/);
    expect(() => readGraph(`${file}.missing`)).toThrow(expect.objectContaining({ id: 'file_not_found' }));
  });
});
