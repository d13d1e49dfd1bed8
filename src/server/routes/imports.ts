/**
 * /api/imports: upload a file (multipart) and run the same importer as `sot import`, or list the
 * recent import batches. The upload is streamed to a temporary file (never held in memory) and
 * deleted afterwards. Role: editors; boundaries: admin (enforced by runImport).
 */
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { validationError } from '../../errors.js';
import { listImportBatches } from '../../import/batches.js';
import { type ColumnMapping, ImportError, parseMapping, runImport } from '../../import/index.js';
import { actorOf, EDITORS } from '../access.js';
import type { AppContext } from '../context.js';

const MAX_MAPPING_BYTES = 1024 * 1024;

const flag = z
  .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'on' || v === 'yes');

/** The text fields of the upload form. */
export const importFieldsSchema = z.object({
  target: z.enum(['service_points', 'places', 'boundaries', 'all']),
  format: z.enum(['csv', 'geojson', 'osm']).optional(),
  dryRun: flag,
  skipInvalid: flag,
  boundaryLevel: z.enum(['municipality', 'county']).optional(),
  source: z.string().trim().min(1).max(40).optional(),
});

const issueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  line: z.number().optional(),
  element: z.string().optional(),
  field: z.string().optional(),
  reason: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const importReportSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  target: z.string(),
  format: z.string(),
  source: z.string(),
  sourceName: z.string(),
  batchId: z.number().nullable(),
  counts: z.object({
    read: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    skipped: z.number(),
    errors: z.number(),
    warnings: z.number(),
  }),
  byKind: z.record(z.string(), z.number()),
  issues: z.array(issueSchema),
  rederived: z
    .object({ servicePoints: z.number(), places: z.number(), populationCells: z.number() })
    .optional(),
  durationMs: z.number(),
});

/** Error body of a failed import: the usual error plus the report (absent for form errors). */
const importErrorSchema = z.object({
  error: z.object({
    id: z.string(),
    message: z.string(),
    details: z.array(
      z.object({
        field: z.string().optional(),
        line: z.number().optional(),
        element: z.string().optional(),
        reason: z.string(),
      }),
    ),
  }),
  report: importReportSchema.optional(),
});

const batchesQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

const batchesSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      target: z.string(),
      format: z.string(),
      source: z.string(),
      userId: z.number().nullable(),
      username: z.string().nullable(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      counts: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});

/** `.osm.pbf`-style double extensions survive, so format detection by name still works. */
function safeExtension(filename: string): string {
  const m = /((\.osm)?\.[a-z0-9]{1,8})$/i.exec(filename);
  return m ? m[1].toLowerCase() : '';
}

export const importRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/imports',
      {
        config: { access: EDITORS },
        schema: {
          tags: ['imports'],
          summary:
            'Import a CSV, GeoJSON or OSM file (multipart: file, mapping?, target, format?, dryRun, …)',
          consumes: ['multipart/form-data'],
          response: {
            200: importReportSchema,
            400: importErrorSchema,
            403: importErrorSchema,
            404: importErrorSchema,
            409: importErrorSchema,
            422: importErrorSchema,
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!request.isMultipart())
          throw validationError('Send the file as multipart/form-data', [
            { field: 'file', reason: 'expected a multipart upload' },
          ]);
        const dir = await mkdtemp(path.join(os.tmpdir(), 'sot-import-'));
        const abort = new AbortController();
        reply.raw.on('close', () => {
          if (!reply.raw.writableEnded) abort.abort(new Error('The client closed the connection'));
        });
        try {
          const fields: Record<string, string> = {};
          let filePath: string | null = null;
          let fileName = '';
          let mappingText: string | null = null;
          let mappingName = 'mapping';
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              if (part.fieldname === 'file' && filePath === null) {
                fileName = path.basename(part.filename || 'upload');
                filePath = path.join(dir, `upload${safeExtension(fileName)}`);
                await pipeline(part.file, fs.createWriteStream(filePath));
              } else if (part.fieldname === 'mapping') {
                mappingName = path.basename(part.filename || 'mapping');
                const buf = await part.toBuffer();
                if (buf.length > MAX_MAPPING_BYTES)
                  throw validationError('The mapping file is too large', [
                    { field: 'mapping', reason: 'max 1 MB' },
                  ]);
                mappingText = buf.toString('utf8');
              } else {
                part.file.resume();
                throw validationError(`Unexpected file field ${part.fieldname}`, [
                  { field: part.fieldname, reason: 'expected file or mapping' },
                ]);
              }
            } else if (typeof part.value === 'string') {
              if (part.fieldname === 'mapping') mappingText = part.value;
              else fields[part.fieldname] = part.value;
            }
          }
          if (!filePath) throw validationError('No file uploaded', [{ field: 'file', reason: 'required' }]);
          const parsed = importFieldsSchema.safeParse(fields);
          if (!parsed.success)
            throw validationError(
              `Invalid form field ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`,
              parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), reason: i.message })),
            );
          const mapping: ColumnMapping | undefined =
            mappingText !== null && mappingText.trim() !== ''
              ? parseMapping(mappingText, mappingName)
              : undefined;
          const f = parsed.data;
          try {
            return await runImport(ctx.db, actor, {
              target: f.target,
              filePath,
              format: f.format,
              sourceName: fileName,
              source: f.source,
              mapping,
              boundaryLevel: f.boundaryLevel,
              dryRun: f.dryRun,
              skipInvalid: f.skipInvalid,
              signal: abort.signal,
            });
          } catch (err) {
            if (!(err instanceof ImportError)) throw err;
            return reply.code(err.status as 422).send({
              error: { id: err.id, message: err.message, details: err.details },
              report: err.report,
            });
          }
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    );

    app.get(
      '/api/imports',
      {
        config: { access: EDITORS },
        schema: { tags: ['imports'], querystring: batchesQuerySchema, response: { 200: batchesSchema } },
      },
      async (request) => ({ items: await listImportBatches(ctx.db, actorOf(request), request.query.limit) }),
    );
  };
