import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForAccessJobs } from '../access/jobs.js';
import { createAccessTestDb } from '../access/test-db.js';
import { seedTestRegistry, seedTestSot, testDataDir } from '../access/test-network.js';
import { loadConfig } from '../config.js';
import type { RegistryTestDb } from '../test/registry-fixtures.js';
import { accessConfig, analyzeAccess } from './access.js';
import type { Command, CommandContext, OptionValues } from './command.js';
import { importPopulation } from './population.js';

let t: RegistryTestDb;
let dataDir: string;
let ids: Record<string, number>;

/** Runs a command with fake streams on the test database; returns its exit code and output. */
async function run(cmd: Command, values: OptionValues = {}, positionals: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: { SOT_DATA_DIR: dataDir },
    cwd: dataDir,
  };
  const ctx: CommandContext = {
    io,
    values,
    positionals,
    debug: false,
    config: () => loadConfig(io.env),
    database: async () => t.database,
    out: (line = '') => out.push(line),
    err: (line = '') => err.push(line),
  };
  const code = await cmd.run(ctx);
  return { code, out, err };
}

beforeAll(async () => {
  t = await createAccessTestDb();
  // With the road west into 2321, where the SOT-punkter test puts a point of its own.
  ({ dataDir } = await testDataDir({ west: true }));
  ids = await seedTestRegistry(t.db);
});
afterAll(async () => {
  await waitForAccessJobs();
  await t?.close();
});

describe('sot analyze access', () => {
  it('computes a run and prints the Tillväxtanalys-style table; a second call reuses it', async () => {
    const first = await run(analyzeAccess, { kind: 'grocery,fuel' });
    expect(first.code).toBe(0);
    expect(first.err.join('\n')).toMatch(
      /Computed run \d+ on graph test .* 7 population points, 1 beyond 5000 m/,
    );
    const text = first.out.join('\n');
    expect(text).toMatch(/^grocery \(Dagligvarubutik\): share of the resident population/m);
    expect(text).toMatch(/^fuel \(Drivmedel\)/m);
    expect(
      first.out.some((l) =>
        /^territory\s+population\s+<5 %\s+5–10 %\s+10–30 %\s+>30 %\s+median min\s+p90 min/.test(l),
      ),
    ).toBe(true);
    const row2380 = first.out.find((l) => l.startsWith('2380 Östertest'))!;
    expect(row2380).toMatch(/1\s400/);
    const row2321 = first.out.find((l) => l.startsWith('2321 Åretest'))!;
    // Its only resident point is beyond every road: 100 % over 30 minutes, no median.
    expect(row2321.split(/\s{2,}/).slice(2, 8)).toEqual(['0.0', '0.0', '0.0', '100.0', '–', '–']);
    expect(first.out.some((l) => l.startsWith('county 23 Testlän A'))).toBe(true);

    const second = await run(analyzeAccess, { kind: 'grocery', municipality: '2380' });
    expect(second.err.join('\n')).toMatch(/^Using run \d+/);
    expect(second.out.filter((l) => /^(2321|2380|county)/.test(l))).toEqual([
      expect.stringMatching(/^2380 Östertest/),
      expect.stringMatching(/^county 23/),
    ]);
  });

  it('writes summaries as CSV and points as GeoJSON', async () => {
    const csv = await run(analyzeAccess, { kind: 'grocery', format: 'csv' });
    expect(csv.out[0]).toMatch(/^group,level,code,name,weighting,population,points,within_5,/);
    const resident2380 = csv.out.find((l) => l.startsWith('grocery,municipality,2380,Östertest,resident,'))!;
    expect(resident2380.split(',')[5]).toBe('1400');
    const seasonal2380 = csv.out.find((l) => l.startsWith('grocery,municipality,2380,Östertest,seasonal,'))!;
    expect(seasonal2380.split(',')[5]).toBe('1900');

    const out = await run(analyzeAccess, { kind: 'grocery,fuel', format: 'geojson', out: 'points.geojson' });
    expect(out.code).toBe(0);
    const fc = JSON.parse(fs.readFileSync(path.join(dataDir, 'points.geojson'), 'utf8'));
    expect(fc.features).toHaveLength(7);
    const p7 = fc.features.find(
      (f: { properties: { ref: string } }) => f.properties.ref === `place:${ids.P7}`,
    );
    expect(p7.properties).toMatchObject({
      grocery_status: 'ok',
      grocery_nearest_id: ids.G2,
      grocery_bridge_dependent: true,
      fuel_nearest_id: ids.F1,
      fuel_min: 0,
    });
  });

  it('writes the summary as an XLSX workbook, weighted as asked', async () => {
    const out = await run(analyzeAccess, {
      kind: 'grocery',
      format: 'xlsx',
      weight: 'seasonal',
      out: 'sum.xlsx',
    });
    expect(out.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dataDir, 'sum.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Dagligvaror']);
    const cells: unknown[] = [];
    workbook.worksheets[0].eachRow((row) => {
      cells.push(...(row.values as unknown[]));
    });
    expect(cells.some((v) => typeof v === 'string' && v.includes('Säsongsbefolkning'))).toBe(true);
    // Östertest (2380): 1,400 residents but 1,900 in the season.
    expect(cells).toContain(1900);
    expect(cells).not.toContain(1400);
  });

  it('rejects bad options as usage errors and unknown groups as validation errors', async () => {
    await expect(run(analyzeAccess, { format: 'pdf' })).rejects.toThrow(/--format must be/);
    await expect(run(analyzeAccess, { format: 'xlsx' })).rejects.toThrow(/--format xlsx needs --out/);
    await expect(run(analyzeAccess, { municipality: '23' })).rejects.toThrow(/4-digit/);
    await expect(run(analyzeAccess, { kind: 'groceries' })).rejects.toMatchObject({
      id: 'validation_failed',
    });
  });
});

describe('sot access config', () => {
  it('shows and changes groups and the pinned graph', async () => {
    const shown = await run(accessConfig);
    expect(shown.out.join('\n')).toMatch(/cash\s+atm, cash_service/);
    expect(shown.out).toContain('Graph: test (the newest; pin one with --graph)');
    const set = await run(accessConfig, { 'set-group': 'food=grocery,convenience', graph: 'test' });
    expect(set.out.join('\n')).toMatch(/food\s+grocery, convenience/);
    expect(set.out).toContain('Graph: test (pinned)');
    await expect(run(accessConfig, { 'set-group': 'bad=spaceship' })).rejects.toMatchObject({
      id: 'validation_failed',
    });
    await expect(run(accessConfig, { graph: 'missing' })).rejects.toMatchObject({ status: 404 });
    const reset = await run(accessConfig, { 'reset-groups': true, 'unpin-graph': true });
    expect(reset.out.join('\n')).not.toMatch(/food/);
  });
});

describe('sot analyze access --kind sot', () => {
  it('analyses the SOT-punkter in the configured statuses and reports those without a store', async () => {
    const sot = await seedTestSot(t.db, ids);
    const table = await run(analyzeAccess, { kind: 'sot' });
    expect(table.code).toBe(0);
    expect(table.err.join('\n')).toContain(
      `sot: 1 SOT-punkt(er) skipped, their store was deleted (ids ${sot.SX})`,
    );
    expect(table.out.join('\n')).toMatch(/^sot \(SOT-punkt: i drift\): share of the resident population/m);
    const nearestOfW = async (file: string) => {
      expect((await run(analyzeAccess, { kind: 'sot', format: 'geojson', out: file })).code).toBe(0);
      const fc = JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8'));
      const w = fc.features.find(
        (f: { properties: { ref: string } }) => f.properties.ref === `place:${sot.W}`,
      );
      return w.properties.sot_nearest_id;
    };
    // In operation only: S1, across the border in 2380. Granted points too: SW, in Västby itself.
    expect(await nearestOfW('sot1.geojson')).toBe(sot.S1);
    const config = await run(accessConfig, { 'sot-statuses': 'i_drift,beviljad' });
    expect(config.out).toContain('SOT-punkter (group sot): status i_drift, beviljad');
    expect(await nearestOfW('sot2.geojson')).toBe(sot.SW);

    await expect(run(accessConfig, { 'set-group': 'sot=grocery' })).rejects.toMatchObject({
      id: 'validation_failed',
      details: [{ field: 'groups.sot' }],
    });
    await expect(run(accessConfig, { 'sot-statuses': 'i_drift,open' })).rejects.toMatchObject({
      id: 'validation_failed',
      details: [{ field: 'sotStatuses.1' }],
    });
    const none = await run(accessConfig, { 'sot-statuses': 'none' });
    expect(none.out.join('\n')).toMatch(/SOT-punkter: not analysed/);
    await expect(run(analyzeAccess, { kind: 'sot' })).rejects.toMatchObject({ id: 'validation_failed' });
    await run(accessConfig, { 'sot-statuses': 'i_drift' });
  });
});

describe('sot import population', () => {
  it('imports a CSV grid and writes a report; a bad file exits 1 with line numbers', async () => {
    fs.writeFileSync(path.join(dataDir, 'grid.csv'), 'Ruta;Pop\n4620007013000;12\n');
    const ok = await run(importPopulation, {}, ['grid.csv']);
    expect(ok.code).toBe(0);
    expect(ok.err.join('\n')).toMatch(/created\s+1/);
    fs.writeFileSync(path.join(dataDir, 'bad.csv'), 'Ruta;Pop\n4620007013000;x\n');
    const bad = await run(importPopulation, { report: 'bad-report.csv' }, ['bad.csv']);
    expect(bad.code).toBe(1);
    expect(bad.err.join('\n')).toMatch(/line 2, field population/);
    expect(fs.readFileSync(path.join(dataDir, 'bad-report.csv'), 'utf8')).toMatch(/error,2,,population/);
    await expect(run(importPopulation, { 'cell-size': '500' }, ['grid.csv'])).rejects.toThrow(/1000 or 250/);
  });
});
