import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateAccessConfig } from '../access/config.js';
import { graphFileOf } from '../access/graph-ref.js';
import { writeGraph } from '../graph/format.js';
import type { RoadGraph } from '../graph/road-graph.js';
import { createRegistryTestDb, type RegistryTestDb } from '../test/registry-fixtures.js';
import { tileOf } from './mercator.js';
import {
  currentRoadGraph,
  etagMatches,
  type RoadGraphRef,
  RoadTileService,
  roadTileEtag,
} from './road-tile-service.js';
import { decodeTile } from './test-mvt-decode.js';
import { at, buildOtherRoads, buildTestRoads } from './test-roads.js';

let t: RegistryTestDb;
let roads: RoadGraph;
let other: RoadGraph;
const dirs: string[] = [];

const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sot-maptiles-'));
  dirs.push(dir);
  return dir;
};

/** Writes a graph with the given build time (its version) and file modification time. */
function put(dataDir: string, name: string, g: RoadGraph, builtAt: string, mtime: number): string {
  const file = graphFileOf(dataDir, name);
  writeGraph(file, { ...g, meta: { ...g.meta, builtAt } });
  fs.utimesSync(file, mtime, mtime);
  return file;
}

beforeAll(async () => {
  t = await createRegistryTestDb();
  [roads, other] = await Promise.all([buildTestRoads(), buildOtherRoads()]);
});
afterAll(async () => {
  await t?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('currentRoadGraph', () => {
  it('is null without graphs, else the newest, unless one is pinned in the access configuration', async () => {
    const dir = freshDir();
    expect(await currentRoadGraph(t.db, dir)).toBeNull();
    put(dir, 'roads', roads, '2025-01-01T00:00:00Z', 1_000_000);
    put(dir, 'other', other, '2025-01-02T00:00:00Z', 2_000_000);
    expect((await currentRoadGraph(t.db, dir))?.name).toBe('other');
    await updateAccessConfig(t.db, t.actors.admin, { graph: 'roads' });
    const pinned = await currentRoadGraph(t.db, dir);
    expect(pinned?.name).toBe('roads');
    expect(pinned?.file).toBe(graphFileOf(dir, 'roads'));
    expect(pinned?.version).toMatch(/^[0-9a-f]{16}$/);
    // A pinned graph whose file is gone does not hide the others.
    await updateAccessConfig(t.db, t.actors.admin, { graph: 'removed' });
    expect((await currentRoadGraph(t.db, dir))?.name).toBe('other');
    await updateAccessConfig(t.db, t.actors.admin, { graph: null });
  });
});

describe('ETags', () => {
  it('differ by graph version and tile, and match If-None-Match lists, weak or strong', () => {
    const etag = roadTileEtag('abc', 10, 553, 278);
    expect(etag).not.toBe(roadTileEtag('abd', 10, 553, 278));
    expect(etag).not.toBe(roadTileEtag('abc', 10, 553, 279));
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"x", ${etag.replace(/^W\//, '')}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"x"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});

describe('RoadTileService', () => {
  const tileWithRoads = (z: number) => tileOf(at(50, 0).lon, at(50, 0).lat, z);

  it('reads a graph once, serves cached tiles, and reloads when the file changes', async () => {
    const dir = freshDir();
    put(dir, 'roads', roads, '2025-01-01T00:00:00Z', 1_000_000);
    const service = new RoadTileService();
    const ref = (await currentRoadGraph(t.db, dir)) as RoadGraphRef;
    const { x, y } = tileWithRoads(12);
    const first = service.tile(ref, 12, x, y);
    expect(decodeTile(first.body)[0].features.length).toBeGreaterThan(0);
    expect(first.etag).toBe(roadTileEtag(ref.version, 12, x, y));
    expect(service.tile(ref, 12, x, y)).toBe(first);
    service.tile(ref, 12, x + 1, y);
    expect(service.loads).toBe(1);
    expect(service.cachedTiles).toBe(2);

    put(dir, 'roads', other, '2025-02-01T00:00:00Z', 3_000_000);
    const changed = (await currentRoadGraph(t.db, dir)) as RoadGraphRef;
    expect(changed.version).not.toBe(ref.version);
    const after = service.tile(changed, 12, x, y);
    expect(service.loads).toBe(2);
    // The other graph has no road here: an empty tile with the new version's ETag.
    expect(after.body).toHaveLength(0);
    expect(after.etag).toBe(roadTileEtag(changed.version, 12, x, y));
    expect(service.cachedTiles).toBe(1);
  });

  it('keeps at most the configured number of tiles, and gzips only tiles worth it', async () => {
    const dir = freshDir();
    put(dir, 'roads', roads, '2025-01-01T00:00:00Z', 1_000_000);
    const ref = (await currentRoadGraph(t.db, dir)) as RoadGraphRef;
    const service = new RoadTileService({ maxTiles: 3 });
    const { x, y } = tileWithRoads(14);
    for (let dx = 0; dx < 6; dx++) service.tile(ref, 14, x + dx, y);
    expect(service.cachedTiles).toBe(3);
    const small = service.tile(ref, 14, x, y);
    expect(small.body.length).toBeGreaterThan(0);
    expect(small.body.length < 512).toBe(small.gzip === null);
  });
});
