/**
 * Who is acting, and what part of the territory they may see and change. Every domain function
 * that reads or writes registry data takes an Actor; routes, the CLI and jobs all pass one, so
 * the territory rules live here and nowhere else.
 */
import type { Role } from '../shared/kinds.js';

export interface Actor {
  /** null for the system itself (CLI as administrator, demo seeding, migrations). */
  userId: number | null;
  username: string;
  role: Role;
  countyCode: string | null;
  municipalityCode: string | null;
}

/** The CLI and start-up seeding act as this administrator. */
export const SYSTEM_ACTOR: Actor = {
  userId: null,
  username: 'system',
  role: 'admin',
  countyCode: null,
  municipalityCode: null,
};

/**
 * What rows an actor may read.
 * - `all`: admin (and a viewer/county with no territory set is never created).
 * - `county`: rows whose municipality code starts with the county code.
 * - `municipality`: rows in that one municipality.
 * - `assigned`: operators see only the service points assigned to them.
 */
export type ReadScope =
  | { type: 'all' }
  | { type: 'county'; countyCode: string }
  | { type: 'municipality'; municipalityCode: string }
  | { type: 'assigned'; userId: number; municipalityCode: string | null };

export function readScope(actor: Actor): ReadScope {
  switch (actor.role) {
    case 'admin':
      return { type: 'all' };
    case 'county':
      return { type: 'county', countyCode: actor.countyCode ?? '--' };
    case 'municipality':
    case 'viewer':
      if (actor.municipalityCode) return { type: 'municipality', municipalityCode: actor.municipalityCode };
      return { type: 'county', countyCode: actor.countyCode ?? '--' };
    case 'operator':
      return { type: 'assigned', userId: actor.userId ?? -1, municipalityCode: actor.municipalityCode };
  }
}

/** True when the actor may read a row lying in `municipalityCode` (null = outside every municipality). */
export function canReadTerritory(actor: Actor, municipalityCode: string | null): boolean {
  const scope = readScope(actor);
  switch (scope.type) {
    case 'all':
      return true;
    case 'county':
      return municipalityCode?.startsWith(scope.countyCode) ?? false;
    case 'municipality':
      return municipalityCode === scope.municipalityCode;
    case 'assigned':
      return false; // operators read via assignments, checked per row
  }
}

/**
 * True when the actor may create/change/delete registry rows in `municipalityCode`.
 * Viewers and operators never edit the registry; county users edit their county; admins anything.
 * Rows outside every municipality (null) can only be edited by admins.
 */
export function canWriteTerritory(actor: Actor, municipalityCode: string | null): boolean {
  if (actor.role === 'viewer' || actor.role === 'operator') return false;
  return canReadTerritory(actor, municipalityCode);
}

/** Roles that may edit the registry at all (before looking at the territory). */
export function canEditRegistry(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'county' || actor.role === 'municipality';
}

/** County code of a municipality code (`2321` → `23`). */
export function countyOf(municipalityCode: string | null): string | null {
  return municipalityCode ? municipalityCode.slice(0, 2) : null;
}
