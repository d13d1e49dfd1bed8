/**
 * /api/users: user administration (admins) and operators' service-point assignments (admins, and
 * county users for operators of their county).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assignmentsBodySchema, getAssignments, setAssignments } from '../../domain/assignments.js';
import { addUser, listUsers, userCreateSchema } from '../../domain/users.js';
import { idParamsSchema } from '../../shared/ids.js';
import { ADMIN, ADMIN_COUNTY, actorOf } from '../access.js';
import type { AppContext } from '../context.js';

const publicUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  countyCode: z.string().nullable(),
  municipalityCode: z.string().nullable(),
  disabled: z.boolean(),
});

const assignmentsSchema = z.object({ userId: z.number().int(), servicePointIds: z.array(z.number().int()) });

export const userRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['users'];

    app.get(
      '/api/users',
      {
        config: { access: ADMIN },
        schema: {
          tags,
          summary: 'All users',
          response: { 200: z.object({ items: z.array(publicUserSchema) }) },
        },
      },
      async () => ({ items: await listUsers(ctx.db) }),
    );

    app.post(
      '/api/users',
      {
        config: { access: ADMIN },
        schema: {
          tags,
          summary: 'Add a user with a role and territory',
          body: userCreateSchema,
          response: { 201: publicUserSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await addUser(ctx.db, actorOf(request), request.body)),
    );

    app.get(
      '/api/users/:id/assignments',
      {
        config: { access: ADMIN_COUNTY },
        schema: {
          tags,
          summary: "An operator's assigned service points",
          params: idParamsSchema,
          response: { 200: assignmentsSchema },
        },
      },
      async (request) => getAssignments(ctx.db, actorOf(request), request.params.id),
    );

    app.put(
      '/api/users/:id/assignments',
      {
        config: { access: ADMIN_COUNTY },
        schema: {
          tags,
          summary: "Replace an operator's assigned service points",
          params: idParamsSchema,
          body: assignmentsBodySchema,
          response: { 200: assignmentsSchema },
        },
      },
      async (request) => setAssignments(ctx.db, actorOf(request), request.params.id, request.body),
    );
  };
