/**
 * A minimal protocol-buffers wire-format writer, the counterpart of the reader in
 * src/osm/protobuf.ts: just what vector tiles need (varints, zigzag, length-delimited bytes,
 * packed repeated varints, 64-bit doubles).
 *
 * Writes into one growable byte buffer. Nested messages are encoded into their own writer and
 * embedded with {@link ProtoWriter.message}, which costs one copy per nesting level; tiles nest
 * two deep (tile → layer → feature), so that copy is cheap next to building the geometry.
 */
import { WireType } from '../osm/protobuf.js';

const TWO_32 = 4294967296;

/** Bytes a non-negative integer takes as a varint (exact up to 2^53). */
export function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  let size = 4;
  let v = Math.floor(value / 0x10000000);
  while (v > 0) {
    size++;
    v = Math.floor(v / 128);
  }
  return size;
}

/** Zigzag encoding of a signed integer (sint32/sint64): 0, -1, 1, -2 … → 0, 1, 2, 3 …; exact to ±2^52. */
export function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

export class ProtoWriter {
  private buf: Uint8Array;
  private view: DataView;
  /** Bytes written so far. */
  pos = 0;

  constructor(initialBytes = 256) {
    this.buf = new Uint8Array(Math.max(16, initialBytes));
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }

  /** An unsigned varint; `value` must be a non-negative integer up to 2^53. */
  uvarint(value: number): this {
    if (!(value >= 0) || !Number.isInteger(value))
      throw new RangeError(`varint needs a non-negative integer, got ${value}`);
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    if (value < TWO_32) {
      // The common case stays in 32-bit integer arithmetic.
      let v = value >>> 0;
      while (v >= 0x80) {
        buf[pos++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      buf[pos++] = v;
    } else {
      let v = value;
      while (v >= 0x80) {
        buf[pos++] = (v % 128) | 0x80;
        v = Math.floor(v / 128);
      }
      buf[pos++] = v;
    }
    this.pos = pos;
    return this;
  }

  /** A zigzag-encoded signed varint (sint32, sint64). */
  svarint(value: number): this {
    return this.uvarint(zigzag(value));
  }

  /** A field key. */
  tag(field: number, wire: number): this {
    return this.uvarint(field * 8 + wire);
  }

  /** Field with an unsigned varint value (uint32, uint64, enum, bool). */
  uvarintField(field: number, value: number): this {
    return this.tag(field, WireType.varint).uvarint(value);
  }

  /** Field with a zigzag varint value (sint32, sint64). */
  svarintField(field: number, value: number): this {
    return this.tag(field, WireType.varint).svarint(value);
  }

  /** Field with a 64-bit IEEE double. */
  doubleField(field: number, value: number): this {
    this.tag(field, WireType.fixed64);
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
    return this;
  }

  /** Length-delimited field holding raw bytes (bytes, embedded message). */
  bytesField(field: number, bytes: Uint8Array): this {
    this.tag(field, WireType.bytes).uvarint(bytes.length);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return this;
  }

  /** Length-delimited field holding a UTF-8 string. */
  stringField(field: number, value: string): this {
    return this.bytesField(field, encoder.encode(value));
  }

  /** An embedded message, taken from another writer. */
  message(field: number, inner: ProtoWriter): this {
    return this.bytesField(field, inner.bytes());
  }

  /** Packed repeated unsigned varints: `values[0 … count - 1]` (nothing is written when empty). */
  packedUvarints(field: number, values: ArrayLike<number>, count = values.length): this {
    if (count === 0) return this;
    let len = 0;
    for (let i = 0; i < count; i++) len += varintSize(values[i]);
    this.tag(field, WireType.bytes).uvarint(len);
    for (let i = 0; i < count; i++) this.uvarint(values[i]);
    return this;
  }

  /** Appends bytes as they are (a message's fields already encoded elsewhere). */
  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return this;
  }

  /** A view of the bytes written so far (valid until the next write). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** A copy of the bytes written so far, sized exactly. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

const encoder = new TextEncoder();
