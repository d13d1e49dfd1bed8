import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../backup/backup.js';
import { restoreDatabase } from '../../backup/restore.js';
import { SYSTEM_ACTOR } from '../../domain/actor.js';
import { readDocument } from '../../sot/documents.js';
import { call, storeAndFuel } from '../../sot/test-fixtures.js';
import { createTestDatabase } from '../../test/db.js';
import { createTestApp, loginAs, type Session, type TestContext } from '../../test/fixtures.js';

let t: TestContext;
let muni: Session;
let county: Session;
let op: Session;
let pointId: number;
const MAX_MB = 1;

beforeAll(async () => {
  // A small limit keeps the oversize test cheap; the default is 20 MB.
  process.env.SOT_MAX_DOCUMENT_MB = String(MAX_MB);
  t = await createTestApp();
  delete process.env.SOT_MAX_DOCUMENT_MB;
  muni = await loginAs(t.app, 'muni2321');
  county = await loginAs(t.app, 'county23');
  op = await loginAs(t.app, 'op2321');
  const pair = await storeAndFuel(t.database.db, '2321', 100);
  pointId = (
    await call(t.app, muni, { method: 'POST', url: '/api/sot/points', payload: { storeId: pair.storeId } })
  ).body.id;
});
afterAll(async () => t.close());

/** A real (minimal but well-formed) PDF with a non-ASCII byte in it, to catch encoding mistakes. */
const REAL_PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1'),
  Buffer.from([0x00, 0xff, 0x80, 0x7f]),
  Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
]);
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

function upload(filename: string, bytes: Buffer, fields: Record<string, string> = {}): InjectOptions {
  const boundary = 'sot-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    method: 'POST',
    url: `/api/sot/points/${pointId}/documents`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  };
}

describe('documents', () => {
  let docId: number;

  it('stores a real PDF and gives it back byte for byte with the right headers', async () => {
    const res = await call(
      t.app,
      muni,
      upload('Driftavtal Åre.pdf', REAL_PDF, { category: 'avtal', title: 'Driftavtal 2026' }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      filename: 'Driftavtal Åre.pdf',
      mime: 'application/pdf',
      size: REAL_PDF.length,
      category: 'avtal',
      title: 'Driftavtal 2026',
      uploadedByName: 'muni2321',
    });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    docId = res.body.id;
    const dl = await t.app.inject({
      method: 'GET',
      url: `/api/sot/points/${pointId}/documents/${docId}`,
      headers: county.headers,
    });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="Driftavtal Are.pdf"; filename*=UTF-8''Driftavtal%20%C3%85re.pdf`,
    );
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(REAL_PDF)).toBe(true);
    const list = await call(t.app, op, { method: 'GET', url: `/api/sot/points/${pointId}/documents` });
    expect(list.status).toBe(404); // op2321 is not assigned to this point
  });

  it('rejects a fake PDF (text renamed to .pdf) by its content', async () => {
    const res = await call(t.app, muni, upload('avtal.pdf', Buffer.from('Detta är inget PDF-dokument\n')));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ field: 'file' });
    expect(res.body.error.details[0].reason).toMatch(/first bytes/);
  });

  it('rejects a file whose name contradicts its content, and accepts a PNG under its own name', async () => {
    expect((await call(t.app, muni, upload('foto.pdf', PNG))).status).toBe(400);
    const png = await call(t.app, muni, upload('foto', PNG, { category: 'foto' }));
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ filename: 'foto.png', mime: 'image/png' });
  });

  it('rejects a file over the size limit with 413 and stores nothing', async () => {
    const before = (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/documents` }))
      .body.items.length;
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX_MB * 1024 * 1024)]);
    const res = await call(t.app, muni, upload('stor.pdf', big));
    expect(res.status).toBe(413);
    expect(res.body.error.id).toBe('payload_too_large');
    const after = (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/documents` }))
      .body.items.length;
    expect(after).toBe(before);
  });

  it('rejects an unknown category and a request without a file', async () => {
    expect(
      (await call(t.app, muni, upload('a.pdf', REAL_PDF, { category: 'hemligt' }))).body.error.details[0]
        .field,
    ).toBe('category');
    const res = await call(t.app, muni, {
      method: 'POST',
      url: `/api/sot/points/${pointId}/documents`,
      payload: { file: 'x' },
    });
    expect(res.status).toBe(400);
  });

  it('county users download but do not upload or delete', async () => {
    expect((await call(t.app, county, upload('a.pdf', REAL_PDF))).status).toBe(403);
    expect(
      (await call(t.app, county, { method: 'DELETE', url: `/api/sot/points/${pointId}/documents/${docId}` }))
        .status,
    ).toBe(403);
  });

  it('a document survives backup and restore (its bytes live in the database)', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-doc-backup-'));
    const target = await createTestDatabase();
    try {
      const file = path.join(tmp, 'b.sotbackup.gz');
      const summary = await backupDatabase(t.database.db, file, { filesDir: null });
      expect(summary.counts.sot_documents).toBeGreaterThanOrEqual(2);
      await restoreDatabase(target, file, { filesDir: path.join(tmp, 'files') });
      const { info, bytes } = await readDocument(target.db, SYSTEM_ACTOR, pointId, docId);
      expect(info.filename).toBe('Driftavtal Åre.pdf');
      expect(bytes.equals(REAL_PDF)).toBe(true);
    } finally {
      await target.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('deleting a document removes it and is audited', async () => {
    expect(
      (await call(t.app, muni, { method: 'DELETE', url: `/api/sot/points/${pointId}/documents/${docId}` }))
        .status,
    ).toBe(204);
    expect(
      (await call(t.app, muni, { method: 'GET', url: `/api/sot/points/${pointId}/documents/${docId}` }))
        .status,
    ).toBe(404);
    const admin = await loginAs(t.app, 'admin');
    const audit = await call(t.app, admin, {
      method: 'GET',
      url: `/api/audit?entityType=sot_document&entityId=${docId}`,
    });
    expect(audit.body.items.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'delete']);
  });
});
