/**
 * The logged-in user, their territory and the public configuration, shared through context.
 * Role checks here only decide what the UI offers; the server enforces every rule again.
 */
import { createContext, useContext } from 'react';
import type { AppConfig, BBox, Territories, User } from './types.js';

/** What every logged-in page may read about the user and the installation. */
export interface Session {
  user: User;
  config: AppConfig;
  territories: Territories;
  logout(): Promise<void>;
}

/** Provided by App once the user is logged in and the territories are loaded. */
export const SessionContext = createContext<Session | null>(null);

/** The session of a logged-in page (throws outside one: a programming error). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a logged-in page');
  return session;
}

/** Roles that may create and change registry rows (mirrors canEditRegistry on the server). */
export function canEdit(user: User): boolean {
  return user.role === 'admin' || user.role === 'county' || user.role === 'municipality';
}

/** Roles that may read the audit log. */
export function canAudit(user: User): boolean {
  return user.role === 'admin' || user.role === 'county';
}

/** The name of the user's own territory, or null for a user with the whole country. */
export function territoryName(user: User, territories: Territories): string | null {
  if (user.municipalityCode) {
    const m = territories.municipalities.find((x) => x.code === user.municipalityCode);
    return m ? `${m.name} (${m.code})` : user.municipalityCode;
  }
  if (user.countyCode) {
    const c = territories.counties.find((x) => x.code === user.countyCode);
    return c ? `${c.name} (${c.code})` : user.countyCode;
  }
  return null;
}

/** The smallest box holding every box given; null when none is valid. */
export function unionBBox(boxes: (BBox | null | undefined)[]): BBox | null {
  let out: BBox | null = null;
  for (const b of boxes) {
    if (b?.length !== 4 || !b.every(Number.isFinite)) continue;
    out = out
      ? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])]
      : [b[0], b[1], b[2], b[3]];
  }
  return out;
}

/** Normalises the territories answer: bbox may come as an array or as min/max fields. */
export function normaliseTerritories(raw: unknown): Territories {
  const value = (raw ?? {}) as { counties?: unknown[]; municipalities?: unknown[] };
  const bboxOf = (row: Record<string, unknown>): BBox | null => {
    if (Array.isArray(row.bbox) && row.bbox.length === 4) return row.bbox.map(Number) as BBox;
    const { minLon, minLat, maxLon, maxLat } = row as Record<string, number | null | undefined>;
    if ([minLon, minLat, maxLon, maxLat].every((n) => typeof n === 'number'))
      return [minLon, minLat, maxLon, maxLat] as BBox;
    return null;
  };
  const rows = (list: unknown[] | undefined) =>
    (Array.isArray(list) ? list : []) as Record<string, unknown>[];
  return {
    counties: rows(value.counties).map((c) => ({
      code: String(c.code),
      name: String(c.name),
      bbox: bboxOf(c),
    })),
    municipalities: rows(value.municipalities)
      .map((m) => ({
        code: String(m.code),
        name: String(m.name),
        countyCode: String(m.countyCode ?? String(m.code).slice(0, 2)),
        bbox: bboxOf(m),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
  };
}
