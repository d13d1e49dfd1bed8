/**
 * Which road graph an analysis uses, and its version.
 *
 * Graphs live in `<SOT_DATA_DIR>/graphs/<name>.sotgraph` (written by `sot graph build`). The graph
 * of an analysis is, in order: the one named in the request (`--graph`, `graph` in the API), the
 * one pinned in the access configuration (`sot access config --graph NAME`), else the most
 * recently built graph (newest file). So building a graph makes it current without any
 * registration step, and a pinned graph stays current until unpinned.
 *
 * The version of a graph is a hash of its metadata section, which holds the build time: every
 * rebuild gives a new version, so runs over an older build are recognised as stale. Reading it
 * touches only the file header and the metadata, not the arrays.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, ErrorIds, notFound } from '../errors.js';
import { GRAPH_FORMAT_VERSION } from '../graph/format.js';
import type { GraphMeta } from '../graph/road-graph.js';
import { graphNameSchema } from '../shared/access.js';

export const GRAPH_EXT = '.sotgraph';

/** Same directory as `sot graph build` uses (src/cli/graph.ts). */
export function graphsDir(dataDir: string): string {
  return path.join(dataDir, 'graphs');
}

export function graphFileOf(dataDir: string, name: string): string {
  return path.join(graphsDir(dataDir), `${name}${GRAPH_EXT}`);
}

export interface GraphFileInfo {
  name: string;
  file: string;
  mtimeMs: number;
  size: number;
}

/** Graphs in the data directory, newest first. */
export function listGraphFiles(dataDir: string): GraphFileInfo[] {
  const dir = graphsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(GRAPH_EXT))
    .map((f) => {
      const file = path.join(dir, f);
      const st = fs.statSync(file);
      return { name: f.slice(0, -GRAPH_EXT.length), file, mtimeMs: st.mtimeMs, size: st.size };
    })
    .sort((a, b) => b.mtimeMs - a.mtimeMs || a.name.localeCompare(b.name));
}

/** Content version of a graph from its metadata. */
export function graphVersion(meta: GraphMeta): string {
  return createHash('sha256').update(JSON.stringify(meta)).digest('hex').slice(0, 16);
}

const invalid = (file: string, reason: string) =>
  new AppError(ErrorIds.graphInvalid, 400, `${file} is not a readable SOT graph: ${reason}`, [{ reason }]);

/** Reads only the header and the META section of a `.sotgraph` file (layout: src/graph/format.ts). */
export function readGraphMeta(file: string): GraphMeta {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(24);
    if (fs.readSync(fd, head, 0, 24, 0) < 24 || head.toString('latin1', 0, 8) !== 'SOTGRAPH')
      throw invalid(file, 'no SOTGRAPH header');
    const version = head.readUInt32LE(8);
    if (version !== GRAPH_FORMAT_VERSION)
      throw invalid(
        file,
        `format version ${version}, this SOT reads ${GRAPH_FORMAT_VERSION}; rebuild the graph`,
      );
    const count = head.readUInt32LE(12);
    const table = Buffer.alloc(24 * count);
    fs.readSync(fd, table, 0, table.length, 24);
    for (let i = 0; i < count; i++) {
      if (table.toString('latin1', 24 * i, 24 * i + 4) !== 'META') continue;
      const offset = Number(table.readBigUInt64LE(24 * i + 8));
      const length = Number(table.readBigUInt64LE(24 * i + 16));
      const bytes = Buffer.alloc(length);
      fs.readSync(fd, bytes, 0, length, offset);
      try {
        return JSON.parse(bytes.toString('utf8')) as GraphMeta;
      } catch {
        throw invalid(file, 'metadata is not JSON');
      }
    }
    throw invalid(file, 'section META missing');
  } finally {
    fs.closeSync(fd);
  }
}

const versionCache = new Map<string, { mtimeMs: number; size: number; version: string }>();

/** The version of a graph file (cached by modification time and size); null when the file is gone. */
export function graphFileVersion(file: string): string | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return null;
  }
  const hit = versionCache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.version;
  const version = graphVersion(readGraphMeta(file));
  versionCache.set(file, { mtimeMs: st.mtimeMs, size: st.size, version });
  return version;
}

export interface GraphRef {
  name: string;
  file: string;
  version: string;
}

/**
 * The graph to analyse: `requested`, else `pinned`, else the newest graph.
 *
 * @throws AppError `not_found` (404) when the named graph does not exist or no graph was built;
 *   `validation_failed` for a malformed name; `graph_file_invalid` for an unreadable file.
 */
export function resolveGraph(dataDir: string, requested?: string | null, pinned?: string | null): GraphRef {
  const name = requested ?? pinned ?? null;
  let file: string;
  let chosen: string;
  if (name !== null) {
    const parsed = graphNameSchema.safeParse(name);
    if (!parsed.success)
      throw new AppError(ErrorIds.validation, 400, `Invalid graph name "${name}"`, [
        { field: 'graph', reason: parsed.error.issues[0]?.message ?? 'invalid' },
      ]);
    file = graphFileOf(dataDir, name);
    if (!fs.existsSync(file)) throw notFound(`Road graph "${name}" (${file})`);
    chosen = name;
  } else {
    const newest = listGraphFiles(dataDir)[0];
    if (!newest)
      throw new AppError(
        ErrorIds.notFound,
        404,
        'No road graph has been built yet: run "sot graph build <osm-file>" first',
        [{ field: 'graph', reason: `no .sotgraph file in ${graphsDir(dataDir)}` }],
      );
    file = newest.file;
    chosen = newest.name;
  }
  const version = graphFileVersion(file);
  if (version === null) throw notFound(`Road graph "${chosen}"`);
  return { name: chosen, file, version };
}
