/**
 * Drizzle schema: the single source of truth for tables. Migrations in `drizzle/` are generated
 * from this file with `npm run db:generate` and applied identically to PGlite and PostgreSQL.
 *
 * Geometry is stored as GeoJSON (jsonb) plus WGS 84 lat/lon or bbox columns, not PostGIS: the
 * embedded PGlite build has no PostGIS, and point-in-polygon for a few hundred municipalities is
 * cheap in JS (see src/domain/territory-index.ts).
 */

import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const counties = pgTable('counties', {
  /** Official 2-digit county code (län), e.g. `23` for Jämtland. */
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  geometry: jsonb('geometry'),
  minLon: doublePrecision('min_lon'),
  minLat: doublePrecision('min_lat'),
  maxLon: doublePrecision('max_lon'),
  maxLat: doublePrecision('max_lat'),
  importBatchId: integer('import_batch_id'),
  updatedAt: updatedAt(),
});

export const municipalities = pgTable(
  'municipalities',
  {
    /** Official 4-digit municipality code, e.g. `2321` for Åre. The first two digits are the county. */
    code: text('code').primaryKey(),
    countyCode: text('county_code').notNull(),
    name: text('name').notNull(),
    geometry: jsonb('geometry'),
    minLon: doublePrecision('min_lon'),
    minLat: doublePrecision('min_lat'),
    maxLon: doublePrecision('max_lon'),
    maxLat: doublePrecision('max_lat'),
    importBatchId: integer('import_batch_id'),
    updatedAt: updatedAt(),
  },
  (t) => [index('municipalities_county_idx').on(t.countyCode)],
);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull().default(''),
  /** `scrypt$N$r$p$salt$hash`, see src/auth/password.ts. */
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'county', 'municipality', 'operator', 'viewer'] }).notNull(),
  /** Territory: a county user has countyCode; a municipality/operator/viewer user has municipalityCode (and its county). */
  countyCode: text('county_code'),
  municipalityCode: text('municipality_code'),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked database does not leak live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed logins per key (`user:<name>` or `ip:<addr>`), shared by all app instances. */
export const loginFailures = pgTable('login_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  firstAt: timestamp('first_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id'),
    username: text('username'),
    /** e.g. `create`, `update`, `delete`, `import`, `login`, `user.add`. */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    /** Territory of the entity, so county users can read the audit of their county only. */
    municipalityCode: text('municipality_code'),
    countyCode: text('county_code'),
    before: jsonb('before'),
    after: jsonb('after'),
    details: jsonb('details'),
  },
  (t) => [index('audit_at_idx').on(t.at), index('audit_county_idx').on(t.countyCode)],
);

export const importBatches = pgTable('import_batches', {
  id: serial('id').primaryKey(),
  /** `service_points`, `places`, `boundaries`, `osm`, `population`. */
  target: text('target').notNull(),
  format: text('format').notNull(),
  source: text('source').notNull(),
  userId: integer('user_id'),
  startedAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** `{ created, updated, unchanged, skipped }` */
  counts: jsonb('counts'),
});

export const places = pgTable(
  'places',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** OSM-style place type: town, village, hamlet, … */
    placeType: text('place_type').notNull().default('locality'),
    population: integer('population'),
    /** Peak population in season (ski resorts, summer villages); null when no seasonal variation is known. */
    seasonalPopulation: integer('seasonal_population'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    municipalityCode: text('municipality_code'),
    externalIds: jsonb('external_ids').$type<Record<string, string>>().notNull().default({}),
    importBatchId: integer('import_batch_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('places_municipality_idx').on(t.municipalityCode),
    index('places_lat_lon_idx').on(t.lat, t.lon),
  ],
);

export const populationCells = pgTable(
  'population_cells',
  {
    /** SCB grid id, e.g. `1km_4680_7060` style or SCB's Rut id. */
    gridId: text('grid_id').primaryKey(),
    population: integer('population').notNull(),
    cellSizeM: integer('cell_size_m').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    municipalityCode: text('municipality_code'),
    importBatchId: integer('import_batch_id'),
  },
  (t) => [index('population_cells_municipality_idx').on(t.municipalityCode)],
);

export const servicePoints = pgTable(
  'service_points',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    chain: text('chain'),
    operatorName: text('operator_name'),
    address: text('address'),
    postcode: text('postcode'),
    city: text('city'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    /** Derived from the municipality boundaries on every write; null when outside all of them. */
    municipalityCode: text('municipality_code'),
    /** Kind-specific attributes, validated per kind by src/domain/service-point.ts. */
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    /** `{ type: 'grid' }` or `{ type: 'backup', kva, fuelLitres }`. */
    power: jsonb('power').$type<Record<string, unknown>>().notNull().default({ type: 'grid' }),
    /** OSM opening_hours syntax, e.g. `Mo-Fr 08:00-20:00; Sa 09:00-16:00`. */
    openingHours: text('opening_hours'),
    externalIds: jsonb('external_ids').$type<Record<string, string>>().notNull().default({}),
    importBatchId: integer('import_batch_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('service_points_municipality_idx').on(t.municipalityCode),
    index('service_points_kind_idx').on(t.kind),
    index('service_points_lat_lon_idx').on(t.lat, t.lon),
  ],
);

/**
 * External ids per source (`osm` → `node/123`, `se-poi` → `urn:…`, `demo` → …). The unique key
 * makes imports idempotent: a re-import finds the row it created before and updates it.
 */
export const externalRefs = pgTable(
  'external_refs',
  {
    entity: text('entity', { enum: ['service_point', 'place'] }).notNull(),
    source: text('source').notNull(),
    ref: text('ref').notNull(),
    entityId: integer('entity_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.source, t.ref] }),
    index('external_refs_entity_idx').on(t.entity, t.entityId),
  ],
);

/** Which service points an `operator` user may see and report on. */
export const servicePointAssignments = pgTable(
  'service_point_assignments',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    servicePointId: integer('service_point_id')
      .notNull()
      .references(() => servicePoints.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.servicePointId] })],
);

/** Key/value facts about the data set, e.g. whether it is the demo data set. */
export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

// ---------------------------------------------------------------------------------------------
// SOT-punkter (src/sot/): confidential civil-defence data. Nothing below may ever be joined into
// the registry exports (src/export/), which are meant for open use.
// ---------------------------------------------------------------------------------------------

/** File contents stored in the database, so backups and several app instances need no shared disk. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * A SOT-punkt: one grocery store and one fuel station from the registry, the backup power that
 * keeps them open, communication equipment, local functions and the activation procedure.
 * Structured facts are jsonb validated by src/sot/schemas.ts; the municipality is the store's.
 */
export const sotPoints = pgTable(
  'sot_points',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** Null only when the linked store was later deleted from the registry. */
    storeId: integer('store_id').references(() => servicePoints.id, { onDelete: 'set null' }),
    fuelStationId: integer('fuel_station_id').references(() => servicePoints.id, { onDelete: 'set null' }),
    /** Derived from the store on every write; kept when the store disappears. */
    municipalityCode: text('municipality_code').notNull(),
    /** `ide` … `i_drift`, `avvecklad`; changed only through sot_transitions. */
    status: text('status').notNull().default('ide'),
    establishmentModel: text('establishment_model'),
    genset: jsonb('genset').$type<Record<string, unknown>>().notNull().default({ installed: false }),
    /** Load inventory validated by src/power; null until someone has listed the loads. */
    loadInventory: jsonb('load_inventory').$type<Record<string, unknown>>(),
    targetAutonomyHours: doublePrecision('target_autonomy_hours').notNull().default(72),
    communication: jsonb('communication').$type<Record<string, unknown>[]>().notNull().default([]),
    localFunctions: jsonb('local_functions').$type<Record<string, unknown>[]>().notNull().default([]),
    /** `{ text, documentRef, lastReviewed }` */
    activation: jsonb('activation').$type<Record<string, unknown>>(),
    fuelMaxDistanceM: integer('fuel_max_distance_m').notNull().default(300),
    minMembers: integer('min_members').notNull().default(3),
    /** `{ monthlyHours, yearlyFullLoadHours }` (MSB guidance 4 h / month, 12 h full load / year). */
    testSchedule: jsonb('test_schedule')
      .$type<Record<string, unknown>>()
      .notNull()
      .default({ monthlyHours: 4, yearlyFullLoadHours: 12 }),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sot_points_municipality_idx').on(t.municipalityCode)],
);

/** Operator users (store owner, FRG leader) assigned to a SOT-punkt: they see it and log test runs. */
export const sotPointOperators = pgTable(
  'sot_point_operators',
  {
    pointId: integer('point_id')
      .notNull()
      .references(() => sotPoints.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.userId] }), index('sot_point_operators_user_idx').on(t.userId)],
);

/** Viewer users (e.g. rescue services) explicitly granted read access to a SOT-punkt. */
export const sotPointGrants = pgTable(
  'sot_point_grants',
  {
    pointId: integer('point_id')
      .notNull()
      .references(() => sotPoints.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.userId] }), index('sot_point_grants_user_idx').on(t.userId)],
);

/** Every lifecycle status change: from, to, the date it took effect, who and why. */
export const sotTransitions = pgTable(
  'sot_transitions',
  {
    id: serial('id').primaryKey(),
    pointId: integer('point_id')
      .notNull()
      .references(() => sotPoints.id, { onDelete: 'cascade' }),
    /** Null for the creation of the point. */
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** Date the change took effect (Stockholm local date). */
    date: date('date', { mode: 'string' }).notNull(),
    note: text('note'),
    userId: integer('user_id'),
    username: text('username'),
    createdAt: createdAt(),
  },
  (t) => [index('sot_transitions_point_idx').on(t.pointId)],
);

/** Applications for and decisions on money for a point (amounts in whole SEK). */
export const sotFinancing = pgTable(
  'sot_financing',
  {
    id: serial('id').primaryKey(),
    pointId: integer('point_id')
      .notNull()
      .references(() => sotPoints.id, { onDelete: 'cascade' }),
    programme: text('programme').notNull(),
    legalBasis: text('legal_basis'),
    applicant: text('applicant'),
    status: text('status').notNull().default('utkast'),
    applicationDate: date('application_date', { mode: 'string' }),
    appliedAmount: bigint('applied_amount', { mode: 'number' }),
    grantedAmount: bigint('granted_amount', { mode: 'number' }),
    decisionDate: date('decision_date', { mode: 'string' }),
    decisionRef: text('decision_ref'),
    totalEligibleCost: bigint('total_eligible_cost', { mode: 'number' }),
    privateCofinancing: bigint('private_cofinancing', { mode: 'number' }),
    publicCofinancing: bigint('public_cofinancing', { mode: 'number' }),
    payoutStatus: text('payout_status').notNull().default('ej_utbetalt'),
    paidAmount: bigint('paid_amount', { mode: 'number' }),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sot_financing_point_idx').on(t.pointId)],
);

/** Agreements of a point: with the store, the operating group, maintenance, fuel supply. */
export const sotAgreements = pgTable(
  'sot_agreements',
  {
    id: serial('id').primaryKey(),
    pointId: integer('point_id')
      .notNull()
      .references(() => sotPoints.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    title: text('title'),
    parties: jsonb('parties').$type<string[]>().notNull().default([]),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    noticeMonths: integer('notice_months').notNull().default(0),
    status: text('status').notNull().default('draft'),
    signedDate: date('signed_date', { mode: 'string' }),
    reminderDays: integer('reminder_days').notNull().default(90),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sot_agreements_point_idx').on(t.pointId)],
);

/** Documents attached to a point (PDF, PNG, JPEG), bytes included. */
export const sotDocuments = pgTable(
  'sot_documents',
  {
    id: serial('id').primaryKey(),
    pointId: integer('point_id')
      .notNull()
      .references(() => sotPoints.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    category: text('category').notNull().default('other'),
    title: text('title'),
    uploadedBy: integer('uploaded_by'),
    uploadedByName: text('uploaded_by_name'),
    uploadedAt: createdAt(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [index('sot_documents_point_idx').on(t.pointId)],
);

/** The formal organisation operating a point (one per point). Contact fields are personal data. */
export const sotOrganisations = pgTable('sot_organisations', {
  pointId: integer('point_id')
    .primaryKey()
    .references(() => sotPoints.id, { onDelete: 'cascade' }),
  type: text('type').notNull(),
  name: text('name').notNull(),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  contactEmail: text('contact_email'),
  note: text('note'),
  updatedAt: updatedAt(),
});

/**
 * Members of a point's organisation: personal data, readable only by the point's municipality,
 * its operators and admins, and deleted for real (no soft delete) when a member leaves.
 */
export const sotMembers = pgTable(
  'sot_members',
  {
    id: serial('id').primaryKey(),
    pointId: integer('point_id')
      .notNull()
      .references(() => sotPoints.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    roles: jsonb('roles').$type<string[]>().notNull().default([]),
    competences: jsonb('competences').$type<string[]>().notNull().default([]),
    /** Contact tree: the member who calls this one; null for the first to be called. */
    calledBy: integer('called_by'),
    callOrder: integer('call_order').notNull().default(0),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sot_members_point_idx').on(t.pointId)],
);

/** Training records of members (e.g. FRG basic training), with expiry. */
export const sotTrainings = pgTable(
  'sot_trainings',
  {
    id: serial('id').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => sotMembers.id, { onDelete: 'cascade' }),
    pointId: integer('point_id')
      .notNull()
      .references(() => sotPoints.id, { onDelete: 'cascade' }),
    course: text('course').notNull(),
    title: text('title'),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    provider: text('provider'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('sot_trainings_point_idx').on(t.pointId), index('sot_trainings_member_idx').on(t.memberId)],
);

/** Generator test runs (MSB guidance: ≥ 4 h a month, ≥ 12 h at full load once a year). */
export const sotTestRuns = pgTable(
  'sot_test_runs',
  {
    id: serial('id').primaryKey(),
    pointId: integer('point_id')
      .notNull()
      .references(() => sotPoints.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    durationHours: doublePrecision('duration_hours').notNull(),
    loadPercent: doublePrecision('load_percent'),
    loadKw: doublePrecision('load_kw'),
    fullLoad: boolean('full_load').notNull().default(false),
    fuelUsedLitres: doublePrecision('fuel_used_litres'),
    passed: boolean('passed').notNull(),
    problems: text('problems'),
    userId: integer('user_id'),
    username: text('username'),
    createdAt: createdAt(),
  },
  (t) => [index('sot_test_runs_point_idx').on(t.pointId, t.date)],
);

/** Maintenance of the backup power installation (oil, filters, service, …). */
export const sotMaintenance = pgTable(
  'sot_maintenance',
  {
    id: serial('id').primaryKey(),
    pointId: integer('point_id')
      .notNull()
      .references(() => sotPoints.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    note: text('note'),
    userId: integer('user_id'),
    username: text('username'),
    createdAt: createdAt(),
  },
  (t) => [index('sot_maintenance_point_idx').on(t.pointId, t.date)],
);

// ---------------------------------------------------------------------------------------------
// Accessibility analysis (src/access/): runs over a road graph and the registry, their results per
// population point and service group, and the population-weighted summaries.
// ---------------------------------------------------------------------------------------------

/**
 * One accessibility run with the inputs it came from: the graph (name + content version), the
 * registry snapshot (counts and last changes), the kind groups and the snapping limit. A later
 * difference in any of them makes the run stale (`stale_at`, `stale_reasons`), never silently
 * reused.
 */
export const accessRuns = pgTable(
  'access_runs',
  {
    id: serial('id').primaryKey(),
    graphName: text('graph_name').notNull(),
    /** Hash of the graph file's metadata (changes with every build). */
    graphVersion: text('graph_version').notNull(),
    /** `RegistrySnapshot` (src/shared/access.ts) taken when the run started. */
    registrySnapshot: jsonb('registry_snapshot').$type<Record<string, unknown>>().notNull(),
    /** `[group, kinds][]` in configured order (a jsonb object would not keep the order). */
    kindGroups: jsonb('kind_groups').$type<[string, string[]][]>().notNull(),
    maxSnapMetres: doublePrecision('max_snap_metres').notNull(),
    /** `queued`, `running`, `done`, `failed`, `cancelled`. */
    status: text('status').notNull().default('queued'),
    phase: text('phase'),
    progress: doublePrecision('progress').notNull().default(0),
    /** Set by a cancel request; the instance running the job polls it (several app instances). */
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    /** `AccessRunStats`: counts, unsnapped points and services, timings. */
    stats: jsonb('stats').$type<Record<string, unknown>>(),
    error: text('error'),
    requestedBy: integer('requested_by'),
    requestedByName: text('requested_by_name'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Last sign of life of a running job; a run silent for long was interrupted. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    staleAt: timestamp('stale_at', { withTimezone: true }),
    staleReasons: jsonb('stale_reasons').$type<string[]>(),
  },
  (t) => [index('access_runs_status_idx').on(t.status, t.id)],
);

/** The population points of a run (population cells or places), numbered 0 … n-1 within it. */
export const accessPoints = pgTable(
  'access_points',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => accessRuns.id, { onDelete: 'cascade' }),
    idx: integer('idx').notNull(),
    /** `cell:<grid id>` or `place:<place id>`. */
    ref: text('ref').notNull(),
    type: text('type').notNull(),
    name: text('name'),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    population: integer('population').notNull(),
    /** Seasonal population (the resident figure where none is known). */
    seasonalPopulation: integer('seasonal_population').notNull(),
    municipalityCode: text('municipality_code'),
    /** Off-road metres to the road it was snapped to; null = beyond the snapping limit. */
    snapM: doublePrecision('snap_m'),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.idx] }),
    index('access_points_ref_idx').on(t.runId, t.ref),
    index('access_points_municipality_idx').on(t.runId, t.municipalityCode),
  ],
);

/** Per point and service group: nearest and second-nearest distinct service, bridge dependence. */
export const accessResults = pgTable(
  'access_results',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => accessRuns.id, { onDelete: 'cascade' }),
    kindGroup: text('kind_group').notNull(),
    pointIdx: integer('point_idx').notNull(),
    /** `ok`, `unreachable` (no service of the group reachable), `unsnapped` (point too far from roads). */
    status: text('status').notNull(),
    time1S: doublePrecision('time1_s'),
    dist1M: doublePrecision('dist1_m'),
    /** Service point id of the nearest. */
    nearestId: integer('nearest_id'),
    time2S: doublePrecision('time2_s'),
    dist2M: doublePrecision('dist2_m'),
    secondId: integer('second_id'),
    /** Every route to the nearest crosses one OSM bridge that is a graph bridge. */
    bridgeDependent: boolean('bridge_dependent').notNull().default(false),
    /** Every route to the nearest crosses one road link whose loss cuts the point off. */
    singleLink: boolean('single_link').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.runId, t.kindGroup, t.pointIdx] })],
);

/** Population-weighted summaries per territory and group (`WeightedSummary` JSON, resident and seasonal). */
export const accessSummaries = pgTable(
  'access_summaries',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => accessRuns.id, { onDelete: 'cascade' }),
    /** `municipality` or `county`. */
    level: text('level').notNull(),
    code: text('code').notNull(),
    kindGroup: text('kind_group').notNull(),
    resident: jsonb('resident').$type<Record<string, unknown>>().notNull(),
    seasonal: jsonb('seasonal').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.level, t.code, t.kindGroup] })],
);
/** Tables in dependency order: backup writes them in this order and restore reads them back in it. */
export const allTables = {
  counties,
  municipalities,
  users,
  sessions,
  loginFailures,
  auditLog,
  importBatches,
  places,
  populationCells,
  servicePoints,
  externalRefs,
  servicePointAssignments,
  meta,
  sotPoints,
  sotPointOperators,
  sotPointGrants,
  sotTransitions,
  sotFinancing,
  sotAgreements,
  sotDocuments,
  sotOrganisations,
  sotMembers,
  sotTrainings,
  sotTestRuns,
  sotMaintenance,
  accessRuns,
  accessPoints,
  accessResults,
  accessSummaries,
} as const;
