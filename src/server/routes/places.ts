/**
 * /api/places: localities with resident and seasonal population. Same routes and rules as
 * /api/service-points (both come from ./registry-routes.ts), without service kinds and with
 * sorting by population.
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
import {
  listQuerySchema,
  placeBaseSchema,
  placeCreateSchema,
  placeSchema,
} from '../../shared/service-point.js';
import type { AppContext } from '../context.js';
import { registryRoutes } from './registry-routes.js';

export const placeRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  registryRoutes(ctx, {
    noun: 'place',
    path: '/api/places',
    itemSchema: placeSchema,
    createSchema: placeCreateSchema,
    baseShape: placeBaseSchema.shape,
    listQuery: listQuerySchema.omit({ kinds: true }).extend({ sort: z.enum(PLACE_SORTS).default('name') }),
    featureProperties: z.object({
      id: z.number().int(),
      name: z.string(),
      placeType: z.string(),
      population: z.number().nullable(),
      seasonalPopulation: z.number().nullable(),
      municipalityCode: z.string().nullable(),
      version: z.number().int(),
    }),
    list: listPlaces,
    toFeatureCollection: placesToFeatureCollection,
    get: getPlace,
    create: createPlace,
    update: updatePlace,
    remove: deletePlace,
  });
