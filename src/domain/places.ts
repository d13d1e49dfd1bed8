/**
 * The place (locality) registry: resident and seasonal population at a position. Same rules as
 * service points (the shared frame in ./registry-entity.ts): territory scope on every read and
 * write, municipality derived from the boundaries, optimistic versions, audit of every change.
 *
 * Operators see no places: their scope is the service points assigned to them, and places are
 * not assignable.
 */
import { and, count, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { places } from '../db/schema.js';
import {
  type ListQuery,
  type Place,
  type PlaceCreate,
  placeCreateSchema,
  placeUpdateSchema,
  type RegistryFilter,
} from '../shared/service-point.js';
import { type Actor, readScope } from './actor.js';
import {
  areaConditions,
  type FeatureCollection,
  type Page,
  territoryCondition,
  textSearch,
  toFeatureCollection,
} from './registry-common.js';
import {
  createRow,
  deleteRow,
  listRows,
  type RegistryEntity,
  rowInScope,
  rowPages,
  updateRow,
} from './registry-entity.js';

type Row = typeof places.$inferSelect;

/** Filters places understand: the registry filters without service kinds. */
export type PlaceFilter = Omit<RegistryFilter, 'kinds'>;

export const PLACE_SORTS = ['name', 'municipalityCode', 'updatedAt', 'id', 'population'] as const;
export type PlaceSort = (typeof PLACE_SORTS)[number];

export type PlaceListQuery = PlaceFilter &
  Partial<Pick<ListQuery, 'page' | 'pageSize' | 'order'>> & { sort?: ListQuery['sort'] };

/** Stored row → API shape (ISO date strings, as `placeSchema`). */
export function toPlace(row: Row): Place {
  return {
    id: row.id,
    name: row.name,
    placeType: row.placeType,
    population: row.population,
    seasonalPopulation: row.seasonalPopulation,
    lat: row.lat,
    lon: row.lon,
    municipalityCode: row.municipalityCode,
    externalIds: row.externalIds,
    importBatchId: row.importBatchId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The places table and rules as the shared registry frame uses them. */
const placeEntity: RegistryEntity<Row, Place, PlaceCreate> = {
  entity: 'place',
  noun: 'place',
  columns: { id: places.id, version: places.version },
  sortColumns: {
    name: places.name,
    municipalityCode: places.municipalityCode,
    updatedAt: places.updatedAt,
    id: places.id,
    population: places.population,
  } satisfies Record<PlaceSort, unknown>,
  statements: {
    select: (db, q) =>
      db
        .select()
        .from(places)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset),
    count: async (db, where) => (await db.select({ total: count() }).from(places).where(where))[0].total,
    insert: async (tx, values) => (await tx.insert(places).values(values).returning())[0],
    update: async (tx, where, values) => (await tx.update(places).set(values).where(where).returning())[0],
    delete: async (tx, where) => {
      await tx.delete(places).where(where);
    },
  },
  // Places are not assignable, so an operator's `assigned` scope matches none of them.
  scope: (_db, actor) => territoryCondition(readScope(actor), places.municipalityCode),
  present: toPlace,
  createSchema: placeCreateSchema,
  updateSchema: placeUpdateSchema,
  editableFields: (p) => ({
    name: p.name,
    placeType: p.placeType,
    population: p.population,
    seasonalPopulation: p.seasonalPopulation,
    lat: p.lat,
    lon: p.lon,
    externalIds: p.externalIds,
  }),
};

export interface PlaceFeatureProps {
  id: number;
  name: string;
  placeType: string;
  population: number | null;
  seasonalPopulation: number | null;
  municipalityCode: string | null;
  version: number;
}

/** Places as a GeoJSON FeatureCollection for map layers (sized by population). */
export function placesToFeatureCollection(items: Place[]): FeatureCollection<PlaceFeatureProps> {
  return toFeatureCollection(items, (p) => ({
    id: p.id,
    name: p.name,
    placeType: p.placeType,
    population: p.population,
    seasonalPopulation: p.seasonalPopulation,
    municipalityCode: p.municipalityCode,
    version: p.version,
  }));
}

/** Scope and filters as one WHERE condition. */
export function placeCondition(actor: Actor, filter: PlaceFilter): SQL | undefined {
  return and(
    territoryCondition(readScope(actor), places.municipalityCode),
    ...areaConditions(filter, places),
    textSearch(filter.q, [places.name, places.placeType]),
  );
}

/** One page of the places the actor may read, filtered and sorted. */
export async function listPlaces(db: DbOrTx, actor: Actor, query: PlaceListQuery = {}): Promise<Page<Place>> {
  return listRows(placeEntity, db, placeCondition(actor, query), query);
}

/** Every readable place matching the filter, in keyset pages by id (for exports). */
export async function* placePages(
  db: DbOrTx,
  actor: Actor,
  filter: PlaceFilter = {},
  pageSize = 1000,
): AsyncGenerator<Place[]> {
  yield* rowPages(placeEntity, db, placeCondition(actor, filter), pageSize);
}

/** One place; 404 outside the actor's scope. */
export async function getPlace(db: DbOrTx, actor: Actor, id: number): Promise<Place> {
  return toPlace(await rowInScope(placeEntity, db, actor, id));
}

/** Creates a place in a municipality the actor may write (derived from the boundaries). */
export function createPlace(db: Db, actor: Actor, raw: unknown): Promise<Place> {
  return createRow(placeEntity, db, actor, raw);
}

/** Partial update with optimistic `version` (409 when stale); old and new territory must be writable. */
export function updatePlace(db: Db, actor: Actor, id: number, raw: unknown): Promise<Place> {
  return updateRow(placeEntity, db, actor, id, raw);
}

/** Deletes a place; with `expectedVersion`, a stale version is a 409. */
export function deletePlace(db: Db, actor: Actor, id: number, expectedVersion?: number): Promise<void> {
  return deleteRow(placeEntity, db, actor, id, expectedVersion);
}
