import { createHash, randomBytes } from 'node:crypto';
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
  let graphsDir: string;
  const bigFile = randomBytes(1024 * 1024 + 12345);
  const graphBytes = randomBytes(1024 * 1024 + 777);
  const docBytes = Buffer.concat([Buffer.from([0, 255, 92, 120, 0]), randomBytes(5000)]);

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-backup-'));
    filesDir = path.join(tmp, 'src-files');
    graphsDir = path.join(tmp, 'src-graphs');
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

    // Road graphs: a .sotgraph spanning two chunks, plus a half-written temporary file left out.
    fs.mkdirSync(graphsDir);
    fs.writeFileSync(path.join(graphsDir, 'region.sotgraph'), graphBytes);
    fs.writeFileSync(path.join(graphsDir, 'region.sotgraph.123.tmp'), 'partial');

    backupFile = path.join(tmp, 'full.sotbackup.gz');
    const summary = await backupDatabase(db, backupFile, { filesDir, graphsDir, pageSize: 7 });
    expect(summary.counts.service_points).toBe(22);
    expect(summary).toMatchObject({ files: 4, graphs: 1 });
    expect(summary.fileBytes).toBe(
      bigFile.length + Buffer.byteLength('Reservkraft 20 kVA\n') + graphBytes.length,
    );
  });

  afterAll(async () => {
    await source?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('restores into a fresh database with identical contents, files and working sequences', async () => {
    const target = await createTestDatabase();
    try {
      const restoredFiles = path.join(tmp, 'restored-files');
      const restoredGraphs = path.join(tmp, 'restored-graphs');
      const phases = new Set<string>();
      const summary = await restoreDatabase(target, backupFile, {
        filesDir: restoredFiles,
        graphsDir: restoredGraphs,
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
      expect(summary).toMatchObject({ files: 3, graphs: 1 });
      expect(fs.readdirSync(restoredGraphs)).toEqual(['region.sotgraph']);
      expect(fs.readFileSync(path.join(restoredGraphs, 'region.sotgraph')).equals(graphBytes)).toBe(true);
      expect(fs.readdirSync(restoredFiles)).not.toContain('region.sotgraph');

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
      restoreDatabase(source, backupFile, {
        filesDir: path.join(tmp, 'other-files'),
        graphsDir: path.join(tmp, 'other-graphs'),
      }),
      ErrorIds.restoreNotEmpty,
    );
    expect(await dump(source)).toEqual(before);
  });

  /** The backup with `edit` applied to its lines, re-signed so it passes the checksum. */
  function damaged(name: string, edit: (lines: string[]) => string[]): string {
    const lines = gunzipSync(fs.readFileSync(backupFile)).toString('utf8').trimEnd().split('\n');
    const body = edit(lines.slice(0, -1));
    const trailer = JSON.parse(lines[lines.length - 1]);
    trailer.counts = Object.fromEntries(Object.keys(trailer.counts).map((t) => [t, 0]));
    for (const l of body.slice(1)) if (l.startsWith('{"t"')) trailer.counts[JSON.parse(l).t]++;
    trailer.sha256 = createHash('sha256')
      .update(body.map((l) => `${l}\n`).join(''))
      .digest('hex');
    const file = path.join(tmp, name);
    fs.writeFileSync(file, gzipSync(`${[...body, JSON.stringify(trailer)].join('\n')}\n`));
    return file;
  }

  /** Index of the first row line of `table` (0-based, so the file line is index + 1). */
  const firstRow = (lines: string[], table: string) =>
    lines.findIndex((l) => l.startsWith(`{"t":"${table}"`));

  it('names the table, line and row of a value the database refuses; nothing is restored', async () => {
    const hashes = (await source.db.select().from(users)).map((u) => u.passwordHash).filter(Boolean);
    expect(hashes.length).toBeGreaterThan(0);
    let badLine = 0;
    let badId: unknown = null;
    const file = damaged('bad-value.gz', (lines) => {
      // The second user: its batch also holds the other users' password hashes.
      const i = firstRow(lines, 'users') + 1;
      const row = JSON.parse(lines[i]);
      badId = row.r.id;
      row.r.created_at = 'not a time';
      badLine = i + 1;
      return lines.map((l, k) => (k === i ? JSON.stringify(row) : l));
    });
    const target = await createTestDatabase();
    try {
      const filesOut = path.join(tmp, 'bad-value-files');
      const err = await expectAppError(
        restoreDatabase(target, file, { filesDir: filesOut, graphsDir: `${filesOut}-graphs` }),
        ErrorIds.backupInvalid,
      );
      expect(err.details).toEqual([
        {
          line: badLine,
          element: `users row id ${badId}`,
          reason: expect.stringMatching(/invalid input syntax for type timestamp/),
        },
      ]);
      expect(err.message).toMatch(
        new RegExp(`^Backup could not be restored: line ${badLine} \\(users row id ${badId}\\)`),
      );
      const shown = JSON.stringify({
        message: err.message,
        details: err.details,
        cause: String(err.cause ?? ''),
      });
      expect(shown).not.toMatch(/params|Failed query/);
      for (const h of hashes) expect(shown).not.toContain(h as string);
      expect(await isDatabaseEmpty(target.db)).toBe(true);
      expect(fs.existsSync(filesOut)).toBe(false);
      expect(fs.existsSync(`${filesOut}-graphs`)).toBe(false);
    } finally {
      await target.close();
    }
  });

  it('names the duplicate of a primary key and a reference to a missing row', async () => {
    let dupLine = 0;
    const dup = damaged('dup.gz', (lines) => {
      const i = firstRow(lines, 'service_points');
      dupLine = i + 2;
      return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)];
    });
    let fkLine = 0;
    const fk = damaged('fk.gz', (lines) => {
      const i = lines.findLastIndex((l) => l.startsWith('{"t":"service_point_assignments"'));
      const row = JSON.parse(lines[i]);
      row.r.service_point_id = 999_999;
      fkLine = i + 1;
      return lines.map((l, k) => (k === i ? JSON.stringify(row) : l));
    });
    for (const [file, line, reason] of [
      [
        dup,
        dupLine,
        /^duplicate key value violates unique constraint "service_points_pkey" \(Key \(id\)=\(\d+\) already exists\.\)$/,
      ],
      [fk, fkLine, /violates foreign key constraint .*999999/],
    ] as const) {
      const target = await createTestDatabase();
      try {
        const err = await expectAppError(
          restoreDatabase(target, file, {
            filesDir: path.join(tmp, `f-${line}`),
            graphsDir: path.join(tmp, `g-${line}`),
          }),
          ErrorIds.backupInvalid,
        );
        expect(err.details[0]).toMatchObject({ line, reason: expect.stringMatching(reason) });
        expect(await isDatabaseEmpty(target.db)).toBe(true);
      } finally {
        await target.close();
      }
    }
  });

  it('refuses a graph chunk whose name could leave the graphs folder', async () => {
    for (const f of ['../evil.sotgraph', 'sub/x.sotgraph', 'notes.txt']) {
      const file = damaged('bad-graph.gz', (lines) => [
        ...lines,
        JSON.stringify({ f, o: 0, d: '', root: 'graphs' }),
      ]);
      // The trailer's file count is off by one too; the path is checked first, on its own line.
      const err = await expectAppError(verifyBackup(file), ErrorIds.backupInvalid);
      expect(err.message).toContain(`unsafe file path ${JSON.stringify(f)}`);
    }
  });

  it('still restores a version 1 backup (no graphs) and needs no graphs directory for it', async () => {
    const v1 = damaged('v1.gz', (lines) => {
      const header = JSON.parse(lines[0]);
      header.formatVersion = 1;
      return [JSON.stringify(header), ...lines.slice(1).filter((l) => !l.includes('"root":"graphs"'))];
    });
    const text = gunzipSync(fs.readFileSync(v1)).toString('utf8').trimEnd().split('\n');
    const trailer = JSON.parse(text[text.length - 1]);
    trailer.files = 3;
    trailer.sha256 = createHash('sha256')
      .update(
        text
          .slice(0, -1)
          .map((l) => `${l}\n`)
          .join(''),
      )
      .digest('hex');
    fs.writeFileSync(v1, gzipSync(`${[...text.slice(0, -1), JSON.stringify(trailer)].join('\n')}\n`));
    const target = await createTestDatabase();
    try {
      const summary = await restoreDatabase(target, v1, { filesDir: path.join(tmp, 'v1-files') });
      expect(summary).toMatchObject({ files: 3, graphs: 0 });
      expect(await dump(target)).toEqual(await dump(source));
    } finally {
      await target.close();
    }
  });

  it('refuses a row with a column the header does not list, before writing anything', async () => {
    let line = 0;
    const file = damaged('unknown-col.gz', (lines) => {
      const i = firstRow(lines, 'places');
      const row = JSON.parse(lines[i]);
      row.r.future_column = 1;
      line = i + 1;
      return lines.map((l, k) => (k === i ? JSON.stringify(row) : l));
    });
    const err = await expectAppError(verifyBackup(file), ErrorIds.backupInvalid);
    expect(err.details).toEqual([
      { line, reason: expect.stringMatching(/^table places: column future_column is not one/) },
    ]);
  });

  it.runIf(process.env.SOT_TEST_DB === 'postgres')(
    'moves a data set from PostgreSQL to embedded PGlite and back',
    async () => {
      const embedded = await openDatabase({ dataDir: 'memory://' });
      const server = await createTestDatabase();
      try {
        await restoreDatabase(embedded, backupFile, {
          filesDir: path.join(tmp, 'pglite-files'),
          graphsDir: path.join(tmp, 'pglite-graphs'),
        });
        expect(embedded.kind).toBe('pglite');
        expect(await dump(embedded)).toEqual(await dump(source));
        const again = path.join(tmp, 'from-pglite.gz');
        await backupDatabase(embedded.db, again, {
          filesDir: path.join(tmp, 'pglite-files'),
          graphsDir: path.join(tmp, 'pglite-graphs'),
        });
        await restoreDatabase(server, again, {
          filesDir: path.join(tmp, 'pg-files'),
          graphsDir: path.join(tmp, 'pg-graphs'),
        });
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
