/**
 * What an accessibility run reads from the registry: the population points, the service points of
 * each group, and a snapshot that tells later whether any of it changed.
 *
 * ## Population points, per municipality
 *
 * The best population source each municipality has is used, so two sources never double-count:
 * 1. `cells`: SCB population grid cells (population > 0), if the municipality has any;
 * 2. `places`: places from any source but OpenStreetMap (e.g. SCB's tätorter list, hand-entered
 *    localities), if the municipality has any;
 * 3. `osm_places`: places imported from OpenStreetMap (`place=*` with their `population` tag).
 * Points outside every municipality form their own group (key `none`) under the same rule.
 * Places count with their resident population (0 when unknown: they get times but weigh nothing)
 * and their seasonal population (the resident figure when no seasonal one is known).
 *
 * Reads run as the system: a resident's nearest store may lie across a municipal or county border,
 * so the computation sees every service; results are filtered by territory when read.
 */
import { and, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { places, populationCells, servicePoints } from '../db/schema.js';
import { boundariesVersion } from '../domain/territory-cache.js';
import type { RegistrySnapshot } from '../shared/access.js';
import { sameJson } from './canonical.js';

export type PopulationSource = 'cells' | 'places' | 'osm_places';

export interface PopulationPoint {
  /** `cell:<grid id>` or `place:<id>`. */
  ref: string;
  type: 'cell' | 'place';
  name: string | null;
  lat: number;
  lon: number;
  population: number;
  seasonalPopulation: number;
  municipalityCode: string | null;
}

export interface ServiceRef {
  id: number;
  kind: string;
  name: string;
  lat: number;
  lon: number;
}

/** Key of points outside every municipality in the per-municipality source choice. */
export const OUTSIDE = 'none';

const isOsmOnly = (ids: Record<string, string>) => {
  const keys = Object.keys(ids ?? {});
  return keys.length > 0 && keys.every((k) => k === 'osm');
};

/** The population points and which source each municipality's points came from. */
export async function loadPopulationPoints(
  db: DbOrTx,
): Promise<{ points: PopulationPoint[]; sources: Record<string, PopulationSource> }> {
  const cellRows = await db
    .select({
      gridId: populationCells.gridId,
      population: populationCells.population,
      lat: populationCells.lat,
      lon: populationCells.lon,
      municipalityCode: populationCells.municipalityCode,
    })
    .from(populationCells)
    .where(sql`${populationCells.population} > 0`)
    .orderBy(populationCells.gridId);
  const placeRows = await db
    .select({
      id: places.id,
      name: places.name,
      population: places.population,
      seasonalPopulation: places.seasonalPopulation,
      lat: places.lat,
      lon: places.lon,
      municipalityCode: places.municipalityCode,
      externalIds: places.externalIds,
    })
    .from(places)
    .orderBy(places.id);

  const key = (code: string | null) => code ?? OUTSIDE;
  const withCells = new Set(cellRows.map((c) => key(c.municipalityCode)));
  const withOwnPlaces = new Set(
    placeRows.filter((p) => !isOsmOnly(p.externalIds)).map((p) => key(p.municipalityCode)),
  );
  const sources: Record<string, PopulationSource> = {};
  const points: PopulationPoint[] = [];
  for (const c of cellRows) {
    sources[key(c.municipalityCode)] = 'cells';
    points.push({
      ref: `cell:${c.gridId}`,
      type: 'cell',
      name: null,
      lat: c.lat,
      lon: c.lon,
      population: c.population,
      seasonalPopulation: c.population,
      municipalityCode: c.municipalityCode,
    });
  }
  for (const p of placeRows) {
    const k = key(p.municipalityCode);
    if (withCells.has(k)) continue;
    const osm = isOsmOnly(p.externalIds);
    if (osm && withOwnPlaces.has(k)) continue;
    sources[k] = osm ? 'osm_places' : 'places';
    const population = Math.max(0, p.population ?? 0);
    points.push({
      ref: `place:${p.id}`,
      type: 'place',
      name: p.name,
      lat: p.lat,
      lon: p.lon,
      population,
      seasonalPopulation: Math.max(0, p.seasonalPopulation ?? population),
      municipalityCode: p.municipalityCode,
    });
  }
  return { points, sources };
}

/** Service points of each group, ordered by id (the group's service indices). */
export async function loadServices(
  db: DbOrTx,
  groups: Record<string, readonly string[]>,
): Promise<Record<string, ServiceRef[]>> {
  const kinds = [...new Set(Object.values(groups).flat())];
  const rows =
    kinds.length === 0
      ? []
      : await db
          .select({
            id: servicePoints.id,
            kind: servicePoints.kind,
            name: servicePoints.name,
            lat: servicePoints.lat,
            lon: servicePoints.lon,
          })
          .from(servicePoints)
          .where(and(inArray(servicePoints.kind, kinds)))
          .orderBy(servicePoints.id);
  return Object.fromEntries(
    Object.entries(groups).map(([group, members]) => [group, rows.filter((r) => members.includes(r.kind))]),
  );
}

/**
 * Counts and last changes of everything a run reads. `max(updated_at)` is read as text so the
 * microseconds PostgreSQL keeps are compared too.
 */
export async function registrySnapshot(db: DbOrTx): Promise<RegistrySnapshot> {
  const one = async (q: ReturnType<typeof sql>) => {
    const r = (await db.execute(q)) as unknown as { rows: Record<string, unknown>[] };
    return r.rows[0];
  };
  const sp = await one(sql`select count(*)::int as count, max(updated_at)::text as max from service_points`);
  const pl = await one(sql`select count(*)::int as count, max(updated_at)::text as max from places`);
  const pc = await one(
    sql`select count(*)::int as count, coalesce(sum(population), 0)::float8 as population, max(import_batch_id) as max from population_cells`,
  );
  return {
    servicePoints: { count: Number(sp.count), maxUpdatedAt: (sp.max as string | null) ?? null },
    places: { count: Number(pl.count), maxUpdatedAt: (pl.max as string | null) ?? null },
    populationCells: {
      count: Number(pc.count),
      population: Number(pc.population),
      maxBatchId: pc.max === null || pc.max === undefined ? null : Number(pc.max),
    },
    boundariesVersion: await boundariesVersion(db),
  };
}

/** Human reasons why `now` differs from `then` (empty when equal). */
export function snapshotChanges(then: RegistrySnapshot, now: RegistrySnapshot): string[] {
  const reasons: string[] = [];
  const same = sameJson;
  if (!same(then.servicePoints, now.servicePoints)) reasons.push('service points changed');
  if (!same(then.places, now.places)) reasons.push('places changed');
  if (!same(then.populationCells, now.populationCells)) reasons.push('population grid changed');
  if (then.boundariesVersion !== now.boundariesVersion) reasons.push('municipality boundaries changed');
  return reasons;
}
