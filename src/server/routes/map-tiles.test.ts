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
