/**
 * Validation for service points and places: one zod schema per shape, used by the API routes,
 * the importers, the CLI and the web forms, so their checks cannot disagree.
 */
import { z } from 'zod';
import { rowVersionSchema } from './ids.js';
import { type ServiceKind, serviceKindSchema } from './kinds.js';

export const latSchema = z.number().min(-90, 'latitude must be ≥ -90').max(90, 'latitude must be ≤ 90');
export const lonSchema = z.number().min(-180, 'longitude must be ≥ -180').max(180, 'longitude must be ≤ 180');

export const FRESH_GROUPS = ['dairy', 'charcuterie', 'eggs', 'bread', 'fruit_vegetables'] as const;
export const TURNOVER_BANDS = ['lt2', '2to5', '5to10', '10to25', 'gt25'] as const;
export const STAFFING_MODELS = ['staffed', 'unstaffed', 'hybrid'] as const;
/** Fuels offered in forms; imports may carry other OSM fuel codes (any lower-case identifier). */
export const FUELS = [
  'petrol_95',
  'petrol_98',
  'diesel',
  'diesel_hgv',
  'hvo100',
  'e85',
  'biogas',
  'electric',
] as const;
/** Payment methods offered in forms; OSM `payment:*` keys are accepted as they are. */
export const PAYMENTS = ['card', 'cash', 'app', 'fuel_card'] as const;

const identifier = z.string().regex(/^[a-z0-9_]{1,40}$/, 'must be a lower-case identifier (a-z, 0-9, _)');

/**
 * Attributes every kind may carry: contact details, a note, whether it is open all year, and
 * where an import found it (`matchedTag`, `otherKinds` when one OSM element fits several kinds).
 */
const commonAttributes = {
  phone: z.string().max(100).optional(),
  website: z.string().max(500).optional(),
  note: z.string().max(2000).optional(),
  yearRound: z.boolean().optional(),
  matchedTag: z.string().max(200).optional(),
  otherKinds: z.array(serviceKindSchema).optional(),
};

/** Grocery attributes: the facts behind minimum-level criterion 1 (assortment, year-round, premises). */
export const groceryAttributesSchema = z
  .object({
    ...commonAttributes,
    assortmentArticles: z.number().int().min(0).max(100_000).optional(),
    freshGroups: z.array(z.enum(FRESH_GROUPS)).optional(),
    fixedPremises: z.boolean().optional(),
    /** Annual turnover band in MSEK: lt2 = under 2 MSEK (the exemption threshold). */
    turnoverBand: z.enum(TURNOVER_BANDS).optional(),
    staffingModel: z.enum(STAFFING_MODELS).optional(),
  })
  .strict();

export const fuelAttributesSchema = z
  .object({
    ...commonAttributes,
    fuels: z.array(identifier).optional(),
    staffed: z.boolean().optional(),
    payment: z.array(identifier).optional(),
    /** No cash accepted: in a long outage with card networks down the station cannot sell. */
    cardOnly: z.boolean().optional(),
  })
  .strict();

/** Kinds without specific attributes accept the common ones (plus payment facts for shops). */
const genericAttributesSchema = z
  .object({
    ...commonAttributes,
    staffed: z.boolean().optional(),
    payment: z.array(identifier).optional(),
    cardOnly: z.boolean().optional(),
  })
  .strict();

export const attributesSchemaByKind: Record<ServiceKind, z.ZodType<Record<string, unknown>>> = {
  grocery: groceryAttributesSchema,
  convenience: groceryAttributesSchema,
  fuel: fuelAttributesSchema,
  pharmacy: genericAttributesSchema,
  pharmacy_agent: genericAttributesSchema,
  parcel_agent: genericAttributesSchema,
  post: genericAttributesSchema,
  atm: genericAttributesSchema,
  cash_service: genericAttributesSchema,
  alcohol_store: genericAttributesSchema,
  alcohol_agent: genericAttributesSchema,
  community_hall: genericAttributesSchema,
  health_centre: genericAttributesSchema,
  rescue_station: genericAttributesSchema,
  school: genericAttributesSchema,
};

export const powerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('grid') }).strict(),
  z
    .object({
      type: z.literal('backup'),
      /** Rated generator power; null/absent when a backup exists but its size is unknown. */
      kva: z.number().positive().max(10_000).nullish(),
      /** Fuel kept on site for the generator, in litres. */
      fuelLitres: z.number().positive().max(1_000_000).nullish(),
      /** Generator fuel, e.g. `diesel` or `hvo100`. */
      fuel: identifier.optional(),
    })
    .strict(),
]);
export type Power = z.infer<typeof powerSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** Everything a client may send when creating a service point; any other key (`opening_hours`) is an error naming it. */
export const servicePointBaseSchema = z.strictObject({
  kind: serviceKindSchema,
  name: z.string().trim().min(1, 'name is required').max(200),
  chain: optionalText(200),
  operatorName: optionalText(200),
  address: optionalText(300),
  postcode: optionalText(20),
  city: optionalText(100),
  lat: latSchema,
  lon: lonSchema,
  attributes: z.record(z.string(), z.unknown()).default({}),
  power: powerSchema.default({ type: 'grid' }),
  openingHours: optionalText(500),
  externalIds: z.record(z.string().min(1), z.string().min(1)).default({}),
});

/** Validates `attributes` against the kind's own schema; issues are reported as `attributes.<field>`. */
function refineAttributes(
  value: { kind?: ServiceKind; attributes?: Record<string, unknown> },
  ctx: z.RefinementCtx,
) {
  if (!value.kind || !value.attributes) return;
  const result = attributesSchemaByKind[value.kind].safeParse(value.attributes);
  if (!result.success) {
    for (const issue of result.error.issues) {
      ctx.addIssue({
        code: 'custom',
        path: ['attributes', ...issue.path.map(String)],
        message:
          issue.code === 'unrecognized_keys'
            ? `attribute(s) ${issue.keys.join(', ')} not allowed for kind ${value.kind}`
            : issue.message,
      });
    }
  }
}

export const servicePointCreateSchema = servicePointBaseSchema.superRefine(refineAttributes);
export type ServicePointCreate = z.infer<typeof servicePointCreateSchema>;

/** A partial update; `version` (optimistic concurrency) must match the stored row. */
export const servicePointUpdateSchema = servicePointBaseSchema
  .partial()
  .extend({ version: rowVersionSchema })
  .superRefine(refineAttributes);
export type ServicePointUpdate = z.infer<typeof servicePointUpdateSchema>;

export const servicePointSchema = z.object({
  id: z.number().int(),
  kind: serviceKindSchema,
  name: z.string(),
  chain: z.string().nullable(),
  operatorName: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  municipalityCode: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  power: z.record(z.string(), z.unknown()),
  openingHours: z.string().nullable(),
  externalIds: z.record(z.string(), z.string()),
  importBatchId: z.number().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServicePoint = z.infer<typeof servicePointSchema>;

export const placeBaseSchema = z.strictObject({
  name: z.string().trim().min(1, 'name is required').max(200),
  placeType: z.string().trim().min(1).max(40).default('locality'),
  population: z.number().int().min(0).max(10_000_000).nullish(),
  seasonalPopulation: z.number().int().min(0).max(10_000_000).nullish(),
  lat: latSchema,
  lon: lonSchema,
  externalIds: z.record(z.string().min(1), z.string().min(1)).default({}),
});
export const placeCreateSchema = placeBaseSchema;
export type PlaceCreate = z.infer<typeof placeCreateSchema>;
export const placeUpdateSchema = placeBaseSchema.partial().extend({ version: rowVersionSchema });
export type PlaceUpdate = z.infer<typeof placeUpdateSchema>;

export const placeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  placeType: z.string(),
  population: z.number().nullable(),
  seasonalPopulation: z.number().nullable(),
  lat: z.number(),
  lon: z.number(),
  municipalityCode: z.string().nullable(),
  externalIds: z.record(z.string(), z.string()),
  importBatchId: z.number().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Place = z.infer<typeof placeSchema>;

/** Comma-separated list in a query string → array. */
const csv = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item));

/** `minLon,minLat,maxLon,maxLat` */
export const bboxSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => Number(s)) : v),
  z
    .tuple([lonSchema, latSchema, lonSchema, latSchema])
    .refine((b) => b[0] <= b[2] && b[1] <= b[3], 'bbox must be minLon,minLat,maxLon,maxLat'),
);

/** Filters shared by the list API, the exports and the web table. */
export const registryFilterSchema = z.object({
  bbox: bboxSchema.optional(),
  kinds: csv(serviceKindSchema).optional(),
  municipality: z
    .string()
    .regex(/^\d{4}$/, 'municipality must be a 4-digit code')
    .optional(),
  county: z
    .string()
    .regex(/^\d{2}$/, 'county must be a 2-digit code')
    .optional(),
  q: z.string().trim().max(200).optional(),
});
export type RegistryFilter = z.infer<typeof registryFilterSchema>;

export const SORT_FIELDS = ['name', 'kind', 'municipalityCode', 'updatedAt', 'id', 'population'] as const;

export const listQuerySchema = registryFilterSchema.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(10_000).default(100),
  sort: z.enum(SORT_FIELDS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  format: z.enum(['json', 'geojson']).default('json'),
});
export type ListQuery = z.infer<typeof listQuerySchema>;
