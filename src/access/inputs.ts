/**
 * What an accessibility run reads from the registry: the population points, the service points of
 * each group, the SOT-punkter of the `sot` group, and a snapshot that tells later whether any of it
 * changed.
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
 * ## SOT-punkter
 *
 * The `sot` group's sources are the SOT-punkter whose status is in the configured set, at their
 * linked store's position (a SOT-punkt is that store, with power). A point whose store was deleted
 * has no position: it is skipped and reported (`withoutStore`), like an unsnapped service.
 *
 * Reads run as the system: a resident's nearest store may lie across a municipal or county border,
 * so the computation sees every service; results are filtered by territory when read (and the
 * `sot` group by the rules of ./sot-visibility.ts).
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { places, populationCells, servicePoints, sotPoints } from '../db/schema.js';
import { boundariesVersion } from '../domain/territory-cache.js';
import { type RegistrySnapshot, SOT_GROUP } from '../shared/access.js';
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
  /** Service point id; SOT-punkt id in the `sot` group. */
  id: number;
  /** Service kind; `sot` for a SOT-punkt. */
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

export interface LoadedServices {
  /** Sources of each group, ordered by id (the group's service indices). */
  services: Record<string, ServiceRef[]>;
  /** Per group, entries that could not be placed (SOT-punkter whose store was deleted). */
  withoutStore: Record<string, number[]>;
}

/**
 * The sources of each group: service points of the group's kinds, and for the `sot` group
 * (members = SOT statuses) the SOT-punkter in those statuses at their store's position.
 */
export async function loadServices(
  db: DbOrTx,
  groups: Record<string, readonly string[]>,
): Promise<LoadedServices> {
  const kindGroups = Object.entries(groups).filter(([g]) => g !== SOT_GROUP);
  const kinds = [...new Set(kindGroups.flatMap(([, members]) => members))];
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
          .where(inArray(servicePoints.kind, kinds))
          .orderBy(servicePoints.id);
  const services: Record<string, ServiceRef[]> = {};
  const withoutStore: Record<string, number[]> = {};
  for (const [group, members] of Object.entries(groups)) {
    if (group === SOT_GROUP) {
      const sot = await loadSotSources(db, members);
      services[group] = sot.sources;
      withoutStore[group] = sot.withoutStore;
    } else services[group] = rows.filter((r) => members.includes(r.kind));
  }
  return { services, withoutStore };
}

/** SOT-punkter in `statuses` at their store's position, and the ids of those without a store. */
export async function loadSotSources(
  db: DbOrTx,
  statuses: readonly string[],
): Promise<{ sources: ServiceRef[]; withoutStore: number[] }> {
  if (statuses.length === 0) return { sources: [], withoutStore: [] };
  const rows = await db
    .select({
      id: sotPoints.id,
      name: sotPoints.name,
      lat: servicePoints.lat,
      lon: servicePoints.lon,
    })
    .from(sotPoints)
    .leftJoin(servicePoints, eq(servicePoints.id, sotPoints.storeId))
    .where(inArray(sotPoints.status, [...statuses]))
    .orderBy(asc(sotPoints.id));
  const sources: ServiceRef[] = [];
  const withoutStore: number[] = [];
  for (const r of rows) {
    if (r.lat === null || r.lon === null) withoutStore.push(r.id);
    else sources.push({ id: r.id, kind: SOT_GROUP, name: r.name, lat: r.lat, lon: r.lon });
  }
  return { sources, withoutStore };
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
  const sot = await one(sql`select count(*)::int as count, max(updated_at)::text as max from sot_points`);
  const pc = await one(
    sql`select count(*)::int as count, coalesce(sum(population), 0)::float8 as population, max(import_batch_id) as max from population_cells`,
  );
  return {
    servicePoints: { count: Number(sp.count), maxUpdatedAt: (sp.max as string | null) ?? null },
    places: { count: Number(pl.count), maxUpdatedAt: (pl.max as string | null) ?? null },
    sotPoints: { count: Number(sot.count), maxUpdatedAt: (sot.max as string | null) ?? null },
    populationCells: {
      count: Number(pc.count),
      population: Number(pc.population),
      maxBatchId: pc.max === null || pc.max === undefined ? null : Number(pc.max),
    },
    boundariesVersion: await boundariesVersion(db),
  };
}

/** The stale reason of a change to any SOT-punkt (readers without the `sot` group see another). */
export const SOT_POINTS_CHANGED = 'SOT-punkter changed';

/**
 * Human reasons why `now` differs from `then` (empty when equal). A snapshot stored before
 * SOT-punkter were part of it has none: that counts as a change.
 */
export function snapshotChanges(then: RegistrySnapshot, now: RegistrySnapshot): string[] {
  const reasons: string[] = [];
  const same = sameJson;
  if (!same(then.servicePoints, now.servicePoints)) reasons.push('service points changed');
  if (!same(then.places, now.places)) reasons.push('places changed');
  if (!same(then.sotPoints ?? null, now.sotPoints ?? null)) reasons.push(SOT_POINTS_CHANGED);
  if (!same(then.populationCells, now.populationCells)) reasons.push('population grid changed');
  if (then.boundariesVersion !== now.boundariesVersion) reasons.push('municipality boundaries changed');
  return reasons;
}
