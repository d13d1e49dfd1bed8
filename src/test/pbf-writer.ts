/**
 * A tiny OSM PBF *writer* for tests: builds small files with dense and plain nodes, ways and
 * relations, zlib-compressed or raw blobs and chosen header features, so the reader can be checked
 * against known content and edge cases the real extracts do not contain (negative ids, raw blobs,
 * unusual granularity). Written independently of the reader; clarity over speed (BigInt varints).
 */
import { deflateSync } from 'node:zlib';

class ProtoWriter {
  private readonly out: number[] = [];

  varint(value: number | bigint): this {
    // int64 semantics: negative numbers are their 64-bit two's complement (ten bytes).
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.out.push(Number(v));
    return this;
  }

  key(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }

  uint(field: number, value: number): this {
    return this.key(field, 0).varint(value);
  }

  sint(field: number, value: number): this {
    return this.key(field, 0).varint(zigzag(value));
  }

  bytes(field: number, data: Uint8Array): this {
    this.key(field, 2).varint(data.length);
    for (const b of data) this.out.push(b);
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, Buffer.from(s, 'utf8'));
  }

  packed(field: number, values: readonly (number | bigint)[]): this {
    const w = new ProtoWriter();
    for (const v of values) w.varint(v);
    return this.bytes(field, w.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

const zigzag = (n: number): bigint => {
  const b = BigInt(n);
  return b >= 0n ? b * 2n : -b * 2n - 1n;
};

const deltas = (xs: readonly number[]): number[] => xs.map((x, i) => (i === 0 ? x : x - xs[i - 1]));

export interface TestNode {
  id: number;
  lat: number;
  lon: number;
  tags?: Record<string, string>;
}
export interface TestWay {
  id: number;
  refs: number[];
  tags?: Record<string, string>;
}
export interface TestRelation {
  id: number;
  members: { type: 'node' | 'way' | 'relation'; ref: number; role: string }[];
  tags?: Record<string, string>;
}

export interface TestBlock {
  /** Written as one DenseNodes group. */
  dense?: TestNode[];
  /** Written as plain `Node` messages. */
  nodes?: TestNode[];
  ways?: TestWay[];
  relations?: TestRelation[];
  /** Store this block's blob raw instead of zlib-compressed. */
  raw?: boolean;
  granularity?: number;
  latOffset?: number;
  lonOffset?: number;
}

export interface TestPbfOptions {
  requiredFeatures?: string[];
  /** Store the header blob raw. */
  rawHeader?: boolean;
}

/** Builds a complete `.osm.pbf` file in memory. */
export function buildPbf(blocks: TestBlock[], opts: TestPbfOptions = {}): Buffer {
  const header = new ProtoWriter();
  for (const f of opts.requiredFeatures ?? ['OsmSchema-V0.6', 'DenseNodes']) header.string(4, f);
  header.string(16, 'sot-test-writer');
  const frames = [frame('OSMHeader', header.finish(), opts.rawHeader ?? false)];
  for (const b of blocks) frames.push(frame('OSMData', primitiveBlock(b), b.raw ?? false));
  return Buffer.concat(frames);
}

/** One frame (length, BlobHeader, Blob) around an arbitrary payload, e.g. deliberate garbage. */
export function frame(type: string, payload: Uint8Array, raw: boolean): Buffer {
  const blob = new ProtoWriter();
  if (raw) blob.bytes(1, payload);
  else blob.uint(2, payload.length).bytes(3, deflateSync(payload));
  const blobBytes = blob.finish();
  const header = new ProtoWriter().string(1, type).uint(3, blobBytes.length).finish();
  const len = Buffer.alloc(4);
  len.writeUInt32BE(header.length);
  return Buffer.concat([len, header, blobBytes]);
}

function primitiveBlock(b: TestBlock): Uint8Array {
  const gran = b.granularity ?? 100;
  const latOff = b.latOffset ?? 0;
  const lonOff = b.lonOffset ?? 0;
  const strings: string[] = [''];
  const sid = (s: string): number => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const writeTags = (m: ProtoWriter, tags: Record<string, string> = {}) => {
    const entries = Object.entries(tags);
    if (entries.length === 0) return;
    m.packed(
      2,
      entries.map(([k]) => sid(k)),
    );
    m.packed(
      3,
      entries.map(([, v]) => sid(v)),
    );
  };
  const lat = (deg: number) => Math.round((deg * 1e9 - latOff) / gran);
  const lon = (deg: number) => Math.round((deg * 1e9 - lonOff) / gran);

  const groups: Uint8Array[] = [];
  if (b.dense?.length) {
    const d = new ProtoWriter();
    const nodes = b.dense;
    d.packed(1, deltas(nodes.map((n) => n.id)).map(zigzag));
    d.packed(8, deltas(nodes.map((n) => lat(n.lat))).map(zigzag));
    d.packed(9, deltas(nodes.map((n) => lon(n.lon))).map(zigzag));
    if (nodes.some((n) => n.tags && Object.keys(n.tags).length > 0)) {
      const kv: number[] = [];
      for (const n of nodes) {
        for (const [k, v] of Object.entries(n.tags ?? {})) kv.push(sid(k), sid(v));
        kv.push(0);
      }
      d.packed(10, kv);
    }
    groups.push(new ProtoWriter().bytes(2, d.finish()).finish());
  }
  if (b.nodes?.length) {
    const g = new ProtoWriter();
    for (const n of b.nodes) {
      const m = new ProtoWriter().sint(1, n.id);
      writeTags(m, n.tags);
      m.sint(8, lat(n.lat)).sint(9, lon(n.lon));
      g.bytes(1, m.finish());
    }
    groups.push(g.finish());
  }
  if (b.ways?.length) {
    const g = new ProtoWriter();
    for (const w of b.ways) {
      const m = new ProtoWriter().uint(1, w.id);
      writeTags(m, w.tags);
      m.packed(8, deltas(w.refs).map(zigzag));
      g.bytes(3, m.finish());
    }
    groups.push(g.finish());
  }
  if (b.relations?.length) {
    const g = new ProtoWriter();
    const types = { node: 0, way: 1, relation: 2 };
    for (const r of b.relations) {
      const m = new ProtoWriter().uint(1, r.id);
      writeTags(m, r.tags);
      m.packed(
        8,
        r.members.map((x) => sid(x.role)),
      );
      m.packed(9, deltas(r.members.map((x) => x.ref)).map(zigzag));
      m.packed(
        10,
        r.members.map((x) => types[x.type]),
      );
      g.bytes(4, m.finish());
    }
    groups.push(g.finish());
  }

  // String table must be complete before it is written, so groups were encoded first.
  const st = new ProtoWriter();
  for (const s of strings) st.string(1, s);
  const block = new ProtoWriter().bytes(1, st.finish());
  for (const g of groups) block.bytes(2, g);
  if (gran !== 100) block.uint(17, gran);
  if (latOff !== 0) block.uint(19, latOff);
  if (lonOff !== 0) block.uint(20, lonOff);
  return block.finish();
}
