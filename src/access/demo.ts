/**
 * The demo region's road graph and a first accessibility run, so the accessibility view has data
 * right after the demo is seeded. The graph is built from the demo's own OSM file
 * (`<dataDir>/demo/region.osm`, written by src/demo/generate.ts) as graph `demo`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/client.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { buildRoadGraph } from '../graph/build.js';
import { writeGraph } from '../graph/format.js';
import type { AccessRunView } from '../shared/access.js';
import { getAccessConfig, selectGroups } from './config.js';
import { graphFileOf, resolveGraph } from './graph-ref.js';
import { findReusableRun, runAccessAnalysis } from './runs.js';

export const DEMO_GRAPH_NAME = 'demo';

/**
 * Builds `<dataDir>/graphs/demo.sotgraph` from the demo OSM file when the graph is missing or
 * older than the file. Returns the graph file, or null when there is no demo OSM file.
 */
export async function buildDemoGraph(
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<string | null> {
  const osm = path.join(dataDir, 'demo', 'region.osm');
  if (!fs.existsSync(osm)) return null;
  const file = graphFileOf(dataDir, DEMO_GRAPH_NAME);
  if (fs.existsSync(file) && fs.statSync(file).mtimeMs >= fs.statSync(osm).mtimeMs) return file;
  const started = Date.now();
  const graph = await buildRoadGraph(osm);
  writeGraph(file, graph);
  log(
    `  road graph       ${String(graph.nodeCount).padStart(6)} nodes    (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return file;
}

/**
 * Builds the demo graph (when needed) and runs the accessibility analysis on it unless a current
 * run exists. Returns the run, or null without a demo OSM file. Every configured group is
 * computed, `sot` included: src/setup/seed.ts calls this after seeding the demo SOT-punkter, so
 * the first run already counts the demo's SOT-punkt in operation.
 */
export async function prepareDemoAccess(
  database: Database,
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<AccessRunView | null> {
  if (!(await buildDemoGraph(dataDir, log))) return null;
  const db = database.db;
  const config = await getAccessConfig(db);
  const graph = resolveGraph(dataDir, DEMO_GRAPH_NAME);
  if (await findReusableRun(db, dataDir, graph, selectGroups(config), config.maxSnapMetres)) return null;
  const started = Date.now();
  const run = await runAccessAnalysis(db, SYSTEM_ACTOR, dataDir, { graph: DEMO_GRAPH_NAME });
  log(
    `  accessibility    ${String(run.stats?.points ?? 0).padStart(6)} points    (${((Date.now() - started) / 1000).toFixed(1)} s, run ${run.id} ${run.status})`,
  );
  return run;
}
