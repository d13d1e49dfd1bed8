/**
 * /api/sot/points/:id/organisation, …/members, …/trainings and …/contact-tree: the operating
 * group. Members and the contact tree are personal data: only the point's municipality, its
 * assigned operators and admins read them (county users and viewers get 403 and see counts per
 * role in …/organisation instead); every read is audited.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getContactTree, renderContactTreeHtml, renderContactTreePdf } from '../../sot/contact-tree.js';
import { specFilename } from '../../sot/design.js';
import { contentDisposition } from '../../sot/documents.js';
import {
  createMember,
  createTraining,
  deleteMember,
  deleteTraining,
  getOrganisation,
  listMembers,
  putOrganisation,
  updateMember,
  updateTraining,
} from '../../sot/organisation.js';
import {
  memberCreateSchema,
  memberUpdateSchema,
  organisationSchema,
  trainingCreateSchema,
  trainingUpdateSchema,
} from '../../sot/schemas.js';
import { actorOf } from '../access.js';
import type { AppContext } from '../context.js';
import { SOT_LOGGERS } from './sot-operations.js';
import { SOT_EDITORS } from './sot-points.js';
import {
  itemParams,
  memberSchema,
  organisationViewSchema,
  pointParams,
  trainingSchema,
} from './sot-schemas.js';

/** Roles that may read personal data of a point (territory/assignment checked in the domain). */
export const SOT_PERSONAL_READERS = SOT_LOGGERS;

const treeQuery = z.object({ format: z.enum(['html', 'pdf', 'json']).default('html') });

export const sotOrganisationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['SOT-punkter'];

    app.get(
      '/api/sot/points/:id/organisation',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary:
            'The operating organisation and counts per role/training (contact details only with personal access)',
          params: pointParams,
          response: { 200: organisationViewSchema },
        },
      },
      async (request) => getOrganisation(ctx.db, actorOf(request), request.params.id),
    );
    app.put(
      '/api/sot/points/:id/organisation',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Create or replace the operating organisation',
          params: pointParams,
          body: organisationSchema,
          response: { 200: organisationViewSchema },
        },
      },
      async (request) => putOrganisation(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/sot/points/:id/members',
      {
        config: { access: SOT_PERSONAL_READERS },
        schema: {
          tags,
          summary: 'Members with contact details, roles and trainings (personal data: audited)',
          params: pointParams,
          response: { 200: z.object({ items: z.array(memberSchema) }) },
        },
      },
      async (request) => ({ items: await listMembers(ctx.db, actorOf(request), request.params.id) }),
    );
    app.post(
      '/api/sot/points/:id/members',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Add a member',
          params: pointParams,
          body: memberCreateSchema,
          response: { 201: memberSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createMember(ctx.db, actorOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/sot/points/:id/members/:itemId',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Change a member (contact details, roles, place in the contact tree)',
          params: itemParams,
          body: memberUpdateSchema,
          response: { 200: memberSchema },
        },
      },
      async (request) =>
        updateMember(ctx.db, actorOf(request), request.params.id, request.params.itemId, request.body),
    );
    app.delete(
      '/api/sot/points/:id/members/:itemId',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary:
            'Remove a member completely (row and training records deleted; audit keeps id and roles only)',
          params: itemParams,
        },
      },
      async (request, reply) => {
        await deleteMember(ctx.db, actorOf(request), request.params.id, request.params.itemId);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/sot/points/:id/trainings',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Add a training record to a member',
          params: pointParams,
          body: trainingCreateSchema,
          response: { 201: trainingSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createTraining(ctx.db, actorOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/sot/points/:id/trainings/:itemId',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Change a training record',
          params: itemParams,
          body: trainingUpdateSchema,
          response: { 200: trainingSchema },
        },
      },
      async (request) =>
        updateTraining(ctx.db, actorOf(request), request.params.id, request.params.itemId, request.body),
    );
    app.delete(
      '/api/sot/points/:id/trainings/:itemId',
      {
        config: { access: SOT_EDITORS },
        schema: { tags, summary: 'Delete a training record', params: itemParams },
      },
      async (request, reply) => {
        await deleteTraining(ctx.db, actorOf(request), request.params.id, request.params.itemId);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/sot/points/:id/contact-tree',
      {
        config: { access: SOT_PERSONAL_READERS },
        schema: {
          tags,
          summary: 'Contact tree (who calls whom) as a one-page printable HTML page, PDF or JSON (audited)',
          params: pointParams,
          querystring: treeQuery,
          // No response schema: format=json answers a ContactTree (contactTreeSchema in
          // sot-schemas.ts), html and pdf answer the page or file itself.
        },
      },
      async (request, reply) => {
        const tree = await getContactTree(ctx.db, actorOf(request), request.params.id);
        reply.header('cache-control', 'no-store');
        if (request.query.format === 'json') return tree;
        const base = specFilename(tree.pointName, 'pdf').replace(/^kravspecifikation-/, 'kontakttrad-');
        if (request.query.format === 'pdf')
          return reply
            .header('content-type', 'application/pdf')
            .header('content-disposition', contentDisposition(base, 'inline'))
            .send(await renderContactTreePdf(tree));
        return reply.type('text/html; charset=utf-8').send(renderContactTreeHtml(tree));
      },
    );
  };
