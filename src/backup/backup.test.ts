import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../auth/sessions.js';
import { type Database, openDatabase } from '../db/client.js';
import {
  externalRefs,
  meta,
  places,
  servicePointAssignments,
  servicePoints,
  sotDocuments,
  sotPoints,
  users,
} from '../db/schema.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { addUser } from '../domain/users.js';
import { AppError, ErrorIds } from '../errors.js';
import { createTestDatabase } from '../test/db.js';
import { inside, seedTerritory, seedUsers, TEST_PASSWORD } from '../test/fixtures.js';
import { backupDatabase, queryRows } from './backup.js';
import { isDatabaseEmpty, restoreDatabase, verifyBackup } from './restore.js';
import { backupTables } from './tables.js';

/** Every table as JSON text per row, in primary-key order: equal dumps mean equal contents. */
async function dump(database: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of backupTables()) {
    const order = t.primaryKey.map((k) => `t."${k}"`).join(', ');
    const rows = await queryRows(
      database.db,
      sql.raw(`select row_to_json(t)::text as j from "${t.name}" t order by ${order}`),
    );
    out[t.name] = rows.map((r) => String(r.j));
  }
  return out;
}

async function expectAppError(p: Promise<unknown>, id: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).id).toBe(id);
  return err as AppError;
}

describe('backup and restore', () => {
  let source: Database;
  let tmp: string;
  let filesDir: string;
  let backupFile: string;
  const bigFile = randomBytes(1024 * 1024 + 12345);
  const docBytes = Buffer.concat([Buffer.from([0, 255, 92, 120, 0]), randomBytes(5000)]);

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-backup-'));
    filesDir = path.join(tmp, 'src-files');
    fs.mkdirSync(path.join(filesDir, 'docs', '7'), { recursive: true });
    fs.writeFileSync(path.join(filesDir, 'docs', '7', 'avtal.pdf'), bigFile);
    fs.writeFileSync(path.join(filesDir, 'empty.txt'), '');
    fs.writeFileSync(path.join(filesDir, 'noter åäö.txt'), 'Reservkraft 20 kVA\n');

    source = await createTestDatabase();
    await seedTerritory(source);
    await seedUsers(source);
    await login(source.db, 'admin', TEST_PASSWORD, '127.0.0.1', 12);
    const db = source.db;
    // Enough service points to span several pages with pageSize 7.
    const sps = await db
      .insert(servicePoints)
      .values(
        Array.from({ length: 23 }, (_, i) => ({
          kind: i % 2 ? 'fuel' : 'grocery',
          name: `Butik "${i}" ÅÄÖ\n'quote'`,
          ...inside(i % 3 ? '2321' : '2480'),
          lon: 13.123456789012 + i / 1000,
          municipalityCode: i % 3 ? '2321' : '2480',
          attributes: { assortmentArticles: 1000 + i, nested: { list: [1, 'två', null, true] } },
          power: i % 4 ? { type: 'grid' } : { type: 'backup', kva: 20.5, fuelLitres: 300 },
          externalIds: { osm: `node/${i}` },
        })),
      )
      .returning();
    await db.insert(places).values({
      name: 'Åre',
      placeType: 'town',
      population: 1400,
      seasonalPopulation: 9000,
      lat: 63.4,
      lon: 13.08,
    });
    await db.insert(externalRefs).values(
      sps.map((s, i) => ({
        entity: 'service_point' as const,
        source: 'osm',
        ref: `node/${i}`,
        entityId: s.id,
      })),
    );
    const [op] = await db.select().from(users).where(sql`username = 'op2321'`);
    await db.insert(servicePointAssignments).values([
      { userId: op.id, servicePointId: sps[1].id },
      { userId: op.id, servicePointId: sps[2].id },
    ]);
    await db.insert(meta).values([
      { key: 'demo', value: { seed: 42, nodes: 100, logins: ['a', 'b'] } },
      { key: 'string', value: 'just text' },
      { key: 'number', value: 3.25 },
    ]);
    // Binary columns (documents are stored in the database) must survive byte for byte.
    const [point] = await db
      .insert(sotPoints)
      .values({ name: 'SOT Åre', municipalityCode: '2321' })
      .returning();
    await db.insert(sotDocuments).values({
      pointId: point.id,
      filename: 'avtal.pdf',
      mime: 'application/pdf',
      size: docBytes.length,
      sha256: 'x',
      bytes: docBytes,
    });
    // Deleted rows leave gaps in the ids: sequences must follow max(id), not the row count.
    await db.delete(servicePoints).where(sql`id = ${sps[sps.length - 1].id}`);

    backupFile = path.join(tmp, 'full.sotbackup.gz');
    const summary = await backupDatabase(db, backupFile, { filesDir, pageSize: 7 });
    expect(summary.counts.service_points).toBe(22);
    expect(summary.files).toBe(3);
    expect(summary.fileBytes).toBe(bigFile.length + Buffer.byteLength('Reservkraft 20 kVA\n'));
  });

  afterAll(async () => {
    await source?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('restores into a fresh database with identical contents, files and working sequences', async () => {
    const target = await createTestDatabase();
    try {
      const restoredFiles = path.join(tmp, 'restored-files');
      const phases = new Set<string>();
      const summary = await restoreDatabase(target, backupFile, {
        filesDir: restoredFiles,
        batchBytes: 2000,
        onProgress: (p) => phases.add(p.phase),
      });
      expect([...phases].sort()).toEqual(['files', 'rows', 'verify']);
      expect(summary.counts.users).toBe(7);
      expect(await dump(target)).toEqual(await dump(source));
      const [doc] = await target.db.select().from(sotDocuments);
      expect(Buffer.from(doc.bytes).equals(docBytes)).toBe(true);

      expect(fs.readFileSync(path.join(restoredFiles, 'docs', '7', 'avtal.pdf')).equals(bigFile)).toBe(true);
      expect(fs.readFileSync(path.join(restoredFiles, 'empty.txt')).length).toBe(0);
      expect(fs.readFileSync(path.join(restoredFiles, 'noter åäö.txt'), 'utf8')).toBe('Reservkraft 20 kVA\n');

      const maxUser = Math.max(...(await target.db.select().from(users)).map((u) => u.id));
      const added = await addUser(target.db, SYSTEM_ACTOR, {
        username: 'after-restore',
        password: TEST_PASSWORD,
        role: 'admin',
      });
      expect(added.id).toBe(maxUser + 1);
      const maxSp = Math.max(...(await source.db.select().from(servicePoints)).map((s) => s.id));
      const [sp] = await target.db
        .insert(servicePoints)
        .values({ kind: 'atm', name: 'Ny', lat: 63.2, lon: 13.2 })
        .returning();
      // The deleted last row's id is not reused either way; the new id must exceed every restored id.
      expect(sp.id).toBeGreaterThan(maxSp);
    } finally {
      await target.close();
    }
  });

  it('rejects a truncated backup before writing anything', async () => {
    const truncated = path.join(tmp, 'truncated.gz');
    const bytes = fs.readFileSync(backupFile);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const target = await createTestDatabase();
    try {
      const err = await expectAppError(
        restoreDatabase(target, truncated, { filesDir: path.join(tmp, 'trunc-files') }),
        ErrorIds.backupInvalid,
      );
      expect(err.details[0].line).toBeGreaterThan(1);
      expect(await isDatabaseEmpty(target.db)).toBe(true);
      expect(fs.existsSync(path.join(tmp, 'trunc-files'))).toBe(false);
    } finally {
      await target.close();
    }
  });

  it('rejects a backup whose lines were cut or edited (checksum, missing end marker)', async () => {
    const text = gunzipSync(fs.readFileSync(backupFile)).toString('utf8');
    const lines = text.trimEnd().split('\n');

    const edited = path.join(tmp, 'edited.gz');
    fs.writeFileSync(edited, gzipSync(text.replace('"Åre"', '"Åte"')));
    const e1 = await expectAppError(verifyBackup(edited), ErrorIds.backupInvalid);
    expect(e1.message).toMatch(/checksum/);
    expect(e1.details[0].line).toBe(lines.length);

    const cut = path.join(tmp, 'cut.gz');
    fs.writeFileSync(cut, gzipSync(`${lines.slice(0, 40).join('\n')}\n`));
    const e2 = await expectAppError(verifyBackup(cut), ErrorIds.backupInvalid);
    expect(e2.message).toMatch(/truncated/);
    expect(e2.details[0].line).toBe(41);

    const notBackup = path.join(tmp, 'other.gz');
    fs.writeFileSync(notBackup, gzipSync('{"hello":1}\n'));
    await expectAppError(verifyBackup(notBackup), ErrorIds.backupInvalid);

    const escaping = path.join(tmp, 'escape.gz');
    const bad = [...lines];
    bad.splice(lines.length - 1, 0, JSON.stringify({ f: '../../etc/x', o: 0, d: '' }));
    fs.writeFileSync(escaping, gzipSync(`${bad.join('\n')}\n`));
    const e3 = await expectAppError(verifyBackup(escaping), ErrorIds.backupInvalid);
    expect(e3.message).toMatch(/unsafe file path/);
  });

  it('refuses to restore into a database that already has data, leaving it unchanged', async () => {
    const before = await dump(source);
    await expectAppError(
      restoreDatabase(source, backupFile, { filesDir: path.join(tmp, 'other-files') }),
      ErrorIds.restoreNotEmpty,
    );
    expect(await dump(source)).toEqual(before);
  });

  it.runIf(process.env.SOT_TEST_DB === 'postgres')(
    'moves a data set from PostgreSQL to embedded PGlite and back',
    async () => {
      const embedded = await openDatabase({ dataDir: 'memory://' });
      const server = await createTestDatabase();
      try {
        await restoreDatabase(embedded, backupFile, { filesDir: path.join(tmp, 'pglite-files') });
        expect(embedded.kind).toBe('pglite');
        expect(await dump(embedded)).toEqual(await dump(source));
        const again = path.join(tmp, 'from-pglite.gz');
        await backupDatabase(embedded.db, again, { filesDir: path.join(tmp, 'pglite-files') });
        await restoreDatabase(server, again, { filesDir: path.join(tmp, 'pg-files') });
        expect(server.kind).toBe('postgres');
        expect(await dump(server)).toEqual(await dump(source));
      } finally {
        await embedded.close();
        await server.close();
      }
    },
  );

  it('backs up an empty database and restores it', async () => {
    const empty = await createTestDatabase();
    const target = await createTestDatabase();
    try {
      const file = path.join(tmp, 'empty.gz');
      const summary = await backupDatabase(empty.db, file, { filesDir: path.join(tmp, 'does-not-exist') });
      expect(Object.values(summary.counts).every((n) => n === 0)).toBe(true);
      await restoreDatabase(target, file, {});
      expect(await isDatabaseEmpty(target.db)).toBe(true);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await empty.close();
      await target.close();
    }
  });
});
