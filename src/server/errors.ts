/**
 * The one central error handler: AppErrors become `{ error: { id, message, details } }` with
 * their status; zod validation failures name the offending field; anything else is logged in
 * full and answered with a bare 500 that leaks nothing.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorDetail, ErrorIds, errorBody } from '../errors.js';

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err }, err.message);
      return reply.code(err.status).send(errorBody(err));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const details: ErrorDetail[] = err.validation.flatMap((v) => {
        const field = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        // A strict object names the parent; the detail must name each unknown key itself.
        const unknownKeys = v.keyword === 'unrecognized_keys' ? v.params.keys : undefined;
        if (Array.isArray(unknownKeys) && unknownKeys.length > 0) {
          return unknownKeys.map((key) => ({
            field: field ? `${field}.${String(key)}` : String(key),
            reason: 'unknown field',
          }));
        }
        return [{ field: field || where, reason: v.message ?? 'invalid' }];
      });
      const first = details[0];
      const message = first ? `Invalid ${where}: ${first.field} ${first.reason}` : `Invalid ${where}`;
      return reply.code(400).send({ error: { id: ErrorIds.validation, message, details } });
    }
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) {
      return reply
        .code(413)
        .send({ error: { id: ErrorIds.payloadTooLarge, message: 'The upload is too large', details: [] } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own client errors (bad JSON, wrong content type): safe to describe.
      return reply.code(err.statusCode).send({
        error: {
          id: ErrorIds.validation,
          message: err.message,
          details: [{ reason: err.code ?? 'bad request' }],
        },
      });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send({
      error: {
        id: ErrorIds.internal,
        message: 'Internal server error. The error has been logged.',
        details: [],
      },
    });
  });
}
