/**
 * Registry downloads: GET /api/service-points/export and GET /api/places/export take the list
 * filters plus `format` (csv, geojson, xlsx) and `crs` (wgs84, sweref99tm) and stream the file.
 * The rows are limited to the caller's territory like every other read.
 */
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  EXPORT_CONTENT_TYPES,
  type ExportEntity,
  type ExportQuery,
  exportFilename,
  exportQuerySchema,
  exportRegistry,
} from '../../export/registry-export.js';
import { actorOf } from '../access.js';
import type { AppContext } from '../context.js';

/**
 * Streams the export as a download. Errors after the headers are sent can only cut the download
 * short, so they are logged and abort the stream.
 */
function sendExport(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  entity: ExportEntity,
  query: Omit<ExportQuery, 'kinds'> & Partial<Pick<ExportQuery, 'kinds'>>,
) {
  const { format, crs, ...filter } = query;
  const body = new PassThrough();
  exportRegistry(ctx.db, actorOf(request), { entity, format, crs, filter }, body).catch((err: unknown) => {
    request.log.error({ err }, 'export failed');
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply
    .header('content-type', EXPORT_CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${exportFilename(entity, format, crs)}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

export const exportRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/service-points/export',
      {
        config: { access: 'any' },
        schema: {
          tags: ['service points', 'exports'],
          summary: 'Download service points as CSV, GeoJSON or XLSX (WGS 84 or SWEREF 99 TM)',
          querystring: exportQuerySchema,
        },
      },
      async (request, reply) => sendExport(ctx, request, reply, 'service_points', request.query),
    );

    app.get(
      '/api/places/export',
      {
        config: { access: 'any' },
        schema: {
          tags: ['places', 'exports'],
          summary: 'Download places as CSV, GeoJSON or XLSX (WGS 84 or SWEREF 99 TM)',
          querystring: exportQuerySchema.omit({ kinds: true }),
        },
      },
      async (request, reply) => sendExport(ctx, request, reply, 'places', request.query),
    );
  };
