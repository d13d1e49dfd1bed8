/**
 * GET /api/map/roads/:z/:x/:y.mvt: the road network of the current road graph as Mapbox Vector
 * Tiles, the map background when no raster tile URL is configured (src/maptiles/README.md).
 * Roads are public data, but like the rest of the API only for logged-in users.
 *
 * GET /api/map/roads.json: their TileJSON 3.0.0 document, which the map style's roads source
 * reads: tile URL, zooms, the roads' extent and the attribution the graph's origin calls for
 * (OpenStreetMap's credit, or the fictional demo region's notice: src/maptiles/attribution.ts).
 * Always 200, also without a graph, so maps load either way.
 *
 * 204 without any road graph (or with an unreadable one, which is logged); 304 when
 * If-None-Match names the tile's ETag (graph version,
 * tile schema and z/x/y); tiles are cacheable privately for an hour and sent gzipped when the
 * client accepts it.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ErrorIds, validationError } from '../../errors.js';
import {
  currentRoadGraph,
  etagMatches,
  RoadTileService,
  roadTileEtag,
} from '../../maptiles/road-tile-service.js';
import { MAX_TILE_ZOOM } from '../../maptiles/road-tiles.js';
import { ROAD_TILEJSON_PATH, roadTileJson } from '../../maptiles/tilejson.js';
import type { AppContext } from '../context.js';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
const CACHE_CONTROL = 'private, max-age=3600';

const tileParams = z
  .object({
    z: z.coerce.number().int().min(0).max(MAX_TILE_ZOOM),
    x: z.coerce.number().int().min(0),
    y: z.coerce.number().int().min(0),
  })
  .superRefine((p, issue) => {
    const n = 2 ** p.z;
    for (const axis of ['x', 'y'] as const)
      if (p[axis] >= n)
        issue.addIssue({ code: 'custom', path: [axis], message: `must be below ${n} at zoom ${p.z}` });
  });

const acceptsGzip = (header: string | string[] | undefined) =>
  /\bgzip\b/.test(Array.isArray(header) ? header.join(',') : (header ?? ''));

const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);

const tileJsonSchema = z.object({
  tilejson: z.literal('3.0.0'),
  tiles: z.array(z.string()).min(1),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  bounds: bbox.optional(),
  attribution: z.string(),
  vector_layers: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      minzoom: z.number().int(),
      maxzoom: z.number().int(),
      fields: z.record(z.string(), z.string()),
    }),
  ),
});

/**
 * The origin the client reached us at (behind a proxy: its X-Forwarded-Proto/Host, as
 * `trustProxy` is on), for the absolute tile URLs TileJSON requires.
 */
function requestOrigin(request: FastifyRequest): string {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    throw validationError('Invalid Host header', [{ field: 'host', reason: 'not a host name' }]);
  }
}

export const mapTileRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tiles = new RoadTileService();

    app.get(
      '/api/map/roads/:z/:x/:y.mvt',
      {
        config: { access: 'any' },
        schema: {
          tags: ['map'],
          summary: 'Road network vector tile (Mapbox Vector Tile 2.1, layer "roads")',
          description:
            'Roads of the current road graph (pinned in the accessibility configuration, else the newest) ' +
            'clipped to the tile, classes by zoom. 204 when no road graph has been built (or it cannot be read).',
          params: tileParams,
        },
      },
      async (request, reply) => {
        const { z: zoom, x, y } = request.params;
        try {
          const graph = await currentRoadGraph(ctx.db, ctx.config.dataDir);
          if (!graph) return reply.code(204).header('cache-control', 'no-store').send();
          reply.header('cache-control', CACHE_CONTROL).header('vary', 'Accept-Encoding');
          const etag = roadTileEtag(graph.version, zoom, x, y);
          if (etagMatches(request.headers['if-none-match'], etag))
            return reply.code(304).header('etag', etag).send();
          const tile = tiles.tile(graph, zoom, x, y);
          reply.header('etag', tile.etag).header('content-type', MVT_CONTENT_TYPE);
          const gzip = tile.gzip && acceptsGzip(request.headers['accept-encoding']) ? tile.gzip : null;
          if (gzip) reply.header('content-encoding', 'gzip');
          const bytes = gzip ?? tile.body;
          return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        } catch (err) {
          // A damaged or outdated graph file leaves the map without roads, not every tile failing.
          if (!(err instanceof AppError && err.id === ErrorIds.graphInvalid)) throw err;
          request.log.warn({ err }, 'road tiles: the current road graph cannot be read');
          return reply.code(204).removeHeader('etag').header('cache-control', 'no-store').send();
        }
      },
    );

    app.get(
      ROAD_TILEJSON_PATH,
      {
        config: { access: 'any' },
        schema: {
          tags: ['map'],
          summary: 'TileJSON 3.0.0 of the road tiles, with the attribution the current graph needs',
          description:
            'Tile URL template, zooms, bounds of the roads and attribution of the current road graph: ' +
            '"© OpenStreetMap contributors", or a notice that the roads are fictional for the demo ' +
            'region SOT generates. Without a readable graph: no bounds, the OpenStreetMap credit.',
          response: { 200: tileJsonSchema },
        },
      },
      async (request, reply) => {
        const origin = requestOrigin(request);
        let summary = null;
        try {
          const graph = await currentRoadGraph(ctx.db, ctx.config.dataDir);
          summary = graph ? tiles.summary(graph) : null;
        } catch (err) {
          if (!(err instanceof AppError && err.id === ErrorIds.graphInvalid)) throw err;
          request.log.warn({ err }, 'road tiles: the current road graph cannot be read');
        }
        // Small, and it changes with the graph: always asked for again.
        reply.header('cache-control', 'private, no-cache');
        return roadTileJson(origin, summary);
      },
    );
  };
