/**
 * The five routes every registry entity has (list as a JSON page or GeoJSON layer, read, create,
 * partial update, delete), written once so places and service points answer alike: same access,
 * same status codes, same paging members on the GeoJSON layer. Each entity module passes its
 * schemas and domain functions; role is checked by `config.access`, territory by the domain.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/actor.js';
import { type FeatureCollection, type Page, patchShape } from '../../domain/registry-common.js';
import { idParamsSchema, rowVersionParamSchema, rowVersionSchema } from '../../shared/ids.js';
import { actorOf, EDITORS } from '../access.js';
import type { AppContext } from '../context.js';

export { idParamsSchema };
export const deleteQuerySchema = z.object({ version: rowVersionParamSchema.optional() });

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

type ListFormat = { format: 'json' | 'geojson' };

/**
 * One registry entity as its routes see it. The functions are properties, not methods, so the
 * compiler checks strictly that each domain function takes what its schemas produce.
 */
export interface RegistryRouteSpec<Item, Query extends ListFormat> {
  /** Lower case, singular (`place`, `service point`): the OpenAPI tag and summaries say it. */
  noun: string;
  /** The collection URL, `/api/places`; one row is `<path>/:id`. */
  path: string;
  /** The API shape of one row. */
  itemSchema: z.ZodType<Item>;
  /** POST body. */
  createSchema: z.ZodType;
  /** The create fields without refinements: PATCH takes any subset of them plus `version`. */
  baseShape: z.ZodRawShape;
  /** GET query: filters, paging, sorting and `format`. */
  listQuery: z.ZodType<Query>;
  /** `properties` of one feature in the GeoJSON layer. */
  featureProperties: z.ZodType;
  list: (db: Db, actor: Actor, query: Omit<Query, 'format'>) => Promise<Page<Item>>;
  toFeatureCollection: (items: Item[]) => FeatureCollection<unknown>;
  get: (db: Db, actor: Actor, id: number) => Promise<Item>;
  create: (db: Db, actor: Actor, raw: unknown) => Promise<Item>;
  update: (db: Db, actor: Actor, id: number, raw: unknown) => Promise<Item>;
  remove: (db: Db, actor: Actor, id: number, expectedVersion?: number) => Promise<void>;
}

/**
 * The same spec with the types erased, which is what the route code below works on: Fastify's
 * type provider cannot resolve schemas whose types are type parameters. Methods (compared
 * bivariantly) let any checked `RegistryRouteSpec` be assigned here without a cast.
 */
interface ErasedSpec {
  itemSchema: z.ZodType;
  listQuery: z.ZodType<ListFormat>;
  list(db: Db, actor: Actor, query: object): Promise<Page<unknown>>;
  toFeatureCollection(items: unknown[]): FeatureCollection<unknown>;
}

/** The route plugin for one registry entity. */
export function registryRoutes<Item, Query extends ListFormat>(
  ctx: AppContext,
  spec: RegistryRouteSpec<Item, Query>,
): FastifyPluginAsyncZod {
  const { noun, path } = spec;
  const erased: ErasedSpec = spec;
  const tags = [`${noun}s`];
  const pageSchema = z.object({
    items: z.array(erased.itemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
  const featureCollectionSchema = pointCollectionSchema(spec.featureProperties);
  // Built from the base shape: a PATCH body must not gain defaults for fields it never sent.
  const updateBodySchema = z
    .object(patchShape(spec.baseShape))
    .extend({ version: rowVersionSchema })
    .strict();

  return async (app) => {
    app.get(
      path,
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: `List ${noun}s in your territory (JSON page, or a GeoJSON layer with format=geojson)`,
          querystring: erased.listQuery,
          response: { 200: z.union([pageSchema, featureCollectionSchema]) },
        },
      },
      async (request) => {
        const { format, ...query } = request.query;
        const page = await erased.list(ctx.db, actorOf(request), query);
        if (format !== 'geojson') return page;
        return {
          ...erased.toFeatureCollection(page.items),
          total: page.total,
          page: page.page,
          pageSize: page.pageSize,
        };
      },
    );

    app.get(
      `${path}/:id`,
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: `One ${noun}`,
          params: idParamsSchema,
          response: { 200: erased.itemSchema },
        },
      },
      async (request) => spec.get(ctx.db, actorOf(request), request.params.id),
    );

    app.post(
      path,
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary: `Create a ${noun} (municipality derived from its position)`,
          body: spec.createSchema,
          response: { 201: erased.itemSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await spec.create(ctx.db, actorOf(request), request.body)),
    );

    app.patch(
      `${path}/:id`,
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary: `Change fields of a ${noun}; send the version you read (409 when stale)`,
          params: idParamsSchema,
          body: updateBodySchema,
          response: { 200: erased.itemSchema },
        },
      },
      async (request) => spec.update(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      `${path}/:id`,
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary: `Delete a ${noun} (optionally only if still at \`version\`)`,
          params: idParamsSchema,
          querystring: deleteQuerySchema,
        },
      },
      async (request, reply) => {
        await spec.remove(ctx.db, actorOf(request), request.params.id, request.query.version);
        return reply.code(204).send();
      },
    );
  };
}
