/**
 * Column-mapping files and the default column names. A mapping file (JSON) says which CSV column
 * or GeoJSON property holds which field; without one, common Swedish and English names are
 * recognised case-insensitively (`lat`/`latitude`, `namn`, `kedja`, `E`/`N`, …).
 */
import fs from 'node:fs';
import { z } from 'zod';
import { AppError, type ErrorDetail, ErrorIds } from '../errors.js';
import { serviceKindSchema } from '../shared/kinds.js';

/** Attribute fields a column may feed (see src/shared/service-point.ts for their meaning). */
export const ATTRIBUTE_FIELDS = [
  'assortmentArticles',
  'freshGroups',
  'yearRound',
  'fixedPremises',
  'turnoverBand',
  'staffingModel',
  'fuels',
  'staffed',
  'payment',
  'note',
] as const;
export type AttributeField = (typeof ATTRIBUTE_FIELDS)[number];

/** Every field a column can be mapped to. `x`/`y` are SWEREF 99 TM easting/northing. */
export const MAPPING_FIELDS = [
  'externalId',
  'kind',
  'name',
  'chain',
  'operatorName',
  'address',
  'postcode',
  'city',
  'lat',
  'lon',
  'x',
  'y',
  'openingHours',
  'municipalityCode',
  'placeType',
  'population',
  'seasonalPopulation',
  'code',
  'countyCode',
  ...ATTRIBUTE_FIELDS,
] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];

const columnsShape = Object.fromEntries(
  MAPPING_FIELDS.map((f) => [f, z.string().min(1, 'column name must not be empty').optional()]),
) as Record<MappingField, z.ZodOptional<z.ZodString>>;

/** The mapping file format (JSON). Unknown keys are errors, so typos do not pass silently. */
export const columnMappingSchema = z
  .object({
    /** External-id namespace for this data (e.g. `se-poi`); keeps re-imports idempotent. */
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._:-]{0,39}$/i, 'use letters, digits, . _ : - (max 40 characters)')
      .optional(),
    /** CSV delimiter; sniffed from the header when absent. */
    delimiter: z.enum([',', ';', '\t', 'tab', '|']).optional(),
    /** Coordinate system of lat/lon or x/y columns; `sweref99tm` is EPSG:3006. */
    crs: z.enum(['wgs84', 'sweref99tm']).optional(),
    columns: z.object(columnsShape).strict().optional(),
    /** Values of the kind column → SOT kinds, e.g. `{ "Livsmedel": "grocery" }` (case-insensitive). */
    kindValues: z.record(z.string(), serviceKindSchema).optional(),
    defaults: z
      .object({
        kind: serviceKindSchema.optional(),
        placeType: z.string().trim().min(1).max(40).optional(),
        chain: z.string().trim().min(1).max(200).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** Parses mapping JSON; every problem names the key, e.g. `columns.latt: unknown key`. */
export function parseMapping(text: string, name = 'mapping'): ColumnMapping {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new AppError(
      ErrorIds.importFormat,
      400,
      `The mapping file ${name} is not valid JSON: ${(err as Error).message}`,
      [{ field: 'mapping', reason: (err as Error).message }],
    );
  }
  const parsed = columnMappingSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const details: ErrorDetail[] = [];
  for (const issue of parsed.error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = base ? `${base}.${key}` : key;
        const hint =
          base === 'columns' ? `; known fields: ${MAPPING_FIELDS.join(', ')}` : '; see docs for the format';
        details.push({ field, reason: `unknown key${hint}` });
      }
    } else {
      details.push({ field: base || '(root)', reason: issue.message });
    }
  }
  const first = details[0];
  throw new AppError(
    ErrorIds.importFormat,
    400,
    `The mapping file ${name} is invalid: ${first.field}: ${first.reason}`,
    details,
  );
}

/** Reads and validates a mapping file (JSON). */
export function parseMappingFile(path: string): ColumnMapping {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch {
    throw new AppError(ErrorIds.fileNotFound, 404, `Mapping file not found: ${path}`, [
      { field: 'mapping', reason: 'no such file' },
    ]);
  }
  return parseMapping(text, path);
}

/** What the columns of a file are used for. */
export type ColumnRole = 'service_points' | 'places' | 'boundaries';

/** Lowercase, letters and digits only: `Source Ref`, `source_ref` and `sourceRef` all match. */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Default column names per field (normalised), in priority order. */
const COMMON_SYNONYMS: Partial<Record<MappingField, string[]>> = {
  name: ['name', 'namn', 'benamning', 'benämning'],
  chain: ['chain', 'kedja', 'brand', 'varumarke', 'varumärke'],
  operatorName: ['operatorname', 'operator', 'operatör', 'driftansvarig'],
  address: ['address', 'adress', 'gatuadress', 'street'],
  postcode: ['postcode', 'postnummer', 'postnr', 'postalcode', 'zip', 'zipcode'],
  city: ['city', 'ort', 'postort', 'town'],
  lat: ['lat', 'latitude', 'latitud', 'wgs84lat'],
  lon: ['lon', 'lng', 'long', 'longitude', 'longitud', 'wgs84lon'],
  x: ['x', 'e', 'easting', 'east', 'sweref99e', 'swerefe', 'ekoordinat'],
  y: ['y', 'n', 'northing', 'north', 'sweref99n', 'swerefn', 'nkoordinat'],
  openingHours: ['openinghours', 'oppettider', 'öppettider'],
  municipalityCode: ['municipalitycode', 'kommunkod', 'kommunid', 'kncode'],
  population: ['population', 'befolkning', 'invanare', 'invånare', 'folkmangd', 'folkmängd'],
  seasonalPopulation: ['seasonalpopulation', 'sasongsbefolkning', 'säsongsbefolkning', 'peakpopulation'],
  assortmentArticles: ['assortmentarticles', 'articles', 'antalartiklar', 'sortiment'],
  freshGroups: ['freshgroups', 'farskvaror', 'färskvaror'],
  yearRound: ['yearround', 'helarsoppet', 'helårsöppet', 'arsrunt', 'åretrunt'],
  fixedPremises: ['fixedpremises', 'fastlokal'],
  turnoverBand: ['turnoverband', 'omsattning', 'omsättning'],
  staffingModel: ['staffingmodel', 'bemanningsmodell'],
  fuels: ['fuels', 'drivmedel'],
  staffed: ['staffed', 'bemannad'],
  payment: ['payment', 'betalning', 'betalsatt', 'betalsätt'],
  note: ['note', 'notering', 'anteckning'],
};

const ROLE_SYNONYMS: Record<ColumnRole, Partial<Record<MappingField, string[]>>> = {
  service_points: {
    externalId: ['sourceref', 'externalid', 'extid', 'id', 'ref'],
    kind: ['kind', 'typ', 'type', 'category', 'kategori', 'tjanst', 'tjänst'],
  },
  places: {
    externalId: ['sourceref', 'externalid', 'extid', 'id', 'ref'],
    placeType: ['placetype', 'place', 'type', 'typ', 'ortstyp'],
  },
  boundaries: {
    code: ['code', 'id', 'kod', 'kommunkod', 'lankod', 'länkod', 'lid', 'kncode'],
    name: ['name', 'namn', 'komnamn', 'kommunnamn', 'lannamn', 'länsnamn', 'knnamn'],
    countyCode: ['countycode', 'lancode', 'lankod', 'länkod', 'lan', 'län', 'county'],
  },
};

function duplicateError(message: string, field: string): AppError {
  return new AppError(ErrorIds.importFormat, 400, message, [{ field, reason: message }]);
}

/**
 * Refuses a header in which two columns would feed the same field: the same name twice (also as
 * `lat` and `Lat`, which normalise alike) or, outside boundary files, two names of one field
 * (`lat` and `latitude`). Reading either silently would store the other column's values nowhere,
 * or worse, the wrong ones. Columns and fields a mapping names explicitly are not ambiguous.
 */
function refuseDuplicates(
  header: string[],
  normalised: string[],
  taken: Set<number>,
  mapped: Set<MappingField>,
  synonyms: Partial<Record<MappingField, string[]>>,
  role: ColumnRole,
  what: string,
): void {
  const fieldOf = new Map<string, MappingField>();
  for (const [field, names] of Object.entries(synonyms) as [MappingField, string[]][])
    if (!mapped.has(field)) for (const n of names) if (!fieldOf.has(n)) fieldOf.set(n, field);
  const byField = new Map<MappingField, number[]>();
  const byName = new Map<string, number[]>();
  normalised.forEach((n, i) => {
    if (taken.has(i) || n === '') return;
    byName.set(n, [...(byName.get(n) ?? []), i]);
    const field = fieldOf.get(n);
    if (field) byField.set(field, [...(byField.get(field) ?? []), i]);
  });
  for (const [n, idx] of byName) {
    if (idx.length < 2 || !fieldOf.has(n)) continue;
    const cols = idx.map((i) => `'${header[i]}' (${what} ${i + 1})`).join(' and ');
    throw duplicateError(
      `The ${what} ${cols} have the same name; remove or rename one so it is clear which holds ${fieldOf.get(n)}`,
      fieldOf.get(n) as string,
    );
  }
  // Boundary files legitimately carry several code-like columns (kommunkod, länkod); the
  // priority order picks one of them.
  if (role === 'boundaries') return;
  for (const [field, idx] of byField) {
    if (idx.length < 2) continue;
    const cols = idx.map((i) => `'${header[i]}'`).join(' and ');
    throw duplicateError(
      `The ${what}s ${cols} both look like the ${field} ${what}; rename or remove one, or name the one to use in a mapping file (columns.${field})`,
      field,
    );
  }
}

/**
 * Resolves which header column (index) holds which field. A mapping names columns exactly
 * (case-insensitive); fields it does not name fall back to the default synonyms.
 *
 * @throws AppError `import_format_invalid` when the mapping names a column the file lacks.
 */
export function resolveColumns(
  header: string[],
  mapping: ColumnMapping | undefined,
  role: ColumnRole,
  what = 'column',
): Map<MappingField, number> {
  const normalised = header.map(normaliseHeader);
  const result = new Map<MappingField, number>();
  const explicit = mapping?.columns ?? {};
  const details: ErrorDetail[] = [];
  for (const [field, column] of Object.entries(explicit) as [MappingField, string | undefined][]) {
    if (!column) continue;
    let idx = header.findIndex((h) => h.trim() === column.trim());
    if (idx < 0) idx = normalised.indexOf(normaliseHeader(column));
    if (idx < 0) {
      details.push({
        field: `columns.${field}`,
        reason: `${what} '${column}' not found (the file has: ${header.join(', ')})`,
      });
      continue;
    }
    result.set(field, idx);
  }
  if (details.length > 0) {
    throw new AppError(
      ErrorIds.importFormat,
      400,
      `The mapping names a ${what} the file does not have: ${details[0].field}: ${details[0].reason}`,
      details,
    );
  }
  const taken = new Set(result.values());
  const synonyms = { ...COMMON_SYNONYMS, ...ROLE_SYNONYMS[role] };
  if (role === 'boundaries') {
    // Boundary files only need code/name/county; an `id` must not be read as a service-point id.
    for (const k of Object.keys(synonyms) as MappingField[])
      if (k !== 'code' && k !== 'name' && k !== 'countyCode') delete synonyms[k];
  }
  const mapped = new Set((Object.keys(explicit) as MappingField[]).filter((f) => explicit[f]));
  refuseDuplicates(header, normalised, taken, mapped, synonyms, role, what);
  for (const [field, names] of Object.entries(synonyms) as [MappingField, string[]][]) {
    if (result.has(field) || explicit[field]) continue;
    for (const n of names) {
      const idx = normalised.indexOf(n);
      if (idx >= 0 && !taken.has(idx)) {
        result.set(field, idx);
        taken.add(idx);
        break;
      }
    }
  }
  return result;
}
