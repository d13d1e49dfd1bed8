/**
 * /api/sot/points/:id/test-runs and …/maintenance: the generator's logs. Assigned operators may
 * add entries (small bodies, made for a phone); deleting a wrong entry is for the point's editors.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { maintenanceCreateSchema, testRunCreateSchema } from '../../sot/schemas.js';
import {
  addMaintenance,
  addTestRun,
  deleteMaintenance,
  deleteTestRun,
  listMaintenance,
  listTestRuns,
} from '../../sot/test-runs.js';
import { actorOf } from '../access.js';
import type { AppContext } from '../context.js';
import { SOT_EDITORS } from './sot-points.js';
import {
  itemParams,
  maintenanceSchema,
  pointParams,
  scheduleStatusSchema,
  testRunLogSchema,
  testRunSchema,
} from './sot-schemas.js';

/** Roles that may log test runs and maintenance (territory/assignment checked in the domain). */
export const SOT_LOGGERS = ['admin', 'municipality', 'operator'] as const;

export const sotOperationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['SOT-punkter'];

    app.get(
      '/api/sot/points/:id/test-runs',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'Test-run log with the schedule and next due / overdue status',
          params: pointParams,
          response: { 200: testRunLogSchema },
        },
      },
      async (request) => listTestRuns(ctx.db, actorOf(request), request.params.id),
    );
    app.post(
      '/api/sot/points/:id/test-runs',
      {
        config: { access: SOT_LOGGERS },
        schema: {
          tags,
          summary: 'Log a test run (date defaults to today)',
          params: pointParams,
          body: testRunCreateSchema,
          response: { 201: z.object({ run: testRunSchema, status: scheduleStatusSchema }) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addTestRun(ctx.db, actorOf(request), request.params.id, request.body)),
    );
    app.delete(
      '/api/sot/points/:id/test-runs/:itemId',
      {
        config: { access: SOT_EDITORS },
        schema: { tags, summary: 'Delete a wrongly logged test run', params: itemParams },
      },
      async (request, reply) => {
        await deleteTestRun(ctx.db, actorOf(request), request.params.id, request.params.itemId);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/sot/points/:id/maintenance',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'Maintenance log, newest first',
          params: pointParams,
          response: { 200: z.object({ items: z.array(maintenanceSchema) }) },
        },
      },
      async (request) => ({ items: await listMaintenance(ctx.db, actorOf(request), request.params.id) }),
    );
    app.post(
      '/api/sot/points/:id/maintenance',
      {
        config: { access: SOT_LOGGERS },
        schema: {
          tags,
          summary: 'Log maintenance (oil, filters, service, …)',
          params: pointParams,
          body: maintenanceCreateSchema,
          response: { 201: maintenanceSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addMaintenance(ctx.db, actorOf(request), request.params.id, request.body)),
    );
    app.delete(
      '/api/sot/points/:id/maintenance/:itemId',
      {
        config: { access: SOT_EDITORS },
        schema: { tags, summary: 'Delete a wrong maintenance entry', params: itemParams },
      },
      async (request, reply) => {
        await deleteMaintenance(ctx.db, actorOf(request), request.params.id, request.params.itemId);
        return reply.code(204).send();
      },
    );
  };
