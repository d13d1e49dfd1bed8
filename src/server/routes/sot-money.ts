/**
 * /api/sot/points/:id/financing and …/agreements: applications and decisions with the
 * private-share check, and agreements with computed renewal reminders. Reading needs read access
 * to the point; changes are for its editors (admin, the point's municipality).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createAgreement, deleteAgreement, listAgreements, updateAgreement } from '../../sot/agreements.js';
import { createFinancing, deleteFinancing, listFinancing, updateFinancing } from '../../sot/financing.js';
import {
  agreementCreateSchema,
  agreementUpdateSchema,
  financingCreateSchema,
  financingUpdateSchema,
} from '../../sot/schemas.js';
import { actorOf } from '../access.js';
import type { AppContext } from '../context.js';
import { SOT_EDITORS } from './sot-points.js';
import { agreementSchema, financingSchema, itemParams, pointParams } from './sot-schemas.js';

export const sotMoneyRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['SOT-punkter'];

    app.get(
      '/api/sot/points/:id/financing',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'Financing applications and decisions, with private-share and gap checks',
          params: pointParams,
          response: { 200: z.object({ items: z.array(financingSchema) }) },
        },
      },
      async (request) => ({ items: await listFinancing(ctx.db, actorOf(request), request.params.id) }),
    );
    app.post(
      '/api/sot/points/:id/financing',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Add a financing application or decision',
          params: pointParams,
          body: financingCreateSchema,
          response: { 201: financingSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createFinancing(ctx.db, actorOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/sot/points/:id/financing/:itemId',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Change a financing item (e.g. record the decision or the payout)',
          params: itemParams,
          body: financingUpdateSchema,
          response: { 200: financingSchema },
        },
      },
      async (request) =>
        updateFinancing(ctx.db, actorOf(request), request.params.id, request.params.itemId, request.body),
    );
    app.delete(
      '/api/sot/points/:id/financing/:itemId',
      {
        config: { access: SOT_EDITORS },
        schema: { tags, summary: 'Delete a financing item', params: itemParams },
      },
      async (request, reply) => {
        await deleteFinancing(ctx.db, actorOf(request), request.params.id, request.params.itemId);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/sot/points/:id/agreements',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'Agreements with term, notice period and renewal reminder',
          params: pointParams,
          response: { 200: z.object({ items: z.array(agreementSchema) }) },
        },
      },
      async (request) => ({ items: await listAgreements(ctx.db, actorOf(request), request.params.id) }),
    );
    app.post(
      '/api/sot/points/:id/agreements',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Add an agreement',
          params: pointParams,
          body: agreementCreateSchema,
          response: { 201: agreementSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createAgreement(ctx.db, actorOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/sot/points/:id/agreements/:itemId',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Change an agreement (e.g. mark it signed)',
          params: itemParams,
          body: agreementUpdateSchema,
          response: { 200: agreementSchema },
        },
      },
      async (request) =>
        updateAgreement(ctx.db, actorOf(request), request.params.id, request.params.itemId, request.body),
    );
    app.delete(
      '/api/sot/points/:id/agreements/:itemId',
      {
        config: { access: SOT_EDITORS },
        schema: { tags, summary: 'Delete an agreement', params: itemParams },
      },
      async (request, reply) => {
        await deleteAgreement(ctx.db, actorOf(request), request.params.id, request.params.itemId);
        return reply.code(204).send();
      },
    );
  };
