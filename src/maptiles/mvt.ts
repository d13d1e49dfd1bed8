/**
 * Mapbox Vector Tile encoder, written from the specification (version 2.1,
 * github.com/mapbox/vector-tile-spec, `vector_tile.proto`):
 *
 * ```
 * Tile    { repeated Layer layers = 3; }
 * Layer   { required uint32 version = 15 [default 1]; required string name = 1;
 *           repeated Feature features = 2; repeated string keys = 3; repeated Value values = 4;
 *           optional uint32 extent = 5 [default 4096]; }
 * Feature { optional uint64 id = 1; repeated uint32 tags = 2 [packed];
 *           optional GeomType type = 3; repeated uint32 geometry = 4 [packed]; }
 * Value   { string_value = 1; float_value = 2; double_value = 3; int_value = 4;
 *           uint_value = 5; sint_value = 6; bool_value = 7 }  (exactly one set)
 * ```
 *
 * Feature properties are `tags`: pairs of indices into the layer's `keys` and `values` tables,
 * which hold each distinct key and value once. Geometry is a stream of command integers
 * `(id & 7) | (count << 3)` — MoveTo (1), LineTo (2), ClosePath (7) — each followed by
 * `count` zigzag-encoded (dx, dy) pairs relative to the cursor, which starts at (0, 0) for
 * every feature. Coordinates are integers in tile space: (0, 0) top left, (extent, extent)
 * bottom right; points may lie outside that square (the buffer).
 *
 * Rules the encoder enforces so its output is valid whatever the caller passes: a LineTo never
 * repeats the cursor position (the spec forbids dx = dy = 0 there), so repeated points are
 * dropped; a line part needs two distinct points and a polygon ring three (shorter parts are
 * left out); a ring's closing point is implied by ClosePath, so a repeated first point at the end
 * is dropped; a feature with no geometry left is not written; a layer with no features is not
 * written either.
 */
import { ProtoWriter } from './proto-writer.js';

/** Geometry types of the spec (`GeomType`). */
export const GeomType = { unknown: 0, point: 1, linestring: 2, polygon: 3 } as const;
export type GeomTypeName = Exclude<keyof typeof GeomType, 'unknown'>;

/** Command ids of the geometry encoding. */
export const Command = { moveTo: 1, lineTo: 2, closePath: 7 } as const;

export const DEFAULT_EXTENT = 4096;
export const MVT_VERSION = 2;

/** A property value: strings, booleans and numbers (integers become int types, others doubles). */
export type MvtValue = string | number | boolean;

/**
 * One feature. `parts` are flat integer coordinate lists `[x0, y0, x1, y1, …]` in tile space:
 * for points every pair is a point (one part or many: a multi-point), for lines each part is a
 * line string, for polygons each part is a ring (exterior rings clockwise in tile space — y
 * points down — interior rings anticlockwise, as the spec requires; the encoder does not reorder).
 */
export interface MvtFeature {
  id?: number;
  type: GeomTypeName;
  parts: readonly ArrayLike<number>[];
  /** Properties; `undefined` and `null` values are left out. */
  properties?: Readonly<Record<string, MvtValue | null | undefined>>;
}

export interface MvtLayer {
  name: string;
  extent?: number;
  features: Iterable<MvtFeature>;
}

/** The command integer for `count` repetitions of command `id`. */
export function commandInteger(id: number, count: number): number {
  return (id & 0x7) | (count << 3);
}

const zz = (n: number) => ((n << 1) ^ (n >> 31)) >>> 0;

/**
 * Encodes one feature's geometry into `out` (cleared first) as command integers. Returns the
 * number of parts written (0: nothing valid, leave the feature out).
 */
export function encodeGeometry(
  type: GeomTypeName,
  parts: readonly ArrayLike<number>[],
  out: number[],
): number {
  out.length = 0;
  let cx = 0;
  let cy = 0;
  if (type === 'point') {
    let count = 0;
    out.push(0);
    for (const part of parts)
      for (let i = 0; i + 1 < part.length; i += 2) {
        const x = toInt(part[i]);
        const y = toInt(part[i + 1]);
        out.push(zz(x - cx), zz(y - cy));
        cx = x;
        cy = y;
        count++;
      }
    if (count === 0) {
      out.length = 0;
      return 0;
    }
    out[0] = commandInteger(Command.moveTo, count);
    return 1;
  }
  const polygon = type === 'polygon';
  const pts = scratch;
  let written = 0;
  for (const part of parts) {
    // Integer points without consecutive repeats (a LineTo must move the cursor).
    let n = 0;
    for (let i = 0; i + 1 < part.length; i += 2) {
      const x = toInt(part[i]);
      const y = toInt(part[i + 1]);
      if (n > 0 && x === pts[2 * n - 2] && y === pts[2 * n - 1]) continue;
      pts[2 * n] = x;
      pts[2 * n + 1] = y;
      n++;
    }
    // A ring's closing point is ClosePath's job.
    if (polygon && n > 1 && pts[0] === pts[2 * n - 2] && pts[1] === pts[2 * n - 1]) n--;
    if (n < (polygon ? 3 : 2)) continue;
    out.push(commandInteger(Command.moveTo, 1), zz(pts[0] - cx), zz(pts[1] - cy));
    out.push(commandInteger(Command.lineTo, n - 1));
    for (let i = 1; i < n; i++)
      out.push(zz(pts[2 * i] - pts[2 * i - 2]), zz(pts[2 * i + 1] - pts[2 * i - 1]));
    cx = pts[2 * n - 2];
    cy = pts[2 * n - 1];
    if (polygon) out.push(commandInteger(Command.closePath, 1));
    written++;
  }
  return written;
}

/** Reused point buffer of {@link encodeGeometry} (a plain array grows as needed). */
const scratch: number[] = [];

function toInt(v: number): number {
  const r = Math.round(v);
  // Deltas between two such coordinates still fit the 32-bit zigzag of the spec.
  if (!(r >= -0x20000000 && r <= 0x20000000)) throw new RangeError(`tile coordinate ${v} out of range`);
  return r;
}

/**
 * Builds one layer: features are encoded as they are added, keys and values collected into the
 * layer's tables.
 */
export class MvtLayerEncoder {
  readonly name: string;
  readonly extent: number;
  private readonly features = new ProtoWriter(4096);
  private readonly keys = new Map<string, number>();
  private readonly values = new Map<string, number>();
  private readonly valueList: MvtValue[] = [];
  private readonly geometry: number[] = [];
  private readonly tags: number[] = [];
  private readonly feature = new ProtoWriter(256);
  /** Features written so far. */
  count = 0;

  constructor(name: string, extent = DEFAULT_EXTENT) {
    if (!name) throw new RangeError('a layer needs a name');
    this.name = name;
    this.extent = extent;
  }

  /** Adds a feature; returns false when it had no valid geometry and was left out. */
  add(f: MvtFeature): boolean {
    if (encodeGeometry(f.type, f.parts, this.geometry) === 0) return false;
    this.tags.length = 0;
    if (f.properties)
      for (const key in f.properties) {
        const value = f.properties[key];
        if (value === undefined || value === null) continue;
        this.tags.push(this.keyIndex(key), this.valueIndex(value));
      }
    const w = this.feature;
    w.pos = 0;
    if (f.id !== undefined) w.uvarintField(1, f.id);
    w.packedUvarints(2, this.tags);
    w.uvarintField(3, GeomType[f.type]);
    w.packedUvarints(4, this.geometry);
    this.features.message(2, w);
    this.count++;
    return true;
  }

  private keyIndex(key: string): number {
    let i = this.keys.get(key);
    if (i === undefined) {
      i = this.keys.size;
      this.keys.set(key, i);
    }
    return i;
  }

  private valueIndex(value: MvtValue): number {
    const k = `${typeof value}:${value}`;
    let i = this.values.get(k);
    if (i === undefined) {
      i = this.valueList.length;
      this.values.set(k, i);
      this.valueList.push(value);
    }
    return i;
  }

  /** The encoded `Layer` message (its fields, without the tile's field key), or null when empty. */
  finish(): Uint8Array | null {
    if (this.count === 0) return null;
    const w = new ProtoWriter(this.features.pos + 64 * (this.keys.size + this.valueList.length) + 64);
    w.uvarintField(15, MVT_VERSION);
    w.stringField(1, this.name);
    w.raw(this.features.bytes());
    for (const key of this.keys.keys()) w.stringField(3, key);
    const v = new ProtoWriter(32);
    for (const value of this.valueList) {
      v.pos = 0;
      encodeValue(v, value);
      w.message(4, v);
    }
    if (this.extent !== DEFAULT_EXTENT) w.uvarintField(5, this.extent);
    return w.finish();
  }
}

function encodeValue(w: ProtoWriter, value: MvtValue): void {
  if (typeof value === 'string') w.stringField(1, value);
  else if (typeof value === 'boolean') w.uvarintField(7, value ? 1 : 0);
  else if (Number.isSafeInteger(value)) {
    if (value >= 0) w.uvarintField(5, value);
    else w.svarintField(6, value);
  } else w.doubleField(3, value);
}

/** Encodes a tile from finished layers (as {@link MvtLayerEncoder.finish} returns them). */
export function encodeTileFromLayers(layers: readonly (Uint8Array | null)[]): Uint8Array {
  const w = new ProtoWriter(layers.reduce((n, l) => n + (l ? l.length + 8 : 0), 16));
  for (const layer of layers) if (layer) w.bytesField(3, layer);
  return w.finish();
}

/** Encodes a whole tile. Empty layers are left out; a tile with none is zero bytes (valid). */
export function encodeTile(layers: readonly MvtLayer[]): Uint8Array {
  return encodeTileFromLayers(
    layers.map((l) => {
      const enc = new MvtLayerEncoder(l.name, l.extent);
      for (const f of l.features) enc.add(f);
      return enc.finish();
    }),
  );
}
