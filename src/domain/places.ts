/**
 * The place (locality) registry: resident and seasonal population at a position. Same rules as
 * service points: territory scope on every read and write, municipality derived from the
 * boundaries, optimistic versions, audit of every change.
 *
 * Operators see no places: their scope is the service points assigned to them, and places are
 * not assignable.
 */
import { and, asc, between, count, eq, gt, like, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { places } from '../db/schema.js';
import { conflict, forbidden, notFound, validationError } from '../errors.js';
import {
  type ListQuery,
  type Place,
  placeCreateSchema,
  placeUpdateSchema,
  type RegistryFilter,
} from '../shared/service-point.js';
import { type Actor, canWriteTerritory, readScope } from './actor.js';
import { recordAudit } from './audit.js';
import {
  deleteExternalRefs,
  escapeLike,
  type FeatureCollection,
  municipalityForWrite,
  orderByColumn,
  type Page,
  parseOrThrow,
  replaceExternalRefs,
  requireEditor,
  sentKeys,
  territoryCondition,
  textSearch,
  toFeatureCollection,
} from './registry-common.js';
import { getTerritoryIndex } from './territory-cache.js';

type Row = typeof places.$inferSelect;

/** Filters places understand: the registry filters without service kinds. */
export type PlaceFilter = Omit<RegistryFilter, 'kinds'>;

export const PLACE_SORTS = ['name', 'municipalityCode', 'updatedAt', 'id', 'population'] as const;
export type PlaceSort = (typeof PLACE_SORTS)[number];

export type PlaceListQuery = PlaceFilter &
  Partial<Pick<ListQuery, 'page' | 'pageSize' | 'order'>> & { sort?: ListQuery['sort'] };

const SORT_COLUMNS = {
  name: places.name,
  municipalityCode: places.municipalityCode,
  updatedAt: places.updatedAt,
  id: places.id,
  population: places.population,
} as const;

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
  const parts: (SQL | undefined)[] = [territoryCondition(readScope(actor), places.municipalityCode)];
  if (filter.bbox) {
    const [minLon, minLat, maxLon, maxLat] = filter.bbox;
    parts.push(between(places.lon, minLon, maxLon), between(places.lat, minLat, maxLat));
  }
  if (filter.municipality) parts.push(eq(places.municipalityCode, filter.municipality));
  if (filter.county) parts.push(like(places.municipalityCode, `${escapeLike(filter.county)}%`));
  parts.push(textSearch(filter.q, [places.name, places.placeType]));
  return and(...parts);
}

/** One page of the places the actor may read, filtered and sorted. */
export async function listPlaces(db: DbOrTx, actor: Actor, query: PlaceListQuery = {}): Promise<Page<Place>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 100;
  const sort = query.sort ?? 'name';
  if (!(sort in SORT_COLUMNS))
    throw validationError('Invalid sort', [
      { field: 'sort', reason: `places sort by ${PLACE_SORTS.join(', ')}` },
    ]);
  const where = placeCondition(actor, query);
  const [{ total }] = await db.select({ total: count() }).from(places).where(where);
  const rows = await db
    .select()
    .from(places)
    .where(where)
    .orderBy(orderByColumn(SORT_COLUMNS[sort as PlaceSort], query.order ?? 'asc'), asc(places.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: rows.map(toPlace), total, page, pageSize };
}

/** Every readable place matching the filter, in keyset pages by id (for exports). */
export async function* placePages(
  db: DbOrTx,
  actor: Actor,
  filter: PlaceFilter = {},
  pageSize = 1000,
): AsyncGenerator<Place[]> {
  const where = placeCondition(actor, filter);
  let afterId = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(places)
      .where(and(where, gt(places.id, afterId)))
      .orderBy(asc(places.id))
      .limit(pageSize);
    if (rows.length === 0) return;
    yield rows.map(toPlace);
    if (rows.length < pageSize) return;
    afterId = rows[rows.length - 1].id;
  }
}

async function rowInScope(db: DbOrTx, actor: Actor, id: number): Promise<Row> {
  const [row] = await db
    .select()
    .from(places)
    .where(and(eq(places.id, id), territoryCondition(readScope(actor), places.municipalityCode)));
  if (!row) throw notFound(`Place ${id}`);
  return row;
}

/** One place; 404 outside the actor's scope. */
export async function getPlace(db: DbOrTx, actor: Actor, id: number): Promise<Place> {
  return toPlace(await rowInScope(db, actor, id));
}

/** Creates a place in a municipality the actor may write (derived from the boundaries). */
export async function createPlace(db: Db, actor: Actor, raw: unknown): Promise<Place> {
  requireEditor(actor);
  const input = parseOrThrow(placeCreateSchema, raw, 'place');
  const index = await getTerritoryIndex(db);
  const municipalityCode = municipalityForWrite(index, actor, input.lat, input.lon);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(places)
      .values({ ...input, municipalityCode })
      .returning();
    await replaceExternalRefs(tx, 'place', row.id, input.externalIds);
    const after = toPlace(row);
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'place',
      entityId: row.id,
      municipalityCode,
      after,
    });
    return after;
  });
}

/** Partial update with optimistic `version` (409 when stale); old and new territory must be writable. */
export async function updatePlace(db: Db, actor: Actor, id: number, raw: unknown): Promise<Place> {
  requireEditor(actor);
  const patch = parseOrThrow(placeUpdateSchema, raw, 'place');
  const sent = sentKeys(raw);
  const index = await getTerritoryIndex(db);
  return db.transaction(async (tx) => {
    const row = await rowInScope(tx, actor, id);
    if (!canWriteTerritory(actor, row.municipalityCode)) throw forbidden(`You may not edit place ${id}`);
    if (row.version !== patch.version)
      throw conflict(`Place ${id} was changed by someone else; reload and try again`, [
        { field: 'version', reason: `stored version is ${row.version}, you sent ${patch.version}` },
      ]);
    const before = toPlace(row);
    const merged: Record<string, unknown> = {
      name: before.name,
      placeType: before.placeType,
      population: before.population,
      seasonalPopulation: before.seasonalPopulation,
      lat: before.lat,
      lon: before.lon,
      externalIds: before.externalIds,
    };
    for (const [key, value] of Object.entries(patch))
      if (key !== 'version' && sent.has(key)) merged[key] = value;
    const input = parseOrThrow(placeCreateSchema, merged, 'place');
    const municipalityCode = municipalityForWrite(index, actor, input.lat, input.lon);
    const [updated] = await tx
      .update(places)
      .set({ ...input, municipalityCode, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(places.id, id), eq(places.version, row.version)))
      .returning();
    if (!updated) throw conflict(`Place ${id} was changed by someone else; reload and try again`);
    if (sent.has('externalIds')) await replaceExternalRefs(tx, 'place', id, input.externalIds);
    const after = toPlace(updated);
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'place',
      entityId: id,
      municipalityCode,
      before,
      after,
      details:
        before.municipalityCode !== municipalityCode ? { movedFrom: before.municipalityCode } : undefined,
    });
    return after;
  });
}

/** Deletes a place; with `expectedVersion`, a stale version is a 409. */
export async function deletePlace(db: Db, actor: Actor, id: number, expectedVersion?: number): Promise<void> {
  requireEditor(actor);
  await db.transaction(async (tx) => {
    const row = await rowInScope(tx, actor, id);
    if (!canWriteTerritory(actor, row.municipalityCode)) throw forbidden(`You may not delete place ${id}`);
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      throw conflict(`Place ${id} was changed by someone else; reload and try again`, [
        { field: 'version', reason: `stored version is ${row.version}, you sent ${expectedVersion}` },
      ]);
    await deleteExternalRefs(tx, 'place', [id]);
    await tx.delete(places).where(eq(places.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'place',
      entityId: id,
      municipalityCode: row.municipalityCode,
      before: toPlace(row),
    });
  });
}
