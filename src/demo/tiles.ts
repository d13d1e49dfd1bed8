/**
 * Area growth for very large demo regions. Up to {@link TILE_NODES} requested nodes the region
 * is the single layout frame (about 98 × 89 km). Beyond that, settling ever more junctions into
 * the same area would give a suburb-dense road net everywhere, so the region grows instead: the
 * frame becomes the "home" tile of a rectangular grid of equal tiles (2 × 1, 2 × 2, 3 × 2, …,
 * home near the middle), every extra tile a settled forest valley of its own:
 *
 * - county roads (`highway=secondary`) from a valley centre to a gate on each shared tile edge;
 *   a gate next to the home tile is the outer end of the home's trunk or primary road, so the
 *   tiles hang on the home network and on each other (which also makes the region 2-connected);
 * - tertiary and unclassified side roads up the side valleys, and a few ponds;
 * - one municipality per extra tile (the home keeps its three or four).
 *
 * Farms, hamlets, driveways and forest roads are then spread over the whole region by
 * `settlement.ts`. Extra tiles carry no `place=*` localities or service points: places, services
 * and the home municipalities stay exactly those of the seed.
 */
import { AppError, ErrorIds } from '../errors.js';
import { dist, type Frame, inRect, type Rect, wigglyLine, type XY } from './geom.js';
import { type Layout, lakeRing, makeLake } from './layout.js';
import type { NameGen } from './names.js';
import { type Network, type PathRule, type Tags, type Vtx, vertices, type Way } from './network.js';
import { DEMO_COUNTY_CODE, type Municipality } from './places.js';
import type { Rng } from './prng.js';
import type { Skeleton } from './roads.js';

/** Requested nodes one tile holds; above this the region grows by whole tiles. */
export const TILE_NODES = 1_000_000;

/** One tile of the region grid. Offsets are in tile units from the home tile. */
export interface Tile {
  dc: number;
  dr: number;
  rect: Rect;
}

/** The tile grid of a region: the home tile at offset (0, 0) and the extra tiles around it. */
export interface TileGrid {
  cols: number;
  rows: number;
  /** Extent in tile units relative to the home tile: columns `c0 … c1 - 1`, rows `r0 … r1 - 1`. */
  c0: number;
  c1: number;
  r0: number;
  r1: number;
  /** The whole region in the local km grid (the home frame's origin). */
  region: Rect;
  /** Extra tiles, nearest to the home tile first. */
  extra: Tile[];
}

/**
 * The tile grid for a node count: `ceil(nodes / tileNodes)` tiles rounded up to a near-square
 * rectangle.
 */
export function tileGrid(frame: Frame, nodes: number, tileNodes = TILE_NODES): TileGrid {
  const want = Math.max(1, Math.ceil(nodes / tileNodes));
  const cols = Math.ceil(Math.sqrt(want));
  const rows = Math.ceil(want / cols);
  const c0 = -Math.floor((cols - 1) / 2);
  const r0 = -Math.floor((rows - 1) / 2);
  const W = frame.width;
  const H = frame.height;
  // Edges are integer multiples of W and H, so neighbouring tiles share them exactly.
  const rectOf = (dc: number, dr: number): Rect => ({
    minX: dc * W,
    minY: dr * H,
    maxX: (dc + 1) * W,
    maxY: (dr + 1) * H,
  });
  const extra: Tile[] = [];
  for (let dr = r0; dr < r0 + rows; dr++)
    for (let dc = c0; dc < c0 + cols; dc++)
      if (dc !== 0 || dr !== 0) extra.push({ dc, dr, rect: rectOf(dc, dr) });
  extra.sort(
    (a, b) => Math.abs(a.dc) + Math.abs(a.dr) - Math.abs(b.dc) - Math.abs(b.dr) || a.dr - b.dr || a.dc - b.dc,
  );
  return {
    cols,
    rows,
    c0,
    c1: c0 + cols,
    r0,
    r1: r0 + rows,
    region: { minX: c0 * W, minY: r0 * H, maxX: (c0 + cols) * W, maxY: (r0 + rows) * H },
    extra,
  };
}

/** Latitude/longitude bounds of the region; exactly the frame's for a single tile. */
export function regionBounds(
  f: Frame,
  g: TileGrid,
): { minLat: number; minLon: number; maxLat: number; maxLon: number } {
  // Multiples of the frame's span rather than km conversions, rounded to OSM's 7 decimals: the
  // one-tile case stays exactly the frame (63.6, not 63.599999…).
  const at = (lo: number, hi: number, k: number) => Math.round((lo + k * (hi - lo)) * 1e7) / 1e7;
  return {
    minLat: at(f.minLat, f.maxLat, g.r0),
    minLon: at(f.minLon, f.maxLon, g.c0),
    maxLat: at(f.minLat, f.maxLat, g.r1),
    maxLon: at(f.minLon, f.maxLon, g.c1),
  };
}

const fail = (what: string) =>
  new AppError(ErrorIds.internal, 500, `Demo region tiles failed: ${what} (try another seed)`);

const countyTags = (ref: number, rng: Rng): Tags => [
  ['highway', 'secondary'],
  ['ref', String(ref)],
  ['maxspeed', rng.chance(0.5) ? '70' : '80'],
  ['surface', 'asphalt'],
];

/**
 * County roads, side roads and ponds of every extra tile (see the module comment). Roads are
 * checked like all others, so they cross nothing and keep clear of the far zone.
 *
 * @throws AppError `internal_error` if a tile cannot be connected to the rest of the region.
 */
export function addTileRoads(net: Network, skeleton: Skeleton, grid: TileGrid, rng: Rng): Way[] {
  const added: Way[] = [];
  if (grid.extra.length === 0) return added;
  const rule: PathRule = { zone: 'main', clearance: 0.1, lakeMargin: 0.15 };
  const homeGate: Record<string, Vtx> = {
    '1,0': skeleton.ends.trunkEast,
    '-1,0': skeleton.ends.trunkWest,
    '0,1': skeleton.ends.primaryNorth,
    '0,-1': skeleton.ends.primarySouth,
  };
  const inGrid = (dc: number, dr: number) => dc >= grid.c0 && dc < grid.c1 && dr >= grid.r0 && dr < grid.r1;
  const gates = new Map<string, Vtx>();
  /** The gate on the edge between tile (dc, dr) and its neighbour at (dc + sx, dr + sy). */
  const gateOf = (t: Tile, sx: number, sy: number): Vtx => {
    const n = { dc: t.dc + sx, dr: t.dr + sy };
    if (n.dc === 0 && n.dr === 0) return homeGate[`${-sx},${-sy}`];
    const lo = sx + sy > 0 ? t : n;
    const key = `${lo.dc},${lo.dr},${sx === 0 ? 'h' : 'v'}`;
    let g = gates.get(key);
    if (!g) {
      const u = rng.fork(`gate-${key}`).float(0.3, 0.7);
      const r = t.rect;
      g =
        sx !== 0
          ? { x: sx > 0 ? r.maxX : r.minX, y: r.minY + u * (r.maxY - r.minY), j: -1 }
          : { x: r.minX + u * (r.maxX - r.minX), y: sy > 0 ? r.maxY : r.minY, j: -1 };
      gates.set(key, g);
    }
    return g;
  };
  // Union–find over tiles (key "dc,dr"), to prove every tile reaches the home tile.
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  const gateArms = new Map<Vtx, string[]>();

  let ref = 300 + rng.int(0, 60);
  for (const t of grid.extra) {
    const key = `${t.dc},${t.dr}`;
    parent.set(key, key);
    const tr = rng.fork(`tile-${key}`);
    const r = t.rect;
    const W = r.maxX - r.minX;
    const H = r.maxY - r.minY;
    const center: Vtx = { x: r.minX + W * tr.float(0.4, 0.6), y: r.minY + H * tr.float(0.4, 0.6), j: -1 };
    const tileWays: Way[] = [];
    const tags = countyTags(ref++, tr);
    for (const [sx, sy] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ] as const) {
      if (!inGrid(t.dc + sx, t.dr + sy)) continue;
      const gate = gateOf(t, sx, sy);
      for (const amp of [0.08, 0.04, 0]) {
        const pts = wigglyLine(center, gate, tr, amp, 0.4);
        if (!net.pathOk(pts, rule)) continue;
        const way = net.add(
          'county',
          [net.junction(center), ...vertices(pts.slice(1, -1)), net.junction(gate)],
          {
            tags,
          },
        );
        tileWays.push(way);
        const arms = gateArms.get(gate) ?? [];
        arms.push(key);
        gateArms.set(gate, arms);
        break;
      }
    }
    addSideRoads(net, t, tileWays, tr, rule);
    added.push(...tileWays);
  }
  // A gate joins the tiles whose arms reach it; a gate at the home tile joins the home.
  for (const [gate, keys] of gateArms) {
    const home = Object.values(homeGate).includes(gate);
    for (const k of keys) union(k, home ? '0,0' : keys[0]);
  }
  for (const t of grid.extra) if (find(`${t.dc},${t.dr}`) !== find('0,0')) throw fail('county roads');
  return added;
}

/** Side roads up the valleys of one tile, each a dead end branching off the tile's roads. */
function addSideRoads(net: Network, t: Tile, ways: Way[], rng: Rng, rule: PathRule): void {
  const r = t.rect;
  const refs: { way: Way; i: number }[] = [];
  for (const w of ways) for (let i = 1; i < w.pts.length - 1; i++) refs.push({ way: w, i });
  const want = rng.int(24, 32);
  let made = 0;
  for (let attempt = 0; attempt < want * 6 && made < want && refs.length > 0; attempt++) {
    const q = { x: rng.float(r.minX + 3, r.maxX - 3), y: rng.float(r.minY + 3, r.maxY - 3) };
    let best = refs[0];
    let bd = Number.POSITIVE_INFINITY;
    for (const ref of refs) {
      const d = dist(q, ref.way.pts[ref.i]);
      if (d < bd) {
        bd = d;
        best = ref;
      }
    }
    if (bd < 2 || bd > 16) continue;
    const target = best.way.pts[best.i];
    const pts = wigglyLine(q, target, rng, 0.12, 0.4);
    if (!net.pathOk(pts, rule)) continue;
    const long = bd > 7;
    const tags: Tags = long
      ? [
          ['highway', 'tertiary'],
          ['surface', 'asphalt'],
        ]
      : [
          ['highway', 'unclassified'],
          ['surface', rng.chance(0.55) ? 'gravel' : 'asphalt'],
        ];
    const way = net.add('county', [...vertices(pts.slice(0, -1)), net.junction(target)], { tags });
    ways.push(way);
    for (let i = 1; i < way.pts.length - 1; i++) refs.push({ way, i });
    made++;
  }
}

/** A few ponds per extra tile, where no road passes within 400 m. */
export function addTilePonds(net: Network, layout: Layout, grid: TileGrid, rng: Rng): void {
  for (const t of grid.extra) {
    const tr = rng.fork(`ponds-${t.dc},${t.dr}`);
    const r = t.rect;
    const want = tr.int(5, 9);
    let made = 0;
    for (let attempt = 0; attempt < 200 && made < want; attempt++) {
      const c = { x: tr.float(r.minX + 3, r.maxX - 3), y: tr.float(r.minY + 3, r.maxY - 3) };
      const rad = tr.float(0.4, 1.2);
      const ring = lakeRing(c, rad * tr.float(1, 1.6), rad, 40, tr);
      const box = {
        minX: c.x - 2 * rad - 1,
        minY: c.y - rad - 1,
        maxX: c.x + 2 * rad + 1,
        maxY: c.y + rad + 1,
      };
      if (layout.lakes.some((l) => overlaps(l.bbox, box))) continue;
      let clear = true;
      for (let i = 0; i < ring.length && clear; i++) {
        const a = ring[i];
        const b = ring[(i + 1) % ring.length];
        if (!inRect(a.x, a.y, r) || net.index.conflicts(a.x, a.y, b.x, b.y, 0.4)) clear = false;
      }
      // A road wholly inside the ring would not come near its shore.
      if (clear && net.index.conflicts(c.x - 0.01, c.y, c.x + 0.01, c.y, rad)) clear = false;
      if (!clear) continue;
      layout.lakes.push(makeLake(layout.names.lake(true), 'pond', ring));
      made++;
    }
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

/**
 * One municipality per extra tile, numbered after the home ones. A tile ring includes every
 * vertex of the home rings that lies on its edges, so neighbouring rings share their border
 * vertices exactly, as the home municipalities do among themselves.
 */
export function tileMunicipalities(
  grid: TileGrid,
  home: readonly Municipality[],
  names: NameGen,
): Municipality[] {
  const onEdges: XY[] = home.flatMap((m) => m.ring);
  return grid.extra.map((t, k) => {
    const r = t.rect;
    const corners: XY[] = [
      { x: r.minX, y: r.minY },
      { x: r.maxX, y: r.minY },
      { x: r.maxX, y: r.maxY },
      { x: r.minX, y: r.maxY },
    ];
    const ring: XY[] = [];
    for (let e = 0; e < 4; e++) {
      const a = corners[e];
      const b = corners[(e + 1) % 4];
      ring.push(a);
      const horizontal = a.y === b.y;
      const between = onEdges
        .filter((p) =>
          horizontal
            ? p.y === a.y && p.x > Math.min(a.x, b.x) && p.x < Math.max(a.x, b.x)
            : p.x === a.x && p.y > Math.min(a.y, b.y) && p.y < Math.max(a.y, b.y),
        )
        .sort((p, q) => (horizontal ? (p.x - q.x) * (b.x - a.x) : (p.y - q.y) * (b.y - a.y)));
      for (const p of between) if (!ring.some((q) => q.x === p.x && q.y === p.y)) ring.push(p);
    }
    return {
      code: `${DEMO_COUNTY_CODE}${String(home.length + k + 1).padStart(2, '0')}`,
      name: names.place(),
      ring,
    };
  });
}
