import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { DEMO_FILES, type DemoManifest, generateDemoRegion } from './generate.js';

// --- A small OSM XML reader for the assertions (kept separate from the generator on purpose) ---

interface ONode {
  id: number;
  lat: number;
  lon: number;
  tags: Record<string, string>;
}
interface OWay {
  id: number;
  refs: number[];
  tags: Record<string, string>;
}
interface ORelation {
  id: number;
  members: { type: string; ref: number; role: string }[];
  tags: Record<string, string>;
}
interface OsmDoc {
  root: Record<string, string>;
  bounds: Record<string, string> | null;
  comments: string[];
  /** Element types in file order, for the nodes → ways → relations check. */
  order: string[];
  versions: Set<string>;
  nodes: Map<number, ONode>;
  nodeIds: number[];
  ways: OWay[];
  relations: ORelation[];
}

function parseOsm(xml: string): OsmDoc {
  const doc: OsmDoc = {
    root: {},
    bounds: null,
    comments: [],
    order: [],
    versions: new Set(),
    nodes: new Map(),
    nodeIds: [],
    ways: [],
    relations: [],
  };
  const parser = new SaxesParser();
  let cur: ONode | OWay | ORelation | null = null;
  parser.on('comment', (c) => doc.comments.push(c));
  parser.on('opentag', (t) => {
    const a = t.attributes as Record<string, string>;
    switch (t.name) {
      case 'osm':
        doc.root = a;
        break;
      case 'bounds':
        doc.bounds = a;
        break;
      case 'node': {
        const n: ONode = { id: Number(a.id), lat: Number(a.lat), lon: Number(a.lon), tags: {} };
        doc.nodes.set(n.id, n);
        doc.nodeIds.push(n.id);
        doc.order.push('node');
        doc.versions.add(a.version);
        cur = n;
        break;
      }
      case 'way': {
        const w: OWay = { id: Number(a.id), refs: [], tags: {} };
        doc.ways.push(w);
        doc.order.push('way');
        doc.versions.add(a.version);
        cur = w;
        break;
      }
      case 'relation': {
        const r: ORelation = { id: Number(a.id), members: [], tags: {} };
        doc.relations.push(r);
        doc.order.push('relation');
        doc.versions.add(a.version);
        cur = r;
        break;
      }
      case 'tag':
        if (cur) cur.tags[a.k] = a.v;
        break;
      case 'nd':
        (cur as OWay).refs.push(Number(a.ref));
        break;
      case 'member':
        (cur as ORelation).members.push({ type: a.type, ref: Number(a.ref), role: a.role });
        break;
    }
  });
  parser.on('closetag', (t) => {
    if (t.name === 'node' || t.name === 'way' || t.name === 'relation') cur = null;
  });
  parser.write(xml).close();
  return doc;
}

// --- Geometry helpers (lon/lat treated as planar: enough for topology at this scale) ---

type P = [number, number];

function crosses(a: P, b: P, c: P, d: P): boolean {
  const o = (p: P, q: P, r: P) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const o1 = o(a, b, c);
  const o2 = o(a, b, d);
  const o3 = o(c, d, a);
  const o4 = o(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

function inRing(p: P, ring: P[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Metres between two lon/lat points (equirectangular; fine over a few km). */
function metres(a: P, b: P): number {
  const k = Math.cos((64 * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * k, a[1] - b[1]) * 111_320;
}

class UnionFind {
  private readonly parent = new Map<number, number>();
  find(x: number): number {
    if (!this.parent.has(x)) {
      this.parent.set(x, x);
      return x;
    }
    let root = x;
    while (this.parent.get(root) !== root) root = this.parent.get(root) as number;
    for (let c = x; c !== root; ) {
      const next = this.parent.get(c) as number;
      this.parent.set(c, root);
      c = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

// --- Fixtures ---------------------------------------------------------------------------------

interface Run {
  dir: string;
  manifest: DemoManifest;
  files: Record<string, Buffer>;
  osm: OsmDoc;
  places: { type: string; properties: Record<string, unknown>; geometry: { coordinates: P } }[];
  municipalities: { properties: Record<string, string>; geometry: { type: string; coordinates: P[][] } }[];
  county: { properties: Record<string, string>; geometry: { coordinates: P[][] } }[];
  progress: [number, number][];
}

const root = await mkdtemp(join(tmpdir(), 'sot-demo-test-'));
const runs = new Map<string, Run>();

async function run(seed: number, nodes: number, tag = ''): Promise<Run> {
  const key = `${seed}-${nodes}${tag}`;
  const cached = runs.get(key);
  if (cached) return cached;
  const dir = join(root, key);
  const progress: [number, number][] = [];
  const manifest = await generateDemoRegion({
    seed,
    nodes,
    outDir: dir,
    onProgress: (d, t) => progress.push([d, t]),
  });
  const files: Record<string, Buffer> = {};
  for (const name of Object.values(DEMO_FILES)) files[name] = await readFile(join(dir, name));
  const json = (name: string) => JSON.parse(files[name].toString('utf8')).features;
  const r: Run = {
    dir,
    manifest,
    files,
    osm: parseOsm(files[DEMO_FILES.osm].toString('utf8')),
    places: json(DEMO_FILES.places),
    municipalities: json(DEMO_FILES.municipalities),
    county: json(DEMO_FILES.counties),
    progress,
  };
  runs.set(key, r);
  return r;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let small: Run;
let large: Run;
/**
 * Size of the large fixture. Every property below can be checked on bigger regions ad hoc, e.g.
 * `SOT_DEMO_TEST_NODES=1000000 npx vitest run src/demo/generate.test.ts` (single-tile sizes,
 * up to 1 M: the bounding-box and municipality checks assume the one-tile region).
 */
const LARGE = Number(process.env.SOT_DEMO_TEST_NODES ?? 50_000);
const LARGE_SEED = Number(process.env.SOT_DEMO_TEST_SEED ?? 7);

beforeAll(async () => {
  small = await run(42, 5_000);
  large = await run(LARGE_SEED, LARGE);
}, 600_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const ROUTABLE = (w: OWay) =>
  w.tags.highway !== undefined && w.tags.highway !== 'track' && w.tags.access !== 'private';
const coordOf = (doc: OsmDoc, id: number): P => {
  const n = doc.nodes.get(id)!;
  return [n.lon, n.lat];
};

describe('generateDemoRegion', () => {
  it('is deterministic: same seed and node count give byte-identical files', async () => {
    const again = await run(42, 5_000, '-again');
    for (const name of Object.values(DEMO_FILES))
      expect(sha(again.files[name]), name).toBe(sha(small.files[name]));
  });

  it('gives a different region for a different seed', async () => {
    const other = await run(43, 5_000);
    expect(sha(other.files[DEMO_FILES.osm])).not.toBe(sha(small.files[DEMO_FILES.osm]));
    expect(sha(other.files[DEMO_FILES.places])).not.toBe(sha(small.files[DEMO_FILES.places]));
  });

  it('keeps places, municipalities and the service mix independent of the node count', async () => {
    const sameSeed = await run(LARGE_SEED, 5_000);
    expect(sha(sameSeed.files[DEMO_FILES.places])).toBe(sha(large.files[DEMO_FILES.places]));
    expect(sha(sameSeed.files[DEMO_FILES.municipalities])).toBe(sha(large.files[DEMO_FILES.municipalities]));
    expect(sameSeed.manifest.servicePoints).toEqual(large.manifest.servicePoints);
  });

  it.each([
    ['5k', () => small, 5_000],
    ['large', () => large, LARGE],
  ])('hits the requested node count (%s) exactly', (_label, get, requested) => {
    const r = get();
    expect(r.osm.nodes.size).toBe(r.manifest.nodes);
    expect(r.osm.nodes.size).toBe(requested);
    expect(r.osm.ways.length).toBe(r.manifest.ways);
    expect(r.osm.relations.length).toBe(r.manifest.relations);
  });

  it('writes well-formed OSM 0.6: root, bounds, nodes→ways→relations, ascending ids, version 1', () => {
    for (const r of [small, large]) {
      const { osm } = r;
      expect(osm.root.version).toBe('0.6');
      expect(osm.root.generator).toBe('sot-demo');
      expect(osm.bounds).toEqual({
        minlat: '63.6000000',
        minlon: '14.0000000',
        maxlat: '64.4000000',
        maxlon: '16.0000000',
      });
      expect(osm.comments.join(' ')).toMatch(/Fictional region generated by SOT/);
      expect([...osm.versions]).toEqual(['1']);
      const firstWay = osm.order.indexOf('way');
      const firstRel = osm.order.indexOf('relation');
      expect(osm.order.lastIndexOf('node')).toBeLessThan(firstWay);
      expect(osm.order.lastIndexOf('way')).toBeLessThan(firstRel);
      const ascending = (ids: number[]) => ids.every((id, i) => i === 0 || id > ids[i - 1]);
      expect(ascending(osm.nodeIds)).toBe(true);
      expect(ascending(osm.ways.map((w) => w.id))).toBe(true);
      expect(ascending(osm.relations.map((x) => x.id))).toBe(true);
      const outside = [...osm.nodes.values()].filter(
        (n) => !(n.lat >= 63.6 && n.lat <= 64.4 && n.lon >= 14 && n.lon <= 16),
      );
      expect(outside).toEqual([]);
    }
  });

  it('references only existing nodes and ways, with 2–2000 nodes per way', () => {
    for (const { osm } of [small, large]) {
      const wayIds = new Set(osm.ways.map((w) => w.id));
      expect(osm.ways.filter((w) => w.refs.length < 2 || w.refs.length > 2000).map((w) => w.id)).toEqual([]);
      expect(osm.ways.flatMap((w) => w.refs.filter((ref) => !osm.nodes.has(ref)))).toEqual([]);
      for (const rel of osm.relations) {
        expect(rel.members.length).toBeGreaterThan(0);
        for (const m of rel.members)
          expect(m.type === 'way' ? wayIds.has(m.ref) : osm.nodes.has(m.ref)).toBe(true);
      }
      // Every node is used by a way or carries tags: no stray untagged nodes.
      const used = new Set(osm.ways.flatMap((w) => w.refs));
      const stray = [...osm.nodes.values()].filter(
        (n) => !used.has(n.id) && Object.keys(n.tags).length === 0,
      );
      expect(stray).toEqual([]);
    }
  });

  it('crosses exactly one lake with exactly one road, and that road is the bridge', () => {
    for (const { osm, manifest } of [small, large]) {
      const lakes = osm.ways.filter((w) => w.tags.natural === 'water');
      expect(lakes.length).toBeGreaterThanOrEqual(2);
      const roads = osm.ways.filter((w) => w.tags.highway);
      const crossingsPerLake = lakes.map((lake) => {
        const ring = lake.refs.map((id) => coordOf(osm, id));
        const [minX, maxX] = [Math.min(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[0]))];
        const [minY, maxY] = [Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[1]))];
        return roads.filter((w) => {
          for (let i = 1; i < w.refs.length; i++) {
            const a = coordOf(osm, w.refs[i - 1]);
            const b = coordOf(osm, w.refs[i]);
            if (Math.max(a[0], b[0]) < minX || Math.min(a[0], b[0]) > maxX) continue;
            if (Math.max(a[1], b[1]) < minY || Math.min(a[1], b[1]) > maxY) continue;
            for (let k = 1; k < ring.length; k++) if (crosses(a, b, ring[k - 1], ring[k])) return true;
            // A segment wholly inside the lake would not cross its shore.
            if (inRing(a, ring) || inRing(b, ring)) return true;
          }
          return false;
        });
      });
      const crossed = crossingsPerLake.filter((c) => c.length > 0);
      expect(crossed).toHaveLength(1);
      expect(crossed[0]).toHaveLength(1);
      const bridge = crossed[0][0];
      expect(bridge.tags.bridge).toBe('yes');
      expect(bridge.tags.layer).toBe('1');
      expect(bridge.id).toBe(manifest.highlights.bridge.wayId);
    }
  });

  it('has a ferry with a duration across another lake, landing on roads at both ends', () => {
    for (const { osm, manifest } of [small, large]) {
      const ferries = osm.ways.filter((w) => w.tags.route === 'ferry');
      expect(ferries).toHaveLength(1);
      const ferry = ferries[0];
      expect(ferry.tags.duration).toBe('00:20');
      expect(ferry.id).toBe(manifest.highlights.ferry.wayId);
      const roadNodes = new Set(osm.ways.filter(ROUTABLE).flatMap((w) => w.refs));
      expect(roadNodes.has(ferry.refs[0])).toBe(true);
      expect(roadNodes.has(ferry.refs[ferry.refs.length - 1])).toBe(true);
      const a = coordOf(osm, ferry.refs[0]);
      const b = coordOf(osm, ferry.refs[ferry.refs.length - 1]);
      const water = osm.ways
        .filter((w) => w.tags.natural === 'water')
        .map((w) => w.refs.map((id) => coordOf(osm, id)));
      const crossedLakes = water.filter((ring) =>
        ring.some((p, i) => i > 0 && crosses(a, b, ring[i - 1], p)),
      );
      expect(crossedLakes).toHaveLength(1);
      expect(osm.relations.some((r) => r.tags.route === 'ferry' && r.members[0].ref === ferry.id)).toBe(true);
    }
  });

  it('has a connected road network, and the far shore hangs on the bridge alone', () => {
    for (const { osm, manifest, places } of [small, large]) {
      const routable = osm.ways.filter(ROUTABLE);
      const components = (skip?: number) => {
        const uf = new UnionFind();
        for (const w of routable) {
          if (w.id === skip) continue;
          for (let i = 1; i < w.refs.length; i++) uf.union(w.refs[i - 1], w.refs[i]);
          uf.find(w.refs[0]);
        }
        return uf;
      };
      const roadNodes = [...new Set(routable.flatMap((w) => w.refs))];
      const all = components();
      const roots = new Set(roadNodes.map((id) => all.find(id)));
      expect(roots.size).toBe(1);

      // Nearest road node of each place, to see which side of the bridge it is on.
      const nearest = (p: P) => {
        let best = roadNodes[0];
        let bd = Number.POSITIVE_INFINITY;
        for (const id of roadNodes) {
          const d = metres(p, coordOf(osm, id));
          if (d < bd) {
            bd = d;
            best = id;
          }
        }
        return { id: best, d: bd };
      };
      const cut = components(manifest.highlights.bridge.wayId);
      const town = places.find((f) => f.properties.place === 'town')!;
      const townRoot = cut.find(nearest(town.geometry.coordinates).id);
      const cutOff = places
        .filter((f) => {
          const n = nearest(f.geometry.coordinates);
          expect(n.d).toBeLessThan(300);
          return cut.find(n.id) !== townRoot;
        })
        .map((f) => f.properties.name);
      expect(cutOff.length).toBeGreaterThanOrEqual(1);
      expect(cutOff.sort()).toEqual([...manifest.highlights.bridge.dependentPlaces].sort());
    }
  });

  it('has dead-end valleys (one road in) as well as villages on loops', () => {
    for (const { osm, places } of [small, large]) {
      const routable = osm.ways.filter(ROUTABLE);
      // Graph-theoretic bridges (Tarjan): segments whose loss splits the road network.
      const adj = new Map<number, { to: number; e: number }[]>();
      let edges = 0;
      const link = (a: number, b: number, e: number) => {
        if (!adj.has(a)) adj.set(a, []);
        adj.get(a)!.push({ to: b, e });
      };
      const ends: [number, number][] = [];
      for (const w of routable) {
        for (let i = 1; i < w.refs.length; i++) {
          link(w.refs[i - 1], w.refs[i], edges);
          link(w.refs[i], w.refs[i - 1], edges);
          ends.push([w.refs[i - 1], w.refs[i]]);
          edges++;
        }
      }
      const disc = new Map<number, number>();
      const low = new Map<number, number>();
      const single = new Set<number>();
      let time = 0;
      for (const start of adj.keys()) {
        if (disc.has(start)) continue;
        disc.set(start, time);
        low.set(start, time++);
        const stack = [{ v: start, via: -1, i: 0 }];
        while (stack.length > 0) {
          const top = stack[stack.length - 1];
          const out = adj.get(top.v)!;
          if (top.i < out.length) {
            const { to, e } = out[top.i++];
            if (e === top.via) continue;
            if (!disc.has(to)) {
              disc.set(to, time);
              low.set(to, time++);
              stack.push({ v: to, via: e, i: 0 });
            } else low.set(top.v, Math.min(low.get(top.v)!, disc.get(to)!));
          } else {
            stack.pop();
            const parent = stack[stack.length - 1];
            if (!parent) continue;
            low.set(parent.v, Math.min(low.get(parent.v)!, low.get(top.v)!));
            if (low.get(top.v)! > disc.get(parent.v)!) single.add(top.via);
          }
        }
      }
      const uf = new UnionFind();
      ends.forEach(([a, b], e) => {
        uf.find(a);
        uf.find(b);
        if (!single.has(e)) uf.union(a, b);
      });
      const roadNodes = [...adj.keys()];
      const coords = roadNodes.map((id) => coordOf(osm, id));
      const nearest = (p: P) => {
        let best = 0;
        for (let k = 1; k < coords.length; k++) if (metres(p, coords[k]) < metres(p, coords[best])) best = k;
        return roadNodes[best];
      };
      const town = places.find((f) => f.properties.place === 'town')!;
      const core = uf.find(nearest(town.geometry.coordinates));
      const villages = places.filter((f) => f !== town);
      // Cut off from the town by the loss of a single road segment.
      const behindOneRoad = villages.filter((f) => uf.find(nearest(f.geometry.coordinates)) !== core);
      expect(behindOneRoad.length).toBeGreaterThanOrEqual(3);
      // On a loop: some road within 150 m of the village is part of a cycle.
      const onCycle = new Set(ends.flatMap(([a, b], e) => (single.has(e) ? [] : [a, b])));
      const cycleCoords = roadNodes.filter((id) => onCycle.has(id)).map((id) => coordOf(osm, id));
      const onLoop = villages.filter((f) => cycleCoords.some((c) => metres(f.geometry.coordinates, c) < 150));
      expect(onLoop.length).toBeGreaterThanOrEqual(2);
      expect(onLoop.length).toBeLessThan(villages.length);
    }
  });

  it('puts every place and service point in exactly one municipality, which partition the county', () => {
    for (const { osm, places, municipalities, county, manifest } of [small, large]) {
      expect(municipalities.length).toBeGreaterThanOrEqual(3);
      expect(municipalities.length).toBeLessThanOrEqual(4);
      const rings = municipalities.map((m) => {
        expect(m.geometry.type).toBe('Polygon');
        expect(m.properties.code).toMatch(/^99\d\d$/);
        expect(m.properties.county_code).toBe('99');
        return m.geometry.coordinates[0];
      });
      expect(manifest.municipalities).toEqual(
        municipalities.map((m) => ({ code: m.properties.code, name: m.properties.name })),
      );
      const containing = (p: P) => rings.map((r, i) => (inRing(p, r) ? i : -1)).filter((i) => i >= 0);
      for (const f of places) {
        const inside = containing(f.geometry.coordinates);
        expect(inside).toHaveLength(1);
        expect(municipalities[inside[0]].properties.code).toBe(f.properties.municipality_code);
      }
      const servicePoints = [...osm.nodes.values()].filter((n) => n.tags['sot:demo'] === 'yes');
      expect(servicePoints.length).toBeGreaterThan(places.length);
      for (const n of servicePoints) expect(containing([n.lon, n.lat])).toHaveLength(1);
      // No gaps or overlaps: a grid of probe points over the county each falls in exactly one.
      const [cRing] = county[0].geometry.coordinates;
      expect(county[0].properties.code).toBe('99');
      expect(county[0].properties.name).toMatch(/fiktiv/);
      for (let i = 0; i < 40; i++) {
        for (let k = 0; k < 40; k++) {
          const p: P = [14 + (2 * (i + 0.5137)) / 40, 63.6 + (0.8 * (k + 0.4719)) / 40];
          expect(inRing(p, cRing)).toBe(true);
          expect(containing(p)).toHaveLength(1);
        }
      }
    }
  });

  it('has 50+ localities with a rank–size population, one town and seasonal ski villages', () => {
    for (const { osm, places, manifest } of [small, large]) {
      expect(places.length).toBeGreaterThanOrEqual(50);
      expect(manifest.places).toBe(places.length);
      expect(places.filter((f) => f.properties.place === 'town')).toHaveLength(1);
      const ids = places.map((f) => f.properties.id as string);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^demo-place-\d{3}$/);
      const pops = places.map((f) => f.properties.population as number).sort((a, b) => b - a);
      const median = pops[Math.floor(pops.length / 2)];
      expect(pops[0]).toBeGreaterThanOrEqual(3000);
      expect(pops[0]).toBeLessThanOrEqual(6000);
      expect(pops[0]).toBeGreaterThan(5 * median);
      expect(pops.filter((p) => p >= 300 && p <= 1000).length).toBeGreaterThanOrEqual(2);
      const seasonal = places.filter((f) => f.properties.seasonal_population !== null);
      expect(seasonal.length).toBeGreaterThanOrEqual(2);
      for (const f of seasonal) {
        const ratio = (f.properties.seasonal_population as number) / (f.properties.population as number);
        expect(ratio).toBeGreaterThanOrEqual(2);
        expect(ratio).toBeLessThanOrEqual(4);
      }
      // The same places are in the OSM file, at the same coordinates.
      const placeNodes = [...osm.nodes.values()].filter((n) => n.tags.place);
      expect(placeNodes).toHaveLength(places.length);
      const byName = new Map(placeNodes.map((n) => [n.tags.name, n]));
      for (const f of places) {
        const n = byName.get(f.properties.name as string)!;
        expect([n.lon, n.lat]).toEqual(f.geometry.coordinates);
        expect(n.tags.place).toBe(f.properties.place);
        expect(Number(n.tags.population)).toBe(f.properties.population);
        expect(n.tags['population:seasonal'] ?? null).toBe(
          f.properties.seasonal_population === null ? null : String(f.properties.seasonal_population),
        );
      }
    }
  });

  it('tags service points the way the SOT importer reads them, near roads, in side-by-side pairs', () => {
    for (const { osm, manifest } of [small, large]) {
      const tagged = [
        ...[...osm.nodes.values()].map((n) => ({ tags: n.tags, at: [n.lon, n.lat] as P })),
        ...osm.ways
          .filter((w) => w.tags.shop)
          .map((w) => {
            const pts = w.refs.slice(0, -1).map((id) => coordOf(osm, id));
            return {
              tags: w.tags,
              at: [
                pts.reduce((s, p) => s + p[0], 0) / pts.length,
                pts.reduce((s, p) => s + p[1], 0) / pts.length,
              ] as P,
            };
          }),
      ].filter((e) => e.tags['sot:demo'] === 'yes' && !e.tags.place);
      for (const e of tagged) expect(e.tags.name).toBeTruthy();
      const is = {
        grocery: (t: Record<string, string>) => ['supermarket', 'general', 'convenience'].includes(t.shop),
        fuel: (t: Record<string, string>) => t.amenity === 'fuel',
        pharmacy: (t: Record<string, string>) => t.amenity === 'pharmacy' && t['pharmacy:type'] === undefined,
        pharmacy_agent: (t: Record<string, string>) =>
          t.amenity === 'pharmacy' && t['pharmacy:type'] === 'agent',
        parcel_agent: (t: Record<string, string>) =>
          t.amenity === 'post_office' && t.post_office === 'post_partner',
        atm: (t: Record<string, string>) => t.amenity === 'atm',
        community_hall: (t: Record<string, string>) => t.amenity === 'community_centre',
        school: (t: Record<string, string>) => t.amenity === 'school',
        rescue_station: (t: Record<string, string>) => t.amenity === 'fire_station',
        health_centre: (t: Record<string, string>) => t.amenity === 'clinic',
      };
      for (const [kind, test] of Object.entries(is)) {
        const count = tagged.filter((e) => test(e.tags)).length;
        expect(count, kind).toBeGreaterThan(0);
        expect(count, kind).toBe(manifest.servicePoints[kind as keyof typeof is]);
      }
      expect(tagged.filter((e) => e.tags.shop === 'supermarket').length).toBeGreaterThanOrEqual(1);
      expect(
        osm.ways.filter((w) => w.tags.shop && w.refs[0] === w.refs[w.refs.length - 1]).length,
      ).toBeGreaterThanOrEqual(1);
      const stores = tagged.filter((e) => is.grocery(e.tags));
      const fuels = tagged.filter((e) => is.fuel(e.tags));
      for (const f of fuels) {
        expect(f.tags['fuel:diesel']).toBe('yes');
        expect(f.tags['fuel:octane_95']).toBe('yes');
      }
      for (const s of stores) expect(s.tags.opening_hours).toBeTruthy();
      const generators = tagged.filter((e) => e.tags.backup_generator === 'yes');
      expect(generators.length).toBeGreaterThanOrEqual(2);
      for (const g of generators) {
        expect(is.grocery(g.tags) || is.fuel(g.tags)).toBe(true);
        expect(g.tags['backup_generator:kva']).toBe('70');
      }
      expect(tagged.some((e) => e.tags.brand === 'Byhandeln' || e.tags.brand === 'Fjällköp')).toBe(true);
      // SOT-punkt candidates: a store with a fuel station within 300 m, in several places.
      const pairs = stores.filter((s) => fuels.some((f) => metres(s.at, f.at) <= 300));
      expect(pairs.length).toBeGreaterThanOrEqual(3);
      // Stores and fuel stations stand within 300 m of a road node.
      const roadNodes = osm.ways.filter(ROUTABLE).flatMap((w) => w.refs.map((id) => coordOf(osm, id)));
      for (const e of [...stores, ...fuels]) expect(roadNodes.some((p) => metres(p, e.at) <= 300)).toBe(true);
    }
  });

  it('uses realistic road tagging: classes, surfaces, speeds, one-ways, a roundabout, a ford', () => {
    for (const { osm } of [small, large]) {
      const highways = osm.ways.filter((w) => w.tags.highway);
      const classes = new Set(highways.map((w) => w.tags.highway));
      for (const c of [
        'trunk',
        'primary',
        'secondary',
        'tertiary',
        'unclassified',
        'residential',
        'service',
        'track',
      ]) {
        expect(classes.has(c), c).toBe(true);
      }
      for (const t of highways.filter((w) => w.tags.highway === 'track')) {
        expect(t.tags.surface).toBe('gravel');
        expect(t.tags.tracktype).toMatch(/^grade[1-5]$/);
      }
      expect(highways.some((w) => w.tags.highway === 'unclassified' && w.tags.surface === 'gravel')).toBe(
        true,
      );
      const speeds = new Set(highways.map((w) => w.tags.maxspeed).filter(Boolean));
      for (const s of ['90', '70', '50', '30']) expect(speeds.has(s), s).toBe(true);
      expect(highways.some((w) => w.tags.oneway === 'yes')).toBe(true);
      const roundabouts = highways.filter((w) => w.tags.junction === 'roundabout');
      expect(roundabouts).toHaveLength(1);
      expect(roundabouts[0].refs[0]).toBe(roundabouts[0].refs[roundabouts[0].refs.length - 1]);
      expect(
        highways.filter((w) => w.tags.bridge === 'yes' && w.tags.layer === '1').length,
      ).toBeGreaterThanOrEqual(3);
      expect(highways.some((w) => w.tags.highway === 'service' && w.tags.access === 'private')).toBe(true);
      expect(highways.some((w) => w.tags.highway === 'track' && w.tags.ford === 'yes')).toBe(true);
      expect(
        osm.relations
          .filter((r) => r.tags.route === 'road')
          .map((r) => r.tags.ref)
          .sort(),
      ).toEqual(['990', '991']);
    }
  });

  it('writes a manifest that says it is fictional', () => {
    const m = small.manifest;
    expect(m).toMatchObject({
      generator: 'sot-demo',
      version: 2,
      seed: 42,
      requestedNodes: 5_000,
      bbox: [14, 63.6, 16, 64.4],
      tiles: { cols: 1, rows: 1 },
      county: { code: '99', name: 'Demolän (fiktivt)' },
      fictional: true,
      note: 'Fictional region generated by SOT — not real data',
    });
    expect(JSON.parse(small.files[DEMO_FILES.manifest].toString('utf8'))).toEqual(m);
    expect(m.highlights.skiResorts.length).toBeGreaterThanOrEqual(2);
  });

  it('reports progress up to the total', () => {
    const p = small.progress;
    expect(p.length).toBeGreaterThan(2);
    const total = p[p.length - 1][1];
    expect(p[p.length - 1]).toEqual([total, total]);
    expect(total).toBe(small.manifest.nodes + small.manifest.ways + small.manifest.relations);
    for (let i = 1; i < p.length; i++) expect(p[i][0]).toBeGreaterThanOrEqual(p[i - 1][0]);
  });

  it.each([
    [{ seed: 1.5, nodes: 20_000 }, 'seed'],
    [{ seed: 1, nodes: 100 }, 'nodes'],
    [{ seed: 1, nodes: 30_000_000 }, 'nodes'],
    [{ seed: 1, nodes: Number.NaN }, 'nodes'],
  ])('rejects bad options %o', async (opts, field) => {
    const err = await generateDemoRegion({ ...opts, outDir: join(root, 'never') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).id).toBe('validation_failed');
    expect((err as AppError).details.map((d) => d.field)).toContain(field);
  });

  it('rejects an output directory that cannot be created', async () => {
    const file = join(small.dir, DEMO_FILES.manifest);
    const err = await generateDemoRegion({ seed: 1, nodes: 5_000, outDir: join(file, 'sub') }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details[0]?.field).toBe('outDir');
  });
});
