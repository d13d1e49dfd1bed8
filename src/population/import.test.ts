import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, importBatches, populationCells } from '../db/schema.js';
import { reportOf } from '../import/report.js';
import { createRegistryTestDb, type RegistryTestDb } from '../test/registry-fixtures.js';
import { wkbPoint, wkbPolygon } from './gpkg-geometry.js';
import { importPopulationGrid } from './import.js';
import { MAX_CELL_POPULATION, parsePopulation } from './records.js';
import { writeTestGpkg } from './test-gpkg.js';

/**
 * An independent definition of EPSG:3006 (the transverse Mercator form, not the UTM shorthand
 * SOT uses), so the test checks the conversion rather than repeating it.
 */
const EPSG3006 = '+proj=tmerc +lat_0=0 +lon_0=15 +k=0.9996 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const toWgs = (e: number, n: number) => {
  const [lon, lat] = proj4(EPSG3006, 'WGS84', [e, n]);
  return { lat, lon };
};

// SW corners of 1 km cells inside the test municipalities (lat 63–63.5; 2321 lon 13–13.5,
// 2380 lon 14–14.5, 2480 lon 20–20.5): see src/test/fixtures.ts.
const IN_2321 = { e: 412000, n: 7014000 };
const IN_2380 = { e: 462000, n: 7013000 };
const IN_2480 = { e: 763000, n: 7024000 };

function csv(text: string, name = 'grid.csv'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-pop-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const id13 = (c: { e: number; n: number }) => `${c.e}${c.n}`;

let t: RegistryTestDb;
beforeAll(async () => {
  t = await createRegistryTestDb();
});
afterAll(async () => {
  await t?.close();
});

async function cells() {
  return t.db.select().from(populationCells).orderBy(asc(populationCells.gridId));
}

describe('importPopulationGrid: CSV', () => {
  it('imports SCB Ruta ids as SW corners, stores the centre in WGS 84 and the municipality', async () => {
    const file = csv(
      `Ruta;Pop\n${id13(IN_2321)};120\n${id13(IN_2380)};"1 045"\n${id13({ e: IN_2321.e + 1000, n: IN_2321.n })};7\n`,
    );
    const report = await importPopulationGrid(t.db, t.actors.admin, { filePath: file });
    expect(report.ok).toBe(true);
    expect(report.format).toBe('csv');
    expect(report.counts).toMatchObject({ read: 3, created: 3, updated: 0, unchanged: 0, errors: 0 });
    expect(report.byKind).toEqual({ '1km': 3 });
    expect(report.issues.some((i) => /inferred/.test(i.reason))).toBe(true);

    const [row] = await t.db
      .select()
      .from(populationCells)
      .where(eq(populationCells.gridId, '1km_412000_7014000'));
    const expected = toWgs(IN_2321.e + 500, IN_2321.n + 500);
    expect(row.population).toBe(120);
    expect(row.cellSizeM).toBe(1000);
    expect(row.lat).toBeCloseTo(expected.lat, 7);
    expect(row.lon).toBeCloseTo(expected.lon, 7);
    expect(row.municipalityCode).toBe('2321');
    expect(row.importBatchId).toBe(report.batchId);
    const [other] = await t.db
      .select()
      .from(populationCells)
      .where(eq(populationCells.gridId, '1km_462000_7013000'));
    expect(other.population).toBe(1045);
    expect(other.municipalityCode).toBe('2380');

    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'import_batch'), eq(auditLog.entityId, String(report.batchId))));
    expect(audits.map((a) => a.action)).toEqual(['import']);
    const [batch] = await t.db.select().from(importBatches).where(eq(importBatches.id, report.batchId!));
    expect(batch.target).toBe('population');
  });

  it('is idempotent: the same file again changes nothing; a changed count updates one cell', async () => {
    const text = `Ruta;Pop\n${id13(IN_2321)};120\n${id13(IN_2380)};1045\n${id13({ e: IN_2321.e + 1000, n: IN_2321.n })};7\n`;
    const again = await importPopulationGrid(t.db, t.actors.admin, { filePath: csv(text) });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const changed = await importPopulationGrid(t.db, t.actors.admin, {
      filePath: csv(text.replace(';7\n', ';9\n')),
    });
    expect(changed.counts).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const rows = await cells();
    expect(rows.find((r) => r.gridId === '1km_413000_7014000')?.population).toBe(9);
    // Unchanged cells keep the batch that last changed them.
    expect(rows.find((r) => r.gridId === '1km_412000_7014000')?.importBatchId).not.toBe(changed.batchId);
  });

  it('reads x/y centres of 250 m cells (x = northing accepted) and a dry run writes nothing', async () => {
    const c = { e: IN_2380.e + 250, n: IN_2380.n + 500 };
    const file = csv(`x,y,Totalt\n${c.n + 125},${c.e + 125},40\n${c.n + 375},${c.e + 125},3\n`);
    const before = (await cells()).length;
    const dry = await importPopulationGrid(t.db, t.actors.admin, {
      filePath: file,
      dryRun: true,
      cellSize: 250,
    });
    expect(dry.counts).toMatchObject({ created: 2 });
    expect(dry.batchId).toBeNull();
    expect((await cells()).length).toBe(before);
    const real = await importPopulationGrid(t.db, t.actors.admin, { filePath: file, cellSize: 250 });
    expect(real.byKind).toEqual({ '250m': 2 });
    expect(real.issues.some((i) => /northing in x/.test(i.reason))).toBe(true);
    const [row] = await t.db
      .select()
      .from(populationCells)
      .where(eq(populationCells.gridId, `250m_${c.e}_${c.n}`));
    const expected = toWgs(c.e + 125, c.n + 125);
    expect(row.lat).toBeCloseTo(expected.lat, 7);
    expect(row.lon).toBeCloseTo(expected.lon, 7);
  });

  it('rejects invalid rows with their line numbers and writes nothing', async () => {
    const file = csv(
      `Ruta,Pop\n${id13(IN_2321)},5\nnot-a-cell,3\n${id13(IN_2380)},..\n${id13(IN_2321)},8\n4120107014000,1\n`,
    );
    const before = await cells();
    const err = await importPopulationGrid(t.db, t.actors.admin, { filePath: file, cellSize: 1000 }).catch(
      (e) => e,
    );
    expect(err.id).toBe('import_rows_invalid');
    expect(err.status).toBe(422);
    const lines = err.details.map((d: { line?: number }) => d.line);
    expect(lines).toEqual([3, 4, 5, 6]);
    expect(err.details.find((d: { line?: number }) => d.line === 5).reason).toMatch(
      /appears twice \(first on line 2\)/,
    );
    expect(err.details.find((d: { line?: number }) => d.line === 4).reason).toMatch(/masked/);
    expect(err.details.find((d: { line?: number }) => d.line === 6).reason).toMatch(
      /not on SCB's 1000 m grid/,
    );
    expect(reportOf(err)?.counts.errors).toBe(4);
    expect(await cells()).toEqual(before);
  });

  it('fails clearly without a population column, and when sizes cannot be inferred', async () => {
    const noPop = await importPopulationGrid(t.db, t.actors.admin, {
      filePath: csv('Ruta,Namn\n4120007014000,x\n'),
    }).catch((e) => e);
    expect(noPop.id).toBe('import_format_invalid');
    expect(noPop.message).toMatch(/No population column.*Ruta, Namn/);
    const mixed = await importPopulationGrid(t.db, t.actors.admin, {
      filePath: csv('x,y,pop\n412250,7014000,1\n412125,7014125,1\n'),
    }).catch((e) => e);
    expect(mixed.id).toBe('import_format_invalid');
    expect(mixed.message).toMatch(/cannot tell the cell size/);
  });

  it('lets a municipality user import only cells of its own municipality', async () => {
    const file = csv(`Ruta;Pop\n${id13({ e: IN_2321.e, n: IN_2321.n + 2000 })};4\n${id13(IN_2480)};2\n`);
    const err = await importPopulationGrid(t.db, t.actors.muni2321, { filePath: file }).catch((e) => e);
    expect(err.id).toBe('import_rows_invalid');
    expect(err.details).toEqual([
      expect.objectContaining({ line: 3, reason: expect.stringMatching(/2480, outside/) }),
    ]);
    const ok = await importPopulationGrid(t.db, t.actors.muni2321, { filePath: file, skipInvalid: true });
    expect(ok.counts).toMatchObject({ created: 1, skipped: 1 });
    const viewer = await importPopulationGrid(t.db, t.actors.viewer2321, { filePath: file }).catch((e) => e);
    expect(viewer.status).toBe(403);
  });
});

describe('importPopulationGrid: GeoPackage', () => {
  it('reads polygon cells (SW corner + size from the square) and point centres', async () => {
    const sq = (e: number, n: number, s: number): [number, number][] => [
      [e, n],
      [e + s, n],
      [e + s, n + s],
      [e, n + s],
      [e, n],
    ];
    const a = { e: IN_2321.e, n: IN_2321.n + 5000 };
    const b = { e: IN_2380.e + 3000, n: IN_2380.n };
    const file = await writeTestGpkg([
      {
        name: 'befolkning_1km',
        epsg: 3006,
        columns: { Rutid: 'TEXT', Beftotalt: 'INTEGER' },
        rows: [
          { wkb: wkbPolygon(sq(a.e, a.n, 1000)), values: { Rutid: id13(a), Beftotalt: 310 } },
          { wkb: wkbPoint(b.e + 500, b.n + 500), values: { Rutid: null, Beftotalt: 12 } },
        ],
      },
    ]);
    const report = await importPopulationGrid(t.db, t.actors.admin, { filePath: file });
    expect(report.format).toBe('gpkg');
    expect(report.counts).toMatchObject({ read: 2, created: 2, errors: 0 });
    const rows = await cells();
    const ra = rows.find((r) => r.gridId === `1km_${a.e}_${a.n}`);
    const rb = rows.find((r) => r.gridId === `1km_${b.e}_${b.n}`);
    expect(ra?.population).toBe(310);
    expect(rb?.population).toBe(12);
    const ea = toWgs(a.e + 500, a.n + 500);
    expect(ra?.lat).toBeCloseTo(ea.lat, 7);
    expect(ra?.lon).toBeCloseTo(ea.lon, 7);
    expect(rb?.municipalityCode).toBe('2380');
  });

  it('names the feature of a bad row, and rejects layers in another CRS', async () => {
    const file = await writeTestGpkg([
      {
        name: 'grid',
        epsg: 3006,
        columns: { Pop: 'INTEGER' },
        rows: [
          { wkb: wkbPoint(IN_2321.e + 500, IN_2321.n + 500), values: { Pop: 1 } },
          {
            wkb: wkbPolygon([
              [0, 0],
              [1000, 0],
              [1000, 400],
              [0, 400],
              [0, 0],
            ]),
            values: { Pop: 2 },
          },
        ],
      },
    ]);
    const err = await importPopulationGrid(t.db, t.actors.admin, { filePath: file }).catch((e) => e);
    expect(err.details).toEqual([
      expect.objectContaining({
        line: 2,
        element: 'fid 2',
        field: 'geometry',
        reason: expect.stringMatching(/not a square/),
      }),
    ]);
    const laea = await writeTestGpkg([
      {
        name: 'grid',
        epsg: 3035,
        columns: { Pop: 'INTEGER' },
        rows: [{ wkb: wkbPoint(1, 1), values: { Pop: 1 } }],
      },
    ]);
    const wrong = await importPopulationGrid(t.db, t.actors.admin, { filePath: laea }).catch((e) => e);
    expect(wrong.id).toBe('import_format_invalid');
    expect(wrong.message).toMatch(/EPSG:3035/);
  });
});

describe('importPopulationGrid: implausible counts and cells outside the boundaries', () => {
  it('a count above MAX_CELL_POPULATION (also beyond int4 and 2^53) names line and field, also in a dry run', async () => {
    const file = csv(
      `Ruta;Pop\n${id13(IN_2321)};3000000000\n${id13(IN_2380)};99999999999999999999\n${id13({ e: IN_2321.e + 1000, n: IN_2321.n })};${MAX_CELL_POPULATION + 1}\n`,
    );
    const before = await cells();
    for (const dryRun of [true, false]) {
      const err = await importPopulationGrid(t.db, t.actors.admin, { filePath: file, dryRun }).catch(
        (e) => e,
      );
      expect(err.id).toBe('import_rows_invalid');
      expect(err.details).toEqual(
        [2, 3, 4].map((line) =>
          expect.objectContaining({
            line,
            field: 'population',
            reason: expect.stringMatching(/larger than 1,000,000/),
          }),
        ),
      );
    }
    expect(await cells()).toEqual(before);
    expect(parsePopulation(MAX_CELL_POPULATION)).toBe(MAX_CELL_POPULATION);
    expect(parsePopulation(-1n)).toMatch(/not a whole number ≥ 0/);
    expect(parsePopulation(3_000_000_000n)).toMatch(/larger than/);
  });

  it('a GeoPackage count above the bound names the feature', async () => {
    const file = await writeTestGpkg([
      {
        name: 'grid',
        epsg: 3006,
        columns: { Pop: 'INTEGER' },
        rows: [{ wkb: wkbPoint(IN_2321.e + 500, IN_2321.n + 500), values: { Pop: 3000000000 } }],
      },
    ]);
    const err = await importPopulationGrid(t.db, t.actors.admin, { filePath: file, dryRun: true }).catch(
      (e) => e,
    );
    expect(err.details).toEqual([
      expect.objectContaining({ line: 1, element: 'fid 1', field: 'population' }),
    ]);
  });

  it('a cell outside every municipality boundary is imported with a warning naming its line', async () => {
    const far = { e: 412000, n: 6500000 };
    const file = csv(`Ruta;Pop\n${id13(far)};10\n`);
    const report = await importPopulationGrid(t.db, t.actors.admin, { filePath: file, dryRun: true });
    expect(report.issues).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        line: 2,
        reason: expect.stringContaining('lies outside every municipality boundary'),
      }),
    );
  });
});
