import fs from 'node:fs';
import os from 'node:os';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicePoints } from '../../db/schema.js';
import {
  createTestApp,
  inside,
  loginAs,
  type Session,
  square,
  type TestContext,
} from '../../test/fixtures.js';

let t: TestContext;
let admin: Session;
let muni: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  muni = await loginAs(t.app, 'muni2321');
});
afterAll(async () => t.close());

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
}

/** A multipart/form-data body, built by hand so the test does not depend on a client library. */
function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----sot-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(session: Session | null, parts: Part[]) {
  const body = multipart(parts);
  return t.app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { ...body.headers, ...(session?.headers ?? {}) },
    payload: body.payload,
  });
}

const a = inside('2321');
const c = inside('2480');
const csv = `id,kind,name,lat,lon\nR1,grocery,Lanthandel,${a.lat},${a.lon}\nR2,fuel,Mack,${c.lat},${c.lon}\n`;

function tempDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('sot-import-'));
}

describe('POST /api/imports', () => {
  it('imports an uploaded CSV and returns the report; the temp file is removed', async () => {
    const dirsBefore = tempDirs().length;
    const res = await upload(admin, [
      { name: 'target', value: 'service_points' },
      { name: 'file', value: csv, filename: 'Butiker.csv' },
    ]);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ ok: true, format: 'csv', source: 'butiker', sourceName: 'Butiker.csv' });
    expect(report.counts).toMatchObject({ read: 2, created: 2 });
    expect(tempDirs().length).toBeLessThanOrEqual(dirsBefore);
    const [{ n }] = await t.database.db.select({ n: count() }).from(servicePoints);
    expect(n).toBe(2);
  });

  it('dry run and a mapping file part', async () => {
    const res = await upload(admin, [
      { name: 'target', value: 'service_points' },
      { name: 'dryRun', value: 'true' },
      { name: 'mapping', value: '{"source": "butiker", "columns": {"name": "namn"}}', filename: 'map.json' },
      { name: 'file', value: csv.replace('name', 'namn'), filename: 'x.csv' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, batchId: null, counts: { unchanged: 2, created: 0 } });
  });

  it('row errors answer 422 with the error details and the report', async () => {
    const res = await upload(muni, [
      { name: 'target', value: 'service_points' },
      { name: 'file', value: csv.replace('R1,grocery', 'R1,bakery'), filename: 'bad.csv' },
    ]);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.id).toBe('import_rows_invalid');
    expect(body.error.message).toMatch(/^2 rows are invalid; nothing was imported/);
    expect(body.error.details).toContainEqual(expect.objectContaining({ line: 2, field: 'kind' }));
    expect(body.error.details).toContainEqual(
      expect.objectContaining({ line: 3, field: 'lat', reason: expect.stringContaining('2480') }),
    );
    expect(body.report).toMatchObject({ ok: false, counts: { errors: 2 } });
  });

  it('format errors answer 400 with the report', async () => {
    const res = await upload(admin, [
      { name: 'target', value: 'service_points' },
      { name: 'mapping', value: '{"delimiter": ","}' },
      { name: 'file', value: 'kind;name;lat;lon\ngrocery;X;1;2\n', filename: 'semi.csv' },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.id).toBe('import_format_invalid');
    expect(res.json().report.ok).toBe(false);
  });

  it('boundaries are admin-only', async () => {
    const geo = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: '2321', name: 'Åre' }, geometry: square(13, 63) }],
    });
    const denied = await upload(muni, [
      { name: 'target', value: 'boundaries' },
      { name: 'file', value: geo, filename: 'b.geojson' },
    ]);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.id).toBe('forbidden');
    const ok = await upload(admin, [
      { name: 'target', value: 'boundaries' },
      { name: 'file', value: geo, filename: 'b.geojson' },
    ]);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().counts.updated).toBe(1);
  });

  it('validates the form and enforces role and CSRF', async () => {
    const noFile = await upload(admin, [{ name: 'target', value: 'service_points' }]);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.details[0].field).toBe('file');
    const badTarget = await upload(admin, [
      { name: 'target', value: 'everything' },
      { name: 'file', value: csv, filename: 'x.csv' },
    ]);
    expect(badTarget.statusCode).toBe(400);
    expect(badTarget.json().error.details[0].field).toBe('target');
    const badMapping = await upload(admin, [
      { name: 'target', value: 'service_points' },
      { name: 'mapping', value: '{"columns": {"nme": "x"}}' },
      { name: 'file', value: csv, filename: 'x.csv' },
    ]);
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().error.details[0].field).toBe('columns.nme');
    const notMultipart = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: admin.headers,
      payload: { target: 'service_points' },
    });
    expect(notMultipart.statusCode).toBe(400);

    expect((await upload(null, [{ name: 'target', value: 'places' }])).statusCode).toBe(401);
    const viewer = await loginAs(t.app, 'viewer2321');
    expect((await upload(viewer, [{ name: 'target', value: 'places' }])).statusCode).toBe(403);
    const body = multipart([{ name: 'target', value: 'places' }]);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...body.headers, cookie: admin.cookie },
      payload: body.payload,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.id).toBe('csrf_token_invalid');
  });
});

describe('GET /api/imports', () => {
  it('admins see every batch; other editors their own', async () => {
    await upload(muni, [
      { name: 'target', value: 'service_points' },
      { name: 'skipInvalid', value: 'true' },
      { name: 'file', value: csv, filename: 'mine.csv' },
    ]);
    const all = await t.app.inject({ method: 'GET', url: '/api/imports', headers: { cookie: admin.cookie } });
    expect(all.statusCode).toBe(200);
    const items = all.json().items;
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items[0]).toMatchObject({ username: 'muni2321', target: 'service_points', source: 'mine' });
    expect(items[0].counts).toMatchObject({ created: 1, skipped: 1 });
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/imports?limit=10',
      headers: { cookie: muni.cookie },
    });
    expect(own.json().items.map((i: { username: string }) => i.username)).toEqual(['muni2321']);
    const viewer = await loginAs(t.app, 'viewer2321');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/imports', headers: { cookie: viewer.cookie } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/imports?limit=0', headers: { cookie: admin.cookie } }))
        .statusCode,
    ).toBe(400);
  });
});
