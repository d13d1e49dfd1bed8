/**
 * Municipality and county boundaries from GeoJSON. Properties map to `code`, `name` and (for
 * municipalities) `countyCode`; defaults fit the Swedish files (`id`/`kom_namn`/`lan_code`,
 * `l_id`/`name`) and generic `code`/`name`/`county_code`.
 *
 * Rules:
 * - county codes have 2 digits, municipality codes 4, and a municipality's code starts with its
 *   county's code (numeric codes lose leading zeros in some files and are padded back);
 * - geometry must be a Polygon or MultiPolygon in WGS 84;
 * - boundaries are upserted by code, never deleted by an import;
 * - a municipality whose county does not exist yet gets a placeholder county named `Län <code>`
 *   (with a warning), so municipalities can be imported before counties; a later county import
 *   fills in the name and outline;
 * - after municipalities change, every service point, place and population cell gets its
 *   municipality re-derived in the same transaction (points may have been imported first).
 */
import { eq, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import {
  type auditLog,
  counties,
  municipalities,
  places,
  populationCells,
  servicePoints,
} from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { auditRow } from '../domain/audit.js';
import { bumpBoundariesVersion } from '../domain/territory-cache.js';
import { TerritoryIndex } from '../domain/territory-index.js';
import { AppError, ErrorIds } from '../errors.js';
import { type AreaGeometry, type BBox, geometryBBox, isAreaGeometry } from '../lib/geo.js';
import { boundaryGeometryProblem } from './boundary-geometry.js';
import { bulkInsertAudit } from './bulk.js';
import { readGeoJson } from './geojson.js';
import { type ColumnMapping, resolveColumns } from './mapping.js';
import type { ImportIssue, ImportProgress } from './types.js';
import { show, text } from './values.js';

/** Which table a boundary file fills. */
export type BoundaryLevel = 'municipality' | 'county';

/** One validated boundary feature. */
export interface BoundaryRow {
  line: number;
  code: string;
  name: string;
  /** Municipalities only. */
  countyCode: string | null;
  geometry: AreaGeometry;
  bbox: BBox;
}

/** A boundary file read and validated, not yet compared with the database. */
export interface BoundaryRead {
  level: BoundaryLevel;
  rows: BoundaryRow[];
  issues: ImportIssue[];
  read: number;
}

const CHUNK = 100;
const UPDATE_CHUNK = 1000;

function normaliseCode(raw: unknown, digits: number): string | null {
  const t = text(raw);
  if (t === null || !/^\d+$/.test(t) || t.length > digits) return null;
  return t.padStart(digits, '0');
}

/** `feature 3 (2321 Åre)`: names a feature by position and by what a person would search for. */
function featureLabel(line: number, code: unknown, name: unknown): string {
  const label = [text(code), text(name)].filter(Boolean).join(' ');
  return label ? `feature ${line} (${label})` : `feature ${line}`;
}

/**
 * Reads boundary features. The level is inferred from the codes when not given (≤ 2 digits:
 * counties, else municipalities).
 */
export function readBoundaries(
  path: string,
  mapping: ColumnMapping | undefined,
  level: BoundaryLevel | undefined,
  onProgress?: (p: ImportProgress) => void,
): BoundaryRead {
  const fc = readGeoJson(path, (done, total) => onProgress?.({ phase: 'read', done, total }));
  const cols = resolveColumns(fc.propertyNames, mapping, 'boundaries', 'property');
  const prop = (f: 'code' | 'name' | 'countyCode', props: Record<string, unknown>) => {
    const i = cols.get(f);
    return i === undefined ? undefined : props[fc.propertyNames[i]];
  };
  const list = fc.propertyNames.join(', ') || '(none)';
  if (!cols.has('code'))
    throw new AppError(
      ErrorIds.importFormat,
      400,
      `No code property found (expected code or id; the file has: ${list})`,
      [{ field: 'code', reason: 'no code property' }],
    );
  if (!cols.has('name'))
    throw new AppError(
      ErrorIds.importFormat,
      400,
      `No name property found (expected name; the file has: ${list})`,
      [{ field: 'name', reason: 'no name property' }],
    );
  if (fc.crs !== 'wgs84' && mapping?.crs !== 'wgs84')
    throw new AppError(
      ErrorIds.importFormat,
      400,
      'Boundaries must be in WGS 84 (RFC 7946 GeoJSON), not SWEREF 99 TM',
      [{ field: 'crs', reason: 'reproject the file to EPSG:4326' }],
    );

  let lvl = level;
  if (!lvl) {
    const first = fc.features
      .map((f) => text(prop('code', f.properties ?? {})))
      .find((c) => c && /^\d+$/.test(c));
    lvl = first && first.length <= 2 && !cols.has('countyCode') ? 'county' : 'municipality';
  }
  const digits = lvl === 'county' ? 2 : 4;
  const issues: ImportIssue[] = [];
  const rows: BoundaryRow[] = [];
  const seen = new Map<string, number>();
  fc.features.forEach((f, i) => {
    const line = i + 1;
    const props = f.properties ?? {};
    const err = (field: string, reason: string) => issues.push({ severity: 'error', line, field, reason });
    const before = issues.length;
    const rawCode = prop('code', props);
    const code = normaliseCode(rawCode, digits);
    if (!code) err('code', `${show(rawCode ?? '')} is not a ${digits}-digit ${lvl} code`);
    const name = text(prop('name', props));
    if (!name) err('name', 'name is required');
    else if (name.length > 200) err('name', 'name is longer than 200 characters');
    let countyCode: string | null = null;
    if (lvl === 'municipality' && code) {
      countyCode = code.slice(0, 2);
      const given = prop('countyCode', props);
      if (text(given) !== null) {
        const c = normaliseCode(given, 2);
        if (!c) err('countyCode', `${show(given)} is not a 2-digit county code`);
        else if (c !== countyCode)
          err('countyCode', `municipality code ${code} must start with its county code ${c}`);
      }
    }
    const problem = boundaryGeometryProblem(f.geometry);
    if (problem)
      issues.push({
        severity: 'error',
        line,
        element: featureLabel(line, rawCode, prop('name', props)),
        field: 'geometry',
        reason: problem,
      });
    if (code && seen.has(code)) err('code', `code ${code} also on feature ${seen.get(code)}`);
    if (issues.length > before || !code || !name) return;
    seen.set(code, line);
    const geometry = f.geometry as unknown as AreaGeometry;
    rows.push({ line, code, name, countyCode, geometry, bbox: geometryBBox(geometry) });
  });
  return { level: lvl, rows, issues, read: fc.features.length };
}

/** JSON with sorted object keys (jsonb reorders keys). */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}

/** What a boundary import will create, update or leave alone. */
export interface BoundaryPlan {
  level: BoundaryLevel;
  creates: BoundaryRow[];
  updates: {
    row: BoundaryRow;
    before: { name: string; countyCode: string | null; geometryChanged: boolean };
  }[];
  unchanged: number;
  /** County codes that need a placeholder county row. */
  placeholders: string[];
  /** Rows that have a municipality today and would lie in none after the import. */
  orphaned: { servicePoints: number; places: number };
}

/** Compares the file with the stored boundaries. */
export async function planBoundaries(
  tx: Tx,
  read: BoundaryRead,
  issues: ImportIssue[],
): Promise<BoundaryPlan> {
  const plan: BoundaryPlan = {
    level: read.level,
    creates: [],
    updates: [],
    unchanged: 0,
    placeholders: [],
    orphaned: { servicePoints: 0, places: 0 },
  };
  const stored = new Map<string, { name: string; countyCode: string | null; geometry: unknown }>();
  if (read.level === 'county') {
    for (const r of await tx.select().from(counties)) stored.set(r.code, { ...r, countyCode: null });
  } else {
    for (const r of await tx.select().from(municipalities)) stored.set(r.code, r);
    const known = new Set((await tx.select({ code: counties.code }).from(counties)).map((c) => c.code));
    const missing = new Map<string, number>();
    for (const r of read.rows)
      if (r.countyCode && !known.has(r.countyCode))
        missing.set(r.countyCode, (missing.get(r.countyCode) ?? 0) + 1);
    for (const [code, n] of missing) {
      plan.placeholders.push(code);
      issues.push({
        severity: 'warning',
        field: 'countyCode',
        reason: `county ${code} does not exist yet (${n} municipalities); created as "Län ${code}" — import the counties to set its name and outline`,
      });
    }
  }
  for (const row of read.rows) {
    const old = stored.get(row.code);
    if (!old) {
      plan.creates.push(row);
      continue;
    }
    const geometryChanged = canonical(old.geometry) !== canonical(row.geometry);
    if (
      geometryChanged ||
      old.name !== row.name ||
      (read.level === 'municipality' && old.countyCode !== row.countyCode)
    )
      plan.updates.push({ row, before: { name: old.name, countyCode: old.countyCode, geometryChanged } });
    else plan.unchanged++;
  }
  if (read.level === 'municipality' && plan.creates.length + plan.updates.length > 0)
    await checkOrphans(tx, read, plan, issues);
  return plan;
}

/**
 * Safety net: warns when the new boundaries would leave rows that have a municipality today in
 * none (a wrong or shrunken outline would otherwise silently drop them out of their territory).
 */
async function checkOrphans(
  tx: Tx,
  read: BoundaryRead,
  plan: BoundaryPlan,
  issues: ImportIssue[],
): Promise<void> {
  const future = new Map<string, ConstructorParameters<typeof TerritoryIndex>[0][number]>();
  for (const r of await tx.select().from(municipalities))
    if (isAreaGeometry(r.geometry) && r.minLon !== null && r.minLat !== null)
      future.set(r.code, {
        code: r.code,
        countyCode: r.countyCode,
        bbox: [r.minLon, r.minLat, r.maxLon ?? r.minLon, r.maxLat ?? r.minLat],
        geometry: r.geometry,
      });
  for (const r of read.rows)
    future.set(r.code, { code: r.code, countyCode: r.countyCode ?? '', bbox: r.bbox, geometry: r.geometry });
  const index = new TerritoryIndex([...future.values()]);
  const lost = new Map<string, { servicePoints: number; places: number }>();
  for (const [key, table] of [
    ['servicePoints', servicePoints],
    ['places', places],
  ] as const) {
    const rows = await tx
      .select({ lat: table.lat, lon: table.lon, code: table.municipalityCode })
      .from(table)
      .where(isNotNull(table.municipalityCode));
    for (const r of rows) {
      if (r.code === null || index.municipalityAt(r.lat, r.lon) !== null) continue;
      plan.orphaned[key]++;
      const per = lost.get(r.code) ?? { servicePoints: 0, places: 0 };
      per[key]++;
      lost.set(r.code, per);
    }
  }
  if (lost.size === 0) return;
  const worst = [...lost.entries()]
    .sort((a, b) => b[1].servicePoints + b[1].places - (a[1].servicePoints + a[1].places))
    .slice(0, 5)
    .map(([code, n]) => `${code}: ${n.servicePoints} service points, ${n.places} places`)
    .join('; ');
  issues.push({
    severity: 'warning',
    field: 'geometry',
    reason: `${plan.orphaned.servicePoints} service points and ${plan.orphaned.places} places that have a municipality today lie in no municipality after this import, so they drop out of every territory (${worst}${lost.size > 5 ? '; …' : ''}) — check the outlines, or run with --dry-run first`,
  });
}

function boundaryValues(row: BoundaryRow, batchId: number) {
  const [minLon, minLat, maxLon, maxLat] = row.bbox;
  return { name: row.name, geometry: row.geometry, minLon, minLat, maxLon, maxLat, importBatchId: batchId };
}

/** Writes the plan and its audit rows; bumps the boundaries version when municipalities changed. */
export async function writeBoundaries(
  tx: Tx,
  actor: Actor,
  plan: BoundaryPlan,
  batchId: number,
): Promise<void> {
  const audits: (typeof auditLog.$inferInsert)[] = [];
  const entityType = plan.level;
  const scope = (code: string) =>
    plan.level === 'county' ? { countyCode: code } : { municipalityCode: code };
  if (plan.placeholders.length > 0) {
    await tx.insert(counties).values(plan.placeholders.map((code) => ({ code, name: `Län ${code}` })));
    for (const code of plan.placeholders)
      audits.push(
        auditRow(actor, {
          action: 'create',
          entityType: 'county',
          entityId: code,
          countyCode: code,
          after: { code, name: `Län ${code}`, placeholder: true },
          details: { batchId },
        }),
      );
  }
  for (let i = 0; i < plan.creates.length; i += CHUNK) {
    const chunk = plan.creates.slice(i, i + CHUNK);
    if (plan.level === 'county')
      await tx.insert(counties).values(chunk.map((r) => ({ code: r.code, ...boundaryValues(r, batchId) })));
    else
      await tx.insert(municipalities).values(
        chunk.map((r) => ({
          code: r.code,
          countyCode: r.countyCode as string,
          ...boundaryValues(r, batchId),
        })),
      );
  }
  for (const r of plan.creates)
    audits.push(
      auditRow(actor, {
        action: 'create',
        entityType,
        entityId: r.code,
        ...scope(r.code),
        after: { code: r.code, name: r.name, countyCode: r.countyCode ?? undefined, bbox: r.bbox },
        details: { batchId },
      }),
    );
  for (const { row, before } of plan.updates) {
    const values = { ...boundaryValues(row, batchId), updatedAt: new Date() };
    if (plan.level === 'county') await tx.update(counties).set(values).where(eq(counties.code, row.code));
    else
      await tx
        .update(municipalities)
        .set({ ...values, countyCode: row.countyCode as string })
        .where(eq(municipalities.code, row.code));
    audits.push(
      auditRow(actor, {
        action: 'update',
        entityType,
        entityId: row.code,
        ...scope(row.code),
        before: { name: before.name, countyCode: before.countyCode ?? undefined },
        after: { name: row.name, countyCode: row.countyCode ?? undefined, bbox: row.bbox },
        details: { batchId, geometryChanged: before.geometryChanged },
      }),
    );
  }
  await bulkInsertAudit(tx, audits);
  if (plan.level === 'municipality' && plan.creates.length + plan.updates.length > 0)
    await bumpBoundariesVersion(tx);
}

/** Rows whose municipality changed because the boundaries changed. */
export interface Rederived {
  servicePoints: number;
  places: number;
  populationCells: number;
}

/** Bulk `set municipality_code` from a jsonb list of [key, code]. */
async function setCodes(
  tx: Tx,
  table: 'service_points' | 'places' | 'population_cells',
  changes: { key: number | string; code: string | null }[],
): Promise<void> {
  const keyCol = table === 'population_cells' ? 'grid_id' : 'id';
  const keyType = table === 'population_cells' ? 'text' : 'integer';
  const touch = table === 'population_cells' ? '' : ', updated_at = now()';
  for (let i = 0; i < changes.length; i += UPDATE_CHUNK) {
    const payload = JSON.stringify(changes.slice(i, i + UPDATE_CHUNK));
    await tx.execute(
      sql`update ${sql.raw(table)} as t set municipality_code = v.code${sql.raw(touch)}
          from jsonb_to_recordset(${payload}::jsonb) as v(key ${sql.raw(keyType)}, code text)
          where t.${sql.raw(keyCol)} = v.key`,
    );
  }
}

/**
 * Re-derives the municipality of every service point, place and population cell from the
 * boundaries now in the transaction. Point rows whose municipality changes get an audit row.
 */
export async function rederiveMunicipalities(tx: Tx, actor: Actor, batchId: number): Promise<Rederived> {
  const index = await TerritoryIndex.load(tx);
  const audits: (typeof auditLog.$inferInsert)[] = [];
  const result: Rederived = { servicePoints: 0, places: 0, populationCells: 0 };
  for (const [entity, table, name] of [
    ['service_point', servicePoints, 'service_points'],
    ['place', places, 'places'],
  ] as const) {
    const rows = await tx
      .select({ id: table.id, lat: table.lat, lon: table.lon, code: table.municipalityCode })
      .from(table);
    const changes: { key: number; code: string | null }[] = [];
    for (const r of rows) {
      const code = index.municipalityAt(r.lat, r.lon);
      if (code === r.code) continue;
      changes.push({ key: r.id, code });
      audits.push(
        auditRow(actor, {
          action: 'update',
          entityType: entity,
          entityId: r.id,
          municipalityCode: code ?? r.code,
          before: { municipalityCode: r.code },
          after: { municipalityCode: code },
          details: { batchId, reason: 'boundaries changed' },
        }),
      );
    }
    await setCodes(tx, name, changes);
    if (entity === 'service_point') result.servicePoints = changes.length;
    else result.places = changes.length;
  }
  const cells = await tx
    .select({
      key: populationCells.gridId,
      lat: populationCells.lat,
      lon: populationCells.lon,
      code: populationCells.municipalityCode,
    })
    .from(populationCells);
  const cellChanges: { key: string; code: string | null }[] = [];
  for (const c of cells) {
    const code = index.municipalityAt(c.lat, c.lon);
    if (code !== c.code) cellChanges.push({ key: c.key, code });
  }
  await setCodes(tx, 'population_cells', cellChanges);
  result.populationCells = cellChanges.length;
  await bulkInsertAudit(tx, audits);
  return result;
}
