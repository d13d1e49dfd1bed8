/**
 * Builds the demo road network on top of the layout, in two stages:
 *
 * 1. The skeleton ({@link buildSkeleton}), independent of the node count: trunk and primary roads
 *    through the town roundabout, the bridge into the land beyond the bridge lake, a road to every
 *    locality (grown nearest-first, so most side roads end in dead-end valleys), a few loops, and
 *    the ferry with its landing roads.
 * 2. Detail that grows with the node count: town street grids and a one-way loop, village lanes,
 *    private farm roads, forest tracks, small bridges over streams and a ford. (Above the default
 *    demo size `settlement.ts` adds the bulk of the junction structure on top.)
 *
 * Every new piece of road is checked against the spatial index, the lakes and the far-zone rule,
 * so roads never cross without a junction, never run into water, and the far zone is reachable
 * only over the bridge.
 */
import { AppError, ErrorIds } from '../errors.js';
import { dist, lerp, straightLine, wigglyLine, type XY } from './geom.js';
import type { Layout, RoadLine, Zone } from './layout.js';
import { LANE_NAMES, type NameGen } from './names.js';
import {
  type Network,
  type PathRule,
  type Tags,
  type Vtx,
  vertices,
  type Way,
  type WayRole,
} from './network.js';
import type { Place } from './places.js';
import type { Rng } from './prng.js';

/** Result of the node-count-independent stage. */
export interface Skeleton {
  /** Per layout site: its centre junction, or null when no road could reach it (the site is dropped). */
  centers: (Vtx | null)[];
  /** Per layout site: the road built to reach it (null for sites on an existing road). */
  siteLinks: (Way | null)[];
  bridge: Way;
  ferry: Way;
  arms: Record<'east' | 'west' | 'north' | 'south', Way>;
  /** The outer end (near the frame edge) of each rural main road: where extra tiles join. */
  ends: Record<RoadLine, Vtx>;
}

/** A control vertex addressed by its way and index. */
export interface VRef {
  way: Way;
  i: number;
}

const linkRule = (zone: Zone): PathRule => ({ zone, clearance: 0.1, lakeMargin: 0.15 });
const fail = (what: string) =>
  new AppError(ErrorIds.internal, 500, `Demo road network failed: ${what} (try another seed)`);

const TRUNK_REF = '990';
const PRIMARY_REF = '991';

/** Copies of `pts` as fresh vertices, except the endpoints, which are given. */
function withEnds(first: Vtx, pts: readonly XY[], last: Vtx): Vtx[] {
  return [first, ...vertices(pts.slice(1, -1)), last];
}

/**
 * Lays the node-count-independent roads: roundabout, trunk and primary, the bridge and its
 * approaches, a road to every reachable site (nearest first, bending around lakes when needed),
 * a few loops and the ferry. Sites no road can reach without breaking a rule are dropped.
 *
 * @throws AppError `internal_error` if the bridge or a ferry landing cannot be connected
 *   (never seen for seeds 1–230; the message suggests another seed).
 */
export function buildSkeleton(net: Network, layout: Layout, rng: Rng): Skeleton {
  const { town, townReach: reach } = layout;
  const attach: Record<Zone, VRef[]> = { main: [], far: [] };
  const addAttach = (way: Way, zone: Zone, from = 0): VRef[] => {
    const added: VRef[] = [];
    way.pts.forEach((p, i) => {
      // Keep village roads out of the town centre, where the street grids go.
      if (i >= from && dist(p, town) > reach + 0.3) added.push({ way, i });
    });
    attach[zone].push(...added);
    return added;
  };

  // --- Town roundabout and the four roads leaving it ---------------------------------------
  const R = 0.025;
  // Counter-clockwise, as traffic flows in right-hand-traffic Sweden.
  const ring: Vtx[] = Array.from({ length: 12 }, (_, i) => ({
    x: town.x + R * Math.cos((2 * Math.PI * i) / 12),
    y: town.y + R * Math.sin((2 * Math.PI * i) / 12),
    j: -1,
  }));
  net.add('roundabout', ring, {
    closed: true,
    urban: true,
    tags: [
      ['highway', 'primary'],
      ['junction', 'roundabout'],
      ['maxspeed', '50'],
      ['surface', 'asphalt'],
    ],
  });
  const ruralTags = (trunk: boolean): Tags =>
    trunk
      ? [
          ['highway', 'trunk'],
          ['ref', TRUNK_REF],
          ['maxspeed', '90'],
          ['surface', 'asphalt'],
          ['lanes', '2'],
        ]
      : [
          ['highway', 'primary'],
          ['ref', PRIMARY_REF],
          ['maxspeed', '80'],
          ['surface', 'asphalt'],
        ];
  const townTags = (trunk: boolean): Tags => [
    ['highway', trunk ? 'trunk' : 'primary'],
    ['ref', trunk ? TRUNK_REF : PRIMARY_REF],
    ['maxspeed', '50'],
    ['surface', 'asphalt'],
    ['lit', 'yes'],
  ];
  const rural = {} as Record<RoadLine, { way: Way; reversed: boolean }>;
  const arms = {} as Skeleton['arms'];
  const ends = {} as Skeleton['ends'];
  // Creation order west→east and south→north, so route relations list their ways in order.
  const specs = [
    { arm: 'west', ringIdx: 6, line: 'trunkWest', inbound: true },
    { arm: 'east', ringIdx: 0, line: 'trunkEast', inbound: false },
    { arm: 'south', ringIdx: 9, line: 'primarySouth', inbound: true },
    { arm: 'north', ringIdx: 3, line: 'primaryNorth', inbound: false },
  ] as const;
  for (const s of specs) {
    const trunk = s.line.startsWith('trunk');
    const role: WayRole = trunk ? 'trunk' : 'primary';
    const route = trunk ? TRUNK_REF : PRIMARY_REF;
    const line = layout.lines[s.line];
    const edge: Vtx = { x: line[0].x, y: line[0].y, j: -1 };
    const ringV = ring[s.ringIdx];
    const townPts = withEnds(net.junction(ringV), straightLine(ringV, edge, 0.1), net.junction(edge));
    const ruralPts = withEnds(net.junction(edge), line, { ...line[line.length - 1], j: -1 });
    ends[s.line] = ruralPts[ruralPts.length - 1];
    // Inbound roads are stored outside-in so the route reads west→east / south→north.
    if (s.inbound) {
      const ruralWay = net.add(role, ruralPts.reverse(), { tags: ruralTags(trunk), route });
      arms[s.arm] = net.add(role, townPts.reverse(), { tags: townTags(trunk), route, urban: true });
      rural[s.line] = { way: ruralWay, reversed: true };
    } else {
      arms[s.arm] = net.add(role, townPts, { tags: townTags(trunk), route, urban: true });
      rural[s.line] = { way: net.add(role, ruralPts, { tags: ruralTags(trunk), route }), reversed: false };
    }
    addAttach(rural[s.line].way, 'main');
  }

  // Where a road may bend to get around a lake: points a kilometre off each lake's bounding box.
  const detours: Record<Zone, XY[]> = { main: [], far: [] };
  for (const lake of layout.lakes) {
    const b = lake.bbox;
    const xs = [b.minX - 1, (b.minX + b.maxX) / 2, b.maxX + 1];
    const ys = [b.minY - 1, (b.minY + b.maxY) / 2, b.maxY + 1];
    for (const x of xs) {
      for (const y of ys) {
        const p = { x, y };
        if ((x === xs[1] && y === ys[1]) || !net.pointOnLand(p, 0.5)) continue;
        const zone = net.zoneOf(p);
        if (net.segmentOk(p, p, linkRule(zone))) detours[zone].push(p);
      }
    }
  }
  /** Candidate attachment vertices: the nearest few, plus the nearest vertex of each nearby road. */
  const candidates = (from: XY, zone: Zone): VRef[] => {
    const all = attach[zone]
      .map((ref) => ({ ref, d: dist(from, ref.way.pts[ref.i]) }))
      .filter((c) => c.d > 0.05);
    const perWay = new Map<Way, { ref: VRef; d: number }>();
    for (const c of all) {
      const cur = perWay.get(c.ref.way);
      if (!cur || c.d < cur.d) perWay.set(c.ref.way, c);
    }
    const byDist = (a: { d: number }, b: { d: number }) => a.d - b.d;
    const picked = new Set([
      ...all.sort(byDist).slice(0, 12),
      ...[...perWay.values()].sort(byDist).slice(0, 12),
    ]);
    return [...picked].sort(byDist).map((c) => c.ref);
  };
  const tryLink = (from: XY, zone: Zone, rule: PathRule): { pts: XY[]; ref: VRef } | null => {
    const cands = candidates(from, zone);
    for (const ref of cands) {
      const target = ref.way.pts[ref.i];
      for (const amp of [0.12, 0.05, 0]) {
        const pts = amp > 0 ? wigglyLine(from, target, rng, amp, 0.4) : straightLine(from, target, 0.4);
        if (net.pathOk(pts, rule)) return { pts, ref };
      }
    }
    // No straight-ish road: try bending once around a lake, shortest detours first.
    const options: { ref: VRef; via: XY; len: number }[] = [];
    for (const ref of cands) {
      const target = ref.way.pts[ref.i];
      const direct = dist(from, target);
      for (const via of detours[zone]) {
        const len = dist(from, via) + dist(via, target);
        if (len < 2.5 * direct + 4) options.push({ ref, via, len });
      }
    }
    options.sort((a, b) => a.len - b.len);
    for (const { ref, via } of options.slice(0, 80)) {
      const target = ref.way.pts[ref.i];
      const pts = [
        ...wigglyLine(from, via, rng, 0.05, 0.4),
        ...wigglyLine(via, target, rng, 0.05, 0.4).slice(1),
      ];
      if (net.pathOk(pts, rule)) return { pts, ref };
    }
    return null;
  };
  const linkTo = (role: WayRole, head: Vtx[], pts: XY[], ref: VRef, zone: Zone): Way =>
    net.add(role, [...head, ...vertices(pts.slice(1, -1)), net.junction(ref.way.pts[ref.i])], {
      zone,
      parent: ref.way,
    });

  // --- The bridge: the only road into the far zone -----------------------------------------
  const { north, south } = layout.bridge;
  const abN: Vtx = { x: north.x, y: north.y, j: -1 };
  const abS: Vtx = { x: south.x, y: south.y, j: -1 };
  // Straight approaches square to the shore, then an ordinary link to the valley road.
  const nStubEnd = { x: north.x, y: north.y + 0.5 };
  const northLink = tryLink(nStubEnd, 'main', linkRule('main'));
  if (!northLink) throw fail('bridge approach');
  const northWay = linkTo(
    'link',
    [net.junction(abN), { x: north.x, y: north.y + 0.25, j: -1 }, { ...nStubEnd, j: -1 }],
    northLink.pts,
    northLink.ref,
    'main',
  );
  const bridge = net.add('bridge', [net.junction(abN), net.junction(abS)], {
    zone: 'bridge',
    parent: northWay,
  });
  const southStub = net.add(
    'link',
    [net.junction(abS), ...vertices([0.3, 0.6, 0.9].map((d) => ({ x: south.x, y: south.y - d })))],
    { zone: 'far', parent: bridge },
  );
  addAttach(northWay, 'main', 2);
  addAttach(southStub, 'far', 1);

  // --- A road to every locality, nearest first ----------------------------------------------
  const sites = layout.sites;
  const centers: (Vtx | null)[] = sites.map(() => null);
  const siteLinks: (Way | null)[] = sites.map(() => null);
  centers[0] = { x: town.x, y: town.y, j: -1 }; // the roundabout: not a vertex itself
  sites.forEach((s, i) => {
    if (!s.onRoad) return;
    const r = rural[s.onRoad.line];
    const idx = r.reversed ? r.way.pts.length - 1 - s.onRoad.index : s.onRoad.index;
    centers[i] = net.junction(r.way.pts[idx]);
  });
  const pending = new Set(sites.map((_, i) => i).filter((i) => centers[i] === null));
  const best = sites.map(() => Number.POSITIVE_INFINITY);
  const updateBest = (refs: VRef[], zone: Zone) => {
    for (const s of pending) {
      if (sites[s].zone !== zone) continue;
      for (const r of refs) {
        const d = dist(sites[s], r.way.pts[r.i]);
        if (d < best[s]) best[s] = d;
      }
    }
  };
  updateBest(attach.main, 'main');
  updateBest(attach.far, 'far');
  while (pending.size > 0) {
    let s = -1;
    for (const i of pending) if (s < 0 || best[i] < best[s]) s = i;
    pending.delete(s);
    const site = sites[s];
    if (best[s] < 0.6) {
      // Already on (or next to) a road: the village grows around that road instead.
      let near = attach[site.zone][0];
      for (const r of attach[site.zone])
        if (dist(site, r.way.pts[r.i]) < dist(site, near.way.pts[near.i])) near = r;
      centers[s] = net.junction(near.way.pts[near.i]);
      continue;
    }
    const res = tryLink(site, site.zone, linkRule(site.zone));
    if (!res) continue; // unreachable without crossing something: the site is dropped
    const center: Vtx = { x: site.x, y: site.y, j: -1 };
    const way = linkTo('link', [center], res.pts, res.ref, site.zone);
    centers[s] = net.junction(center);
    siteLinks[s] = way;
    updateBest(addAttach(way, site.zone), site.zone);
  }

  // --- A few loops, so not every village is a dead end ---------------------------------------
  const loopable = sites
    .map((s, i) => ({ s, i }))
    .filter(({ s, i }) => centers[i] && (s.role === 'other' || s.role === 'major' || s.role === 'far'));
  const pairs: { a: number; b: number; d: number }[] = [];
  for (const { s: sa, i: a } of loopable) {
    for (const { s: sb, i: b } of loopable) {
      if (b <= a || sa.zone !== sb.zone) continue;
      const d = dist(centers[a]!, centers[b]!);
      if (d >= 3.5 && d <= 11) pairs.push({ a, b, d });
    }
  }
  pairs.sort((p, q) => p.d - q.d || p.a - q.a || p.b - q.b);
  const wantLoops = rng.int(4, 6);
  const looped = new Set<number>();
  let loops = 0;
  for (const { a, b } of pairs) {
    if (loops >= wantLoops) break;
    if (looped.has(a) || looped.has(b)) continue;
    const ca = centers[a]!;
    const cb = centers[b]!;
    const zone = sites[a].zone;
    for (const amp of [0.1, 0.05]) {
      const pts = wigglyLine(ca, cb, rng, amp, 0.4);
      if (!net.pathOk(pts, linkRule(zone))) continue;
      net.add('loop', withEnds({ ...ca }, pts, { ...cb }), { zone });
      looped.add(a);
      looped.add(b);
      loops++;
      break;
    }
  }

  // --- The ferry and its landing roads --------------------------------------------------------
  const { ferry: ferrySpot } = layout;
  const terminals: Vtx[] = [];
  for (const [term, dx] of [
    [ferrySpot.west, -1],
    [ferrySpot.east, 1],
  ] as const) {
    const t: Vtx = { x: term.x, y: term.y, j: -1 };
    let done = false;
    for (const ext of [0.35, 0.7, 1.2]) {
      const p = { x: term.x + dx * ext, y: term.y };
      if (!net.pointOnLand(p, 0.15) || !net.segmentOk(t, p, linkRule('main'), true)) continue;
      const res = tryLink(p, 'main', linkRule('main'));
      if (!res) continue;
      const way = linkTo('landing', [net.junction(t), { ...p, j: -1 }], res.pts, res.ref, 'main');
      addAttach(way, 'main');
      terminals.push(t);
      done = true;
      break;
    }
    if (!done) throw fail('ferry landing');
  }
  const ferry = net.add('ferry', [net.junction(terminals[0]), net.junction(terminals[1])], {
    tags: [
      ['route', 'ferry'],
      ['name', ferrySpot.name],
      ['duration', '00:20'],
      ['motor_vehicle', 'yes'],
      ['foot', 'yes'],
      ['bicycle', 'yes'],
      ['fee', 'no'],
    ],
  });
  return { centers, siteLinks, bridge, ferry, arms, ends };
}

/** Class tags for a rural road serving `load` residents. */
/** Residents served from which a side road is a secondary (county) road. */
const SECONDARY_LOAD = 400;

function classTags(load: number, rng: Rng, min: 'unclassified' | 'tertiary' = 'unclassified'): Tags {
  if (load >= SECONDARY_LOAD) {
    return [
      ['highway', 'secondary'],
      ['maxspeed', rng.chance(0.5) ? '70' : '80'],
      ['surface', 'asphalt'],
    ];
  }
  if (load >= 100 || min === 'tertiary') {
    const t: Tags = [
      ['highway', 'tertiary'],
      ['surface', 'asphalt'],
    ];
    if (rng.chance(0.5)) t.push(['maxspeed', '70']);
    return t;
  }
  // Small village roads in Jämtland are often gravel.
  return [
    ['highway', 'unclassified'],
    ['surface', rng.chance(0.55) ? 'gravel' : 'asphalt'],
  ];
}

/**
 * Tags the skeleton's side roads by the population that depends on them: each locality's
 * residents (plus half its seasonal visitors) flow back along its road and every road it
 * branches off, so roads nearer the trunk become tertiary or secondary.
 */
export function classifyRoads(net: Network, skeleton: Skeleton, places: Place[], rng: Rng): void {
  for (const p of places) {
    const link = skeleton.siteLinks[p.site];
    if (link) link.load += p.population + (p.seasonal ?? 0) / 2;
  }
  for (let i = net.ways.length - 1; i >= 0; i--) {
    const w = net.ways[i];
    if (w.parent) w.parent.load += w.load;
  }
  // The busiest side road and the roads it feeds into are county roads (secondary), even if
  // the dice made every village small.
  const busiest = net.ways.filter((w) => w.role === 'link').sort((a, b) => b.load - a.load)[0];
  for (let w: Way | undefined = busiest; w && (w.role === 'link' || w.role === 'bridge'); w = w.parent) {
    w.load = Math.max(w.load, SECONDARY_LOAD);
  }
  for (const w of net.ways) {
    if (w.role === 'link') w.tags = classTags(w.load, rng);
    else if (w.role === 'landing') w.tags = classTags(w.load, rng, 'tertiary');
    else if (w.role === 'loop') w.tags = classTags(rng.chance(0.3) ? 200 : 0, rng);
    else if (w.role === 'bridge') {
      w.tags = [
        ...classTags(w.load, rng).filter(([k]) => k !== 'maxspeed'),
        ['maxspeed', '50'],
        ['bridge', 'yes'],
        ['layer', '1'],
        ['name', net.layout.bridge.name],
      ];
    }
  }
}

/** Public road vertices within `radius` km of `c`, nearest first. */
export function anchorsNear(net: Network, c: XY, radius: number): VRef[] {
  const out: { ref: VRef; d: number }[] = [];
  for (const way of net.ways) {
    if (!PUBLIC_ROADS.has(way.role)) continue;
    way.pts.forEach((p, i) => {
      const d = dist(p, c);
      if (d <= radius) out.push({ ref: { way, i }, d });
    });
  }
  return out.sort((a, b) => a.d - b.d).map((e) => e.ref);
}

const PUBLIC_ROADS: ReadonlySet<WayRole> = new Set<WayRole>([
  'trunk',
  'primary',
  'link',
  'loop',
  'landing',
  'street',
  'lane',
]);

/** Unit direction of a way at vertex i. */
export function directionAt(way: Way, i: number): XY {
  const a = way.pts[Math.max(0, i - 1)];
  const b = way.pts[Math.min(way.pts.length - 1, i + 1)];
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  return { x: (b.x - a.x) / len, y: (b.y - a.y) / len };
}

/** Walks a random road from `start`; returns the accepted points (segments are indexed as they pass). */
export function randomWalk(
  net: Network,
  start: XY,
  heading: number,
  steps: number,
  len: [number, number],
  turn: number,
  rule: PathRule,
  rng: Rng,
): XY[] {
  const pts: XY[] = [start];
  let h = heading;
  for (let s = 0; s < steps; s++) {
    const a = pts[pts.length - 1];
    const l = rng.float(len[0], len[1]);
    const b = { x: a.x + Math.cos(h) * l, y: a.y + Math.sin(h) * l };
    if (!net.segmentOk(a, b, rule)) break;
    // Index right away so the walk's own later segments cannot cross it.
    net.index.add(a.x, a.y, b.x, b.y);
    pts.push(b);
    h += rng.normal() * turn;
  }
  return pts;
}

/**
 * How much detail to add beyond the skeleton: 0 up to the default 20 000 nodes, then +1 per
 * doubling. Grids and lanes grow with it; the interpolated nodes take up the rest.
 */
export function detailLevel(nodes: number): number {
  return Math.max(0, Math.log2(nodes / 20_000));
}

/**
 * Street grids in the four quadrants between the town roads (more blocks as `detail` grows), a
 * one-way loop (`Torgslingan`) and one one-way street.
 */
export function addTownStreets(
  net: Network,
  skeleton: Skeleton,
  rng: Rng,
  detail: number,
  names: string[],
): void {
  const { town, townReach } = net.layout;
  const rule: PathRule = { zone: 'main', clearance: 0.02, lakeMargin: 0.1 };
  const arms = skeleton.arms;
  const nearestOnArm = (arm: Way, p: XY): Vtx => {
    let best = arm.pts[0];
    for (const v of arm.pts) if (dist(v, p) < dist(best, p)) best = v;
    return best;
  };
  const streetTags = (): Tags => {
    const t: Tags = [['highway', 'residential']];
    const name = names.shift();
    if (name) t.push(['name', name]);
    if (rng.chance(0.5)) t.push(['maxspeed', '30']);
    return t;
  };
  interface Grid {
    sx: number;
    sy: number;
    corners: { at: XY; out: XY; side: XY }[];
  }
  const grids: Grid[] = [];
  let oneWayStreet = false;
  for (const [sx, sy] of [
    [1, 1],
    [-1, 1],
    [-1, -1],
    [1, -1],
  ]) {
    const bs = rng.float(0.11, 0.15);
    const cap = Math.floor((townReach - 0.6) / bs);
    // A town of a few thousand: about 0.6 × 0.5 km of streets per quadrant, more with detail.
    let nx = Math.min(cap, 4 + Math.floor(detail * 1.1) + rng.int(0, 1));
    let ny = Math.min(cap, 3 + Math.floor(detail) + rng.int(0, 1));
    const ox = town.x + sx * 0.16;
    const oy = town.y + sy * 0.16;
    const hArm = sx > 0 ? arms.east : arms.west;
    const vArm = sy > 0 ? arms.north : arms.south;
    while (nx >= 1 && ny >= 1) {
      const P = (i: number, k: number): XY => ({ x: ox + sx * i * bs, y: oy + sy * k * bs });
      const segs: [XY, XY][] = [];
      for (let k = 0; k <= ny; k++) for (let i = 1; i <= nx; i++) segs.push([P(i - 1, k), P(i, k)]);
      for (let i = 0; i <= nx; i++) for (let k = 1; k <= ny; k++) segs.push([P(i, k - 1), P(i, k)]);
      const c1 = P(Math.min(1, nx), 0);
      const c2 = P(0, Math.min(1, ny));
      const h = nearestOnArm(hArm, { x: c1.x, y: town.y });
      const v = nearestOnArm(vArm, { x: town.x, y: c2.y });
      segs.push([c1, h], [c2, v]);
      if (segs.every(([a, b]) => net.segmentOk(a, b, rule))) {
        const V: Vtx[][] = [];
        for (let i = 0; i <= nx; i++) {
          V.push([]);
          for (let k = 0; k <= ny; k++) {
            const p = P(i, k);
            V[i].push({ x: p.x, y: p.y, j: -1 });
          }
        }
        const opts = { urban: true } as const;
        for (let k = 0; k <= ny; k++) {
          const tags = streetTags();
          // One town street is one-way (a common sight around a Swedish town square).
          if (!oneWayStreet && k === ny && nx >= 2) {
            tags.push(['oneway', 'yes']);
            oneWayStreet = true;
          }
          net.add(
            'street',
            V.map((col) => net.junction(col[k])),
            { ...opts, tags },
          );
        }
        for (let i = 0; i <= nx; i++)
          net.add(
            'street',
            V[i].map((p) => net.junction(p)),
            { ...opts, tags: streetTags() },
          );
        const tags = (): Tags => [['highway', 'residential']];
        net.add('street', [net.junction(V[Math.min(1, nx)][0]), net.junction(h)], { ...opts, tags: tags() });
        net.add('street', [net.junction(V[0][Math.min(1, ny)]), net.junction(v)], { ...opts, tags: tags() });
        grids.push({
          sx,
          sy,
          corners: [
            { at: P(nx, 0), out: { x: sx, y: 0 }, side: { x: 0, y: sy } },
            { at: P(0, ny), out: { x: 0, y: sy }, side: { x: sx, y: 0 } },
          ],
        });
        break;
      }
      if (nx >= ny) nx--;
      else ny--;
    }
  }

  // The one-way loop: a small rectangle at the end of a short stub, first tried off a grid
  // corner, then off any town road.
  const tries: { at: XY; out: XY; side: XY; vtx?: Vtx }[] = [];
  for (const g of rng.shuffle([...grids])) tries.push(...g.corners);
  for (const arm of Object.values(arms)) {
    const dir = directionAt(arm, 1);
    for (const v of arm.pts) {
      const d = dist(v, town);
      if (d < 2 || d > townReach - 0.2) continue;
      for (const s of [1, -1]) tries.push({ at: v, out: { x: -dir.y * s, y: dir.x * s }, side: dir, vtx: v });
    }
  }
  for (const t of tries) {
    const add = (p: XY, v: XY, k: number) => ({ x: p.x + v.x * k, y: p.y + v.y * k });
    const s0 = add(t.at, t.out, 0.06);
    const c1 = add(s0, t.out, 0.12);
    const c2 = add(c1, t.side, 0.09);
    const c3 = add(s0, t.side, 0.09);
    const segs: [XY, XY][] = [
      [t.at, s0],
      [s0, c1],
      [c1, c2],
      [c2, c3],
      [c3, s0],
    ];
    if (!segs.every(([a, b]) => net.segmentOk(a, b, rule))) continue;
    // A grid corner is a vertex of two streets; find it to share the junction.
    const atV = t.vtx ?? findVertex(net, t.at);
    if (!atV) continue;
    const s0v: Vtx = { x: s0.x, y: s0.y, j: -1 };
    net.add('street', [net.junction(atV), net.junction(s0v)], {
      urban: true,
      tags: [
        ['highway', 'residential'],
        ['maxspeed', '30'],
      ],
    });
    net.add('street', [net.junction(s0v), ...vertices([c1, c2, c3])], {
      urban: true,
      closed: true,
      tags: [
        ['highway', 'residential'],
        ['name', 'Torgslingan'],
        ['oneway', 'yes'],
        ['maxspeed', '30'],
      ],
    });
    return;
  }
  throw fail('one-way loop');
}

function findVertex(net: Network, p: XY): Vtx | undefined {
  for (const w of net.ways) for (const v of w.pts) if (v.x === p.x && v.y === p.y) return v;
  return undefined;
}

/**
 * Lanes branching off each village's roads: a couple for a hamlet, more for a large village or a
 * ski resort (cabin areas), multiplied as the requested node count grows.
 */
export function addVillageLanes(net: Network, places: Place[], rng: Rng, detail: number): void {
  for (const place of places) {
    if (place.kind === 'town') continue;
    const base =
      (place.population >= 300 ? 4 : place.population >= 100 ? 3 : place.kind === 'village' ? 2 : 1) +
      (place.seasonal ? 3 : 0);
    const count = Math.round(base * (1 + 0.8 * detail));
    const rule: PathRule = { zone: place.zone, clearance: 0.04, lakeMargin: 0.08 };
    const anchors = anchorsNear(net, place.center, 0.5);
    const laneNames = rng.shuffle([...LANE_NAMES]);
    const hamlet = place.kind === 'hamlet';
    let made = 0;
    for (let attempt = 0; attempt < count * 4 && made < count && anchors.length > 0; attempt++) {
      const a = rng.chance(0.4) ? anchors[0] : rng.pick(anchors);
      const start = a.way.pts[a.i];
      const pts = randomWalk(
        net,
        start,
        rng.float(0, 2 * Math.PI),
        rng.int(2, 4),
        [0.08, 0.2],
        0.5,
        rule,
        rng,
      );
      if (pts.length < 2) continue;
      const tags: Tags = [['highway', 'residential']];
      const name = laneNames[made % laneNames.length];
      if (made < laneNames.length) tags.push(['name', name]);
      if (hamlet) tags.push(['surface', 'gravel']);
      else if (rng.chance(0.3)) tags.push(['maxspeed', '30']);
      const way = net.add('lane', [net.junction(start), ...vertices(pts.slice(1))], {
        zone: place.zone,
        tags,
        indexed: true,
      });
      // Later lanes may branch off this one.
      for (let i = 1; i < way.pts.length; i++) anchors.push({ way, i });
      made++;
    }
  }
}

/** Roles whose vertices may start a farm road or a forest track (rural public roads). */
const RURAL_ROADS: ReadonlySet<WayRole> = new Set<WayRole>(['trunk', 'primary', 'link', 'loop', 'landing']);

function farFromPlaces(p: XY, places: Place[], min: number): boolean {
  return places.every((pl) => dist(pl.center, p) >= min) && dist(p, places[0].center) >= 3.5;
}

/** A few `access=private` driveways to farms off the rural roads. */
export function addPrivateRoads(net: Network, places: Place[], rng: Rng): void {
  const pool = net.ways.filter((w) => RURAL_ROADS.has(w.role) && !w.urban);
  const want = rng.int(4, 7);
  let made = 0;
  for (let attempt = 0; attempt < 200 && made < want; attempt++) {
    const way = rng.pick(pool);
    const i = rng.int(1, way.pts.length - 2);
    const start = way.pts[i];
    if (i < 1 || !farFromPlaces(start, places, 0.8)) continue;
    const dir = directionAt(way, i);
    const side = rng.chance(0.5) ? 1 : -1;
    const heading = Math.atan2(dir.x * side, -dir.y * side) + rng.normal() * 0.3;
    const rule: PathRule = { zone: net.zoneOf(start), clearance: 0.05, lakeMargin: 0.08 };
    const pts = randomWalk(net, start, heading, rng.int(1, 2), [0.12, 0.3], 0.4, rule, rng);
    if (pts.length < 2) continue;
    net.add('private', [net.junction(start), ...vertices(pts.slice(1))], {
      zone: rule.zone as Zone,
      indexed: true,
      tags: [
        ['highway', 'service'],
        ['access', 'private'],
      ],
    });
    made++;
  }
}

/**
 * Forest tracks until their total length reaches `targetKm`: gravel roads branching off the rural
 * roads and off each other into the forest, the way forestry roads fill Norrland. This is where
 * most of the length of a large demo file goes.
 */
export function addTracks(net: Network, places: Place[], rng: Rng, targetKm: number): void {
  const roads = net.ways.filter((w) => RURAL_ROADS.has(w.role) && !w.urban);
  const tracks: Way[] = [];
  let km = 0;
  const maxAttempts = Math.ceil(targetKm * 3) + 500;
  for (let attempt = 0; attempt < maxAttempts && km < targetKm; attempt++) {
    const fromTrack = tracks.length > 0 && rng.chance(0.55);
    const way = fromTrack ? rng.pick(tracks) : rng.pick(roads);
    const i = rng.int(0, way.pts.length - 1);
    const start = way.pts[i];
    if (!farFromPlaces(start, places, 1)) continue;
    const dir = directionAt(way, i);
    const side = rng.chance(0.5) ? 1 : -1;
    const heading = Math.atan2(dir.x * side, -dir.y * side) + rng.normal() * 0.35;
    const zone = net.zoneOf(start);
    const rule: PathRule = { zone, clearance: 0.05, lakeMargin: 0.06 };
    const pts = randomWalk(net, start, heading, rng.int(4, 16), [0.15, 0.3], 0.25, rule, rng);
    if (pts.length < 2) continue;
    const grade = rng.next();
    const track = net.add('track', [net.junction(start), ...vertices(pts.slice(1))], {
      zone,
      indexed: true,
      tags: [
        ['highway', 'track'],
        ['surface', 'gravel'],
        ['tracktype', grade < 0.3 ? 'grade2' : grade < 0.75 ? 'grade3' : 'grade4'],
      ],
    });
    tracks.push(track);
    for (let k = 1; k < pts.length; k++) km += dist(pts[k - 1], pts[k]);
  }
}

/**
 * Splits segment `i` of `way` around its middle into three ways, the middle one `len` km long
 * (plus an optional middle vertex shared with a crossing stream). Returns the middle way.
 */
function splitSegment(
  net: Network,
  way: Way,
  i: number,
  len: number,
  extraTags: Tags,
  withMiddle: boolean,
): Way {
  const a = way.pts[i];
  const b = way.pts[i + 1];
  const segLen = dist(a, b);
  const f = len / 2 / segLen;
  const b1 = net.junction({ ...lerp(a, b, 0.5 - f), j: -1 });
  const b2 = net.junction({ ...lerp(a, b, 0.5 + f), j: -1 });
  const mid: Vtx[] = withMiddle ? [b1, net.junction({ ...lerp(a, b, 0.5), j: -1 }), b2] : [b1, b2];
  const copy = (pts: Vtx[], tags: Tags): Way => ({ ...way, pts, tags, extra: 0 });
  const before = copy([...way.pts.slice(0, i + 1), b1], way.tags);
  const middle = copy(mid, [...way.tags, ...extraTags]);
  const after = copy([b2, ...way.pts.slice(i + 1)], way.tags);
  const at = net.ways.indexOf(way);
  net.ways.splice(at, 1, before, middle, after);
  // Links branching off this way keep pointing at the original object; they no longer need it.
  return middle;
}

/** A stream line through `m` perpendicular to `dir`, shortened until it crosses no other road. */
function streamAcross(net: Network, m: XY, dir: XY): [XY, XY] {
  const n = { x: -dir.y, y: dir.x };
  const ends: XY[] = [];
  for (const s of [1, -1]) {
    let end = { x: m.x + n.x * s * 0.012, y: m.y + n.y * s * 0.012 };
    for (const l of [0.35, 0.2, 0.1, 0.05]) {
      const from = { x: m.x + n.x * s * 0.006, y: m.y + n.y * s * 0.006 };
      const to = { x: m.x + n.x * s * l, y: m.y + n.y * s * l };
      if (!net.index.conflicts(from.x, from.y, to.x, to.y, 0.004)) {
        end = to;
        break;
      }
    }
    ends.push(end);
  }
  return [ends[0], ends[1]];
}

/**
 * Small bridges (`bridge=yes`, `layer=1`) where streams cross rural roads, and a ford on a forest
 * track. The streams themselves are drawn as short `waterway=stream` lines.
 */
export function addStreamCrossings(net: Network, places: Place[], rng: Rng, names: NameGen): void {
  const candidates = rng.shuffle(
    net.ways.filter(
      (w) =>
        (w.role === 'trunk' || w.role === 'primary' || w.role === 'link' || w.role === 'loop') && !w.urban,
    ),
  );
  const want = rng.int(4, 6);
  const bridged = new Set<Way>();
  const streams: { a: XY; b: XY; mid?: Vtx }[] = [];
  const pickSegment = (w: Way, min: number): number => {
    const idx: number[] = [];
    for (let i = 1; i + 2 < w.pts.length; i++) {
      const m = lerp(w.pts[i], w.pts[i + 1], 0.5);
      if (dist(w.pts[i], w.pts[i + 1]) >= min && farFromPlaces(m, places, 0.6)) idx.push(i);
    }
    return idx.length > 0 ? idx[Math.floor(idx.length / 2)] : -1;
  };
  for (const w of candidates) {
    if (bridged.size >= want) break;
    const i = pickSegment(w, 0.2);
    if (i < 0) continue;
    const dir = directionAt(w, i);
    const m = lerp(w.pts[i], w.pts[i + 1], 0.5);
    const [a, b] = streamAcross(net, m, dir);
    splitSegment(
      net,
      w,
      i,
      rng.float(0.02, 0.06),
      [
        ['bridge', 'yes'],
        ['layer', '1'],
      ],
      false,
    );
    streams.push({ a, b });
    bridged.add(w);
  }
  const tracks = rng.shuffle(net.ways.filter((w) => w.role === 'track'));
  for (const w of tracks) {
    let i = -1;
    for (let k = 0; k + 1 < w.pts.length && i < 0; k++) if (dist(w.pts[k], w.pts[k + 1]) >= 0.12) i = k;
    if (i < 0) continue;
    const dir = directionAt(w, i);
    const m = lerp(w.pts[i], w.pts[i + 1], 0.5);
    const [a, b] = streamAcross(net, m, dir);
    const ford = splitSegment(net, w, i, 0.014, [['ford', 'yes']], true);
    streams.push({ a, b, mid: ford.pts[1] });
    break;
  }
  for (const s of streams) {
    const pts = s.mid ? [{ ...s.a, j: -1 }, { ...s.mid }, { ...s.b, j: -1 }] : vertices([s.a, s.b]);
    net.add('stream', pts, {
      tags: [
        ['waterway', 'stream'],
        ['name', names.stream()],
      ],
    });
  }
}

/** The lakes and ponds as closed `natural=water` ways. */
export function addWater(net: Network): void {
  for (const lake of net.layout.lakes) {
    net.add('water', vertices(lake.ring), {
      closed: true,
      tags: [
        ['natural', 'water'],
        ['water', lake.kind === 'pond' ? 'pond' : 'lake'],
        ['name', lake.name],
      ],
    });
  }
}
