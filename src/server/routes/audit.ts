/** GET /api/audit: the change log, for administrators (everything) and county users (their county). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditQuerySchema, listAudit } from '../../domain/audit-query.js';
import { ADMIN_COUNTY, actorOf } from '../access.js';
import type { AppContext } from '../context.js';

const auditPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      userId: z.number().int().nullable(),
      username: z.string().nullable(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string().nullable(),
      municipalityCode: z.string().nullable(),
      countyCode: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown(),
      details: z.unknown(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        config: { access: ADMIN_COUNTY },
        schema: {
          tags: ['audit'],
          summary: 'Audit log, newest first: who changed what, when, before and after',
          querystring: auditQuerySchema,
          response: { 200: auditPageSchema },
        },
      },
      async (request) => listAudit(ctx.db, actorOf(request), request.query),
    );
  };
