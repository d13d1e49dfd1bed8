/** Liveness and readiness: answers without login, checks the database with a trivial query. */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';

export const healthRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          response: { 200: z.object({ status: z.literal('ok'), database: z.string(), time: z.string() }) },
        },
      },
      async () => {
        await ctx.db.execute(sql`select 1`);
        return { status: 'ok' as const, database: ctx.database.kind, time: new Date().toISOString() };
      },
    );
  };
