/**
 * Issue codes: the common row problems carry a stable `code` and `params` beside the English
 * `reason`, so the web can show them in Swedish.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { type Actor, SYSTEM_ACTOR } from '../domain/actor.js';
import { SERVICE_POINT_KINDS } from '../shared/kinds.js';
import { createTestDatabase } from '../test/db.js';
import { inside, seedTerritory } from '../test/fixtures.js';
import { type ImportIssue, runImport } from './index.js';
import * as v from './values.js';

const MUNI_2321: Actor = {
  userId: 9001,
  username: 'muni2321',
  role: 'municipality',
  countyCode: '23',
  municipalityCode: '2321',
};

let database: Database;
let dir: string;
const a = inside('2321');
const c = inside('2480');

beforeAll(async () => {
  database = await createTestDatabase();
  await seedTerritory(database);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-issue-codes-'));
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function issuesOf(actor: Actor, name: string, lines: string[]): Promise<ImportIssue[]> {
  const filePath = path.join(dir, name);
  fs.writeFileSync(filePath, `${['id,kind,name,lat,lon', ...lines].join('\n')}\n`);
  const report = await runImport(database.db, actor, {
    target: 'service_points',
    filePath,
    dryRun: true,
    skipInvalid: true,
  });
  return report.issues;
}

const at = (issues: ImportIssue[], line: number) => issues.filter((i) => i.line === line);

describe('issue codes of row errors', () => {
  it('sets code and params for value, kind and coordinate problems, keeping the English reason', async () => {
    const issues = await issuesOf(SYSTEM_ACTOR, 'rows.csv', [
      `r1,grocery,Bokstäver,abc,${a.lon}`,
      `r2,okänd,Okänd typ,${a.lat},${a.lon}`,
      `r3,,Utan typ,${a.lat},${a.lon}`,
      `r4,grocery,Utan lat,,${a.lon}`,
      `r5,grocery,Långt norr,95,95`,
      `r6,grocery,Långt öster,${a.lat},200`,
      `r7,grocery,Noll,0,0`,
      `r8,grocery,Nul\u0000tecken,${a.lat},${a.lon}`,
      `r9,grocery,${'x'.repeat(201)},${a.lat},${a.lon}`,
      `r10,grocery,Omkastad,95,13.3`,
      `r11,grocery,Oändlig,1e400,${a.lon}`,
    ]);
    expect(at(issues, 2)).toEqual([
      expect.objectContaining({
        field: 'lat',
        reason: "not a number: 'abc'",
        code: 'not_a_number',
        params: { value: 'abc' },
      }),
    ]);
    expect(at(issues, 3)).toEqual([
      expect.objectContaining({
        field: 'kind',
        reason: expect.stringContaining("unknown kind 'okänd'"),
        code: 'unknown_kind',
        params: { value: 'okänd', allowed: SERVICE_POINT_KINDS.join(', ') },
      }),
    ]);
    expect(at(issues, 4)).toEqual([expect.objectContaining({ field: 'kind', code: 'kind_required' })]);
    expect(at(issues, 5)).toEqual([
      expect.objectContaining({
        field: 'lat',
        reason: 'coordinate is required',
        code: 'coordinate_required',
      }),
    ]);
    expect(at(issues, 6)).toEqual([
      expect.objectContaining({ field: 'lat', code: 'lat_out_of_range', params: { value: 95 } }),
    ]);
    expect(at(issues, 7)).toEqual([
      expect.objectContaining({ field: 'lon', code: 'lon_out_of_range', params: { value: 200 } }),
    ]);
    expect(at(issues, 8)).toEqual([expect.objectContaining({ field: 'lat', code: 'zero_position' })]);
    expect(at(issues, 9)).toEqual([
      expect.objectContaining({
        field: 'name',
        code: 'control_character',
        params: { char: 'U+0000 (NUL)', position: 4 },
      }),
    ]);
    expect(at(issues, 10)).toEqual([
      expect.objectContaining({ field: 'name', code: 'value_too_long', params: { max: 200 } }),
    ]);
    expect(at(issues, 11)).toEqual([
      expect.objectContaining({
        reason: expect.stringContaining('lat and lon swapped'),
        code: 'lat_out_of_range_swapped',
        params: { value: 95 },
      }),
    ]);
    expect(at(issues, 12)).toEqual([
      expect.objectContaining({ code: 'not_a_finite_number', params: { value: '1e400' } }),
    ]);
  });

  it('codes missing and duplicate external ids', async () => {
    const issues = await issuesOf(SYSTEM_ACTOR, 'ids.csv', [
      `,grocery,Utan id,${a.lat},${a.lon}`,
      `,grocery,Utan id heller,${a.lat + 0.01},${a.lon}`,
      `d1,grocery,Dubblett,${a.lat},${a.lon}`,
      `d1,grocery,Dubblett,${a.lat},${a.lon}`,
      `d2,grocery,Ett namn,${a.lat},${a.lon}`,
      `d2,grocery,Ett annat namn,${a.lat},${a.lon}`,
    ]);
    expect(issues.filter((i) => i.code === 'no_external_id')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        reason: expect.stringMatching(/^2 rows/),
        params: { n: 2 },
      }),
    ]);
    expect(at(issues, 5)).toEqual([
      expect.objectContaining({ severity: 'error', code: 'duplicate_row', params: { ref: 'd1', at: 4 } }),
    ]);
    expect(at(issues, 6)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'duplicate_external_id',
        params: expect.objectContaining({ ref: 'd2', n: 2, at: '6, 7' }),
      }),
    ]);
  });

  it('codes a point outside the territory with its municipality', async () => {
    const issues = await issuesOf(MUNI_2321, 'territory.csv', [`t1,grocery,Granne,${c.lat},${c.lon}`]);
    expect(issues).toEqual([
      expect.objectContaining({
        line: 2,
        reason: 'the point lies in municipality 2480, outside your territory',
        code: 'outside_territory',
        params: { code: '2480' },
      }),
    ]);
  });
});

describe('value parsers', () => {
  it('give a code and the offending value on failure', () => {
    expect(v.number('abc')).toEqual({
      ok: false,
      reason: "not a number: 'abc'",
      code: 'not_a_number',
      params: { value: 'abc' },
    });
    expect(v.integer('1,5')).toMatchObject({
      ok: false,
      code: 'not_a_whole_number',
      params: { value: '1,5' },
    });
    expect(v.boolean('kanske')).toMatchObject({
      ok: false,
      code: 'not_a_boolean',
      params: { value: 'kanske' },
    });
    expect(v.number('x'.repeat(50))).toMatchObject({ params: { value: `${'x'.repeat(40)}…` } });
    expect(v.controlCharacterIssue('ok')).toBeNull();
    expect(v.controlCharacterIssue('a\u0007')).toMatchObject({
      code: 'control_character',
      params: { char: 'U+0007', position: 2 },
    });
  });
});
