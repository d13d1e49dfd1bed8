/**
 * /api/access: the accessibility analysis. Editors (admin, county, municipality) start and cancel
 * runs; readers (those plus viewers) read runs, summaries (also as XLSX), the results layer and
 * single points, each limited to their territory by src/access/queries.ts. Operators see nothing
 * here: their scope is the service points assigned to them. Administrators edit the configuration.
 * The `sot` group (SOT-punkter) is for editors only, and names only the SOT-punkter the reader
 * may read: src/access/sot-visibility.ts decides, below the handlers.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getAccessConfig, updateAccessConfig } from '../../access/config.js';
import { listGraphFiles } from '../../access/graph-ref.js';
import {
  getAccessResults,
  getAccessSummary,
  getPointAccess,
  resultsToGeoJson,
} from '../../access/queries.js';
import { cancelAccessRun, getAccessRun, listAccessRuns, startAccessRun } from '../../access/runs.js';
import { readableGroupKeys } from '../../access/sot-visibility.js';
import { exportAccessSummaryXlsx, SUMMARY_WEIGHTINGS } from '../../access/summary-export.js';
import type { Actor } from '../../domain/actor.js';
import {
  accessConfigSchema,
  accessResultsGeoJsonSchema,
  accessResultsResponseSchema,
  accessRunSchema,
  accessSummaryResponseSchema,
  graphNameSchema,
  groupKeySchema,
  pointAccessSchema,
} from '../../shared/access.js';
import { dbIdParamSchema, idParamsSchema } from '../../shared/ids.js';
import type { Role } from '../../shared/kinds.js';
import { bboxSchema } from '../../shared/service-point.js';
import { contentDisposition } from '../../sot/documents.js';
import { ADMIN, actorOf, EDITORS } from '../access.js';
import type { AppContext } from '../context.js';

/** Everyone with a territory to read: operators are not among them. */
const READERS: readonly Role[] = ['admin', 'county', 'municipality', 'viewer'];

const startBodySchema = z
  .object({
    graph: graphNameSchema.optional(),
    groups: z.array(groupKeySchema).min(1).optional(),
  })
  .strict()
  .default({});

const startResponseSchema = z.object({ run: accessRunSchema, reused: z.boolean() });

const runQuery = dbIdParamSchema.optional();
const municipality = z
  .string()
  .regex(/^\d{4}$/, 'municipality must be a 4-digit code')
  .optional();
const county = z
  .string()
  .regex(/^\d{2}$/, 'county must be a 2-digit code')
  .optional();

const summaryQuerySchema = z.object({
  group: groupKeySchema.optional(),
  municipality,
  county,
  run: runQuery,
});

const summaryXlsxQuerySchema = z.object({
  /** One group; default every group of the run, a sheet each. */
  group: groupKeySchema.optional(),
  municipality,
  county,
  weight: z.enum(SUMMARY_WEIGHTINGS).default('resident'),
});

const resultsQuerySchema = z.object({
  group: groupKeySchema,
  bbox: bboxSchema.optional(),
  municipality,
  county,
  run: runQuery,
  format: z.enum(['json', 'geojson']).default('json'),
  limit: z.coerce.number().int().min(1).max(500_000).default(100_000),
});

const pointParamsSchema = z.object({ ref: z.string().min(3).max(120) });

const configResponseSchema = accessConfigSchema.extend({
  /** Road graphs in the data directory, newest first. */
  graphs: z.array(z.object({ name: z.string(), sizeBytes: z.number(), modifiedAt: z.string() })),
  /** The graph a run uses when none is named: the pinned one, else the newest; null when none exists. */
  currentGraph: z.string().nullable(),
  /** The groups whose results you may read, in order (kind groups, then `sot` for editors). */
  readableGroups: z.array(z.string()),
});

const configBodySchema = z
  .object({
    groups: accessConfigSchema.shape.groups.optional(),
    graph: accessConfigSchema.shape.graph.optional(),
    maxSnapMetres: accessConfigSchema.shape.maxSnapMetres.optional(),
    sotStatuses: accessConfigSchema.shape.sotStatuses.optional(),
  })
  .strict();

export const accessRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['accessibility'];
    const dataDir = ctx.config.dataDir;

    const configView = async (actor: Actor) => {
      const config = await getAccessConfig(ctx.db);
      const graphs = listGraphFiles(dataDir).map((g) => ({
        name: g.name,
        sizeBytes: g.size,
        modifiedAt: new Date(g.mtimeMs).toISOString(),
      }));
      const pinned = config.graph && graphs.some((g) => g.name === config.graph) ? config.graph : null;
      return {
        ...config,
        graphs,
        currentGraph: pinned ?? graphs[0]?.name ?? null,
        readableGroups: readableGroupKeys(actor, config),
      };
    };

    app.post(
      '/api/access/runs',
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary:
            'Start an accessibility run (202); returns the running one instead when the same graph and groups are already being computed',
          body: startBodySchema,
          response: { 202: startResponseSchema },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await startAccessRun(ctx.db, actorOf(request), dataDir, request.body ?? {})),
    );

    app.get(
      '/api/access/runs',
      {
        config: { access: READERS },
        schema: {
          tags,
          summary: 'The latest accessibility runs, newest first',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
          response: { 200: z.object({ items: z.array(accessRunSchema) }) },
        },
      },
      async (request) => ({
        items: await listAccessRuns(ctx.db, actorOf(request), dataDir, request.query.limit),
      }),
    );

    app.get(
      '/api/access/runs/:id',
      {
        config: { access: READERS },
        schema: {
          tags,
          summary: 'Status, progress and freshness of a run',
          params: idParamsSchema,
          response: { 200: accessRunSchema },
        },
      },
      async (request) => getAccessRun(ctx.db, actorOf(request), dataDir, request.params.id),
    );

    app.delete(
      '/api/access/runs/:id',
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary: 'Cancel a queued or running run (administrators, or the user who started it)',
          params: idParamsSchema,
          response: { 200: accessRunSchema },
        },
      },
      async (request) => cancelAccessRun(ctx.db, actorOf(request), request.params.id),
    );

    app.get(
      '/api/access/summary',
      {
        config: { access: READERS },
        schema: {
          tags,
          summary:
            'Population-weighted summaries per municipality and county (your territory) from the newest finished run, or `run`',
          querystring: summaryQuerySchema,
          response: { 200: accessSummaryResponseSchema },
        },
      },
      async (request) => getAccessSummary(ctx.db, actorOf(request), dataDir, request.query),
    );

    app.get(
      '/api/access/runs/:id/summary.xlsx',
      {
        config: { access: READERS },
        schema: {
          tags,
          summary:
            'The summary of a finished run (your territory) as an XLSX workbook, weighted by resident or seasonal population; the sheet states the run and whether it is stale',
          params: idParamsSchema,
          querystring: summaryXlsxQuerySchema,
        },
      },
      async (request, reply) => {
        const { weight, ...query } = request.query;
        const file = await exportAccessSummaryXlsx(ctx.db, actorOf(request), dataDir, {
          ...query,
          run: request.params.id,
          weighting: weight,
        });
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', contentDisposition(file.filename))
          .header('cache-control', 'no-store')
          .send(file.body);
      },
    );

    app.get(
      '/api/access/results',
      {
        config: { access: READERS },
        schema: {
          tags,
          summary:
            'Population points of your territory with time and distance to the nearest and second-nearest service of a group (JSON, or a GeoJSON map layer); group `sot` (SOT-punkter) for administrators, county and municipality users, naming only the SOT-punkter you may read',
          querystring: resultsQuerySchema,
          response: { 200: z.union([accessResultsResponseSchema, accessResultsGeoJsonSchema]) },
        },
      },
      async (request) => {
        const { format, ...query } = request.query;
        const res = await getAccessResults(ctx.db, actorOf(request), dataDir, query);
        return format === 'geojson' ? resultsToGeoJson(res) : res;
      },
    );

    app.get(
      '/api/access/points/:ref',
      {
        config: { access: READERS },
        schema: {
          tags,
          summary:
            'A place (`place:<id>`) or population cell (`cell:<grid id>`) with its nearest services per group',
          params: pointParamsSchema,
          querystring: z.object({ run: runQuery }),
          response: { 200: pointAccessSchema },
        },
      },
      async (request) =>
        getPointAccess(ctx.db, actorOf(request), dataDir, request.params.ref, { run: request.query.run }),
    );

    app.get(
      '/api/access/config',
      {
        config: { access: READERS },
        schema: {
          tags,
          summary:
            'Service groups, SOT statuses, graph choice and snapping limit of the analysis, the graphs available, and the groups you may read',
          response: { 200: configResponseSchema },
        },
      },
      async (request) => configView(actorOf(request)),
    );

    app.put(
      '/api/access/config',
      {
        config: { access: ADMIN },
        schema: {
          tags,
          summary: 'Change the analysis configuration (administrators); fields left out stay as they are',
          body: configBodySchema,
          response: { 200: configResponseSchema },
        },
      },
      async (request) => {
        const body = Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined));
        await updateAccessConfig(ctx.db, actorOf(request), body);
        return configView(actorOf(request));
      },
    );
  };
