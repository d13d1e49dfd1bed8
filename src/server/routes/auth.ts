/**
 * Login, logout and "who am I". Login sets an httpOnly, SameSite=Strict session cookie (Secure
 * under TLS) and returns the CSRF token the client echoes on writes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { login, logout, SESSION_COOKIE } from '../../auth/sessions.js';
import { actorOf } from '../access.js';
import type { AppContext } from '../context.js';

export const loginBodySchema = z
  .object({
    username: z.string().trim().min(1, 'username is required').max(64),
    password: z.string().min(1, 'password is required').max(200),
  })
  .strict();

const meSchema = z.object({
  user: z.object({
    userId: z.number().nullable(),
    username: z.string(),
    displayName: z.string().optional(),
    role: z.string(),
    countyCode: z.string().nullable(),
    municipalityCode: z.string().nullable(),
  }),
  csrfToken: z.string(),
});

export const authRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: { access: 'public' },
        schema: { tags: ['auth'], body: loginBodySchema, response: { 200: meSchema } },
      },
      async (request, reply) => {
        const { token, session } = await login(
          ctx.db,
          request.body.username,
          request.body.password,
          request.ip,
          ctx.config.sessionHours,
        );
        const secure =
          ctx.config.secureCookies === 'true' ||
          (ctx.config.secureCookies === 'auto' && request.protocol === 'https');
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure,
          expires: session.expiresAt,
        });
        return { user: session.user, csrfToken: session.csrfToken };
      },
    );

    app.post(
      '/api/auth/logout',
      { config: { access: 'any' }, schema: { tags: ['auth'] } },
      async (request, reply) => {
        if (request.sessionToken) await logout(ctx.db, request.sessionToken);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/auth/me',
      { config: { access: 'any' }, schema: { tags: ['auth'], response: { 200: meSchema } } },
      async (request) => ({ user: actorOf(request), csrfToken: request.csrfToken ?? '' }),
    );
  };
