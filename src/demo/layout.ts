/**
 * The large-scale geography of the demo region: the main valley with its trunk road and the
 * town, the north–south primary road, the lakes (one crossed by a single bridge, one by a ferry,
 * some ponds), the sites of the localities and the municipal borders. Everything here is
 * independent of the requested node count, so a 20 000-node quick-start demo and a 4 M-node stress
 * file for the same seed share the same places, lakes and municipalities.
 */
import { AppError, ErrorIds } from '../errors.js';
import {
  demoFrame,
  dist,
  expandRect,
  type Frame,
  inRect,
  pointInRing,
  pointRingDistance,
  pointSegmentDistance,
  polylineDistance,
  type Rect,
  rectOf,
  ringArea,
  segmentHitsRect,
  segmentsCross,
  wigglyLine,
  type XY,
} from './geom.js';
import { NameGen } from './names.js';
import type { Rng } from './prng.js';

/**
 * Road-network zone. `far` is the land beyond the bridge lake: its roads may only meet the rest
 * of the network through the bridge, which is what makes the bridge critical.
 */
export type Zone = 'main' | 'far';

/** Why a locality is where it is; drives its size and whether it stays a dead end. */
export type SiteRole = 'town' | 'major' | 'far' | 'ski' | 'remote' | 'other';

/** The four rural road lines leaving the town, each listed from the town edge outward. */
export type RoadLine = 'trunkWest' | 'trunkEast' | 'primaryNorth' | 'primarySouth';
/** All four road lines, in a fixed order (iteration order matters for determinism). */
export const ROAD_LINES: readonly RoadLine[] = ['trunkWest', 'trunkEast', 'primaryNorth', 'primarySouth'];

/** A water body, drawn as a closed `natural=water` way. */
export interface Lake {
  name: string;
  kind: 'bridge' | 'ferry' | 'pond';
  /** Open ring (last point is not a repeat of the first), counter-clockwise. */
  ring: XY[];
  bbox: Rect;
}

/** A candidate locality position. Whether it becomes a place depends on the road builder. */
export interface Site extends XY {
  role: SiteRole;
  zone: Zone;
  /** Set when the site lies on a rural trunk/primary line (at vertex `index`). */
  onRoad?: { line: RoadLine; index: number };
}

/** The node-count-independent geography of one seed. */
export interface Layout {
  frame: Frame;
  /** Centre of the town, where the trunk and primary roads meet in a roundabout. */
  town: XY;
  /** Length (km) of the straight town section of each road leaving the roundabout. */
  townReach: number;
  lines: Record<RoadLine, XY[]>;
  bridgeLake: Lake;
  /** Abutments of the single bridge across the bridge lake (on land, just off the shore). */
  bridge: { north: XY; south: XY; name: string };
  ferryLake: Lake;
  /** Ferry landings on the west and east shore of the ferry lake. */
  ferry: { west: XY; east: XY; name: string };
  ponds: Lake[];
  /** Every water body, for clearance checks. */
  lakes: Lake[];
  /** The land beyond the bridge (south of the bridge lake). */
  farZone: Rect;
  sites: Site[];
  /** Municipality rings (open, counter-clockwise), sharing border vertices exactly. */
  borders: XY[][];
  names: NameGen;
}

const fail = (what: string) =>
  new AppError(ErrorIds.internal, 500, `Demo region layout failed: ${what} (try another seed)`);

/** Lays out the region for one seed. */
export function createLayout(rng: Rng): Layout {
  const frame = demoFrame();
  const names = new NameGen(rng.fork('names'));
  const W = frame.width;
  const H = frame.height;
  const townReach = 3;
  const r = rng.fork('valley');
  const town = { x: W * r.float(0.46, 0.54), y: H * r.float(0.45, 0.55) };
  const lines = roadLines(frame, town, townReach, r);
  const allLines = ROAD_LINES.map((l) => lines[l]);

  const {
    lake: bridgeLake,
    bridge,
    farZone,
    westSide,
  } = placeBridgeLake(frame, allLines, rng.fork('bridge-lake'), names);
  const { lake: ferryLake, ferry } = placeFerryLake(
    frame,
    allLines,
    bridgeLake,
    farZone,
    westSide,
    rng.fork('ferry-lake'),
    names,
  );
  const ponds = placePonds(
    frame,
    town,
    allLines,
    [bridgeLake, ferryLake],
    [bridge.north, bridge.south, ferry.west, ferry.east],
    rng.fork('ponds'),
    names,
  );
  const lakes = [bridgeLake, ferryLake, ...ponds];
  const sites = placeSites(frame, town, lines, lakes, farZone, rng.fork('sites'));
  const borders = municipalBorders(frame, rng.fork('borders'));
  return {
    frame,
    town,
    townReach,
    lines,
    bridgeLake,
    bridge,
    ferryLake,
    ferry,
    ponds,
    lakes,
    farZone,
    sites,
    borders,
    names,
  };
}

function insideFrame(p: XY, f: Frame, margin: number): boolean {
  return p.x >= margin && p.y >= margin && p.x <= f.width - margin && p.y <= f.height - margin;
}

function selfCrosses(line: readonly XY[]): boolean {
  for (let i = 1; i < line.length; i++) {
    for (let k = i + 2; k < line.length; k++) {
      const a = line[i - 1];
      const b = line[i];
      const c = line[k - 1];
      const d = line[k];
      if (segmentsCross(a.x, a.y, b.x, b.y, c.x, c.y, d.x, d.y)) return true;
    }
  }
  return false;
}

/** The trunk (west–east through the main valley) and primary (north–south) roads outside the town. */
function roadLines(f: Frame, town: XY, reach: number, rng: Rng): Record<RoadLine, XY[]> {
  const W = f.width;
  const H = f.height;
  for (let attempt = 0; attempt < 100; attempt++) {
    // Vertices every ~400 m: enough shape for a map, few enough to keep the 5 000-node demo small.
    const lines: Record<RoadLine, XY[]> = {
      trunkWest: wigglyLine(
        { x: town.x - reach, y: town.y },
        { x: 0.4, y: town.y + rng.float(-8, 8) },
        rng,
        0.12,
        0.4,
      ),
      trunkEast: wigglyLine(
        { x: town.x + reach, y: town.y },
        { x: W - 0.4, y: town.y + rng.float(-8, 8) },
        rng,
        0.12,
        0.4,
      ),
      primaryNorth: wigglyLine(
        { x: town.x, y: town.y + reach },
        { x: town.x + rng.float(-10, 10), y: H - 0.4 },
        rng,
        0.1,
        0.4,
      ),
      primarySouth: wigglyLine(
        { x: town.x, y: town.y - reach },
        { x: town.x + rng.float(-10, 10), y: 0.4 },
        rng,
        0.1,
        0.4,
      ),
    };
    const all = ROAD_LINES.map((l) => lines[l]);
    if (all.some((l) => l.some((p) => !insideFrame(p, f, 0.3)) || selfCrosses(l))) continue;
    let clear = true;
    for (let i = 0; i < all.length && clear; i++) {
      for (let k = i + 1; k < all.length && clear; k++)
        if (polylineDistance(all[i], all[k]) < 1.5) clear = false;
    }
    if (clear) return lines;
  }
  throw fail('road lines');
}

/**
 * An elongated lake outline: an ellipse with low-frequency radial noise, optionally pinched in
 * the middle (`waist`, km half-width) into a sound narrow enough for one bridge. Radial noise
 * keeps the outline star-shaped about the centre and the pinch is a bijection of the plane, so
 * the ring is always simple and any line through the centre crosses it exactly twice.
 */
export function lakeRing(c: XY, a: number, b: number, n: number, rng: Rng, waist?: number): XY[] {
  const harmonics = [2, 3, 4, 5].map((k) => ({
    k,
    amp: (rng.float(0, 0.05) * 2) / k,
    phase: rng.float(0, 2 * Math.PI),
  }));
  const ring: XY[] = [];
  for (let i = 0; i < n; i++) {
    // Half-step phase: no vertex sits exactly on the axes, where the bridge and ferry cross.
    const t = (2 * Math.PI * (i + 0.5)) / n;
    let rad = 1;
    for (const h of harmonics) rad += h.amp * Math.sin(h.k * t + h.phase);
    const x = a * Math.cos(t) * rad;
    let y = b * Math.sin(t) * rad;
    if (waist !== undefined) y *= 1 - (1 - waist / b) * Math.exp(-((x / (0.22 * a)) ** 2));
    ring.push({ x: c.x + x, y: c.y + y });
  }
  return ring;
}

/** A lake from a ring (turned counter-clockwise if needed), with its bounding box. */
export function makeLake(name: string, kind: Lake['kind'], ring: XY[]): Lake {
  if (ringArea(ring) < 0) ring.reverse();
  return { name, kind, ring, bbox: rectOf(ring) };
}

/** Crossings of a ring with the vertical line x = x0 (as y values) or horizontal y = y0 (as x). */
function ringCrossings(ring: readonly XY[], axis: 'x' | 'y', v: number): number[] {
  const out: number[] = [];
  const other = axis === 'x' ? 'y' : 'x';
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[j];
    const q = ring[i];
    if (p[axis] > v !== q[axis] > v)
      out.push(p[other] + ((v - p[axis]) / (q[axis] - p[axis])) * (q[other] - p[other]));
  }
  return out.sort((m, n) => m - n);
}

function closedRing(ring: readonly XY[]): XY[] {
  return [...ring, ring[0]];
}

/** The lake south of the valley whose narrows carry the only road to the land beyond it. */
function placeBridgeLake(f: Frame, lines: XY[][], rng: Rng, names: NameGen) {
  const W = f.width;
  const H = f.height;
  for (let attempt = 0; attempt < 300; attempt++) {
    const westSide = rng.chance(0.5);
    const c = {
      x: W * (westSide ? rng.float(0.2, 0.28) : rng.float(0.72, 0.8)),
      y: H * rng.float(0.2, 0.27),
    };
    const a = rng.float(8, 10.5);
    const b = rng.float(2.2, 3);
    const waist = rng.float(0.16, 0.28);
    const ring = lakeRing(c, a, b, 128, rng, waist);
    if (ring.some((p) => !insideFrame(p, f, 1))) continue;
    const closed = closedRing(ring);
    if (lines.some((l) => polylineDistance(l, closed) < 2)) continue;
    const farZone = { minX: c.x - 0.7 * a, minY: 0, maxX: c.x + 0.7 * a, maxY: c.y };
    const guard = expandRect(farZone, 1.5);
    if (
      lines.some((l) => l.some((p, i) => i > 0 && segmentHitsRect(l[i - 1].x, l[i - 1].y, p.x, p.y, guard)))
    )
      continue;
    const ys = ringCrossings(ring, 'x', c.x);
    const name = names.lake();
    const lake = makeLake(name, 'bridge', ring);
    const bridge = {
      north: { x: c.x, y: ys[ys.length - 1] + 0.06 },
      south: { x: c.x, y: ys[0] - 0.06 },
      name: `${NameGen.stem(name)}sundsbron`,
    };
    return { lake, bridge, farZone, westSide };
  }
  throw fail('bridge lake');
}

/** A long north–south lake north of the valley with a car ferry across its middle. */
function placeFerryLake(
  f: Frame,
  lines: XY[][],
  bridgeLake: Lake,
  farZone: Rect,
  bridgeWest: boolean,
  rng: Rng,
  names: NameGen,
) {
  const W = f.width;
  const H = f.height;
  const bridgeRing = closedRing(bridgeLake.ring);
  for (let attempt = 0; attempt < 300; attempt++) {
    const c = {
      x: W * (bridgeWest ? rng.float(0.68, 0.8) : rng.float(0.2, 0.32)),
      y: H * rng.float(0.68, 0.75),
    };
    const ring = lakeRing(c, rng.float(0.9, 1.4), rng.float(5.5, 7.5), 96, rng);
    if (ring.some((p) => !insideFrame(p, f, 1))) continue;
    const closed = closedRing(ring);
    if (lines.some((l) => polylineDistance(l, closed) < 2)) continue;
    if (
      polylineDistance(bridgeRing, closed) < 3 ||
      ring.some((p) => inRect(p.x, p.y, expandRect(farZone, 3)))
    )
      continue;
    const xs = ringCrossings(ring, 'y', c.y);
    const name = names.lake();
    return {
      lake: makeLake(name, 'ferry', ring),
      ferry: {
        west: { x: xs[0] - 0.05, y: c.y },
        east: { x: xs[xs.length - 1] + 0.05, y: c.y },
        name: `${NameGen.stem(name)}leden`,
      },
    };
  }
  throw fail('ferry lake');
}

/** Small lakes (tjärnar) scattered away from the main roads, as obstacles and scenery. */
function placePonds(
  f: Frame,
  town: XY,
  lines: XY[][],
  lakes: Lake[],
  keepClear: XY[],
  rng: Rng,
  names: NameGen,
): Lake[] {
  const want = rng.int(4, 7);
  const ponds: { lake: Lake; c: XY; r: number }[] = [];
  for (let attempt = 0; attempt < 400 && ponds.length < want; attempt++) {
    const c = { x: rng.float(3, f.width - 3), y: rng.float(3, f.height - 3) };
    const r = rng.float(0.35, 1);
    if (dist(c, town) < 6 || keepClear.some((p) => dist(p, c) < r + 3)) continue;
    if (lines.some((l) => distanceToLine(c, l) < r + 1.5)) continue;
    if (lakes.some((l) => pointInRing(c.x, c.y, l.ring) || pointRingDistance(c.x, c.y, l.ring) < r + 2))
      continue;
    if (ponds.some((p) => dist(p.c, c) < p.r + r + 1.5)) continue;
    const ring = lakeRing(c, r * rng.float(1, 1.5), r, 40, rng);
    ponds.push({ lake: makeLake(names.lake(true), 'pond', ring), c, r: r * 1.5 });
  }
  return ponds.map((p) => p.lake);
}

function distanceToLine(p: XY, line: readonly XY[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < line.length; i++) {
    const d = pointSegmentDistance(p.x, p.y, line[i - 1].x, line[i - 1].y, line[i].x, line[i].y);
    if (d < best) best = d;
  }
  return best;
}

/**
 * Candidate localities: the town, larger villages strung along the trunk and primary roads, a
 * few villages beyond the bridge, ski-resort villages and remote dead-end valleys in the western
 * fjäll, and the rest scattered with a density that falls off away from the valleys (people
 * live along the roads, not on the mountains).
 */
function placeSites(
  f: Frame,
  town: XY,
  lines: Record<RoadLine, XY[]>,
  lakes: Lake[],
  farZone: Rect,
  rng: Rng,
): Site[] {
  const sites: Site[] = [{ x: town.x, y: town.y, role: 'town', zone: 'main' }];
  const all = ROAD_LINES.map((l) => lines[l]);
  const lineDist = (p: XY) => Math.min(...all.map((l) => distanceToLine(p, l)));
  const farGuard = expandRect(farZone, 1.5);
  const farInner = expandRect(farZone, -1.2);
  const ok = (p: XY, zone: Zone, spacing = 3): boolean => {
    if (!insideFrame(p, f, 2) || dist(p, town) < 5) return false;
    if (zone === 'main' ? inRect(p.x, p.y, farGuard) : !inRect(p.x, p.y, farInner)) return false;
    for (const l of lakes)
      if (pointInRing(p.x, p.y, l.ring) || pointRingDistance(p.x, p.y, l.ring) < 0.8) return false;
    return sites.every((s) => dist(s, p) >= spacing);
  };

  // Larger villages on the main roads, at least 8 km out of town and 6 km from each other.
  const onRoad: { line: RoadLine; index: number; p: XY }[] = [];
  for (const line of ROAD_LINES) {
    for (const [index, p] of lines[line].entries())
      if (index > 0 && dist(p, town) >= 8) onRoad.push({ line, index, p });
  }
  rng.shuffle(onRoad);
  let majors = 0;
  for (const c of onRoad) {
    if (majors >= 5) break;
    if (!ok(c.p, 'main', 6)) continue;
    sites.push({ x: c.p.x, y: c.p.y, role: 'major', zone: 'main', onRoad: { line: c.line, index: c.index } });
    majors++;
  }

  const scatter = (
    count: number,
    role: SiteRole,
    zone: Zone,
    sample: () => XY,
    accept: (p: XY) => boolean,
  ) => {
    let placed = 0;
    for (let attempt = 0; attempt < 3000 && placed < count; attempt++) {
      const p = sample();
      if (!ok(p, zone) || !accept(p)) continue;
      sites.push({ x: p.x, y: p.y, role, zone });
      placed++;
    }
  };
  const anywhere = () => ({ x: rng.float(0, f.width), y: rng.float(0, f.height) });
  scatter(
    rng.int(3, 5),
    'far',
    'far',
    () => ({ x: rng.float(farInner.minX, farInner.maxX), y: rng.float(farInner.minY, farInner.maxY) }),
    () => true,
  );
  // Ski resorts sit up side valleys in the western fjäll, well off the main roads.
  scatter(
    rng.int(2, 3),
    'ski',
    'main',
    () => ({ x: rng.float(0, f.width * 0.42), y: rng.float(f.height * 0.45, f.height) }),
    (p) => lineDist(p) >= 6,
  );
  scatter(3, 'remote', 'main', anywhere, (p) => lineDist(p) >= 10);
  scatter(66 - sites.length, 'other', 'main', anywhere, (p) =>
    rng.chance(Math.exp(-lineDist(p) / 10) + 0.12),
  );
  return sites;
}

/**
 * Municipal borders: the bounding box cut by a wiggly west–east line and a wiggly north–south
 * line (or only its northern half, for three municipalities) meeting at one point. Neighbouring
 * rings are built from the very same border vertices, so there are no gaps or overlaps.
 */
function municipalBorders(f: Frame, rng: Rng): XY[][] {
  const W = f.width;
  const H = f.height;
  const four = rng.chance(0.5);
  for (let attempt = 0; attempt < 200; attempt++) {
    const amp = attempt < 100 ? 0.1 : 0.05;
    const c = { x: W * rng.float(0.38, 0.62), y: H * rng.float(0.38, 0.62) };
    const clamp = (line: XY[]) =>
      line.map((p, i) =>
        i === 0 || i === line.length - 1
          ? p
          : { x: Math.min(W - 0.5, Math.max(0.5, p.x)), y: Math.min(H - 0.5, Math.max(0.5, p.y)) },
      );
    const left = clamp(wigglyLine({ x: 0, y: H * rng.float(0.35, 0.65) }, c, rng, amp, 1.5));
    const right = clamp(wigglyLine(c, { x: W, y: H * rng.float(0.35, 0.65) }, rng, amp, 1.5));
    const top = clamp(wigglyLine(c, { x: W * rng.float(0.35, 0.65), y: H }, rng, amp, 1.5));
    const bottom = four ? clamp(wigglyLine({ x: W * rng.float(0.35, 0.65), y: 0 }, c, rng, amp, 1.5)) : [];
    const pieces = four ? [left, right, top, bottom] : [left, right, top];
    if (pieces.some(selfCrosses)) continue;
    let crossing = false;
    for (let i = 0; i < pieces.length && !crossing; i++) {
      for (let k = i + 1; k < pieces.length && !crossing; k++) crossing = piecesCross(pieces[i], pieces[k]);
    }
    if (crossing) continue;
    const rev = (l: XY[]) => [...l].reverse();
    const rings = [
      [{ x: 0, y: H }, ...left, ...top.slice(1)],
      [{ x: W, y: H }, ...rev(top), ...right.slice(1)],
      ...(four
        ? [
            [{ x: W, y: 0 }, ...rev(right), ...rev(bottom).slice(1)],
            [{ x: 0, y: 0 }, ...bottom, ...rev(left).slice(1)],
          ]
        : [[{ x: 0, y: 0 }, { x: W, y: 0 }, ...rev(right), ...rev(left).slice(1)]]),
    ];
    return rings.map((ring) => (ringArea(ring) < 0 ? ring.reverse() : ring));
  }
  throw fail('municipal borders');
}

function piecesCross(a: readonly XY[], b: readonly XY[]): boolean {
  for (let i = 1; i < a.length; i++) {
    for (let k = 1; k < b.length; k++) {
      if (segmentsCross(a[i - 1].x, a[i - 1].y, a[i].x, a[i].y, b[k - 1].x, b[k - 1].y, b[k].x, b[k].y))
        return true;
    }
  }
  return false;
}
