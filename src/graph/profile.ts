/**
 * The car profile: which OSM ways a car may use, in which directions, and how fast. Pure
 * functions of a way's tags, so the rules can be tested tag by tag and are stored with every
 * graph (its metadata names the profile and options it was built with).
 *
 * ## Travel speeds
 *
 * Speeds are expected travel speeds, not limits: junctions, curves and traffic keep the average
 * below the sign. When `maxspeed` is tagged (or implied by `maxspeed:type`/`source:maxspeed`
 * zones such as `SE:rural`) the speed is `maxspeed × maxspeedFactor` (default 0.9), capped on
 * unpaved surfaces at the class's unpaved speed. Otherwise the Swedish default table applies
 * (km/h; unpaved = `surface` gravel, fine_gravel, compacted, dirt, earth, ground, grass, sand,
 * unpaved, pebblestone, mud, or `tracktype` grade2–5):
 *
 * | class | paved | unpaved | why |
 * |---|---|---|---|
 * | motorway | 110 | 110 | limit 110–120 |
 * | motorway_link | 60 | 60 | ramps |
 * | trunk | 90 | 70 | national roads, often 2+1 at 100 |
 * | trunk_link | 50 | 40 | |
 * | primary | 80 | 60 | limit 80–90 outside towns |
 * | primary_link | 45 | 35 | |
 * | secondary | 70 | 55 | county roads, bashastighet 70 |
 * | secondary_link | 40 | 30 | |
 * | tertiary | 60 | 50 | |
 * | tertiary_link | 35 | 30 | |
 * | unclassified | 50 | 40 | minor rural roads, many of them gravel |
 * | residential | 35 | 30 | limit 30–50 in built-up areas |
 * | living_street | 7 | 7 | gångfart |
 * | service | 20 | 15 | driveways, yards, parking access |
 * | track | 20 | 15 | forest roads (only when tracks are included) |
 * | road | 30 | 25 | unknown classification |
 *
 * ## Access
 *
 * The most specific of `motorcar`, `motor_vehicle`, `vehicle`, `access` decides. `no` and
 * `private` exclude the way (private roads can be included by option), as do `agricultural`,
 * `forestry`, `emergency`, `psv`, `bus`, `military`; `destination`, `delivery`, `customers` and
 * everything else allow it: residents reach a shop by a destination-only road. Areas
 * (`area=yes`), `impassable=yes` and anything not in the class table (construction, proposed,
 * paths) are never drivable. Tracks are excluded unless `includeTracks`.
 *
 * ## Direction
 *
 * `oneway` (or the more specific `oneway:motor_vehicle`, `oneway:motorcar`): `yes`/`1`/`true`
 * forward only, `-1`/`reverse` backward only, `no`/`false`/`0` both. `junction=roundabout` or
 * `circular`, `highway=motorway` and `motorway_link` imply `oneway=yes` unless tagged otherwise.
 * `reversible` and `alternating` count as two-way: the road is open in both directions part of
 * the time, and accessibility is about whether a place can be reached at all.
 *
 * ## Ferries
 *
 * `route=ferry` ways, unless the access tags above exclude cars. Travel time is
 * `ferryBoardingSeconds` (default 600 s: waiting and boarding) plus the crossing: the `duration`
 * tag (`HH:MM`, `HH:MM:SS`, minutes, or ISO 8601) when present, else the length at
 * `ferrySpeedKmh` (default 15 km/h, a typical Swedish vägfärja).
 */
import { EdgeFlag, ROAD_CLASS_CODE, type RoadClass } from './attributes.js';
import { parseDuration } from './duration.js';
import { parseMaxspeed, ZONE_SPEEDS } from './maxspeed.js';

/** Options of the car profile; all optional, the defaults are the documented ones. */
export interface CarProfileOptions {
  /** Include `highway=track` (forest and farm roads). Default false. */
  includeTracks?: boolean;
  /** Include ways with `access=private` (or motor_vehicle/motorcar private). Default false. */
  includePrivate?: boolean;
  /** Multiplier from a tagged `maxspeed` to the expected travel speed. Default 0.9. */
  maxspeedFactor?: number;
  /** Ferry speed when no `duration` is tagged, km/h. Default 15. */
  ferrySpeedKmh?: number;
  /** Added to every ferry crossing, seconds. Default 600. */
  ferryBoardingSeconds?: number;
}

/** Options with every default filled in (stored in graph metadata). */
export type ResolvedCarProfile = Required<CarProfileOptions> & { name: 'car' };

/** What the profile says about one way; `null` from {@link carWay} means "not for cars". */
export interface WayProfile {
  /** Code from `ROAD_CLASSES`. */
  cls: number;
  /** `EdgeFlag` road bits (bridge, tunnel, ford, ferry, unpaved). */
  flags: number;
  /** Drivable in way order. */
  forward: boolean;
  /** Drivable against way order. */
  backward: boolean;
  /** Travel speed in km/h; for ferries with a fixed crossing time this is unused (0). */
  speedKmh: number;
  /** Ferries: total time for the whole way in seconds (boarding + crossing), if known up front. */
  fixedSeconds?: number;
  /** Ferries without `duration`: seconds added to the whole way on top of length / speed. */
  extraSeconds?: number;
}

/** Default speeds (km/h) as `[paved, unpaved]`; see the table in the module documentation. */
export const SWEDISH_DEFAULT_SPEEDS: Readonly<
  Record<Exclude<RoadClass, 'ferry'>, readonly [number, number]>
> = {
  motorway: [110, 110],
  motorway_link: [60, 60],
  trunk: [90, 70],
  trunk_link: [50, 40],
  primary: [80, 60],
  primary_link: [45, 35],
  secondary: [70, 55],
  secondary_link: [40, 30],
  tertiary: [60, 50],
  tertiary_link: [35, 30],
  unclassified: [50, 40],
  residential: [35, 30],
  living_street: [7, 7],
  service: [20, 15],
  track: [20, 15],
  road: [30, 25],
};

const UNPAVED_SURFACES = new Set([
  'unpaved',
  'gravel',
  'fine_gravel',
  'compacted',
  'dirt',
  'earth',
  'ground',
  'grass',
  'sand',
  'pebblestone',
  'mud',
  'rock',
  'woodchips',
]);
const UNPAVED_TRACKTYPES = new Set(['grade2', 'grade3', 'grade4', 'grade5']);
const DENYING_ACCESS = new Set(['no', 'agricultural', 'forestry', 'emergency', 'psv', 'bus', 'military']);
const ONEWAY_FORWARD = new Set(['yes', '1', 'true']);
const ONEWAY_BACKWARD = new Set(['-1', 'reverse']);
const ONEWAY_NONE = new Set(['no', 'false', '0', 'reversible', 'alternating']);

/** Fills in the defaults. */
export function resolveCarProfile(opts: CarProfileOptions = {}): ResolvedCarProfile {
  return {
    name: 'car',
    includeTracks: opts.includeTracks ?? false,
    includePrivate: opts.includePrivate ?? false,
    maxspeedFactor: opts.maxspeedFactor ?? 0.9,
    ferrySpeedKmh: opts.ferrySpeedKmh ?? 15,
    ferryBoardingSeconds: opts.ferryBoardingSeconds ?? 600,
  };
}

/** Whether the access tags let a car through (most specific tag wins). */
export function carAccessAllowed(tags: Record<string, string>, includePrivate: boolean): boolean {
  const value = tags.motorcar ?? tags.motor_vehicle ?? tags.vehicle ?? tags.access;
  if (value === undefined) return true;
  if (value === 'private') return includePrivate;
  return !DENYING_ACCESS.has(value);
}

function isUnpaved(tags: Record<string, string>): boolean {
  const surface = tags.surface;
  if (surface !== undefined) return UNPAVED_SURFACES.has(surface);
  return tags.tracktype !== undefined && UNPAVED_TRACKTYPES.has(tags.tracktype);
}

function yes(value: string | undefined): boolean {
  return value !== undefined && value !== 'no' && value !== 'false' && value !== '0';
}

function structureFlags(tags: Record<string, string>): number {
  let flags = 0;
  if (yes(tags.bridge)) flags |= EdgeFlag.bridge;
  if (yes(tags.tunnel)) flags |= EdgeFlag.tunnel;
  if (yes(tags.ford)) flags |= EdgeFlag.ford;
  return flags;
}

/** Travel direction of a road: `[forward, backward]`. */
export function carDirections(tags: Record<string, string>): [boolean, boolean] {
  const oneway = tags['oneway:motorcar'] ?? tags['oneway:motor_vehicle'] ?? tags.oneway;
  if (oneway !== undefined) {
    if (ONEWAY_FORWARD.has(oneway)) return [true, false];
    if (ONEWAY_BACKWARD.has(oneway)) return [false, true];
    if (ONEWAY_NONE.has(oneway)) return [true, true];
    // Unknown values (`oneway=yes;no`, typos): fall through to what the road type implies.
  }
  const junction = tags.junction;
  if (junction === 'roundabout' || junction === 'circular') return [true, false];
  if (tags.highway === 'motorway' || tags.highway === 'motorway_link') return [true, false];
  return [true, true];
}

/** Speed in km/h from maxspeed tags, or the default table when none is usable. */
export function carSpeed(
  tags: Record<string, string>,
  cls: Exclude<RoadClass, 'ferry'>,
  unpaved: boolean,
  factor: number,
): number {
  const fallback = SWEDISH_DEFAULT_SPEEDS[cls][unpaved ? 1 : 0];
  let limit = parseMaxspeed(tags.maxspeed);
  if (limit === undefined) {
    const fwd = parseMaxspeed(tags['maxspeed:forward']);
    const bwd = parseMaxspeed(tags['maxspeed:backward']);
    if (fwd !== undefined || bwd !== undefined) limit = Math.min(fwd ?? bwd!, bwd ?? fwd!);
  }
  if (limit === undefined) {
    const zone = tags['maxspeed:type'] ?? tags['source:maxspeed'];
    if (zone !== undefined) limit = ZONE_SPEEDS[zone];
  }
  if (limit === undefined) return fallback;
  const speed = limit * factor;
  return unpaved ? Math.min(speed, fallback) : speed;
}

/**
 * The profile's verdict on one way: class, flags, directions and speed, or null when cars may
 * not use it.
 */
export function carWay(tags: Record<string, string>, profile: ResolvedCarProfile): WayProfile | null {
  if (tags.area === 'yes' || tags.impassable === 'yes') return null;
  if (tags.route === 'ferry') return ferryWay(tags, profile);
  const highway = tags.highway;
  if (highway === undefined || !Object.hasOwn(SWEDISH_DEFAULT_SPEEDS, highway)) return null;
  const cls = highway as Exclude<RoadClass, 'ferry'>;
  if (cls === 'track' && !profile.includeTracks) return null;
  if (!carAccessAllowed(tags, profile.includePrivate)) return null;
  const [forward, backward] = carDirections(tags);
  const unpaved = isUnpaved(tags);
  return {
    cls: ROAD_CLASS_CODE[cls],
    flags: structureFlags(tags) | (unpaved ? EdgeFlag.unpaved : 0),
    forward,
    backward,
    speedKmh: carSpeed(tags, cls, unpaved, profile.maxspeedFactor),
  };
}

function ferryWay(tags: Record<string, string>, profile: ResolvedCarProfile): WayProfile | null {
  if (!carAccessAllowed(tags, profile.includePrivate)) return null;
  const [forward, backward] = carDirections(tags);
  const crossing = parseDuration(tags.duration);
  return {
    cls: ROAD_CLASS_CODE.ferry,
    flags: EdgeFlag.ferry,
    forward,
    backward,
    speedKmh: crossing === undefined ? profile.ferrySpeedKmh : 0,
    ...(crossing === undefined
      ? { extraSeconds: profile.ferryBoardingSeconds }
      : { fixedSeconds: crossing + profile.ferryBoardingSeconds }),
  };
}
