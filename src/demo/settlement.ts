/**
 * Settlement: the road structure that makes a large demo region look like real road data to a
 * routing engine. Real Swedish OSM data has roughly one routing node (junction or dead end,
 * after degree-2 chains are contracted) per 8–15 road nodes, and the junctions of rural areas are
 * mostly farm roads, driveways, hamlet loops and forest roads. Densifying road geometry alone
 * would give a 4 M-node file with a couple of thousand junctions, so above the default demo size
 * every extra requested node "buys" {@link ROUTING_NODES_PER_NODE} routing nodes of structure:
 *
 * - **village grids**: short-block residential grids beside the larger villages (population ≥
 *   100), sized by population and growing to full size by 500 000 nodes;
 * - **farms** (`highway=service`, gravel) ending in a yard with two or three driveways, and
 *   **hamlets**: an unclassified gravel road ending in a small loop with driveways to the houses;
 * - **driveways** (`highway=service` + `service=driveway`) off public roads, and plain
 *   `highway=service` stubs off forest roads (timber landings, turning places);
 * - **forest roads** (skogsbilvägar): `highway=unclassified` + `surface=gravel`, car-accessible
 *   like the state-subsidised private roads they stand for, with spurs on both sides, some spurs
 *   closing into loops, some continuing as `highway=track`. Forest roads branch off rural roads
 *   and off each other; their start points are sampled uniformly over the region's area, so
 *   they fill the forest instead of crowding the valleys.
 *
 * Everything hangs off the existing network as trees with internal loops only, so dead-end
 * valleys stay dead ends and the far shore still depends on the bridge alone. Loops (hamlets,
 * forest loops) keep 450 m from every locality centre; only the village grids sit in villages.
 * The node count is still exact: the structure is built from control vertices well within the
 * budget, and the remaining nodes are interpolated along all roads as before.
 */
import { dist, type Rect, type XY } from './geom.js';
import type { Layout } from './layout.js';
import { STREET_NAMES } from './names.js';
import {
  densify,
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
import { anchorsNear, directionAt, randomWalk, type Skeleton } from './roads.js';
import { addTilePonds, addTileRoads, type TileGrid } from './tiles.js';

/** At and below this node count (the default demo) nothing is added: the quick-start demo is unchanged. */
export const SETTLEMENT_FROM_NODES = 20_000;
/** Routing nodes of structure aimed for per requested node above {@link SETTLEMENT_FROM_NODES}. */
export const ROUTING_NODES_PER_NODE = 0.11;
/** Control vertices (before interpolation) may use at most this share of the node budget. */
const MAX_CONTROL_SHARE = 0.7;

/** What {@link addSettlement} built, for the manifest and for tuning. */
export interface SettlementStats {
  /** Routing nodes aimed for and (estimated: new junctions plus dead ends) reached. */
  target: number;
  estimated: number;
  farms: number;
  hamlets: number;
  driveways: number;
  forestRoads: number;
}

/** Routing nodes of structure aimed for at a node count. */
export function settlementTarget(nodes: number): number {
  return Math.max(0, Math.round(ROUTING_NODES_PER_NODE * (nodes - SETTLEMENT_FROM_NODES)));
}

const GRAVEL_UNCLASSIFIED: Tags = [
  ['highway', 'unclassified'],
  ['surface', 'gravel'],
];
const FARM_ROAD: Tags = [
  ['highway', 'service'],
  ['surface', 'gravel'],
];
const DRIVEWAY: Tags = [
  ['highway', 'service'],
  ['service', 'driveway'],
];
/** A stub off a forest road: a timber landing or turning place, not a house. */
const LANDING: Tags = [['highway', 'service']];
const TRACK_GRADES: Tags[] = ['grade2', 'grade3', 'grade4'].map((g) => [
  ['highway', 'track'],
  ['surface', 'gravel'],
  ['tracktype', g],
]);

/** Candidate kinds (bit mask) of an attachment vertex. */
const FARM = 1;
const FOREST = 2;
const DRIVE = 4;

/** Which generators may attach to a vertex of a way with this role. */
const ROLE_MASK: Partial<Record<WayRole, number>> = {
  trunk: FARM | FOREST | DRIVE,
  primary: FARM | FOREST | DRIVE,
  link: FARM | FOREST | DRIVE,
  loop: FARM | FOREST | DRIVE,
  landing: FARM | FOREST | DRIVE,
  county: FARM | FOREST | DRIVE,
  lane: DRIVE,
};

/**
 * Interior vertices of roads where new roads may branch off, in a uniform grid of 500 m cells.
 * Flat arrays: at 4 M nodes there are a couple of million candidates.
 */
class AnchorGrid {
  readonly way: Way[] = [];
  readonly idx: number[] = [];
  readonly mask: number[] = [];
  /** Sides already used at the vertex: bit 1 left, bit 2 right. */
  readonly sides: number[] = [];
  private readonly cells = new Map<number, number[]>();
  private readonly cell = 0.5;

  private key(ix: number, iy: number): number {
    return (ix + 4096) * 16384 + (iy + 4096);
  }

  get size(): number {
    return this.way.length;
  }

  /** Adds the way's interior vertices that are not junctions yet. */
  addWay(w: Way, mask: number): void {
    const n = w.pts.length;
    const from = w.closed ? 0 : 1;
    const to = w.closed ? n : n - 1;
    for (let i = from; i < to; i++) {
      const p = w.pts[i];
      if (p.j >= 0) continue;
      const id = this.way.length;
      this.way.push(w);
      this.idx.push(i);
      this.mask.push(mask);
      this.sides.push(0);
      const k = this.key(Math.floor(p.x / this.cell), Math.floor(p.y / this.cell));
      const list = this.cells.get(k);
      if (list) list.push(id);
      else this.cells.set(k, [id]);
    }
  }

  point(id: number): Vtx {
    return this.way[id].pts[this.idx[id]];
  }

  /** Nearest candidate with `mask` within `radius` km of p, or -1. */
  nearest(p: XY, radius: number, mask: number): number {
    const c = this.cell;
    const cx = Math.floor(p.x / c);
    const cy = Math.floor(p.y / c);
    const rings = Math.ceil(radius / c);
    let best = -1;
    let bd = radius;
    for (let r = 0; r <= rings; r++) {
      // Everything in ring r is at least (r - 1) cells away.
      if (best >= 0 && bd <= (r - 1) * c) break;
      for (let ix = cx - r; ix <= cx + r; ix++) {
        for (let iy = cy - r; iy <= cy + r; iy++) {
          if (Math.max(Math.abs(ix - cx), Math.abs(iy - cy)) !== r) continue;
          const list = this.cells.get(this.key(ix, iy));
          if (!list) continue;
          for (const id of list) {
            if ((this.mask[id] & mask) === 0 || this.sides[id] === 3) continue;
            const v = this.point(id);
            const d = Math.hypot(v.x - p.x, v.y - p.y);
            if (d < bd) {
              bd = d;
              best = id;
            }
          }
        }
      }
    }
    return best;
  }

  /** A uniformly random candidate with `mask` and a free side, or -1. */
  random(rng: Rng, mask: number): number {
    if (this.way.length === 0) return -1;
    for (let attempt = 0; attempt < 64; attempt++) {
      const id = Math.floor(rng.next() * this.way.length);
      if ((this.mask[id] & mask) !== 0 && this.sides[id] !== 3) return id;
    }
    return -1;
  }
}

/** Everything the generators share. */
interface Ctx {
  net: Network;
  anchors: AnchorGrid;
  places: Place[];
  town: XY;
  region: Rect;
  /** Dead ends created so far (junctions are counted by the network). */
  tips: number;
  /** Upper bound of the nodes the control geometry uses. */
  controlNodes: number;
  stats: SettlementStats;
}

/** Adds a way and counts its vertices against the node budget. */
function addWay(ctx: Ctx, role: WayRole, pts: Vtx[], opts: Parameters<Network['add']>[2]): Way {
  ctx.controlNodes += pts.length;
  return ctx.net.add(role, pts, opts);
}

/**
 * Every locality centre at least `min` km away, and the town centre `townMin` km (its street
 * grids reach about 2 km out; farms may stand just beyond them, forest starts further out).
 */
function clearOfPlaces(ctx: Ctx, p: XY, min: number, townMin = 1.5): boolean {
  if (dist(p, ctx.town) < townMin) return false;
  for (const pl of ctx.places) if (dist(pl.center, p) < min) return false;
  return true;
}

/** Options of {@link addSettlement}. */
export interface SettlementOptions {
  nodes: number;
  places: Place[];
  skeleton: Skeleton;
  layout: Layout;
  grid: TileGrid;
  /** Service points and place nodes: later roads keep clear of them. */
  pois: XY[];
  rng: Rng;
}

/**
 * Adds the settlement structure for `opts.nodes` (nothing at or below
 * {@link SETTLEMENT_FROM_NODES}); for tiled regions first the extra tiles' roads and ponds.
 */
export function addSettlement(net: Network, opts: SettlementOptions): SettlementStats {
  const { nodes, places, grid, rng } = opts;
  const stats: SettlementStats = {
    target: settlementTarget(nodes),
    estimated: 0,
    farms: 0,
    hamlets: 0,
    driveways: 0,
    forestRoads: 0,
  };
  if (stats.target === 0) return stats;

  // Vertices every 150 m along the public roads: room for farms and driveways to branch off.
  for (const w of net.ways) if (ROLE_MASK[w.role] !== undefined && !w.urban) densify(w, 0.15);
  net.reindex(opts.pois);
  net.bounds = grid.region;
  addTileRoads(net, opts.skeleton, grid, rng.fork('tiles'));
  addTilePonds(net, opts.layout, grid, rng.fork('tile-ponds'));
  for (const w of net.ways) if (w.role === 'county') densify(w, 0.15);
  if (grid.extra.length > 0) net.reindex(opts.pois);

  const anchors = new AnchorGrid();
  let control = net.jx.length;
  for (const w of net.ways) {
    for (const p of w.pts) if (p.j < 0) control++;
    const mask = ROLE_MASK[w.role];
    // The town's main streets get driveways; farms and forest roads start out of town.
    if (mask !== undefined) anchors.addWay(w, w.urban ? DRIVE : mask);
  }
  const ctx: Ctx = {
    net,
    anchors,
    places,
    town: places[0].center,
    region: grid.region,
    tips: 0,
    controlNodes: control,
    stats,
  };
  const start = net.jx.length;
  const estimate = () => net.jx.length - start + ctx.tips;

  // Farms, driveways and forest roads in fixed proportions of the routing nodes they add, each
  // step going to the generator furthest behind its share.
  const gens = [
    { share: 0.3, done: 0, misses: 0, run: (r: Rng) => farmstead(ctx, r) },
    { share: 0.25, done: 0, misses: 0, run: (r: Rng) => driveway(ctx, r) },
    { share: 0.45, done: 0, misses: 0, run: (r: Rng) => forestRoad(ctx, r) },
  ];
  const streams = [rng.fork('farms'), rng.fork('driveways'), rng.fork('forest')];
  const budget = MAX_CONTROL_SHARE * nodes;
  while (estimate() < stats.target && ctx.controlNodes < budget) {
    let g = -1;
    for (let k = 0; k < gens.length; k++) {
      if (gens[k].misses > 400) continue;
      if (g < 0 || gens[k].done / gens[k].share < gens[g].done / gens[g].share) g = k;
    }
    if (g < 0) break; // the region is full
    const before = estimate();
    gens[g].run(streams[g]);
    const got = estimate() - before;
    gens[g].done += got;
    gens[g].misses = got > 0 ? 0 : gens[g].misses + 1;
  }
  stats.estimated = estimate();
  return stats;
}

// --- Village grids -------------------------------------------------------------------------------

/**
 * Short-block residential grids beside the villages of 100+ residents: about one junction per
 * eight residents, reached at full size at 500 000 nodes. Laid before the village lanes (which
 * also grow with the node count) so that the lanes fit around the grids, not the other way.
 * Returns the number of grids laid; nothing at or below {@link SETTLEMENT_FROM_NODES}.
 */
export function addVillageGrids(net: Network, places: Place[], nodes: number, rng: Rng): number {
  const scale = Math.min(1, (nodes - SETTLEMENT_FROM_NODES) / 480_000);
  let made = 0;
  for (const place of places) {
    if (place.kind === 'town' || place.population < 100) continue;
    const want = Math.min(150, Math.round((place.population / 8) * scale));
    if (want < 6) continue;
    if (villageGrid(net, place, want, rng)) made++;
  }
  return made;
}

function villageGrid(net: Network, place: Place, want: number, rng: Rng): boolean {
  const rule: PathRule = { zone: place.zone, clearance: 0.02, lakeMargin: 0.06 };
  const anchors = anchorsNear(net, place.center, 0.4).slice(0, 8);
  let nx = Math.max(1, Math.round(Math.sqrt(want)) - 1);
  let ny = Math.max(1, Math.round(want / (nx + 1)) - 1);
  const bs = rng.float(0.07, 0.1);
  // Every village has its Björkvägen: the town's street names are reused, a few per village.
  const names = rng.shuffle([...STREET_NAMES]).slice(0, 8);
  while (nx >= 1 && ny >= 1) {
    for (const ref of anchors) {
      const v = ref.way.pts[ref.i];
      const d = directionAt(ref.way, ref.i);
      for (const [side, gap] of [
        [1, 0.05],
        [-1, 0.05],
        [1, 0.15],
        [-1, 0.15],
      ]) {
        const n = { x: -d.y * side, y: d.x * side };
        const half = Math.floor(nx / 2);
        const P = (i: number, k: number): XY => ({
          x: v.x + d.x * (i - half) * bs + n.x * (gap + k * bs),
          y: v.y + d.y * (i - half) * bs + n.y * (gap + k * bs),
        });
        const segs: [XY, XY][] = [[v, P(half, 0)]];
        for (let k = 0; k <= ny; k++) for (let i = 1; i <= nx; i++) segs.push([P(i - 1, k), P(i, k)]);
        for (let i = 0; i <= nx; i++) for (let k = 1; k <= ny; k++) segs.push([P(i, k - 1), P(i, k)]);
        if (!segs.every(([a, b]) => net.segmentOk(a, b, rule))) continue;
        const V: Vtx[][] = [];
        for (let i = 0; i <= nx; i++) {
          V.push([]);
          for (let k = 0; k <= ny; k++) V[i].push({ ...P(i, k), j: -1 });
        }
        const tags = (): Tags => {
          const name = names.pop();
          return name
            ? [
                ['highway', 'residential'],
                ['name', name],
              ]
            : [['highway', 'residential']];
        };
        const zone = place.zone;
        for (let k = 0; k <= ny; k++)
          net.add(
            'grid',
            V.map((col) => net.junction(col[k])),
            { zone, tags: tags() },
          );
        for (let i = 0; i <= nx; i++)
          net.add(
            'grid',
            V[i].map((p) => net.junction(p)),
            { zone, tags: tags() },
          );
        net.add('grid', [net.junction(v), net.junction(V[half][0])], {
          zone,
          tags: [['highway', 'residential']],
        });
        return true;
      }
    }
    if (nx >= ny) nx--;
    else ny--;
  }
  return false;
}

// --- Farms and hamlets ---------------------------------------------------------------------------

/** Heading perpendicular to the way at an anchor, on a free side; marks the side used. */
function branchHeading(ctx: Ctx, id: number, towards: XY | null, rng: Rng): number | null {
  const a = ctx.anchors;
  const way = a.way[id];
  const i = a.idx[id];
  const d = directionAt(way, i);
  const v = way.pts[i];
  let side: 1 | 2;
  if (towards) {
    const cross = d.x * (towards.y - v.y) - d.y * (towards.x - v.x);
    side = cross >= 0 ? 1 : 2;
    if (a.sides[id] & side) side = side === 1 ? 2 : 1;
  } else side = a.sides[id] & 1 ? 2 : a.sides[id] & 2 ? 1 : rng.chance(0.5) ? 1 : 2;
  if (a.sides[id] & side) return null;
  a.sides[id] |= side;
  const s = side === 1 ? 1 : -1;
  // Left of the direction for side 1; never closer than ~55° to the road itself.
  const noise = Math.max(-0.6, Math.min(0.6, rng.normal() * 0.3));
  return Math.atan2(d.x * s, -d.y * s) + noise;
}

/** A farm road ending in a yard with driveways, or a hamlet road ending in a loop. */
function farmstead(ctx: Ctx, rng: Rng): void {
  const { net, anchors } = ctx;
  const id = anchors.random(rng, FARM);
  if (id < 0) return;
  const v = anchors.point(id);
  if (!clearOfPlaces(ctx, v, 0.5)) {
    anchors.sides[id] = 3;
    return;
  }
  const h = branchHeading(ctx, id, null, rng);
  if (h === null) return;
  const zone = net.zoneOf(v);
  const rule: PathRule = { zone, clearance: 0.04, lakeMargin: 0.06 };
  const road = randomWalk(net, v, h, rng.int(1, 3), [0.08, 0.2], 0.35, rule, rng);
  if (road.length < 2) return;
  const end = road[road.length - 1];
  const last = road[road.length - 2];
  const heading = Math.atan2(end.y - last.y, end.x - last.x);
  const hamlet = rng.chance(0.35) && clearOfPlaces(ctx, end, 0.45);
  const way = addWay(ctx, 'farm', [net.junction(v), ...vertices(road.slice(1))], {
    zone,
    indexed: true,
    tags: hamlet ? GRAVEL_UNCLASSIFIED : FARM_ROAD,
  });
  anchors.addWay(way, DRIVE);
  const endV = way.pts[way.pts.length - 1];
  if (hamlet && hamletLoop(ctx, endV, heading, rule, rng)) {
    ctx.stats.hamlets++;
    return;
  }
  ctx.stats.farms++;
  // The farmyard: two or three driveways fanning out from the end of the farm road.
  let stubs = 0;
  for (const turn of rng.shuffle([-0.9, 0, 0.9])) {
    if (stubs === 3 || (stubs === 2 && rng.chance(0.5))) break;
    if (stub(ctx, endV, heading + turn + rng.normal() * 0.15, [0.03, 0.08], rule, rng)) stubs++;
  }
  if (stubs === 0) ctx.tips++;
}

/** A small loop road at the end of a hamlet road, with driveways to the houses around it. */
function hamletLoop(ctx: Ctx, endV: Vtx, heading: number, rule: PathRule, rng: Rng): boolean {
  const { net } = ctx;
  const r = rng.float(0.07, 0.13);
  const c = { x: endV.x + Math.cos(heading) * r, y: endV.y + Math.sin(heading) * r };
  const n = rng.int(5, 7);
  const a0 = Math.atan2(endV.y - c.y, endV.x - c.x);
  const ring: XY[] = [endV];
  for (let k = 1; k < n; k++) {
    const a = a0 + (2 * Math.PI * k) / n + rng.float(-0.15, 0.15);
    const rr = r * rng.float(0.85, 1.15);
    ring.push({ x: c.x + Math.cos(a) * rr, y: c.y + Math.sin(a) * rr });
  }
  for (let k = 0; k < n; k++) if (!net.segmentOk(ring[k], ring[(k + 1) % n], rule)) return false;
  for (let k = 0; k < n; k++) {
    const a = ring[k];
    const b = ring[(k + 1) % n];
    net.index.add(a.x, a.y, b.x, b.y);
  }
  const loop = addWay(ctx, 'farm', [net.junction(endV), ...vertices(ring.slice(1))], {
    zone: rule.zone,
    closed: true,
    indexed: true,
    tags: GRAVEL_UNCLASSIFIED,
  });
  for (let k = 1; k < n; k++) {
    if (!rng.chance(0.6)) continue;
    const p = loop.pts[k];
    stub(ctx, p, Math.atan2(p.y - c.y, p.x - c.x) + rng.normal() * 0.2, [0.03, 0.07], rule, rng);
  }
  return true;
}

/** One straight driveway (or forest landing) from `from`; true when it fitted. */
function stub(
  ctx: Ctx,
  from: Vtx,
  heading: number,
  len: [number, number],
  rule: PathRule,
  rng: Rng,
  tags = DRIVEWAY,
): boolean {
  const { net } = ctx;
  const l = rng.float(len[0], len[1]);
  const end = { x: from.x + Math.cos(heading) * l, y: from.y + Math.sin(heading) * l };
  if (!net.segmentOk(from, end, { ...rule, clearance: 0.02 })) return false;
  net.index.add(from.x, from.y, end.x, end.y);
  addWay(ctx, 'driveway', [net.junction(from), { ...end, j: -1 }], { zone: rule.zone, indexed: true, tags });
  ctx.tips++;
  ctx.stats.driveways++;
  return true;
}

// --- Driveways -----------------------------------------------------------------------------------

/** A driveway to a house beside a public road or a lane, or a landing beside a forest road. */
function driveway(ctx: Ctx, rng: Rng): void {
  const id = ctx.anchors.random(rng, DRIVE);
  if (id < 0) return;
  const v = ctx.anchors.point(id);
  const h = branchHeading(ctx, id, null, rng);
  if (h === null) return;
  const rule: PathRule = { zone: ctx.net.zoneOf(v), clearance: 0.02, lakeMargin: 0.05 };
  const forest = ctx.anchors.way[id].role === 'forest';
  stub(ctx, v, h, [0.03, 0.12], rule, rng, forest ? LANDING : DRIVEWAY);
}

// --- Forest roads --------------------------------------------------------------------------------

/**
 * A forest road into the nearest stretch of empty forest: a gravel road of 1–3 km from a rural
 * road or another forest road towards a random point of the region, with spurs on both sides;
 * some spurs loop back to the road, some continue as tracks.
 */
function forestRoad(ctx: Ctx, rng: Rng): void {
  const { net, anchors, region } = ctx;
  const target = { x: rng.float(region.minX, region.maxX), y: rng.float(region.minY, region.maxY) };
  const id = anchors.nearest(target, 3, FOREST);
  if (id < 0) return;
  const v = anchors.point(id);
  if (!clearOfPlaces(ctx, v, 0.8, 2.5)) {
    anchors.sides[id] = 3;
    return;
  }
  const h = branchHeading(ctx, id, dist(target, v) > 0.05 ? target : null, rng);
  if (h === null) return;
  const zone = net.zoneOf(v);
  const rule: PathRule = { zone, clearance: 0.06, lakeMargin: 0.06 };
  const pts = randomWalk(net, v, h, rng.int(4, 12), [0.15, 0.3], 0.25, rule, rng);
  if (pts.length < 2) return;
  const main = addWay(ctx, 'forest', [net.junction(v), ...vertices(pts.slice(1))], {
    zone,
    indexed: true,
    tags: GRAVEL_UNCLASSIFIED,
  });
  ctx.stats.forestRoads++;
  const last = main.pts.length - 1;
  let endOpen = true;
  const spurRule: PathRule = { ...rule, clearance: 0.05 };
  for (let k = 1; k < last; k++) {
    for (const s of [1, -1]) {
      if (!rng.chance(0.4)) continue;
      const d = directionAt(main, k);
      // Spurs leave at 50–90° to the road, leaning forward the way forest roads do.
      const h2 = Math.atan2(d.y, d.x) + s * rng.float(0.9, 1.6);
      const from = main.pts[k];
      const spur = randomWalk(net, from, h2, rng.int(1, 3), [0.1, 0.25], 0.3, spurRule, rng);
      if (spur.length < 2) continue;
      const back = k + rng.int(2, 3);
      const tip = spur[spur.length - 1];
      if (rng.chance(0.2) && back < last && clearOfPlaces(ctx, tip, 0.45)) {
        const to = main.pts[back];
        if (net.segmentOk(tip, to, spurRule)) {
          net.index.add(tip.x, tip.y, to.x, to.y);
          addWay(ctx, 'forest', [net.junction(from), ...vertices(spur.slice(1)), net.junction(to)], {
            zone,
            indexed: true,
            tags: GRAVEL_UNCLASSIFIED,
          });
          continue;
        }
      }
      const way = addWay(ctx, 'forest', [net.junction(from), ...vertices(spur.slice(1))], {
        zone,
        indexed: true,
        tags: GRAVEL_UNCLASSIFIED,
      });
      anchors.addWay(way, FOREST | DRIVE);
      if (!(rng.chance(0.3) && trackOn(ctx, way, rule, rng))) ctx.tips++;
    }
  }
  anchors.addWay(main, FOREST | DRIVE);
  if (rng.chance(0.3) && trackOn(ctx, main, rule, rng)) endOpen = false;
  if (endOpen) ctx.tips++;
}

/** Continues a road from its last vertex as a forest track (not for cars); true when it fitted. */
function trackOn(ctx: Ctx, way: Way, rule: PathRule, rng: Rng): boolean {
  const { net } = ctx;
  const n = way.pts.length;
  const end = way.pts[n - 1];
  const prev = way.pts[n - 2];
  const h = Math.atan2(end.y - prev.y, end.x - prev.x) + rng.normal() * 0.3;
  const pts = randomWalk(net, end, h, rng.int(1, 4), [0.1, 0.25], 0.35, rule, rng);
  if (pts.length < 2) return false;
  addWay(ctx, 'track', [net.junction(end), ...vertices(pts.slice(1))], {
    zone: rule.zone,
    indexed: true,
    tags: TRACK_GRADES[rng.int(0, 2)],
  });
  return true;
}
