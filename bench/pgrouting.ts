/**
 * pgRouting side of the benchmark: a throwaway PostgreSQL cluster (as `.ci/run` makes one), the
 * DIMACS arcs loaded into an edge table, and `pgr_drivingDistance` from all sources, each node's
 * time being the minimum over the sources. Skipped with a reason when PostgreSQL or the pgRouting
 * extension is not installed.
 *
 * `equicost => true` would be the natural multi-source call, but pgRouting 3.4.2 then returned
 * larger sums than a plain Dijkstra on the contracted Andorra graph (1,543 nodes: 2,129,343 vs
 * 2,129,189 ds, confirmed by an independent Python heapq search and by `equicost => false` with
 * the minimum taken per node). So one tree per source is computed and reduced in SQL: that is
 * k searches instead of one, which is what pgRouting offers for this question.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PgRouting {
  url: string;
  version: string;
  stop(): void;
}

function pgBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0], 'bin') : null;
}

/** Why pgRouting cannot run here, or null when it can. */
export function pgRoutingUnavailable(): string | null {
  const bin = pgBinDir();
  if (!bin) return 'PostgreSQL server binaries not installed';
  const version = path.basename(path.dirname(bin));
  const control = `/usr/share/postgresql/${version}/extension/pgrouting.control`;
  if (!fs.existsSync(control))
    return `pgRouting not installed (apt-get install postgresql-${version}-pgrouting)`;
  return null;
}

/** Starts a private cluster on a free local port; call stop() to remove it. */
export async function startPgRouting(): Promise<PgRouting> {
  const bin = pgBinDir()!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  fs.chmodSync(dir, 0o755);
  const run = (exe: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : path.join(bin, exe),
      asRoot ? ['-u', 'postgres', '--', path.join(bin, exe), ...args] : args,
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
  const port = 55_500 + Math.floor(Math.random() * 400);
  run('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']);
  run('pg_ctl', [
    '-D',
    path.join(dir, 'data'),
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c shared_buffers=512MB -c work_mem=256MB`,
    'start',
  ]);
  const stop = () => {
    try {
      run('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const client = new pg.Client(url);
  try {
    await client.connect();
    // pgRouting 3.4 depends on PostGIS; CASCADE installs it into the throwaway database.
    await client.query('CREATE EXTENSION pgrouting CASCADE');
    const v = await client.query('SELECT pgr_version() AS v');
    return { url, version: String(v.rows[0].v), stop };
  } catch (err) {
    stop();
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Loads a DIMACS `.gr` file as a directed edge table and times pgr_drivingDistance from the
 * given 1-based sources. Returns count and sum of reached nodes (to check against ours) and the
 * fastest query time, which includes pgRouting reading the edge table (inherent to its API).
 */
export async function timePgRouting(
  db: PgRouting,
  grFile: string,
  sources: number[],
  repeat: number,
  timeoutSeconds: number,
): Promise<{ reached: number; sum: number; ms: number; loadMs: number }> {
  const client = new pg.Client(db.url);
  await client.connect();
  try {
    const t0 = performance.now();
    const csv = path.join(path.dirname(grFile), 'edges.csv');
    const lines: string[] = [];
    let id = 0;
    for (const line of fs.readFileSync(grFile, 'utf8').split('\n')) {
      if (!line.startsWith('a ')) continue;
      const [, u, v, w] = line.split(' ');
      lines.push(`${++id},${u},${v},${w}`);
    }
    fs.writeFileSync(csv, `${lines.join('\n')}\n`);
    fs.chmodSync(csv, 0o644);
    await client.query('DROP TABLE IF EXISTS edges');
    await client.query('CREATE TABLE edges (id bigint, source bigint, target bigint, cost float8)');
    await client.query(`COPY edges FROM '${csv}' WITH (FORMAT csv)`);
    await client.query('ANALYZE edges');
    fs.rmSync(csv);
    const loadMs = performance.now() - t0;
    await client.query(`SET statement_timeout = ${timeoutSeconds * 1000}`);
    const sql = `SELECT count(*)::bigint AS n, coalesce(sum(t), 0)::float8 AS s FROM (
        SELECT node, min(agg_cost) AS t FROM pgr_drivingDistance(
          'SELECT id, source, target, cost, -1::float8 AS reverse_cost FROM edges',
          ARRAY[${sources.join(',')}]::bigint[], 1e15::float8, directed => true, equicost => false)
        GROUP BY node) per_node`;
    let best = Number.POSITIVE_INFINITY;
    let reached = 0;
    let sum = 0;
    for (let r = 0; r < repeat; r++) {
      const t = performance.now();
      const res = await client.query(sql);
      best = Math.min(best, performance.now() - t);
      reached = Number(res.rows[0].n);
      sum = Number(res.rows[0].s);
    }
    return { reached, sum, ms: best, loadMs };
  } finally {
    await client.end();
  }
}
