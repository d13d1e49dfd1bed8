import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphFileOf } from '../../access/graph-ref.js';
import { loadConfig } from '../../config.js';
import { writeGraph } from '../../graph/format.js';
import type { RoadGraph } from '../../graph/road-graph.js';
import { DEMO_ATTRIBUTION, DEMO_OSM_GENERATOR, OSM_ATTRIBUTION } from '../../maptiles/attribution.js';
import { tileOf } from '../../maptiles/mercator.js';
import { decodeTile } from '../../maptiles/test-mvt-decode.js';
import { at, buildGridRoads, buildTestRoads } from '../../maptiles/test-roads.js';
import { loginAs, type Session } from '../../test/fixtures.js';
import { createRegistryTestDb, type RegistryTestDb } from '../../test/registry-fixtures.js';
import { buildApp } from '../app.js';
import { MVT_CONTENT_TYPE } from './map-tiles.js';

let t: RegistryTestDb;
let app: FastifyInstance;
let dataDir: string;
let roads: RoadGraph;
let viewer: Session;

/** A z14 tile the test network's motorway crosses. */
const tile = tileOf(at(50, 0).lon, at(50, 0).lat, 14);
const url = `/api/map/roads/14/${tile.x}/${tile.y}.mvt`;

const get = (u: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: u, headers: { ...viewer.headers, ...headers } });

function writeRoads(builtAt: string, mtime: number): void {
  const file = graphFileOf(dataDir, 'roads');
  writeGraph(file, { ...roads, meta: { ...roads.meta, builtAt } });
  fs.utimesSync(file, mtime, mtime);
}

beforeAll(async () => {
  t = await createRegistryTestDb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-map-tiles-'));
  roads = await buildTestRoads();
  app = await buildApp({
    config: loadConfig({ SOT_NO_DEMO: '1', LOG_LEVEL: 'silent', SOT_DATA_DIR: dataDir }),
    database: t.database,
    logger: false,
    webRoot: null,
  });
  await app.ready();
  viewer = await loginAs(app, 'viewer2321');
});

afterAll(async () => {
  await app?.close();
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The TileJSON document as a client gets it. */
async function tileJson(headers: Record<string, string> = {}) {
  const res = await get('/api/map/roads.json', headers);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['cache-control']).toBe('private, no-cache');
  return res.json();
}

describe('GET /api/map/roads.json without a road graph', () => {
  it('still answers, so maps load: tile URL and zooms, no bounds, the OpenStreetMap credit', async () => {
    const doc = await tileJson();
    expect(doc).toEqual({
      tilejson: '3.0.0',
      // app.inject's default Host is localhost:80; the URL's origin drops the default port.
      tiles: ['http://localhost/api/map/roads/{z}/{x}/{y}.mvt'],
      minzoom: 5,
      maxzoom: 14,
      attribution: OSM_ATTRIBUTION,
      vector_layers: [expect.objectContaining({ id: 'roads', fields: expect.any(Object) })],
    });
  });
});

describe('GET /api/map/roads/:z/:x/:y.mvt', () => {
  it('answers 204 while no road graph has been built', async () => {
    const res = await get(url);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
  });

  it('serves a decodable tile with the road once a graph exists, cacheable with an ETag', async () => {
    writeRoads('2025-01-01T00:00:00Z', 1_000_000);
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(MVT_CONTENT_TYPE);
    expect(res.headers['cache-control']).toBe('private, max-age=3600');
    expect(res.headers.etag).toMatch(/^W\/"roads-\d+-[0-9a-f]{16}-14-\d+-\d+"$/);
    expect(res.headers['content-encoding']).toBeUndefined();
    const [layer] = decodeTile(new Uint8Array(res.rawPayload));
    expect(layer.name).toBe('roads');
    const motorway = layer.features.filter((f) => f.properties.class === 'motorway');
    expect(motorway.length).toBeGreaterThan(0);
    expect(motorway[0].parts[0].length).toBeGreaterThanOrEqual(2);
  });

  it('answers 304 to If-None-Match with the ETag, and a new ETag after the graph is rebuilt', async () => {
    const first = await get(url);
    const etag = String(first.headers.etag);
    const again = await get(url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    // Another tile's ETag does not match.
    const neighbour = await get(`/api/map/roads/14/${tile.x + 1}/${tile.y}.mvt`, { 'if-none-match': etag });
    expect(neighbour.statusCode).toBe(200);

    writeRoads('2025-03-01T00:00:00Z', 2_000_000);
    const rebuilt = await get(url, { 'if-none-match': etag });
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.headers.etag).not.toBe(etag);
    expect(rebuilt.rawPayload.equals(first.rawPayload)).toBe(true);
  });

  it('sends the tile gzipped to clients that accept it', async () => {
    // A newer graph with a street grid: the newest graph is the current one.
    const grid = graphFileOf(dataDir, 'grid');
    writeGraph(grid, await buildGridRoads());
    fs.utimesSync(grid, 3_000_000, 3_000_000);
    const z14 = tileOf(at(10, 210).lon, at(10, 210).lat, 14);
    const u = `/api/map/roads/14/${z14.x}/${z14.y}.mvt`;
    const plain = await get(u);
    expect(plain.rawPayload.length).toBeGreaterThan(512);
    const zipped = await get(u, { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('answers 200 with an empty tile where there are no roads', async () => {
    const res = await get('/api/map/roads/12/0/0.mvt');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBe(0);
  });

  it('rejects zooms and tile numbers out of range with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['/api/map/roads/30/0/0.mvt', 'z'],
      ['/api/map/roads/17/0/0.mvt', 'z'],
      ['/api/map/roads/3/8/0.mvt', 'x'],
      ['/api/map/roads/3/0/8.mvt', 'y'],
      ['/api/map/roads/3/0/seven.mvt', 'y'],
      ['/api/map/roads/3/-1/0.mvt', 'x'],
    ];
    for (const [u, field] of cases) {
      const res = await get(u);
      expect(res.statusCode, u).toBe(400);
      const body = res.json();
      expect(body.error.id).toBe('validation_failed');
      expect(body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await get('/api/map/roads/0/0/0.mvt')).statusCode).toBe(200);
    expect((await get('/api/map/roads/16/65535/65535.mvt')).statusCode).toBe(200);
  });

  it('answers 204 when the current graph file cannot be read', async () => {
    const bad = graphFileOf(dataDir, 'broken');
    fs.writeFileSync(bad, 'not a graph');
    fs.utimesSync(bad, 4_000_000, 4_000_000);
    try {
      const res = await get(url);
      expect(res.statusCode).toBe(204);
      expect(res.headers.etag).toBeUndefined();
    } finally {
      fs.rmSync(bad);
    }
    expect((await get(url)).statusCode).toBe(200);
  });

  it('is for logged-in users only', async () => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /api/map/roads.json', () => {
  it('names the tiles at the origin the client used, also through a proxy', async () => {
    const direct = await tileJson({ host: 'sot.local:8080' });
    // The version in the query makes a rebuilt graph's tiles new URLs, past browsers' caches.
    expect(direct.tiles).toEqual([
      expect.stringMatching(
        /^http:\/\/sot\.local:8080\/api\/map\/roads\/\{z\}\/\{x\}\/\{y\}\.mvt\?v=1-[0-9a-f]+$/,
      ),
    ]);
    const proxied = await tileJson({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'sot.example' });
    expect(proxied.tiles[0]).toBe(direct.tiles[0].replace('http://sot.local:8080', 'https://sot.example'));
    // The template leads to the tiles of the current graph.
    const tileUrl = new URL(direct.tiles[0].replace('{z}/{x}/{y}', `14/${tile.x}/${tile.y}`));
    expect((await get(`${tileUrl.pathname}${tileUrl.search}`)).statusCode).toBe(200);
  });

  it('credits OpenStreetMap for a graph from OSM data, with bounds around its roads', async () => {
    const doc = await tileJson();
    expect(doc.attribution).toBe(OSM_ATTRIBUTION);
    const [west, south, east, north] = doc.bounds as number[];
    // The current graph is the street grid (x 0 … 19, y 200 … 219 on the test grid).
    for (const p of [at(0, 200), at(19, 219)]) {
      expect(p.lon).toBeGreaterThan(west);
      expect(p.lon).toBeLessThan(east);
      expect(p.lat).toBeGreaterThan(south);
      expect(p.lat).toBeLessThan(north);
    }
    expect(east - west).toBeLessThan(5);
    expect(north - south).toBeLessThan(5);
  });

  it('marks the demo region as fictional, and credits OpenStreetMap again once a real graph is current', async () => {
    const before = (await tileJson()).tiles[0];
    const demo = graphFileOf(dataDir, 'demo');
    const source = { path: 'demo/region.osm', bytes: 1, generator: DEMO_OSM_GENERATOR };
    writeGraph(demo, { ...roads, meta: { ...roads.meta, source } });
    fs.utimesSync(demo, 5_000_000, 5_000_000);
    const doc = await tileJson();
    expect(doc.attribution).toBe(DEMO_ATTRIBUTION);
    expect(JSON.stringify(doc)).not.toMatch(/OpenStreetMap/);
    expect(doc.tiles[0]).not.toBe(before);
    // The bounds follow the current graph: now the test network around the motorway.
    const m = at(50, 0);
    expect(doc.bounds[0]).toBeLessThan(m.lon);
    expect(doc.bounds[2]).toBeGreaterThan(m.lon);

    const real = graphFileOf(dataDir, 'real');
    writeGraph(real, roads);
    fs.utimesSync(real, 6_000_000, 6_000_000);
    expect((await tileJson()).attribution).toBe(OSM_ATTRIBUTION);
    fs.rmSync(real);
    expect((await tileJson()).attribution).toBe(DEMO_ATTRIBUTION);
  });

  it('credits OpenStreetMap without bounds when the current graph cannot be read', async () => {
    const bad = graphFileOf(dataDir, 'broken');
    fs.writeFileSync(bad, 'not a graph');
    fs.utimesSync(bad, 7_000_000, 7_000_000);
    try {
      const doc = await tileJson();
      expect(doc.attribution).toBe(OSM_ATTRIBUTION);
      expect(doc).not.toHaveProperty('bounds');
    } finally {
      fs.rmSync(bad);
    }
  });

  it('rejects a Host header that is no host', async () => {
    const res = await get('/api/map/roads.json', { host: 'not a host' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.id).toBe('validation_failed');
  });

  it('is for logged-in users only', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/map/roads.json' });
    expect(res.statusCode).toBe(401);
  });
});
