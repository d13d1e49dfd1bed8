/**
 * A small, strict Mapbox Vector Tile decoder for tests, on our protobuf reader
 * (src/osm/protobuf.ts). Strict where the spec says MUST: known geometry commands only, no
 * LineTo that stays in place, ClosePath only on polygons, tags in pairs and within the tables,
 * exactly one value field per Value. Not used by shipped code.
 */
import { fieldOf, ProtoReader, WireType, wireOf } from '../osm/protobuf.js';
import { Command, GeomType, type MvtValue } from './mvt.js';

export interface DecodedFeature {
  id: number | undefined;
  type: number;
  properties: Record<string, MvtValue>;
  /** Parts (points, lines or rings) as absolute [x, y] lists. */
  parts: [number, number][][];
  /** The raw command stream. */
  geometry: number[];
}

export interface DecodedLayer {
  version: number;
  name: string;
  extent: number;
  keys: string[];
  values: MvtValue[];
  features: DecodedFeature[];
}

const text = new TextDecoder('utf-8', { fatal: true });

function readString(r: ProtoReader): string {
  const end = r.lengthEnd();
  const s = text.decode(r.buf.subarray(r.pos, end));
  r.pos = end;
  return s;
}

function readPacked(r: ProtoReader): number[] {
  const end = r.lengthEnd();
  const out: number[] = [];
  const inner = new ProtoReader(r.buf, r.pos, end);
  while (inner.pos < end) out.push(inner.uvarint());
  r.pos = end;
  return out;
}

function readValue(r: ProtoReader): MvtValue {
  const end = r.lengthEnd();
  const v = new ProtoReader(r.buf, r.pos, end);
  const found: MvtValue[] = [];
  while (v.pos < end) {
    const key = v.tag();
    const field = fieldOf(key);
    const view = new DataView(v.buf.buffer, v.buf.byteOffset);
    switch (field) {
      case 1:
        found.push(readString(v));
        break;
      case 2:
        v.expect(wireOf(key), WireType.fixed32);
        found.push(view.getFloat32(v.pos, true));
        v.skip(WireType.fixed32);
        break;
      case 3:
        v.expect(wireOf(key), WireType.fixed64);
        found.push(view.getFloat64(v.pos, true));
        v.skip(WireType.fixed64);
        break;
      case 4:
        found.push(v.int64());
        break;
      case 5:
        found.push(v.uvarint());
        break;
      case 6:
        found.push(v.svarint());
        break;
      case 7:
        found.push(v.uvarint() !== 0);
        break;
      default:
        v.skip(wireOf(key));
    }
  }
  r.pos = end;
  if (found.length !== 1) throw new Error(`a Value must hold exactly one value, found ${found.length}`);
  return found[0];
}

const unzigzag = (v: number) => (v >>> 1) ^ -(v & 1);

/** Absolute parts of a command stream, checking the spec's geometry rules. */
export function decodeGeometry(type: number, geometry: number[]): [number, number][][] {
  const parts: [number, number][][] = [];
  let x = 0;
  let y = 0;
  let i = 0;
  let current: [number, number][] | null = null;
  while (i < geometry.length) {
    const cmd = geometry[i] & 7;
    const count = geometry[i] >>> 3;
    i++;
    if (cmd === Command.moveTo) {
      if (count < 1) throw new Error('MoveTo with count 0');
      if (type !== GeomType.point && count !== 1)
        throw new Error('MoveTo count must be 1 for lines and polygons');
      for (let k = 0; k < count; k++) {
        if (i + 1 >= geometry.length) throw new Error('MoveTo runs past the geometry');
        x += unzigzag(geometry[i++]);
        y += unzigzag(geometry[i++]);
        if (type === GeomType.point) {
          if (!current) {
            current = [];
            parts.push(current);
          }
          current.push([x, y]);
        } else {
          current = [[x, y]];
          parts.push(current);
        }
      }
    } else if (cmd === Command.lineTo) {
      if (type === GeomType.point) throw new Error('LineTo in a point geometry');
      if (!current) throw new Error('LineTo before MoveTo');
      if (count < 1) throw new Error('LineTo with count 0');
      for (let k = 0; k < count; k++) {
        if (i + 1 >= geometry.length) throw new Error('LineTo runs past the geometry');
        const dx = unzigzag(geometry[i++]);
        const dy = unzigzag(geometry[i++]);
        if (dx === 0 && dy === 0) throw new Error('LineTo that does not move');
        x += dx;
        y += dy;
        current.push([x, y]);
      }
    } else if (cmd === Command.closePath) {
      if (type !== GeomType.polygon) throw new Error('ClosePath outside a polygon');
      if (count !== 1) throw new Error('ClosePath count must be 1');
      if (!current || current.length < 3) throw new Error('ClosePath on a ring of fewer than 3 points');
      current = null;
    } else throw new Error(`unknown command ${cmd}`);
  }
  if (type === GeomType.linestring && parts.some((p) => p.length < 2))
    throw new Error('a line part with fewer than 2 points');
  return parts;
}

function readFeature(r: ProtoReader, keys: string[], values: MvtValue[]): DecodedFeature {
  const end = r.lengthEnd();
  const f = new ProtoReader(r.buf, r.pos, end);
  let id: number | undefined;
  let tags: number[] = [];
  let type: number = GeomType.unknown;
  let geometry: number[] = [];
  while (f.pos < end) {
    const key = f.tag();
    switch (fieldOf(key)) {
      case 1:
        id = f.uvarint();
        break;
      case 2:
        f.expect(wireOf(key), WireType.bytes);
        tags = readPacked(f);
        break;
      case 3:
        type = f.uvarint();
        break;
      case 4:
        f.expect(wireOf(key), WireType.bytes);
        geometry = readPacked(f);
        break;
      default:
        f.skip(wireOf(key));
    }
  }
  r.pos = end;
  if (tags.length % 2 !== 0) throw new Error('odd number of tags');
  const properties: Record<string, MvtValue> = {};
  for (let i = 0; i < tags.length; i += 2) {
    if (tags[i] >= keys.length || tags[i + 1] >= values.length) throw new Error('tag outside the tables');
    properties[keys[tags[i]]] = values[tags[i + 1]];
  }
  return { id, type, properties, parts: decodeGeometry(type, geometry), geometry };
}

function readLayer(r: ProtoReader): DecodedLayer {
  const end = r.lengthEnd();
  const l = new ProtoReader(r.buf, r.pos, end);
  const layer: DecodedLayer = { version: 1, name: '', extent: 4096, keys: [], values: [], features: [] };
  // Features refer to keys and values that may come after them: collect ranges first.
  const featureRanges: [number, number][] = [];
  while (l.pos < end) {
    const key = l.tag();
    switch (fieldOf(key)) {
      case 15:
        layer.version = l.uvarint();
        break;
      case 1:
        layer.name = readString(l);
        break;
      case 2: {
        const start = l.pos;
        l.pos = l.lengthEnd();
        featureRanges.push([start, l.pos]);
        break;
      }
      case 3:
        layer.keys.push(readString(l));
        break;
      case 4:
        layer.values.push(readValue(l));
        break;
      case 5:
        layer.extent = l.uvarint();
        break;
      default:
        l.skip(wireOf(key));
    }
  }
  r.pos = end;
  if (!layer.name) throw new Error('a layer without a name');
  for (const [start, stop] of featureRanges)
    layer.features.push(readFeature(new ProtoReader(r.buf, start, stop), layer.keys, layer.values));
  return layer;
}

/** Decodes a whole tile. */
export function decodeTile(bytes: Uint8Array): DecodedLayer[] {
  const r = new ProtoReader(bytes);
  const layers: DecodedLayer[] = [];
  while (r.pos < r.end) {
    const key = r.tag();
    if (fieldOf(key) === 3 && wireOf(key) === WireType.bytes) layers.push(readLayer(r));
    else r.skip(wireOf(key));
  }
  return layers;
}
