/**
 * Turns the connected sites into named localities with populations, and names and numbers the
 * municipalities after their largest locality (the usual Swedish pattern: Åre kommun is named
 * after Åre). Populations follow a rank–size rule with noise: one town of a few thousand, a few
 * villages of several hundred and a long tail of small villages and hamlets, as in inland
 * Norrland. Two or three ski-resort villages get a seasonal population 2–4 times their residents.
 */
import { dist, pointInRing, type XY } from './geom.js';
import type { Layout, SiteRole, Zone } from './layout.js';
import type { Rng } from './prng.js';

/** OSM `place=*` value of a locality. */
export type PlaceKind = 'town' | 'village' | 'hamlet';

/** A locality as written to `places.geojson` and as a `place=*` node. */
export interface Place {
  /** Stable id, `demo-place-001` for the largest. */
  id: string;
  name: string;
  kind: PlaceKind;
  population: number;
  /** Peak-season population (ski resorts only). */
  seasonal: number | null;
  role: SiteRole;
  zone: Zone;
  /** The road junction at the centre of the locality. */
  center: XY;
  /** Where the `place=*` node goes: a few tens of metres off the centre junction. */
  node: XY;
  /** Index into the municipality list. */
  municipality: number;
  /** Index of the layout site this place grew from. */
  site: number;
}

/** A fictional municipality; its ring partitions the county with the others. */
export interface Municipality {
  /** Four digits, county prefix `99`. */
  code: string;
  name: string;
  ring: XY[];
}

/** County code of the fictional county (no real Swedish county uses 99). */
export const DEMO_COUNTY_CODE = '99';
/** Name of the fictional county, with the fictional marker in the name itself. */
export const DEMO_COUNTY_NAME = 'Demolän (fiktivt)';

/** A site that got connected to the road network, with its centre junction. */
export interface ConnectedSite {
  role: SiteRole;
  zone: Zone;
  center: XY;
  /** Index into `layout.sites`. */
  site: number;
}

/**
 * Ranks the connected sites, gives them populations, names and ids, and names and numbers the
 * municipalities after their seats.
 */
export function finalizePlaces(
  layout: Layout,
  sites: ConnectedSite[],
  rng: Rng,
): { places: Place[]; municipalities: Municipality[] } {
  const town = layout.town;
  const lines = Object.values(layout.lines);
  const nearLine = (p: XY) => Math.min(...lines.map((l) => Math.min(...l.map((q) => dist(p, q)))));

  // Rank: the town, then the villages on the main roads, then the rest by how central they are.
  const townSite = sites.filter((s) => s.role === 'town');
  const majors = rng.shuffle(sites.filter((s) => s.role === 'major'));
  const rest = sites
    .filter((s) => s.role !== 'town' && s.role !== 'major' && s.role !== 'ski')
    .map((s) => ({ s, score: dist(s.center, town) / 25 + nearLine(s.center) / 8 + rng.normal() * 0.6 }))
    .sort((a, b) => a.score - b.score)
    .map((e) => e.s);
  // Ski villages are mid-sized: their residents are few, their visitors many.
  for (const ski of sites.filter((s) => s.role === 'ski')) rest.splice(rng.int(1, 6), 0, ski);
  // One real village beyond the bridge (not just hamlets), so losing the bridge hurts.
  const far = rest.findIndex((s) => s.role === 'far');
  if (far >= 0) rest.splice(rng.int(2, 8), 0, ...rest.splice(far, 1));
  const ranked = [...townSite, ...majors, ...rest];

  const places: Place[] = ranked.map((s, i) => {
    const rank = i + 1;
    // Villages cap just under 1 000 (above that they would rival the town); the two next to
    // the town in rank are always a few hundred.
    const zipf = 850 * (rank - 1) ** -0.85 * Math.exp(0.2 * rng.normal());
    const population =
      rank === 1
        ? Math.round(rng.float(3000, 6000) / 10) * 10
        : Math.round(Math.min(990, Math.max(rank <= 3 ? 320 : 9, zipf)));
    const ski = s.role === 'ski';
    const kind: PlaceKind = rank === 1 ? 'town' : population >= 50 || ski ? 'village' : 'hamlet';
    const angle = rng.float(0, 2 * Math.PI);
    const off = rng.float(0.02, 0.04);
    return {
      id: `demo-place-${String(rank).padStart(3, '0')}`,
      name: ski ? layout.names.skiResort() : layout.names.place(),
      kind,
      population,
      seasonal: ski ? Math.round((population * rng.float(2.2, 3.8)) / 10) * 10 : null,
      role: s.role,
      zone: s.zone,
      center: s.center,
      node: { x: s.center.x + Math.cos(angle) * off, y: s.center.y + Math.sin(angle) * off },
      municipality: -1,
      site: s.site,
    };
  });

  for (const p of places)
    p.municipality = layout.borders.findIndex((ring) => pointInRing(p.node.x, p.node.y, ring));
  // Number municipalities by the size of their seat; the seat gives the municipality its name.
  const order = layout.borders
    .map((ring, i) => {
      const seat = places.filter((p) => p.municipality === i).sort((a, b) => b.population - a.population)[0];
      return { ring, i, seat };
    })
    .sort((a, b) => (b.seat?.population ?? 0) - (a.seat?.population ?? 0) || a.i - b.i);
  const renumber = new Map<number, number>();
  const municipalities = order.map((m, k) => {
    renumber.set(m.i, k);
    return {
      code: `${DEMO_COUNTY_CODE}${String(k + 1).padStart(2, '0')}`,
      name: m.seat?.name ?? layout.names.place(),
      ring: m.ring,
    };
  });
  for (const p of places) p.municipality = renumber.get(p.municipality) ?? 0;
  return { places, municipalities };
}
