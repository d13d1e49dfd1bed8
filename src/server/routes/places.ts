/**
 * /api/places: localities with resident and seasonal population. Same shape and rules as
 * /api/service-points, without service kinds and with sorting by population.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPlace,
  deletePlace,
  getPlace,
  listPlaces,
  PLACE_SORTS,
  placesToFeatureCollection,
  updatePlace,
} from '../../domain/places.js';
import { patchShape } from '../../domain/registry-common.js';
import {
  listQuerySchema,
  placeBaseSchema,
  placeCreateSchema,
  placeSchema,
} from '../../shared/service-point.js';
import { actorOf, EDITORS } from '../access.js';
import type { AppContext } from '../context.js';
import { deleteQuerySchema, idParamsSchema, pointCollectionSchema } from './service-points.js';

const listQuery = listQuerySchema.omit({ kinds: true }).extend({ sort: z.enum(PLACE_SORTS).default('name') });

const pageSchema = z.object({
  items: z.array(placeSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const featureCollectionSchema = pointCollectionSchema(
  z.object({
    id: z.number().int(),
    name: z.string(),
    placeType: z.string(),
    population: z.number().nullable(),
    seasonalPopulation: z.number().nullable(),
    municipalityCode: z.string().nullable(),
    version: z.number().int(),
  }),
);

const updateBodySchema = z.object(patchShape(placeBaseSchema.shape)).extend({
  version: z.number().int().positive(),
});

export const placeRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['places'];

    app.get(
      '/api/places',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'List places in your territory (JSON page, or a GeoJSON layer with format=geojson)',
          querystring: listQuery,
          response: { 200: z.union([pageSchema, featureCollectionSchema]) },
        },
      },
      async (request) => {
        const { format, ...query } = request.query;
        const page = await listPlaces(ctx.db, actorOf(request), query);
        if (format !== 'geojson') return page;
        return {
          ...placesToFeatureCollection(page.items),
          total: page.total,
          page: page.page,
          pageSize: page.pageSize,
        };
      },
    );

    app.get(
      '/api/places/:id',
      {
        config: { access: 'any' },
        schema: { tags, summary: 'One place', params: idParamsSchema, response: { 200: placeSchema } },
      },
      async (request) => getPlace(ctx.db, actorOf(request), request.params.id),
    );

    app.post(
      '/api/places',
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary: 'Create a place (municipality derived from its position)',
          body: placeCreateSchema,
          response: { 201: placeSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createPlace(ctx.db, actorOf(request), request.body)),
    );

    app.patch(
      '/api/places/:id',
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary: 'Change fields of a place; send the version you read (409 when stale)',
          params: idParamsSchema,
          body: updateBodySchema,
          response: { 200: placeSchema },
        },
      },
      async (request) => updatePlace(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/api/places/:id',
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary: 'Delete a place (optionally only if still at `version`)',
          params: idParamsSchema,
          querystring: deleteQuerySchema,
        },
      },
      async (request, reply) => {
        await deletePlace(ctx.db, actorOf(request), request.params.id, request.query.version);
        return reply.code(204).send();
      },
    );
  };
