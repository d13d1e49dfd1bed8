/**
 * Counties and municipalities as the actor sees them: the territory pickers of the web client
 * and the boundary layer under the map.
 *
 * Names and boundaries are public data (Valmyndigheten, Lantmäteriet). The list of territories
 * is limited to what the actor may read, so pickers only offer useful choices; the boundary
 * layer also shows the neighbouring municipalities of the actor's county for orientation.
 */
import { asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { counties, municipalities } from '../db/schema.js';
import { type AreaGeometry, type BBox, isAreaGeometry } from '../lib/geo.js';
import { type Actor, canReadTerritory, countyOf, readScope } from './actor.js';

export interface CountySummary {
  code: string;
  name: string;
  bbox: BBox | null;
}

export interface MunicipalitySummary {
  code: string;
  name: string;
  countyCode: string;
  bbox: BBox | null;
}

export interface Territories {
  counties: CountySummary[];
  municipalities: MunicipalitySummary[];
}

function bboxOf(r: {
  minLon: number | null;
  minLat: number | null;
  maxLon: number | null;
  maxLat: number | null;
}): BBox | null {
  if (r.minLon === null || r.minLat === null || r.maxLon === null || r.maxLat === null) return null;
  return [r.minLon, r.minLat, r.maxLon, r.maxLat];
}

/** Conditions selecting the counties and municipalities in the actor's read territory. */
function visibleConditions(actor: Actor): { county?: SQL; municipality?: SQL; none?: true } {
  const scope = readScope(actor);
  switch (scope.type) {
    case 'all':
      return {};
    case 'county':
      return {
        county: eq(counties.code, scope.countyCode),
        municipality: eq(municipalities.countyCode, scope.countyCode),
      };
    case 'municipality':
      return {
        county: eq(counties.code, countyOf(scope.municipalityCode) ?? '--'),
        municipality: eq(municipalities.code, scope.municipalityCode),
      };
    case 'assigned':
      // Operators see the municipality they belong to, for orientation; their data is per point.
      if (!scope.municipalityCode) return { none: true };
      return {
        county: eq(counties.code, countyOf(scope.municipalityCode) ?? '--'),
        municipality: eq(municipalities.code, scope.municipalityCode),
      };
  }
}

/** The counties and municipalities the actor may read, sorted by code. */
export async function listTerritories(db: DbOrTx, actor: Actor): Promise<Territories> {
  const cond = visibleConditions(actor);
  if (cond.none) return { counties: [], municipalities: [] };
  const countyRows = await db
    .select({
      code: counties.code,
      name: counties.name,
      minLon: counties.minLon,
      minLat: counties.minLat,
      maxLon: counties.maxLon,
      maxLat: counties.maxLat,
    })
    .from(counties)
    .where(cond.county)
    .orderBy(asc(counties.code));
  const muniRows = await db
    .select({
      code: municipalities.code,
      name: municipalities.name,
      countyCode: municipalities.countyCode,
      minLon: municipalities.minLon,
      minLat: municipalities.minLat,
      maxLon: municipalities.maxLon,
      maxLat: municipalities.maxLat,
    })
    .from(municipalities)
    .where(cond.municipality)
    .orderBy(asc(municipalities.code));
  return {
    counties: countyRows.map((r) => ({ code: r.code, name: r.name, bbox: bboxOf(r) })),
    municipalities: muniRows.map((r) => ({
      code: r.code,
      name: r.name,
      countyCode: r.countyCode,
      bbox: bboxOf(r),
    })),
  };
}

export interface BoundaryFeature {
  type: 'Feature';
  id: string;
  geometry: AreaGeometry;
  properties: { code: string; name: string; countyCode: string; readable: boolean };
}

export interface BoundaryCollection {
  type: 'FeatureCollection';
  features: BoundaryFeature[];
}

/**
 * Municipality polygons for the map background: every municipality for admins, the whole home
 * county for everybody else (neighbours included, marked `readable: false`), optionally narrowed
 * to one county.
 */
export async function boundaryFeatures(
  db: DbOrTx,
  actor: Actor,
  opts: { county?: string } = {},
): Promise<BoundaryCollection> {
  const home = actor.role === 'admin' ? null : (actor.countyCode ?? countyOf(actor.municipalityCode));
  if (actor.role !== 'admin' && !home) return { type: 'FeatureCollection', features: [] };
  const countyCodes = [home, opts.county].filter((c): c is string => typeof c === 'string');
  if (home && opts.county && opts.county !== home) return { type: 'FeatureCollection', features: [] };
  const rows = await db
    .select({
      code: municipalities.code,
      name: municipalities.name,
      countyCode: municipalities.countyCode,
      geometry: municipalities.geometry,
    })
    .from(municipalities)
    .where(countyCodes.length > 0 ? inArray(municipalities.countyCode, countyCodes) : undefined)
    .orderBy(asc(municipalities.code));
  const features: BoundaryFeature[] = [];
  for (const r of rows) {
    if (!isAreaGeometry(r.geometry)) continue;
    features.push({
      type: 'Feature',
      id: r.code,
      geometry: r.geometry,
      properties: {
        code: r.code,
        name: r.name,
        countyCode: r.countyCode,
        readable:
          actor.role === 'operator' ? r.code === actor.municipalityCode : canReadTerritory(actor, r.code),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
