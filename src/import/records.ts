/**
 * Turns one mapped row (a CSV line or a GeoJSON feature) into a validated service point or place,
 * collecting every problem with its line and field. Validation is the shared zod schema, so an
 * imported row obeys exactly the rules of the API and the web form.
 */
import type { z } from 'zod';
import { KIND_LABELS, SERVICE_POINT_KINDS, type ServiceKind } from '../shared/kinds.js';
import {
  type PlaceCreate,
  placeCreateSchema,
  type ServicePointCreate,
  servicePointCreateSchema,
} from '../shared/service-point.js';
import { inSwerefRange, swerefToWgs84 } from './crs.js';
import { type AttributeField, type ColumnMapping, MAPPING_FIELDS, type MappingField } from './mapping.js';
import type { ImportIssue } from './types.js';
import * as v from './values.js';

/** Where a row came from: a 1-based line (or feature index) or an OSM element. */
export interface Loc {
  line?: number;
  element?: string;
}

interface CandidateBase {
  loc: Loc;
  /** External id in the import's source; null until refs.ts assigns one. */
  ref: string | null;
  /** Fields the input actually supplies; others keep their stored value on update. */
  provided: Set<string>;
  /** Attribute keys the input supplies (merged into stored attributes on update). */
  attributeKeys: Set<string>;
  /** A municipality code written in the file (informational; compared with the derived one). */
  givenMunicipalityCode: string | null;
}

/** A validated service point from the input. */
export interface PointCandidate extends CandidateBase {
  entity: 'service_point';
  data: ServicePointCreate;
}

/** A validated place from the input. */
export interface PlaceCandidate extends CandidateBase {
  entity: 'place';
  data: PlaceCreate;
}

export type Candidate = PointCandidate | PlaceCandidate;

/** One input row with mapped access to its fields. */
export interface RawRecord {
  loc: Loc;
  get(field: MappingField): unknown;
}

/** What the row builder needs to know about the file as a whole. */
export interface BuildContext {
  mapping?: ColumnMapping;
  /** Fields the file has a column/property for. */
  has: (field: MappingField) => boolean;
  crs: 'wgs84' | 'sweref99tm';
  /** Counts rows whose x/y columns held northing/easting the other way round. */
  swapped: { count: number };
}

const GROCERY_ATTRS = new Set<AttributeField>([
  'assortmentArticles',
  'freshGroups',
  'yearRound',
  'fixedPremises',
  'turnoverBand',
  'staffingModel',
  'note',
]);
const FUEL_ATTRS = new Set<AttributeField>(['fuels', 'staffed', 'payment', 'note']);
const GENERIC_ATTRS = new Set<AttributeField>(['note']);

function attrsFor(kind: ServiceKind): Set<AttributeField> {
  if (kind === 'grocery' || kind === 'convenience') return GROCERY_ATTRS;
  if (kind === 'fuel') return FUEL_ATTRS;
  return GENERIC_ATTRS;
}

const ATTRIBUTE_PARSERS: Record<AttributeField, (x: unknown) => v.Parsed<unknown>> = {
  assortmentArticles: v.integer,
  freshGroups: (x) => ({ ok: true, value: v.list(x) }),
  yearRound: v.boolean,
  fixedPremises: v.boolean,
  turnoverBand: (x) => ({ ok: true, value: v.text(x) }),
  staffingModel: (x) => ({ ok: true, value: v.text(x) }),
  fuels: (x) => ({ ok: true, value: v.list(x) }),
  staffed: v.boolean,
  payment: (x) => ({ ok: true, value: v.list(x) }),
  note: (x) => ({ ok: true, value: v.text(x) }),
};

const kindByLabel = new Map<string, ServiceKind>();
for (const k of SERVICE_POINT_KINDS) {
  kindByLabel.set(k, k);
  kindByLabel.set(KIND_LABELS[k].sv.toLowerCase(), k);
  kindByLabel.set(KIND_LABELS[k].en.toLowerCase(), k);
}

/** Kind from the file value: the mapping's kindValues, then SOT kind ids, then Swedish/English labels. */
export function resolveKind(raw: string, mapping?: ColumnMapping): ServiceKind | null {
  const values = mapping?.kindValues;
  if (values) {
    if (values[raw]) return values[raw];
    const lower = raw.toLowerCase();
    for (const [k, kind] of Object.entries(values)) if (k.toLowerCase() === lower) return kind;
  }
  const key = raw.toLowerCase().trim();
  return kindByLabel.get(key) ?? kindByLabel.get(key.replace(/[\s-]+/g, '_')) ?? null;
}

interface Issues {
  list: ImportIssue[];
  error(field: string | undefined, reason: string, code?: v.IssueCode): void;
  warn(field: string | undefined, reason: string, code?: v.IssueCode): void;
}

function issuesAt(loc: Loc, out: ImportIssue[]): Issues {
  const make =
    (severity: 'error' | 'warning') =>
    (field: string | undefined, reason: string, code?: v.IssueCode): void => {
      const issue: ImportIssue = { severity, ...loc, reason };
      if (field) issue.field = field;
      if (code?.code) issue.code = code.code;
      if (code?.params) issue.params = code.params;
      out.push(issue);
    };
  return { list: out, error: make('error'), warn: make('warning') };
}

/**
 * Records an error for every field holding a control character (U+0000 and friends). Checked
 * before anything else so that such a row is a row error naming its line and field (dry run,
 * `skipInvalid`) instead of a database error when the text is written.
 */
function controlCharacters(rec: RawRecord, is: Issues): boolean {
  let found = false;
  for (const field of MAPPING_FIELDS) {
    const hit = v.controlCharacterIssue(rec.get(field));
    if (hit === null) continue;
    is.error(field, hit.reason, hit);
    found = true;
  }
  return found;
}

/** Reads and checks the coordinates of a row; returns null (with errors recorded) when unusable. */
function coordinates(rec: RawRecord, ctx: BuildContext, is: Issues): { lat: number; lon: number } | null {
  const useXY = ctx.crs === 'sweref99tm' && (ctx.has('x') || ctx.has('y'));
  if (ctx.crs === 'sweref99tm') {
    // With crs sweref99tm, lat/lon columns hold northing/easting when no x/y columns exist.
    const xf: MappingField = useXY ? 'x' : 'lon';
    const yf: MappingField = useXY ? 'y' : 'lat';
    const x = v.number(rec.get(xf));
    const y = v.number(rec.get(yf));
    if (!x.ok) is.error(xf, x.reason, x);
    if (!y.ok) is.error(yf, y.reason, y);
    if (!x.ok || !y.ok) return null;
    if (x.value === null || y.value === null) {
      is.error(x.value === null ? xf : yf, 'coordinate is required', { code: 'coordinate_required' });
      return null;
    }
    let e = x.value;
    let n = y.value;
    // Swedish geodetic convention calls the northing X; the ranges never overlap, so swap silently.
    if (!inSwerefRange(e, n) && inSwerefRange(n, e)) {
      [e, n] = [n, e];
      ctx.swapped.count++;
    }
    if (!inSwerefRange(e, n)) {
      is.error(xf, `easting ${e} / northing ${n} is outside SWEREF 99 TM (EPSG:3006) for Sweden`, {
        code: 'sweref_out_of_range',
        params: { easting: e, northing: n },
      });
      return null;
    }
    return swerefToWgs84(e, n);
  }
  const lat = v.number(rec.get('lat'));
  const lon = v.number(rec.get('lon'));
  if (!lat.ok) is.error('lat', lat.reason, lat);
  if (!lon.ok) is.error('lon', lon.reason, lon);
  if (!lat.ok || !lon.ok) return null;
  if (lat.value === null || lon.value === null) {
    is.error(lat.value === null ? 'lat' : 'lon', 'coordinate is required', { code: 'coordinate_required' });
    return null;
  }
  const swapHint = Math.abs(lat.value) > 90 && Math.abs(lon.value) <= 90 ? ' (lat and lon swapped?)' : '';
  if (Math.abs(lat.value) > 90) {
    is.error('lat', `latitude ${lat.value} is outside -90…90${swapHint}`, {
      code: swapHint ? 'lat_out_of_range_swapped' : 'lat_out_of_range',
      params: { value: lat.value },
    });
    return null;
  }
  if (Math.abs(lon.value) > 180) {
    is.error('lon', `longitude ${lon.value} is outside -180…180`, {
      code: 'lon_out_of_range',
      params: { value: lon.value },
    });
    return null;
  }
  // Null Island: an empty coordinate exported as 0. No Swedish row is there, and importing it
  // would place a real service point in the Gulf of Guinea without anyone noticing.
  if (lat.value === 0 && lon.value === 0) {
    is.error('lat', '0, 0 is not a real position (an empty coordinate exported as zero?)', {
      code: 'zero_position',
    });
    return null;
  }
  return { lat: lat.value, lon: lon.value };
}

/** Codes for the common schema failures of text fields; other zod issues keep only their message. */
function zodCode(i: z.core.$ZodIssue): v.IssueCode | undefined {
  if (i.code === 'too_big' && i.origin === 'string')
    return { code: 'value_too_long', params: { max: Number(i.maximum) } };
  if (i.code === 'too_small' && i.origin === 'string' && Number(i.minimum) === 1)
    return { code: 'value_required' };
  return undefined;
}

function zodIssues(error: z.ZodError, is: Issues): void {
  for (const i of error.issues) is.error(i.path.map(String).join('.') || undefined, i.message, zodCode(i));
}

/** Optional text fields: provided when the file has the column. */
function textFields<F extends MappingField>(
  rec: RawRecord,
  ctx: BuildContext,
  fields: F[],
  provided: Set<string>,
): Partial<Record<F, string | null>> {
  const out: Partial<Record<F, string | null>> = {};
  for (const f of fields) {
    if (!ctx.has(f)) continue;
    out[f] = v.text(rec.get(f));
    provided.add(f);
  }
  return out;
}

/** Builds a service point from a row; returns null when the row has errors (recorded in `out`). */
export function buildServicePoint(
  rec: RawRecord,
  ctx: BuildContext,
  out: ImportIssue[],
): PointCandidate | null {
  const before = out.length;
  const is = issuesAt(rec.loc, out);
  if (controlCharacters(rec, is)) return null;
  const provided = new Set<string>(['kind', 'name', 'lat', 'lon']);

  let kind: ServiceKind | null = null;
  const rawKind = v.text(rec.get('kind'));
  if (rawKind === null) {
    kind = ctx.mapping?.defaults?.kind ?? null;
    if (!kind)
      is.error('kind', 'kind is required (map a kind column or set defaults.kind in the mapping)', {
        code: 'kind_required',
      });
  } else {
    kind = resolveKind(rawKind, ctx.mapping);
    if (!kind)
      is.error(
        'kind',
        `unknown kind ${v.show(rawKind)}; expected one of ${SERVICE_POINT_KINDS.join(', ')} ` +
          '(or map the value with kindValues in the mapping file)',
        { code: 'unknown_kind', params: { value: v.clip(rawKind), allowed: SERVICE_POINT_KINDS.join(', ') } },
      );
  }

  const coords = coordinates(rec, ctx, is);
  const texts = textFields(
    rec,
    ctx,
    ['chain', 'operatorName', 'address', 'postcode', 'city', 'openingHours'],
    provided,
  );
  if (texts.chain == null && ctx.mapping?.defaults?.chain) {
    texts.chain = ctx.mapping.defaults.chain;
    provided.add('chain');
  }

  const attributes: Record<string, unknown> = {};
  const attributeKeys = new Set<string>();
  for (const field of Object.keys(ATTRIBUTE_PARSERS) as AttributeField[]) {
    if (!ctx.has(field)) continue;
    const parsed = ATTRIBUTE_PARSERS[field](rec.get(field));
    if (!parsed.ok) {
      is.error(`attributes.${field}`, parsed.reason, parsed);
      continue;
    }
    if (parsed.value === null) continue;
    if (kind && !attrsFor(kind).has(field)) {
      is.warn(`attributes.${field}`, `ignored: kind ${kind} has no attribute ${field}`);
      continue;
    }
    attributes[field] = parsed.value;
    attributeKeys.add(field);
  }

  if (out.length > before && out.slice(before).some((i) => i.severity === 'error')) return null;
  if (!kind || !coords) return null;

  const parsed = servicePointCreateSchema.safeParse({
    kind,
    name: v.text(rec.get('name')) ?? '',
    ...texts,
    lat: coords.lat,
    lon: coords.lon,
    attributes,
    power: { type: 'grid' },
    externalIds: {},
  });
  if (!parsed.success) {
    zodIssues(parsed.error, is);
    return null;
  }
  return {
    entity: 'service_point',
    loc: rec.loc,
    ref: v.text(rec.get('externalId')),
    data: parsed.data,
    provided,
    attributeKeys,
    givenMunicipalityCode: v.municipalityCode(rec.get('municipalityCode')),
  };
}

/** Builds a place from a row; returns null when the row has errors (recorded in `out`). */
export function buildPlace(rec: RawRecord, ctx: BuildContext, out: ImportIssue[]): PlaceCandidate | null {
  const before = out.length;
  const is = issuesAt(rec.loc, out);
  if (controlCharacters(rec, is)) return null;
  const provided = new Set<string>(['name', 'lat', 'lon']);
  const coords = coordinates(rec, ctx, is);
  const population = v.integer(rec.get('population'));
  const seasonal = v.integer(rec.get('seasonalPopulation'));
  if (!population.ok) is.error('population', population.reason, population);
  if (!seasonal.ok) is.error('seasonalPopulation', seasonal.reason, seasonal);
  if (out.slice(before).some((i) => i.severity === 'error') || !coords || !population.ok || !seasonal.ok)
    return null;
  const data: Record<string, unknown> = {
    name: v.text(rec.get('name')) ?? '',
    lat: coords.lat,
    lon: coords.lon,
    externalIds: {},
  };
  const placeType = v.text(rec.get('placeType')) ?? ctx.mapping?.defaults?.placeType;
  if (ctx.has('placeType') || ctx.mapping?.defaults?.placeType) provided.add('placeType');
  data.placeType = placeType ?? 'locality';
  if (ctx.has('population')) {
    data.population = population.value;
    provided.add('population');
  }
  if (ctx.has('seasonalPopulation')) {
    data.seasonalPopulation = seasonal.value;
    provided.add('seasonalPopulation');
  }
  const parsed = placeCreateSchema.safeParse(data);
  if (!parsed.success) {
    zodIssues(parsed.error, is);
    return null;
  }
  return {
    entity: 'place',
    loc: rec.loc,
    ref: v.text(rec.get('externalId')),
    data: parsed.data,
    provided,
    attributeKeys: new Set(),
    givenMunicipalityCode: v.municipalityCode(rec.get('municipalityCode')),
  };
}

/** Report key for a candidate: its kind, or `place:<placeType>`. */
export function kindKey(c: Candidate): string {
  return c.entity === 'service_point' ? c.data.kind : `place:${c.data.placeType}`;
}
