/**
 * The service-point registry: list, read, create, update and delete within the actor's
 * territory. The API, the CLI and the exports all go through here, so territory rules, field
 * validation, municipality derivation and the audit trail cannot be skipped.
 */
import { and, asc, between, count, eq, gt, inArray, like, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { servicePointAssignments, servicePoints } from '../db/schema.js';
import { conflict, forbidden, notFound, validationError } from '../errors.js';
import type { ServiceKind } from '../shared/kinds.js';
import {
  type ListQuery,
  type RegistryFilter,
  type ServicePoint,
  servicePointCreateSchema,
  servicePointUpdateSchema,
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

type Row = typeof servicePoints.$inferSelect;

/** Sort keys a service-point list accepts (places add `population`). */
export const SERVICE_POINT_SORTS = ['name', 'kind', 'municipalityCode', 'updatedAt', 'id'] as const;
export type ServicePointSort = (typeof SERVICE_POINT_SORTS)[number];

/** Filters plus paging and sorting; every field optional (defaults: page 1, 100 rows, by name). */
export type ServicePointListQuery = RegistryFilter &
  Partial<Pick<ListQuery, 'page' | 'pageSize' | 'order'>> & { sort?: ListQuery['sort'] };

const SORT_COLUMNS = {
  name: servicePoints.name,
  kind: servicePoints.kind,
  municipalityCode: servicePoints.municipalityCode,
  updatedAt: servicePoints.updatedAt,
  id: servicePoints.id,
} as const;

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
  const parts: (SQL | undefined)[] = [scopeCondition(db, actor)];
  if (filter.bbox) {
    const [minLon, minLat, maxLon, maxLat] = filter.bbox;
    parts.push(between(servicePoints.lon, minLon, maxLon), between(servicePoints.lat, minLat, maxLat));
  }
  if (filter.kinds && filter.kinds.length > 0) parts.push(inArray(servicePoints.kind, filter.kinds));
  if (filter.municipality) parts.push(eq(servicePoints.municipalityCode, filter.municipality));
  if (filter.county) parts.push(like(servicePoints.municipalityCode, `${escapeLike(filter.county)}%`));
  parts.push(
    textSearch(filter.q, [
      servicePoints.name,
      servicePoints.chain,
      servicePoints.address,
      servicePoints.city,
    ]),
  );
  return and(...parts);
}

/** One page of the service points the actor may read, filtered and sorted. */
export async function listServicePoints(
  db: DbOrTx,
  actor: Actor,
  query: ServicePointListQuery = {},
): Promise<Page<ServicePoint>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 100;
  const sort = query.sort ?? 'name';
  if (!(sort in SORT_COLUMNS))
    throw validationError('Invalid sort', [
      { field: 'sort', reason: `service points sort by ${SERVICE_POINT_SORTS.join(', ')}` },
    ]);
  const where = servicePointCondition(db, actor, query);
  const [{ total }] = await db.select({ total: count() }).from(servicePoints).where(where);
  const rows = await db
    .select()
    .from(servicePoints)
    .where(where)
    .orderBy(
      orderByColumn(SORT_COLUMNS[sort as ServicePointSort], query.order ?? 'asc'),
      asc(servicePoints.id),
    )
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: rows.map(toServicePoint), total, page, pageSize };
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
  const where = servicePointCondition(db, actor, filter);
  let afterId = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(servicePoints)
      .where(and(where, gt(servicePoints.id, afterId)))
      .orderBy(asc(servicePoints.id))
      .limit(pageSize);
    if (rows.length === 0) return;
    yield rows.map(toServicePoint);
    if (rows.length < pageSize) return;
    afterId = rows[rows.length - 1].id;
  }
}

/** The stored row if the actor may read it; 404 otherwise (existence is not leaked). */
async function rowInScope(db: DbOrTx, actor: Actor, id: number): Promise<Row> {
  const [row] = await db
    .select()
    .from(servicePoints)
    .where(and(eq(servicePoints.id, id), scopeCondition(db, actor)));
  if (!row) throw notFound(`Service point ${id}`);
  return row;
}

export async function getServicePoint(db: DbOrTx, actor: Actor, id: number): Promise<ServicePoint> {
  return toServicePoint(await rowInScope(db, actor, id));
}

/**
 * Creates a service point. The municipality is derived from the boundaries; the actor must be
 * allowed to write there (403), and only admins may create a point outside every municipality.
 */
export async function createServicePoint(db: Db, actor: Actor, raw: unknown): Promise<ServicePoint> {
  requireEditor(actor);
  const input = parseOrThrow(servicePointCreateSchema, raw, 'service point');
  const index = await getTerritoryIndex(db);
  const municipalityCode = municipalityForWrite(index, actor, input.lat, input.lon);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(servicePoints)
      .values({ ...input, municipalityCode })
      .returning();
    await replaceExternalRefs(tx, 'service_point', row.id, input.externalIds);
    const after = toServicePoint(row);
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'service_point',
      entityId: row.id,
      municipalityCode,
      after,
    });
    return after;
  });
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
 * Applies a partial update. `version` must equal the stored version (409 `conflict` otherwise).
 * The merged point is validated as a whole, so changing only `kind` still checks the stored
 * attributes against the new kind. The actor must be able to write both the old and the new
 * municipality (moving a point out of one's territory is a 403).
 */
export async function updateServicePoint(
  db: Db,
  actor: Actor,
  id: number,
  raw: unknown,
): Promise<ServicePoint> {
  requireEditor(actor);
  const patch = parseOrThrow(servicePointUpdateSchema, raw, 'service point');
  const sent = sentKeys(raw);
  const index = await getTerritoryIndex(db);
  return db.transaction(async (tx) => {
    const row = await rowInScope(tx, actor, id);
    if (!canWriteTerritory(actor, row.municipalityCode))
      throw forbidden(`You may not edit service point ${id}`);
    if (row.version !== patch.version)
      throw conflict(`Service point ${id} was changed by someone else; reload and try again`, [
        { field: 'version', reason: `stored version is ${row.version}, you sent ${patch.version}` },
      ]);
    const before = toServicePoint(row);
    const merged: Record<string, unknown> = editableFields(before);
    for (const [key, value] of Object.entries(patch))
      if (key !== 'version' && sent.has(key)) merged[key] = value;
    const input = parseOrThrow(servicePointCreateSchema, merged, 'service point');
    const municipalityCode = municipalityForWrite(index, actor, input.lat, input.lon);
    const [updated] = await tx
      .update(servicePoints)
      .set({ ...input, municipalityCode, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(servicePoints.id, id), eq(servicePoints.version, row.version)))
      .returning();
    if (!updated) throw conflict(`Service point ${id} was changed by someone else; reload and try again`);
    if (sent.has('externalIds')) await replaceExternalRefs(tx, 'service_point', id, input.externalIds);
    const after = toServicePoint(updated);
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'service_point',
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

/** Deletes a point (its assignments go with it). With `expectedVersion`, a stale version is a 409. */
export async function deleteServicePoint(
  db: Db,
  actor: Actor,
  id: number,
  expectedVersion?: number,
): Promise<void> {
  requireEditor(actor);
  await db.transaction(async (tx) => {
    const row = await rowInScope(tx, actor, id);
    if (!canWriteTerritory(actor, row.municipalityCode))
      throw forbidden(`You may not delete service point ${id}`);
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      throw conflict(`Service point ${id} was changed by someone else; reload and try again`, [
        { field: 'version', reason: `stored version is ${row.version}, you sent ${expectedVersion}` },
      ]);
    await deleteExternalRefs(tx, 'service_point', [id]);
    await tx.delete(servicePoints).where(eq(servicePoints.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'service_point',
      entityId: id,
      municipalityCode: row.municipalityCode,
      before: toServicePoint(row),
    });
  });
}
