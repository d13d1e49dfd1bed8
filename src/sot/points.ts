/**
 * SOT-punkter: list, read, create, update and delete. The municipality of a point is the one its
 * store lies in; the store and fuel station are linked registry points. Every list read and every
 * write is audited. Nothing here is ever part of the registry exports.
 */
import { and, asc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { municipalities, servicePoints, sotPoints, sotTransitions } from '../db/schema.js';
import { type Actor, canReadTerritory, canWriteTerritory } from '../domain/actor.js';
import { recordAudit } from '../domain/audit.js';
import { escapeLike, parseOrThrow, sentKeys } from '../domain/registry-common.js';
import { servicePointCondition } from '../domain/service-points.js';
import { conflict, forbidden, validationError } from '../errors.js';
import { haversineMetres } from '../lib/geo.js';
import { loadPoint, type PointAccess, pointScopeCondition, type SotPointRow } from './access.js';
import { stockholmDate } from './dates.js';
import {
  type Activation,
  COMM_INDEPENDENT_DEFAULT,
  type CommItem,
  type EstablishmentModel,
  type Genset,
  type LocalFunction,
  pointCreateSchema,
  pointUpdateSchema,
  type SotStatus,
  type TestSchedule,
  testScheduleSchema,
} from './schemas.js';

type ServicePointRow = typeof servicePoints.$inferSelect;

/** The registry facts of a linked store or fuel station that a SOT-punkt shows. */
export interface LinkedServicePoint {
  id: number;
  kind: string;
  name: string;
  address: string | null;
  city: string | null;
  lat: number;
  lon: number;
  municipalityCode: string | null;
  attributes: Record<string, unknown>;
  openingHours: string | null;
  /**
   * Whether the reader may open it in the registry (an operator reads only the service points
   * assigned to it, not every store its SOT-punkt links): the web links it only then.
   */
  readable: boolean;
}

/** A SOT-punkt as the API returns it. */
export interface SotPoint {
  id: number;
  name: string;
  status: SotStatus;
  municipalityCode: string;
  municipalityName: string | null;
  establishmentModel: EstablishmentModel | null;
  store: LinkedServicePoint | null;
  fuelStation: LinkedServicePoint | null;
  /** Store to fuel station in metres (haversine); null without both. */
  fuelDistanceM: number | null;
  fuelWithinLimit: boolean | null;
  genset: Genset;
  loadInventory: Record<string, unknown> | null;
  targetAutonomyHours: number;
  communication: CommItem[];
  localFunctions: LocalFunction[];
  activation: Activation | null;
  fuelMaxDistanceM: number;
  minMembers: number;
  testSchedule: TestSchedule;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** What the caller may do with it (the web client shows or hides forms by this). */
  access: PointAccess;
}

/** One row of the point list. */
export interface SotPointSummary {
  id: number;
  name: string;
  status: SotStatus;
  municipalityCode: string;
  municipalityName: string | null;
  storeId: number | null;
  storeName: string | null;
  fuelStationId: number | null;
  fuelStationName: string | null;
  /** Position of the store (the map marker); null when the store is gone. */
  lat: number | null;
  lon: number | null;
  version: number;
  updatedAt: string;
}

export function toLinked(
  row: ServicePointRow | null | undefined,
  readable: ReadonlySet<number>,
): LinkedServicePoint | null {
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    address: row.address,
    city: row.city,
    lat: row.lat,
    lon: row.lon,
    municipalityCode: row.municipalityCode,
    attributes: row.attributes,
    openingHours: row.openingHours,
    readable: readable.has(row.id),
  };
}

/** Which of `ids` the actor may read in the registry. */
export async function readableServicePointIds(
  db: DbOrTx,
  actor: Actor,
  ids: (number | null)[],
): Promise<Set<number>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Set();
  const rows = await db
    .select({ id: servicePoints.id })
    .from(servicePoints)
    .where(and(inArray(servicePoints.id, wanted), servicePointCondition(db, actor, {})));
  return new Set(rows.map((r) => r.id));
}

/** Store to fuel station distance in metres, or null. */
export function fuelDistance(
  store: Pick<ServicePointRow, 'lat' | 'lon'> | null | undefined,
  fuel: Pick<ServicePointRow, 'lat' | 'lon'> | null | undefined,
): number | null {
  if (!store || !fuel) return null;
  return Math.round(haversineMetres(store.lat, store.lon, fuel.lat, fuel.lon) * 10) / 10;
}

export const gensetOf = (row: SotPointRow): Genset => ({
  installed: false,
  ...(row.genset as Partial<Genset>),
});
export const scheduleOf = (row: SotPointRow): TestSchedule =>
  testScheduleSchema.parse(row.testSchedule ?? {});

/** The registry points a SOT-punkt links, by id. */
export async function linkedServicePoints(
  db: DbOrTx,
  ids: (number | null)[],
): Promise<Map<number, ServicePointRow>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select().from(servicePoints).where(inArray(servicePoints.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

async function municipalityName(db: DbOrTx, code: string): Promise<string | null> {
  const [m] = await db
    .select({ name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.code, code));
  return m?.name ?? null;
}

/** Stored row and its linked points → API shape. */
export function presentPoint(
  row: SotPointRow,
  linked: Map<number, ServicePointRow>,
  readable: ReadonlySet<number>,
  access: PointAccess,
  muniName: string | null,
): SotPoint {
  const store = row.storeId !== null ? linked.get(row.storeId) : undefined;
  const fuel = row.fuelStationId !== null ? linked.get(row.fuelStationId) : undefined;
  const distance = fuelDistance(store, fuel);
  return {
    id: row.id,
    name: row.name,
    status: row.status as SotStatus,
    municipalityCode: row.municipalityCode,
    municipalityName: muniName,
    establishmentModel: (row.establishmentModel as EstablishmentModel | null) ?? null,
    store: toLinked(store, readable),
    fuelStation: toLinked(fuel, readable),
    fuelDistanceM: distance,
    fuelWithinLimit: distance === null ? null : distance <= row.fuelMaxDistanceM,
    genset: gensetOf(row),
    loadInventory: row.loadInventory ?? null,
    targetAutonomyHours: row.targetAutonomyHours,
    communication: row.communication as CommItem[],
    localFunctions: row.localFunctions as LocalFunction[],
    activation: (row.activation as Activation | null) ?? null,
    fuelMaxDistanceM: row.fuelMaxDistanceM,
    minMembers: row.minMembers,
    testSchedule: scheduleOf(row),
    note: row.note,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    access,
  };
}

/** The audit image of a point: its own fields, no linked registry rows. */
function auditImage(row: SotPointRow) {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

export interface PointListFilter {
  municipality?: string;
  county?: string;
  status?: SotStatus[];
  q?: string;
}

/** The rows of the points the actor may read, filtered, by name. */
export async function visiblePointRows(
  db: DbOrTx,
  actor: Actor,
  filter: PointListFilter = {},
): Promise<SotPointRow[]> {
  const parts: (SQL | undefined)[] = [pointScopeCondition(db, actor)];
  if (filter.municipality) parts.push(eq(sotPoints.municipalityCode, filter.municipality));
  if (filter.county) parts.push(ilike(sotPoints.municipalityCode, `${escapeLike(filter.county)}%`));
  if (filter.status && filter.status.length > 0) parts.push(inArray(sotPoints.status, filter.status));
  if (filter.q?.trim()) parts.push(ilike(sotPoints.name, `%${escapeLike(filter.q.trim())}%`));
  return db
    .select()
    .from(sotPoints)
    .where(and(...parts))
    .orderBy(asc(sotPoints.name), asc(sotPoints.id));
}

/**
 * Records that the actor read the list of SOT-punkter (which points exist is itself
 * confidential). `via` names the view: list, board, board export.
 */
export async function auditListRead(
  db: DbOrTx,
  actor: Actor,
  via: string,
  pointIds: number[],
  filter: unknown,
): Promise<void> {
  await recordAudit(db, actor, {
    action: 'read',
    entityType: 'sot_point_list',
    municipalityCode: actor.municipalityCode,
    countyCode: actor.countyCode,
    details: { via, count: pointIds.length, pointIds, filter },
  });
}

/** Every point the actor may read (a summary per point); the read is audited. */
export async function listPoints(
  db: Db,
  actor: Actor,
  filter: PointListFilter = {},
): Promise<SotPointSummary[]> {
  const rows = await visiblePointRows(db, actor, filter);
  const linked = await linkedServicePoints(
    db,
    rows.flatMap((r) => [r.storeId, r.fuelStationId]),
  );
  const names = new Map(
    (await db.select({ code: municipalities.code, name: municipalities.name }).from(municipalities)).map(
      (m) => [m.code, m.name],
    ),
  );
  await auditListRead(
    db,
    actor,
    'list',
    rows.map((r) => r.id),
    filter,
  );
  return rows.map((r) => {
    const store = r.storeId !== null ? linked.get(r.storeId) : undefined;
    const fuel = r.fuelStationId !== null ? linked.get(r.fuelStationId) : undefined;
    return {
      id: r.id,
      name: r.name,
      status: r.status as SotStatus,
      municipalityCode: r.municipalityCode,
      municipalityName: names.get(r.municipalityCode) ?? null,
      storeId: r.storeId,
      storeName: store?.name ?? null,
      fuelStationId: r.fuelStationId,
      fuelStationName: fuel?.name ?? null,
      lat: store?.lat ?? null,
      lon: store?.lon ?? null,
      version: r.version,
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

/** One point with its linked store and fuel station. */
export async function getPoint(db: DbOrTx, actor: Actor, id: number): Promise<SotPoint> {
  const { row, access } = await loadPoint(db, actor, id);
  const ids = [row.storeId, row.fuelStationId];
  const linked = await linkedServicePoints(db, ids);
  const readable = await readableServicePointIds(db, actor, ids);
  return presentPoint(row, linked, readable, access, await municipalityName(db, row.municipalityCode));
}

function requirePointEditor(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'municipality')
    throw forbidden('Only administrators and municipality users edit SOT-punkter');
}

const GROCERY_KINDS = new Set(['grocery', 'convenience']);

/** The store a point may link: a grocery store in the actor's write territory. */
async function checkStore(db: DbOrTx, actor: Actor, storeId: number): Promise<ServicePointRow> {
  const [store] = await db.select().from(servicePoints).where(eq(servicePoints.id, storeId));
  if (!store || !canReadTerritory(actor, store.municipalityCode))
    throw validationError('Unknown store', [
      { field: 'storeId', reason: `no service point ${storeId} in your territory` },
    ]);
  if (!GROCERY_KINDS.has(store.kind))
    throw validationError('The store must be a grocery store', [
      { field: 'storeId', reason: `service point ${storeId} is a ${store.kind}, not a grocery store` },
    ]);
  if (store.municipalityCode === null)
    throw validationError('The store lies outside every municipality', [
      { field: 'storeId', reason: 'a SOT-punkt belongs to the municipality of its store' },
    ]);
  if (!canWriteTerritory(actor, store.municipalityCode))
    throw forbidden(`You may not create SOT-punkter in municipality ${store.municipalityCode}`);
  return store;
}

/** The fuel station a point may link: a fuel station the actor can read (distance is a checklist fact, not an error). */
async function checkFuel(db: DbOrTx, actor: Actor, fuelId: number): Promise<ServicePointRow> {
  const [fuel] = await db.select().from(servicePoints).where(eq(servicePoints.id, fuelId));
  if (!fuel || !canReadTerritory(actor, fuel.municipalityCode))
    throw validationError('Unknown fuel station', [
      { field: 'fuelStationId', reason: `no service point ${fuelId} in your territory` },
    ]);
  if (fuel.kind !== 'fuel')
    throw validationError('The fuel station must be a fuel station', [
      { field: 'fuelStationId', reason: `service point ${fuelId} is a ${fuel.kind}, not a fuel station` },
    ]);
  return fuel;
}

/** Items with `independent` made explicit, so stored data says what the checklist assumed. */
function normaliseCommunication(items: CommItem[]): CommItem[] {
  return items.map((c) => ({ ...c, independent: c.independent ?? COMM_INDEPENDENT_DEFAULT[c.type] }));
}

/** Creates a point in status `ide`, with its first transition. Admin and municipality users only. */
export async function createPoint(db: Db, actor: Actor, raw: unknown): Promise<SotPoint> {
  requirePointEditor(actor);
  const input = parseOrThrow(pointCreateSchema, raw, 'SOT-punkt');
  return db.transaction(async (tx) => {
    const store = await checkStore(tx, actor, input.storeId);
    if (input.fuelStationId) await checkFuel(tx, actor, input.fuelStationId);
    const municipalityCode = store.municipalityCode as string;
    const [row] = await tx
      .insert(sotPoints)
      .values({
        name: input.name ?? `SOT-punkt ${store.name}`,
        storeId: store.id,
        fuelStationId: input.fuelStationId ?? null,
        municipalityCode,
        status: 'ide',
        establishmentModel: input.establishmentModel ?? null,
        genset: input.genset ?? { installed: false },
        loadInventory: (input.loadInventory as Record<string, unknown> | null | undefined) ?? null,
        targetAutonomyHours: input.targetAutonomyHours,
        communication: normaliseCommunication(input.communication),
        localFunctions: input.localFunctions,
        activation: input.activation ?? null,
        fuelMaxDistanceM: input.fuelMaxDistanceM,
        minMembers: input.minMembers,
        testSchedule: input.testSchedule ?? testScheduleSchema.parse({}),
        note: input.note ?? null,
      })
      .returning();
    await tx.insert(sotTransitions).values({
      pointId: row.id,
      fromStatus: null,
      toStatus: 'ide',
      date: stockholmDate(),
      note: null,
      userId: actor.userId,
      username: actor.username,
    });
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'sot_point',
      entityId: row.id,
      municipalityCode,
      after: auditImage(row),
    });
    const ids = [row.storeId, row.fuelStationId];
    const linked = await linkedServicePoints(tx, ids);
    return presentPoint(
      row,
      linked,
      await readableServicePointIds(tx, actor, ids),
      { read: true, write: true, personal: true, log: true },
      await municipalityName(tx, municipalityCode),
    );
  });
}

/** Changes the fields sent; `version` must match (409 otherwise). */
export async function updatePoint(db: Db, actor: Actor, id: number, raw: unknown): Promise<SotPoint> {
  requirePointEditor(actor);
  const patch = parseOrThrow(pointUpdateSchema, raw, 'SOT-punkt');
  const sent = sentKeys(raw);
  return db.transaction(async (tx) => {
    const { row, access } = await loadPoint(tx, actor, id, 'write');
    if (row.version !== patch.version)
      throw conflict(`SOT-punkt ${id} was changed by someone else; reload and try again`, [
        { field: 'version', reason: `stored version is ${row.version}, you sent ${patch.version}` },
      ]);
    const set: Partial<typeof sotPoints.$inferInsert> = {};
    if (sent.has('storeId') && patch.storeId !== undefined && patch.storeId !== row.storeId) {
      const store = await checkStore(tx, actor, patch.storeId);
      set.storeId = store.id;
      set.municipalityCode = store.municipalityCode as string;
    }
    if (sent.has('fuelStationId')) {
      if (patch.fuelStationId) await checkFuel(tx, actor, patch.fuelStationId);
      set.fuelStationId = patch.fuelStationId ?? null;
    }
    if (sent.has('name') && patch.name !== undefined) set.name = patch.name;
    if (sent.has('establishmentModel')) set.establishmentModel = patch.establishmentModel ?? null;
    if (sent.has('genset') && patch.genset) set.genset = patch.genset;
    if (sent.has('loadInventory'))
      set.loadInventory = (patch.loadInventory as Record<string, unknown> | null | undefined) ?? null;
    if (sent.has('targetAutonomyHours') && patch.targetAutonomyHours !== undefined)
      set.targetAutonomyHours = patch.targetAutonomyHours;
    if (sent.has('communication') && patch.communication)
      set.communication = normaliseCommunication(patch.communication);
    if (sent.has('localFunctions') && patch.localFunctions) set.localFunctions = patch.localFunctions;
    if (sent.has('activation')) set.activation = patch.activation ?? null;
    if (sent.has('fuelMaxDistanceM') && patch.fuelMaxDistanceM !== undefined)
      set.fuelMaxDistanceM = patch.fuelMaxDistanceM;
    if (sent.has('minMembers') && patch.minMembers !== undefined) set.minMembers = patch.minMembers;
    if (sent.has('testSchedule') && patch.testSchedule) set.testSchedule = patch.testSchedule;
    if (sent.has('note')) set.note = patch.note ?? null;
    const [updated] = await tx
      .update(sotPoints)
      .set({ ...set, version: row.version + 1, updatedAt: new Date() })
      .where(and(eq(sotPoints.id, id), eq(sotPoints.version, row.version)))
      .returning();
    if (!updated) throw conflict(`SOT-punkt ${id} was changed by someone else; reload and try again`);
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'sot_point',
      entityId: id,
      municipalityCode: updated.municipalityCode,
      before: auditImage(row),
      after: auditImage(updated),
      details:
        row.municipalityCode !== updated.municipalityCode ? { movedFrom: row.municipalityCode } : undefined,
    });
    const ids = [updated.storeId, updated.fuelStationId];
    const linked = await linkedServicePoints(tx, ids);
    const readable = await readableServicePointIds(tx, actor, ids);
    return presentPoint(
      updated,
      linked,
      readable,
      access,
      await municipalityName(tx, updated.municipalityCode),
    );
  });
}

/**
 * Deletes a point and everything attached to it (members, documents, logs). Decommissioning is a
 * transition to `avvecklad`; deleting is for points registered by mistake.
 */
export async function deletePoint(db: Db, actor: Actor, id: number, expectedVersion?: number): Promise<void> {
  requirePointEditor(actor);
  await db.transaction(async (tx) => {
    const { row } = await loadPoint(tx, actor, id, 'write');
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      throw conflict(`SOT-punkt ${id} was changed by someone else; reload and try again`, [
        { field: 'version', reason: `stored version is ${row.version}, you sent ${expectedVersion}` },
      ]);
    await tx.delete(sotPoints).where(eq(sotPoints.id, id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entityType: 'sot_point',
      entityId: id,
      municipalityCode: row.municipalityCode,
      before: auditImage(row),
    });
  });
}
