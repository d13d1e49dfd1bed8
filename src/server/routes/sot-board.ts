/**
 * /api/sot/board: the readiness board for county and municipality users (and admins), and its
 * CSV/XLSX export for internal use (marked as such in the file). Both reads are audited.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boardQuerySchema, getBoard } from '../../sot/board.js';
import { exportBoard } from '../../sot/board-export.js';
import { contentDisposition } from '../../sot/documents.js';
import { actorOf } from '../access.js';
import type { AppContext } from '../context.js';
import { SOT_MANAGERS } from './sot-points.js';
import { boardSchema } from './sot-schemas.js';

const exportQuery = boardQuerySchema.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const sotBoardRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['SOT-punkter'];

    app.get(
      '/api/sot/board',
      {
        config: { access: SOT_MANAGERS },
        schema: {
          tags,
          summary:
            'Readiness of every SOT-punkt you may see: status, failing criteria, autonomy, test runs, agreements, money',
          querystring: boardQuerySchema,
          response: { 200: boardSchema },
        },
      },
      async (request) => getBoard(ctx.db, actorOf(request), request.query),
    );

    app.get(
      '/api/sot/board/export',
      {
        config: { access: SOT_MANAGERS },
        schema: {
          tags,
          summary:
            'The readiness board as CSV or XLSX, marked "Intern — innehåller uppgifter om SOT-punkter"',
          querystring: exportQuery,
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const file = await exportBoard(ctx.db, actorOf(request), format, query);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', contentDisposition(file.filename))
          .header('cache-control', 'no-store')
          .send(file.body);
      },
    );
  };
