import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { escapeXml, OsmXmlWriter } from './osm-writer.js';

const dir = await mkdtemp(join(tmpdir(), 'sot-osm-writer-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('OsmXmlWriter', () => {
  it('writes escaped, well-formed OSM XML', async () => {
    const path = join(dir, 'small.osm');
    const w = await OsmXmlWriter.open(path, {
      generator: 'sot-demo',
      comment: 'Fictional & invented',
      bounds: { minLat: 63.6, minLon: 14, maxLat: 64.4, maxLon: 16 },
    });
    w.node(1, 63.7, 14.5);
    w.node(2, 63.8, 14.6, [['name', 'Å & "Ö" <x>']]);
    w.way(1, [1, 2, 1], 0, 2, [['highway', 'track']]);
    w.relation(1, [{ type: 'way', ref: 1, role: '' }], [['type', 'route']]);
    await w.close();
    const xml = await readFile(path, 'utf8');
    expect(xml).toContain(
      '<bounds minlat="63.6000000" minlon="14.0000000" maxlat="64.4000000" maxlon="16.0000000"/>',
    );
    expect(xml).toContain('<!-- Fictional & invented -->');
    const names: string[] = [];
    const p = new SaxesParser();
    p.on('opentag', (t) => {
      names.push(t.name);
      if (t.name === 'tag' && t.attributes.k === 'name') expect(t.attributes.v).toBe('Å & "Ö" <x>');
    });
    p.write(xml).close();
    expect(names).toEqual([
      'osm',
      'bounds',
      'node',
      'node',
      'tag',
      'way',
      'nd',
      'nd',
      'tag',
      'relation',
      'member',
      'tag',
    ]);
  });

  it('streams large output through backpressure', async () => {
    const path = join(dir, 'large.osm');
    const w = await OsmXmlWriter.open(path, { generator: 'test' });
    let flushes = 0;
    for (let i = 1; i <= 100_000; i++) {
      w.node(i, 63 + i * 1e-6, 14);
      if (w.needsFlush) {
        await w.flush();
        flushes++;
      }
    }
    await w.close();
    expect(flushes).toBeGreaterThan(10);
    const xml = await readFile(path, 'utf8');
    expect(xml.match(/<node /g)).toHaveLength(100_000);
    expect(xml.trimEnd().endsWith('</osm>')).toBe(true);
    expect((await stat(path)).size).toBe(Buffer.byteLength(xml));
  });

  it('reports a file it cannot create as an AppError', async () => {
    const err = await OsmXmlWriter.open(join(dir, 'missing', 'x.osm'), { generator: 'test' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).id).toBe('internal_error');
  });

  it('escapes attribute values', () => {
    expect(escapeXml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
    expect(escapeXml('plain')).toBe('plain');
  });
});
