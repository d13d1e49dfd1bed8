/**
 * GET /api/config: what the web client needs before login — the map tile source (none by
 * default: SOT must work offline), whether this is the demo data set, and the version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meta } from '../../db/schema.js';
import type { AppContext } from '../context.js';

/** The package version, found by walking up from this file (works from src/ and dist/). */
function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'sot' && pkg.version) return pkg.version;
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

const VERSION = packageVersion();

const configSchema = z.object({
  tileUrl: z.string().nullable(),
  tileAttribution: z.string().nullable(),
  demo: z.boolean(),
  version: z.string(),
});

export const configRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/config',
      {
        config: { access: 'public' },
        schema: { tags: ['system'], summary: 'Client configuration', response: { 200: configSchema } },
      },
      async () => {
        const [demo] = await ctx.db.select({ key: meta.key }).from(meta).where(eq(meta.key, 'demo'));
        return {
          tileUrl: ctx.config.tileUrl ?? null,
          tileAttribution: ctx.config.tileAttribution ?? null,
          demo: Boolean(demo),
          version: VERSION,
        };
      },
    );
  };
