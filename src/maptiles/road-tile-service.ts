/**
 * Serving road tiles from the current road graph: which graph (the one pinned in the access
 * configuration when its file exists, else the newest, as analyses choose), loading it once per
 * file version, and keeping recently built tiles in a bounded LRU cache, plain and gzipped.
 *
 * The graph file is read and indexed on the first tile request after it appears or changes
 * (a county graph: about 0.2 s); its routing arrays are dropped right after, only the projected
 * geometry and the grids stay (src/maptiles/road-tile-data.ts). A rebuilt graph has a new
 * version (a hash of its metadata, which holds the build time), so tiles and ETags of the old one
 * are never served for it.
 */
import { gzipSync } from 'node:zlib';
import { getAccessConfig } from '../access/config.js';
import { graphFileVersion, graphVersion, listGraphFiles } from '../access/graph-ref.js';
import type { DbOrTx } from '../db/client.js';
import { readGraph } from '../graph/format.js';
import type { GraphMeta } from '../graph/road-graph.js';
import { LruCache } from './lru.js';
import { buildRoadTileData, type RoadTileData, roadTileBounds } from './road-tile-data.js';
import { buildRoadTile } from './road-tiles.js';

/** Changes when the tile contents change for the same graph (new properties, zoom table …). */
export const ROAD_TILE_SCHEMA = 1;
export const DEFAULT_MAX_TILES = 2000;
/** Bytes of plain plus gzipped tiles the cache may hold. */
export const DEFAULT_MAX_TILE_BYTES = 64 * 1024 * 1024;
/** Smaller tiles are sent as they are: gzip would save next to nothing. */
const GZIP_MIN_BYTES = 512;

/** The graph maps draw roads from. */
export interface RoadGraphRef {
  name: string;
  file: string;
  version: string;
}

/**
 * The graph the maps show: the one pinned in the access configuration when its file exists,
 * else the newest graph; null when no graph has been built.
 */
export async function currentRoadGraph(db: DbOrTx, dataDir: string): Promise<RoadGraphRef | null> {
  const graphs = listGraphFiles(dataDir);
  if (graphs.length === 0) return null;
  const pinned = (await getAccessConfig(db)).graph;
  const chosen = graphs.find((g) => g.name === pinned) ?? graphs[0];
  const version = graphFileVersion(chosen.file);
  return version === null ? null : { name: chosen.name, file: chosen.file, version };
}

/** The ETag of tile (z, x, y) of a graph version (weak: the same for plain and gzipped bytes). */
export function roadTileEtag(version: string, z: number, x: number, y: number): string {
  return `W/"roads-${ROAD_TILE_SCHEMA}-${version}-${z}-${x}-${y}"`;
}

/** True when an If-None-Match header value names `etag` (weak comparison, or `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  const want = bare(etag);
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === want);
}

export interface RoadTile {
  /** Version of the graph the tile was cut from. */
  version: string;
  etag: string;
  body: Uint8Array;
  /** The body gzipped, or null when it is too small to be worth it. */
  gzip: Uint8Array | null;
}

interface Loaded {
  file: string;
  /** Version the file had when looked up (what requests compare against). */
  refVersion: string;
  /** Version of the graph actually read (differs only if the file changed during the read). */
  version: string;
  /** The graph's metadata (its source decides the map credit). */
  meta: GraphMeta;
  data: RoadTileData;
  /** {@link roadTileBounds} of `data`, worked out on first use. */
  bounds?: [number, number, number, number] | null;
}

/** What a TileJSON document says about the current graph's tiles. */
export interface RoadTileSummary {
  /**
   * Names the tiles' contents (tile schema and graph version). It goes into the tile URL, so a
   * rebuilt graph's tiles are fetched at once instead of after the hour browsers may cache them.
   */
  version: string;
  meta: GraphMeta;
  /** [west, south, east, north] around the roads, degrees; null when the graph has none. */
  bounds: [number, number, number, number] | null;
}

/** Loads graphs and cuts and caches their tiles; one per server. */
export class RoadTileService {
  private loaded: Loaded | null = null;
  private readonly tiles: LruCache<string, RoadTile>;
  /** Graph loads so far (tests check the graph is read once per version). */
  loads = 0;

  constructor(opts: { maxTiles?: number; maxBytes?: number } = {}) {
    this.tiles = new LruCache(opts.maxTiles ?? DEFAULT_MAX_TILES, opts.maxBytes ?? DEFAULT_MAX_TILE_BYTES);
  }

  /** Tiles held in the cache. */
  get cachedTiles(): number {
    return this.tiles.size;
  }

  private data(graph: RoadGraphRef): Loaded {
    const l = this.loaded;
    if (l && l.file === graph.file && l.refVersion === graph.version) return l;
    this.loaded = null;
    this.tiles.clear();
    const roadGraph = readGraph(graph.file);
    this.loads++;
    this.loaded = {
      file: graph.file,
      refVersion: graph.version,
      version: graphVersion(roadGraph.meta),
      meta: roadGraph.meta,
      data: buildRoadTileData(roadGraph),
    };
    return this.loaded;
  }

  /**
   * Metadata and road extent of `graph`, loading it as a tile request would (the tiles follow
   * right after, so the load is not wasted).
   */
  summary(graph: RoadGraphRef): RoadTileSummary {
    const loaded = this.data(graph);
    if (loaded.bounds === undefined) loaded.bounds = roadTileBounds(loaded.data);
    return { version: `${ROAD_TILE_SCHEMA}-${loaded.refVersion}`, meta: loaded.meta, bounds: loaded.bounds };
  }

  /** Tile (z, x, y) of `graph`, from the cache or freshly cut. */
  tile(graph: RoadGraphRef, z: number, x: number, y: number): RoadTile {
    const loaded = this.data(graph);
    const key = `${z}/${x}/${y}`;
    const hit = this.tiles.get(key);
    if (hit) return hit;
    const body = buildRoadTile(loaded.data, z, x, y);
    const gzip = body.length >= GZIP_MIN_BYTES ? new Uint8Array(gzipSync(body)) : null;
    const tile: RoadTile = {
      version: loaded.version,
      etag: roadTileEtag(loaded.version, z, x, y),
      body,
      gzip,
    };
    this.tiles.set(key, tile, body.length + (gzip?.length ?? 0) + 100);
    return tile;
  }
}
