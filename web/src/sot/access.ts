/**
 * What the SOT-punkt pages offer a role. Only decides what the UI shows: the server checks every
 * request again (role in the route, territory and assignment in src/sot/access.ts), and a point's
 * own `access` answer decides the forms on its page.
 */
import type { User } from '../types.js';

/** Roles that create and edit SOT-punkter (the server's SOT_EDITORS). */
export function canEditSot(user: User): boolean {
  return user.role === 'admin' || user.role === 'municipality';
}

/** Roles that see the readiness board (the server's SOT_MANAGERS); others get a plain list. */
export function canSeeBoard(user: User): boolean {
  return user.role === 'admin' || user.role === 'county' || user.role === 'municipality';
}
