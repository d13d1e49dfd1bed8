/**
 * `sot restore` of a backup that passes its checksum but holds a row the database refuses: the
 * error names the row and never the query parameters, and the target is left as it was.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../backup/backup.js';
import { isDatabaseEmpty } from '../../backup/restore.js';
import { loadConfig } from '../../config.js';
import { writeTestOsm } from '../../graph/test-osm.js';
import { prepareDatabase } from '../../setup/prepare.js';
import { createTestDatabase } from '../../test/db.js';
import { seedTerritory } from '../../test/fixtures.js';
import { main } from '../main.js';

let tmp: string;
let broken: string;

async function sot(args: string[], dataDir: string) {
  const chunks: Buffer[] = [];
  const stderr = new PassThrough();
  stderr.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  const code = await main(args, {
    stdout: new PassThrough(),
    stderr,
    stdin: Readable.from([]),
    env: { SOT_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    cwd: tmp,
  });
  return { code, stderr: Buffer.concat(chunks).toString('utf8') };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-cli-restore-'));
  const source = await createTestDatabase();
  const good = path.join(tmp, 'good.gz');
  try {
    await seedTerritory(source);
    await backupDatabase(source.db, good, {});
  } finally {
    await source.close();
  }
  // A municipality with a bad number, re-signed so only the database can notice.
  const lines = gunzipSync(fs.readFileSync(good)).toString('utf8').trimEnd().split('\n');
  const body = lines
    .slice(0, -1)
    .map((l) =>
      l.startsWith('{"t":"municipalities"') ? l.replace(/"min_lon":[-\d.]+/, '"min_lon":"west"') : l,
    );
  const trailer = JSON.parse(lines[lines.length - 1]);
  trailer.sha256 = createHash('sha256')
    .update(body.map((l) => `${l}\n`).join(''))
    .digest('hex');
  broken = path.join(tmp, 'broken.gz');
  fs.writeFileSync(broken, gzipSync(`${[...body, JSON.stringify(trailer)].join('\n')}\n`));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('sot backup and restore with a road graph', () => {
  it('restores the graph files with the tables', async () => {
    const from = path.join(tmp, 'with-graph');
    const osm = writeTestOsm(
      [
        { id: 1, x: 0, y: 0 },
        { id: 2, x: 10, y: 0 },
      ],
      [{ id: 10, refs: [1, 2], tags: { highway: 'residential' } }],
    );
    expect((await sot(['graph', 'build', osm, '--name', 'region'], from)).code).toBe(0);
    const file = path.join(tmp, 'with-graph.sotbackup');
    const made = await sot(['backup', file], from);
    expect(made.stderr).toMatch(/road graphs: 1/);
    const to = path.join(tmp, 'restored-graph');
    const restored = await sot(['restore', file], to);
    expect(restored.code).toBe(0);
    expect(restored.stderr).toMatch(/road graphs: 1/);
    const graph = (dir: string) => fs.readFileSync(path.join(dir, 'graphs', 'region.sotgraph'));
    expect(graph(to).equals(graph(from))).toBe(true);
  });
});

describe('sot restore of a damaged backup', () => {
  it('names the row, prints no parameters, and removes the data directory it created', async () => {
    const dataDir = path.join(tmp, 'fresh');
    const r = await sot(['restore', broken], dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /error: Backup could not be restored: line \d+ \(municipalities row code "\d{4}"\): invalid input syntax for type double precision: "west"/,
    );
    expect(r.stderr).not.toMatch(/params|Failed query|insert into/);
    expect(r.stderr).toContain(`removed the database created for this restore (${dataDir})`);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('leaves an existing empty database empty', async () => {
    const dataDir = path.join(tmp, 'existing');
    expect((await sot(['db', 'migrate'], dataDir)).code).toBe(0);
    const r = await sot(['restore', broken], dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('removed the database');
    const database = await prepareDatabase(loadConfig({ SOT_DATA_DIR: dataDir }), { purpose: 'a test' });
    try {
      expect(await isDatabaseEmpty(database.db)).toBe(true);
    } finally {
      await database.close();
    }
  });
});
