/**
 * `sot analyze access` and `sot access config`: the accessibility analysis from the command line.
 *
 * `analyze access` uses a finished run that is still current (same graph build, same registry
 * state, same group definitions) or computes a new one in a worker thread (Ctrl+C cancels it),
 * then prints the summaries Tillväxtanalys-style, or writes CSV or GeoJSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getAccessConfig, selectGroups, updateAccessConfig } from '../access/config.js';
import { listGraphFiles, resolveGraph } from '../access/graph-ref.js';
import { getAccessResults, getAccessSummary } from '../access/queries.js';
import { findReusableRun, runAccessAnalysis, runView } from '../access/runs.js';
import { exportAccessSummaryXlsx } from '../access/summary-export.js';
import { type Actor, SYSTEM_ACTOR } from '../domain/actor.js';
import { AppError, ErrorIds } from '../errors.js';
import {
  type AccessResult,
  type AccessRunView,
  type AccessSummaryRow,
  DEFAULT_KIND_GROUPS,
  SOT_GROUP,
  type WeightedSummary,
} from '../shared/access.js';
import { KIND_LABELS, type ServiceKind, serviceKindSchema } from '../shared/kinds.js';
import { SOT_STATUSES, type SotStatus, STATUS_LABELS } from '../sot/schemas.js';
import { type Command, type CommandContext, str } from './command.js';
import { formatTable, resolvePath, UsageError } from './io.js';
import { importPopulation } from './population.js';
import { createProgress } from './progress.js';

const FORMATS = ['table', 'csv', 'geojson', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `grocery (Dagligvarubutik)`, `cash (Bankomat, Kontantservice)`; the `sot` group names its
 * statuses: `sot (SOT-punkt: i drift)`.
 */
export function groupTitle(key: string, kinds: readonly string[]): string {
  if (key === SOT_GROUP)
    return `${key} (SOT-punkt: ${kinds.map((s) => STATUS_LABELS[s as SotStatus]?.sv ?? s).join(', ')})`;
  const labels = kinds.map((k) => KIND_LABELS[k as ServiceKind]?.sv ?? k);
  return `${key} (${labels.join(', ')})`;
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}`);
const min = (x: number | null) => (x === null ? '–' : x.toFixed(1));
const people = (x: number) => Math.round(x).toLocaleString('sv-SE');

/** The Tillväxtanalys-style table of one group: one row per municipality, then the counties. */
export function summaryTable(rows: AccessSummaryRow[], weight: 'resident' | 'seasonal'): string[] {
  const ordered = [...rows].sort((a, b) =>
    a.level === b.level ? a.code.localeCompare(b.code) : a.level === 'municipality' ? -1 : 1,
  );
  return formatTable(
    [
      'territory',
      'population',
      '<5 %',
      '5–10 %',
      '10–30 %',
      '>30 %',
      'median min',
      'p90 min',
      'no 2nd ≤30',
      'bridge-dep.',
    ],
    ordered.map((r) => {
      const s: WeightedSummary = r[weight];
      return [
        `${r.level === 'county' ? 'county ' : ''}${r.code}${r.name ? ` ${r.name}` : ''}`,
        people(s.population),
        pct(s.bands.lt5),
        pct(s.bands.m5to10),
        pct(s.bands.m10to30),
        pct(s.bands.gt30),
        min(s.medianMin),
        min(s.p90Min),
        people(s.noSecondWithin30.people),
        people(s.bridgeDependent.people),
      ];
    }),
  );
}

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV row per group, territory and weighting, every summary figure a column. */
export function summaryCsv(rows: AccessSummaryRow[]): string[] {
  const header = [
    'group',
    'level',
    'code',
    'name',
    'weighting',
    'population',
    'points',
    'within_5',
    'within_10',
    'within_20',
    'within_30',
    'within_45',
    'within_60',
    'band_lt5',
    'band_5to10',
    'band_10to30',
    'band_gt30',
    'median_min',
    'p90_min',
    'mean_min',
    'no_second_within_30',
    'bridge_dependent',
    'single_link_dependent',
    'unreachable',
    'unsnapped',
  ];
  const lines = [header.join(',')];
  for (const r of rows)
    for (const weighting of ['resident', 'seasonal'] as const) {
      const s = r[weighting];
      lines.push(
        [
          r.group,
          r.level,
          r.code,
          r.name,
          weighting,
          s.population,
          s.points,
          ...['5', '10', '20', '30', '45', '60'].map((m) => s.within[m]),
          s.bands.lt5,
          s.bands.m5to10,
          s.bands.m10to30,
          s.bands.gt30,
          s.medianMin,
          s.p90Min,
          s.meanMin,
          s.noSecondWithin30.people,
          s.bridgeDependent.people,
          s.singleLinkDependent.people,
          s.unreachable.people,
          s.unsnapped.people,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  return lines;
}

/** Population points with one set of `<group>_…` properties per group (GIS-friendly columns). */
export function resultsGeoJson(run: AccessRunView, byGroup: Record<string, AccessResult[]>): unknown {
  const features = new Map<
    string,
    { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> }
  >();
  for (const [group, items] of Object.entries(byGroup))
    for (const it of items) {
      let f = features.get(it.ref);
      if (!f) {
        f = {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [it.lon, it.lat] },
          properties: {
            ref: it.ref,
            type: it.type,
            name: it.name,
            population: it.population,
            seasonal_population: it.seasonalPopulation,
            municipality_code: it.municipalityCode,
          },
        };
        features.set(it.ref, f);
      }
      Object.assign(f.properties, {
        [`${group}_status`]: it.status,
        [`${group}_min`]: it.time1S === null ? null : Math.round((it.time1S / 60) * 10) / 10,
        [`${group}_km`]: it.dist1M === null ? null : Math.round(it.dist1M / 100) / 10,
        [`${group}_nearest_id`]: it.nearestId,
        [`${group}_nearest`]: it.nearestName,
        [`${group}_2nd_min`]: it.time2S === null ? null : Math.round((it.time2S / 60) * 10) / 10,
        [`${group}_2nd_id`]: it.secondId,
        [`${group}_bridge_dependent`]: it.bridgeDependent,
      });
    }
  return {
    type: 'FeatureCollection',
    run: { id: run.id, graph: run.graph, finishedAt: run.finishedAt, stale: run.stale },
    features: [...features.values()],
  };
}

function parseKinds(arg: string | undefined): string[] | undefined {
  if (arg === undefined) return undefined;
  const keys = arg
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (keys.length === 0) throw new UsageError('--kind needs at least one group, e.g. --kind grocery,fuel');
  return keys;
}

/** A fresh finished run for the groups, or a new one computed now. */
async function obtainRun(
  ctx: CommandContext,
  actor: Actor,
  opts: { graph?: string; groups?: string[]; rerun: boolean },
): Promise<AccessRunView> {
  const database = await ctx.database();
  const db = database.db;
  const dataDir = ctx.config().dataDir;
  const config = await getAccessConfig(db);
  const groups = selectGroups(config, opts.groups);
  const graph = resolveGraph(dataDir, opts.graph, config.graph);
  if (!opts.rerun) {
    const reusable = await findReusableRun(db, dataDir, graph, groups, config.maxSnapMetres);
    if (reusable) {
      ctx.err(
        `Using run ${reusable.id} (graph ${graph.name}, finished ${reusable.finishedAt?.toISOString()}); --rerun computes anew.`,
      );
      return runView(db, dataDir, reusable, actor);
    }
  }
  const progress = createProgress(ctx.io.stderr, { label: 'accessibility' });
  const started = performance.now();
  let run: AccessRunView;
  try {
    run = await runAccessAnalysis(db, actor, dataDir, {
      graph: graph.name,
      groups: Object.keys(groups),
      signal: ctx.io.signal,
      onProgress: (phase, p) => progress.update({ phase, done: Math.round(p * 100), total: 100 }),
    });
  } finally {
    progress.finish();
  }
  if (run.status !== 'done')
    throw new AppError(
      ErrorIds.internal,
      500,
      run.status === 'cancelled'
        ? 'The accessibility run was cancelled'
        : `The accessibility run failed: ${run.error}`,
    );
  const s = run.stats;
  ctx.err(
    `Computed run ${run.id} on graph ${graph.name} in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `${s?.points ?? 0} population points, ${s?.unsnappedPoints ?? 0} beyond ${config.maxSnapMetres} m from any road.`,
  );
  for (const [g, v] of Object.entries(s?.services ?? {})) {
    if (v.unsnapped > 0) ctx.err(`  ${g}: ${v.unsnapped} of ${v.total} service points too far from any road`);
    if (v.withoutStore)
      ctx.err(
        `  ${g}: ${v.withoutStore} SOT-punkt(er) skipped, their store was deleted (ids ${v.withoutStoreIds?.join(', ')})`,
      );
  }
  return run;
}

export const analyzeAccess: Command = {
  name: 'analyze access',
  summary: 'Travel time from every resident to the nearest and second-nearest service, per municipality',
  usage:
    '[--graph NAME] [--kind grocery,fuel,…] [--municipality CODE | --county CODE] [--format table|csv|geojson|xlsx] [--out FILE]',
  args: { min: 0, max: 0 },
  options: {
    graph: {
      type: 'string',
      value: 'NAME',
      description: 'road graph (default: the pinned one, else the newest)',
    },
    kind: {
      type: 'string',
      value: 'GROUPS',
      description: 'service groups, comma-separated (default: all configured)',
    },
    municipality: { type: 'string', value: 'CODE', description: 'show one municipality (4 digits)' },
    county: { type: 'string', value: 'CODE', description: 'show one county (2 digits)' },
    format: {
      type: 'string',
      value: 'FORMAT',
      description: 'table (default), csv (summaries), geojson (points) or xlsx (summaries, needs --out)',
    },
    out: { type: 'string', value: 'FILE', description: 'write to this file instead of standard output' },
    weight: {
      type: 'string',
      value: 'W',
      description: 'table and xlsx weighting: resident (default) or seasonal',
    },
    rerun: { type: 'boolean', description: 'compute a new run even when a current one exists' },
  },
  help: [
    'Groups are configured with "sot access config" (default: grocery, fuel, pharmacy = pharmacy or',
    'pharmacy agent, cash = ATM or cash service, parcel = parcel agent or post office). Population comes',
    'from SCB grid cells where a municipality has them, else from places. Table columns: the shares of',
    'the population within the Tillväxtanalys bands (< 5, 5–10, 10–30, > 30 minutes by car; > 30 also',
    'holds people with no route), weighted median and 90th percentile, people with no second service',
    'within 30 minutes, and people whose every route to the nearest crosses one bridge.',
    'The sot group (--kind sot) measures the way to the nearest SOT-punkt in the configured statuses',
    '(default: in operation), at its store; change the statuses with "sot access config --sot-statuses".',
  ],
  async run(ctx) {
    const format = (str(ctx.values, 'format') ?? 'table') as Format;
    if (!FORMATS.includes(format))
      throw new UsageError(`--format must be table, csv, geojson or xlsx (got ${format})`);
    const weight = str(ctx.values, 'weight') ?? 'resident';
    if (weight !== 'resident' && weight !== 'seasonal')
      throw new UsageError(`--weight must be resident or seasonal (got ${weight})`);
    const outArg = str(ctx.values, 'out');
    if (format === 'xlsx' && !outArg)
      throw new UsageError('--format xlsx needs --out FILE (a workbook is not text)');
    const municipality = str(ctx.values, 'municipality');
    const county = str(ctx.values, 'county');
    if (municipality !== undefined && !/^\d{4}$/.test(municipality))
      throw new UsageError('--municipality must be a 4-digit code');
    if (county !== undefined && !/^\d{2}$/.test(county))
      throw new UsageError('--county must be a 2-digit code');
    const groups = parseKinds(str(ctx.values, 'kind'));
    const run = await obtainRun(ctx, SYSTEM_ACTOR, {
      graph: str(ctx.values, 'graph'),
      groups,
      rerun: ctx.values.rerun === true,
    });
    const database = await ctx.database();
    const dataDir = ctx.config().dataDir;
    const keys = groups ?? Object.keys(run.groups);
    if (format === 'xlsx' && outArg) {
      const file = resolvePath(ctx.io, outArg);
      // One sheet per group: the one named group, else every group of the run.
      const workbook = await exportAccessSummaryXlsx(database.db, SYSTEM_ACTOR, dataDir, {
        run: run.id,
        group: keys.length === 1 ? keys[0] : undefined,
        municipality,
        county,
        weighting: weight,
      });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, workbook.body);
      ctx.err(`Wrote ${file}`);
      return 0;
    }
    const lines: string[] = [];
    if (format === 'geojson') {
      const byGroup: Record<string, AccessResult[]> = {};
      for (const group of keys)
        byGroup[group] = (
          await getAccessResults(database.db, SYSTEM_ACTOR, dataDir, {
            group,
            run: run.id,
            municipality,
            county,
            limit: 50_000_000,
          })
        ).items;
      lines.push(JSON.stringify(resultsGeoJson(run, byGroup)));
    } else {
      const all: AccessSummaryRow[] = [];
      for (const group of keys)
        all.push(
          ...(
            await getAccessSummary(database.db, SYSTEM_ACTOR, dataDir, {
              group,
              run: run.id,
              municipality,
              county,
            })
          ).rows,
        );
      if (format === 'csv') lines.push(...summaryCsv(all));
      else
        keys.forEach((group, i) => {
          if (i > 0) lines.push('');
          lines.push(
            `${groupTitle(group, run.groups[group] ?? [])}: share of the ${weight} population by minutes by car`,
          );
          const rows = all.filter((r) => r.group === group);
          lines.push(...(rows.length > 0 ? summaryTable(rows, weight) : ['(no population points)']));
        });
    }
    if (outArg) {
      const file = resolvePath(ctx.io, outArg);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      ctx.err(`Wrote ${file}`);
    } else for (const line of lines) ctx.out(line);
    return 0;
  },
};

function describeConfig(ctx: CommandContext, config: Awaited<ReturnType<typeof getAccessConfig>>): void {
  ctx.out('Service groups:');
  for (const line of formatTable(
    ['group', 'kinds'],
    Object.entries(config.groups).map(([k, kinds]) => [k, kinds.join(', ')]),
  ))
    ctx.out(`  ${line}`);
  const graphs = listGraphFiles(ctx.config().dataDir);
  const current = config.graph ?? graphs[0]?.name ?? null;
  ctx.out(
    `Graph: ${current ?? 'none built yet'}${config.graph ? ' (pinned)' : current ? ' (the newest; pin one with --graph)' : ''}`,
  );
  ctx.out(`Snapping limit: ${config.maxSnapMetres} m`);
  ctx.out(
    config.sotStatuses.length > 0
      ? `SOT-punkter (group ${SOT_GROUP}): status ${config.sotStatuses.join(', ')}`
      : `SOT-punkter: not analysed (no statuses; --sot-statuses i_drift adds the ${SOT_GROUP} group)`,
  );
}

/** `i_drift,beviljad` → the list; `none` (or an empty value) → no statuses, no `sot` group. */
export function parseSotStatuses(arg: string): string[] {
  const list = arg
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length === 1 && list[0] === 'none' ? [] : list;
}

export const accessConfig: Command = {
  name: 'access config',
  summary: 'Show or change the accessibility analysis configuration (service groups, graph)',
  usage:
    '[--set-group NAME=KIND,KIND] [--remove-group NAME] [--reset-groups] [--sot-statuses S,S|none] [--graph NAME | --unpin-graph] [--max-snap METRES]',
  args: { min: 0, max: 0 },
  options: {
    'set-group': {
      type: 'string',
      value: 'NAME=KINDS',
      description: 'add or replace a group, e.g. cash=atm,cash_service',
    },
    'remove-group': { type: 'string', value: 'NAME', description: 'remove a group' },
    'reset-groups': { type: 'boolean', description: 'back to the default five groups' },
    graph: { type: 'string', value: 'NAME', description: 'pin the graph analyses use' },
    'unpin-graph': { type: 'boolean', description: 'use the newest graph again' },
    'max-snap': { type: 'string', value: 'METRES', description: 'snapping limit (default 5000)' },
    'sot-statuses': {
      type: 'string',
      value: 'STATUSES',
      description: 'SOT-punkter the sot group counts, e.g. i_drift,beviljad; none = no sot group',
    },
  },
  help: [
    `Kinds: ${serviceKindSchema.options.join(', ')}.`,
    `SOT statuses: ${SOT_STATUSES.join(', ')} (default i_drift). The group name ${SOT_GROUP} is reserved.`,
  ],
  async run(ctx) {
    const database = await ctx.database();
    const db = database.db;
    const config = await getAccessConfig(db);
    const patch: Parameters<typeof updateAccessConfig>[2] = {};
    let groups = { ...config.groups };
    if (ctx.values['reset-groups'] === true) groups = { ...DEFAULT_KIND_GROUPS };
    const set = str(ctx.values, 'set-group');
    if (set !== undefined) {
      const m = /^([^=]+)=(.+)$/.exec(set);
      if (!m) throw new UsageError('--set-group takes NAME=KIND,KIND (e.g. cash=atm,cash_service)');
      groups[m[1].trim()] = m[2].split(',').map((k) => k.trim()) as ServiceKind[];
    }
    const remove = str(ctx.values, 'remove-group');
    if (remove !== undefined) {
      if (!(remove in groups))
        throw new UsageError(`no group ${remove} (groups: ${Object.keys(groups).join(', ')})`);
      delete groups[remove];
    }
    if (set !== undefined || remove !== undefined || ctx.values['reset-groups'] === true)
      patch.groups = groups;
    const graph = str(ctx.values, 'graph');
    if (graph !== undefined && ctx.values['unpin-graph'] === true)
      throw new UsageError('--graph and --unpin-graph contradict each other');
    if (graph !== undefined) {
      resolveGraph(ctx.config().dataDir, graph);
      patch.graph = graph;
    }
    if (ctx.values['unpin-graph'] === true) patch.graph = null;
    const maxSnap = str(ctx.values, 'max-snap');
    if (maxSnap !== undefined) patch.maxSnapMetres = Number(maxSnap);
    const sotStatuses = str(ctx.values, 'sot-statuses');
    // Validated (status names, duplicates) with the rest of the configuration, naming the field.
    if (sotStatuses !== undefined) patch.sotStatuses = parseSotStatuses(sotStatuses) as SotStatus[];
    const after = Object.keys(patch).length > 0 ? await updateAccessConfig(db, SYSTEM_ACTOR, patch) : config;
    describeConfig(ctx, after);
    return 0;
  },
};

/** The accessibility commands (and the population import they use), for the CLI's command list. */
export const ACCESS_COMMANDS: Command[] = [importPopulation, analyzeAccess, accessConfig];
