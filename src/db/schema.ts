/**
 * Drizzle schema: the single source of truth for tables. Migrations in `drizzle/` are generated
 * from this file with `npm run db:generate` and applied identically to PGlite and PostgreSQL.
 *
 * Geometry is stored as GeoJSON (jsonb) plus WGS 84 lat/lon or bbox columns, not PostGIS: the
 * embedded PGlite build has no PostGIS, and point-in-polygon for a few hundred municipalities is
 * cheap in JS (see src/domain/territory-index.ts).
 */

import {
  bigserial,
  boolean,
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
} as const;
