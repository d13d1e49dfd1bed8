/**
 * One full accessibility run (the five default groups) as the product runs it, in a fresh process
 * so its peak memory is its own: the worker thread loads the graph, snaps the population points
 * and the services, finds the bridges and runs one two-label search per group. Summaries are
 * computed too; writing results to the database is not included (see the note in the report).
 *
 * Population points: a 1 km grid over the graph's bounding box (as SCB's 1 km cells would cover a
 * populated region) plus the region's places.
 *
 *   access.ts <graph.sotgraph> <services.json: [kind, lat, lon][]> <places.json: [name, lat, lon, population][]>
 *
 * Prints one JSON object.
 */
import fs from 'node:fs';
import proj4 from 'proj4';
import type { AccessComputeInput } from '../src/access/compute.js';
import { readGraphMeta } from '../src/access/graph-ref.js';
import type { PopulationPoint } from '../src/access/inputs.js';
import { runAccessWorker } from '../src/access/run-worker.js';
import { buildSummaries } from '../src/access/store.js';
import { SWEREF99TM } from '../src/import/crs.js';
import { DEFAULT_KIND_GROUPS } from '../src/shared/access.js';

const [graphFile, servicesFile, placesFile] = process.argv.slice(2);
const meta = readGraphMeta(graphFile);
const bbox = meta.bbox ?? [0, 0, 0, 0];

// A 1 km grid in SWEREF 99 TM covering the bbox, cell centres converted back to WGS 84.
const toTm = proj4('WGS84', SWEREF99TM);
const [e0, n0] = toTm.forward([bbox[0], bbox[1]]);
const [e1, n1] = toTm.forward([bbox[2], bbox[3]]);
const points: PopulationPoint[] = [];
for (let e = Math.floor(Math.min(e0, e1) / 1000) * 1000; e < Math.max(e0, e1); e += 1000)
  for (let n = Math.floor(Math.min(n0, n1) / 1000) * 1000; n < Math.max(n0, n1); n += 1000) {
    const [lon, lat] = toTm.inverse([e + 500, n + 500]);
    points.push({
      ref: `cell:1km_${e}_${n}`,
      type: 'cell',
      name: null,
      lat,
      lon,
      population: 10,
      seasonalPopulation: 10,
      municipalityCode: '9901',
    });
  }
const places = JSON.parse(fs.readFileSync(placesFile, 'utf8')) as [
  string | null,
  number,
  number,
  number | null,
][];
for (const [i, [name, lat, lon, population]] of places.entries())
  points.push({
    ref: `place:${i}`,
    type: 'place',
    name,
    lat,
    lon,
    population: population ?? 0,
    seasonalPopulation: population ?? 0,
    municipalityCode: '9901',
  });

const services = JSON.parse(fs.readFileSync(servicesFile, 'utf8')) as [string, number, number][];
const input: AccessComputeInput = {
  pointLat: Float64Array.from(points, (p) => p.lat),
  pointLon: Float64Array.from(points, (p) => p.lon),
  groups: Object.entries(DEFAULT_KIND_GROUPS).map(([key, kinds]) => {
    const list = services.filter(([k]) => (kinds as string[]).includes(k));
    return { key, lat: Float64Array.from(list, (s) => s[1]), lon: Float64Array.from(list, (s) => s[2]) };
  }),
};
const sources = Object.fromEntries(input.groups.map((g) => [g.key, g.lat.length]));

const phases: Record<string, number> = {};
let last = performance.now();
let lastPhase = 'start';
const t0 = performance.now();
const { output } = await runAccessWorker(
  { graphFile, input },
  {
    onProgress: (phase) => {
      if (phase === lastPhase) return;
      const now = performance.now();
      phases[lastPhase] = (phases[lastPhase] ?? 0) + (now - last);
      last = now;
      lastPhase = phase;
    },
  },
);
const computeMs = performance.now() - t0;
const t1 = performance.now();
const summaries = buildSummaries(points, output);
const summaryMs = performance.now() - t1;
let unsnapped = 0;
for (const d of output.pointSnapM) if (Number.isNaN(d)) unsnapped++;

console.log(
  JSON.stringify({
    nodes: meta.counts.nodes,
    points: points.length,
    unsnappedPoints: unsnapped,
    sources,
    computeMs,
    workerMs: output.ms,
    loadMs: phases.load ?? 0,
    summaryMs,
    summaries: summaries.length,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
