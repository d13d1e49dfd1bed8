/** Registers every route plugin. A new route file is added here and in the route matrix test. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { authRoutes } from './auth.js';
import { healthRoutes } from './health.js';

export async function registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  await zapp.register(healthRoutes(ctx));
  await zapp.register(authRoutes(ctx));
}
