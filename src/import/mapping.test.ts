import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors.js';
import { parseMapping, parseMappingFile, writeReport } from './index.js';
import { resolveColumns } from './mapping.js';
import type { ImportReport } from './types.js';

function mappingError(text: string): AppError {
  try {
    parseMapping(text, 'm.json');
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected an error');
}

describe('mapping files', () => {
  it('parses a full mapping', () => {
    const m = parseMapping(
      JSON.stringify({
        source: 'se-poi',
        delimiter: ';',
        crs: 'sweref99tm',
        columns: { kind: 'typ', name: 'namn', x: 'E', y: 'N', externalId: 'id' },
        kindValues: { Livsmedel: 'grocery' },
        defaults: { kind: 'grocery' },
      }),
    );
    expect(m.columns?.x).toBe('E');
    expect(m.kindValues?.Livsmedel).toBe('grocery');
  });

  it('names the offending key', () => {
    const unknown = mappingError('{"columns": {"latt": "lat"}}');
    expect(unknown.id).toBe('import_format_invalid');
    expect(unknown.details[0].field).toBe('columns.latt');
    expect(unknown.message).toContain('columns.latt: unknown key');
    expect(mappingError('{"kindValues": {"Bageri": "bakery"}}').details[0].field).toBe('kindValues.Bageri');
    expect(mappingError('{"crs": "rt90"}').details[0].field).toBe('crs');
    expect(mappingError('{"colums": {}}').details[0].field).toBe('colums');
    expect(mappingError('{"columns": ').message).toMatch(/not valid JSON/);
  });

  it('reads a file, and says so when it is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-map-'));
    const p = path.join(dir, 'm.json');
    fs.writeFileSync(p, '\uFEFF{"source": "x"}');
    expect(parseMappingFile(p)).toEqual({ source: 'x' });
    expect(() => parseMappingFile(path.join(dir, 'nope.json'))).toThrow(/Mapping file not found/);
    fs.rmSync(dir, { recursive: true });
  });

  it('recognises common column names case-insensitively', () => {
    const cols = resolveColumns(
      ['Typ', 'Namn', 'Kedja', 'Adress', 'Ort', 'Postnummer', 'Latitude', 'Longitude', 'source_ref'],
      undefined,
      'service_points',
    );
    expect(Object.fromEntries(cols)).toEqual({
      kind: 0,
      name: 1,
      chain: 2,
      address: 3,
      city: 4,
      postcode: 5,
      lat: 6,
      lon: 7,
      externalId: 8,
    });
    const b = resolveColumns(['id', 'kom_namn', 'lan_code', 'geo_point_2d'], undefined, 'boundaries');
    expect(Object.fromEntries(b)).toEqual({ code: 0, name: 1, countyCode: 2 });
  });
});

describe('writeReport', () => {
  const report: ImportReport = {
    ok: false,
    dryRun: false,
    target: 'service_points',
    format: 'csv',
    source: 's',
    sourceName: 'f.csv',
    batchId: null,
    counts: { read: 2, created: 0, updated: 0, unchanged: 0, skipped: 0, errors: 1, warnings: 1 },
    byKind: {},
    issues: [
      {
        severity: 'error',
        line: 3,
        field: 'lat',
        reason: "not a number: 'a,b'",
        code: 'not_a_number',
        params: { value: 'a,b' },
      },
      { severity: 'warning', element: 'node/1', field: 'name', reason: 'no "name" tag' },
    ],
    durationMs: 5,
  };

  it('writes JSON and CSV by extension', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-report-'));
    writeReport(report, path.join(dir, 'r.json'));
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'))).toEqual(report);
    writeReport(report, path.join(dir, 'r.csv'));
    const rows = parse(fs.readFileSync(path.join(dir, 'r.csv')), { columns: true });
    expect(rows).toEqual([
      {
        severity: 'error',
        line: '3',
        element: '',
        field: 'lat',
        reason: "not a number: 'a,b'",
        code: 'not_a_number',
      },
      { severity: 'warning', line: '', element: 'node/1', field: 'name', reason: 'no "name" tag', code: '' },
    ]);
    expect(() => writeReport(report, path.join(dir, 'r.txt'))).toThrow(/\.json or \.csv/);
    fs.rmSync(dir, { recursive: true });
  });
});
