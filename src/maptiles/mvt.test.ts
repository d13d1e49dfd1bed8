import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtoReader } from '../osm/protobuf.js';
import {
  Command,
  commandInteger,
  encodeGeometry,
  encodeTile,
  GeomType,
  type MvtFeature,
  MvtLayerEncoder,
} from './mvt.js';
import { decodeGeometry, decodeTile } from './test-mvt-decode.js';

const geometry = (type: MvtFeature['type'], parts: number[][]) => {
  const out: number[] = [];
  encodeGeometry(type, parts, out);
  return out;
};

describe('MVT geometry encoding (the worked examples of the spec, section 4.3.5)', () => {
  it('encodes a point', () => {
    expect(geometry('point', [[25, 17]])).toEqual([9, 50, 34]);
  });

  it('encodes a multi-point', () => {
    expect(geometry('point', [[5, 7, 3, 2]])).toEqual([17, 10, 14, 3, 9]);
  });

  it('encodes a line string', () => {
    expect(geometry('linestring', [[2, 2, 2, 10, 10, 10]])).toEqual([9, 4, 4, 18, 0, 16, 16, 0]);
  });

  it('encodes a multi-line string, the second part relative to the end of the first', () => {
    expect(
      geometry('linestring', [
        [2, 2, 2, 10, 10, 10],
        [1, 1, 3, 5],
      ]),
    ).toEqual([9, 4, 4, 18, 0, 16, 16, 0, 9, 17, 17, 10, 4, 8]);
  });

  it('encodes a polygon, dropping the closing point ClosePath stands for', () => {
    const expected = [9, 6, 12, 18, 10, 12, 24, 44, 15];
    expect(geometry('polygon', [[3, 6, 8, 12, 20, 34]])).toEqual(expected);
    expect(geometry('polygon', [[3, 6, 8, 12, 20, 34, 3, 6]])).toEqual(expected);
  });

  it('encodes a multi-polygon with a hole', () => {
    // The spec's example 4.3.5.7 (two polygons, the second with an interior ring).
    expect(
      geometry('polygon', [
        [0, 0, 10, 0, 10, 10, 0, 10, 0, 0],
        [11, 11, 20, 11, 20, 20, 11, 20, 11, 11],
        [13, 13, 13, 17, 17, 17, 17, 13, 13, 13],
      ]),
    ).toEqual([
      9, 0, 0, 26, 20, 0, 0, 20, 19, 0, 15, 9, 22, 2, 26, 18, 0, 0, 18, 17, 0, 15, 9, 4, 13, 26, 0, 8, 8, 0,
      0, 7, 15,
    ]);
  });

  it('never writes a LineTo that stays in place, and leaves out parts too short to draw', () => {
    expect(geometry('linestring', [[2, 2, 2, 2, 2, 10, 2, 10, 10, 10]])).toEqual([9, 4, 4, 18, 0, 16, 16, 0]);
    // Rounding merges 1.2 and 0.8 into the same integer point.
    expect(geometry('linestring', [[1.2, 1, 0.8, 1]])).toEqual([]);
    expect(geometry('linestring', [[5, 5]])).toEqual([]);
    expect(geometry('polygon', [[0, 0, 4, 0, 0, 0]])).toEqual([]);
    expect(geometry('point', [[]])).toEqual([]);
    // A dropped part does not move the cursor: the next part is relative to the last written one.
    expect(
      geometry('linestring', [
        [2, 2, 2, 10],
        [7, 7],
        [3, 10, 4, 10],
      ]),
    ).toEqual(
      decodeRoundTrip([
        [
          [2, 2],
          [2, 10],
        ],
        [
          [3, 10],
          [4, 10],
        ],
      ]),
    );
  });

  it('builds command integers as (id & 7) | (count << 3)', () => {
    expect(commandInteger(Command.moveTo, 1)).toBe(9);
    expect(commandInteger(Command.lineTo, 3)).toBe(26);
    expect(commandInteger(Command.closePath, 1)).toBe(15);
  });

  it('round-trips random lines through the decoder (after dropping repeats)', () => {
    const coord = fc.integer({ min: -5000, max: 9000 });
    const line = fc.array(fc.tuple(coord, coord), { minLength: 2, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), (lines) => {
        const out: number[] = [];
        encodeGeometry(
          'linestring',
          lines.map((l) => l.flat()),
          out,
        );
        const expected = lines
          .map((l) => l.filter((p, i) => i === 0 || p[0] !== l[i - 1][0] || p[1] !== l[i - 1][1]))
          .filter((l) => l.length >= 2);
        expect(decodeGeometry(GeomType.linestring, out)).toEqual(expected);
      }),
    );
  });
});

/** The command stream for already-clean absolute parts (built independently of the encoder). */
function decodeRoundTrip(parts: [number, number][][]): number[] {
  const zz = (n: number) => (n << 1) ^ (n >> 31);
  const out: number[] = [];
  let cx = 0;
  let cy = 0;
  for (const p of parts) {
    out.push(9, zz(p[0][0] - cx), zz(p[0][1] - cy), ((p.length - 1) << 3) | 2);
    for (let i = 1; i < p.length; i++) out.push(zz(p[i][0] - p[i - 1][0]), zz(p[i][1] - p[i - 1][1]));
    [cx, cy] = p[p.length - 1];
  }
  return out;
}

describe('MVT tile encoding', () => {
  it('round-trips layers, features, ids, every value type and the extent', () => {
    const tile = encodeTile([
      {
        name: 'roads',
        features: [
          {
            id: 7,
            type: 'linestring',
            parts: [[0, 0, 100, 0, 100, 100]],
            properties: {
              class: 'primary',
              bridge: true,
              lanes: 2,
              offset: -3,
              width: 7.5,
              missing: undefined,
            },
          },
          {
            type: 'linestring',
            parts: [[5, 5, 6, 6]],
            properties: { class: 'primary', bridge: false, none: null },
          },
          { id: 9, type: 'point', parts: [[10, 20]], properties: { big: 2 ** 40, small: -(2 ** 40) } },
        ],
      },
      { name: 'areas', extent: 512, features: [{ type: 'polygon', parts: [[0, 0, 10, 0, 10, 10, 0, 0]] }] },
      { name: 'empty', features: [] },
    ]);
    const layers = decodeTile(tile);
    expect(layers.map((l) => [l.name, l.version, l.extent])).toEqual([
      ['roads', 2, 4096],
      ['areas', 2, 512],
    ]);
    const [roads, areas] = layers;
    expect(roads.features.map((f) => f.id)).toEqual([7, undefined, 9]);
    expect(roads.features.map((f) => f.type)).toEqual([
      GeomType.linestring,
      GeomType.linestring,
      GeomType.point,
    ]);
    expect(roads.features[0].properties).toEqual({
      class: 'primary',
      bridge: true,
      lanes: 2,
      offset: -3,
      width: 7.5,
    });
    expect(roads.features[1].properties).toEqual({ class: 'primary', bridge: false });
    expect(roads.features[2].properties).toEqual({ big: 2 ** 40, small: -(2 ** 40) });
    expect(roads.features[0].parts).toEqual([
      [
        [0, 0],
        [100, 0],
        [100, 100],
      ],
    ]);
    expect(roads.features[2].parts).toEqual([[[10, 20]]]);
    expect(areas.features[0].parts).toEqual([
      [
        [0, 0],
        [10, 0],
        [10, 10],
      ],
    ]);
  });

  it('stores each key and value once per layer', () => {
    const enc = new MvtLayerEncoder('roads');
    for (let i = 0; i < 50; i++)
      enc.add({
        type: 'linestring',
        parts: [[i, 0, i, 10]],
        properties: { class: i % 2 ? 'primary' : 'track', n: 1 },
      });
    const [layer] = decodeTile(wrap(enc.finish()));
    expect(layer.keys).toEqual(['class', 'n']);
    expect(layer.values).toEqual(['track', 1, 'primary']);
    expect(layer.features).toHaveLength(50);
    // A string and a number that print the same are different values.
    const mixed = new MvtLayerEncoder('m');
    mixed.add({ type: 'point', parts: [[1, 1]], properties: { a: '1', b: 1, c: true, d: 'true' } });
    expect(decodeTile(wrap(mixed.finish()))[0].values).toEqual(['1', 1, true, 'true']);
  });

  it('leaves out features without geometry and layers without features; an empty tile is zero bytes', () => {
    const enc = new MvtLayerEncoder('roads');
    expect(enc.add({ type: 'linestring', parts: [[3, 3, 3, 3]] })).toBe(false);
    expect(enc.count).toBe(0);
    expect(enc.finish()).toBeNull();
    expect(encodeTile([{ name: 'roads', features: [{ type: 'linestring', parts: [] }] }])).toHaveLength(0);
  });

  it('puts each layer in tile field 3, its version field first', () => {
    const tile = encodeTile([{ name: 'x', features: [{ type: 'point', parts: [[0, 0]] }] }]);
    // Tile field 3 (layers), length-delimited.
    expect(tile[0]).toBe((3 << 3) | 2);
    const r = new ProtoReader(tile);
    r.tag();
    const end = r.lengthEnd();
    expect(end).toBe(tile.length);
    // Layer: version (15, varint) = 2 comes first.
    expect(r.tag()).toBe((15 << 3) | 0);
    expect(r.uvarint()).toBe(2);
  });

  it('refuses coordinates whose deltas would not fit the 32-bit parameter integers', () => {
    expect(() => geometry('point', [[2 ** 30, 0]])).toThrow(RangeError);
    expect(() => new MvtLayerEncoder('')).toThrow(RangeError);
  });
});

/** A tile holding one finished layer. */
function wrap(layer: Uint8Array | null): Uint8Array {
  if (!layer) throw new Error('empty layer');
  const out = new Uint8Array(layer.length + 6);
  let pos = 0;
  out[pos++] = (3 << 3) | 2;
  let len = layer.length;
  while (len >= 0x80) {
    out[pos++] = (len & 0x7f) | 0x80;
    len >>>= 7;
  }
  out[pos++] = len;
  out.set(layer, pos);
  return out.subarray(0, pos + layer.length);
}
