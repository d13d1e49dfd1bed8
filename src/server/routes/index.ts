/** Registers every route plugin. A new route file is added here and in the route matrix test. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { accessRoutes } from './access.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { configRoutes } from './config.js';
import { exportRoutes } from './exports.js';
import { healthRoutes } from './health.js';
import { importRoutes } from './imports.js';
import { mapTileRoutes } from './map-tiles.js';
import { placeRoutes } from './places.js';
import { servicePointRoutes } from './service-points.js';
import { sotBoardRoutes } from './sot-board.js';
import { sotDocumentRoutes } from './sot-documents.js';
import { sotMoneyRoutes } from './sot-money.js';
import { sotOperationRoutes } from './sot-operations.js';
import { sotOrganisationRoutes } from './sot-organisation.js';
import { sotPointRoutes } from './sot-points.js';
import { territoryRoutes } from './territories.js';
import { userRoutes } from './users.js';

export async function registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  await zapp.register(healthRoutes(ctx));
  await zapp.register(authRoutes(ctx));
  await zapp.register(configRoutes(ctx));
  await zapp.register(servicePointRoutes(ctx));
  await zapp.register(placeRoutes(ctx));
  await zapp.register(territoryRoutes(ctx));
  await zapp.register(auditRoutes(ctx));
  await zapp.register(userRoutes(ctx));
  await zapp.register(exportRoutes(ctx));
  await zapp.register(importRoutes(ctx));
  await zapp.register(sotPointRoutes(ctx));
  await zapp.register(sotMoneyRoutes(ctx));
  await zapp.register(sotDocumentRoutes(ctx));
  await zapp.register(sotOrganisationRoutes(ctx));
  await zapp.register(sotOperationRoutes(ctx));
  await zapp.register(sotBoardRoutes(ctx));
  await zapp.register(accessRoutes(ctx));
  await zapp.register(mapTileRoutes(ctx));
}
