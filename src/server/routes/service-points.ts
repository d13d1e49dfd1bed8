/**
 * /api/service-points: list (JSON page or GeoJSON layer), read, create, update and delete
 * (exports: ./exports.ts). Role is checked by `config.access`, territory by src/domain/service-points.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { patchShape } from '../../domain/registry-common.js';
import {
  createServicePoint,
  deleteServicePoint,
  getServicePoint,
  listServicePoints,
  SERVICE_POINT_SORTS,
  servicePointsToFeatureCollection,
  updateServicePoint,
} from '../../domain/service-points.js';
import { serviceKindSchema } from '../../shared/kinds.js';
import {
  listQuerySchema,
  servicePointBaseSchema,
  servicePointCreateSchema,
  servicePointSchema,
} from '../../shared/service-point.js';
import { actorOf, EDITORS } from '../access.js';
import type { AppContext } from '../context.js';

export const idParamsSchema = z.object({ id: z.coerce.number().int().positive() });
export const deleteQuerySchema = z.object({ version: z.coerce.number().int().positive().optional() });

const listQuery = listQuerySchema.extend({ sort: z.enum(SERVICE_POINT_SORTS).default('name') });

const pageSchema = z.object({
  items: z.array(servicePointSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** A point feature with the given properties; paging members ride along as foreign members. */
export const pointCollectionSchema = <P extends z.ZodType>(properties: P) =>
  z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.number().int(),
        geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
        properties,
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

const featureCollectionSchema = pointCollectionSchema(
  z.object({
    id: z.number().int(),
    kind: serviceKindSchema,
    name: z.string(),
    chain: z.string().nullable(),
    city: z.string().nullable(),
    municipalityCode: z.string().nullable(),
    power: z.string(),
    version: z.number().int(),
  }),
);

const updateBodySchema = z.object(patchShape(servicePointBaseSchema.shape)).extend({
  version: z.number().int().positive(),
});

export const servicePointRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['service points'];

    app.get(
      '/api/service-points',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary:
            'List service points in your territory (JSON page, or a GeoJSON layer with format=geojson)',
          querystring: listQuery,
          response: { 200: z.union([pageSchema, featureCollectionSchema]) },
        },
      },
      async (request) => {
        const { format, ...query } = request.query;
        const page = await listServicePoints(ctx.db, actorOf(request), query);
        if (format !== 'geojson') return page;
        return {
          ...servicePointsToFeatureCollection(page.items),
          total: page.total,
          page: page.page,
          pageSize: page.pageSize,
        };
      },
    );

    app.get(
      '/api/service-points/:id',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'One service point',
          params: idParamsSchema,
          response: { 200: servicePointSchema },
        },
      },
      async (request) => getServicePoint(ctx.db, actorOf(request), request.params.id),
    );

    app.post(
      '/api/service-points',
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary: 'Create a service point (municipality derived from its position)',
          body: servicePointCreateSchema,
          response: { 201: servicePointSchema },
        },
      },
      async (request, reply) => {
        const created = await createServicePoint(ctx.db, actorOf(request), request.body);
        return reply.code(201).send(created);
      },
    );

    app.patch(
      '/api/service-points/:id',
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary: 'Change fields of a service point; send the version you read (409 when stale)',
          params: idParamsSchema,
          body: updateBodySchema,
          response: { 200: servicePointSchema },
        },
      },
      async (request) => updateServicePoint(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/api/service-points/:id',
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary: 'Delete a service point (optionally only if still at `version`)',
          params: idParamsSchema,
          querystring: deleteQuerySchema,
        },
      },
      async (request, reply) => {
        await deleteServicePoint(ctx.db, actorOf(request), request.params.id, request.query.version);
        return reply.code(204).send();
      },
    );
  };
