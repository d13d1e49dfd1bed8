/**
 * Persistence of accessibility runs: the run row and its lifecycle, and the results of a finished
 * computation (points, per-group results, summaries) written in one transaction with set-based
 * bulk inserts (one jsonb parameter per statement, src/import/bulk.ts).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { accessRuns } from '../db/schema.js';
import { type Actor, countyOf } from '../domain/actor.js';
import { bulkInsert, type ColumnDefs } from '../import/bulk.js';
import type {
  AccessRunStats,
  AccessRunStatus,
  AccessRunView,
  RegistrySnapshot,
  WeightedSummary,
} from '../shared/access.js';
import { type AccessComputeOutput, AccessFlag } from './compute.js';
import type { GraphRef } from './graph-ref.js';
import type { PopulationPoint, ServiceRef } from './inputs.js';
import { type SummaryItem, summarise } from './summary.js';

export type RunRow = typeof accessRuns.$inferSelect;

export async function insertRun(
  db: DbOrTx,
  actor: Actor,
  data: {
    graph: GraphRef;
    snapshot: RegistrySnapshot;
    groups: Record<string, string[]>;
    maxSnapMetres: number;
  },
): Promise<RunRow> {
  const [row] = await db
    .insert(accessRuns)
    .values({
      graphName: data.graph.name,
      graphVersion: data.graph.version,
      registrySnapshot: data.snapshot as unknown as Record<string, unknown>,
      kindGroups: Object.entries(data.groups),
      maxSnapMetres: data.maxSnapMetres,
      requestedBy: actor.userId,
      requestedByName: actor.username,
      heartbeatAt: new Date(),
    })
    .returning();
  return row;
}

/** The groups of a run in their configured order. */
export function groupsOf(row: Pick<RunRow, 'kindGroups'>): Record<string, string[]> {
  return Object.fromEntries(row.kindGroups);
}

export async function getRunRow(db: DbOrTx, id: number): Promise<RunRow | null> {
  const [row] = await db.select().from(accessRuns).where(eq(accessRuns.id, id));
  return row ?? null;
}

/** Records progress and a heartbeat; returns whether someone asked to cancel. */
export async function touchRun(
  db: DbOrTx,
  id: number,
  update: { phase?: string; progress?: number; status?: AccessRunStatus; startedAt?: Date } = {},
): Promise<boolean> {
  const [row] = await db
    .update(accessRuns)
    .set({ ...update, heartbeatAt: new Date() })
    .where(eq(accessRuns.id, id))
    .returning({ cancel: accessRuns.cancelRequested });
  return row?.cancel ?? false;
}

export async function finishRun(
  db: DbOrTx,
  id: number,
  status: Exclude<AccessRunStatus, 'queued' | 'running'>,
  extra: { error?: string | null; stats?: AccessRunStats; graphVersion?: string } = {},
): Promise<void> {
  await db
    .update(accessRuns)
    .set({
      status,
      finishedAt: new Date(),
      heartbeatAt: new Date(),
      ...(status === 'done' ? { progress: 1, phase: 'done' } : {}),
      ...(extra.error !== undefined ? { error: extra.error } : {}),
      ...(extra.stats ? { stats: extra.stats as unknown as Record<string, unknown> } : {}),
      ...(extra.graphVersion ? { graphVersion: extra.graphVersion } : {}),
    })
    .where(eq(accessRuns.id, id));
}

export async function markStale(db: DbOrTx, id: number, reasons: string[]): Promise<void> {
  await db
    .update(accessRuns)
    .set({ staleAt: new Date(), staleReasons: reasons })
    .where(sql`${accessRuns.id} = ${id} and ${accessRuns.staleAt} is null`);
}

/** API shape of a run. */
export function toRunView(row: RunRow, stale: { stale: boolean; reasons: string[] }): AccessRunView {
  return {
    id: row.id,
    status: row.status as AccessRunStatus,
    phase: row.phase,
    progress: row.progress,
    graph: { name: row.graphName, version: row.graphVersion },
    groups: groupsOf(row),
    maxSnapMetres: row.maxSnapMetres,
    snapshot: row.registrySnapshot as unknown as RegistrySnapshot,
    stats: (row.stats as unknown as AccessRunStats | null) ?? null,
    error: row.error,
    requestedBy: row.requestedByName,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    stale: stale.stale,
    staleReasons: stale.reasons,
  };
}

const POINT_COLUMNS: ColumnDefs = [
  ['run_id', 'integer'],
  ['idx', 'integer'],
  ['ref', 'text'],
  ['type', 'text'],
  ['name', 'text'],
  ['lat', 'double precision'],
  ['lon', 'double precision'],
  ['population', 'integer'],
  ['seasonal_population', 'integer'],
  ['municipality_code', 'text'],
  ['snap_m', 'double precision'],
];

const RESULT_COLUMNS: ColumnDefs = [
  ['run_id', 'integer'],
  ['kind_group', 'text'],
  ['point_idx', 'integer'],
  ['status', 'text'],
  ['time1_s', 'double precision'],
  ['dist1_m', 'double precision'],
  ['nearest_id', 'integer'],
  ['time2_s', 'double precision'],
  ['dist2_m', 'double precision'],
  ['second_id', 'integer'],
  ['bridge_dependent', 'boolean'],
  ['single_link', 'boolean'],
];

const SUMMARY_COLUMNS: ColumnDefs = [
  ['run_id', 'integer'],
  ['level', 'text'],
  ['code', 'text'],
  ['kind_group', 'text'],
  ['resident', 'jsonb'],
  ['seasonal', 'jsonb'],
];

/** Rounds for storage (0.1 s, whole metres); NaN becomes SQL NULL. */
const round = (x: number, digits: number) => {
  if (Number.isNaN(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export type PointStatus = 'ok' | 'unreachable' | 'unsnapped';

/** Status of point `i` in one group's output. */
export function pointStatus(out: AccessComputeOutput, groupIndex: number, i: number): PointStatus {
  if (Number.isNaN(out.pointSnapM[i])) return 'unsnapped';
  return Number.isNaN(out.groups[groupIndex].time1[i]) ? 'unreachable' : 'ok';
}

/** Summaries per municipality and county (points outside every municipality belong to neither). */
export function buildSummaries(
  points: readonly PopulationPoint[],
  out: AccessComputeOutput,
): {
  level: 'municipality' | 'county';
  code: string;
  group: string;
  resident: WeightedSummary;
  seasonal: WeightedSummary;
}[] {
  const byTerritory = new Map<string, number[]>();
  const push = (key: string, i: number) => {
    const list = byTerritory.get(key);
    if (list) list.push(i);
    else byTerritory.set(key, [i]);
  };
  points.forEach((p, i) => {
    if (!p.municipalityCode) return;
    push(`municipality:${p.municipalityCode}`, i);
    push(`county:${countyOf(p.municipalityCode)}`, i);
  });
  const rows: ReturnType<typeof buildSummaries> = [];
  out.groups.forEach((g, gi) => {
    for (const [key, idxs] of [...byTerritory.entries()].sort()) {
      const [level, code] = key.split(':') as ['municipality' | 'county', string];
      const items = (weightOf: (p: PopulationPoint) => number): SummaryItem[] =>
        idxs.map((i) => ({
          weight: weightOf(points[i]),
          time1: Number.isNaN(g.time1[i]) ? null : g.time1[i],
          time2: Number.isNaN(g.time2[i]) ? null : g.time2[i],
          status: pointStatus(out, gi, i),
          bridge: (g.flags[i] & AccessFlag.bridge) !== 0,
          singleLink: (g.flags[i] & AccessFlag.singleLink) !== 0,
        }));
      rows.push({
        level,
        code,
        group: g.key,
        resident: summarise(items((p) => p.population)),
        seasonal: summarise(items((p) => p.seasonalPopulation)),
      });
    }
  });
  return rows;
}

/**
 * Writes points, results and summaries of a computed run and marks it done, in one transaction:
 * readers see a run's results completely or not at all.
 */
export async function persistRun(
  db: Db,
  runId: number,
  points: readonly PopulationPoint[],
  services: Record<string, ServiceRef[]>,
  out: AccessComputeOutput,
  finish: { stats: AccessRunStats; graphVersion: string },
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const total = points.length * (1 + out.groups.length);
  let done = 0;
  await db.transaction(async (tx: Tx) => {
    await bulkInsert(
      tx,
      'access_points',
      POINT_COLUMNS,
      points.map((p, i) => ({
        run_id: runId,
        idx: i,
        ref: p.ref,
        type: p.type,
        name: p.name,
        lat: p.lat,
        lon: p.lon,
        population: p.population,
        seasonal_population: p.seasonalPopulation,
        municipality_code: p.municipalityCode,
        snap_m: round(out.pointSnapM[i], 1),
      })),
    );
    done += points.length;
    onProgress?.(done, total);
    for (let gi = 0; gi < out.groups.length; gi++) {
      const g = out.groups[gi];
      const list = services[g.key] ?? [];
      const idOf = (s: number) => (s >= 0 ? list[s].id : null);
      const rows: Record<string, unknown>[] = new Array(points.length);
      for (let i = 0; i < points.length; i++)
        rows[i] = {
          run_id: runId,
          kind_group: g.key,
          point_idx: i,
          status: pointStatus(out, gi, i),
          time1_s: round(g.time1[i], 1),
          dist1_m: round(g.dist1[i], 0),
          nearest_id: idOf(g.source1[i]),
          time2_s: round(g.time2[i], 1),
          dist2_m: round(g.dist2[i], 0),
          second_id: idOf(g.source2[i]),
          bridge_dependent: (g.flags[i] & AccessFlag.bridge) !== 0,
          single_link: (g.flags[i] & AccessFlag.singleLink) !== 0,
        };
      await bulkInsert(tx, 'access_results', RESULT_COLUMNS, rows);
      done += points.length;
      onProgress?.(done, total);
    }
    const summaries = buildSummaries(points, out);
    await bulkInsert(
      tx,
      'access_summaries',
      SUMMARY_COLUMNS,
      summaries.map((s) => ({
        run_id: runId,
        level: s.level,
        code: s.code,
        kind_group: s.group,
        resident: s.resident,
        seasonal: s.seasonal,
      })),
    );
    await finishRun(tx, runId, 'done', {
      stats: finish.stats,
      graphVersion: finish.graphVersion,
      error: null,
    });
  });
}
