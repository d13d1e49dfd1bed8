/**
 * /api/sot/points: SOT-punkter and their checklist, power design, kravspecifikation, lifecycle
 * transitions, assigned operators and granted viewers. Role in `config.access`; territory,
 * assignment and grant rules in src/sot/access.ts (404 outside the read scope, 403 for what the
 * role may not do).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderSpecMarkdown } from '../../power/kravspecifikation.js';
import { renderSpecPdf } from '../../power/kravspecifikation-pdf.js';
import { requirementSpecQuerySchema } from '../../power/spec-options.js';
import { rowVersionParamSchema } from '../../shared/ids.js';
import { getChecklist } from '../../sot/checklist.js';
import { getDesign, getRequirementSpec, specFilename } from '../../sot/design.js';
import { contentDisposition } from '../../sot/documents.js';
import { getAccessList, setAccessList } from '../../sot/grants.js';
import { addTransition, listTransitions } from '../../sot/lifecycle.js';
import { createPoint, deletePoint, getPoint, listPoints, updatePoint } from '../../sot/points.js';
import {
  pointCreateSchema,
  pointUpdateSchema,
  SOT_STATUSES,
  transitionCreateSchema,
  userIdsSchema,
} from '../../sot/schemas.js';
import { actorOf } from '../access.js';
import type { AppContext } from '../context.js';
import {
  accessListSchema,
  checklistSchema,
  pointParams,
  sotPointListSchema,
  sotPointSchema,
  transitionSchema,
} from './sot-schemas.js';

/** Roles that edit SOT-punkter (county users read them; operators log test runs). */
export const SOT_EDITORS = ['admin', 'municipality'] as const;
/** Roles that see who has access to a point. */
export const SOT_MANAGERS = ['admin', 'county', 'municipality'] as const;

const listQuery = z.object({
  municipality: z
    .string()
    .regex(/^\d{4}$/, 'a 4-digit municipality code')
    .optional(),
  county: z
    .string()
    .regex(/^\d{2}$/, 'a 2-digit county code')
    .optional(),
  /** Comma-separated statuses. */
  status: z
    .string()
    .regex(
      new RegExp(`^(${SOT_STATUSES.join('|')})(,(${SOT_STATUSES.join('|')}))*$`),
      'comma-separated statuses',
    )
    .optional(),
  q: z.string().trim().max(200).optional(),
});

const deleteQuery = z.object({ version: rowVersionParamSchema.optional() });

const transitionResult = z.object({
  transition: transitionSchema,
  status: z.enum(SOT_STATUSES),
  version: z.number(),
});

export const sotPointRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['SOT-punkter'];

    app.get(
      '/api/sot/points',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'SOT-punkter you may see (confidential: the read is audited)',
          querystring: listQuery,
          response: { 200: sotPointListSchema },
        },
      },
      async (request) => {
        const { status, ...rest } = request.query;
        const items = await listPoints(ctx.db, actorOf(request), {
          ...rest,
          status: status?.split(',') as (typeof SOT_STATUSES)[number][] | undefined,
        });
        return { items };
      },
    );

    app.post(
      '/api/sot/points',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Create a SOT-punkt (status idé) linking a grocery store and a fuel station',
          body: pointCreateSchema,
          response: { 201: sotPointSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createPoint(ctx.db, actorOf(request), request.body)),
    );

    app.get(
      '/api/sot/points/:id',
      {
        config: { access: 'any' },
        schema: { tags, summary: 'One SOT-punkt', params: pointParams, response: { 200: sotPointSchema } },
      },
      async (request) => getPoint(ctx.db, actorOf(request), request.params.id),
    );

    app.patch(
      '/api/sot/points/:id',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Change fields of a SOT-punkt; send the version you read (409 when stale)',
          params: pointParams,
          body: pointUpdateSchema,
          response: { 200: sotPointSchema },
        },
      },
      async (request) => updatePoint(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/api/sot/points/:id',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Delete a SOT-punkt and everything attached (use status avvecklad to decommission)',
          params: pointParams,
          querystring: deleteQuery,
        },
      },
      async (request, reply) => {
        await deletePoint(ctx.db, actorOf(request), request.params.id, request.query.version);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/sot/points/:id/checklist',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'The five minimum-level criteria (lägstanivå), computed from facts',
          params: pointParams,
          response: { 200: checklistSchema },
        },
      },
      async (request) => getChecklist(ctx.db, actorOf(request), request.params.id),
    );

    app.get(
      '/api/sot/points/:id/design',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary:
            'Backup-power design from the load inventory: loads, genset size, fuel, autonomy, container',
          params: pointParams,
          response: {
            200: z.object({
              pointId: z.number(),
              input: z.record(z.string(), z.unknown()).nullable(),
              design: z.record(z.string(), z.unknown()).nullable(),
              facts: z.object({
                requiredKva: z.number().nullable(),
                recommendedKva: z.number().nullable(),
                coversFuel: z.boolean().nullable(),
                autonomyHours: z.number().nullable(),
                targetHours: z.number(),
                autonomyMet: z.boolean().nullable(),
              }),
            }),
          },
        },
      },
      async (request) => {
        const view = await getDesign(ctx.db, actorOf(request), request.params.id);
        // Infinity (no load) does not survive JSON; the design is plain data otherwise.
        return JSON.parse(JSON.stringify(view, (_k, v) => (v === Number.POSITIVE_INFINITY ? null : v)));
      },
    );

    app.get(
      '/api/sot/points/:id/spec.md',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'Kravspecifikation (procurement requirements) as editable Markdown',
          params: pointParams,
          querystring: requirementSpecQuerySchema,
        },
      },
      async (request, reply) => {
        const { doc, pointName } = await getRequirementSpec(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.query,
        );
        const filename = specFilename(pointName, 'md');
        return reply
          .header('content-type', 'text/markdown; charset=utf-8')
          .header('content-disposition', contentDisposition(filename))
          .header('cache-control', 'no-store')
          .send(renderSpecMarkdown(doc));
      },
    );

    app.get(
      '/api/sot/points/:id/spec.pdf',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'Kravspecifikation (procurement requirements) as PDF',
          params: pointParams,
          querystring: requirementSpecQuerySchema,
        },
      },
      async (request, reply) => {
        const { doc, pointName } = await getRequirementSpec(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.query,
        );
        const filename = specFilename(pointName, 'pdf');
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', contentDisposition(filename))
          .header('cache-control', 'no-store')
          .send(await renderSpecPdf(doc));
      },
    );

    app.get(
      '/api/sot/points/:id/transitions',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'Lifecycle history, oldest first',
          params: pointParams,
          response: { 200: z.object({ items: z.array(transitionSchema) }) },
        },
      },
      async (request) => ({ items: await listTransitions(ctx.db, actorOf(request), request.params.id) }),
    );

    app.post(
      '/api/sot/points/:id/transitions',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary:
            'Move to another lifecycle status (backwards needs a note; i_drift needs genset + passed test run)',
          params: pointParams,
          body: transitionCreateSchema,
          response: { 201: transitionResult },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addTransition(ctx.db, actorOf(request), request.params.id, request.body)),
    );

    for (const kind of ['operators', 'grants'] as const) {
      const what = kind === 'operators' ? 'Operators assigned to' : 'Viewers granted read access to';
      app.get(
        `/api/sot/points/:id/${kind}`,
        {
          config: { access: SOT_MANAGERS },
          schema: {
            tags,
            summary: `${what} the point (and, for editors, candidates from the county)`,
            params: pointParams,
            response: { 200: accessListSchema },
          },
        },
        async (request) => getAccessList(ctx.db, actorOf(request), kind, request.params.id),
      );
      app.put(
        `/api/sot/points/:id/${kind}`,
        {
          config: { access: SOT_EDITORS },
          schema: {
            tags,
            summary: `Replace the ${kind === 'operators' ? 'operators' : 'granted viewers'} of the point`,
            params: pointParams,
            body: userIdsSchema,
            response: { 200: accessListSchema },
          },
        },
        async (request) => setAccessList(ctx.db, actorOf(request), kind, request.params.id, request.body),
      );
    }
  };
