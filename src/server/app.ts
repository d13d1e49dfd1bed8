/**
 * Builds the Fastify application: plugins, the auth hook, the error handler, every route and
 * the web client. Used by the server entry point and by the API tests (`app.inject`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { ErrorIds } from '../errors.js';
import { registerAuthHook } from './auth-hook.js';
import type { AppContext } from './context.js';
import { registerErrorHandler } from './errors.js';
import { registerRejectNul } from './reject-nul.js';
import { registerRoutes } from './routes/index.js';

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Pino logger settings; tests pass false. */
  logger?: boolean | object;
  /** Directory of the built web client; defaults to dist/web next to the project. */
  webRoot?: string | null;
  /** Called for every route as it is registered (the route matrix test collects them). */
  onRoute?: (route: RouteOptions) => void;
}

function defaultWebRoot(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'dist', 'web');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? { level: opts.config.logLevel },
    trustProxy: true,
    bodyLimit: 10 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);

  const ctx: AppContext = { config: opts.config, database: opts.database, db: opts.database.db };

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: opts.config.maxUploadBytes, files: 2 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'SOT API',
        description: 'Service och trygghet: registry of the rural service landscape.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sot_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerAuthHook(app, ctx.db);
  registerRejectNul(app);
  registerErrorHandler(app);
  await registerRoutes(app, ctx);

  const webRoot = opts.webRoot === undefined ? defaultWebRoot() : opts.webRoot;
  if (webRoot) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !webRoot || request.method !== 'GET') {
      return reply.code(404).send({
        error: {
          id: ErrorIds.notFound,
          message: `No route ${request.method} ${request.url.split('?')[0]}`,
          details: [],
        },
      });
    }
    // Client-side routes of the single-page app all load index.html.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
