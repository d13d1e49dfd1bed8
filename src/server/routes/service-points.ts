/**
 * /api/service-points: list (JSON page or GeoJSON layer), read, create, update and delete
 * (exports: ./exports.ts). The routes come from ./registry-routes.ts, shared with places; role is
 * checked by `config.access`, territory by src/domain/service-points.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
import type { AppContext } from '../context.js';
import { registryRoutes } from './registry-routes.js';

// Other route modules import these from here; they live with the shared registry routes.
export { deleteQuerySchema, idParamsSchema, pointCollectionSchema } from './registry-routes.js';

export const servicePointRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  registryRoutes(ctx, {
    noun: 'service point',
    path: '/api/service-points',
    itemSchema: servicePointSchema,
    createSchema: servicePointCreateSchema,
    baseShape: servicePointBaseSchema.shape,
    listQuery: listQuerySchema.extend({ sort: z.enum(SERVICE_POINT_SORTS).default('name') }),
    featureProperties: z.object({
      id: z.number().int(),
      kind: serviceKindSchema,
      name: z.string(),
      chain: z.string().nullable(),
      city: z.string().nullable(),
      municipalityCode: z.string().nullable(),
      power: z.string(),
      version: z.number().int(),
    }),
    list: listServicePoints,
    toFeatureCollection: servicePointsToFeatureCollection,
    get: getServicePoint,
    create: createServicePoint,
    update: updateServicePoint,
    remove: deleteServicePoint,
  });
