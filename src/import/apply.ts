/**
 * Applies validated service points and places inside the import's one transaction:
 *
 * 1. plan: derive each row's municipality from the boundaries, check the actor may write there,
 *    find rows imported before by (entity, source, ref) in external_refs, and diff them field by
 *    field into creates / updates / unchanged. Nothing is written yet, so a dry run stops here.
 * 2. write: set-based inserts and updates (`jsonb_to_recordset`, 2,000 rows per statement, see
 *    bulk.ts), external refs, and a compact audit row per created/updated row.
 *
 * Only fields the input supplies are compared and written (see `Candidate.provided`); attributes
 * are merged key by key, so values entered in SOT survive a re-import of a file without them.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import type { auditLog } from '../db/schema.js';
import { type Actor, canWriteTerritory } from '../domain/actor.js';
import { auditRow } from '../domain/audit.js';
import type { TerritoryIndex } from '../domain/territory-index.js';
import { conflict } from '../errors.js';
import type { ServiceKind } from '../shared/kinds.js';
import { attributesSchemaByKind } from '../shared/service-point.js';
import { bulkInsert, bulkInsertAudit } from './bulk.js';
import type { Candidate } from './records.js';
import type { ImportIssue, ImportProgress } from './types.js';

const LOOKUP_CHUNK = 5000;
const UPDATE_CHUNK = 2000;
const REF_COLUMNS = [
  ['entity', 'text'],
  ['source', 'text'],
  ['ref', 'text'],
  ['entity_id', 'integer'],
] as const;

type Entity = Candidate['entity'];
type State = Record<string, unknown>;

/** Column name and SQL type per comparable field, in table order. */
const COLUMNS: Record<Entity, [field: string, column: string, type: string][]> = {
  service_point: [
    ['kind', 'kind', 'text'],
    ['name', 'name', 'text'],
    ['chain', 'chain', 'text'],
    ['operatorName', 'operator_name', 'text'],
    ['address', 'address', 'text'],
    ['postcode', 'postcode', 'text'],
    ['city', 'city', 'text'],
    ['lat', 'lat', 'double precision'],
    ['lon', 'lon', 'double precision'],
    ['municipalityCode', 'municipality_code', 'text'],
    ['attributes', 'attributes', 'jsonb'],
    ['power', 'power', 'jsonb'],
    ['openingHours', 'opening_hours', 'text'],
    ['externalIds', 'external_ids', 'jsonb'],
  ],
  place: [
    ['name', 'name', 'text'],
    ['placeType', 'place_type', 'text'],
    ['population', 'population', 'integer'],
    ['seasonalPopulation', 'seasonal_population', 'integer'],
    ['lat', 'lat', 'double precision'],
    ['lon', 'lon', 'double precision'],
    ['municipalityCode', 'municipality_code', 'text'],
    ['externalIds', 'external_ids', 'jsonb'],
  ],
};

/** JSON with sorted object keys, so jsonb round-trips compare equal. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as State).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}

const same = (a: unknown, b: unknown): boolean =>
  typeof a === 'object' || typeof b === 'object' ? canonical(a ?? null) === canonical(b ?? null) : a === b;

/** One candidate with its derived municipality and the state it will have after the import. */
export interface PlannedRow {
  candidate: Candidate;
  municipalityCode: string | null;
  /** The full comparable state after the import. */
  next: State;
  /** Stored row (comparable fields + id + version) for updates. */
  existing?: State & { id: number; version: number };
  changed: string[];
}

/** What an import will do, computed before anything is written (a dry run stops here). */
export interface Plan {
  creates: PlannedRow[];
  updates: PlannedRow[];
  unchanged: PlannedRow[];
  /** Candidates rejected here (territory); their errors are in the issues. */
  rejected: number;
}

function fieldsOf(entity: Entity): string[] {
  return COLUMNS[entity].map(([f]) => f);
}

function initialState(c: Candidate, code: string | null, source: string): State {
  const data = c.data as unknown as State;
  const s: State = {};
  for (const f of fieldsOf(c.entity)) s[f] = data[f] ?? null;
  if (c.entity === 'service_point') {
    s.attributes = c.data.attributes ?? {};
    s.power = c.data.power ?? { type: 'grid' };
  }
  s.municipalityCode = code;
  s.externalIds = { [source]: c.ref as string };
  return s;
}

/** Keeps the attribute keys valid for the kind (a kind change can orphan stored attributes). */
function validAttributes(kind: ServiceKind, attrs: State): State {
  const schema = attributesSchemaByKind[kind];
  if (schema.safeParse(attrs).success) return attrs;
  const out: State = {};
  for (const [k, v] of Object.entries(attrs)) if (schema.safeParse({ [k]: v }).success) out[k] = v;
  return out;
}

function mergedState(c: Candidate, existing: State, code: string | null, source: string): State {
  const data = c.data as unknown as State;
  const s: State = {};
  for (const f of fieldsOf(c.entity)) s[f] = existing[f];
  for (const f of c.provided) if (f in s) s[f] = data[f] ?? null;
  if (c.entity === 'service_point') {
    const attrs: State = { ...((existing.attributes as State | null) ?? {}) };
    for (const k of c.attributeKeys) attrs[k] = (c.data.attributes as State)[k];
    s.attributes = validAttributes(s.kind as ServiceKind, attrs);
  }
  s.municipalityCode = code;
  s.externalIds = {
    ...((existing.externalIds as Record<string, string> | null) ?? {}),
    [source]: c.ref as string,
  };
  return s;
}

function issue(
  c: Candidate,
  severity: 'error' | 'warning',
  field: string,
  reason: string,
  code?: string,
  params?: Record<string, string | number>,
): ImportIssue {
  const out: ImportIssue = { severity, ...c.loc, field, reason };
  if (code) out.code = code;
  if (params) out.params = params;
  return out;
}

/**
 * Stored rows (comparable fields as camelCase, plus id and version) by ref, for one entity and
 * source: one join per chunk instead of thousands of bound parameters.
 */
async function loadExisting(
  tx: Tx,
  entity: Entity,
  source: string,
  refs: string[],
): Promise<Map<string, State>> {
  const out = new Map<string, State>();
  const cols = COLUMNS[entity];
  const table = entity === 'service_point' ? 'service_points' : 'places';
  const select = ['t.id', 't.version', ...cols.map(([, c]) => `t.${c}`)].join(', ');
  for (let i = 0; i < refs.length; i += LOOKUP_CHUNK) {
    const payload = JSON.stringify(refs.slice(i, i + LOOKUP_CHUNK));
    const result = (await tx.execute(
      sql`select r.ref as import_ref, ${sql.raw(select)}
          from jsonb_array_elements_text(${payload}::jsonb) as x(ref)
          join external_refs r on r.entity = ${entity} and r.source = ${source} and r.ref = x.ref
          join ${sql.raw(table)} t on t.id = r.entity_id`,
    )) as unknown as { rows: State[] };
    for (const row of result.rows) {
      const s: State = { id: row.id, version: row.version };
      for (const [f, c] of cols) s[f] = row[c];
      out.set(row.import_ref as string, s);
    }
  }
  return out;
}

/**
 * Plans the import of `candidates` (all with refs assigned). Rows outside the actor's writable
 * territory become errors in `issues`; boundary disagreements become warnings.
 */
export async function planRows(
  tx: Tx,
  actor: Actor,
  source: string,
  candidates: Candidate[],
  index: TerritoryIndex,
  issues: ImportIssue[],
  onProgress?: (p: ImportProgress) => void,
): Promise<Plan> {
  const plan: Plan = { creates: [], updates: [], unchanged: [], rejected: 0 };
  const total = candidates.length;
  const located: { c: Candidate; code: string | null }[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const { lat, lon } = c.data;
    const code = index.municipalityAt(lat, lon);
    if (index.size > 0) {
      if (c.givenMunicipalityCode !== null && c.givenMunicipalityCode !== code)
        issues.push(
          issue(
            c,
            'warning',
            'municipalityCode',
            `the file says municipality ${c.givenMunicipalityCode}, but the boundaries put the point in ${code ?? 'no municipality'}; ${code ?? 'none'} is stored`,
            code === null ? 'municipality_mismatch_none' : 'municipality_mismatch',
            { given: c.givenMunicipalityCode, code: code ?? '' },
          ),
        );
      if (code === null) {
        const swapped = Math.abs(lon) <= 90 ? index.municipalityAt(lon, lat) : null;
        // Non-admins get an error for this below; admins may store such rows, but not unnoticed.
        if (swapped)
          issues.push(
            issue(
              c,
              'warning',
              'lat',
              `the point lies outside every municipality, but with lat and lon swapped it would lie in ${swapped}: swapped columns?`,
              'lat_lon_swapped',
              { code: swapped },
            ),
          );
        else if (canWriteTerritory(actor, null))
          issues.push(
            issue(
              c,
              'warning',
              'lat',
              `the point ${lat}, ${lon} lies outside every municipality boundary; stored without a municipality`,
              'outside_municipalities_stored',
              { lat, lon },
            ),
          );
      }
    }
    if (!canWriteTerritory(actor, code)) {
      issues.push(
        issue(
          c,
          'error',
          'lat',
          code === null
            ? `the point ${lat}, ${lon} lies outside every municipality boundary; only administrators may import such rows`
            : `the point lies in municipality ${code}, outside your territory`,
          code === null ? 'outside_municipalities' : 'outside_territory',
          code === null ? { lat, lon } : { code },
        ),
      );
      plan.rejected++;
    } else located.push({ c, code });
    if (onProgress && (i + 1) % 2000 === 0) onProgress({ phase: 'validate', done: i + 1, total });
  }

  for (const entity of ['service_point', 'place'] as const) {
    const rows = located.filter((x) => x.c.entity === entity);
    if (rows.length === 0) continue;
    const stored = await loadExisting(
      tx,
      entity,
      source,
      rows.map((x) => x.c.ref as string),
    );
    for (const { c, code } of rows) {
      const existing = stored.get(c.ref as string);
      if (!existing) {
        plan.creates.push({
          candidate: c,
          municipalityCode: code,
          next: initialState(c, code, source),
          changed: [],
        });
        continue;
      }
      const id = existing.id as number;
      const existingCode = existing.municipalityCode as string | null;
      if (!canWriteTerritory(actor, existingCode)) {
        issues.push(
          issue(
            c,
            'error',
            'externalId',
            `${c.ref} is already stored as ${entity.replace('_', ' ')} ${id} in ${existingCode === null ? 'no municipality' : `municipality ${existingCode}`}, outside your territory`,
            existingCode === null ? 'stored_outside_municipalities' : 'stored_outside_territory',
            { ref: c.ref as string, id, code: existingCode ?? '' },
          ),
        );
        plan.rejected++;
        continue;
      }
      const next = mergedState(c, existing, code, source);
      if (entity === 'service_point' && next.kind !== existing.kind)
        // Matching is by (source, ref) only; a shop that turns into a fuel station is far more
        // often two different rows sharing an id than a real change.
        issues.push(
          issue(
            c,
            'warning',
            'kind',
            `external id ${c.ref} (source ${source}) matches ${existing.kind} "${existing.name}" (service point ${id}), which this row turns into ${next.kind} "${next.name}": a different place sharing the id? Give unrelated files their own source`,
          ),
        );
      const changed = fieldsOf(entity).filter((f) => !same(next[f], existing[f]));
      const row: PlannedRow = {
        candidate: c,
        municipalityCode: code,
        next,
        existing: existing as State & { id: number; version: number },
        changed,
      };
      if (changed.length > 0) plan.updates.push(row);
      else plan.unchanged.push(row);
    }
  }
  onProgress?.({ phase: 'validate', done: total, total });
  return plan;
}

function pick(s: State, fields: string[]): State {
  const out: State = {};
  for (const f of fields) out[f] = s[f];
  return out;
}

/** The audit `after` of a created row: its fields without the empty ones. */
function compact(id: number, s: State): State {
  const out: State = { id };
  for (const [k, v] of Object.entries(s)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/** Set-based update of many rows from one jsonb parameter; checks each row's version. */
async function updateChunk(tx: Tx, entity: Entity, rows: PlannedRow[], batchId: number): Promise<void> {
  const cols = COLUMNS[entity];
  const table = entity === 'service_point' ? 'service_points' : 'places';
  const payload = rows.map((r) => {
    const o: State = { id: r.existing?.id, version: r.existing?.version };
    for (const [f, c] of cols) o[c] = r.next[f];
    return o;
  });
  const set = cols.map(([, c]) => `${c} = v.${c}`).join(', ');
  const defs = cols.map(([, c, t]) => `${c} ${t}`).join(', ');
  const result = (await tx.execute(
    sql`update ${sql.raw(table)} as t set ${sql.raw(set)}, import_batch_id = ${batchId},
        version = t.version + 1, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
          as v(id integer, version integer, ${sql.raw(defs)})
        where t.id = v.id and t.version = v.version
        returning t.id`,
  )) as unknown as { rows: unknown[] };
  if (result.rows.length !== rows.length)
    throw conflict(
      'Rows changed while the import ran (someone edited them at the same time); nothing was imported. Try again.',
    );
}

/**
 * Writes a plan: inserts, updates, external refs and audit rows. Returns the audit rows' count.
 */
export async function writePlan(
  tx: Tx,
  actor: Actor,
  source: string,
  plan: Plan,
  batchId: number,
  onProgress?: (p: ImportProgress) => void,
): Promise<void> {
  const total = plan.creates.length + plan.updates.length;
  let done = 0;
  const audits: (typeof auditLog.$inferInsert)[] = [];
  const progress = (n: number) => {
    done += n;
    onProgress?.({ phase: 'write', done, total });
  };

  for (const entity of ['service_point', 'place'] as const) {
    const creates = plan.creates.filter((p) => p.candidate.entity === entity);
    const byRef = new Map(creates.map((p) => [p.candidate.ref as string, p]));
    const cols = COLUMNS[entity];
    const inserted = await bulkInsert<{ id: number; external_ids: Record<string, string> }>(
      tx,
      entity === 'service_point' ? 'service_points' : 'places',
      [...cols.map(([, c, t]) => [c, t] as const), ['import_batch_id', 'integer']],
      creates.map((p) => {
        const o: State = { import_batch_id: batchId };
        for (const [f, c] of cols) o[c] = p.next[f];
        return o;
      }),
      'id, external_ids',
    );
    const refs: State[] = [];
    for (const row of inserted) {
      const ref = row.external_ids[source];
      const p = byRef.get(ref);
      if (!p) continue;
      refs.push({ entity, source, ref, entity_id: row.id });
      audits.push(
        auditRow(actor, {
          action: 'create',
          entityType: entity,
          entityId: row.id,
          municipalityCode: p.municipalityCode,
          after: compact(row.id, p.next),
          details: { batchId, source, ref },
        }),
      );
    }
    if (refs.length !== creates.length)
      throw new Error('import: inserted rows do not match their external ids');
    progress(creates.length);
    await bulkInsert(tx, 'external_refs', REF_COLUMNS, refs);

    const updates = plan.updates.filter((p) => p.candidate.entity === entity);
    for (let i = 0; i < updates.length; i += UPDATE_CHUNK) {
      const chunk = updates.slice(i, i + UPDATE_CHUNK);
      await updateChunk(tx, entity, chunk, batchId);
      for (const p of chunk) {
        const before = p.existing as State & { id: number };
        audits.push(
          auditRow(actor, {
            action: 'update',
            entityType: entity,
            entityId: before.id,
            municipalityCode: p.municipalityCode,
            before: pick(before, p.changed),
            after: pick(p.next, p.changed),
            details: { batchId, source, ref: p.candidate.ref },
          }),
        );
      }
      progress(chunk.length);
    }
  }
  await bulkInsertAudit(tx, audits);
}
