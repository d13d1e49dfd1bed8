/**
 * The in-memory model of the demo map before it is written: ways as short lists of control
 * vertices, junction nodes shared between ways, and the checks that keep new roads from
 * crossing existing ones, running into lakes or leaking out of their zone.
 *
 * Memory stays proportional to the *control* geometry, not to the node count: the bulk of the
 * nodes are interpolated along the control polylines while the file is written
 * ({@link forEachNode}), never stored. The control geometry itself grows with the junction
 * structure of large regions (about 0.9 M vertices and 180 MB for a 4 M-node file).
 */
import {
  expandRect,
  inRect,
  pointInRing,
  type Rect,
  SegmentIndex,
  segmentDistance,
  segmentHitsRect,
  segmentsCross,
  type XY,
} from './geom.js';
import type { Layout, Zone } from './layout.js';

/** A control vertex. `j` is its junction number when other ways share it, else -1. */
export interface Vtx {
  x: number;
  y: number;
  j: number;
}

/** OSM tags in output order. */
export type Tags = [string, string][];

/** What a way is in the generator's terms; decides tagging, densifying and where tracks may start. */
export type WayRole =
  | 'trunk'
  | 'primary'
  | 'roundabout'
  | 'link'
  | 'loop'
  | 'landing'
  | 'bridge'
  | 'street'
  | 'lane'
  | 'service'
  | 'private'
  | 'track'
  | 'water'
  | 'ferry'
  | 'stream'
  | 'building'
  // Roads of the node-count-driven settlement stage (see `settlement.ts`):
  /** County roads of the extra valley tiles of very large regions. */
  | 'county'
  /** Residential grids of the villages. */
  | 'grid'
  /** Farm roads and hamlet roads (with their loops). */
  | 'farm'
  /** Forest roads (skogsbilvägar) open to cars. */
  | 'forest'
  /** `service=driveway` stubs to houses and farmyards. */
  | 'driveway';

/** One way of the output, as a short list of control vertices plus its tags. */
export interface Way {
  pts: Vtx[];
  tags: Tags;
  role: WayRole;
  /** Closed ring: the first node is repeated at the end on output. */
  closed: boolean;
  zone: Zone | 'bridge';
  /** Inside the town (no tracks or farms start here). */
  urban: boolean;
  /** `ref` of the road route relation this way belongs to. */
  route?: string;
  /** Links only: the way this one branches off; the population it serves flows back along it. */
  parent?: Way;
  /** Residents that depend on this way (links), which sets its road class. */
  load: number;
  /** Nodes interpolated along the way on output to reach the requested node count. */
  extra: number;
}

/** Roles that become `highway=*` ways and share in the interpolated nodes. */
export const ROAD_ROLES: ReadonlySet<WayRole> = new Set<WayRole>([
  'trunk',
  'primary',
  'roundabout',
  'link',
  'loop',
  'landing',
  'bridge',
  'street',
  'lane',
  'service',
  'private',
  'track',
  'county',
  'grid',
  'farm',
  'forest',
  'driveway',
]);

/** Constraints on a new piece of road. */
export interface PathRule {
  /** `bridge` skips the zone rule (only the bridge itself and its abutment stubs). */
  zone: Zone | 'bridge';
  /** Minimum distance (km) to roads it does not join. */
  clearance: number;
  /** Minimum distance (km) to any shore. */
  lakeMargin: number;
}

/** All ways and junctions built so far, with the spatial index used to check new roads. */
export class Network {
  readonly ways: Way[] = [];
  /** Junction coordinates, by junction number. */
  readonly jx: number[] = [];
  readonly jy: number[] = [];
  index = new SegmentIndex(0.5);
  /** Where roads may go (300 m margin): the layout frame, or the whole tiled region. */
  bounds: Rect;
  private readonly farOuter: Rect;
  private readonly farInner: Rect;

  constructor(readonly layout: Layout) {
    // Main roads keep 300 m off the far zone and far roads 200 m inside it, so nothing but the
    // bridge can ever join the two.
    this.farOuter = expandRect(layout.farZone, 0.3);
    this.farInner = expandRect(layout.farZone, -0.2);
    this.bounds = { minX: 0, minY: 0, maxX: layout.frame.width, maxY: layout.frame.height };
  }

  /**
   * Rebuilds the spatial index from the ways (roads, buildings and, from now on, streams too)
   * plus `points` as zero-length obstacles (service points and place nodes that later roads
   * should not run over). Needed after ways were re-vertexed by {@link densify}.
   */
  reindex(points: readonly XY[]): void {
    const index = new SegmentIndex(0.5);
    for (const way of this.ways) {
      if (!ROAD_ROLES.has(way.role) && way.role !== 'building' && way.role !== 'stream') continue;
      const pts = way.pts;
      const n = pts.length;
      for (let i = 1; i < n + (way.closed ? 1 : 0); i++) {
        const a = pts[i - 1];
        const b = pts[i % n];
        index.add(a.x, a.y, b.x, b.y);
      }
    }
    for (const p of points) index.add(p.x, p.y, p.x, p.y);
    this.index = index;
  }

  /** Makes `v` a junction (if it is not one already) and returns a vertex sharing it. */
  junction(v: Vtx): Vtx {
    if (v.j < 0) {
      v.j = this.jx.length;
      this.jx.push(v.x);
      this.jy.push(v.y);
    }
    return { x: v.x, y: v.y, j: v.j };
  }

  /** Which zone a point belongs to. */
  zoneOf(p: XY): Zone {
    return inRect(p.x, p.y, this.layout.farZone) ? 'far' : 'main';
  }

  /** Adds a way; road segments go into the spatial index unless `indexed` says they already are. */
  add(
    role: WayRole,
    pts: Vtx[],
    opts: Partial<Pick<Way, 'tags' | 'closed' | 'zone' | 'urban' | 'route' | 'parent'>> & {
      indexed?: boolean;
    } = {},
  ): Way {
    const way: Way = {
      pts,
      tags: opts.tags ?? [],
      role,
      closed: opts.closed ?? false,
      zone: opts.zone ?? 'main',
      urban: opts.urban ?? false,
      route: opts.route,
      parent: opts.parent,
      load: 0,
      extra: 0,
    };
    if (!opts.indexed && (ROAD_ROLES.has(role) || role === 'building')) {
      const n = pts.length;
      for (let i = 1; i < n + (way.closed ? 1 : 0); i++) {
        const a = pts[i - 1];
        const b = pts[i % n];
        this.index.add(a.x, a.y, b.x, b.y);
      }
    }
    this.ways.push(way);
    return way;
  }

  /** Drops the spatial index once no more roads will be built (it is most of the model's memory). */
  releaseIndex(): void {
    this.index = new SegmentIndex(0.5);
  }

  /** True when a new segment ab obeys `rule` against everything built so far. */
  segmentOk(a: XY, b: XY, rule: PathRule, skipLakes = false): boolean {
    const { minX, minY, maxX, maxY } = this.bounds;
    const m = 0.3;
    if (b.x < minX + m || b.y < minY + m || b.x > maxX - m || b.y > maxY - m) return false;
    if (a.x < minX + m || a.y < minY + m || a.x > maxX - m || a.y > maxY - m) return false;
    if (rule.zone === 'main' && segmentHitsRect(a.x, a.y, b.x, b.y, this.farOuter)) return false;
    if (rule.zone === 'far' && !(inRect(a.x, a.y, this.farInner) && inRect(b.x, b.y, this.farInner)))
      return false;
    if (!skipLakes && !this.clearOfLakes(a, b, rule.lakeMargin)) return false;
    return !this.index.conflicts(a.x, a.y, b.x, b.y, rule.clearance);
  }

  /** True when every segment of `pts` passes {@link segmentOk} and the path does not cross itself. */
  pathOk(pts: readonly XY[], rule: PathRule, skipLakesOnFirst = false): boolean {
    for (let i = 1; i < pts.length; i++) {
      if (!this.segmentOk(pts[i - 1], pts[i], rule, skipLakesOnFirst && i === 1)) return false;
    }
    for (let i = 1; i < pts.length; i++) {
      for (let k = i + 2; k < pts.length; k++) {
        const a = pts[i - 1];
        const b = pts[i];
        const c = pts[k - 1];
        const d = pts[k];
        if (segmentsCross(a.x, a.y, b.x, b.y, c.x, c.y, d.x, d.y)) return false;
      }
    }
    return true;
  }

  /** True when segment ab stays `margin` km from every shore and out of every lake. */
  clearOfLakes(a: XY, b: XY, margin: number): boolean {
    for (const lake of this.layout.lakes) {
      const r = lake.bbox;
      if (Math.max(a.x, b.x) < r.minX - margin || Math.min(a.x, b.x) > r.maxX + margin) continue;
      if (Math.max(a.y, b.y) < r.minY - margin || Math.min(a.y, b.y) > r.maxY + margin) continue;
      if (pointInRing(a.x, a.y, lake.ring) || pointInRing(b.x, b.y, lake.ring)) return false;
      const ring = lake.ring;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        if (segmentDistance(a.x, a.y, b.x, b.y, ring[j].x, ring[j].y, ring[i].x, ring[i].y) < margin)
          return false;
      }
    }
    return true;
  }

  /** True when a point is at least `margin` km from every shore and not in a lake. */
  pointOnLand(p: XY, margin: number): boolean {
    return this.clearOfLakes(p, p, margin);
  }
}

/**
 * Inserts vertices so that no segment of `way` is longer than `max` km (straight subdivision:
 * the drawn line does not change). More vertices mean more places for driveways and forest
 * roads to branch off. The spatial index must be rebuilt afterwards ({@link Network.reindex}).
 */
export function densify(way: Way, max: number): void {
  const pts = way.pts;
  const n = pts.length;
  const out: Vtx[] = [pts[0]];
  for (let i = 1; i < n + (way.closed ? 1 : 0); i++) {
    const a = pts[i - 1];
    const b = pts[i % n];
    const k = Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / max);
    for (let q = 1; q < k; q++)
      out.push({ x: a.x + ((b.x - a.x) * q) / k, y: a.y + ((b.y - a.y) * q) / k, j: -1 });
    if (i < n) out.push(b);
  }
  way.pts = out;
}

/** Fresh (non-junction) vertices for a polyline. */
export function vertices(pts: readonly XY[]): Vtx[] {
  return pts.map((p) => ({ x: p.x, y: p.y, j: -1 }));
}

/** Number of distinct nodes a way contributes on output (shared junctions counted once each). */
export function nodeCount(way: Way): number {
  return way.pts.length + way.extra;
}

/** Number of node refs a way has on output (a closed way repeats its first node). */
export function refCount(way: Way): number {
  return nodeCount(way) + (way.closed ? 1 : 0);
}

/** Length in km of a way's control polyline, including the closing segment of a ring. */
export function wayLength(way: Way): number {
  const pts = way.pts;
  const n = pts.length;
  let s = 0;
  for (let i = 1; i < n + (way.closed ? 1 : 0); i++)
    s += Math.hypot(pts[i % n].x - pts[i - 1].x, pts[i % n].y - pts[i - 1].y);
  return s;
}

/**
 * Visits every node of a way in order: control vertices (with their junction number, or -1) and
 * `way.extra` interpolated nodes (-1) spread over the segments in proportion to their length.
 * The closing repeat of a ring's first node is not visited. Writing nodes and writing way refs
 * both walk ways through this one function, which is what keeps node ids and refs in step
 * without storing a single interpolated node.
 */
export function forEachNode(way: Way, visit: (x: number, y: number, j: number) => void): void {
  const pts = way.pts;
  const n = pts.length;
  visit(pts[0].x, pts[0].y, pts[0].j);
  const segs = way.closed ? n : n - 1;
  if (way.extra === 0) {
    for (let i = 1; i < n; i++) visit(pts[i].x, pts[i].y, pts[i].j);
    return;
  }
  const total = wayLength(way);
  let acc = 0;
  let done = 0;
  for (let s = 0; s < segs; s++) {
    const a = pts[s];
    const b = pts[(s + 1) % n];
    acc += Math.hypot(b.x - a.x, b.y - a.y);
    // Cumulative rounding: per-segment counts always sum to exactly `extra`.
    const upTo = s === segs - 1 ? way.extra : Math.min(way.extra, Math.round((way.extra * acc) / total));
    const c = upTo - done;
    done = upTo;
    for (let q = 1; q <= c; q++) {
      const t = q / (c + 1);
      visit(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, -1);
    }
    if (s + 1 < n) visit(b.x, b.y, b.j);
  }
}
