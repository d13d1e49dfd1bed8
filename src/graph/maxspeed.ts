/**
 * Parses OSM `maxspeed` values into km/h. Anything that is not a usable number (`signals`,
 * `variable`, `none`, unknown zones, garbage) gives `undefined`, so the caller falls back to its
 * class default instead of guessing.
 */

const MPH = 1.609344;
const KNOT = 1.852;

/**
 * Implicit limits by zone (`maxspeed=SE:rural`, also found in `maxspeed:type` and
 * `source:maxspeed`). Sweden first; a few neighbours because border regions appear in extracts.
 * Swedish values per Trafikförordningen: 50 in built-up areas, 70 outside (bashastighet), 110 on
 * motorways, walking pace (≈ 7 km/h) in gångfartsområden.
 */
export const ZONE_SPEEDS: Readonly<Record<string, number>> = {
  'SE:urban': 50,
  'SE:rural': 70,
  'SE:motorway': 110,
  'SE:trunk': 90,
  'SE:living_street': 7,
  'SE:walk': 7,
  'NO:urban': 50,
  'NO:rural': 80,
  'NO:motorway': 110,
  'FI:urban': 50,
  'FI:rural': 80,
  'FI:motorway': 120,
  'DK:urban': 50,
  'DK:rural': 80,
  'DK:motorway': 130,
  'DE:urban': 50,
  'DE:rural': 100,
  'DE:living_street': 7,
  'AD:urban': 50,
  'AD:rural': 90,
};

/** Speeds below this are typos or walking-pace zones expressed oddly; 5 km/h is the floor. */
const MIN_KMH = 5;
const MAX_KMH = 200;

/**
 * One `maxspeed` value in km/h: `50`, `50 km/h`, `30 mph`, `10 knots`, `SE:rural`, `walk`.
 * Semicolon lists (`60;50`) give the lowest parsable value, the conservative reading for travel
 * time. Returns undefined for `none`, `signals`, `variable`, unknown zones and garbage.
 */
export function parseMaxspeed(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let best: number | undefined;
  for (const part of value.split(';')) {
    const v = parseOne(part.trim());
    if (v !== undefined && (best === undefined || v < best)) best = v;
  }
  return best;
}

function parseOne(raw: string): number | undefined {
  if (raw === '') return undefined;
  const zone = ZONE_SPEEDS[raw];
  if (zone !== undefined) return zone;
  if (raw === 'walk') return 7;
  const m = /^(\d+(?:[.,]\d+)?)\s*(km\/h|kmh|kph|mph|knots?)?$/i.exec(raw);
  if (!m) return undefined;
  let kmh = Number(m[1].replace(',', '.'));
  const unit = m[2]?.toLowerCase();
  if (unit === 'mph') kmh *= MPH;
  else if (unit === 'knot' || unit === 'knots') kmh *= KNOT;
  if (!Number.isFinite(kmh) || kmh < MIN_KMH || kmh > MAX_KMH) return undefined;
  return kmh;
}
