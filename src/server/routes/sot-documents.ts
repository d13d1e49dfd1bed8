/**
 * /api/sot/points/:id/documents: attach PDF, PNG or JPEG files to a point (multipart field
 * `file`, optional fields `category` and `title`), list them and download them. The type is
 * checked by content, the size against SOT_MAX_DOCUMENT_MB (default 20).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ErrorIds, validationError } from '../../errors.js';
import {
  contentDisposition,
  deleteDocument,
  listDocuments,
  readDocument,
  uploadDocument,
} from '../../sot/documents.js';
import { loadSotSettings } from '../../sot/settings.js';
import { actorOf } from '../access.js';
import type { AppContext } from '../context.js';
import { SOT_EDITORS } from './sot-points.js';
import { documentSchema, itemParams, pointParams } from './sot-schemas.js';

const tooLarge = (max: number) =>
  new AppError(
    ErrorIds.payloadTooLarge,
    413,
    `The document is larger than ${Math.round(max / 1024 / 1024)} MB`,
    [{ field: 'file', reason: `at most ${max} bytes` }],
  );

export const sotDocumentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['SOT-punkter'];
    const { maxDocumentBytes } = loadSotSettings();

    app.get(
      '/api/sot/points/:id/documents',
      {
        config: { access: 'any' },
        schema: {
          tags,
          summary: 'Documents attached to the point (without their contents)',
          params: pointParams,
          response: { 200: z.object({ items: z.array(documentSchema) }) },
        },
      },
      async (request) => ({ items: await listDocuments(ctx.db, actorOf(request), request.params.id) }),
    );

    app.post(
      '/api/sot/points/:id/documents',
      {
        config: { access: SOT_EDITORS },
        schema: {
          tags,
          summary: 'Attach a PDF, PNG or JPEG (multipart: file, category?, title?)',
          consumes: ['multipart/form-data'],
          params: pointParams,
          response: { 201: documentSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw validationError('Send the document as multipart/form-data', [
            { field: 'file', reason: 'expected a multipart upload' },
          ]);
        const fields: Record<string, string> = {};
        let file: { filename: string; bytes: Buffer } | null = null;
        for await (const part of request.parts({ limits: { fileSize: maxDocumentBytes, files: 1 } })) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || file) {
              part.file.resume();
              throw validationError(`Unexpected file field ${part.fieldname}`, [
                { field: part.fieldname, reason: 'send one file in the field `file`' },
              ]);
            }
            let bytes: Buffer;
            try {
              bytes = await part.toBuffer();
            } catch (err) {
              if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
                throw tooLarge(maxDocumentBytes);
              throw err;
            }
            if (part.file.truncated) throw tooLarge(maxDocumentBytes);
            file = { filename: part.filename || 'dokument', bytes };
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
        if (!file) throw validationError('No file uploaded', [{ field: 'file', reason: 'required' }]);
        const info = await uploadDocument(ctx.db, actorOf(request), request.params.id, {
          filename: file.filename,
          bytes: file.bytes,
          category: fields.category,
          title: fields.title,
        });
        return reply.code(201).send(info);
      },
    );

    app.get(
      '/api/sot/points/:id/documents/:itemId',
      {
        config: { access: 'any' },
        schema: { tags, summary: 'Download a document', params: itemParams },
      },
      async (request, reply) => {
        const { info, bytes } = await readDocument(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.params.itemId,
        );
        return reply
          .header('content-type', info.mime)
          .header('content-length', String(bytes.length))
          .header('content-disposition', contentDisposition(info.filename))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store')
          .send(bytes);
      },
    );

    app.delete(
      '/api/sot/points/:id/documents/:itemId',
      {
        config: { access: SOT_EDITORS },
        schema: { tags, summary: 'Delete a document', params: itemParams },
      },
      async (request, reply) => {
        await deleteDocument(ctx.db, actorOf(request), request.params.id, request.params.itemId);
        return reply.code(204).send();
      },
    );
  };
