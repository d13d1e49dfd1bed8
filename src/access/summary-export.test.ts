import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRunView, AccessSummaryRow } from '../shared/access.js';
import type { RegistryTestDb } from '../test/registry-fixtures.js';
import { getAccessSummary } from './queries.js';
import { summarise } from './summary.js';
import {
  buildSummaryWorkbook,
  exportAccessSummaryXlsx,
  HEADER_ROW,
  STALE_MARKER,
  SUMMARY_COLUMNS,
  summaryExportFilename,
  tillvaxtanalysOrder,
} from './summary-export.js';
import { insertFinishedTestRun } from './summary-export-fixture.js';
import { createAccessTestDb, insertTestRun } from './test-db.js';

/** A workbook as written and read back by exceljs, the way a spreadsheet program would get it. */
async function roundTrip(workbook: ExcelJS.Workbook | Buffer): Promise<ExcelJS.Workbook> {
  const buffer = Buffer.isBuffer(workbook) ? workbook : Buffer.from(await workbook.xlsx.writeBuffer());
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return back;
}

interface ReadRow {
  values: Record<string, ExcelJS.CellValue>;
  formats: Record<string, string | undefined>;
  bold: boolean;
}

/** The table below the header lines: one object per row, keyed by the Swedish headers. */
function tableOf(sheet: ExcelJS.Worksheet): { info: string[]; headers: string[]; rows: ReadRow[] } {
  const info: string[] = [];
  for (let r = 2; r < HEADER_ROW; r++) {
    const v = sheet.getRow(r).getCell(1).value;
    if (v !== null && v !== undefined) info.push(String(v));
  }
  const headers = SUMMARY_COLUMNS.map((_, i) => String(sheet.getRow(HEADER_ROW).getCell(i + 1).value));
  const rows: ReadRow[] = [];
  for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (typeof row.getCell(2).value !== 'string') continue;
    const values: ReadRow['values'] = {};
    const formats: ReadRow['formats'] = {};
    headers.forEach((h, i) => {
      values[h] = row.getCell(i + 1).value;
      formats[h] = row.getCell(i + 1).numFmt;
    });
    rows.push({ values, formats, bold: row.getCell(1).font?.bold === true });
  }
  return { info, headers, rows };
}

const ok = (weight: number, minutes: number) => ({
  weight,
  time1: minutes * 60,
  time2: null,
  status: 'ok' as const,
  bridge: minutes > 20,
  singleLink: minutes > 20,
});

function summaryRow(
  level: 'municipality' | 'county',
  code: string,
  name: string | null,
  group: string,
  seasonalExtra = 0,
): AccessSummaryRow {
  return {
    level,
    code,
    name,
    group,
    resident: summarise([ok(300, 3), ok(100, 25)]),
    seasonal: summarise([ok(300 + seasonalExtra, 3), ok(100, 25)]),
  };
}

function runView(over: Partial<AccessRunView> = {}): AccessRunView {
  return {
    id: 42,
    status: 'done',
    phase: 'done',
    progress: 1,
    graph: { name: 'jamtland', version: 'abc123' },
    groups: { grocery: ['grocery'], late: ['convenience', 'fuel'] },
    maxSnapMetres: 5000,
    snapshot: {
      servicePoints: { count: 12, maxUpdatedAt: '2025-03-01T10:00:00.000Z' },
      places: { count: 7, maxUpdatedAt: null },
      populationCells: { count: 0, population: 0, maxBatchId: null },
      boundariesVersion: 1,
    },
    stats: null,
    error: null,
    requestedBy: 'admin',
    createdAt: '2025-03-02T08:00:00.000Z',
    startedAt: '2025-03-02T08:00:01.000Z',
    finishedAt: '2025-03-02T08:05:00.000Z',
    stale: false,
    staleReasons: [],
    ...over,
  };
}

describe('buildSummaryWorkbook', () => {
  const rows = [
    summaryRow('county', '23', 'Jämtlands län', 'grocery', 200),
    summaryRow('municipality', '2380', 'Östersund', 'grocery', 200),
    summaryRow('municipality', '2321', null, 'grocery', 200),
    summaryRow('municipality', '2321', 'Åre', 'late'),
  ];

  it('writes one sheet per group with Swedish headers, numbers and percent-formatted shares', async () => {
    const book = await roundTrip(
      buildSummaryWorkbook({ run: runView(), rows, groups: ['grocery', 'late'], weighting: 'resident' }),
    );
    // A name too long for a sheet tab falls back to the group key; the title has it in full.
    expect(book.worksheets.map((w) => w.name)).toEqual(['Dagligvaror', 'late']);
    expect(String(book.worksheets[1].getRow(1).getCell(1).value)).toBe(
      'Tillgänglighet – late (Närbutik/kiosk, Drivmedel)',
    );
    const { info, headers, rows: read } = tableOf(book.worksheets[0]);
    expect(String(book.worksheets[0].getRow(1).getCell(1).value)).toBe('Tillgänglighet – Dagligvaror');
    expect(headers.slice(0, 12)).toEqual([
      'Nivå',
      'Kod',
      'Område',
      'Befolkning',
      'Andel ≤ 5 min',
      '5–10 min',
      '10–30 min',
      '> 30 min',
      'Median, min',
      '90:e percentil, min',
      'Ingen andra inom 30 min',
      'Beroende av en bro',
    ]);
    // Municipalities in code order, the county's total after them; an unnamed one shows its code.
    expect(read.map((r) => r.values.Kod)).toEqual(['2321', '2380', '23']);
    expect(read.map((r) => r.values.Område)).toEqual(['2321', 'Östersund', 'Jämtlands län']);
    expect(read.map((r) => r.values.Nivå)).toEqual(['Kommun', 'Kommun', 'Län']);
    expect(read.map((r) => r.bold)).toEqual([false, false, true]);
    const first = read[0];
    expect(first.values.Befolkning).toBe(400);
    expect(first.formats.Befolkning).toBe('#,##0');
    expect(first.values['Andel ≤ 5 min']).toBe(0.75);
    expect(first.formats['Andel ≤ 5 min']).toBe('0.0%');
    expect(first.values['10–30 min']).toBe(0.25);
    expect(first.values['5–10 min']).toBe(0);
    expect(first.values['Median, min']).toBe(3);
    expect(first.values['90:e percentil, min']).toBe(25);
    expect(first.formats['Median, min']).toBe('0.0');
    expect(first.values['Beroende av en bro']).toBe(0.25);
    expect(first.values['Ingen andra inom 30 min']).toBe(1);
    expect(first.values.Befolkningspunkter).toBe(2);
    expect(info[0]).toBe('Befolkning: Folkbokförd befolkning');
    expect(info[1]).toBe(
      'Beräkning 42: vägnät jamtland, version abc123; registret avläst 2025-03-02 09:00, klar 2025-03-02 09:05',
    );
    expect(info[2]).toContain('12 servicepunkter (senast ändrad 2025-03-01 11:00)');
    expect(info[3]).toMatch(/^Aktuell: /);
    expect(info.some((l) => l.startsWith(STALE_MARKER))).toBe(false);
  });

  it('uses the seasonal figures and says so', async () => {
    const book = await roundTrip(
      buildSummaryWorkbook({ run: runView(), rows, groups: ['grocery'], weighting: 'seasonal' }),
    );
    const { info, headers, rows: read } = tableOf(book.worksheets[0]);
    expect(info[0]).toBe('Befolkning: Säsongsbefolkning (inkl. fritidsboende)');
    expect(headers[3]).toBe('Säsongsbefolkning');
    expect(read[0].values.Säsongsbefolkning).toBe(600);
    expect(read[0].values['Andel ≤ 5 min']).toBeCloseTo(500 / 600, 12);
  });

  it('marks a stale run in red with its reasons, and leaves unknown figures empty', async () => {
    const noRoute: AccessSummaryRow = {
      ...summaryRow('municipality', '2321', 'Åre', 'grocery'),
      resident: summarise([
        { weight: 10, time1: null, time2: null, status: 'unreachable', bridge: false, singleLink: false },
      ]),
    };
    const book = await roundTrip(
      buildSummaryWorkbook({
        run: runView({ stale: true, staleReasons: ['road graph "jamtland" was rebuilt'] }),
        rows: [noRoute],
        groups: ['grocery'],
        weighting: 'resident',
      }),
    );
    const sheet = book.worksheets[0];
    const { info, rows: read } = tableOf(sheet);
    const stale = info.find((l) => l.startsWith(STALE_MARKER));
    expect(stale).toContain('road graph "jamtland" was rebuilt');
    const staleRow = [2, 3, 4, 5].find((r) =>
      String(sheet.getRow(r).getCell(1).value).startsWith(STALE_MARKER),
    );
    expect(sheet.getRow(staleRow as number).getCell(1).font?.color?.argb).toBe('FFB00000');
    expect(book.keywords).toBe(STALE_MARKER);
    expect(read[0].values['Nås inte med bil']).toBe(1);
    expect(read[0].values['> 30 min']).toBe(1);
    expect(read[0].values['Median, min']).toBeNull();
    expect(read[0].values['Medelrestid, min']).toBeNull();
  });

  it('says so when the reader has no rows for a group', async () => {
    const book = await roundTrip(
      buildSummaryWorkbook({ run: runView(), rows: [], groups: ['grocery'], weighting: 'resident' }),
    );
    expect(String(book.worksheets[0].getRow(HEADER_ROW + 1).getCell(1).value)).toMatch(/^Inga resultat/);
  });

  it('orders each county’s municipalities before its total', () => {
    const order = tillvaxtanalysOrder([
      summaryRow('county', '24', null, 'g'),
      summaryRow('municipality', '2480', null, 'g'),
      summaryRow('county', '23', null, 'g'),
      summaryRow('municipality', '2380', null, 'g'),
      summaryRow('municipality', '2321', null, 'g'),
    ]);
    expect(order.map((r) => r.code)).toEqual(['2321', '2380', '23', '2480', '24']);
    expect(summaryExportFilename(7, 'grocery', 'seasonal')).toBe(
      'tillganglighet-grocery-sasong-berakning7.xlsx',
    );
    expect(summaryExportFilename(7, undefined, 'resident')).toBe(
      'tillganglighet-alla-folkbokforda-berakning7.xlsx',
    );
  });
});

describe('exportAccessSummaryXlsx', () => {
  let t: RegistryTestDb;
  let dataDir: string;
  let runId: number;

  beforeAll(async () => {
    t = await createAccessTestDb();
    // An empty data directory: the fixture run's graph is missing, so the run reads as stale.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-summary-export-'));
    runId = await insertFinishedTestRun(t.db, ['2321', '2380', '2480']);
  });
  afterAll(async () => {
    await t?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const codes = async (username: string, q: Partial<Parameters<typeof exportAccessSummaryXlsx>[3]> = {}) => {
    const file = await exportAccessSummaryXlsx(t.db, t.actors[username], dataDir, { run: runId, ...q });
    const book = await roundTrip(file.body);
    return tableOf(book.worksheets[0]).rows.map((r) => r.values.Kod);
  };

  it('gives each reader the rows of their territory only', async () => {
    expect(await codes('admin')).toEqual(['2321', '2380', '23', '2480', '24']);
    expect(await codes('county23')).toEqual(['2321', '2380', '23']);
    expect(await codes('muni2321')).toEqual(['2321']);
    expect(await codes('viewer2321')).toEqual(['2321']);
    expect(await codes('county24')).toEqual(['2480', '24']);
    expect(await codes('admin', { county: '24' })).toEqual(['2480', '24']);
    expect(await codes('county23', { municipality: '2480' })).toEqual([]);
  });

  it('writes the figures of the JSON summary in the chosen weighting, and marks the stale run', async () => {
    const json = await getAccessSummary(t.db, t.actors.county23, dataDir, { run: runId });
    for (const weighting of ['resident', 'seasonal'] as const) {
      const file = await exportAccessSummaryXlsx(t.db, t.actors.county23, dataDir, {
        run: runId,
        group: 'grocery',
        weighting,
      });
      expect(file.filename).toBe(
        `tillganglighet-grocery-${weighting === 'seasonal' ? 'sasong' : 'folkbokforda'}-berakning${runId}.xlsx`,
      );
      const { info, headers, rows } = tableOf((await roundTrip(file.body)).worksheets[0]);
      const people = headers[3];
      expect(info.find((l) => l.startsWith(STALE_MARKER))).toContain('road graph "test" is missing');
      for (const row of rows) {
        const s = json.rows.find((r) => r.code === row.values.Kod)?.[weighting];
        expect(s).toBeDefined();
        expect(row.values[people]).toBe(s?.population);
        expect(row.values['Andel ≤ 5 min']).toBe(s?.bands.lt5);
        expect(row.values['10–30 min']).toBe(s?.bands.m10to30);
        expect(row.values['90:e percentil, min']).toBe(s?.p90Min);
      }
      // Fixture by hand: 300 (450 in season) people at 3 min and 100 (400) at 25 min per municipality.
      const m2321 = rows.find((r) => r.values.Kod === '2321');
      expect(m2321?.values[people]).toBe(weighting === 'seasonal' ? 850 : 400);
      expect(m2321?.values['Andel ≤ 5 min']).toBeCloseTo(weighting === 'seasonal' ? 450 / 850 : 0.75, 12);
    }
  });

  it('refuses an unknown run (404), a group the run lacks (400) and an unfinished run (409)', async () => {
    const err = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { status: number; details: unknown }) => e,
      );
    const export_ = (q: Parameters<typeof exportAccessSummaryXlsx>[3]) =>
      exportAccessSummaryXlsx(t.db, t.actors.admin, dataDir, q);
    expect(await err(export_({ run: 999_999 }))).toMatchObject({ status: 404 });
    expect(await err(export_({ run: runId, group: 'fuel' }))).toMatchObject({
      status: 400,
      details: [{ field: 'group' }],
    });
    const queued = await insertTestRun(t.db);
    expect(await err(export_({ run: queued }))).toMatchObject({ status: 409, details: [{ field: 'id' }] });
  });
});
