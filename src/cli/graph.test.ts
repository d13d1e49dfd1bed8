import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { writeTestOsm } from '../graph/test-osm.js';
import type { Command, CommandContext, OptionValues } from './command.js';
import { graphBuild, graphExport, graphInfo, graphNameFor, graphPaths } from './graph.js';

/** Runs a command with fake streams; returns its exit code and output lines. */
async function run(cmd: Command, dataDir: string, positionals: string[], values: OptionValues = {}) {
  const out: string[] = [];
  const io = {
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: { SOT_DATA_DIR: dataDir },
  };
  const ctx: CommandContext = {
    io,
    values,
    positionals,
    debug: false,
    config: () => loadConfig(io.env),
    database: () => Promise.reject(new Error('graph commands need no database')),
    out: (line = '') => out.push(line),
    err: () => {},
  };
  const code = await cmd.run(ctx);
  return { code, out };
}

function network(): string {
  // A square of two-way streets with a one-way diagonal.
  return writeTestOsm(
    [
      { id: 1, x: 0, y: 0 },
      { id: 2, x: 10, y: 0 },
      { id: 3, x: 10, y: 10 },
      { id: 4, x: 0, y: 10 },
    ],
    [
      { id: 10, refs: [1, 2], tags: { highway: 'residential' } },
      { id: 11, refs: [2, 3], tags: { highway: 'tertiary' } },
      { id: 12, refs: [3, 4], tags: { highway: 'residential' } },
      { id: 13, refs: [4, 1], tags: { highway: 'tertiary' } },
      { id: 14, refs: [1, 3], tags: { highway: 'primary', oneway: 'yes' } },
    ],
  );
}

describe('sot graph …', () => {
  it('builds into the data directory, describes, exports DIMACS and runs paths on both forms', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-cli-graph-'));
    const osm = network();
    const built = await run(graphBuild, dataDir, [osm]);
    expect(built.code).toBe(0);
    const file = path.join(dataDir, 'graphs', 'test.sotgraph');
    expect(fs.existsSync(file)).toBe(true);
    expect(built.out.join('\n')).toMatch(/nodes 4, edges 9, segments 5/);

    const info = await run(graphInfo, dataDir, []);
    expect(info.out[0]).toContain(file);
    expect(info.out.join('\n')).toMatch(/dropped: nothing/);
    expect(info.out.join('\n')).toContain('written by sot-test; map credit "© OpenStreetMap contributors"');

    const prefix = path.join(dataDir, 'out', 'test');
    expect((await run(graphExport, dataDir, [prefix], { format: 'dimacs' })).code).toBe(0);
    const gr = fs.readFileSync(`${prefix}.gr`, 'utf8');
    expect(gr).toMatch(/^p sp 4 9$/m);
    expect(gr.match(/^a /gm)).toHaveLength(9);
    expect(fs.readFileSync(`${prefix}.co`, 'utf8')).toMatch(/^p aux sp co 4$/m);

    const sources = path.join(dataDir, 'sources.txt');
    fs.writeFileSync(sources, '1\n3\n');
    const onGr = await run(graphPaths, dataDir, [], { graph: `${prefix}.gr`, sources, repeat: '2' });
    const onGraph = await run(graphPaths, dataDir, [], { graph: 'test', sources });
    expect(onGr.out[0]).toMatch(/^reached 4 sum \d+ ms \d+\.\d$/);
    expect(onGraph.out[0].replace(/ ms .*/, '')).toBe(onGr.out[0].replace(/ ms .*/, ''));
  });

  it('refuses bad arguments with usage errors', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-cli-graph-'));
    await expect(run(graphExport, dataDir, ['x'], { format: 'csv' })).rejects.toThrow(/--format dimacs/);
    await expect(run(graphExport, dataDir, ['x'], { format: 'dimacs' })).rejects.toThrow(
      /no graph built yet/,
    );
    await expect(run(graphPaths, dataDir, [], { graph: 'nope' })).rejects.toThrow(/--graph and --sources/);
    await expect(run(graphPaths, dataDir, [], { graph: 'nope', sources: 'x' })).rejects.toThrow(
      /No graph named "nope"/,
    );
    const info = await run(graphInfo, dataDir, []);
    expect(info.out[0]).toMatch(/No graphs yet/);
  });

  it('names graphs after their OSM file', () => {
    expect(graphNameFor('/x/andorra-2013.osm.pbf')).toBe('andorra-2013');
    expect(graphNameFor('region.osm')).toBe('region');
    expect(graphNameFor('jamtland.osm.gz')).toBe('jamtland');
  });
});

describe('sot graph build refuses', () => {
  it('names that would leave the graphs folder or create subfolders', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-cli-graph-'));
    const osm = network();
    for (const name of ['../../evil', 'a/b', '.hidden', ''])
      await expect(run(graphBuild, dataDir, [osm], { name })).rejects.toMatchObject({
        message: expect.stringMatching(/Invalid graph name/),
        details: [{ field: 'name', reason: expect.stringContaining('letters, digits') }],
      });
    expect(fs.existsSync(path.join(dataDir, 'graphs'))).toBe(false);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('a file without roads, leaving the graph in use untouched', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-cli-graph-'));
    expect((await run(graphBuild, dataDir, [network()], { name: 'region' })).code).toBe(0);
    const file = path.join(dataDir, 'graphs', 'region.sotgraph');
    const before = fs.readFileSync(file);
    const empty = writeTestOsm(
      [
        { id: 1, x: 0, y: 0 },
        { id: 2, x: 10, y: 0 },
      ],
      [{ id: 10, refs: [1, 2], tags: { waterway: 'stream' } }],
    );
    await expect(run(graphBuild, dataDir, [empty], { name: 'region', force: true })).rejects.toThrow(
      /has no roads a car can use: 0 drivable ways with 0 nodes, giving 0 graph nodes and 0 edges; nothing was written/,
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.join(dataDir, 'graphs'))).toEqual(['region.sotgraph']);
  });

  it('to replace an existing graph without --force', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-cli-graph-'));
    const osm = network();
    expect((await run(graphBuild, dataDir, [osm])).code).toBe(0);
    const file = path.join(dataDir, 'graphs', 'test.sotgraph');
    const before = fs.readFileSync(file);
    await expect(run(graphBuild, dataDir, [osm])).rejects.toMatchObject({
      id: 'conflict',
      message: expect.stringMatching(/test\.sotgraph already exists; add --force to replace it/),
    });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    await new Promise((r) => setTimeout(r, 5)); // builtAt differs, so the file must change
    expect((await run(graphBuild, dataDir, [osm], { force: true })).code).toBe(0);
    expect(fs.readFileSync(file).equals(before)).toBe(false);
    expect(fs.readdirSync(path.join(dataDir, 'graphs'))).toEqual(['test.sotgraph']);
  });
});
