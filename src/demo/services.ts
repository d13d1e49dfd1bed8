/**
 * Service points of the demo region, tagged exactly as SOT's OSM importer expects: grocery
 * stores, fuel stations, pharmacy and pharmacy agents, parcel agents, ATMs, community halls,
 * schools, a fire station and health centres. Density is rural: the town has most services, a
 * few larger villages have a store and a fuel station side by side (SOT-punkt candidates, some
 * already with a 70 kVA backup generator), and many villages have nothing at all.
 *
 * What each place gets is decided first, from its own random stream, so the service mix for a
 * seed is the same whatever the node count; only the exact positions follow the local streets.
 */
import { dist, type XY } from './geom.js';
import { FUEL_BRANDS } from './names.js';
import type { Network, PathRule, Tags, Vtx } from './network.js';
import type { Place } from './places.js';
import type { Rng } from './prng.js';
import { anchorsNear, directionAt, type VRef } from './roads.js';

/** SOT's service kinds, as counted in the manifest. */
export type ServiceKind =
  | 'grocery'
  | 'fuel'
  | 'pharmacy'
  | 'pharmacy_agent'
  | 'parcel_agent'
  | 'atm'
  | 'community_hall'
  | 'school'
  | 'rescue_station'
  | 'health_centre';

/** Every service kind, in manifest order. */
export const SERVICE_KINDS: readonly ServiceKind[] = [
  'grocery',
  'fuel',
  'pharmacy',
  'pharmacy_agent',
  'parcel_agent',
  'atm',
  'community_hall',
  'school',
  'rescue_station',
  'health_centre',
];

/** A tagged standalone node (service point or place). */
export interface PoiNode {
  x: number;
  y: number;
  tags: Tags;
}

interface Spec {
  kind: ServiceKind;
  tags: Tags;
  /**
   * `road`: at the end of its own service road; `area`: a building outline at the end of a
   * service road, tags on the way; `node`: beside a street; `at`: inside spec `ref` (agents, ATMs).
   */
  how: 'road' | 'area' | 'node' | 'at';
  ref?: number;
  /** Index of the store this fuel station must stand within 300 m of. */
  near?: number;
}

interface PlaceSpecs {
  place: Place;
  specs: Spec[];
}

const VILLAGE_HOURS = [
  'Mo-Fr 09:00-18:00; Sa 10:00-14:00',
  'Mo-Fr 10:00-18:00; Sa 10:00-15:00; Su 12:00-15:00',
  'Mo-Sa 09:00-19:00; Su 11:00-16:00',
];
const FUEL_STAFFED_HOURS = 'Mo-Fr 07:00-21:00; Sa,Su 09:00-21:00';
const BACKUP: Tags = [
  ['backup_generator', 'yes'],
  ['backup_generator:kva', '70'],
];

const hoursOf = (s: Spec): string | undefined => s.tags.find(([k]) => k === 'opening_hours')?.[1];
const nameOf = (s: Spec): string => s.tags.find(([k]) => k === 'name')?.[1] ?? '';

function fuelSpec(place: Place, rng: Rng, automated: boolean, near?: number): Spec {
  const branded = rng.chance(0.7);
  const brand = rng.pick(FUEL_BRANDS);
  const tags: Tags = [
    ['amenity', 'fuel'],
    ['name', branded ? `${brand} ${place.name}` : `${place.name} Bensin`],
  ];
  if (branded) tags.push(['brand', brand]);
  tags.push(['fuel:diesel', 'yes'], ['fuel:octane_95', 'yes']);
  if (automated) tags.push(['self_service', 'yes'], ['automated', 'yes'], ['opening_hours', '24/7']);
  else {
    if (rng.chance(0.6)) tags.push(['self_service', 'yes']);
    tags.push(['opening_hours', FUEL_STAFFED_HOURS]);
  }
  return { kind: 'fuel', tags, how: 'road', near };
}

function storeSpec(place: Place, rng: Rng): Spec {
  const ski = place.seasonal !== null;
  const r = rng.next();
  const tags: Tags = [['shop', ski || rng.chance(0.3) ? 'convenience' : 'general']];
  if (ski) tags.push(['name', `Fjällköp ${place.name}`], ['brand', 'Fjällköp']);
  else if (r < 0.5) tags.push(['name', `Byhandeln ${place.name}`], ['brand', 'Byhandeln']);
  else if (r < 0.65) tags.push(['name', `Fjällköp Nära ${place.name}`], ['brand', 'Fjällköp']);
  else tags.push(['name', `${place.name} Lanthandel`]);
  tags.push(['opening_hours', ski ? 'Mo-Su 08:00-20:00' : rng.pick(VILLAGE_HOURS)]);
  return { kind: 'grocery', tags, how: 'road' };
}

/** An agent or ATM inside store `ref`, sharing its opening hours. */
function inStore(kind: ServiceKind, store: Spec, ref: number, tags: Tags): Spec {
  const hours = hoursOf(store);
  return { kind, tags: hours ? [...tags, ['opening_hours', hours]] : tags, how: 'at', ref };
}

function townSpecs(town: Place): Spec[] {
  const n = town.name;
  const specs: Spec[] = [
    {
      kind: 'grocery',
      how: 'area',
      tags: [
        ['shop', 'supermarket'],
        ['name', `Fjällköp ${n}`],
        ['brand', 'Fjällköp'],
        ['opening_hours', 'Mo-Su 08:00-21:00'],
      ],
    },
    {
      kind: 'grocery',
      how: 'road',
      tags: [
        ['shop', 'supermarket'],
        ['name', `Lanthörnan ${n}`],
        ['brand', 'Lanthörnan'],
        ['opening_hours', 'Mo-Fr 08:00-20:00; Sa,Su 09:00-18:00'],
      ],
    },
    {
      kind: 'grocery',
      how: 'node',
      tags: [
        ['shop', 'convenience'],
        ['name', `${n} Livs`],
        ['opening_hours', 'Mo-Su 07:00-22:00'],
      ],
    },
    {
      kind: 'fuel',
      how: 'road',
      tags: [
        ['amenity', 'fuel'],
        ['name', `Fjällmacken ${n}`],
        ['brand', 'Fjällmacken'],
        ['fuel:diesel', 'yes'],
        ['fuel:octane_95', 'yes'],
        ['self_service', 'yes'],
        ['opening_hours', 'Mo-Su 06:00-22:00'],
        ...BACKUP,
      ],
    },
    {
      kind: 'fuel',
      how: 'road',
      tags: [
        ['amenity', 'fuel'],
        ['name', `Älvtanken ${n}`],
        ['brand', 'Älvtanken'],
        ['fuel:diesel', 'yes'],
        ['fuel:octane_95', 'yes'],
        ['self_service', 'yes'],
        ['automated', 'yes'],
        ['opening_hours', '24/7'],
      ],
    },
    {
      kind: 'pharmacy',
      how: 'node',
      tags: [
        ['amenity', 'pharmacy'],
        ['healthcare', 'pharmacy'],
        ['dispensing', 'yes'],
        ['name', `Fjällapoteket ${n}`],
        ['opening_hours', 'Mo-Fr 09:00-18:00; Sa 10:00-14:00'],
      ],
    },
  ];
  specs.push(
    inStore('parcel_agent', specs[1], 1, [
      ['amenity', 'post_office'],
      ['post_office', 'post_partner'],
      ['name', `Paketombud ${nameOf(specs[1])}`],
      ['operator', 'Fjällposten'],
    ]),
    { kind: 'atm', how: 'at', ref: 0, tags: atmTags() },
    { kind: 'atm', how: 'at', ref: 1, tags: atmTags() },
    {
      kind: 'community_hall',
      how: 'node',
      tags: [
        ['amenity', 'community_centre'],
        ['name', `Folkets hus ${n}`],
      ],
    },
    {
      kind: 'school',
      how: 'node',
      tags: [
        ['amenity', 'school'],
        ['name', `${n}skolan`],
      ],
    },
    {
      kind: 'school',
      how: 'node',
      tags: [
        ['amenity', 'school'],
        ['name', `${n} gymnasium`],
      ],
    },
    {
      kind: 'rescue_station',
      how: 'node',
      tags: [
        ['amenity', 'fire_station'],
        ['name', `Räddningstjänsten ${n}`],
      ],
    },
    {
      kind: 'health_centre',
      how: 'node',
      tags: [
        ['amenity', 'clinic'],
        ['healthcare', 'centre'],
        ['name', `${n} hälsocentral`],
      ],
    },
  );
  return specs;
}

function atmTags(): Tags {
  return [
    ['amenity', 'atm'],
    ['name', 'Uttagsautomat'],
    ['operator', 'Bygdebanken'],
  ];
}

function pharmacyAgent(store: Spec, ref: number): Spec {
  return inStore('pharmacy_agent', store, ref, [
    ['amenity', 'pharmacy'],
    ['pharmacy:type', 'agent'],
    ['name', `Apoteksombud ${nameOf(store)}`],
  ]);
}

function parcelAgent(store: Spec, ref: number): Spec {
  return inStore('parcel_agent', store, ref, [
    ['amenity', 'post_office'],
    ['post_office', 'post_partner'],
    ['name', `Paketombud ${nameOf(store)}`],
    ['operator', 'Fjällposten'],
  ]);
}

function villageSpecs(p: Place, rank: number, rng: Rng): Spec[] {
  const specs: Spec[] = [];
  const big = p.population >= 300;
  const ski = p.seasonal !== null;
  if (p.kind === 'hamlet') {
    if (rng.chance(0.12)) specs.push({ kind: 'community_hall', how: 'node', tags: hall(p) });
    if (rng.chance(0.04)) specs.push(fuelSpec(p, rng, true));
    return specs;
  }
  const hasStore = ski || rng.chance(big ? 0.95 : 0.45);
  if (hasStore) {
    specs.push(storeSpec(p, rng));
    if (ski || rng.chance(big ? 0.85 : 0.45)) specs.push(fuelSpec(p, rng, false, 0));
    if (rng.chance(big ? 0.8 : 0.5)) specs.push(parcelAgent(specs[0], 0));
    if (rng.chance(big ? 0.6 : 0.12)) specs.push(pharmacyAgent(specs[0], 0));
    if (big && rng.chance(0.4)) specs.push({ kind: 'atm', how: 'at', ref: 0, tags: atmTags() });
  } else if (rng.chance(big ? 0.3 : 0.12)) specs.push(fuelSpec(p, rng, true));
  if (rng.chance(big ? 0.8 : p.population >= 150 ? 0.5 : 0))
    specs.push({
      kind: 'school',
      how: 'node',
      tags: [
        ['amenity', 'school'],
        ['name', `${p.name} skola`],
      ],
    });
  if (rng.chance(big ? 0.7 : 0.4)) specs.push({ kind: 'community_hall', how: 'node', tags: hall(p) });
  if (big && rank <= 3) {
    specs.push({
      kind: 'rescue_station',
      how: 'node',
      tags: [
        ['amenity', 'fire_station'],
        ['name', `Räddningsvärn ${p.name}`],
      ],
    });
  }
  if (rank === 2) {
    specs.push({
      kind: 'health_centre',
      how: 'node',
      tags: [
        ['amenity', 'clinic'],
        ['healthcare', 'centre'],
        ['name', `${p.name} hälsocentral`],
      ],
    });
  }
  return specs;
}

function hall(p: Place): Tags {
  return [
    ['amenity', 'community_centre'],
    ['name', `${p.name} bygdegård`],
  ];
}

const storeAndFuel = (ps: PlaceSpecs) =>
  ps.specs[0]?.kind === 'grocery' && ps.specs.some((s) => s.kind === 'fuel' && s.near === 0);

/** Decides every place's services (independent of the node count). */
function decide(places: Place[], rng: Rng): PlaceSpecs[] {
  const all = places.map((place, rank) => ({
    place,
    specs: place.kind === 'town' ? townSpecs(place) : villageSpecs(place, rank + 1, rng),
  }));
  const villages = all.filter((ps) => ps.place.kind !== 'town');
  // Guarantees the demo needs, whatever the dice said: several store + fuel pairs (SOT-punkt
  // candidates), a few pharmacy agents, a store mapped as a building, generators at two pairs.
  for (const ps of villages) {
    if (villages.filter(storeAndFuel).length >= 4) break;
    if (ps.specs[0]?.kind === 'grocery' && !storeAndFuel(ps))
      ps.specs.push(fuelSpec(ps.place, rng, false, 0));
  }
  for (const ps of villages) {
    if (villages.filter((v) => v.specs.some((s) => s.kind === 'pharmacy_agent')).length >= 2) break;
    if (ps.specs[0]?.kind === 'grocery' && !ps.specs.some((s) => s.kind === 'pharmacy_agent'))
      ps.specs.push(pharmacyAgent(ps.specs[0], 0));
  }
  const pairs = villages.filter(storeAndFuel);
  const withGenerator =
    pairs.length > 1 ? [pairs[0], pairs[1 + Math.floor(rng.next() * (pairs.length - 1))]] : pairs;
  for (const ps of withGenerator) {
    for (const s of ps.specs)
      if (s.kind === 'grocery' || (s.kind === 'fuel' && s.near === 0)) s.tags.push(...BACKUP);
  }
  const areaStore = villages.find((ps) => ps.specs[0]?.kind === 'grocery');
  if (areaStore) areaStore.specs[0].how = 'area';
  for (const ps of all) for (const s of ps.specs) s.tags.push(['sot:demo', 'yes']);
  return all;
}

/** Placed service nodes (store buildings are added to the network as ways) and counts by kind. */
export interface ServicesResult {
  nodes: PoiNode[];
  counts: Record<ServiceKind, number>;
}

/**
 * Decides and places every service point. Stores and fuel stations sit at the end of a short
 * `highway=service` road (60–150 m) off a road near the village centre; a fuel station that
 * belongs to a store stands within 300 m of it; agents and ATMs sit inside their store; halls,
 * schools and the like stand beside a street.
 */
export function addServices(net: Network, places: Place[], decideRng: Rng, placeRng: Rng): ServicesResult {
  const decided = decide(places, decideRng);
  const counts = Object.fromEntries(SERVICE_KINDS.map((k) => [k, 0])) as Record<ServiceKind, number>;
  const nodes: PoiNode[] = [];
  const rng = placeRng;
  for (const { place, specs } of decided) {
    let anchors = anchorsNear(net, place.center, place.kind === 'town' ? 0.9 : 0.45);
    if (anchors.length === 0) anchors = anchorsNear(net, place.center, 2);
    const rule: PathRule = { zone: place.zone, clearance: 0.025, lakeMargin: 0.08 };
    const at: XY[] = [];
    for (const spec of specs) {
      counts[spec.kind]++;
      if (spec.how === 'at') {
        at.push(offset(net, at[spec.ref ?? 0], rng, 0.008, 0.015));
        nodes.push({ ...at[at.length - 1], tags: spec.tags });
        continue;
      }
      if (spec.how === 'node') {
        at.push(beside(net, anchors, rng));
        nodes.push({ ...at[at.length - 1], tags: spec.tags });
        continue;
      }
      const near = spec.near !== undefined ? at[spec.near] : undefined;
      const placed = serviceRoad(net, anchors, rule, rng, spec.how === 'area', near);
      if (placed?.building) {
        net.add('building', placed.building, {
          closed: true,
          zone: place.zone,
          tags: [['building', 'retail'], ...spec.tags],
        });
        at.push(placed.poi);
        continue;
      }
      // No room for a service road: stand beside the street (or next to the store) instead.
      const poi = placed?.poi ?? (near ? offset(net, near, rng, 0.05, 0.09) : beside(net, anchors, rng));
      at.push(poi);
      nodes.push({ ...poi, tags: spec.tags });
    }
  }
  return { nodes, counts };
}

/** A point `min`–`max` km from `p` in a random direction, on dry land. */
function offset(net: Network, p: XY, rng: Rng, min: number, max: number): XY {
  let q = p;
  for (let attempt = 0; attempt < 20; attempt++) {
    const a = rng.float(0, 2 * Math.PI);
    const r = rng.float(min, max);
    q = { x: p.x + Math.cos(a) * r, y: p.y + Math.sin(a) * r };
    if (net.pointOnLand(q, 0.02)) return q;
  }
  return q;
}

/** A point 25–60 m to the side of a street near the centre. */
function beside(net: Network, anchors: VRef[], rng: Rng): XY {
  let q: XY = { x: 0, y: 0 };
  for (let attempt = 0; attempt < 30; attempt++) {
    const ref = anchors[Math.floor(rng.next() * Math.min(anchors.length, 6 + attempt))];
    const v = ref.way.pts[ref.i];
    const d = directionAt(ref.way, ref.i);
    const side = rng.chance(0.5) ? 1 : -1;
    const r = rng.float(0.025, 0.06);
    q = { x: v.x - d.y * side * r, y: v.y + d.x * side * r };
    if (net.pointOnLand(q, 0.03)) return q;
  }
  return q;
}

function serviceRoad(
  net: Network,
  anchors: VRef[],
  rule: PathRule,
  rng: Rng,
  area: boolean,
  near?: XY,
): { poi: XY; building?: Vtx[] } | null {
  for (let attempt = 0; attempt < 40; attempt++) {
    const ref = anchors[Math.floor(rng.next() * Math.min(anchors.length, 4 + attempt))];
    const v = ref.way.pts[ref.i];
    if (near && dist(v, near) > 0.25) continue;
    const d = directionAt(ref.way, ref.i);
    const side = rng.chance(0.5) ? 1 : -1;
    const angle = Math.atan2(d.x * side, -d.y * side) + rng.normal() * 0.35;
    const dir = { x: Math.cos(angle), y: Math.sin(angle) };
    const len = rng.float(0.06, 0.15);
    const end = { x: v.x + dir.x * len, y: v.y + dir.y * len };
    if (!net.segmentOk(v, end, rule)) continue;
    let building: Vtx[] | undefined;
    let poi = { x: end.x + dir.x * 0.015, y: end.y + dir.y * 0.015 };
    if (area) {
      // A 55 × 35 m store building just beyond the end of its access road.
      const depth = 0.035;
      const half = 0.0275;
      const c = { x: end.x + dir.x * (0.005 + depth / 2), y: end.y + dir.y * (0.005 + depth / 2) };
      const u = { x: -dir.y, y: dir.x };
      const corner = (s: number, t: number): Vtx => ({
        x: c.x + dir.x * (depth / 2) * s + u.x * half * t,
        y: c.y + dir.y * (depth / 2) * s + u.y * half * t,
        j: -1,
      });
      building = [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)];
      const ringRule: PathRule = { ...rule, clearance: 0.004, lakeMargin: 0.05 };
      if (!building.every((p, i) => net.segmentOk(p, building![(i + 1) % 4], ringRule))) continue;
      poi = c;
    }
    if (near && dist(poi, near) > 0.28) continue;
    net.add('service', [net.junction(v), { ...end, j: -1 }], {
      zone: rule.zone as 'main' | 'far',
      tags: [['highway', 'service']],
    });
    return { poi, building };
  }
  return null;
}
