/**
 * Route-level access declarations. Every route states who may call it in `config.access`; the
 * auth hook enforces role here, and domain modules enforce territory. The route matrix test
 * (src/server/route-matrix.test.ts) fails for any route without an entry.
 */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../domain/actor.js';
import { unauthenticated } from '../errors.js';
import type { Role } from '../shared/kinds.js';

/** `public`: no login; `any`: any logged-in user; otherwise the listed roles. */
export type Access = 'public' | 'any' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    sessionToken: string | null;
  }
}

export const ALL_ROLES: readonly Role[] = ['admin', 'county', 'municipality', 'operator', 'viewer'];
export const EDITORS: readonly Role[] = ['admin', 'county', 'municipality'];
export const ADMIN_COUNTY: readonly Role[] = ['admin', 'county'];
export const ADMIN: readonly Role[] = ['admin'];

/** The logged-in actor of a request whose route is not public. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
