/**
 * Accessibility runs: start (in the background, for the API) or run to completion (CLI), report
 * status and progress, cancel, and decide whether a finished run is still current.
 *
 * A run records its inputs when it starts: the graph (name and content version) and the registry
 * snapshot, taken before the inputs are read, so a change made while the run reads can only make
 * it look stale, never fresh by mistake. Reading a finished run compares those inputs with the
 * present ones (and the configured kind groups); any difference marks it stale, permanently,
 * with the reasons. Nothing reuses a stale run: the CLI starts a new one, the API reports it.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { accessRuns } from '../db/schema.js';
import { type Actor, canEditRegistry } from '../domain/actor.js';
import { AppError, conflict, ErrorIds, forbidden, notFound } from '../errors.js';
import { type AccessConfig, type AccessRunStats, type AccessRunView, SOT_GROUP } from '../shared/access.js';
import { sameJson } from './canonical.js';
import type { AccessComputeInput } from './compute.js';
import { analysisGroups, getAccessConfig, selectGroups } from './config.js';
import { type GraphRef, graphFileOf, graphFileVersion, resolveGraph } from './graph-ref.js';
import { loadPopulationPoints, loadServices, registrySnapshot, snapshotChanges } from './inputs.js';
import { abortJob, isLocalJob, launchJob } from './jobs.js';
import { AccessCancelled, runAccessWorker } from './run-worker.js';
import { requireVisibleGroup, runForReader, SOT_STATUSES_CHANGED, visibleGroups } from './sot-visibility.js';
import {
  finishRun,
  getRunRow,
  groupsOf,
  insertRun,
  markStale,
  persistRun,
  type RunRow,
  toRunView,
  touchRun,
} from './store.js';

export interface RunOptions {
  /** Graph name; default the pinned graph, else the newest. */
  graph?: string;
  /** Group keys to compute; default every configured group. */
  groups?: string[];
}

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** Overall progress 0 … 1 with the current phase. */
  onProgress?: (phase: string, progress: number) => void;
}

/** A running job that has not shown a sign of life for this long was interrupted. */
const INTERRUPTED_AFTER_MS = 5 * 60 * 1000;
/** How often a running job writes its heartbeat and polls for a cancel request. */
const HEARTBEAT_MS = 2000;

function checkMayRun(actor: Actor): void {
  if (!canEditRegistry(actor))
    throw forbidden('Only administrators, county and municipality users may start accessibility runs');
}

interface Resolved {
  groups: Record<string, string[]>;
  graph: GraphRef;
  maxSnapMetres: number;
}

/** Checks the role and resolves groups and graph (400/403/404 before anything is written). */
async function resolveInputs(db: DbOrTx, actor: Actor, dataDir: string, opts: RunOptions): Promise<Resolved> {
  checkMayRun(actor);
  const config = await getAccessConfig(db);
  return {
    groups: selectGroups(config, opts.groups),
    graph: resolveGraph(dataDir, opts.graph, config.graph),
    maxSnapMetres: config.maxSnapMetres,
  };
}

/** Records the run with the registry snapshot taken now, before any input is read. */
async function prepare(db: Db, actor: Actor, r: Resolved): Promise<RunRow> {
  return insertRun(db, actor, { ...r, snapshot: await registrySnapshot(db) });
}

/** Share of the whole run each phase of the computation ends at. */
function overall(phase: string, done: number, total: number, groupCount: number): number {
  const f = total > 0 ? done / total : 0;
  if (phase === 'load') return 0.05 * f;
  if (phase === 'index') return 0.05;
  if (phase === 'snap') return 0.05 + 0.1 * f;
  if (phase === 'bridges') return 0.15;
  if (phase.startsWith('group ')) return 0.2 + (0.65 * done) / Math.max(1, groupCount);
  if (phase === 'done') return 0.85;
  return 0;
}

/** Executes a prepared run: inputs, worker, persistence. Never throws; the row records the outcome. */
async function execute(db: Db, row: RunRow, dataDir: string, opts: ExecuteOptions): Promise<void> {
  const started = performance.now();
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let phase = 'queued';
  let progress = 0;
  const report = (p: string, value: number) => {
    phase = p;
    progress = value;
    opts.onProgress?.(p, value);
  };
  // The heartbeat doubles as the cancel poll for requests made through another app instance.
  let beating = Promise.resolve();
  const timer = setInterval(() => {
    beating = touchRun(db, row.id, { phase, progress })
      .then((cancel) => {
        if (cancel) controller.abort();
      })
      .catch(() => {});
  }, HEARTBEAT_MS);
  try {
    if (
      await touchRun(db, row.id, { status: 'running', phase: 'inputs', progress: 0, startedAt: new Date() })
    )
      throw new AccessCancelled();
    report('inputs', 0);
    const { points, sources } = await loadPopulationPoints(db);
    const groups = groupsOf(row);
    const { services, withoutStore } = await loadServices(db, groups);
    const groupKeys = Object.keys(groups);
    const input: AccessComputeInput = {
      pointLat: Float64Array.from(points, (p) => p.lat),
      pointLon: Float64Array.from(points, (p) => p.lon),
      groups: groupKeys.map((key) => ({
        key,
        lat: Float64Array.from(services[key], (s) => s.lat),
        lon: Float64Array.from(services[key], (s) => s.lon),
      })),
      maxSnapMetres: row.maxSnapMetres,
    };
    if (controller.signal.aborted) throw new AccessCancelled();
    const computeStarted = performance.now();
    const { graphVersion, output } = await runAccessWorker(
      { graphFile: graphFileOf(dataDir, row.graphName), input },
      {
        signal: controller.signal,
        onProgress: (p, done, total) => report(p, overall(p, done, total, groupKeys.length)),
      },
    );
    const computeMs = performance.now() - computeStarted;
    report('saving', 0.85);
    const unsnapped = points.flatMap((p, i) => (Number.isNaN(output.pointSnapM[i]) ? [p] : []));
    const stats: AccessRunStats = {
      points: points.length,
      unsnappedPoints: unsnapped.length,
      unsnappedSample: unsnapped
        .slice(0, 100)
        .map((p) => ({ ref: p.ref, name: p.name, lat: p.lat, lon: p.lon, population: p.population })),
      populationSources: sources,
      services: Object.fromEntries(
        output.groups.map((g) => {
          const list = services[g.key];
          const missing = list.filter((_, j) => g.serviceSnapped[j] === 0);
          const placeless = withoutStore[g.key];
          return [
            g.key,
            {
              total: list.length,
              unsnapped: missing.length,
              unsnappedIds: missing.slice(0, 20).map((s) => s.id),
              ...(placeless
                ? { withoutStore: placeless.length, withoutStoreIds: placeless.slice(0, 20) }
                : {}),
            },
          ];
        }),
      ),
      computeMs: Math.round(computeMs),
      totalMs: 0,
    };
    if (controller.signal.aborted) throw new AccessCancelled();
    stats.totalMs = Math.round(performance.now() - started);
    await persistRun(db, row.id, points, services, output, { stats, graphVersion }, (done, total) =>
      report('saving', 0.85 + (0.15 * done) / Math.max(1, total)),
    );
    report('done', 1);
  } catch (err) {
    const cancelled = err instanceof AccessCancelled || controller.signal.aborted;
    const message = cancelled ? 'cancelled' : err instanceof Error ? err.message : String(err);
    await finishRun(db, row.id, cancelled ? 'cancelled' : 'failed', { error: message }).catch(() => {});
  } finally {
    clearInterval(timer);
    await beating;
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/**
 * Starts a run in the background (API). When a run over the same graph version and groups is
 * already queued or running, that run is returned instead (`reused`).
 *
 * @throws AppError `forbidden` (role), `not_found` (graph), `validation_failed` (groups).
 */
export async function startAccessRun(
  db: Db,
  actor: Actor,
  dataDir: string,
  opts: RunOptions = {},
): Promise<{ run: AccessRunView; reused: boolean }> {
  const resolved = await resolveInputs(db, actor, dataDir, opts);
  const { groups, graph } = resolved;
  const active = await db
    .select()
    .from(accessRuns)
    .where(
      and(
        inArray(accessRuns.status, ['queued', 'running']),
        eq(accessRuns.graphName, graph.name),
        eq(accessRuns.graphVersion, graph.version),
      ),
    )
    .orderBy(desc(accessRuns.id));
  const same = active.find((r) => sameJson(r.kindGroups, Object.entries(groups)) && !isInterrupted(r));
  if (same) return { run: await runView(db, dataDir, same, actor), reused: true };
  const row = await prepare(db, actor, resolved);
  launchJob(row.id, (signal) => execute(db, row, dataDir, { signal }));
  return { run: await runForReader(db, actor, toRunView(row, { stale: false, reasons: [] })), reused: false };
}

/** True for a queued/running row no process has touched for a long time. */
function isInterrupted(r: RunRow): boolean {
  if (r.status !== 'queued' && r.status !== 'running') return false;
  if (isLocalJob(r.id)) return false;
  const last = (r.heartbeatAt ?? r.createdAt).getTime();
  return Date.now() - last > INTERRUPTED_AFTER_MS;
}

/**
 * Runs an analysis to completion in the calling process (CLI, demo set-up): prepares the run,
 * executes it in a worker thread and returns the finished run.
 *
 * @throws AppError as {@link startAccessRun}; the run's own failure is in its `status`/`error`.
 */
export async function runAccessAnalysis(
  db: Db,
  actor: Actor,
  dataDir: string,
  opts: RunOptions & ExecuteOptions = {},
): Promise<AccessRunView> {
  const row = await prepare(db, actor, await resolveInputs(db, actor, dataDir, opts));
  await execute(db, row, dataDir, opts);
  return getAccessRun(db, actor, dataDir, row.id);
}

/** Whether a finished run still matches the graph, registry and configuration; marks it stale if not. */
export async function freshness(
  db: DbOrTx,
  dataDir: string,
  row: RunRow,
  config?: AccessConfig,
): Promise<{ stale: boolean; reasons: string[] }> {
  if (row.staleAt) return { stale: true, reasons: row.staleReasons ?? [] };
  if (row.status !== 'done') return { stale: false, reasons: [] };
  const reasons: string[] = [];
  let version: string | null = null;
  try {
    version = graphFileVersion(graphFileOf(dataDir, row.graphName));
  } catch {
    version = null;
  }
  if (version === null) reasons.push(`road graph "${row.graphName}" is missing or unreadable`);
  else if (version !== row.graphVersion) reasons.push(`road graph "${row.graphName}" was rebuilt`);
  reasons.push(...snapshotChanges(row.registrySnapshot as never, await registrySnapshot(db)));
  const current = analysisGroups(config ?? (await getAccessConfig(db)));
  const changed = row.kindGroups.filter(([k, kinds]) => !sameJson(current[k] ?? null, kinds)).map(([k]) => k);
  const kinds = changed.filter((k) => k !== SOT_GROUP);
  if (kinds.length > 0) reasons.push(`service groups changed: ${kinds.join(', ')}`);
  if (changed.includes(SOT_GROUP)) reasons.push(SOT_STATUSES_CHANGED);
  if (reasons.length > 0) await markStale(db, row.id, reasons);
  return { stale: reasons.length > 0, reasons };
}

/** Marks a run nobody is executing any more as failed (the process running it stopped). */
async function settleInterrupted(db: DbOrTx, row: RunRow): Promise<RunRow> {
  if (!isInterrupted(row)) return row;
  const error = 'interrupted: the process running it stopped';
  await finishRun(db, row.id, 'failed', { error });
  return { ...row, status: 'failed', error, finishedAt: new Date() };
}

/**
 * API shape of a run row as `actor` may see it (./sot-visibility.ts), after settling interruption
 * and checking freshness.
 */
export async function runView(
  db: DbOrTx,
  dataDir: string,
  row: RunRow,
  actor: Actor,
): Promise<AccessRunView> {
  const settled = await settleInterrupted(db, row);
  return runForReader(db, actor, toRunView(settled, await freshness(db, dataDir, settled)));
}

/**
 * A run's status, progress and freshness. Runs are not territorial (a run covers the whole
 * graph); what a reader may see of their results is filtered when results are read, and the
 * `sot` group only to those who may see it.
 */
export async function getAccessRun(
  db: DbOrTx,
  actor: Actor,
  dataDir: string,
  id: number,
): Promise<AccessRunView> {
  const row = await getRunRow(db, id);
  if (!row) throw notFound(`Accessibility run ${id}`);
  return runView(db, dataDir, row, actor);
}

/** The latest runs, newest first (the `sot` group left out for readers who may not see it). */
export async function listAccessRuns(
  db: DbOrTx,
  actor: Actor,
  dataDir: string,
  limit = 20,
): Promise<AccessRunView[]> {
  const rows = await db.select().from(accessRuns).orderBy(desc(accessRuns.id)).limit(limit);
  const config = await getAccessConfig(db);
  const out: AccessRunView[] = [];
  for (const r of rows) {
    const settled = await settleInterrupted(db, r);
    out.push(
      await runForReader(db, actor, toRunView(settled, await freshness(db, dataDir, settled, config))),
    );
  }
  return out;
}

/**
 * Cancels a queued or running run. Allowed to administrators and to the user who started it.
 *
 * @throws AppError `not_found`, `forbidden`, `conflict` (already finished).
 */
export async function cancelAccessRun(db: DbOrTx, actor: Actor, id: number): Promise<AccessRunView> {
  const row = await getRunRow(db, id);
  if (!row) throw notFound(`Accessibility run ${id}`);
  if (actor.role !== 'admin' && (actor.userId === null || row.requestedBy !== actor.userId))
    throw forbidden('Only administrators and the user who started a run may cancel it');
  if (row.status !== 'queued' && row.status !== 'running')
    throw conflict(`Run ${id} has already ended (${row.status})`);
  await db.update(accessRuns).set({ cancelRequested: true }).where(eq(accessRuns.id, id));
  // Executing here: the job ends itself and records the cancellation. Elsewhere (or nowhere, a
  // queued run that never started): the row is ended now; a remote job sees the flag and stops.
  if (!abortJob(id)) await finishRun(db, id, 'cancelled', { error: 'cancelled' });
  const after = await getRunRow(db, id);
  return runForReader(db, actor, toRunView(after ?? row, { stale: false, reasons: [] }));
}

/** The newest finished run that computed `group` (any group when absent), or null. */
export async function latestDoneRun(db: DbOrTx, group?: string): Promise<RunRow | null> {
  const [row] = await db
    .select()
    .from(accessRuns)
    .where(
      and(
        eq(accessRuns.status, 'done'),
        group === undefined
          ? undefined
          : sql`${accessRuns.kindGroups} @> ${JSON.stringify([[group]])}::jsonb`,
      ),
    )
    .orderBy(desc(accessRuns.id))
    .limit(1);
  return row ?? null;
}

/**
 * A finished, fresh run over `graph` with exactly these group definitions (CLI reuse), or null.
 */
export async function findReusableRun(
  db: DbOrTx,
  dataDir: string,
  graph: { name: string; version: string },
  groups: Record<string, string[]>,
  maxSnapMetres: number,
): Promise<RunRow | null> {
  const rows = await db
    .select()
    .from(accessRuns)
    .where(
      and(
        eq(accessRuns.status, 'done'),
        eq(accessRuns.graphName, graph.name),
        eq(accessRuns.graphVersion, graph.version),
        sql`${accessRuns.staleAt} is null`,
      ),
    )
    .orderBy(desc(accessRuns.id))
    .limit(10);
  for (const r of rows) {
    if (r.maxSnapMetres !== maxSnapMetres) continue;
    const has = groupsOf(r);
    if (!Object.entries(groups).every(([k, kinds]) => sameJson(has[k] ?? null, kinds))) continue;
    if (!(await freshness(db, dataDir, r)).stale) return r;
  }
  return null;
}

/**
 * The run a read refers to: `id` when given (404 if missing), else the newest finished one with
 * `group`. A group the actor may not see is a 404 (./sot-visibility.ts).
 */
export async function runForRead(
  db: DbOrTx,
  actor: Actor,
  id: number | undefined,
  group?: string,
): Promise<RunRow | null> {
  requireVisibleGroup(actor, group);
  if (id === undefined) return latestDoneRun(db, group);
  const row = await getRunRow(db, id);
  if (!row) throw notFound(`Accessibility run ${id}`);
  if (group !== undefined && !(group in groupsOf(row)))
    throw new AppError(ErrorIds.validation, 400, `Run ${id} did not compute group "${group}"`, [
      {
        field: 'group',
        reason: `the run computed ${Object.keys(visibleGroups(actor, groupsOf(row))).join(', ')}`,
      },
    ]);
  return row;
}
