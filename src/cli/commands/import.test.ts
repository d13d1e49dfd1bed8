/**
 * `sot import …` report handling: a report path that cannot be written is refused before
 * anything is imported (the import used to commit and then fail with EISDIR).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { importBatches, populationCells, servicePoints } from '../../db/schema.js';
import { prepareDatabase } from '../../setup/prepare.js';
import { inside } from '../../test/fixtures.js';
import { main } from '../main.js';
import { checkReportWritable } from './import.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-cli-import-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('checkReportWritable', () => {
  it('accepts a new file in a new folder, and an existing file', () => {
    const p = path.join(dir, 'new', 'deeper', 'r.json');
    expect(() => checkReportWritable(p)).not.toThrow();
    fs.writeFileSync(p, '{}');
    expect(() => checkReportWritable(p)).not.toThrow();
  });

  it('refuses a directory and a folder that cannot be created, naming the path', () => {
    const d = path.join(dir, 'is-a-dir.json');
    fs.mkdirSync(d);
    expect(() => checkReportWritable(d)).toThrow(
      /Cannot write the report to .*is-a-dir\.json: it is a directory/,
    );
    const blocker = path.join(dir, 'plain-file');
    fs.writeFileSync(blocker, 'x');
    expect(() => checkReportWritable(path.join(blocker, 'r.json'))).toThrow(
      /folder .*plain-file cannot be created/,
    );
  });
});

/** Runs `sot …` in this process; its exit code and what it wrote to stderr. */
async function runCli(args: string[], env: Record<string, string>) {
  const err = new PassThrough();
  const chunks: Buffer[] = [];
  err.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  const code = await main(args, {
    stdout: new PassThrough(),
    stderr: err,
    stdin: Readable.from([]),
    env,
    cwd: dir,
  });
  return { code, stderr: Buffer.concat(chunks).toString('utf8') };
}

describe('sot import with an unwritable --report', () => {
  it('exits 1 naming the path and imports nothing', async () => {
    const env = { SOT_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent', SOT_NO_DEMO: '1' };
    const a = inside('2321');
    const csv = path.join(dir, 'ok.csv');
    fs.writeFileSync(csv, `kind,name,lat,lon,id\ngrocery,Butik,${a.lat},${a.lon},1\n`);
    const reportDir = path.join(dir, 'report-dir.json');
    fs.mkdirSync(reportDir);
    const { code, stderr } = await runCli(
      ['import', 'service-points', csv, '--source', 't', '--report', reportDir],
      env,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/report-dir\.json: it is a directory\. Nothing was imported/);
    const database = await prepareDatabase(loadConfig(env), { purpose: 'a test' });
    try {
      const [{ n }] = await database.db.select({ n: count() }).from(servicePoints);
      const [{ b }] = await database.db.select({ b: count() }).from(importBatches);
      expect([n, b]).toEqual([0, 0]);
    } finally {
      await database.close();
    }
  });

  it('refuses the same way for a population grid', async () => {
    const env = { SOT_DATA_DIR: path.join(dir, 'data-pop'), LOG_LEVEL: 'silent', SOT_NO_DEMO: '1' };
    const csv = path.join(dir, 'grid.csv');
    fs.writeFileSync(csv, 'Ruta,Beftot\n1km_412000_7014000,12\n');
    const reportDir = path.join(dir, 'pop-report-dir.json');
    fs.mkdirSync(reportDir);
    const { code, stderr } = await runCli(['import', 'population', csv, '--report', reportDir], env);
    expect(code).toBe(1);
    expect(stderr).toMatch(/pop-report-dir\.json: it is a directory\. Nothing was imported/);
    const database = await prepareDatabase(loadConfig(env), { purpose: 'a test' });
    try {
      const [{ n }] = await database.db.select({ n: count() }).from(populationCells);
      expect(n).toBe(0);
    } finally {
      await database.close();
    }
  });
});
