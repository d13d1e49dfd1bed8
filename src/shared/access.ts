/**
 * Accessibility analysis: configuration and API shapes shared by server, CLI and web. Imports
 * only zod, the kind list and the (zod-only) SOT status list, so the web bundle can use it.
 *
 * Units: times in seconds, distances in metres, shares as fractions 0 … 1, "people" as
 * population-weighted counts.
 */
import { z } from 'zod';
import { SOT_STATUSES, type SotStatus, sotStatusSchema } from '../sot/schemas.js';
import { type ServiceKind, serviceKindSchema } from './kinds.js';

/** Thresholds of the "share within N minutes" figures. */
export const ACCESS_THRESHOLDS_MIN = [5, 10, 20, 30, 45, 60] as const;

/**
 * Tillväxtanalys' bands: (0, 5], (5, 10], (10, 30] and over 30 minutes. Upper limits are
 * inclusive so the bands agree with "within 5/10/30 minutes"; the last band also holds the
 * residents no route reaches and those too far from any road (they are counted on their own as
 * well), so the four bands sum to everyone.
 */
export const ACCESS_BANDS = ['lt5', 'm5to10', 'm10to30', 'gt30'] as const;
export type AccessBand = (typeof ACCESS_BANDS)[number];

/** Minutes covered by the per-minute distribution (`minutes[i]` = people at i … i+1 min). */
export const ACCESS_HISTOGRAM_MINUTES = 120;

export const groupKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,31}$/, 'group names are lower-case letters, digits and _ (max 32)');

/**
 * The group of SOT-punkter: its sources are the SOT-punkter whose status is in the configured set
 * (`sotStatuses`), at their store's position. The key is reserved: no kind group may use it. In a
 * run's groups its "members" are those statuses, not service kinds.
 */
export const SOT_GROUP = 'sot';

/** Service-kind groups: each group's members count as one service ("cash" = ATM or cash service). */
export const kindGroupsSchema = z
  .record(groupKeySchema, z.array(serviceKindSchema).min(1, 'a group needs at least one kind'))
  .refine((g) => Object.keys(g).length > 0, 'at least one group is needed')
  .refine((g) => Object.keys(g).length <= 20, 'at most 20 groups')
  .superRefine((g, ctx) => {
    if (SOT_GROUP in g)
      ctx.addIssue({
        code: 'custom',
        path: [SOT_GROUP],
        message: `"${SOT_GROUP}" is reserved for the SOT-punkter group (choose its statuses with sotStatuses)`,
      });
  });
export type KindGroups = Record<string, ServiceKind[]>;

/**
 * The default groups. Grocery is `grocery` only: a convenience store or kiosk is not a full
 * grocery store in the sense of Tillväxtanalys and PIPOS (add a group with `convenience` to
 * count it).
 */
export const DEFAULT_KIND_GROUPS: KindGroups = {
  grocery: ['grocery'],
  fuel: ['fuel'],
  pharmacy: ['pharmacy', 'pharmacy_agent'],
  cash: ['atm', 'cash_service'],
  parcel: ['parcel_agent', 'post'],
};

/** Names of the default groups (a configured group without one is shown by its key and kinds). */
export const ACCESS_GROUP_LABELS: Record<string, { sv: string; en: string }> = {
  grocery: { sv: 'Dagligvaror', en: 'Groceries' },
  fuel: { sv: 'Drivmedel', en: 'Fuel' },
  pharmacy: { sv: 'Apotek', en: 'Pharmacy' },
  cash: { sv: 'Kontanter', en: 'Cash' },
  parcel: { sv: 'Paket och post', en: 'Parcels and post' },
  [SOT_GROUP]: { sv: 'SOT-punkt', en: 'SOT point' },
};

/**
 * SOT-punkter that count as sources by default: only those in operation. A county planning ahead
 * may add e.g. `beviljad`; an empty set means no `sot` group.
 */
export const DEFAULT_SOT_STATUSES: SotStatus[] = ['i_drift'];

export const sotStatusesSchema = z
  .array(sotStatusSchema)
  .max(SOT_STATUSES.length)
  .refine((list) => new Set(list).size === list.length, 'each status at most once');

/** Graph names as stored under `<SOT_DATA_DIR>/graphs/<name>.sotgraph`. */
export const graphNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'graph names are letters, digits, . _ - (max 100)');

/** Stored in `meta` under `access_config`; edited with PUT /api/access/config or `sot access config`. */
export const accessConfigSchema = z.object({
  groups: kindGroupsSchema,
  /** Graph analyses use when none is named; null = the most recently built graph. */
  graph: graphNameSchema.nullable(),
  /** Points further than this from every road are reported as unsnapped. */
  maxSnapMetres: z.number().positive().max(50_000),
  /** Statuses of the SOT-punkter the `sot` group counts; empty = no `sot` group. */
  sotStatuses: sotStatusesSchema,
});
export type AccessConfig = z.infer<typeof accessConfigSchema>;

export const DEFAULT_ACCESS_CONFIG: AccessConfig = {
  groups: DEFAULT_KIND_GROUPS,
  graph: null,
  maxSnapMetres: 5000,
  sotStatuses: DEFAULT_SOT_STATUSES,
};

export const ACCESS_RUN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const accessRunStatusSchema = z.enum(ACCESS_RUN_STATUSES);
export type AccessRunStatus = z.infer<typeof accessRunStatusSchema>;

/** Where the population of a municipality came from (see src/access/README.md). */
export const populationSourceSchema = z.enum(['cells', 'places', 'osm_places']);

const countsSchema = z.object({ count: z.number().int(), maxUpdatedAt: z.string().nullable() });

/** What the registry looked like when a run started: a later difference makes the run stale. */
export const registrySnapshotSchema = z.object({
  servicePoints: countsSchema,
  places: countsSchema,
  /**
   * All SOT-punkter. Absent in snapshots stored before SOT-punkter were analysed (such a run
   * counts as changed), and in the run as shown to readers who may not see the `sot` group.
   */
  sotPoints: countsSchema.optional(),
  populationCells: z.object({
    count: z.number().int(),
    population: z.number(),
    maxBatchId: z.number().int().nullable(),
  }),
  boundariesVersion: z.number().int(),
});
export type RegistrySnapshot = z.infer<typeof registrySnapshotSchema>;

export const accessRunStatsSchema = z.object({
  points: z.number().int(),
  unsnappedPoints: z.number().int(),
  /** Up to 100 unsnapped population points: ref, name, position, people. */
  unsnappedSample: z.array(
    z.object({
      ref: z.string(),
      name: z.string().nullable(),
      lat: z.number(),
      lon: z.number(),
      population: z.number(),
    }),
  ),
  populationSources: z.record(z.string(), populationSourceSchema),
  services: z.record(
    z.string(),
    z.object({
      total: z.number().int(),
      unsnapped: z.number().int(),
      /** Up to 20 unsnapped service point ids (SOT-punkt ids in the `sot` group). */
      unsnappedIds: z.array(z.number().int()),
      /** `sot` group only: SOT-punkter skipped because their store was deleted from the registry. */
      withoutStore: z.number().int().optional(),
      /** Up to 20 of their ids (those the reader may read). */
      withoutStoreIds: z.array(z.number().int()).optional(),
    }),
  ),
  computeMs: z.number(),
  totalMs: z.number(),
});
export type AccessRunStats = z.infer<typeof accessRunStatsSchema>;

export const accessRunSchema = z.object({
  id: z.number().int(),
  status: accessRunStatusSchema,
  phase: z.string().nullable(),
  /** 0 … 1 */
  progress: z.number(),
  graph: z.object({ name: z.string(), version: z.string() }),
  /** Group → its kinds; for the `sot` group, the SOT statuses it counted. */
  groups: z.record(z.string(), z.array(z.string())),
  maxSnapMetres: z.number(),
  snapshot: registrySnapshotSchema,
  stats: accessRunStatsSchema.nullable(),
  error: z.string().nullable(),
  requestedBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** True when the graph or the registry changed since the run (its results are not current). */
  stale: z.boolean(),
  staleReasons: z.array(z.string()),
});
export type AccessRunView = z.infer<typeof accessRunSchema>;

const peopleShare = z.object({ people: z.number(), share: z.number().nullable() });

/** Population-weighted figures for one territory and group. */
export const weightedSummarySchema = z.object({
  /** Total weight (people) of the points, reached or not. */
  population: z.number(),
  points: z.number().int(),
  /** Share within 5/10/20/30/45/60 minutes (keys are minutes). */
  within: z.record(z.string(), z.number().nullable()),
  /** Tillväxtanalys bands (see ACCESS_BANDS); shares of everyone. */
  bands: z.record(z.string(), z.number().nullable()),
  /** Weighted median and 90th percentile of the time to the nearest, minutes; null when the
   * percentile falls among residents with no route. */
  medianMin: z.number().nullable(),
  p90Min: z.number().nullable(),
  /** Mean over the residents with a route, minutes. */
  meanMin: z.number().nullable(),
  noSecondWithin30: peopleShare,
  /** Every route to the nearest crosses one bridge (OSM bridge that is a graph bridge). */
  bridgeDependent: peopleShare,
  /** Every route to the nearest crosses one road link (any edge whose removal cuts them off). */
  singleLinkDependent: peopleShare,
  unreachable: peopleShare,
  unsnapped: peopleShare,
  /** People per whole minute 0 … 119 to the nearest; `beyond` = 120 min or more. */
  minutes: z.array(z.number()),
  beyond: z.number(),
});
export type WeightedSummary = z.infer<typeof weightedSummarySchema>;

export const accessSummaryRowSchema = z.object({
  level: z.enum(['municipality', 'county']),
  code: z.string(),
  name: z.string().nullable(),
  group: z.string(),
  /** Weighted by resident population. */
  resident: weightedSummarySchema,
  /** Weighted by seasonal population (resident where no seasonal figure is known). */
  seasonal: weightedSummarySchema,
});
export type AccessSummaryRow = z.infer<typeof accessSummaryRowSchema>;

export const accessSummaryResponseSchema = z.object({
  run: accessRunSchema.nullable(),
  rows: z.array(accessSummaryRowSchema),
});

/** One service as seen from a population point. */
export const reachedServiceSchema = z.object({
  /** Service point id (SOT-punkt id in the `sot` group); null when hidden. */
  id: z.number().int().nullable(),
  /** Null when the service point was deleted after the run, or hidden. */
  name: z.string().nullable(),
  kind: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  timeS: z.number(),
  distM: z.number(),
  /**
   * A SOT-punkt the reader may not read (e.g. in another municipality): the time and distance are
   * shown, which point it is (id, name, kind, position) is not.
   */
  hidden: z.boolean(),
});

export const accessPointStatusSchema = z.enum(['ok', 'unreachable', 'unsnapped']);

/** Properties of a population point in the results layer (one group). */
export const accessResultSchema = z.object({
  ref: z.string(),
  type: z.enum(['cell', 'place']),
  name: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  population: z.number(),
  seasonalPopulation: z.number(),
  municipalityCode: z.string().nullable(),
  group: z.string(),
  status: accessPointStatusSchema,
  time1S: z.number().nullable(),
  dist1M: z.number().nullable(),
  /** Null when none, or hidden (see `nearestHidden`). */
  nearestId: z.number().int().nullable(),
  nearestName: z.string().nullable(),
  /** The nearest is a SOT-punkt the reader may not read: its id and name are withheld. */
  nearestHidden: z.boolean(),
  time2S: z.number().nullable(),
  dist2M: z.number().nullable(),
  secondId: z.number().int().nullable(),
  secondName: z.string().nullable(),
  secondHidden: z.boolean(),
  bridgeDependent: z.boolean(),
  singleLinkDependent: z.boolean(),
});
export type AccessResult = z.infer<typeof accessResultSchema>;

export const accessResultsResponseSchema = z.object({
  run: accessRunSchema.nullable(),
  group: z.string(),
  items: z.array(accessResultSchema),
  /** True when `limit` cut the list. */
  truncated: z.boolean(),
});

export const accessResultsGeoJsonSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: accessResultSchema,
    }),
  ),
  run: accessRunSchema.nullable(),
  group: z.string(),
  truncated: z.boolean(),
});

/** GET /api/access/points/:ref: one population point and its services per group. */
export const pointAccessSchema = z.object({
  run: accessRunSchema.nullable(),
  point: z.object({
    ref: z.string(),
    type: z.enum(['cell', 'place']),
    name: z.string().nullable(),
    lat: z.number(),
    lon: z.number(),
    population: z.number().nullable(),
    seasonalPopulation: z.number().nullable(),
    municipalityCode: z.string().nullable(),
    /** Off-road distance to the road it was snapped to; null when unsnapped or not in the run. */
    snapM: z.number().nullable(),
  }),
  groups: z.array(
    z.object({
      group: z.string(),
      kinds: z.array(z.string()),
      status: accessPointStatusSchema,
      nearest: reachedServiceSchema.nullable(),
      second: reachedServiceSchema.nullable(),
      bridgeDependent: z.boolean(),
      singleLinkDependent: z.boolean(),
    }),
  ),
});
export type PointAccess = z.infer<typeof pointAccessSchema>;
