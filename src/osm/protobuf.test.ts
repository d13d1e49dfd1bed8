import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldOf, ProtobufError, ProtoReader, WireType, wireOf } from './protobuf.js';

/** Reference encoder (BigInt, obviously correct) to check the fast decoder against. */
function encodeVarint(value: bigint): number[] {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const zigzag = (n: bigint) => (n >= 0n ? n * 2n : -n * 2n - 1n);
const reader = (bytes: number[]) => new ProtoReader(Uint8Array.from(bytes));

describe('ProtoReader', () => {
  it('decodes unsigned varints exactly up to 2^53', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(reader(encodeVarint(BigInt(n))).uvarint()).toBe(n);
      }),
    );
    expect(reader(encodeVarint(2n ** 53n - 1n)).uvarint()).toBe(2 ** 53 - 1);
  });

  it('decodes zigzag varints (sint64) of both signs, with and without room for the fast path', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.boolean(), (n, padded) => {
        const bytes = encodeVarint(zigzag(BigInt(n)));
        const r = reader(padded ? [...bytes, 0, 0, 0, 0] : bytes);
        expect(r.svarint()).toBe(n);
        expect(r.pos).toBe(bytes.length);
      }),
    );
  });

  it('decodes two-complement int64 including negative ids', () => {
    for (const n of [0, 1, 127, 128, 2 ** 31, 2 ** 40 + 5, -1, -2, -123456789, -(2 ** 40), -(2 ** 53 - 1)]) {
      expect(reader(encodeVarint(BigInt(n))).int64()).toBe(n);
    }
  });

  it('reads a sequence and splits keys into field and wire type', () => {
    const r = reader([...encodeVarint(BigInt((17 << 3) | 2)), 3, 1, 2, 3, ...encodeVarint(300n)]);
    const key = r.tag();
    expect(fieldOf(key)).toBe(17);
    expect(wireOf(key)).toBe(WireType.bytes);
    const end = r.lengthEnd();
    expect(end - r.pos).toBe(3);
    r.pos = end;
    expect(r.uvarint()).toBe(300);
    expect(r.pos).toBe(r.end);
  });

  it('skips every supported wire type', () => {
    const r = reader([
      0x08, 0x96, 0x01, 0x11, 1, 2, 3, 4, 5, 6, 7, 8, 0x1a, 2, 9, 9, 0x25, 1, 2, 3, 4, 0x28, 7,
    ]);
    for (let i = 0; i < 4; i++) r.skip(wireOf(r.tag()));
    r.tag();
    expect(r.uvarint()).toBe(7);
  });

  it('throws ProtobufError instead of reading past the end', () => {
    expect(() => reader([0x80, 0x80]).uvarint()).toThrow(ProtobufError);
    expect(() => reader([0x80]).svarint()).toThrow(ProtobufError);
    expect(() => reader([0xff, 0xff]).int64()).toThrow(ProtobufError);
    expect(() => reader([]).uvarint()).toThrow(ProtobufError);
    expect(() => reader([5, 1, 2]).lengthEnd()).toThrow(/runs past end/);
    expect(() => reader([1, 2, 3]).skip(WireType.fixed64)).toThrow(ProtobufError);
  });

  it('rejects over-long varints and group wire types', () => {
    expect(() => reader(new Array(11).fill(0x80)).uvarint()).toThrow(/longer than 10 bytes/);
    expect(() => reader(new Array(11).fill(0x80)).int64()).toThrow(/longer than 10 bytes/);
    expect(() => reader([0]).skip(3)).toThrow(/wire type 3/);
  });

  it('respects a sub-range end inside a larger buffer', () => {
    const r = new ProtoReader(Uint8Array.from([0x96, 0x01, 0x05]), 0, 1);
    expect(() => r.uvarint()).toThrow(ProtobufError);
    expect(() => new ProtoReader(new Uint8Array(2), 0, 3)).toThrow(ProtobufError);
  });
});
