/**
 * The read and write frame the two registry entities (places, service points) share: the row
 * lookup that answers 404 outside the read scope, sorted list pages, keyset paging for exports,
 * and create/update/delete with the editor and territory checks, optimistic versions, external
 * refs and an audit row in the same transaction. The rules live here once so the two registries
 * cannot drift apart; each entity keeps its own schemas, scope condition, filters and shape.
 *
 * A table comes in as five one-line statement functions rather than as a Drizzle table generic:
 * generic table types are hard to read and to satisfy, while a function over the concrete table
 * keeps Drizzle's own type check of the values inserted and updated.
 */
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../db/client.js';
import { conflict, forbidden, notFound, validationError } from '../errors.js';
import { type Actor, canWriteTerritory } from './actor.js';
import { recordAudit } from './audit.js';
import {
  deleteExternalRefs,
  municipalityForWrite,
  orderByColumn,
  type Page,
  parseOrThrow,
  type RefEntity,
  replaceExternalRefs,
  requireEditor,
  sentKeys,
} from './registry-common.js';
import { getTerritoryIndex } from './territory-cache.js';

/** What the frame reads from a stored row. */
export interface RegistryRow {
  id: number;
  version: number;
  municipalityCode: string | null;
}

/** What the frame reads from a validated create input. */
export interface RegistryInput {
  lat: number;
  lon: number;
  externalIds: Record<string, string>;
}

/** Columns the frame adds to the input on insert (derived from the boundaries). */
export type DerivedColumns = { municipalityCode: string | null };
/** Columns the frame adds to the input on update. */
export type UpdatedColumns = DerivedColumns & { version: number; updatedAt: Date };

/** One SELECT of whole rows; the frame always says how to order and page. */
export interface RowQuery {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
  offset: number;
}

/** The statements the frame runs against one entity's table. */
export interface RegistryStatements<Row, Input> {
  select(db: DbOrTx, query: RowQuery): Promise<Row[]>;
  count(db: DbOrTx, where: SQL | undefined): Promise<number>;
  insert(tx: DbOrTx, values: Input & DerivedColumns): Promise<Row>;
  /** The updated row, or undefined when `where` (id and version) matched nothing. */
  update(tx: DbOrTx, where: SQL | undefined, values: Input & UpdatedColumns): Promise<Row | undefined>;
  delete(tx: DbOrTx, where: SQL | undefined): Promise<void>;
}

/** Everything entity-specific the frame needs. */
export interface RegistryEntity<Row extends RegistryRow, Item, Input extends RegistryInput> {
  /** The entity type in audit rows and external_refs. */
  entity: RefEntity;
  /** How messages name one row, lower case (`place`, `service point`); lists say it plus `s`. */
  noun: string;
  columns: { id: AnyPgColumn; version: AnyPgColumn };
  /** Sort key → column, in the order an invalid-sort message lists them. */
  sortColumns: Record<string, AnyPgColumn>;
  statements: RegistryStatements<Row, Input>;
  /** The rows the actor may read; every other row is a 404. */
  scope(db: DbOrTx, actor: Actor): SQL | undefined;
  /** Stored row → API shape. */
  present(row: Row): Item;
  createSchema: z.ZodType<Input>;
  updateSchema: z.ZodType<{ version: number }>;
  /** The editable fields of a stored row as a create input: what a partial update is merged onto. */
  editableFields(item: Item): Record<string, unknown>;
}

/** Paging and sorting of a list; every field optional (page 1, 100 rows, by name, ascending). */
export interface PageQuery {
  page?: number;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

const capitalised = (noun: string) => noun.charAt(0).toUpperCase() + noun.slice(1);

const staleMessage = (entity: { noun: string }, id: number) =>
  `${capitalised(entity.noun)} ${id} was changed by someone else; reload and try again`;

/** The stored row if the actor may read it; 404 otherwise (existence is not leaked). */
export async function rowInScope<Row extends RegistryRow, Item, Input extends RegistryInput>(
  entity: RegistryEntity<Row, Item, Input>,
  db: DbOrTx,
  actor: Actor,
  id: number,
): Promise<Row> {
  const [row] = await entity.statements.select(db, {
    where: and(eq(entity.columns.id, id), entity.scope(db, actor)),
    orderBy: [],
    limit: 1,
    offset: 0,
  });
  if (!row) throw notFound(`${capitalised(entity.noun)} ${id}`);
  return row;
}

/**
 * The row an update or delete may change: readable (404), in the actor's write territory (403)
 * and, when the caller names a version, still at that version (409).
 */
async function writableRow<Row extends RegistryRow, Item, Input extends RegistryInput>(
  entity: RegistryEntity<Row, Item, Input>,
  tx: DbOrTx,
  actor: Actor,
  id: number,
  verb: 'edit' | 'delete',
  expectedVersion: number | undefined,
): Promise<Row> {
  const row = await rowInScope(entity, tx, actor, id);
  if (!canWriteTerritory(actor, row.municipalityCode))
    throw forbidden(`You may not ${verb} ${entity.noun} ${id}`);
  if (expectedVersion !== undefined && row.version !== expectedVersion)
    throw conflict(staleMessage(entity, id), [
      { field: 'version', reason: `stored version is ${row.version}, you sent ${expectedVersion}` },
    ]);
  return row;
}

/** One page of the rows matching `where`, sorted by `query.sort` with the id breaking ties. */
export async function listRows<Row extends RegistryRow, Item, Input extends RegistryInput>(
  entity: RegistryEntity<Row, Item, Input>,
  db: DbOrTx,
  where: SQL | undefined,
  query: PageQuery,
): Promise<Page<Item>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 100;
  const sort = query.sort ?? 'name';
  if (!(sort in entity.sortColumns))
    throw validationError('Invalid sort', [
      { field: 'sort', reason: `${entity.noun}s sort by ${Object.keys(entity.sortColumns).join(', ')}` },
    ]);
  const total = await entity.statements.count(db, where);
  const rows = await entity.statements.select(db, {
    where,
    orderBy: [orderByColumn(entity.sortColumns[sort], query.order ?? 'asc'), asc(entity.columns.id)],
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items: rows.map(entity.present), total, page, pageSize };
}

/**
 * Every row matching `where`, in pages of `pageSize` by id (keyset paging: page n costs the
 * same as page 1, and memory stays flat for 100k rows).
 */
export async function* rowPages<Row extends RegistryRow, Item, Input extends RegistryInput>(
  entity: RegistryEntity<Row, Item, Input>,
  db: DbOrTx,
  where: SQL | undefined,
  pageSize: number,
): AsyncGenerator<Item[]> {
  let afterId = 0;
  for (;;) {
    const rows = await entity.statements.select(db, {
      where: and(where, gt(entity.columns.id, afterId)),
      orderBy: [asc(entity.columns.id)],
      limit: pageSize,
      offset: 0,
    });
    if (rows.length === 0) return;
    yield rows.map(entity.present);
    if (rows.length < pageSize) return;
    afterId = rows[rows.length - 1].id;
  }
}

/**
 * Creates a row. The municipality is derived from the boundaries; the actor must be allowed to
 * write there (403), and only admins may create a row outside every municipality.
 */
export async function createRow<Row extends RegistryRow, Item, Input extends RegistryInput>(
  entity: RegistryEntity<Row, Item, Input>,
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<Item> {
  requireEditor(actor);
  const input = parseOrThrow(entity.createSchema, raw, entity.noun);
  const index = await getTerritoryIndex(db);
  const municipalityCode = municipalityForWrite(index, actor, input.lat, input.lon);
  return db.transaction(async (tx) => {
    const row = await entity.statements.insert(tx, { ...input, municipalityCode });
    await replaceExternalRefs(tx, entity.entity, row.id, input.externalIds);
    const after = entity.present(row);
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: entity.entity,
      entityId: row.id,
      municipalityCode,
      after,
    });
    return after;
  });
}

/**
 * Applies a partial update. `version` must equal the stored version (409 otherwise). Only the
 * keys the client sent are merged onto the stored fields, and the merge is validated as a whole
 * create input, so cross-field rules still hold. The actor must be able to write both the old and
 * the new municipality (moving a row out of one's territory is a 403).
 */
export async function updateRow<Row extends RegistryRow, Item, Input extends RegistryInput>(
  entity: RegistryEntity<Row, Item, Input>,
  db: Db,
  actor: Actor,
  id: number,
  raw: unknown,
): Promise<Item> {
  requireEditor(actor);
  const patch = parseOrThrow(entity.updateSchema, raw, entity.noun);
  const sent = sentKeys(raw);
  const index = await getTerritoryIndex(db);
  return db.transaction(async (tx) => {
    const row = await writableRow(entity, tx, actor, id, 'edit', patch.version);
    const before = entity.present(row);
    const merged = entity.editableFields(before);
    for (const [key, value] of Object.entries(patch))
      if (key !== 'version' && sent.has(key)) merged[key] = value;
    const input = parseOrThrow(entity.createSchema, merged, entity.noun);
    const municipalityCode = municipalityForWrite(index, actor, input.lat, input.lon);
    const updated = await entity.statements.update(
      tx,
      and(eq(entity.columns.id, id), eq(entity.columns.version, row.version)),
      { ...input, municipalityCode, version: row.version + 1, updatedAt: new Date() },
    );
    if (!updated) throw conflict(staleMessage(entity, id));
    if (sent.has('externalIds')) await replaceExternalRefs(tx, entity.entity, id, input.externalIds);
    const after = entity.present(updated);
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: entity.entity,
      entityId: id,
      municipalityCode,
      before,
      after,
      details: row.municipalityCode !== municipalityCode ? { movedFrom: row.municipalityCode } : undefined,
    });
    return after;
  });
}

/** Deletes a row with its external refs. With `expectedVersion`, a stale version is a 409. */
export async function deleteRow<Row extends RegistryRow, Item, Input extends RegistryInput>(
  entity: RegistryEntity<Row, Item, Input>,
  db: Db,
  actor: Actor,
  id: number,
  expectedVersion?: number,
): Promise<void> {
  requireEditor(actor);
  await db.transaction(async (tx) => {
    const row = await writableRow(entity, tx, actor, id, 'delete', expectedVersion);
    await deleteExternalRefs(tx, entity.entity, [id]);
    await entity.statements.delete(tx, eq(entity.columns.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: entity.entity,
      entityId: id,
      municipalityCode: row.municipalityCode,
      before: entity.present(row),
    });
  });
}
