/**
 * /api/territories: the counties and municipalities the caller may read (for pickers), and the
 * municipality boundaries of the caller's county as a GeoJSON layer for the map background.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boundaryFeatures, listTerritories } from '../../domain/territories.js';
import { actorOf } from '../access.js';
import type { AppContext } from '../context.js';

const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable();

const territoriesSchema = z.object({
  counties: z.array(z.object({ code: z.string(), name: z.string(), bbox })),
  municipalities: z.array(z.object({ code: z.string(), name: z.string(), countyCode: z.string(), bbox })),
});

const boundariesSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
      properties: z.object({
        code: z.string(),
        name: z.string(),
        countyCode: z.string(),
        readable: z.boolean(),
      }),
    }),
  ),
});

export const territoryRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['territories'];

    app.get(
      '/api/territories',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'Counties and municipalities you may read (codes, names, bounding boxes)',
          response: { 200: territoriesSchema },
        },
      },
      async (request) => listTerritories(ctx.db, actorOf(request)),
    );

    app.get(
      '/api/territories/boundaries',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary:
            'Municipality boundaries as GeoJSON: all for admins, your whole county otherwise (public data; `readable` marks your own territory)',
          querystring: z.object({
            county: z
              .string()
              .regex(/^\d{2}$/, 'county must be a 2-digit code')
              .optional(),
          }),
          response: { 200: boundariesSchema },
        },
      },
      async (request) => boundaryFeatures(ctx.db, actorOf(request), { county: request.query.county }),
    );
  };
