/**
 * Bad input that used to pass validation and then fail (or silently misbehave) when written:
 * control characters in text, duplicate header columns, unrelated files sharing external ids,
 * points outside every boundary and at 0,0. Each must be a clear issue naming line/element and
 * field, found by a dry run, skippable with skipInvalid, and never a raw database error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { createTestApp, inside, loginAs, type TestContext } from '../test/fixtures.js';
import { buildPbf } from '../test/pbf-writer.js';
import { ImportError, type ImportOptions, runImport } from './index.js';
import { databaseFingerprint } from './test-support.js';
import { controlCharacter } from './values.js';

let t: TestContext;
let dir: string;
const a = inside('2321');
const b = inside('2380');

beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-robust-test-'));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

/** Runs an import that must fail, proves the database is untouched, returns the error. */
async function fails(opts: ImportOptions): Promise<ImportError> {
  const before = await databaseFingerprint(t.database.db);
  const err = await runImport(t.database.db, SYSTEM_ACTOR, opts).catch((e) => e);
  expect(err).toBeInstanceOf(ImportError);
  expect(await databaseFingerprint(t.database.db)).toEqual(before);
  return err as ImportError;
}

describe('controlCharacter', () => {
  it('names U+0000 and other C0 controls, allows tab, newline and CR', () => {
    expect(controlCharacter('a\u0000b')).toMatch(/U\+0000 \(NUL\) at position 2/);
    expect(controlCharacter('bell\u0007')).toMatch(/U\+0007 at position 5/);
    expect(controlCharacter(['ok', { k: 'x\u001f' }])).toMatch(/U\+001F/);
    expect(controlCharacter('tab\there\r\nnext')).toBeNull();
    expect(controlCharacter(12)).toBeNull();
    expect(controlCharacter(null)).toBeNull();
  });
});

describe('control characters in imported text', () => {
  const csv = `kind,name,lat,lon,source_ref\ngrocery,\u0000nul,${a.lat},${a.lon},n1\ngrocery,Fin butik,${a.lat},${a.lon},n2\n`;

  it('a dry run reports the line and field; a real import fails with the same issue and writes nothing', async () => {
    const p = file('nul.csv', csv);
    for (const dryRun of [true, false]) {
      const err = await fails({ target: 'service_points', filePath: p, dryRun });
      expect(err.id).toBe('import_rows_invalid');
      expect(err.details).toEqual([
        expect.objectContaining({ line: 2, field: 'name', reason: expect.stringContaining('U+0000') }),
      ]);
    }
  });

  it('skipInvalid imports the other rows', async () => {
    const p = file('nul-skip.csv', csv);
    const r = await runImport(t.database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p,
      skipInvalid: true,
    });
    expect(r.counts).toMatchObject({ created: 1, skipped: 1, errors: 1 });
  });

  it('places, GeoJSON properties and other control characters are caught too', async () => {
    const places = file('pl.csv', `name,population,lat,lon,id\nNul\u0000by,5,${a.lat},${a.lon},p1\n`);
    const e1 = await fails({ target: 'places', filePath: places, dryRun: true });
    expect(e1.details[0]).toMatchObject({ line: 2, field: 'name' });

    const geo = file(
      'g.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [a.lon, a.lat] },
            properties: { kind: 'fuel', name: 'Ok' },
          },
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [a.lon, a.lat] },
            properties: { kind: 'fuel', name: 'Mack', address: 'Väg\u00071' },
          },
        ],
      }),
    );
    const e2 = await fails({ target: 'service_points', filePath: geo });
    expect(e2.details).toEqual([
      expect.objectContaining({ line: 2, field: 'address', reason: expect.stringContaining('U+0007') }),
    ]);
  });

  it('an OSM element names the element, field and tag', async () => {
    const pbf = file(
      'nul.osm.pbf',
      buildPbf([
        {
          nodes: [{ id: 1, lat: a.lat, lon: a.lon, tags: { shop: 'supermarket', name: 'Nul\u0000butik' } }],
        } as never,
      ]),
    );
    const err = await fails({ target: 'all', filePath: pbf, dryRun: true });
    expect(err.details).toEqual([
      expect.objectContaining({
        element: 'node/1',
        field: 'name',
        reason: expect.stringContaining('tag name'),
      }),
    ]);
  });

  it('POST /api/imports answers 422 with the report, not 500', async () => {
    const admin = await loginAs(t.app, 'admin');
    const boundary = '----sot-robust';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="target"\r\n\r\nservice_points\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="nul.csv"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(csv),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...admin.headers },
      payload: body,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ line: 2, field: 'name' }));
    expect(res.json().report.ok).toBe(false);
  });
});

describe('duplicate header columns', () => {
  it('the same column twice (also in another case) is refused, naming it', async () => {
    for (const header of ['kind,name,lat,lon,lat', 'kind,name,lat,lon,Lat']) {
      const p = file('dup.csv', `${header}\ngrocery,X,${a.lat},${a.lon},10\n`);
      const err = await fails({ target: 'service_points', filePath: p, dryRun: true });
      expect(err.id).toBe('import_format_invalid');
      expect(err.message).toMatch(/'lat' \(column 3\) and '[lL]at' \(column 5\)/);
    }
  });

  it('two names of one field are refused unless a mapping picks one', async () => {
    const p = file('alias.csv', `kind,name,lat,lon,latitude\ngrocery,X,${a.lat},${a.lon},${b.lat}\n`);
    const err = await fails({ target: 'service_points', filePath: p, dryRun: true });
    expect(err.message).toMatch(/'lat' and 'latitude' both look like the lat column/);
    const r = await runImport(t.database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p,
      dryRun: true,
      mapping: { columns: { lat: 'latitude' } },
    });
    expect(r.ok).toBe(true);
  });
});

describe('default source and external-id matches', () => {
  it('two files without --source that both number rows 1 do not touch each other', async () => {
    const pa = file(
      'kommunA.csv',
      `kind,name,lat,lon,source_ref\ngrocery,Kommun A butik,${a.lat},${a.lon},1\n`,
    );
    const pb = file('kommunB.csv', `kind,name,lat,lon,source_ref\nfuel,Kommun B mack,${b.lat},${b.lon},1\n`);
    const ra = await runImport(t.database.db, SYSTEM_ACTOR, { target: 'service_points', filePath: pa });
    const rb = await runImport(t.database.db, SYSTEM_ACTOR, { target: 'service_points', filePath: pb });
    expect([ra.source, rb.source]).toEqual(['kommuna', 'kommunb']);
    expect(rb.counts).toMatchObject({ created: 1, updated: 0 });
  });

  it('files whose ids are all URNs keep the se-poi source', async () => {
    const p = file(
      'butiker.csv',
      `kind,name,lat,lon,source_ref\ngrocery,U,${a.lat},${a.lon},urn:test:store:1\ngrocery,V,${a.lat},${b.lon},\ngrocery,W,${b.lat},${b.lon},urn:hemköp:store:id:2\n`,
    );
    const r = await runImport(t.database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p,
      dryRun: true,
    });
    expect(r.source).toBe('se-poi');
  });

  it('an update that changes the kind is a warning naming the old and new kind and name', async () => {
    const pa = file('shared1.csv', `kind,name,lat,lon,id\ngrocery,Lanthandeln,${a.lat},${a.lon},7\n`);
    const pb = file('shared2.csv', `kind,name,lat,lon,id\nfuel,Macken,${a.lat},${a.lon},7\n`);
    await runImport(t.database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: pa,
      source: 'shared',
    });
    const r = await runImport(t.database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: pb,
      source: 'shared',
      dryRun: true,
    });
    expect(r.counts.updated).toBe(1);
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        line: 2,
        field: 'kind',
        reason: expect.stringMatching(/grocery "Lanthandeln".*fuel "Macken"/),
      }),
    );
  });
});

describe('positions outside the boundaries', () => {
  it('a point outside every municipality is imported with a warning naming line and coordinates', async () => {
    const p = file('paris.csv', `kind,name,lat,lon,id\ngrocery,Paris,48.85,2.35,par\n`);
    const r = await runImport(t.database.db, SYSTEM_ACTOR, {
      target: 'service_points',
      filePath: p,
      dryRun: true,
    });
    expect(r.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 2,
        reason: expect.stringContaining('48.85, 2.35 lies outside every municipality boundary'),
      }),
    ]);
  });

  it('0,0 is an error, not a position', async () => {
    const p = file('zero.csv', `kind,name,lat,lon,id\ngrocery,Noll,0,0,z\n`);
    const err = await fails({ target: 'service_points', filePath: p, dryRun: true });
    expect(err.details).toEqual([
      expect.objectContaining({
        line: 2,
        field: 'lat',
        reason: expect.stringContaining('0, 0 is not a real position'),
      }),
    ]);
  });
});
