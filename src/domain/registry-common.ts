/**
 * Pieces shared by the service-point and place registries: territory and area conditions in SQL,
 * text search, sorting, municipality derivation with its write check, external-id bookkeeping and
 * zod issues turned into field-level error details.
 */
import { and, between, eq, ilike, inArray, like, ne, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import { externalRefs } from '../db/schema.js';
import { conflict, type ErrorDetail, forbidden, validationError } from '../errors.js';
import type { RegistryFilter } from '../shared/service-point.js';
import { type Actor, canEditRegistry, canWriteTerritory, type ReadScope } from './actor.js';
import type { TerritoryIndex } from './territory-index.js';

/** Field-level details from a failed zod parse (`attributes.assortmentArticles`, `lat`, …). */
export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.flatMap((i) => {
    const at = i.path.map(String).join('.');
    // A strict object reports its unknown keys on itself; name each key, as the API does.
    if (i.code === 'unrecognized_keys')
      return i.keys.map((key) => ({ field: at ? `${at}.${key}` : key, reason: 'unknown field' }));
    return [{ field: at || undefined, reason: i.message }];
  });
}

/** Parses or throws a 400 naming every offending field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw validationError(`Invalid ${what}`, zodDetails(result.error));
  return result.data;
}

/**
 * The SQL condition limiting a municipality-code column to a territorial read scope;
 * undefined means no limit. `assigned` scopes match nothing here: callers that support
 * assignments (service points) add their own condition.
 */
export function territoryCondition(scope: ReadScope, column: AnyPgColumn): SQL | undefined {
  switch (scope.type) {
    case 'all':
      return undefined;
    case 'county':
      return like(column, `${escapeLike(scope.countyCode)}%`);
    case 'municipality':
      return eq(column, scope.municipalityCode);
    case 'assigned':
      return sql`false`;
  }
}

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The bounding-box, municipality and county filters on a table's position and municipality
 * columns: both registries filter their area the same way, whatever else they filter on.
 */
export function areaConditions(
  filter: Pick<RegistryFilter, 'bbox' | 'municipality' | 'county'>,
  columns: { lat: AnyPgColumn; lon: AnyPgColumn; municipalityCode: AnyPgColumn },
): SQL[] {
  const parts: SQL[] = [];
  if (filter.bbox) {
    const [minLon, minLat, maxLon, maxLat] = filter.bbox;
    parts.push(between(columns.lon, minLon, maxLon), between(columns.lat, minLat, maxLat));
  }
  if (filter.municipality) parts.push(eq(columns.municipalityCode, filter.municipality));
  if (filter.county) parts.push(like(columns.municipalityCode, `${escapeLike(filter.county)}%`));
  return parts;
}

/** Case-insensitive substring match of `q` in any of the columns. */
export function textSearch(q: string | undefined, columns: AnyPgColumn[]): SQL | undefined {
  const term = q?.trim();
  if (!term) return undefined;
  const pattern = `%${escapeLike(term)}%`;
  return sql`(${sql.join(
    columns.map((c) => ilike(c, pattern)),
    sql` or `,
  )})`;
}

/** `column asc|desc nulls last`, so rows without a value never crowd the first page. */
export function orderByColumn(column: AnyPgColumn, order: 'asc' | 'desc'): SQL {
  return order === 'desc' ? sql`${column} desc nulls last` : sql`${column} asc nulls last`;
}

/**
 * The municipality a new or moved row lies in, checked against the actor's write territory.
 * A point outside every municipality is kept only for admins (null municipality); for everybody
 * else it is a validation error on `lat`/`lon`, because nobody else could ever see the row again.
 */
export function municipalityForWrite(
  index: TerritoryIndex,
  actor: Actor,
  lat: number,
  lon: number,
): string | null {
  const code = index.municipalityAt(lat, lon);
  if (code === null && actor.role !== 'admin') {
    const reason = `the point ${lat}, ${lon} lies outside every municipality boundary`;
    throw validationError('The position is outside every municipality', [
      { field: 'lat', reason },
      { field: 'lon', reason },
    ]);
  }
  if (!canWriteTerritory(actor, code))
    throw forbidden(
      code === null
        ? 'Only administrators may keep rows outside every municipality'
        : `You may not edit data in municipality ${code}`,
    );
  return code;
}

export type RefEntity = 'service_point' | 'place';

/**
 * Makes external_refs for one row equal to `externalIds`. An id already used by another row of the
 * same entity is a 409 naming `externalIds.<source>`: imports rely on these ids being unique.
 */
export async function replaceExternalRefs(
  tx: DbOrTx,
  entity: RefEntity,
  entityId: number,
  externalIds: Record<string, string>,
): Promise<void> {
  const entries = Object.entries(externalIds);
  const conflicts: ErrorDetail[] = [];
  for (const [source, ref] of entries) {
    const [other] = await tx
      .select({ entityId: externalRefs.entityId })
      .from(externalRefs)
      .where(
        and(
          eq(externalRefs.entity, entity),
          eq(externalRefs.source, source),
          eq(externalRefs.ref, ref),
          ne(externalRefs.entityId, entityId),
        ),
      );
    if (other)
      conflicts.push({
        field: `externalIds.${source}`,
        reason: `${source} id ${ref} is already used by ${entity.replace('_', ' ')} ${other.entityId}`,
      });
  }
  if (conflicts.length > 0) throw conflict('External id already in use', conflicts);
  await tx
    .delete(externalRefs)
    .where(and(eq(externalRefs.entity, entity), eq(externalRefs.entityId, entityId)));
  if (entries.length > 0)
    await tx.insert(externalRefs).values(entries.map(([source, ref]) => ({ entity, source, ref, entityId })));
}

/** Removes every external ref of a deleted row. */
export async function deleteExternalRefs(tx: DbOrTx, entity: RefEntity, entityIds: number[]): Promise<void> {
  if (entityIds.length === 0) return;
  await tx
    .delete(externalRefs)
    .where(and(eq(externalRefs.entity, entity), inArray(externalRefs.entityId, entityIds)));
}

/** Keys the client actually sent: partial-update schemas fill defaults we must not apply. */
export function sentKeys(raw: unknown): Set<string> {
  return new Set(raw && typeof raw === 'object' ? Object.keys(raw) : []);
}

/** A GeoJSON point feature as the map layers and exports use it. */
export interface PointFeature<P = Record<string, unknown>> {
  type: 'Feature';
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: P;
}

export interface FeatureCollection<P = Record<string, unknown>> {
  type: 'FeatureCollection';
  features: PointFeature<P>[];
}

/** Rows with a WGS 84 position as a FeatureCollection; `properties` picks what the layer needs. */
export function toFeatureCollection<T extends { id: number; lat: number; lon: number }, P>(
  items: T[],
  properties: (item: T) => P,
): FeatureCollection<P> {
  return {
    type: 'FeatureCollection',
    features: items.map((item) => ({
      type: 'Feature',
      id: item.id,
      geometry: { type: 'Point', coordinates: [item.lon, item.lat] },
      properties: properties(item),
    })),
  };
}

/** One page of a list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The object schema with every field optional and no defaults: a PATCH body must not gain
 * `attributes: {}` for a field the client never sent.
 */
export function patchShape<T extends z.ZodRawShape>(shape: T): { [K in keyof T]: z.ZodOptional<z.ZodType> } {
  const out: Record<string, z.ZodOptional<z.ZodType>> = {};
  for (const [key, field] of Object.entries(shape)) {
    const inner = field instanceof z.ZodDefault ? (field.removeDefault() as z.ZodType) : (field as z.ZodType);
    out[key] = inner.optional();
  }
  return out as { [K in keyof T]: z.ZodOptional<z.ZodType> };
}

/** Registry writes need an editing role (admin, county, municipality) before any territory check. */
export function requireEditor(actor: Actor): void {
  if (!canEditRegistry(actor)) throw forbidden('Your role may not edit the registry');
}
