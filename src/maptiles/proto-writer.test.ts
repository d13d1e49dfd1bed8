import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldOf, ProtoReader, WireType, wireOf } from '../osm/protobuf.js';
import { ProtoWriter, varintSize, zigzag } from './proto-writer.js';

describe('ProtoWriter', () => {
  it('writes varints the reader reads back, in the predicted number of bytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (v) => {
        const w = new ProtoWriter(1).uvarint(v);
        expect(w.pos).toBe(varintSize(v));
        expect(new ProtoReader(w.finish()).uvarint()).toBe(v);
      }),
    );
  });

  it('encodes the protobuf documentation examples byte for byte', () => {
    // developers.google.com/protocol-buffers/docs/encoding: 150 → 96 01, 300 → ac 02, field 1 = 150 → 08 96 01.
    expect([...new ProtoWriter().uvarint(150).finish()]).toEqual([0x96, 0x01]);
    expect([...new ProtoWriter().uvarint(300).finish()]).toEqual([0xac, 0x02]);
    expect([...new ProtoWriter().uvarintField(1, 150).finish()]).toEqual([0x08, 0x96, 0x01]);
    expect([...new ProtoWriter().stringField(2, 'testing').finish()]).toEqual([
      0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67,
    ]);
  });

  it('zigzags signed values as the spec lists them and the reader undoes it', () => {
    expect([0, -1, 1, -2, 2, 2147483647, -2147483648].map(zigzag)).toEqual([
      0, 1, 2, 3, 4, 4294967294, 4294967295,
    ]);
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), (v) => {
        expect(new ProtoReader(new ProtoWriter().svarint(v).finish()).svarint()).toBe(v);
      }),
    );
  });

  it('refuses values a varint cannot hold', () => {
    expect(() => new ProtoWriter().uvarint(-1)).toThrow(RangeError);
    expect(() => new ProtoWriter().uvarint(1.5)).toThrow(RangeError);
    expect(() => new ProtoWriter().uvarint(Number.NaN)).toThrow(RangeError);
  });

  it('writes fields, packed arrays, doubles and nested messages the reader can walk', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 2 ** 32 }), { maxLength: 50 }),
        fc.string(),
        fc.double({ noNaN: true }),
        (packed, text, dbl) => {
          const inner = new ProtoWriter(2).uvarintField(1, 7).stringField(2, text);
          const w = new ProtoWriter(2)
            .packedUvarints(4, packed)
            .doubleField(3, dbl)
            .message(5, inner)
            .svarintField(6, -5);
          const bytes = w.finish();
          const r = new ProtoReader(bytes);
          const seen: Record<number, unknown> = {};
          while (r.pos < r.end) {
            const key = r.tag();
            const field = fieldOf(key);
            if (field === 4) {
              expect(wireOf(key)).toBe(WireType.bytes);
              const end = r.lengthEnd();
              const got: number[] = [];
              while (r.pos < end) got.push(r.uvarint());
              seen[4] = got;
            } else if (field === 3) {
              expect(wireOf(key)).toBe(WireType.fixed64);
              seen[3] = new DataView(bytes.buffer, bytes.byteOffset).getFloat64(r.pos, true);
              r.skip(WireType.fixed64);
            } else if (field === 5) {
              const end = r.lengthEnd();
              const m = new ProtoReader(bytes, r.pos, end);
              m.tag();
              const a = m.uvarint();
              m.tag();
              const sEnd = m.lengthEnd();
              const s = new TextDecoder().decode(bytes.subarray(m.pos, sEnd));
              seen[5] = [a, s];
              r.pos = end;
            } else if (field === 6) seen[6] = r.svarint();
          }
          // An empty packed field is left out entirely.
          expect(seen[4]).toEqual(packed.length > 0 ? packed : undefined);
          expect(Object.is(seen[3], dbl) || seen[3] === dbl).toBe(true);
          expect(seen[5]).toEqual([7, text]);
          expect(seen[6]).toBe(-5);
        },
      ),
    );
  });

  it('grows its buffer without losing bytes', () => {
    const w = new ProtoWriter(1);
    for (let i = 0; i < 10_000; i++) w.uvarint(i);
    const r = new ProtoReader(w.finish());
    for (let i = 0; i < 10_000; i++) expect(r.uvarint()).toBe(i);
    expect(r.pos).toBe(r.end);
  });
});
