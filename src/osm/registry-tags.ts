/**
 * How OpenStreetMap tags become SOT registry records: which tags make a service point of which
 * kind, which make a place, and how the remaining tags map to attributes (address, fuels,
 * staffing, payment, backup power, population).
 *
 * The kind table is data, exported so documentation and tests use the same rules as the importer.
 * Rules are tried in order and the first match decides the kind; the other matching kinds are
 * kept as `otherKinds` so nothing a mapper said is lost (a supermarket that is also a postal
 * agent stays a `grocery` with `parcel_agent` listed).
 */
import type { OsmTags } from './types.js';

/** Service-point kinds this importer can derive from OSM tags. */
export type OsmServiceKind =
  | 'pharmacy_agent'
  | 'pharmacy'
  | 'grocery'
  | 'fuel'
  | 'convenience'
  | 'parcel_agent'
  | 'post'
  | 'atm'
  | 'cash_service'
  | 'alcohol_store'
  | 'community_hall'
  | 'health_centre'
  | 'rescue_station'
  | 'school';

/** Returns the tag(s) that matched, e.g. `shop=general`, or null. */
type Matcher = (tags: OsmTags) => string | null;

const tag =
  (key: string, ...values: string[]): Matcher =>
  (t) => {
    const v = t[key];
    return v !== undefined && values.includes(v) ? `${key}=${v}` : null;
  };

const anyValueExcept =
  (key: string, ...except: string[]): Matcher =>
  (t) => {
    const v = t[key];
    return v !== undefined && v !== '' && !except.includes(v) ? `${key}=${v}` : null;
  };

const either =
  (...ms: Matcher[]): Matcher =>
  (t) => {
    for (const m of ms) {
      const r = m(t);
      if (r) return r;
    }
    return null;
  };

const both =
  (a: Matcher, b: Matcher): Matcher =>
  (t) => {
    const x = a(t);
    const y = x && b(t);
    return y ? `${x} + ${y}` : null;
  };

export interface KindRule {
  kind: OsmServiceKind;
  /** The condition in OSM notation, for documentation. */
  osm: string;
  /** Why the rule is what it is, where that is not obvious. */
  note?: string;
  match: Matcher;
}

const isPharmacy = either(tag('amenity', 'pharmacy'), tag('healthcare', 'pharmacy'));

/** Tag → kind rules in priority order; the first rule that matches gives the kind. */
export const KIND_RULES: readonly KindRule[] = [
  {
    kind: 'pharmacy_agent',
    osm: '(amenity=pharmacy or healthcare=pharmacy) and (pharmacy:type=agent or dispensing=no)',
    note: 'An apoteksombud hands out medicines but is not a full pharmacy.',
    match: both(isPharmacy, either(tag('pharmacy:type', 'agent'), tag('dispensing', 'no'))),
  },
  { kind: 'pharmacy', osm: 'amenity=pharmacy or healthcare=pharmacy', match: isPharmacy },
  {
    kind: 'grocery',
    osm: 'shop=supermarket|general|grocery|food',
    note:
      'Stores selling a varied food assortment. shop=general is the typical rural country store. ' +
      'Not department_store (food is optional), wholesale (membership only) or greengrocer.',
    match: tag('shop', 'supermarket', 'general', 'grocery', 'food'),
  },
  {
    kind: 'fuel',
    osm: 'amenity=fuel',
    note: 'Before convenience: a station also tagged shop=convenience is a fuel station first.',
    match: tag('amenity', 'fuel'),
  },
  { kind: 'convenience', osm: 'shop=convenience|kiosk', match: tag('shop', 'convenience', 'kiosk') },
  {
    kind: 'parcel_agent',
    osm: 'amenity=parcel_locker, or post_office=post_partner on any element',
    note: 'A post_partner amenity=post_office is an agent in a shop, not a post office.',
    match: either(tag('amenity', 'parcel_locker'), tag('post_office', 'post_partner')),
  },
  { kind: 'post', osm: 'amenity=post_office', match: tag('amenity', 'post_office') },
  { kind: 'atm', osm: 'amenity=atm', match: tag('amenity', 'atm') },
  {
    kind: 'cash_service',
    osm: 'amenity=bank|bureau_de_change',
    match: tag('amenity', 'bank', 'bureau_de_change'),
  },
  { kind: 'alcohol_store', osm: 'shop=alcohol|wine', match: tag('shop', 'alcohol', 'wine') },
  {
    kind: 'community_hall',
    osm: 'amenity=community_centre|village_hall',
    note: 'Village halls are tagged amenity=community_centre + community_centre=village_hall today.',
    match: tag('amenity', 'community_centre', 'village_hall'),
  },
  {
    kind: 'health_centre',
    osm: 'amenity=clinic|doctors|hospital, or any other healthcare=*',
    match: either(
      tag('amenity', 'clinic', 'doctors', 'hospital'),
      anyValueExcept('healthcare', 'pharmacy', 'no'),
    ),
  },
  { kind: 'rescue_station', osm: 'amenity=fire_station', match: tag('amenity', 'fire_station') },
  { kind: 'school', osm: 'amenity=school', match: tag('amenity', 'school') },
];

export interface KindMatch {
  kind: OsmServiceKind;
  /** The tag(s) that decided the kind, e.g. `shop=general`. */
  matchedTag: string;
  /** Further kinds the same element matches, in rule order. */
  otherKinds: OsmServiceKind[];
}

/** The service-point kind for an element's tags, or null if it is not a service point. */
export function classifyServiceTags(tags: OsmTags): KindMatch | null {
  // Every rule needs one of these keys; checking them first keeps the common case (a road,
  // a building) from running all the rules, which matters over the millions of tagged ways in a PBF.
  if (
    tags.amenity === undefined &&
    tags.shop === undefined &&
    tags.healthcare === undefined &&
    tags.post_office === undefined
  ) {
    return null;
  }
  let first: KindMatch | null = null;
  for (const rule of KIND_RULES) {
    const m = rule.match(tags);
    if (!m) continue;
    if (!first) first = { kind: rule.kind, matchedTag: m, otherKinds: [] };
    else if (rule.kind !== first.kind && !first.otherKinds.includes(rule.kind))
      first.otherKinds.push(rule.kind);
  }
  return first;
}

/** `place=*` values imported as places (localities), from city down to a single farm. */
export const PLACE_TYPES: readonly string[] = [
  'city',
  'town',
  'village',
  'hamlet',
  'isolated_dwelling',
  'locality',
  'suburb',
  'neighbourhood',
  'quarter',
  'farm',
];

/** The place type of an element, or null. */
export function placeTypeOf(tags: OsmTags): string | null {
  const p = tags.place;
  return p !== undefined && PLACE_TYPES.includes(p) ? p : null;
}

/**
 * `fuel:<key>=yes` → SOT fuel code. Unlisted `fuel:*=yes` keys are kept under their own
 * lower-cased name so a new fuel does not silently disappear.
 */
export const FUEL_CODES: Readonly<Record<string, string>> = {
  diesel: 'diesel',
  HGV_diesel: 'diesel_hgv',
  GTL_diesel: 'diesel_gtl',
  biodiesel: 'biodiesel',
  hvo100: 'hvo100',
  octane_91: 'petrol_91',
  octane_92: 'petrol_92',
  octane_95: 'petrol_95',
  octane_98: 'petrol_98',
  octane_100: 'petrol_100',
  e10: 'e10',
  e85: 'e85',
  lpg: 'lpg',
  cng: 'cng',
  lng: 'lng',
  biogas: 'biogas',
  hydrogen: 'hydrogen',
  adblue: 'adblue',
};

/** A problem with one tag of an element; the caller adds the element id. */
export interface TagIssue {
  field: string;
  reason: string;
}

/** SOT power situation: `grid` = known to have no backup, `backup` = has a generator. */
export interface OsmPower {
  type: 'grid' | 'backup';
  kva?: number | null;
  fuel?: string;
}

export interface ServiceTagValues {
  name: string | null;
  chain: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  openingHours: string | null;
  attributes: Record<string, unknown>;
  power?: OsmPower;
}

/**
 * Reads the registry fields of a service point from its tags.
 *
 * - `chain` is `brand`, else `operator` (for Swedish stores the brand is the chain: ICA, Coop).
 * - `address` is `addr:street addr:housenumber`; rural Swedish addresses without a street use
 *   `addr:place` instead of `addr:street`.
 * - attributes: `fuels` (from `fuel:*=yes`), `staffed` (`automated=yes` → false; `automated=no`
 *   or `self_service=no` → true; otherwise unknown and left out — `self_service=yes` only means
 *   customers pump themselves), `payment` (`payment:*=yes`), `cardOnly` (`payment:cash=no`),
 *   `yearRound` (from `seasonal`), `phone`, `website`, plus `matchedTag` and `otherKinds`.
 * - power, SOT extension tags (OSM has no standard): `backup_generator=yes|no`,
 *   `backup_generator:kva=<number>`, `backup_generator:fuel=<fuel>`.
 */
export function serviceTagValues(tags: OsmTags, match: KindMatch, issues: TagIssue[]): ServiceTagValues {
  const attributes: Record<string, unknown> = { matchedTag: match.matchedTag };
  if (match.otherKinds.length > 0) attributes.otherKinds = match.otherKinds;

  const fuels: string[] = [];
  const payment: string[] = [];
  for (const key in tags) {
    if (tags[key] !== 'yes') continue;
    if (key.startsWith('fuel:')) {
      const f = key.slice(5);
      fuels.push(FUEL_CODES[f] ?? f.toLowerCase());
    } else if (key.startsWith('payment:')) payment.push(key.slice(8));
  }
  if (fuels.length > 0) attributes.fuels = [...new Set(fuels)].sort();
  if (payment.length > 0) attributes.payment = payment.sort();
  if (tags['payment:cash'] === 'no') attributes.cardOnly = true;
  else if (tags['payment:cash'] === 'yes') attributes.cardOnly = false;

  if (tags.automated === 'yes') attributes.staffed = false;
  else if (tags.automated === 'no' || tags.self_service === 'no') attributes.staffed = true;

  if (tags.seasonal === 'no') attributes.yearRound = true;
  else if (tags.seasonal !== undefined) attributes.yearRound = false;

  const phone = tags.phone ?? tags['contact:phone'];
  if (phone) attributes.phone = phone;
  const website = tags.website ?? tags['contact:website'];
  if (website) attributes.website = website;

  const street = tags['addr:street'] ?? tags['addr:place'];
  const number = tags['addr:housenumber'];
  return {
    name: tags.name ?? null,
    chain: tags.brand ?? tags.operator ?? null,
    address: street ? (number ? `${street} ${number}` : street) : null,
    postcode: tags['addr:postcode'] ?? null,
    city: tags['addr:city'] ?? null,
    openingHours: tags.opening_hours ?? null,
    attributes,
    power: powerFromTags(tags, issues),
  };
}

function powerFromTags(tags: OsmTags, issues: TagIssue[]): OsmPower | undefined {
  const backup = tags.backup_generator;
  if (backup === 'no') return { type: 'grid' };
  if (backup !== 'yes') return undefined;
  const power: OsmPower = { type: 'backup', kva: null };
  const rawKva = tags['backup_generator:kva'];
  if (rawKva !== undefined) {
    const m = /^\s*(\d+(?:[.,]\d+)?)\s*(?:kva)?\s*$/i.exec(rawKva);
    if (m) power.kva = Number(m[1].replace(',', '.'));
    else issues.push({ field: 'backup_generator:kva', reason: `not a number of kVA: "${rawKva}"` });
  }
  const fuel = tags['backup_generator:fuel'];
  if (fuel) power.fuel = fuel;
  return power;
}

/**
 * Parses a whole number as mappers write it: `1234`, `1 234` (also with no-break or thin
 * spaces), `1,234` or `1.234` with thousands groups. Anything else (`ca 300`, `1.5k`, `-3`)
 * is null, so the caller can report it instead of guessing.
 */
export function parseOsmInteger(raw: string): number | null {
  const s = raw.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^\d{1,3}([ ,.\u00a0\u202f\u2009])\d{3}(?:\1\d{3})*$/.exec(s);
  return m ? Number(s.replace(/\D/g, '')) : null;
}

export interface PlaceTagValues {
  name: string | null;
  population: number | null;
  seasonalPopulation: number | null;
}

/**
 * Reads a place's name and populations. `population:seasonal` is SOT's documented extension tag
 * for the seasonal peak (ski resorts, summer-cottage areas). Unparsable values become null and
 * an issue; the place itself is kept.
 */
export function placeTagValues(tags: OsmTags, issues: TagIssue[]): PlaceTagValues {
  const pop = (field: string): number | null => {
    const raw = tags[field];
    if (raw === undefined) return null;
    const n = parseOsmInteger(raw);
    if (n === null) issues.push({ field, reason: `not a whole number: "${raw}"` });
    return n;
  };
  return {
    name: tags.name ?? null,
    population: pop('population'),
    seasonalPopulation: pop('population:seasonal'),
  };
}
