/**
 * The choices a municipality makes for the kravspecifikation, each with a default, in a module
 * that imports nothing but zod: the spec builder, the /api/sot/…/spec.{md,pdf} query string and
 * the web form's client-side check all use these rules, so they cannot drift apart.
 */
import { z } from 'zod';

/** Automatic transfer switch, manual switch, or ask bidders to price both. */
export const TRANSFER_SWITCHES = ['automatic', 'manual', 'either'] as const;
export type TransferSwitch = (typeof TRANSFER_SWITCHES)[number];

/** Limits of the numeric options; the options schema and the query schema both read them. */
const NUMBER_LIMITS = {
  minTemperatureC: { min: -60, max: 0, int: true },
  snowDepthM: { min: 0, max: 5, int: false },
  noiseLimitDbAAt7m: { min: 40, max: 100, int: false },
  trainedOperators: { min: 1, max: 50, int: true },
  warrantyMonths: { min: 12, max: 120, int: true },
} as const;

/** `base` (a plain or a coercing number) with the limits of option `key`. */
function limited<T extends z.ZodNumber | z.ZodCoercedNumber>(base: T, key: keyof typeof NUMBER_LIMITS): T {
  const { min, max, int } = NUMBER_LIMITS[key];
  // Every check returns the schema it was called on, so the result has base's own type.
  return (int ? base.int() : base).min(min).max(max) as T;
}

const climateNote = z.string().trim().max(2000);
const reference = z.string().trim().max(100);
const contact = z.string().trim().max(200);
const transferSwitch = z.enum(TRANSFER_SWITCHES);
const isoDate = z.iso.date();

/** Choices the municipality makes for the specification; all have defaults. */
export const requirementSpecOptionsSchema = z.object({
  /** Lowest outdoor temperature the genset must start and run at (°C). */
  minTemperatureC: limited(z.number(), 'minTemperatureC').default(-30),
  /** Largest expected snow depth at the container (m); sockets and intakes go above it. */
  snowDepthM: limited(z.number(), 'snowDepthM').nullish(),
  /** Free-text note on the local climate and site (wind, drifting snow, roof avalanches, flooding). */
  climateNote: climateNote.nullish(),
  transferSwitch: transferSwitch.default('either'),
  /** Highest sound pressure level at 7 m at full load (dB(A)). */
  noiseLimitDbAAt7m: limited(z.number(), 'noiseLimitDbAAt7m').default(65),
  /** People in the operating organisation the supplier trains. */
  trainedOperators: limited(z.number(), 'trainedOperators').default(3),
  warrantyMonths: limited(z.number(), 'warrantyMonths').default(24),
  /** YYYY-MM-DD shown on the document. */
  issuedDate: isoDate.nullish(),
  /** Case number (diarienummer). */
  reference: reference.nullish(),
  /** Contact person shown on the document. */
  contact: contact.nullish(),
});
export type RequirementSpecOptionsInput = z.input<typeof requirementSpecOptionsSchema>;
export type RequirementSpecOptions = z.output<typeof requirementSpecOptionsSchema>;

/** The defaults, as the specification states them when an option is not given. */
export const REQUIREMENT_SPEC_DEFAULTS: RequirementSpecOptions = requirementSpecOptionsSchema.parse({});

/**
 * The same options as query parameters: numbers arrive as text, every option may be left out
 * (the builder then applies the default). Same limits as requirementSpecOptionsSchema.
 */
export const requirementSpecQuerySchema = z.object({
  minTemperatureC: limited(z.coerce.number(), 'minTemperatureC').optional(),
  snowDepthM: limited(z.coerce.number(), 'snowDepthM').optional(),
  climateNote: climateNote.optional(),
  transferSwitch: transferSwitch.optional(),
  noiseLimitDbAAt7m: limited(z.coerce.number(), 'noiseLimitDbAAt7m').optional(),
  trainedOperators: limited(z.coerce.number(), 'trainedOperators').optional(),
  warrantyMonths: limited(z.coerce.number(), 'warrantyMonths').optional(),
  issuedDate: isoDate.optional(),
  reference: reference.optional(),
  contact: contact.optional(),
});
export type RequirementSpecQuery = z.input<typeof requirementSpecQuerySchema>;
