/**
 * The one definition of a row id (and row version) as clients send it. Every id and version
 * column is a PostgreSQL `integer` (int4), so a number above 2147483647 cannot match a row and
 * would make the database reject the query; it is refused here as a 400 naming the field.
 */
import { z } from 'zod';

/** Largest value an int4 column (`serial`, `integer`) can hold. */
export const MAX_DB_INT = 2_147_483_647;

const tooBig = `must be at most ${MAX_DB_INT}`;

/** A row id in a JSON body (`storeId`, `memberId`, `servicePointIds[]` …). */
export const dbIdSchema = z.number().int().positive().max(MAX_DB_INT, tooBig);

/** A row id in a path or query string (`/api/service-points/:id`, `?run=`): text coerced to a number. */
export const dbIdParamSchema = z.coerce.number().int().positive().max(MAX_DB_INT, tooBig);

/** An optimistic-concurrency version in a JSON body. */
export const rowVersionSchema = z.number().int().positive().max(MAX_DB_INT, tooBig);

/** An optimistic-concurrency version in a query string (`DELETE …?version=`). */
export const rowVersionParamSchema = z.coerce.number().int().positive().max(MAX_DB_INT, tooBig);

/** Route params of `/…/:id`. */
export const idParamsSchema = z.object({ id: dbIdParamSchema });

/** Route params of `/…/:id/<collection>/:itemId`. */
export const itemParamsSchema = z.object({ id: dbIdParamSchema, itemId: dbIdParamSchema });
