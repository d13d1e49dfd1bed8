/**
 * `sot graph build|info|export|paths`: the road graph from the command line. Graphs live in
 * `<SOT_DATA_DIR>/graphs/<name>.sotgraph`; commands taking a graph accept a name, a `.sotgraph`
 * path, or (for `paths`) a DIMACS `.gr` file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError, conflict, ErrorIds } from '../errors.js';
import { ROAD_CLASSES } from '../graph/attributes.js';
import { buildRoadGraph } from '../graph/build.js';
import type { CsrGraph } from '../graph/csr.js';
import { DijkstraWorkspace, multiSourceDijkstra, sumReachedTimes } from '../graph/dijkstra.js';
import {
  readDimacsGraph,
  readNodeIdList,
  writeDimacsCoordinates,
  writeDimacsGraph,
} from '../graph/dimacs.js';
import { readGraph, writeGraph } from '../graph/format.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { roadAttribution } from '../maptiles/attribution.js';
import { graphNameSchema } from '../shared/access.js';
import { type Command, type CommandContext, str } from './command.js';
import { formatBytes, resolvePath, UsageError } from './io.js';
import { createProgress } from './progress.js';

const GRAPH_EXT = '.sotgraph';

/** Directory holding the named graphs of a data directory. */
export function graphsDir(dataDir: string): string {
  return path.join(dataDir, 'graphs');
}

/** Default graph name for an OSM file: its base name without `.osm.pbf`, `.osm`, `.osm.gz`. */
export function graphNameFor(osmFile: string): string {
  return (
    path
      .basename(osmFile)
      .replace(/(\.osm)?(\.pbf|\.gz|\.xml)?$/i, '')
      .replace(/\.osm$/i, '') || 'graph'
  );
}

/**
 * Where a graph argument points: an existing file path, or a name in the data directory. With no
 * argument, the only graph in the data directory.
 */
function locateGraph(ctx: CommandContext, arg: string | undefined): string {
  if (arg !== undefined) {
    const asPath = resolvePath(ctx.io, arg);
    if (fs.existsSync(asPath) && fs.statSync(asPath).isFile()) return asPath;
    if (arg.includes('/') || arg.endsWith(GRAPH_EXT) || arg.endsWith('.gr'))
      throw new AppError(ErrorIds.fileNotFound, 404, `Graph file ${asPath} not found`);
    const named = path.join(graphsDir(ctx.config().dataDir), `${arg}${GRAPH_EXT}`);
    if (!fs.existsSync(named))
      throw new AppError(ErrorIds.fileNotFound, 404, `No graph named "${arg}" (looked for ${named})`);
    return named;
  }
  const all = listGraphs(ctx.config().dataDir);
  if (all.length === 1) return all[0];
  throw new UsageError(
    all.length === 0
      ? 'no graph built yet; run "sot graph build <osm-file>" first'
      : `several graphs exist (${all.map((f) => path.basename(f, GRAPH_EXT)).join(', ')}); name one with --graph`,
  );
}

function listGraphs(dataDir: string): string[] {
  const dir = graphsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(GRAPH_EXT))
    .sort()
    .map((f) => path.join(dir, f));
}

const km = (m: number) => `${(m / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} km`;

/** Human summary of a graph's metadata. */
export function describeGraph(file: string, g: RoadGraph): string[] {
  const { meta } = g;
  const c = meta.counts;
  const lines = [
    `graph ${file} (format ${meta.formatVersion}, ${formatBytes(fs.statSync(file).size)})`,
    `  built ${meta.builtAt} from ${meta.source ? `${meta.source.path} (${formatBytes(meta.source.bytes)})` : 'unknown source'}`,
    // The generator decides the maps' credit: OpenStreetMap's, or the fictional demo's notice.
    `  written by ${meta.source?.generator ?? 'an unnamed program'}; map credit "${roadAttribution(meta)}"`,
    `  profile ${meta.profile ? JSON.stringify(meta.profile) : 'none'}`,
    `  nodes ${c.nodes.toLocaleString('en')}, edges ${c.edges.toLocaleString('en')}, segments ${c.segments.toLocaleString('en')}, geometry points ${c.geometryPoints.toLocaleString('en')}`,
    `  from ${c.osmWays.toLocaleString('en')} OSM ways with ${c.osmRoadNodes.toLocaleString('en')} road nodes; ${c.nodesBeforeContraction.toLocaleString('en')} junctions before chain contraction`,
  ];
  if (meta.bbox) lines.push(`  bbox ${meta.bbox.map((x) => x.toFixed(5)).join(', ')} (lon/lat)`);
  const byClass = new Map<number, number>();
  for (let e = 0; e < g.edgeCount; e++)
    byClass.set(g.edgeClass[e], (byClass.get(g.edgeClass[e]) ?? 0) + g.forward.length[e]);
  lines.push(
    `  road length by class (directed edges): ${[...byClass.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([k, m]) => `${ROAD_CLASSES[k] ?? k} ${km(m)}`)
      .join(', ')}`,
  );
  const d = meta.dropped;
  lines.push(
    d.components === 0
      ? '  dropped: nothing (the road network is one strongly connected component)'
      : `  dropped: ${d.components} components outside the largest strongly connected one, ${d.nodes} nodes, ${km(d.roadMetres)} of road`,
  );
  for (const x of d.largest.slice(0, 10))
    lines.push(`    ${x.nodes} nodes, ${km(x.roadMetres)} near ${x.lat.toFixed(5)}, ${x.lon.toFixed(5)}`);
  if (d.components > 10) lines.push(`    … ${d.components - 10} more (see the metadata)`);
  return lines;
}

/**
 * The file `graph build` writes: `--out`, else `<name>.sotgraph` in the data directory. Names follow
 * the rule of `sot access config --graph` (graphNameSchema), so they cannot leave the graphs folder.
 */
function graphTarget(ctx: CommandContext, osm: string): string {
  const outArg = str(ctx.values, 'out');
  if (outArg) return resolvePath(ctx.io, outArg);
  const given = str(ctx.values, 'name');
  const name = given ?? graphNameFor(osm);
  const parsed = graphNameSchema.safeParse(name);
  if (!parsed.success)
    throw new AppError(
      ErrorIds.validation,
      400,
      given === undefined
        ? `The OSM file name gives the graph name "${name}", which is not allowed; choose one with --name`
        : `Invalid graph name "${name}"`,
      [{ field: 'name', reason: parsed.error.issues[0]?.message ?? 'invalid graph name' }],
    );
  return path.join(graphsDir(ctx.config().dataDir), `${name}${GRAPH_EXT}`);
}

/** Writes beside the target and renames, so a failed write never leaves half a graph in use. */
function writeGraphAtomically(file: string, graph: RoadGraph): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeGraph(tmp, graph);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

export const graphBuild: Command = {
  name: 'graph build',
  summary: 'Build the car road graph from an OSM file (.osm.pbf, .osm, .osm.gz)',
  usage: '<osm-file> [--name NAME | --out FILE] [--include-tracks] [--include-private]',
  args: { min: 1, max: 1 },
  options: {
    name: { type: 'string', value: 'NAME', description: 'graph name (default: the OSM file name)' },
    out: { type: 'string', value: 'FILE', description: 'write to this file instead of the data directory' },
    'include-tracks': { type: 'boolean', description: 'let cars use highway=track (forest roads)' },
    'include-private': { type: 'boolean', description: 'let cars use access=private roads' },
    force: { type: 'boolean', description: 'replace an existing graph of the same name (or --out file)' },
  },
  help: [
    'The graph is written to <SOT_DATA_DIR>/graphs/<name>.sotgraph. Speeds, access and ferry rules are',
    'documented in src/graph/profile.ts; only the largest strongly connected part of the network is',
    'kept, and the parts dropped are listed. An existing graph is only replaced with --force (analyses',
    'over the old build then count as stale). A file without drivable roads writes nothing.',
  ],
  async run(ctx) {
    const osm = resolvePath(ctx.io, ctx.positionals[0]);
    const file = graphTarget(ctx, osm);
    if (fs.existsSync(file) && ctx.values.force !== true)
      throw conflict(
        `Graph ${file} already exists; add --force to replace it (analyses over the old build then count as stale), or choose another --name`,
        [{ field: 'name', reason: 'a graph with this name exists' }],
      );
    const progress = createProgress(ctx.io.stderr, { label: 'graph build' });
    const started = performance.now();
    let graph: RoadGraph;
    try {
      graph = await buildRoadGraph(osm, {
        profile: {
          includeTracks: ctx.values['include-tracks'] === true,
          includePrivate: ctx.values['include-private'] === true,
        },
        signal: ctx.io.signal,
        onProgress: (phase, done, total) =>
          progress.update({ phase: phase === 'graph' ? 'graph' : 'read', done, total }),
      });
    } finally {
      progress.finish();
    }
    const c = graph.meta.counts;
    if (graph.nodeCount === 0 || graph.edgeCount === 0)
      throw new AppError(
        ErrorIds.validation,
        400,
        `${path.basename(osm)} has no roads a car can use: ${c.osmWays} drivable ways with ${c.osmRoadNodes} nodes, giving ${graph.nodeCount} graph nodes and ${graph.edgeCount} edges; nothing was written`,
        [{ field: 'file', reason: 'no routable road network (highway=* ways the car profile accepts)' }],
      );
    writeGraphAtomically(file, graph);
    for (const line of describeGraph(file, graph)) ctx.out(line);
    ctx.out(`  built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  },
};

export const graphInfo: Command = {
  name: 'graph info',
  summary: 'Describe a road graph (or list the graphs in the data directory)',
  usage: '[<graph>]',
  args: { min: 0, max: 1 },
  options: {},
  async run(ctx) {
    const arg = ctx.positionals[0];
    if (arg === undefined) {
      const all = listGraphs(ctx.config().dataDir);
      if (all.length !== 1) {
        if (all.length === 0) ctx.out('No graphs yet; build one with "sot graph build <osm-file>".');
        for (const f of all)
          ctx.out(`${path.basename(f, GRAPH_EXT)}  ${formatBytes(fs.statSync(f).size)}  ${f}`);
        return 0;
      }
    }
    const file = locateGraph(ctx, arg);
    for (const line of describeGraph(file, readGraph(file))) ctx.out(line);
    return 0;
  },
};

export const graphExport: Command = {
  name: 'graph export',
  summary: 'Export a road graph in DIMACS format (<prefix>.gr travel times, <prefix>.co coordinates)',
  usage: '--format dimacs <prefix> [--graph G]',
  args: { min: 1, max: 1 },
  options: {
    format: { type: 'string', value: 'FORMAT', description: 'dimacs (the only format so far)' },
    graph: { type: 'string', value: 'G', description: 'graph name or file (default: the only graph)' },
  },
  help: [
    '<prefix>.gr has one "a u v w" line per directed edge (1-based nodes, w in whole deciseconds);',
    '<prefix>.co has "v id x y" with longitude and latitude × 10^6, as in the 9th DIMACS challenge.',
  ],
  async run(ctx) {
    const format = str(ctx.values, 'format');
    if (format !== 'dimacs') throw new UsageError('--format dimacs is required (the only export format)');
    const file = locateGraph(ctx, str(ctx.values, 'graph'));
    const prefix = resolvePath(ctx.io, ctx.positionals[0]);
    const g = readGraph(file);
    const note = [
      `SOT road graph ${path.basename(file)}, built ${g.meta.builtAt}`,
      'travel times in deciseconds',
    ];
    fs.mkdirSync(path.dirname(prefix), { recursive: true });
    writeDimacsGraph(`${prefix}.gr`, g, note);
    writeDimacsCoordinates(`${prefix}.co`, g.nodeLat, g.nodeLon, note);
    ctx.out(`Wrote ${prefix}.gr (${g.nodeCount} nodes, ${g.edgeCount} arcs) and ${prefix}.co`);
    return 0;
  },
};

/** Result line of `graph paths`, also printed by native/dijkstra.cpp. */
export function pathsLine(reached: number, sum: number, ms: number): string {
  return `reached ${reached} sum ${sum} ms ${ms.toFixed(1)}`;
}

/**
 * Runs the forward multi-source search `repeat` times and returns the count and sum of the last
 * run and the fastest run's time (loading excluded).
 */
export function timePaths(graph: CsrGraph, sources: Int32Array, repeat: number) {
  const ws = new DijkstraWorkspace(graph.nodeCount);
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    multiSourceDijkstra(graph.forward, { nodes: sources }, ws);
    best = Math.min(best, performance.now() - t0);
  }
  return { reached: ws.reached, sum: sumReachedTimes(ws), ms: best };
}

export const graphPaths: Command = {
  name: 'graph paths',
  summary: 'Time the multi-source Dijkstra from a list of source nodes (check against other tools)',
  usage: '--graph <file.gr|graph> --sources <file> [--repeat N]',
  args: { min: 0, max: 0 },
  options: {
    graph: { type: 'string', value: 'G', description: 'DIMACS .gr file, .sotgraph file or graph name' },
    sources: { type: 'string', value: 'FILE', description: '1-based node ids, one per line' },
    repeat: { type: 'string', value: 'N', description: 'runs to time; the fastest is reported (default 5)' },
  },
  help: [
    'Prints "reached <nodes> sum <sum of their travel times> ms <fastest run>": the search runs forward',
    "from all sources at once; times are in the graph's integer unit (deciseconds for SOT graphs) and",
    'loading is not timed. Any DIMACS shortest-path tool must give the same count and sum.',
  ],
  async run(ctx) {
    const graphArg = str(ctx.values, 'graph');
    const sourcesArg = str(ctx.values, 'sources');
    if (!graphArg || !sourcesArg) throw new UsageError('--graph and --sources are required');
    const repeatArg = str(ctx.values, 'repeat') ?? '5';
    const repeat = Number(repeatArg);
    if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError('--repeat must be a positive integer');
    const file = locateGraph(ctx, graphArg);
    const graph: CsrGraph = file.endsWith('.gr') ? readDimacsGraph(file) : readGraph(file);
    const sources = readNodeIdList(resolvePath(ctx.io, sourcesArg), graph.nodeCount);
    const r = timePaths(graph, sources, repeat);
    ctx.out(pathsLine(r.reached, r.sum, r.ms));
    return 0;
  },
};

/** All graph commands, for the CLI's command list. */
export const GRAPH_COMMANDS: Command[] = [graphBuild, graphInfo, graphExport, graphPaths];
