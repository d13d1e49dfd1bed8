/**
 * The service-point registry: list, read, create, update and delete within the actor's
 * territory. The API, the CLI and the exports all go through here, so territory rules, field
 * validation, municipality derivation and the audit trail cannot be skipped.
 */
import { and, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { servicePointAssignments, servicePoints } from '../db/schema.js';
import type { ServiceKind } from '../shared/kinds.js';
import {
  type ListQuery,
  type RegistryFilter,
  type ServicePoint,
  type ServicePointCreate,
  servicePointCreateSchema,
  servicePointUpdateSchema,
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

type Row = typeof servicePoints.$inferSelect;

/** Sort keys a service-point list accepts (places add `population`). */
export const SERVICE_POINT_SORTS = ['name', 'kind', 'municipalityCode', 'updatedAt', 'id'] as const;
export type ServicePointSort = (typeof SERVICE_POINT_SORTS)[number];

/** Filters plus paging and sorting; every field optional (defaults: page 1, 100 rows, by name). */
export type ServicePointListQuery = RegistryFilter &
  Partial<Pick<ListQuery, 'page' | 'pageSize' | 'order'>> & { sort?: ListQuery['sort'] };

/** Stored row → API shape (ISO date strings, as `servicePointSchema`). */
export function toServicePoint(row: Row): ServicePoint {
  return {
    id: row.id,
    kind: row.kind as ServiceKind,
    name: row.name,
    chain: row.chain,
    operatorName: row.operatorName,
    address: row.address,
    postcode: row.postcode,
    city: row.city,
    lat: row.lat,
    lon: row.lon,
    municipalityCode: row.municipalityCode,
    attributes: row.attributes,
    power: row.power,
    openingHours: row.openingHours,
    externalIds: row.externalIds,
    importBatchId: row.importBatchId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Properties of one point on the map layer: enough to style, label and open it. */
export interface ServicePointFeatureProps {
  id: number;
  kind: ServiceKind;
  name: string;
  chain: string | null;
  city: string | null;
  municipalityCode: string | null;
  power: string;
  version: number;
}

/** Service points as a GeoJSON FeatureCollection for map layers. */
export function servicePointsToFeatureCollection(
  items: ServicePoint[],
): FeatureCollection<ServicePointFeatureProps> {
  return toFeatureCollection(items, (p) => ({
    id: p.id,
    kind: p.kind,
    name: p.name,
    chain: p.chain,
    city: p.city,
    municipalityCode: p.municipalityCode,
    power: typeof p.power.type === 'string' ? p.power.type : 'grid',
    version: p.version,
  }));
}

/** The rows the actor may read: territory, or for operators their assignments. */
function scopeCondition(db: DbOrTx, actor: Actor): SQL | undefined {
  const scope = readScope(actor);
  if (scope.type === 'assigned')
    return inArray(
      servicePoints.id,
      db
        .select({ id: servicePointAssignments.servicePointId })
        .from(servicePointAssignments)
        .where(eq(servicePointAssignments.userId, scope.userId)),
    );
  return territoryCondition(scope, servicePoints.municipalityCode);
}

/** Scope and registry filters as one WHERE condition. */
export function servicePointCondition(db: DbOrTx, actor: Actor, filter: RegistryFilter): SQL | undefined {
  return and(
    scopeCondition(db, actor),
    ...areaConditions(filter, servicePoints),
    filter.kinds && filter.kinds.length > 0 ? inArray(servicePoints.kind, filter.kinds) : undefined,
    textSearch(filter.q, [
      servicePoints.name,
      servicePoints.chain,
      servicePoints.address,
      servicePoints.city,
    ]),
  );
}

/** The editable fields of a stored point, as a create input. */
function editableFields(p: ServicePoint) {
  return {
    kind: p.kind,
    name: p.name,
    chain: p.chain,
    operatorName: p.operatorName,
    address: p.address,
    postcode: p.postcode,
    city: p.city,
    lat: p.lat,
    lon: p.lon,
    attributes: p.attributes,
    power: p.power,
    openingHours: p.openingHours,
    externalIds: p.externalIds,
  };
}

/**
 * The service-point table and rules as the shared registry frame uses them. The merged update is
 * validated by the create schema as a whole, so changing only `kind` still checks the stored
 * attributes against the new kind.
 */
const servicePointEntity: RegistryEntity<Row, ServicePoint, ServicePointCreate> = {
  entity: 'service_point',
  noun: 'service point',
  columns: { id: servicePoints.id, version: servicePoints.version },
  sortColumns: {
    name: servicePoints.name,
    kind: servicePoints.kind,
    municipalityCode: servicePoints.municipalityCode,
    updatedAt: servicePoints.updatedAt,
    id: servicePoints.id,
  } satisfies Record<ServicePointSort, unknown>,
  statements: {
    select: (db, q) =>
      db
        .select()
        .from(servicePoints)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset),
    count: async (db, where) =>
      (await db.select({ total: count() }).from(servicePoints).where(where))[0].total,
    insert: async (tx, values) => (await tx.insert(servicePoints).values(values).returning())[0],
    update: async (tx, where, values) =>
      (await tx.update(servicePoints).set(values).where(where).returning())[0],
    // Assignments go with the point (foreign key on delete cascade).
    delete: async (tx, where) => {
      await tx.delete(servicePoints).where(where);
    },
  },
  scope: scopeCondition,
  present: toServicePoint,
  createSchema: servicePointCreateSchema,
  updateSchema: servicePointUpdateSchema,
  editableFields,
};

/** One page of the service points the actor may read, filtered and sorted. */
export async function listServicePoints(
  db: DbOrTx,
  actor: Actor,
  query: ServicePointListQuery = {},
): Promise<Page<ServicePoint>> {
  return listRows(servicePointEntity, db, servicePointCondition(db, actor, query), query);
}

/**
 * Every service point the actor may read that matches the filter, in pages of `pageSize` by id
 * (keyset paging: page n costs the same as page 1, and memory stays flat for 100k rows).
 */
export async function* servicePointPages(
  db: DbOrTx,
  actor: Actor,
  filter: RegistryFilter = {},
  pageSize = 1000,
): AsyncGenerator<ServicePoint[]> {
  yield* rowPages(servicePointEntity, db, servicePointCondition(db, actor, filter), pageSize);
}

/** One service point; 404 when the actor may not read it (existence is not leaked). */
export async function getServicePoint(db: DbOrTx, actor: Actor, id: number): Promise<ServicePoint> {
  return toServicePoint(await rowInScope(servicePointEntity, db, actor, id));
}

/**
 * Creates a service point. The municipality is derived from the boundaries; the actor must be
 * allowed to write there (403), and only admins may create a point outside every municipality.
 */
export function createServicePoint(db: Db, actor: Actor, raw: unknown): Promise<ServicePoint> {
  return createRow(servicePointEntity, db, actor, raw);
}

/**
 * Applies a partial update. `version` must equal the stored version (409 `conflict` otherwise).
 * The actor must be able to write both the old and the new municipality (moving a point out of
 * one's territory is a 403).
 */
export function updateServicePoint(db: Db, actor: Actor, id: number, raw: unknown): Promise<ServicePoint> {
  return updateRow(servicePointEntity, db, actor, id, raw);
}

/** Deletes a point (its assignments go with it). With `expectedVersion`, a stale version is a 409. */
export function deleteServicePoint(
  db: Db,
  actor: Actor,
  id: number,
  expectedVersion?: number,
): Promise<void> {
  return deleteRow(servicePointEntity, db, actor, id, expectedVersion);
}
