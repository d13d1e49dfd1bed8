/**
 * Road tile timing on a real graph: `npx tsx src/maptiles/bench.ts <file.sotgraph> [zooms]`.
 * Reads the graph, builds the tile data (timed), then cuts every tile over the graph's bounding
 * box at each zoom (default 8, 10, 12, 14) and prints mean, 95th percentile and worst build time
 * and the largest tile, plain and gzipped. Not run by the tests.
 */
import { gzipSync } from 'node:zlib';
import { readGraph } from '../graph/format.js';
import { tileOf } from './mercator.js';
import { buildRoadTileData } from './road-tile-data.js';
import { buildRoadTile } from './road-tiles.js';

function main(argv: string[]): void {
  const [file, zoomList] = argv;
  if (!file) {
    console.error('usage: npx tsx src/maptiles/bench.ts <file.sotgraph> [8,10,12,14]');
    process.exitCode = 2;
    return;
  }
  const zooms = (zoomList ?? '8,10,12,14').split(',').map(Number);
  let t = performance.now();
  const graph = readGraph(file);
  const readMs = performance.now() - t;
  t = performance.now();
  const data = buildRoadTileData(graph);
  const indexMs = performance.now() - t;
  console.log(
    `${file}: ${graph.segmentCount} segments, ${graph.geometryLat.length} points; ` +
      `read ${readMs.toFixed(0)} ms, tile data ${indexMs.toFixed(0)} ms`,
  );
  const bbox = graph.meta.bbox;
  if (!bbox) return;
  const [west, south, east, north] = bbox;
  for (const z of zooms) {
    const a = tileOf(west, north, z);
    const b = tileOf(east, south, z);
    const times: number[] = [];
    let worst = { ms: 0, at: '', bytes: 0, gzip: 0 };
    let largest = { bytes: 0, gzip: 0 };
    for (let x = a.x; x <= b.x; x++)
      for (let y = a.y; y <= b.y; y++) {
        const t0 = performance.now();
        const bytes = buildRoadTile(data, z, x, y);
        const ms = performance.now() - t0;
        times.push(ms);
        if (ms > worst.ms) worst = { ms, at: `${z}/${x}/${y}`, bytes: bytes.length, gzip: 0 };
        if (bytes.length > largest.bytes) largest = { bytes: bytes.length, gzip: gzipSync(bytes).length };
      }
    times.sort((p, q) => p - q);
    const mean = times.reduce((s, v) => s + v, 0) / times.length;
    const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
    console.log(
      `z${z}: ${times.length} tiles, mean ${mean.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, ` +
        `worst ${worst.ms.toFixed(1)} ms (${worst.at}, ${worst.bytes} B); ` +
        `largest ${largest.bytes} B (${largest.gzip} B gzipped)`,
    );
  }
}

main(process.argv.slice(2));
