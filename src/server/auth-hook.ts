/**
 * Resolves the session cookie to an actor, enforces `config.access` roles and CSRF on every
 * request. Runs before validation so an anonymous caller learns nothing about a route's schema.
 */
import type { FastifyInstance } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE, sessionForToken } from '../auth/sessions.js';
import type { Db } from '../db/client.js';
import { AppError, ErrorIds, forbidden, unauthenticated } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuthHook(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    // Routes without a declaration (static files, 404s) are public by construction: only API
    // routes carry data and every one of them declares access (enforced by the matrix test).
    if (access === undefined || access === 'public') {
      await attachSession(request);
      return;
    }
    await attachSession(request);
    if (!request.actor) throw unauthenticated();
    if (access !== 'any' && !access.includes(request.actor.role)) throw forbidden();
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== request.csrfToken)
        throw new AppError(ErrorIds.csrf, 403, 'Missing or wrong CSRF token', [
          { field: CSRF_HEADER, reason: 'send the csrfToken from /api/auth/me in this header' },
        ]);
    }
  });

  async function attachSession(request: import('fastify').FastifyRequest) {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) return;
    const session = await sessionForToken(db, token);
    if (!session) return;
    request.actor = session.user;
    request.csrfToken = session.csrfToken;
    request.sessionToken = token;
  }
}
