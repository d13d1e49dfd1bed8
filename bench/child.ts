/**
 * Benchmark steps that must run in a fresh process: peak memory (maxRSS) is a per-process
 * high-water mark, and a search timed in a process that has already run other code can see a
 * differently optimised (polymorphic) inner loop. Prints one JSON object (or, for `paths`, the
 * `sot graph paths` line) on stdout.
 *
 *   child.ts read <osm>
 *   child.ts build <osm> <out.sotgraph> [--full-resolution] [--tracks]
 *   child.ts paths <graph.gr|.sotgraph> <sources.txt> <repeat>
 */
import { graphNameFor, pathsLine, timePaths } from '../src/cli/graph.js';
import { buildRoadGraph } from '../src/graph/build.js';
import type { CsrGraph } from '../src/graph/csr.js';
import { readDimacsGraph, readNodeIdList } from '../src/graph/dimacs.js';
import { readGraph, writeGraph } from '../src/graph/format.js';
import { readOsm } from '../src/osm/read.js';

const maxRssMB = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'read') {
    const t0 = performance.now();
    let entities = 0;
    let bytes = 0;
    const reader = readOsm(args[0]);
    for (;;) {
      const r = await reader.next();
      if (r.done) {
        bytes = r.value.bytes;
        break;
      }
      entities += r.value.length;
    }
    const ms = performance.now() - t0;
    console.log(
      JSON.stringify({ ms, bytes, entities, mbPerSecond: bytes / 1e6 / (ms / 1000), maxRssMB: maxRssMB() }),
    );
  } else if (mode === 'build') {
    const [osm, out] = args;
    const t0 = performance.now();
    const g = await buildRoadGraph(osm, {
      fullResolution: args.includes('--full-resolution'),
      profile: { includeTracks: args.includes('--tracks') },
    });
    const ms = performance.now() - t0;
    writeGraph(out, g);
    console.log(
      JSON.stringify({
        name: graphNameFor(osm),
        ms,
        phases: g.meta.buildMs,
        counts: g.meta.counts,
        dropped: { components: g.meta.dropped.components, nodes: g.meta.dropped.nodes },
        maxRssMB: maxRssMB(),
      }),
    );
  } else if (mode === 'paths') {
    const [file, sourcesFile, repeat] = args;
    const graph: CsrGraph = file.endsWith('.gr') ? readDimacsGraph(file) : readGraph(file);
    const r = timePaths(graph, readNodeIdList(sourcesFile, graph.nodeCount), Number(repeat));
    console.log(pathsLine(r.reached, r.sum, r.ms));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

await main();
